/**
 * One ADMMiRNN run on the text task of fixtures/tks/text.json (TKS §4.2.3: next character of Kafka's
 * Metamorphosis, windows of 25, hidden 100, 10% held out) with some hyperparameters overridden, through the
 * `tks-admmirnn` method itself (so the run is what `lagrangelab train --method tks-admmirnn` does with the same
 * `params` in the instance file).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hyper } from '../problem/types.ts';
import { tksAdmmirnn } from '../method.ts';

/** The text instance shipped with lagrangelab (its text file is resolved next to it). */
export const TEXT_INSTANCE = fileURLToPath(new URL('../../../../fixtures/tks/text.json', import.meta.url));

/** What one run gives back (plain JSON). */
export interface TksRunOutcome {
  stop: 'iterations' | 'time-budget' | 'diverged';
  iterations: number;
  /** Loss of the final parameters on the training text and on the held-out text (nats per character). */
  trainLoss: number | null;
  heldOutLoss: number | null;
  /** The batch loss R of each iteration (before its update): the training curve. */
  curve: (number | null)[];
  trainMs: number;
  /** The hyperparameters used (absolute, as in (8)). */
  hyper: Hyper;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Train for `iterations` with the instance's defaults times `scale` (per hyperparameter, e.g. `{ rho3: 10 }`) or
 * with absolute values `set` (e.g. `{ nu: 1e-6 }`); `seed` draws the initial weights.
 */
export function runTks(o: { iterations: number; seed: number; scale?: Partial<Hyper>; set?: Partial<Hyper> }): TksRunOutcome {
  const base = tksAdmmirnn.prepare({ instance: { file: TEXT_INSTANCE, text: readFileSync(TEXT_INSTANCE, 'utf8') }, flags: { iterations: o.iterations }, seed: o.seed }).instance;
  const hyper: Hyper = { ...base.hyper };
  for (const [k, f] of Object.entries(o.scale ?? {}) as [keyof Hyper, number][]) hyper[k] = base.hyper[k] * f;
  Object.assign(hyper, o.set ?? {});
  // the instance file fixes its own seed for the initial weights; the experiment's seed replaces it
  const { seed: _fixed, ...rest } = base;
  if (rest.kind !== 'text') throw new Error(`${TEXT_INSTANCE}: expected a text instance`);
  const out = tksAdmmirnn.run({ ...rest, hyper }, { seed: o.seed });
  if (!('result' in out)) throw new Error('tks-admmirnn: a text instance gave a window result');
  const r = out.result;
  return {
    stop: r.stop, iterations: r.iterations, trainLoss: finite(r.trainLoss), heldOutLoss: finite(r.heldOutLoss),
    curve: r.trace.map((row) => finite(row.batchLoss)), trainMs: r.trainMs, hyper,
  };
}
