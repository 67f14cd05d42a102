/**
 * The TKS text task, side by side (issue #8's targets): per seed, the output-only floor (random RNN, readout
 * fitted exactly) and ADMMiRNN under the same time budget on one core, with the held-out loss in nats per
 * character, against the unigram entropy and the authors' published code (3.74 nats/char, quoted).
 *
 *   node --import tsx bench/tks-text.ts [--seeds 1,2,3] [--budget SEC] [--variants fresh,kept,zero]
 *        [--hyper '{"r":8e-6}'] [--batch B] [--eval-every K] [--iterations K] [--methods floor,admm,adam] [--out FILE]
 *
 * With python3 and NumPy, BPTT + Adam (`bench/reference/tks_bptt_adam.py`: the same RNN, pipeline and held-out
 * measure) runs from the same initialization under the same budget (the project's own gradient baselines do not
 * exist yet).
 *
 * Variants measure the data-pipeline choice of `problem/text.ts`: 'fresh' (the default: every visit starts at the
 * RNN's feasible point, state carried between windows), 'kept' (each batch resumes its a, s, o, λ), 'zero'
 * (s0 = 0 for every window). Evaluation time is not counted in a budget. Not a test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { outputOnlyFloor } from '../src/papers/tks/solver/outputOnly.ts';
import { initParamsInto } from '../src/papers/tks/problem/init.ts';
import { sequenceLoss } from '../src/papers/tks/problem/rnn.ts';
import { prepareText, textDims, unigramEntropy } from '../src/papers/tks/problem/text.ts';
import { zeroParams } from '../src/papers/tks/problem/types.ts';
import { DEFAULT_BATCH, DEFAULT_HYPER } from '../src/papers/tks/solver/defaults.ts';
import { trainText } from '../src/papers/tks/solver/train.ts';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

/** The held-out loss the authors' public code ends at on this text (issue #8). */
const AUTHORS_CODE = 3.74;

const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const budgetMs = Number(arg('budget', '600')) * 1000;
const variants = arg('variants', 'fresh').split(',') as ('fresh' | 'kept' | 'zero')[];
const hyper = { ...DEFAULT_HYPER, ...(JSON.parse(arg('hyper', '{}')) as object) };
const B = Number(arg('batch', String(DEFAULT_BATCH)));
const text = fs.readFileSync(new URL('../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8');
const task = prepareText(text, 25, B, 0.9);
const dims = textDims(task, 100);
const evalEvery = Number(arg('eval-every', String(task.J)));
/** --iterations K runs ADMMiRNN for K iterations instead of the time budget (comparisons at equal work). */
const iterationCap = Number(arg('iterations', String(Number.MAX_SAFE_INTEGER)));
const unigram = unigramEntropy(Int32Array.from([...task.train, ...task.heldOut]), task.vocab.length);

const methods = new Set(arg('methods', 'floor,admm,adam').split(','));
const withAdam = methods.has('adam');

/** BPTT + Adam in NumPy (bench/reference/tks_bptt_adam.py) from the same initialization and budget; null without python3. */
function adamReference(init: ReturnType<typeof zeroParams>, seed: number): unknown {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tks-adam-'));
  const initFile = path.join(dir, 'init.json'), outFile = path.join(dir, 'out.json');
  fs.writeFileSync(initFile, JSON.stringify(Object.fromEntries((['u', 'w', 'b', 'v', 'c'] as const).map((k) => [k, Array.from(init[k])]))));
  const textFile = new URL('../fixtures/data/metamorphosis.txt', import.meta.url).pathname;
  const script = new URL('./reference/tks_bptt_adam.py', import.meta.url).pathname;
  const py = spawnSync('python3', [script, textFile, initFile, String(budgetMs / 1000), outFile], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }, encoding: 'utf8',
  });
  const out = py.status === 0 ? (JSON.parse(fs.readFileSync(outFile, 'utf8')) as unknown) : { error: (py.stderr || 'python3 unavailable').trim().split('\n').pop(), seed };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

const rows: Record<string, unknown>[] = [];
for (const seed of seeds) {
  const init = zeroParams(dims);
  initParamsInto(init, dims, seed);
  const row: Record<string, unknown> = { seed, initHeldOut: sequenceLoss(init, task.heldOut, dims, 1).loss };
  if (methods.has('floor')) {
    const t0 = performance.now();
    const floor = outputOnlyFloor(task, init, { timeBudgetMs: budgetMs, gradTol: 1e-6 });
    row.floor = {
      heldOut: floor.heldOutLoss, train: floor.trainLoss, iterations: floor.fit.iterations, stop: floor.fit.stop,
      gradInf: floor.fit.gradInf, seconds: (performance.now() - t0) / 1000,
    };
  }
  for (const variant of methods.has('admm') ? variants : []) {
    const res = trainText(task, init, {
      hyper, iterations: iterationCap, ...(iterationCap === Number.MAX_SAFE_INTEGER ? { timeBudgetMs: budgetMs } : {}), evalEvery,
      aux: variant === 'kept' ? 'kept' : 'fresh', carry: variant === 'zero' ? 'zero' : 'state',
    });
    row[`admm-${variant}`] = {
      heldOut: res.heldOutLoss, train: res.trainLoss, iterations: res.iterations, epochs: res.iterations / task.J,
      msPerIteration: res.trainMs / res.iterations,
      curve: res.trace.filter((r) => r.heldOutLoss !== undefined).map((r) => [r.k, Number((r.timeMs / 1000).toFixed(1)), Number(r.heldOutLoss!.toFixed(4))]),
    };
  }
  if (withAdam) row['bptt-adam'] = adamReference(init, seed);
  rows.push(row);
  console.error(JSON.stringify(row, (k, v) => (k === 'curve' ? undefined : v)));
}
const summary = {
  task: { chars: text.length, vocab: task.vocab.length, train: task.train.length, heldOut: task.heldOut.length, N: task.N, B, J: task.J, hidden: 100 },
  budgetSeconds: budgetMs / 1000, hyper, unigramEntropy: unigram, authorsCode: AUTHORS_CODE, node: process.version, rows,
};
const out = arg('out', '');
if (out) fs.writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
console.log(JSON.stringify(summary, null, 2));
