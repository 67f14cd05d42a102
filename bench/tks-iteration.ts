/**
 * Benchmark: one vanilla ADMMiRNN visit (the RNN's feasible start (4) + one iteration of Algorithm 1 with the
 * multipliers (15)) at hidden 100, N = 25, 61 symbols, B = 32 — median time in the TS solver (flat kernels,
 * WebAssembly SIMD) against the NumPy reference `bench/reference/tks_iteration.py` (single-threaded BLAS),
 * started from the same state, whose results are compared (so the timings are of code that computes the same
 * thing). Not a test: `node --import tsx bench/tks-iteration.ts [--pairs P] [--per-pair N] [--seed S]`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { inArena } from '../src/linalg/index.ts';
import { initParamsInto } from '../src/papers/tks/problem/init.ts';
import { lossLipschitz } from '../src/papers/tks/problem/loss.ts';
import { forwardInto } from '../src/papers/tks/problem/rnn.ts';
import { prepareText, textBatch, textDims } from '../src/papers/tks/problem/text.ts';
import type { Params } from '../src/papers/tks/problem/types.ts';
import { zeroAux, zeroParams } from '../src/papers/tks/problem/types.ts';
import { DEFAULT_HYPER } from '../src/papers/tks/solver/defaults.ts';
import { flagsOf } from '../src/papers/tks/solver/faults.ts';
import { admmIteration, invalidateProducts } from '../src/papers/tks/solver/iteration.ts';
import { startVisit } from '../src/papers/tks/solver/train.ts';
import { allocWorkspace } from '../src/papers/tks/solver/workspace.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const seed = arg('seed', 1);
const text = fs.readFileSync(new URL('../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8');
const task = prepareText(text, 25, 32, 0.9);
const dims = textDims(task, 100);
const { N, B, d, h, q } = dims;
const M = N * B;
const hyper = { ...DEFAULT_HYPER };
const init = zeroParams(dims);
initParamsInto(init, dims, seed);

// a start with a nonzero carried state: visit batches 0 and 1, keep batch 1's data and s0
const batch = textBatch(task, h);
const carry = new Float64Array(B * h);
const scratchAux = zeroAux(dims);
const fwd = { wT: new Float64Array(h * h), vT: new Float64Array(h * q) };
startVisit(task, 0, init, batch, scratchAux, carry, fwd);
startVisit(task, 1, init, batch, scratchAux, carry, fwd);

const mem = inArena((alloc) => ({
  p: { u: alloc(h * d), w: alloc(h * h), b: alloc(h), v: alloc(q * h), c: alloc(q) } as Params,
  aux: { a: alloc(M * h), s: alloc(M * h), o: alloc(M * q) },
  mult: { l1: alloc(B * h), l2: alloc(B * h), l3: alloc(B * q) },
  s0: alloc(B * h),
  ws: allocWorkspace(dims, false, alloc),
  fwd: { wT: alloc(h * h), vT: alloc(h * q) },
}));
mem.s0.set(batch.s0);
const tsBatch = { ...batch, s0: mem.s0 };
const ctx = { dims, hp: hyper, H: lossLipschitz('cross-entropy', M), faults: flagsOf(undefined) };
const st = { p: mem.p, aux: mem.aux, mult: mem.mult, batch: tsBatch };

function visit(): void {
  for (const k of ['u', 'w', 'b', 'v', 'c'] as const) mem.p[k].set(init[k]);
  forwardInto(mem.aux, mem.p, tsBatch, mem.fwd);
  mem.mult.l1.fill(0);
  mem.mult.l2.fill(0);
  mem.mult.l3.fill(0);
  invalidateProducts(mem.ws);
  admmIteration(ctx, st, mem.ws);
}

for (let i = 0; i < 5; i++) visit();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tks-bench-'));
const inFile = path.join(dir, 'in.json'), outFile = path.join(dir, 'out.json');
fs.writeFileSync(inFile, JSON.stringify({
  dims, hyper, params: Object.fromEntries((['u', 'w', 'b', 'v', 'c'] as const).map((k) => [k, Array.from(init[k])])),
  s0: Array.from(batch.s0), x: Array.from((batch.x as { idx: Int32Array }).idx), y: Array.from((batch.y as { y: Int32Array }).y),
}));
const script = new URL('./reference/tks_iteration.py', import.meta.url).pathname;

// Pairs: `perPair` TS visits (median), then the NumPy reference's own median of `perPair` runs in a fresh process,
// so each ratio is taken under the same load (the machine is shared).
const pairs = arg('pairs', 7), perPair = arg('per-pair', 5);
const tsMedians: number[] = [], pyMedians: number[] = [], ratios: number[] = [];
let pyNote = '', numpyVersion = '', worst = NaN;
for (let k = 0; k < pairs; k++) {
  const times: number[] = [];
  for (let i = 0; i < perPair; i++) {
    const t0 = performance.now();
    visit();
    times.push(performance.now() - t0);
  }
  tsMedians.push(median(times));
  const py = spawnSync('python3', [script, inFile, outFile, String(perPair)], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }, encoding: 'utf8',
  });
  if (py.status !== 0) {
    pyNote = `not run: ${(py.stderr || py.error?.message || 'python3 unavailable').trim().split('\n').pop()}`;
    continue;
  }
  const out = JSON.parse(fs.readFileSync(outFile, 'utf8')) as Record<string, number[] | number | string>;
  pyMedians.push(out.medianMs as number);
  ratios.push(tsMedians[k] / (out.medianMs as number));
  numpyVersion = out.numpy as string;
  worst = 0;
  for (const key of ['u', 'w', 'b', 'v', 'c'] as const) {
    const a = mem.p[key], b = out[key] as number[];
    let scale = 1;
    for (const x of b) scale = Math.max(scale, Math.abs(x));
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  }
}
const summary: Record<string, unknown> = {
  setting: { hidden: h, N, symbols: d, batch: B, hyper, what: 'feasible start (4) + one iteration of Algorithm 1 + (15)' },
  ts: { medianMs: median(tsMedians), minMs: Math.min(...tsMedians), pairs, perPair, node: process.version },
  numpy: pyNote || { medianMs: median(pyMedians), minMs: Math.min(...pyMedians), version: numpyVersion, threads: 1 },
  ...(pyNote ? {} : { ratioTsOverNumpy: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }, maxRelDiffParams: worst }),
};
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(summary, null, 2));
