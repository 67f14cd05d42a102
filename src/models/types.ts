/**
 * Shared data contracts of the Elman RNN model (1.1): dimensions, activation, data, weights.
 *
 * Layout conventions, used everywhere in lagrangelab:
 * - every matrix is a flat row-major `Float64Array`;
 * - time-indexed blocks are T×k with row t-1 holding the vector for time t (paper's t = 1..T);
 * - h_0 = 0 is implicit and never stored.
 *
 * The paper stacks w = (vec(W); vec(V); b) with column-major vec; we never form w. Oracles that
 * need the literal Ψ(h) use {@link packW} / {@link unpackW} in `src/models/rnn.ts`.
 */

/** Dimensions: T time steps, n inputs, m outputs, r hidden units. */
export interface Dims {
  readonly T: number;
  readonly n: number;
  readonly m: number;
  readonly r: number;
}

/** Activation σ. ReLU (2.1); leaky ReLU max{u, ϖu} (§4.3) with slope ϖ ∈ (0,1); ELU α(e^u−1) for u<0 (§4.3, paper: α=1). */
export type Activation =
  | { readonly kind: 'relu' }
  | { readonly kind: 'leaky-relu'; readonly slope: number }
  | { readonly kind: 'elu'; readonly alpha: number };

/** Training data: X is T×n (row t-1 = x_t), Y is T×m (row t-1 = y_t). */
export interface Data {
  readonly dims: Dims;
  readonly X: Float64Array;
  readonly Y: Float64Array;
}

/** The network weights z = (w; a) with w = (W, V, b), a = (A, c). Shapes: W r×r, V r×n, b r, A m×r, c m. */
export interface Weights {
  W: Float64Array;
  V: Float64Array;
  b: Float64Array;
  A: Float64Array;
  c: Float64Array;
}

/** Allocate zero weights for the given dimensions. */
export function zeroWeights(d: Dims): Weights {
  return {
    W: new Float64Array(d.r * d.r),
    V: new Float64Array(d.r * d.n),
    b: new Float64Array(d.r),
    A: new Float64Array(d.m * d.r),
    c: new Float64Array(d.m),
  };
}

/** Copy weights `src` into `dst` without allocating. */
export function copyWeightsInto(dst: Weights, src: Weights): void {
  dst.W.set(src.W);
  dst.V.set(src.V);
  dst.b.set(src.b);
  dst.A.set(src.A);
  dst.c.set(src.c);
}

/** Deep copy of weights. */
export function cloneWeights(z: Weights): Weights {
  return { W: z.W.slice(), V: z.V.slice(), b: z.b.slice(), A: z.A.slice(), c: z.c.slice() };
}

