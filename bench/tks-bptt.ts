/**
 * The baselines' BPTT for TKS's tanh RNN (`src/models/tanhRnn.ts`) at the text task's sizes (hidden 100, N = 25,
 * B = 32, 61 symbols), checked and timed against an independent NumPy BPTT (`bench/reference/tks_bptt_grad.py`):
 * one batch's loss and gradient from the same θ, and the median time of a loss + gradient evaluation.
 *
 *   node --import tsx bench/tks-bptt.ts [--batch J] [--reps R]
 *
 * Needs python3 with NumPy for the comparison (else prints the TS timing only). Not a test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { inArena } from '../src/linalg/index.ts';
import { tksTaskReader } from '../src/papers/tks/baselineTask.ts';
import { tanhRnnBatchLoss, tanhRnnWorkspace } from '../src/models/tanhRnn.ts';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const file = path.join(here, '..', 'fixtures', 'tks', 'text.json');
const { task } = tksTaskReader.read(file, fs.readFileSync(file, 'utf8'));
const theta0 = tksTaskReader.initialize(task, 'tks', 1);
const j = Number(arg('batch', '7'));
const reps = Number(arg('reps', '30'));
const B = task.batch, N = task.train.N;
const m = inArena((alloc) => ({ theta: alloc(theta0.length), grad: alloc(theta0.length), ws: tanhRnnWorkspace(task.dims, N, B, false, alloc) }));
m.theta.set(theta0);
const times: number[] = [];
let loss = NaN;
for (let r = 0; r < reps; r++) {
  const t0 = performance.now();
  loss = tanhRnnBatchLoss(task.train, m.theta, m.ws, j * B, (j + 1) * B, m.grad);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const tsMs = times[Math.floor(reps / 2)];
console.log(`TS: loss ${loss}, median ${tsMs.toFixed(2)} ms per loss + gradient (${reps} reps; load ${os.loadavg()[0].toFixed(1)})`);
const x = task.train.x.kind === 'onehot' ? Array.from(task.train.x.idx.subarray(j * B * N, (j + 1) * B * N)) : [];
const y = task.train.y.kind === 'classes' ? Array.from(task.train.y.y.subarray(j * B * N, (j + 1) * B * N)) : [];
const dump = path.join(os.tmpdir(), `tks-bptt-${process.pid}.json`);
fs.writeFileSync(dump, JSON.stringify({ dims: task.dims, N, B, theta: Array.from(theta0), grad: Array.from(m.grad), loss, x, y, reps }));
const py = spawnSync('python3', [path.join(here, 'reference', 'tks_bptt_grad.py'), dump], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } });
fs.rmSync(dump, { force: true });
if (py.status !== 0) console.log(`NumPy reference not run: ${py.stderr || py.error?.message}`);
else console.log(py.stdout.trim());
