/**
 * One ADMMiRNN run on the text task of fixtures/tks/text.json (TKS §4.2.3: next character of Kafka's
 * Metamorphosis, windows of 25, hidden 100, 10% held out) with some hyperparameters overridden, through the
 * `tks-admmirnn` method itself (so the run is what `lagrangelab train --method tks-admmirnn` does with the same
 * `params` in the instance file).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hyper } from '../../problem/types.ts';
import { parseTksInstance } from '../../problem/instance.ts';
import { prepareText, type TextTask } from '../../problem/text.ts';
import { defaultHyper } from '../../solver/defaults.ts';
import { tksAdmmirnn, type TksMethodResult } from '../../method.ts';

/** The text instance shipped with lagrangelab (its text file is resolved next to it). */
export const TEXT_INSTANCE = fileURLToPath(new URL('../../../../../fixtures/tks/text.json', import.meta.url));

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

/**
 * A text task sized for an experiment: the first `chars` characters of the instance's text (null: all of it),
 * windows of `N`, batches of `B` windows, `hidden` units, the instance's split. The scaled experiments and the
 * ledger's tiny runs cut the same text this way, so a claim and its experiment differ only in sizes.
 */
export interface TextSetup {
  readonly chars: number | null;
  readonly N: number;
  readonly B: number;
  readonly hidden: number;
}

/** The paper's sizes on the shipped text (fixtures/tks/text.json: hidden 100, N 25, B 32, all of Metamorphosis). */
export const FULL_TEXT: TextSetup = { chars: null, N: 25, B: 32, hidden: 100 };

let textCache: { file: string; text: string; split: number } | undefined;

/** The text of {@link TEXT_INSTANCE} and its split (read once per process). */
function shippedText(): { file: string; text: string; split: number } {
  if (textCache === undefined) {
    const inst = parseTksInstance(readFileSync(TEXT_INSTANCE, 'utf8'));
    if (inst.task !== 'text') throw new Error(`${TEXT_INSTANCE}: expected a text instance`);
    const file = resolve(dirname(TEXT_INSTANCE), inst.textFile);
    textCache = { file, text: readFileSync(file, 'utf8'), split: inst.split };
  }
  return textCache;
}

/** The text task of a setup (throws RangeError when the slice cannot hold one window per stream). */
export function textTaskOf(setup: TextSetup): { task: TextTask; textFile: string } {
  const t = shippedText();
  return { task: prepareText(setup.chars === null ? t.text : t.text.slice(0, setup.chars), setup.N, setup.B, t.split), textFile: t.file };
}

/**
 * An ADMMiRNN run on a setup through the `tks-admmirnn` method with its defaults for the setup's M = N·B (times
 * `scale`, or replaced by `set`), initial weights from `seed`; returns the method's own result.
 */
export function runTksOn(setup: TextSetup, o: { iterations: number; seed: number; scale?: Partial<Hyper>; set?: Partial<Hyper> }): TksMethodResult & { hyper: Hyper } {
  const { task, textFile } = textTaskOf(setup);
  const base = defaultHyper(setup.N * setup.B);
  const hyper: Hyper = { ...base };
  for (const [k, f] of Object.entries(o.scale ?? {}) as [keyof Hyper, number][]) hyper[k] = base[k] * f;
  Object.assign(hyper, o.set ?? {});
  const out = tksAdmmirnn.run(
    { kind: 'text', file: TEXT_INSTANCE, textFile, task, hidden: setup.hidden, hyper, iterations: o.iterations, sweeps: 1, seed: o.seed, warnings: [] },
    { seed: o.seed },
  );
  if (!('result' in out)) throw new Error('tks-admmirnn: a text instance gave a window result');
  return { ...out, hyper };
}

/** {@link runTksOn} as the plain-JSON outcome the experiments store. */
export function runTksOutcome(setup: TextSetup, o: { iterations: number; seed: number; scale?: Partial<Hyper>; set?: Partial<Hyper> }): TksRunOutcome {
  const { result: r, hyper } = runTksOn(setup, o);
  return {
    stop: r.stop, iterations: r.iterations, trainLoss: finite(r.trainLoss), heldOutLoss: finite(r.heldOutLoss),
    curve: r.trace.map((row) => finite(row.batchLoss)), trainMs: r.trainMs, hyper,
  };
}
