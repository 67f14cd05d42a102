/**
 * The network of problem (5): Φ(X; W) = W_N σ(W_{N−1} ⋯ σ(W_1 X)), its forward pass (which is also the
 * initialization (7) of V⁰), and the training MSE.
 */
import { gemm } from '../../../linalg/index.ts';
import { sigmaInto } from './activation.ts';
import type { ZlyActivation, ZlyDims } from './types.ts';
import { layers } from './types.ts';

/**
 * The forward pass V_i = σ(W_i V_{i−1}) (i < N), V_N = W_N V_{N−1}, V_0 = X: the feasible point of (5) for
 * weights W and the V⁰ of (7). Returns V_1..V_N (allocates).
 */
export function forwardPass(d: ZlyDims, X: Float64Array, W: readonly Float64Array[], act: ZlyActivation): Float64Array[] {
  const N = layers(d);
  const V: Float64Array[] = [];
  let prev = X;
  for (let i = 1; i <= N; i++) {
    const out = new Float64Array(d.d[i] * d.n);
    gemm(out, W[i - 1], prev, d.d[i], d.d[i - 1], d.n);
    if (i < N) sigmaInto(act, out, out);
    V.push(out);
    prev = out;
  }
  return V;
}

/** Mean squared error ‖P − Y‖²_F / (dN·n) of predictions P (dN×n) against Y. */
export function mse(P: Float64Array, Y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < Y.length; i++) {
    const e = P[i] - Y[i];
    s += e * e;
  }
  return s / Y.length;
}

/** Training MSE of the network itself, ‖Φ(X; W) − Y‖²_F / (dN·n). */
export function trainingMse(d: ZlyDims, X: Float64Array, Y: Float64Array, W: readonly Float64Array[], act: ZlyActivation): number {
  const V = forwardPass(d, X, W, act);
  return mse(V[V.length - 1], Y);
}

/** Variance of Y around its per-output mean, Σ (y − ȳ)² / (dN·n): the MSE of the best constant predictor. */
export function targetVariance(d: ZlyDims, Y: Float64Array): number {
  const dN = d.d[d.d.length - 1], n = d.n;
  let s = 0;
  for (let r = 0; r < dN; r++) {
    let mean = 0;
    for (let j = 0; j < n; j++) mean += Y[r * n + j];
    mean /= n;
    for (let j = 0; j < n; j++) s += (Y[r * n + j] - mean) ** 2;
  }
  return s / (dN * n);
}
