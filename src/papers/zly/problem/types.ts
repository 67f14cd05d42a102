/**
 * Data contracts of ZLY problem (5): an N-layer MLP (N ≥ 2), squared loss, ridge λ, no biases, smooth σ in
 * the hidden layers, identity output layer.
 *
 * Layout conventions (ZLY's, not WZC's): samples are COLUMNS. X is d0×n, Y is dN×n, V_i is d_i×n, W_i is
 * d_i×d_{i−1}; every matrix is a flat row-major Float64Array. Layer i of the paper (1-based) is index i−1 of
 * every array here: `W[0]` is W_1, `V[N−1]` is V_N, `Lambda[0]` is Λ_1. V_0 = X is never stored in `V`.
 */
import type { ZlyActivation } from './activation.ts';

export type { ZlyActivation } from './activation.ts';

/** Sizes: n samples and the widths d = (d0, d1, …, dN); N = d.length − 1 layers. */
export interface ZlyDims {
  readonly n: number;
  /** d[0] = input dimension d0, d[i] = width of layer i, d[N] = output dimension dN. */
  readonly d: readonly number[];
}

/** Problem (5) with the ADMM penalties of (6). */
export interface ZlyProblem {
  readonly dims: ZlyDims;
  /** d0×n inputs, one sample per column. */
  readonly X: Float64Array;
  /** dN×n targets, one sample per column. */
  readonly Y: Float64Array;
  readonly activation: ZlyActivation;
  /** Ridge weight λ > 0 of (5) (the paper absorbs n/2: λ = λ′n/2). */
  readonly lambda: number;
  /** Penalties β_1..β_N > 0 of (6); `beta[i−1]` is β_i. */
  readonly beta: readonly number[];
}

/** A point Q = ({W_i}, {V_i}, {Λ_i}) of (6). */
export interface ZlyIterate {
  /** W_i (d_i×d_{i−1}) at index i−1. */
  W: Float64Array[];
  /** V_i (d_i×n) at index i−1. */
  V: Float64Array[];
  /** Λ_i (d_i×n) at index i−1. */
  Lambda: Float64Array[];
}

/** Number of layers N. */
export function layers(d: ZlyDims): number {
  return d.d.length - 1;
}

/** Deep copy of an iterate. */
export function cloneZlyIterate(q: ZlyIterate): ZlyIterate {
  return { W: q.W.map((a) => a.slice()), V: q.V.map((a) => a.slice()), Lambda: q.Lambda.map((a) => a.slice()) };
}
