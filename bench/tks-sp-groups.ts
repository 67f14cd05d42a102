/**
 * SP-ADMMiRNN's semantics in one thread, for two ways of putting TKS Fig. 3's three groups {u, w, b}, {a, s},
 * {o, v, c} on two workers (issue #8: "the loss reached must beat the output-only model"):
 *
 *   kind    the parameter worker {u, w, b} ∪ {v, c}, the state worker {a, s} ∪ {o} — what `--parallel sp` builds;
 *   output  the parameter worker {u, w, b}, the state worker {a, s} ∪ {o, v, c} (Fig. 3's output group kept whole).
 *
 * The rounds are `runSpSequential` (`solver/parallel/spSequential.ts`), the one-thread reference the threaded SP is
 * tested against bit for bit. Not timed: what the per-iteration curve is over long runs, and where the state
 * worker's share of vanilla's block time caps the throughput.
 *
 *   node --import tsx bench/tks-sp-groups.ts [--split kind,output] [--eta 0.5] [--iterations 4000] [--seed 1]
 */
import * as fs from 'node:fs';
import { initParamsInto } from '../src/papers/tks/problem/init.ts';
import { sequenceLoss } from '../src/papers/tks/problem/rnn.ts';
import { prepareText, textDims } from '../src/papers/tks/problem/text.ts';
import { zeroParams } from '../src/papers/tks/problem/types.ts';
import { DEFAULT_BATCH, DEFAULT_HYPER } from '../src/papers/tks/solver/defaults.ts';
import { GROUPS, type Groups } from '../src/papers/tks/solver/parallel/roles.ts';
import { runSpSequential } from '../src/papers/tks/solver/parallel/spSequential.ts';
import { parameterWorkerBlocks } from '../src/papers/tks/solver/parallel/roles.ts';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const text = fs.readFileSync(new URL('../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8');
const task = prepareText(text, 25, DEFAULT_BATCH, 0.9);
const dims = textDims(task, 100);
const splits = arg('split', 'kind,output').split(',');
const eta = Number(arg('eta', '0.5')), K = Number(arg('iterations', '4000')), seed = Number(arg('seed', '1'));
const fro = (a: Float64Array): number => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
for (const split of splits) {
  if (!(GROUPS as readonly string[]).includes(split)) throw new Error(`--split: expected kind or output, got ${split}`);
  const init = zeroParams(dims);
  initParamsInto(init, dims, seed);
  const r = runSpSequential(task, init, { hyper: DEFAULT_HYPER, iterations: K, groups: split as Groups, stepScale: eta });
  const held = sequenceLoss(r.params, task.heldOut, dims, 1).loss;
  const w = 100, out: string[] = [];
  for (let i = 0; i + w <= r.losses.length; i += 500) out.push(`${i + w}: ${(r.losses.slice(i, i + w).reduce((s, x) => s + x, 0) / w).toFixed(3)}`);
  console.log(`split ${split} (parameter worker ${parameterWorkerBlocks(split as Groups).join(', ')}), η ${eta}, ${K} iterations, seed ${seed}: held-out ${held.toFixed(4)} nats/char; ‖v‖_F ${fro(r.params.v).toFixed(1)}, ‖w‖_F ${fro(r.params.w).toFixed(2)}, ‖u‖_F ${fro(r.params.u).toFixed(1)}`);
  console.log(`  batch loss (mean of the 100 iterations ending at) ${out.join(', ')}`);
  console.log(`  ms per round in one thread: state worker ${r.msState.toFixed(2)}, parameter worker ${r.msParams.toFixed(2)} (2 threads: at best ${((r.msState + r.msParams) / Math.max(r.msState, r.msParams)).toFixed(2)}× the rounds per second)`);
}
