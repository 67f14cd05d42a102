/** Small seeded instances for the theory oracles' tests (T, n, m, r ≤ ~5). */
import type { Activation, Dims, Iterate, Multipliers, Problem } from '../../src/papers/wzc/problem/types.ts';
import { zeroWeights } from '../../src/papers/wzc/problem/types.ts';
import { forward, psiW } from '../../src/models/elman.ts';
import { sigma, sigmaSlopes } from '../../src/models/activations/piecewise.ts';
import { solve } from 'ml-matrix';
import { QHat2, qHat2 } from '../../src/papers/wzc/theory/explicit.ts';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';
import { augmentedLagrangian } from '../../src/papers/wzc/problem/lagrangian.ts';
import { addScaled, zeroBlock, type BlockVector } from '../../src/papers/wzc/theory/gradient.ts';

export const ACTIVATIONS: readonly Activation[] = [
  { kind: 'relu' },
  { kind: 'leaky-relu', slope: 0.1 },
  { kind: 'elu', alpha: 1 },
];

/** A seeded standard-normal source. */
export function normals(seed: number): () => number {
  return gaussian(mulberry32(seed));
}

function fill(a: Float64Array, g: () => number, scale: number): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = scale * g();
  return a;
}

/** Random problem: Gaussian X, Y, λ_i ∈ [0.01, 0.3]. */
export function randomProblem(seed: number, dims: Dims, activation: Activation): Problem {
  const g = normals(seed);
  const u = mulberry32(seed ^ 0x5bd1e995);
  const lam = Array.from({ length: 6 }, () => 0.01 + 0.29 * u());
  return {
    data: { dims, X: fill(new Float64Array(dims.T * dims.n), g, 1), Y: fill(new Float64Array(dims.T * dims.m), g, 1) },
    activation,
    lambda: [lam[0], lam[1], lam[2], lam[3], lam[4], lam[5]],
  };
}

/**
 * Random (generally infeasible) iterate with |u_i| ≥ 0.05 so that L is smooth in a 0.05-ball,
 * except that the coordinates listed in `kinks` are set to exactly 0.
 */
export function randomIterate(d: Dims, seed: number, kinks: readonly number[] = []): Iterate {
  const g = normals(seed);
  const z = zeroWeights(d);
  for (const a of [z.W, z.V, z.b, z.A, z.c]) fill(a, g, 0.6);
  const h = fill(new Float64Array(d.T * d.r), g, 1);
  const u = fill(new Float64Array(d.T * d.r), g, 1);
  for (let i = 0; i < u.length; i++) if (Math.abs(u[i]) < 0.05) u[i] = u[i] < 0 ? -0.05 : 0.05;
  for (const k of kinks) u[k] = 0;
  return { z, h, u };
}

/** A feasible iterate (forward pass) for random weights. */
export function feasibleIterate(prob: Problem, seed: number): Iterate {
  const d = prob.data.dims;
  const g = normals(seed);
  const z = zeroWeights(d);
  for (const a of [z.W, z.V, z.b, z.A, z.c]) fill(a, g, 0.6);
  const { h, u } = forward(d, prob.data.X, z, prob.activation);
  return { z, h, u };
}

/** Random multipliers with entries N(0, scale²). */
export function randomMult(d: Dims, seed: number, scale = 1): Multipliers {
  const g = normals(seed);
  return { xi: fill(new Float64Array(d.T * d.r), g, scale), zeta: fill(new Float64Array(d.T * d.r), g, scale) };
}

/** Random direction with Gaussian entries (not normalized). */
export function randomDirection(d: Dims, seed: number): BlockVector {
  const g = normals(seed);
  const v = zeroBlock(d);
  for (const a of [v.z.W, v.z.V, v.z.b, v.z.A, v.z.c, v.h, v.u]) fill(a, g, 1);
  return v;
}

/** L(s + t·d, ξ, ζ, γ). */
export function Lat(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, t: number, d: BlockVector): number {
  return augmentedLagrangian(prob, addScaled(s, t, d), mult, gamma);
}

/**
 * One-sided difference quotient (L(s+td) − L(s))/t, Richardson-extrapolated (2D(t/2) − D(t)) to cancel
 * the O(t) curvature term; the remaining error is O(t²) while no kink is crossed.
 */
export function oneSidedFD(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, d: BlockVector, t = 1e-4): number {
  const L0 = augmentedLagrangian(prob, s, mult, gamma);
  const D = (h: number) => (Lat(prob, s, mult, gamma, h, d) - L0) / h;
  return 2 * D(t / 2) - D(t);
}

/** Central difference (L(s+td) − L(s−td))/(2t). */
export function centralFD(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, d: BlockVector, t = 1e-5): number {
  return (Lat(prob, s, mult, gamma, t, d) - Lat(prob, s, mult, gamma, -t, d)) / (2 * t);
}

/** Unit coordinate direction: block name and flat index. */
export function unitDirection(d: Dims, block: 'W' | 'V' | 'b' | 'A' | 'c' | 'h' | 'u', i: number): BlockVector {
  const v = zeroBlock(d);
  if (block === 'h') v.h[i] = 1;
  else if (block === 'u') v.u[i] = 1;
  else v.z[block][i] = 1;
  return v;
}

/**
 * An exactly stationary point of min_s L(s, ξ, ζ, γ), built by choosing the multipliers and part of s
 * W = 0 and h_t = 0 for t < T kill ∇_W; a solves the a-block;
 * κ := −∇_h g makes ∇_h L = 0; ρ := ξ + γC1 is set so ∂_u L ∋ 0 (at a kink ∇_u g_i = κ_i·s_i with s_i an
 * interior slope when −κ_iσ is convex there, the right slope otherwise); V and b then solve their blocks.
 * Returns which kinks are convex (d-stationary) and which are concave (only limiting-stationary).
 */
export function stationaryPoint(
  prob: Problem, seed: number, gamma: number, kinks: readonly number[],
): { s: Iterate; mult: Multipliers; convexKinks: number[]; concaveKinks: number[] } {
  const d = prob.data.dims;
  const { T, n, m, r } = d;
  const [, , l3, l4, , l6] = prob.lambda;
  const base = randomIterate(d, seed, kinks);
  const h = base.h.slice();
  h.fill(0, 0, (T - 1) * r);
  const s: Iterate = { z: zeroWeights(d), h, u: base.u };
  const a = solveA(prob, s);
  for (let j = 0; j < m * r + m; j++) (j < m * r ? s.z.A : s.z.c)[j < m * r ? aIndexToRowMajor(d, j) : j - m * r] = a[j];
  const kap = new Float64Array(T * r);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < m; j++) {
      let e = s.z.c[j] - prob.data.Y[t * m + j];
      for (let k = 0; k < r; k++) e += s.z.A[j * r + k] * h[t * r + k];
      for (let k = 0; k < r; k++) kap[t * r + k] -= (2 / T) * e * s.z.A[j * r + k];
    }
  }
  const rho = new Float64Array(T * r);
  const convexKinks: number[] = [], concaveKinks: number[] = [];
  const sl0 = sigmaSlopes(prob.activation, 0);
  for (let i = 0; i < T * r; i++) {
    let slope = sigmaSlopes(prob.activation, s.u[i]).right;
    if (kinks.includes(i) && sl0.left !== sl0.right) {
      if (kap[i] * (sl0.right - sl0.left) <= 0) { convexKinks.push(i); slope = 0.3 * sl0.left + 0.7 * sl0.right; }
      else concaveKinks.push(i);
    }
    rho[i] = kap[i] * slope - 2 * l6 * s.u[i];
  }
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < r; i++) {
      s.z.b[i] += rho[t * r + i] / (2 * l4);
      for (let k = 0; k < n; k++) s.z.V[i * n + k] += rho[t * r + i] * prob.data.X[t * n + k] / (2 * l3);
    }
  }
  const P = new Float64Array(T * r);
  psiW(d, prob.data.X, s.z, h, P);
  const xi = new Float64Array(T * r), zeta = new Float64Array(T * r);
  for (let i = 0; i < T * r; i++) {
    xi[i] = rho[i] - gamma * (s.u[i] - P[i]);
    zeta[i] = kap[i] - gamma * (h[i] - sigma(prob.activation, s.u[i]));
  }
  return { s, mult: { xi, zeta }, convexKinks, concaveKinks };
}

function aIndexToRowMajor(d: Dims, j: number): number {
  // packA is column-major over A (m×r): entry j is A[j % m, ⌊j/m⌋]
  return (j % d.m) * d.r + Math.floor(j / d.m);
}

function solveA(prob: Problem, s: Iterate): Float64Array {
  const x = solve(QHat2(prob, s), qHat2(prob, s).mul(-1));
  return Float64Array.from(x.getColumn(0));
}
