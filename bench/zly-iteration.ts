/**
 * Benchmark: median time of one iteration of ZLY Algorithm 1 at the issue's size — n = 1000 samples, widths
 * (100, 100), d0 = 2, dN = 1 (the authors' demo: y = x₁x₂ on [−1, 1]², sigmoid, β_i = 1, λ = 1e-6) — with the
 * SIMD arena and in plain JS, with the light trace (Algorithm 1 alone) and the full one (+ ‖∇L‖ and the forward
 * pass MSE), and against the numpy/OpenBLAS single-thread reference `bench/reference/zly_iteration.py` run in the
 * same sitting on the same instance (its L(Q^k) trajectory is compared with ours). Not a test:
 * `npm run bench:zly [-- --reps R --iters K --n N --widths 100,100 --no-numpy]`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zlyDemoData, zlyDefaultInit } from '../src/papers/zly/problem/demo.ts';
import { zlyInstanceToJson } from '../src/papers/zly/problem/instance.ts';
import type { ZlyProblem } from '../src/papers/zly/problem/types.ts';
import { ZlyAdmm } from '../src/papers/zly/solver/admm.ts';
import type { TraceLevel } from '../src/papers/zly/solver/types.ts';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Multiply-adds of one iteration's dense algebra (products, Grams, factorizations, solves), for MFLOP/s. */
function nominalFlops(d: number[], n: number): number {
  const N = d.length - 1;
  let madds = 0;
  madds += (n * d[N - 1] * d[N - 1]) / 2 + n * d[N - 1] * d[N] + d[N - 1] ** 3 / 6 + d[N - 1] ** 2 * d[N]; // (8)
  for (let i = N - 1; i >= 1; i--) {
    madds += n * d[i - 1] * d[i] + d[i - 1] ** 3 / 6 + d[i - 1] ** 2 * d[i]; // (18): A Gᵀ, factor, solve
    if (i > 1) madds += (n * d[i - 1] * d[i - 1]) / 2; // Gram
  }
  for (let j = 1; j <= N - 2; j++) {
    madds += n * d[j] * d[j - 1] + 2 * n * d[j] * d[j + 1]; // U_j, W_{j+1}V_j, W_{j+1}ᵀG
    madds += 2 * d[j + 1] < d[j] ? 2 * n * d[j] * d[j + 1] : n * d[j] * d[j] + d[j] ** 3 / 6;
  }
  madds += n * d[N - 1] * d[N - 2] + n * d[N - 1] * d[N]; // (11): U, W_Nᵀ(…)
  madds += 2 * d[N] < d[N - 1] ? 2 * n * d[N - 1] * d[N] : n * d[N - 1] ** 2 + d[N - 1] ** 3 / 6;
  madds += n * d[N] * d[N - 1]; // (12)
  return 2 * madds;
}

function main(): void {
  const reps = Number(arg('reps', '7'));
  const iters = Number(arg('iters', '20'));
  const n = Number(arg('n', '1000'));
  const widths = arg('widths', '100,100').split(',').map(Number);
  const d = [2, ...widths, 1];
  const data = zlyDemoData('product', 1, n);
  const prob: ZlyProblem = { dims: { n, d }, X: data.X, Y: data.Y, activation: 'sigmoid', lambda: 1e-6, beta: d.slice(1).map(() => 1) };
  const W0 = zlyDefaultInit(prob.dims, 2);
  const flops = nominalFlops(d, n);
  console.log(`ZLY Algorithm 1, one iteration: n=${n}, d=(${d.join(', ')}), sigmoid, β=1, λ=1e-6; ${reps} reps × ${iters} iterations (median of per-rep means; a warm-up rep first)`);
  console.log(`nominal ${(flops / 1e6).toFixed(1)} MFLOP per iteration`);

  let tsL: number[] = [];
  const time = (simd: boolean, trace: TraceLevel, count = reps): number => {
    const out: number[] = [];
    for (let rep = 0; rep <= count; rep++) {
      const s = new ZlyAdmm(prob, W0, { simd, trace });
      const L: number[] = [];
      const t0 = performance.now();
      for (let k = 0; k < iters; k++) {
        const row = s.step();
        if (row === null) throw new Error('diverged');
        L.push(row.L);
      }
      const dt = (performance.now() - t0) / iters;
      if (rep > 0) out.push(dt);
      if (simd && trace === 'light') tsL = L;
    }
    return median(out);
  };
  const timeReps = (count: number) => time(true, 'light', count);
  const rows: [string, number][] = [
    ['flat + SIMD arena, light trace (Algorithm 1)', time(true, 'light')],
    ['flat + SIMD arena, full trace (+ ‖∇L‖, forward MSE)', time(true, 'full')],
    ['flat, plain JS, light trace', time(false, 'light')],
  ];
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(55)} ${ms.toFixed(2).padStart(8)} ms   ${(flops / ms / 1e3).toFixed(0).padStart(6)} MFLOP/s`);

  if (process.argv.includes('--no-numpy')) return;
  // Paired with the reference: rep by rep, one TS rep then one numpy rep (its own warm-up run first), so both sides
  // of each ratio ran under the same load (this machine is shared; loads move by 2× within a minute).
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zly-bench-'));
  const file = path.join(dir, 'instance.json');
  fs.writeFileSync(file, zlyInstanceToJson({ dims: prob.dims, X: prob.X, Y: prob.Y, activation: 'sigmoid', init: W0, lambda: prob.lambda, beta: prob.beta }));
  const tsMs: number[] = [], pyMs: number[] = [], ratios: number[] = [];
  let ref: { median_ms: number; L: number[]; numpy: string } | null = null;
  try {
    for (let rep = 0; rep < reps; rep++) {
      const t = timeReps(1);
      const py = spawnSync('python3', [path.join(here, 'reference', 'zly_iteration.py'), file, '--iters', String(iters), '--reps', '1'], {
        encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      });
      if (py.status !== 0) {
        console.log(`  numpy reference not run (${py.error?.message ?? py.stderr.trim().split('\n').pop()}); the stack note quotes ≈ 11 ms`);
        return;
      }
      ref = JSON.parse(py.stdout) as { median_ms: number; L: number[]; numpy: string };
      tsMs.push(t);
      pyMs.push(ref.median_ms);
      ratios.push(t / ref.median_ms);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!ref) return;
  let worst = 0;
  ref.L.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - tsL[k]) / Math.max(1, Math.abs(x)))));
  console.log(`paired with numpy ${ref.numpy} / OpenBLAS, 1 thread (${reps} pairs):`);
  console.log(`  ${'flat + SIMD arena, light trace'.padEnd(55)} ${median(tsMs).toFixed(2).padStart(8)} ms`);
  console.log(`  ${'numpy reference'.padEnd(55)} ${median(pyMs).toFixed(2).padStart(8)} ms   ${(flops / median(pyMs) / 1e3).toFixed(0).padStart(6)} MFLOP/s`);
  console.log(`  ratio per pair: median ${median(ratios).toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`);
  console.log(`  same trajectory: max relative difference of L(Q^k), k ≤ ${iters}: ${worst.toExponential(2)}`);
}

main();
