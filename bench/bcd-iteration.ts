/**
 * Benchmark: median time per BCD iteration (z, h, u blocks of Algorithm 3.2) at the paper's large synthetic size
 * T=500, n=80, m=30, r=100, on the flat kernels (the solver) and on ml-matrix kernels (bench/mlmatrix-bcd.ts),
 * with MFLOP/s from a nominal operation count. Not a test: run with `npm run bench [-- --reps N --iters J]`.
 *
 * Both paths start from the same iterate, and after one iteration their results are compared, so the speed-up
 * is measured on code that computes the same thing.
 */
import { performance } from 'node:perf_hooks';
import { generateSetting } from '../src/papers/wzc/problem/synthetic.ts';
import { initWeights } from '../src/papers/wzc/problem/init.ts';
import { forward } from '../src/models/elman.ts';
import { tableTwo } from '../src/papers/wzc/solver/defaults.ts';
import { bcdWorkspace, runBcd, TraceBuffer } from '../src/papers/wzc/solver/bcd.ts';
import type { Iterate, Multipliers, Problem } from '../src/papers/wzc/problem/types.ts';
import { cloneIterate } from '../src/papers/wzc/problem/types.ts';
import { mlMatrixBcdIteration } from './mlmatrix-bcd.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

/** Nominal flops of one z+h+u iteration (multiply-add = 2), counting only the dense algebra. */
export function nominalFlops(T: number, n: number, m: number, r: number): number {
  const p = r + n + 1;
  const zW = T * p * p + 2 * T * p * r + (p * p * p) / 3 + 2 * p * p * r;
  const zA = T * (r + 1) * (r + 1) + 2 * T * (r + 1) * m + ((r + 1) ** 3) / 3 + 2 * (r + 1) * (r + 1) * m;
  const h = 2 * r * r * r + 2 * m * r * r + (2 * r * r * r) / 3 + 2 * T * n * r + 2 * T * r * r + 2 * T * m * r + 2 * r * r * T;
  const u = 2 * T * p * r;
  return zW + zA + h + u;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function maxRelDiff(a: Iterate, b: Iterate): number {
  let worst = 0;
  const pairs: [Float64Array, Float64Array][] = [
    [a.z.W, b.z.W], [a.z.V, b.z.V], [a.z.b, b.z.b], [a.z.A, b.z.A], [a.z.c, b.z.c], [a.h, b.h], [a.u, b.u],
  ];
  for (const [x, y] of pairs) {
    let scale = 1;
    for (let i = 0; i < y.length; i++) scale = Math.max(scale, Math.abs(y[i]));
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / scale);
  }
  return worst;
}

function main(): void {
  const reps = arg('reps', 5);
  const iters = arg('iters', 30);
  const syn = generateSetting('synthetic-T500', 1);
  const d = syn.data.dims;
  const { params, lambda } = tableTwo('synthetic-T500', d);
  const probT: Problem = { data: syn.data, activation: syn.activation, lambda };
  const prob = probT;
  const z0 = initWeights(d, 'normal-1e-1', 2);
  const fw = forward(d, prob.data.X, z0, prob.activation);
  const s0: Iterate = { z: z0, h: fw.h, u: fw.u };
  const mult: Multipliers = { xi: new Float64Array(d.T * d.r), zeta: new Float64Array(d.T * d.r) };
  const gamma = params.gamma0;
  const flops = nominalFlops(d.T, d.n, d.m, d.r);

  // flat path: J iterations of runBcd with a stop test that cannot fire (eps tiny) and inner = J
  const timeFlat = (simd: boolean): number[] => {
    const w = bcdWorkspace(probT, false, simd);
    const out: number[] = [];
    for (let rep = 0; rep < reps + 1; rep++) {
      const trace = new TraceBuffer(iters + 1);
      const t0 = performance.now();
      runBcd(w, { k: 1, s0, sPrev: s0, mult, gamma, eps: 1e-300, params: { ...params, inner: iters }, trace, t0 });
      const dt = (performance.now() - t0) / iters;
      if (rep > 0) out.push(dt); // rep 0 warms up the JIT
    }
    return out;
  };
  const flat = timeFlat(true);
  const flatJs = timeFlat(false);
  const ws = bcdWorkspace(probT, false);

  const ml: number[] = [];
  for (let rep = 0; rep < Math.max(2, Math.ceil(reps / 2)) + 1; rep++) {
    const s = cloneIterate(s0);
    const t0 = performance.now();
    const mlIters = Math.max(2, Math.ceil(iters / 4));
    for (let j = 0; j < mlIters; j++) mlMatrixBcdIteration(probT, s, mult, gamma, params.mu);
    const dt = (performance.now() - t0) / mlIters;
    if (rep > 0) ml.push(dt);
  }

  // agreement after one iteration from the same start
  runBcd(ws, { k: 1, s0, sPrev: s0, mult, gamma, eps: 1e-300, params: { ...params, inner: 1 }, trace: new TraceBuffer(2), t0: 0 });
  const sMl = cloneIterate(s0);
  mlMatrixBcdIteration(probT, sMl, mult, gamma, params.mu);
  const flatOut = ws.cur;

  const fMed = median(flat), mMed = median(ml);
  const line = (name: string, ms: number) =>
    `${name.padEnd(22)} ${ms.toFixed(2).padStart(8)} ms/iter   ${(flops / ms / 1e3).toFixed(0).padStart(6)} MFLOP/s`;
  process.stdout.write(`BCD iteration (z, h, u) at T=${d.T} n=${d.n} m=${d.m} r=${d.r}; nominal ${(flops / 1e6).toFixed(1)} MFLOP\n`);
  process.stdout.write(`${line('flat + wasm SIMD', fMed)}   (median of ${flat.length} × ${iters} iterations)\n`);
  process.stdout.write(`${line('flat, JS only (no SIMD)', median(flatJs))}   (4×4 register-blocked kernels)\n`);
  process.stdout.write(`${line('ml-matrix', mMed)}   (median of ${ml.length})\n`);
  process.stdout.write(`speed-up flat / ml-matrix: ${(mMed / fMed).toFixed(2)}×   (accept ≥ 2×)\n`);
  process.stdout.write(`numpy/OpenBLAS reference ≈ 5.5 ms/iter (shared/notes/stack.md): flat is ${(fMed / 5.5).toFixed(2)}× that\n`);
  process.stdout.write(`max relative difference flat vs ml-matrix after one iteration: ${maxRelDiff(flatOut, sMl).toExponential(2)}\n`);
}

main();
