/**
 * The Elman RNN of WZC (1.1) in WZC's symbols: dimensions, data, weights z = (W, V, b, A, c), the forward
 * recursion and the map u ↦ Ψ(h)w of (2.3). (TKS writes the same network with u, w, v; its own model lives
 * in its paper folder.)
 *
 * Layout conventions, used everywhere in lagrangelab:
 * - every matrix is a flat row-major `Float64Array`;
 * - time-indexed blocks are T×k with row t-1 holding the vector for time t (paper's t = 1..T);
 * - h_0 = 0 is implicit and never stored.
 *
 * The paper stacks w = (vec(W); vec(V); b) with column-major vec; we never form w. Oracles that
 * need the literal Ψ(h) use {@link packW} / {@link unpackW} below.
 */
import type { Activation } from './activations/piecewise.ts';
import { sigma } from './activations/piecewise.ts';

export type { Activation } from './activations/piecewise.ts';

/** Dimensions: T time steps, n inputs, m outputs, r hidden units. */
export interface Dims {
  readonly T: number;
  readonly n: number;
  readonly m: number;
  readonly r: number;
}

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

// ---- The forward recursion (1.1) and Ψ(h)w (2.3) ----

/**
 * Pre-activations P = Ψ(h)w as a T×r array: P_t = W h_{t−1} + V x_t + b with h_0 = 0 (2.3).
 * Writes into `out` (T×r); allocation-free.
 */
export function psiW(d: Dims, X: Float64Array, z: Weights, h: Float64Array, out: Float64Array): void {
  const { T, n, r } = d;
  const { W, V, b } = z;
  for (let t = 0; t < T; t++) {
    const o = t * r, xo = t * n, ho = (t - 1) * r;
    for (let i = 0; i < r; i++) {
      let s = b[i];
      const vi = i * n;
      for (let k = 0; k < n; k++) s += V[vi + k] * X[xo + k];
      if (t > 0) {
        const wi = i * r;
        for (let k = 0; k < r; k++) s += W[wi + k] * h[ho + k];
      }
      out[o + i] = s;
    }
  }
}

/** Output layer: out_t = A h_t + c, T×m. */
export function outputs(d: Dims, z: Weights, h: Float64Array, out: Float64Array): void {
  const { T, m, r } = d;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < m; j++) {
      let s = z.c[j];
      const aj = j * r, ho = t * r;
      for (let k = 0; k < r; k++) s += z.A[aj + k] * h[ho + k];
      out[t * m + j] = s;
    }
  }
}

/**
 * Forward pass of (1.1): u_t = W h_{t−1} + V x_t + b, h_t = σ(u_t), h_0 = 0.
 * Returns the feasible pair (h, u) of (2.2); this is the feasible start of Algorithm 3.1.
 */
export function forward(d: Dims, X: Float64Array, z: Weights, act: Activation): { h: Float64Array; u: Float64Array } {
  const { T, n, r } = d;
  const h = new Float64Array(T * r);
  const u = new Float64Array(T * r);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < r; i++) {
      let s = z.b[i];
      for (let k = 0; k < n; k++) s += z.V[i * n + k] * X[t * n + k];
      if (t > 0) for (let k = 0; k < r; k++) s += z.W[i * r + k] * h[(t - 1) * r + k];
      u[t * r + i] = s;
      h[t * r + i] = sigma(act, s);
    }
  }
  return { h, u };
}

/** Mean squared error (1/T')Σ‖y_t − (A h_t + c)‖² over rows [from, to) of a forward pass (TrainErr/TestErr, §5.2). */
export function predictionError(d: Dims, data: Data, z: Weights, act: Activation, from = 0, to = d.T): number {
  const { h } = forward(d, data.X, z, act);
  const { m, r } = d;
  let s = 0;
  for (let t = from; t < to; t++) {
    for (let j = 0; j < m; j++) {
      let o = z.c[j];
      for (let k = 0; k < r; k++) o += z.A[j * r + k] * h[t * r + k];
      const e = data.Y[t * m + j] - o;
      s += e * e;
    }
  }
  return to > from ? s / (to - from) : 0;
}

/**
 * The paper's stacked vector w = (vec(W); vec(V); b) with column-major vec (§2.1). Only for
 * oracles and naive reference checks; solvers never form it.
 */
export function packW(d: Dims, z: Weights): Float64Array {
  const { r, n } = d;
  const w = new Float64Array(r * r + r * n + r);
  let p = 0;
  for (let j = 0; j < r; j++) for (let i = 0; i < r; i++) w[p++] = z.W[i * r + j];
  for (let j = 0; j < n; j++) for (let i = 0; i < r; i++) w[p++] = z.V[i * n + j];
  for (let i = 0; i < r; i++) w[p++] = z.b[i];
  return w;
}

/** The stacked a = (vec(A); c), column-major vec. */
export function packA(d: Dims, z: Weights): Float64Array {
  const { r, m } = d;
  const a = new Float64Array(m * r + m);
  let p = 0;
  for (let j = 0; j < r; j++) for (let i = 0; i < m; i++) a[p++] = z.A[i * r + j];
  for (let i = 0; i < m; i++) a[p++] = z.c[i];
  return a;
}

/** Inverse of {@link packW}: writes W, V, b of `z` from w. */
export function unpackW(d: Dims, w: ArrayLike<number>, z: Weights): void {
  const { r, n } = d;
  let p = 0;
  for (let j = 0; j < r; j++) for (let i = 0; i < r; i++) z.W[i * r + j] = w[p++];
  for (let j = 0; j < n; j++) for (let i = 0; i < r; i++) z.V[i * n + j] = w[p++];
  for (let i = 0; i < r; i++) z.b[i] = w[p++];
}

/** Inverse of {@link packA}: writes A, c of `z` from a. */
export function unpackA(d: Dims, a: ArrayLike<number>, z: Weights): void {
  const { r, m } = d;
  let p = 0;
  for (let j = 0; j < r; j++) for (let i = 0; i < m; i++) z.A[i * r + j] = a[p++];
  for (let i = 0; i < m; i++) z.c[i] = a[p++];
}
