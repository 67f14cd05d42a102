/**
 * Dense kernels on flat row-major `Float64Array`s. No kernel allocates: callers own every buffer.
 *
 * Shapes are passed explicitly; a matrix M×K is stored as `a[i*K + k]`. The matrix products are whole-matrix
 * forms of the register-blocked kernels in `blocked.ts` (one implementation, tested here against ml-matrix).
 */
import { gemmNNo, gemmNTo, gemmTNo, syrkTNo } from './blocked.ts';

/** C(M×N) = alpha·A(M×K)·B(K×N) + beta·C (whole-matrix form of `gemmNNo`). */
export function gemm(
  C: Float64Array, A: Float64Array, B: Float64Array,
  M: number, K: number, N: number, alpha = 1, beta = 0,
): void {
  gemmNNo(C, 0, N, A, 0, K, B, 0, N, M, K, N, alpha, beta);
}

/** C(M×N) = alpha·A(K×M)ᵀ·B(K×N) + beta·C (whole-matrix form of `gemmTNo`). */
export function gemmTN(
  C: Float64Array, A: Float64Array, B: Float64Array,
  K: number, M: number, N: number, alpha = 1, beta = 0,
): void {
  gemmTNo(C, 0, N, A, 0, M, B, 0, N, K, M, N, alpha, beta);
}

/** C(M×N) = alpha·A(M×K)·B(N×K)ᵀ + beta·C (whole-matrix form of `gemmNTo`). */
export function gemmNT(
  C: Float64Array, A: Float64Array, B: Float64Array,
  M: number, K: number, N: number, alpha = 1, beta = 0,
): void {
  gemmNTo(C, 0, N, A, 0, K, B, 0, K, M, K, N, alpha, beta);
}

/** Gram matrix C(M×M) = alpha·AᵀA + beta·C for A (K×M), exactly symmetric (whole-matrix form of `syrkTNo`). */
export function syrkTN(C: Float64Array, A: Float64Array, K: number, M: number, alpha = 1, beta = 0): void {
  syrkTNo(C, 0, M, A, 0, M, K, M, alpha, beta);
}

/** y(M) = alpha·A(M×N)·x + beta·y. */
export function gemv(y: Float64Array, A: Float64Array, x: Float64Array, M: number, N: number, alpha = 1, beta = 0): void {
  for (let i = 0; i < M; i++) {
    const ai = i * N;
    let s = 0;
    for (let j = 0; j < N; j++) s += A[ai + j] * x[j];
    y[i] = alpha * s + (beta === 0 ? 0 : beta * y[i]);
  }
}

/** y(N) = alpha·A(M×N)ᵀ·x + beta·y. */
export function gemvT(y: Float64Array, A: Float64Array, x: Float64Array, M: number, N: number, alpha = 1, beta = 0): void {
  scaleInPlace(y, N, beta);
  for (let i = 0; i < M; i++) {
    const a = alpha * x[i];
    if (a === 0) continue;
    const ai = i * N;
    for (let j = 0; j < N; j++) y[j] += a * A[ai + j];
  }
}

/** Σ a_i b_i over the first `len` entries. */
export function dot(a: Float64Array, b: Float64Array, len = a.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i] * b[i];
  return s;
}

/** Squared Euclidean (Frobenius) norm. */
export function sqnorm(a: Float64Array, len = a.length): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i] * a[i];
  return s;
}

/** Euclidean (Frobenius) norm. */
export function norm2(a: Float64Array): number {
  return Math.sqrt(sqnorm(a));
}

/** ‖a − b‖² without a temporary. */
export function sqdist(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

/** y += alpha·x. */
export function axpy(y: Float64Array, alpha: number, x: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
}

/** out(N×M) = A(M×N)ᵀ. */
export function transpose(out: Float64Array, A: Float64Array, M: number, N: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) out[j * M + i] = A[i * N + j];
  }
}

/** True when every entry is finite. */
export function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

function scaleInPlace(C: Float64Array, len: number, beta: number): void {
  if (beta === 0) C.fill(0, 0, len);
  else if (beta !== 1) for (let i = 0; i < len; i++) C[i] *= beta;
}
