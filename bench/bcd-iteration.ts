/**
 * Benchmark: median time per BCD iteration (z, h, u blocks of Algorithm 3.2 and the trace row) at the paper's
 * large synthetic size T=500, n=80, m=30, r=100, on the flat kernels (the solver, with and without the SIMD
 * arena), on ml-matrix kernels (bench/mlmatrix-bcd.ts), and against the numpy/OpenBLAS single-thread reference
 * `bench/reference/wzc_bcd.py` run in the same sitting from the same start, with MFLOP/s from a nominal
 * operation count and the time per block. Not a test:
 * `npm run bench [-- --reps N --iters J --no-ml --no-js --no-numpy --kernels]`; `--kernels` adds the time per
 * WebAssembly kernel call site (shape, µs per iteration, G multiply-adds/s) and the time outside those calls.
 *
 * Every path starts from the same iterate; the ml-matrix result after one iteration and numpy's L(s^j)
 * trajectory are compared with the solver's, so the speed-ups are measured on code that computes the same thing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateSetting } from '../src/papers/wzc/problem/synthetic.ts';
import { initWeights } from '../src/papers/wzc/problem/init.ts';
import { forward } from '../src/models/elman.ts';
import { tableTwo } from '../src/papers/wzc/solver/defaults.ts';
import { bcdWorkspace, runBcd, TraceBuffer, type BcdWorkspace } from '../src/papers/wzc/solver/bcd.ts';
import { zStepInto } from '../src/papers/wzc/solver/zStep.ts';
import { hStepInto } from '../src/papers/wzc/solver/hStep.ts';
import { uStepScaledInto } from '../src/papers/wzc/solver/uStep.ts';
import { gemmNNo } from '../src/linalg/blocked.ts';
import { simdKernelsFor, type SimdKernels } from '../src/linalg/simd.ts';
import { traceSums } from '../src/papers/wzc/solver/simdSteps.ts';
import type { AlmParams } from '../src/papers/wzc/solver/types.ts';
import type { Iterate, Multipliers, Problem } from '../src/papers/wzc/problem/types.ts';
import { cloneIterate, copyIterateInto } from '../src/papers/wzc/problem/types.ts';
import { mlMatrixBcdIteration } from './mlmatrix-bcd.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

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

interface Setup {
  prob: Problem;
  params: AlmParams;
  s0: Iterate;
  mult: Multipliers;
  gamma: number;
}

/** CPU time of this process in ms (user + system): unlike wall time, it does not count the time other jobs hold the core. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Wall and CPU ms per iteration of `iters` iterations of runBcd from s0 (a stop test that cannot fire), and the
 * L(s^j) row.
 */
function timeRun(w: BcdWorkspace, su: Setup, iters: number): { ms: number; cpu: number; L: number[] } {
  const trace = new TraceBuffer(iters + 1);
  const c0 = cpuMs(), t0 = performance.now();
  runBcd(w, { k: 1, s0: su.s0, sPrev: su.s0, mult: su.mult, gamma: su.gamma, eps: 1e-300, params: { ...su.params, inner: iters }, trace, t0 });
  const ms = (performance.now() - t0) / iters, cpu = (cpuMs() - c0) / iters;
  return { ms, cpu, L: trace.rows().map((row) => row.L) };
}

/**
 * CPU time per block, the sweep of runBcd's blockUpdates replayed with a clock between blocks (u includes Ψ(h)w,
 * which it consumes).
 */
function blockTimes(w: BcdWorkspace, su: Setup, iters: number): { z: number; h: number; u: number } {
  const { prob, gamma } = su;
  const { T, r } = prob.data.dims;
  const t = { z: 0, h: 0, u: 0 };
  // runBcd works on arena copies of ξ, ζ (the SIMD kernels read them there)
  w.xi.set(su.mult.xi);
  w.zeta.set(su.mult.zeta);
  for (let i = 0; i < w.xi.length; i++) {
    w.xiG[i] = w.xi[i] / gamma;
    w.zetaG[i] = w.zeta[i] / gamma;
  }
  const mult = { xi: w.xi, zeta: w.zeta };
  copyIterateInto(w.cur, su.s0);
  traceSums(prob.activation, w.cur, w.Pw, mult, w.sig, w.sums, null);
  for (let j = 0; j < iters; j++) {
    copyIterateInto(w.prev, w.cur);
    const t0 = cpuMs();
    zStepInto(prob, w.zws, w.prev.h, w.prev.u, mult.xi, gamma, w.cur.z);
    const t1 = cpuMs();
    hStepInto(prob, w.hws, w.cur.z, w.prev.u, mult.xi, mult.zeta, gamma, w.cur.h, w.sig);
    const t2 = cpuMs();
    // w.Pw is w.hws.Bx: the h-step left XVᵀ + 1bᵀ there
    gemmNNo(w.Pw, r, r, w.cur.h, 0, r, w.hws.Wt, 0, r, T - 1, r, r, 1, 1);
    uStepScaledInto(prob.activation, w.Pw, w.cur.h, w.xiG, w.zetaG, w.prev.u, gamma, su.params.mu, prob.lambda[5], w.cur.u);
    const t3 = cpuMs();
    // σ(u) for the next h-step as runBcd gets it (a JS σ pass here slowed the next h-step by 30%)
    traceSums(prob.activation, w.cur, w.Pw, mult, w.sig, w.sums, w.prev);
    t.z += t1 - t0;
    t.h += t2 - t1;
    t.u += t3 - t2;
  }
  return { z: t.z / iters, h: t.h / iters, u: t.u / iters };
}

/**
 * Median CPU time per block over `reps` replays, each right after a timed runBcd: 'trace' is the rest of that
 * run's iteration (the AL value and step, the copies).
 */
function blockMedians(w: BcdWorkspace, su: Setup, iters: number, reps: number): Record<string, number> {
  const runs = Array.from({ length: reps }, () => {
    const total = timeRun(w, su, iters).cpu;
    const b = blockTimes(w, su, iters);
    return { ...b, trace: Math.max(0, total - b.z - b.h - b.u) };
  });
  const med = (k: 'z' | 'h' | 'u' | 'trace'): number => median(runs.map((b) => b[k]));
  return { z: med('z'), h: med('h'), u: med('u'), trace: med('trace') };
}

/**
 * Time per call site of the arena's kernels over `reps` runs of `iters` iterations: each exported kernel is
 * wrapped with a clock (calls inside WebAssembly — chol's and syrk's products — count with their caller), keyed
 * by kernel and shape; multiply-adds are nominal (gemm M·N·K, trsm n²/2 per right-hand side, chol n³/6).
 */
function kernelBreakdown(w: BcdWorkspace, su: Setup, iters: number, reps: number): string {
  const k = simdKernelsFor(w.cur.h);
  if (!k) return '  (no SIMD arena: kernel breakdown skipped)\n';
  const saved: SimdKernels = { ...k };
  const stats = new Map<string, { ms: number; calls: number; madds: number }>();
  const clock = <F extends (...xs: number[]) => unknown>(name: string, fn: F, key: (a: number[]) => string, madds: (a: number[]) => number): F =>
    ((...a: number[]) => {
      const t0 = performance.now();
      const out = fn(...a);
      const e = stats.get(`${name} ${key(a)}`) ?? { ms: 0, calls: 0, madds: 0 };
      e.ms += performance.now() - t0;
      e.calls++;
      e.madds += madds(a);
      stats.set(`${name} ${key(a)}`, e);
      return out;
    }) as F;
  k.gemm = clock('gemm', saved.gemm, (a) => `${a[0]}×${a[2]}·${a[2]}×${a[1]}`, (a) => a[0] * a[1] * a[2]);
  k.syrk = clock('syrk', saved.syrk, (a) => `${a[0]}×${a[1]}`, (a) => (a[0] * (a[0] + 4) * a[1]) / 2);
  k.trsm = clock('trsm', saved.trsm, (a) => `n=${a[0]} nrhs=${a[4]} ${a[5] ? 'back' : 'fwd'}`, (a) => (a[0] * a[0] * a[4]) / 2);
  k.chol = clock('chol', saved.chol, (a) => `n=${a[0]}`, (a) => a[0] ** 3 / 6);
  k.transpose = clock('transpose', saved.transpose, (a) => `${a[0]}×${a[1]}`, () => 0);
  let total = 0;
  try {
    timeRun(w, su, iters);
    stats.clear();
    for (let r = 0; r < reps; r++) total += timeRun(w, su, iters).ms;
  } finally {
    Object.assign(k, saved);
  }
  const n = reps * iters;
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  let inKernels = 0, text = '  WebAssembly kernel call sites (µs/iter, calls/iter, G multiply-adds/s), wall time:\n';
  for (const [key, e] of rows) {
    inKernels += e.ms;
    const rate = e.madds > 0 ? (e.madds / e.ms / 1e6).toFixed(1) : '–';
    text += `    ${key.padEnd(34)} ${((1000 * e.ms) / n).toFixed(1).padStart(7)} ${(e.calls / n).toFixed(2).padStart(6)} ${rate.padStart(6)}\n`;
  }
  text += `    in these kernels ${(inKernels / n).toFixed(2)} ms/iter of ${(total / reps).toFixed(2)}; outside (element-wise kernels, JS loops, copies) ${(total / reps - inKernels / n).toFixed(2)}\n`;
  return text;
}

function writeStart(su: Setup, file: string): void {
  const { prob, s0, mult, gamma } = su;
  const a = (x: Float64Array): number[] => Array.from(x);
  fs.writeFileSync(file, JSON.stringify({
    dims: prob.data.dims, X: a(prob.data.X), Y: a(prob.data.Y),
    start: { W: a(s0.z.W), V: a(s0.z.V), b: a(s0.z.b), A: a(s0.z.A), c: a(s0.z.c), h: a(s0.h), u: a(s0.u) },
    xi: a(mult.xi), zeta: a(mult.zeta), gamma, mu: su.params.mu, lambda: prob.lambda,
  }));
}

interface NumpyRun {
  median_ms: number;
  median_cpu_ms: number;
  L: number[];
  blocks_ms: Record<string, number>;
  numpy: string;
}

function main(): void {
  const reps = arg('reps', 7);
  const iters = arg('iters', 30);
  const syn = generateSetting('synthetic-T500', 1);
  if (syn.activation.kind !== 'relu') throw new Error('the numpy reference implements ReLU only');
  const d = syn.data.dims;
  const { params, lambda } = tableTwo('synthetic-T500', d);
  const prob: Problem = { data: syn.data, activation: syn.activation, lambda };
  const z0 = initWeights(d, 'normal-1e-1', 2);
  const fw = forward(d, prob.data.X, z0, prob.activation);
  const su: Setup = {
    prob, params, s0: { z: z0, h: fw.h, u: fw.u },
    mult: { xi: new Float64Array(d.T * d.r), zeta: new Float64Array(d.T * d.r) }, gamma: params.gamma0,
  };
  const flops = nominalFlops(d.T, d.n, d.m, d.r);
  const line = (name: string, ms: number, note = ''): string =>
    `  ${name.padEnd(34)} ${ms.toFixed(2).padStart(8)} ms/iter ${(flops / ms / 1e3).toFixed(0).padStart(7)} MFLOP/s   ${note}\n`;
  const out = (s: string): boolean => process.stdout.write(s);
  out(`BCD iteration (z, h, u + trace row) at T=${d.T} n=${d.n} m=${d.m} r=${d.r}; nominal ${(flops / 1e6).toFixed(1)} MFLOP; `
    + `${reps} reps × ${iters} iterations, a warm-up rep first\n`);

  const wSimd = bcdWorkspace(prob, false, true);
  const timeFlat = (w: BcdWorkspace, count: number): { ms: number; cpu: number } => {
    const ms: number[] = [], cpu: number[] = [];
    for (let rep = 0; rep <= count; rep++) {
      const t = timeRun(w, su, iters);
      if (rep > 0) { // rep 0 warms up the JIT
        ms.push(t.ms);
        cpu.push(t.cpu);
      }
    }
    return { ms: median(ms), cpu: median(cpu) };
  };
  const cpuNote = (t: { cpu: number }): string => `(CPU ${t.cpu.toFixed(2)} ms)`;
  const simd = timeFlat(wSimd, reps), flat = simd.ms;
  out(line('flat + wasm SIMD', flat, cpuNote(simd)));
  if (!flag('no-js')) {
    const js = timeFlat(bcdWorkspace(prob, false, false), reps);
    out(line('flat, JS only (no SIMD)', js.ms, `${cpuNote(js)} 4×4 register-blocked kernels`));
  }

  if (!flag('no-ml')) {
    const ml: number[] = [];
    const mlIters = Math.max(2, Math.ceil(iters / 4));
    for (let rep = 0; rep < Math.max(2, Math.ceil(reps / 2)) + 1; rep++) {
      const s = cloneIterate(su.s0);
      const t0 = performance.now();
      for (let j = 0; j < mlIters; j++) mlMatrixBcdIteration(prob, s, su.mult, su.gamma, params.mu);
      if (rep > 0) ml.push((performance.now() - t0) / mlIters);
    }
    const ws = bcdWorkspace(prob, false);
    runBcd(ws, { k: 1, s0: su.s0, sPrev: su.s0, mult: su.mult, gamma: su.gamma, eps: 1e-300, params: { ...params, inner: 1 }, trace: new TraceBuffer(2), t0: 0 });
    const sMl = cloneIterate(su.s0);
    mlMatrixBcdIteration(prob, sMl, su.mult, su.gamma, params.mu);
    out(line('ml-matrix (z, h, u only)', median(ml), `flat is ${(median(ml) / flat).toFixed(1)}× faster; max rel. difference after one iteration ${maxRelDiff(ws.cur, sMl).toExponential(1)}`));
  }

  if (flag('kernels')) out(kernelBreakdown(wSimd, su, iters, reps));
  const blocks = blockMedians(wSimd, su, iters, reps);
  if (flag('no-numpy')) {
    out(`  CPU time per block, flat + SIMD (ms): ${Object.entries(blocks).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}\n`);
    return;
  }
  // Paired with the reference: one TS rep then one numpy rep (its own warm-up first), so that both sides of each
  // ratio ran under the same load (this machine is shared; its load moves by 2× within a minute).
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wzc-bench-'));
  const file = path.join(dir, 'start.json');
  writeStart(su, file);
  const tsMs: number[] = [], pyMs: number[] = [], ratios: number[] = [], cpuRatios: number[] = [], tsCpu: number[] = [], pyCpu: number[] = [];
  let ref: NumpyRun | null = null;
  let tsL: number[] = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      const t = timeRun(wSimd, su, iters);
      tsL = t.L;
      const py = spawnSync('python3', [path.join(here, 'reference', 'wzc_bcd.py'), file, '--iters', String(iters), '--reps', '1'], {
        encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      });
      if (py.status !== 0) {
        out(`  numpy reference not run (${py.error?.message ?? py.stderr.trim().split('\n').pop()})\n`);
        return;
      }
      ref = JSON.parse(py.stdout) as NumpyRun;
      tsMs.push(t.ms);
      pyMs.push(ref.median_ms);
      ratios.push(t.ms / ref.median_ms);
      tsCpu.push(t.cpu);
      pyCpu.push(ref.median_cpu_ms);
      cpuRatios.push(t.cpu / ref.median_cpu_ms);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!ref) return;
  let worst = 0;
  ref.L.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - tsL[k]) / Math.max(1, Math.abs(x)))));
  out(`paired with numpy ${ref.numpy} / OpenBLAS, 1 thread (${reps} pairs, one TS rep then one numpy rep):\n`);
  out(line('flat + wasm SIMD', median(tsMs), `(CPU ${median(tsCpu).toFixed(2)} ms)`));
  out(line('numpy reference', median(pyMs), `(CPU ${median(pyCpu).toFixed(2)} ms)`));
  const spread = (xs: number[]): string => `median ${median(xs).toFixed(2)} (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`;
  out(`  ratio TS / numpy per pair, wall time: ${spread(ratios)}\n`);
  out(`  ratio TS / numpy per pair, CPU time:  ${spread(cpuRatios)}\n`);
  out(`  same trajectory: max relative difference of L(s^j), j ≤ ${iters}: ${worst.toExponential(2)}\n`);
  out('  CPU time per block (ms/iter):     z       h       u   trace\n');
  const row = (name: string, b: Record<string, number>): string =>
    `    ${name.padEnd(28)} ${['z', 'h', 'u', 'trace'].map((k) => b[k].toFixed(2).padStart(7)).join(' ')}\n`;
  out(row('flat + wasm SIMD', blocks));
  out(row('numpy (last pair)', ref.blocks_ms));
}

main();
