/** Small seeded instances for the theory oracles' tests (T, n, m, r ≤ ~5). */
import type { Activation, Dims, Iterate, Multipliers, Problem } from '../../src/problems/types.ts';
import { zeroWeights } from '../../src/problems/types.ts';
import { forward } from '../../src/models/rnn.ts';
import { gaussian, mulberry32 } from '../../src/problems/rng.ts';
import { augmentedLagrangian } from '../../src/problems/lagrangian.ts';
import { addScaled, zeroBlock, type BlockVector } from '../../src/theory/gradient.ts';

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
