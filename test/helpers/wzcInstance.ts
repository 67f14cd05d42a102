/** Seeded random instances of problem (2.6) for the WZC solver tests. */
import type { Activation, Dims, Iterate, Lambda, Multipliers, Problem, Weights } from '../../src/papers/wzc/problem/types.ts';
import { zeroWeights } from '../../src/papers/wzc/problem/types.ts';
import { forward } from '../../src/models/elman.ts';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';

/** A standard-normal generator for one seed. */
export function normals(seed: number): () => number {
  return gaussian(mulberry32(seed));
}

/** Weights with N(0, scale²) entries. */
export function randomWeights(d: Dims, seed: number, scale = 0.3): Weights {
  const g = normals(seed);
  const z = zeroWeights(d);
  for (const a of [z.W, z.V, z.b, z.A, z.c]) for (let i = 0; i < a.length; i++) a[i] = scale * g();
  return z;
}

/** A problem with N(0,1) data and the given activation and λ (default: all λ_i = 0.05). */
export function randomProblem(d: Dims, seed: number, activation: Activation = { kind: 'relu' }, lambda?: Lambda): Problem {
  const g = normals(seed);
  const X = Float64Array.from({ length: d.T * d.n }, () => g());
  const Y = Float64Array.from({ length: d.T * d.m }, () => g());
  return { data: { dims: d, X, Y }, activation, lambda: lambda ?? [0.05, 0.05, 0.05, 0.05, 0.05, 0.05] };
}

/**
 * A teacher-RNN problem: Y is the forward pass of random teacher weights plus a little noise, so a student
 * network can fit it (train error well below the trivial one).
 */
export function teacherProblem(d: Dims, seed: number, noise = 0.05, lambda?: Lambda): Problem {
  const g = normals(seed);
  const X = Float64Array.from({ length: d.T * d.n }, () => g());
  const teacher = randomWeights(d, seed + 1000, 0.5);
  const act: Activation = { kind: 'relu' };
  const { h } = forward(d, X, teacher, act);
  const Y = new Float64Array(d.T * d.m);
  for (let t = 0; t < d.T; t++) {
    for (let j = 0; j < d.m; j++) {
      let o = teacher.c[j];
      for (let k = 0; k < d.r; k++) o += teacher.A[j * d.r + k] * h[t * d.r + k];
      Y[t * d.m + j] = o + noise * g();
    }
  }
  return { data: { dims: d, X, Y }, activation: act, lambda: lambda ?? [1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-8] };
}

/** An arbitrary (infeasible) point with |u_i| ≥ minAbsU, so σ is smooth near u. */
export function randomIterate(d: Dims, seed: number, minAbsU = 0.1): Iterate {
  const g = normals(seed);
  const z = randomWeights(d, seed + 7);
  const h = Float64Array.from({ length: d.T * d.r }, () => g());
  const u = Float64Array.from({ length: d.T * d.r }, () => {
    const v = g();
    return Math.sign(v || 1) * (minAbsU + Math.abs(v));
  });
  return { z, h, u };
}

/** Nonzero multipliers with N(0, scale²) entries. */
export function randomMultipliers(d: Dims, seed: number, scale = 0.5): Multipliers {
  const g = normals(seed);
  return {
    xi: Float64Array.from({ length: d.T * d.r }, () => scale * g()),
    zeta: Float64Array.from({ length: d.T * d.r }, () => scale * g()),
  };
}

/** The blocks of an iterate in a fixed order (W, V, b, A, c, h, u), for coordinate-wise loops. */
export function blocks(s: Iterate): Float64Array[] {
  return [s.z.W, s.z.V, s.z.b, s.z.A, s.z.c, s.h, s.u];
}
