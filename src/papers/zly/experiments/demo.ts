/**
 * The authors' demo reproduced: n = 1000 samples uniform in [−1, 1] (y = x²) or [−1, 1]² (y = x₁x₂), sigmoid, two hidden
 * layers of 100 (or 300) units, β_i = 1, λ = 1e-6, the seeded default W⁰ (problem/demo.ts), K iterations of Algorithm 1
 * with the paper's LLA rule (20)–(22) and with the authors' demo rule (h = μ = ‖B‖_max). Against it, the simplest
 * baseline that fits the same random features: ridge regression of Y on the initial last hidden layer V_{N−1}⁰ (the
 * output weights of the network at W⁰ refitted, nothing else trained), with the same λ.
 *
 * Pure computation: the figures are returned as Vega-Lite specifications (rendered by scripts/zly-demo.ts).
 */
import { cholesky, cholSolve } from '../../../linalg/index.ts';
import { DEMO_BETA, DEMO_LAMBDA } from '../problem/instance.ts';
import { forwardPass, mse, targetVariance } from '../problem/network.ts';
import { zlyDefaultInit, zlyDemoData, zlyInitSeed, type ZlyDemo } from '../problem/demo.ts';
import type { ZlyProblem } from '../problem/types.ts';
import { runZlyAdmm } from '../solver/admm.ts';
import type { LlaRule } from '../solver/types.ts';

/** One configuration of the demo. */
export interface DemoConfig {
  target: ZlyDemo;
  /** Width of both hidden layers. */
  width: number;
  K: number;
  seed: number;
  /** Samples (1000 in the authors' demo). */
  n?: number;
}

/** One ADMM run of the demo. */
export interface DemoRun {
  lla: LlaRule;
  status: 'completed' | 'diverged';
  /** Per iteration k = 1..: training MSE of the network's forward pass, of V_N, and L̂ of (26). */
  mseNet: number[];
  mseVN: number[];
  lyapunov: number[];
  /** Wall time per iteration, ms (median). */
  msPerIteration: number;
}

/** Everything one configuration produces. */
export interface DemoResult {
  config: Required<DemoConfig>;
  varY: number;
  /** Training MSE of the network at W⁰. */
  mseInit: number;
  /** Training MSE of the ridge fit on V_{N−1}⁰ (λ = 1e-6). */
  mseRidge: number;
  runs: DemoRun[];
}

/** Ridge regression of Y (1×n) on features F (m×n): min ‖wF − Y‖² + λ‖w‖², the training MSE of the fit. */
export function ridgeMse(F: Float64Array, m: number, n: number, Y: Float64Array, lambda: number): number {
  const G = new Float64Array(m * m), r = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += F[a * n + j] * F[b * n + j];
      G[a * m + b] = G[b * m + a] = s + (a === b ? lambda : 0);
    }
    let s = 0;
    for (let j = 0; j < n; j++) s += F[a * n + j] * Y[j];
    r[a] = s;
  }
  cholesky(G, m);
  cholSolve(G, m, r, 1);
  const P = new Float64Array(n);
  for (let a = 0; a < m; a++) for (let j = 0; j < n; j++) P[j] += r[a] * F[a * n + j];
  return mse(P, Y);
}

/** Run one configuration: the ridge baseline and Algorithm 1 under both LLA rules. */
export function runDemo(cfg: DemoConfig): DemoResult {
  const n = cfg.n ?? 1000;
  const data = zlyDemoData(cfg.target, cfg.seed, n);
  const dims = { n, d: [data.d0, cfg.width, cfg.width, 1] };
  const prob: ZlyProblem = { dims, X: data.X, Y: data.Y, activation: 'sigmoid', lambda: DEMO_LAMBDA, beta: [DEMO_BETA, DEMO_BETA, DEMO_BETA] };
  const W0 = zlyDefaultInit(dims, zlyInitSeed(cfg.seed));
  const V0 = forwardPass(dims, data.X, W0, 'sigmoid');
  const runs: DemoRun[] = (['paper', 'demo'] as const).map((lla) => {
    const r = runZlyAdmm(prob, W0, cfg.K, { lla, trace: 'full' });
    const times = r.trace.map((t) => t.timeMs).sort((a, b) => a - b);
    return {
      lla, status: r.status,
      mseNet: r.trace.map((t) => t.mseNet ?? NaN), mseVN: r.trace.map((t) => t.mseVN), lyapunov: r.trace.map((t) => t.lyapunov),
      msPerIteration: times.length > 0 ? times[Math.floor(times.length / 2)] : NaN,
    };
  });
  return {
    config: { ...cfg, n },
    varY: targetVariance(dims, data.Y),
    mseInit: mse(V0[2], data.Y),
    mseRidge: ridgeMse(V0[1], cfg.width, n, data.Y, DEMO_LAMBDA),
    runs,
  };
}

const label = (r: DemoResult): string => `${r.config.target === 'square' ? 'y = x²' : 'y = x₁x₂'}, widths ${r.config.width}, ${r.config.width}`;

/** Training MSE and L̂ against the iteration, one panel row per configuration, as a Vega-Lite specification. */
export function demoChart(results: readonly DemoResult[]): Record<string, unknown> {
  const rows: Record<string, unknown>[] = [];
  const rules: Record<string, unknown>[] = [];
  for (const r of results) {
    const cfg = label(r);
    for (const run of r.runs) {
      run.mseNet.forEach((v, i) => {
        rows.push({ cfg, k: i + 1, series: `ADMM, LLA ${run.lla} rule`, mse: Math.max(v, 1e-12), lyapunov: run.lyapunov[i] });
      });
    }
    rules.push({ cfg, level: r.mseRidge, series: 'ridge on V_{N−1}⁰' }, { cfg, level: r.varY, series: 'var(Y) (constant predictor)' });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'ZLY demo (sigmoid, β_i = 1, λ = 1e-6): training MSE and Lyapunov value L̂ (26) per iteration',
    vconcat: [
      {
        facet: { column: { field: 'cfg', type: 'nominal', title: null } },
        data: { values: [...rows.map((x) => ({ ...x, kind: 'line' })), ...rules.map((x) => ({ ...x, kind: 'rule' }))] },
        spec: {
          width: 200,
          height: 180,
          layer: [
            {
              transform: [{ filter: "datum.kind === 'line'" }],
              mark: 'line',
              encoding: {
                x: { field: 'k', type: 'quantitative', title: 'iteration k' },
                y: { field: 'mse', type: 'quantitative', scale: { type: 'log' }, title: 'training MSE (network forward pass)' },
                color: { field: 'series', type: 'nominal', title: null },
              },
            },
            {
              transform: [{ filter: "datum.kind === 'rule'" }],
              mark: { type: 'rule', strokeDash: [4, 3] },
              encoding: { y: { field: 'level', type: 'quantitative' }, color: { field: 'series', type: 'nominal', title: null } },
            },
          ],
        },
      },
      {
        facet: { column: { field: 'cfg', type: 'nominal', title: null } },
        data: { values: rows },
        spec: {
          width: 200,
          height: 180,
          mark: 'line',
          encoding: {
            x: { field: 'k', type: 'quantitative', title: 'iteration k' },
            y: { field: 'lyapunov', type: 'quantitative', scale: { type: 'symlog' }, title: 'L̂(Q̂^k) of (26)' },
            color: { field: 'series', type: 'nominal', title: null },
          },
        },
      },
    ],
  };
}
