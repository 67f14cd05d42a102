/**
 * Data contracts of the constrained formulation (2.6) and its augmented Lagrangian (3.1).
 * Layout conventions are those of `src/models/types.ts`.
 */
import type { Activation, Data, Dims, Weights } from '../../../models/elman.ts';
import { cloneWeights, copyWeightsInto } from '../../../models/elman.ts';

export type { Activation, Data, Dims, Weights } from '../../../models/elman.ts';
export { zeroWeights, cloneWeights, copyWeightsInto } from '../../../models/elman.ts';

/** A point s = (z; h; u) of problem (2.6); h and u are T×r. */
export interface Iterate {
  z: Weights;
  h: Float64Array;
  u: Float64Array;
}

/** Lagrange multipliers ξ (for C1 = u − Ψ(h)w) and ζ (for C2 = h − σ(u)), both T×r. */
export interface Multipliers {
  xi: Float64Array;
  zeta: Float64Array;
}

/** Regularization weights λ1..λ6 of P(s) (2.5): λ1‖A‖², λ2‖W‖², λ3‖V‖², λ4‖b‖², λ5‖c‖², λ6‖u‖². All > 0. */
export type Lambda = readonly [number, number, number, number, number, number];

/** Problem (2.6): data, activation and regularization. */
export interface Problem {
  readonly data: Data;
  readonly activation: Activation;
  readonly lambda: Lambda;
}

/** Deep copy of an iterate. */
export function cloneIterate(s: Iterate): Iterate {
  return { z: cloneWeights(s.z), h: s.h.slice(), u: s.u.slice() };
}

/** Copy `src` into `dst` without allocating. */
export function copyIterateInto(dst: Iterate, src: Iterate): void {
  copyWeightsInto(dst.z, src.z);
  dst.h.set(src.h);
  dst.u.set(src.u);
}

/** Zero multipliers ξ = ζ = 0 (Table 2). */
export function zeroMultipliers(d: Dims): Multipliers {
  return { xi: new Float64Array(d.T * d.r), zeta: new Float64Array(d.T * d.r) };
}

/** Number of weights N_w = r² + rn + r and N_a = mr + m (§2.1). */
export function paramCounts(d: Dims): { Nw: number; Na: number } {
  return { Nw: d.r * d.r + d.r * d.n + d.r, Na: d.m * d.r + d.m };
}
