/**
 * The envelope's grid: for σ ∈ {sigmoid, tanh} and N ∈ {2, 3}, the authors' demo problem (y = x₁x₂ on [−1, 1]²,
 * problem/demo.ts) with the seeded default W⁰, and parameters moving geometrically from the authors' demo values
 * (β_i = 1, λ = 1e-6; t = 0) to the smallest β, λ meeting (42)–(45) for that data and W⁰ (problem/conditions.ts;
 * t = 1): β_i(t) = 1^{1−t}·β_i*^t, λ(t) = (1e-6)^{1−t}·λ*^t.
 */
import { DEMO_BETA, DEMO_LAMBDA } from '../problem/instance.ts';
import type { ZlyActivation } from '../problem/activation.ts';
import { conditionsInput, smallestParameters } from '../problem/conditions.ts';
import { zlyDefaultInit, zlyDemoData, zlyInitSeed } from '../problem/demo.ts';
import type { ZlyProblem } from '../problem/types.ts';
import type { Scale } from '../../../engine/types.ts';

/** Sizes and lengths of an envelope run. */
export interface EnvelopeConfig {
  /** Samples of the demo data. */
  n: number;
  /** Hidden width (every hidden layer). */
  width: number;
  /** Iterations of Algorithm 1 per cell. */
  K: number;
  /** Grid points from t = 0 to t = 1. */
  points: number;
}

/** `ci`: seconds on one core; `deep`: the authors' demo widths and sample size. */
export const ENVELOPE_CONFIGS: Readonly<Record<Scale, EnvelopeConfig>> = {
  ci: { n: 200, width: 20, K: 100, points: 7 },
  deep: { n: 1000, width: 100, K: 300, points: 9 },
};

/** One cell of the grid. */
export interface EnvelopeCell {
  activation: ZlyActivation;
  N: number;
  /** Position on the path from the demo parameters (0) to the smallest of (42)–(45) (1). */
  t: number;
  prob: ZlyProblem;
  W0: Float64Array[];
}

/** Geometric interpolation a^{1−t} b^t (b itself at t = 1). */
function geo(a: number, b: number, t: number): number {
  return t === 1 ? b : t === 0 ? a : Math.exp((1 - t) * Math.log(a) + t * Math.log(b));
}

/** The cells of the grid, sigmoid before tanh, N = 2 before 3, t ascending. */
export function envelopeCells(seed: number, cfg: EnvelopeConfig): EnvelopeCell[] {
  const data = zlyDemoData('product', seed, cfg.n);
  const out: EnvelopeCell[] = [];
  for (const activation of ['sigmoid', 'tanh'] as const) {
    for (const N of [2, 3]) {
      const dims = { n: cfg.n, d: [data.d0, ...new Array<number>(N - 1).fill(cfg.width), 1] };
      const W0 = zlyDefaultInit(dims, zlyInitSeed(seed));
      const base = { dims, X: data.X, Y: data.Y, activation, lambda: DEMO_LAMBDA, beta: new Array<number>(N).fill(DEMO_BETA) };
      const star = smallestParameters(conditionsInput(base, W0), 'strong');
      for (let p = 0; p < cfg.points; p++) {
        const t = cfg.points === 1 ? 1 : p / (cfg.points - 1);
        const beta = star.beta.map((b) => geo(DEMO_BETA, b, t));
        out.push({ activation, N, t, W0, prob: { ...base, beta, lambda: geo(DEMO_LAMBDA, star.lambda, t) } });
      }
    }
  }
  return out;
}
