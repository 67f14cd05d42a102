/**
 * Dense kernels on flat row-major `Float64Array`s. No kernel allocates: callers own every buffer.
 *
 * Shapes are passed explicitly; a matrix M×K is stored as `a[i*K + k]`.
 * The 4-row register blocking in {@link gemm} halves the time of plain i-k-j at the project's
 * sizes (shared/notes/stack.md: 9.7 ms against 20 ms for 500×181·181×181).
 */

/** C(M×N) = alpha·A(M×K)·B(K×N) + beta·C. */
export function gemm(
  C: Float64Array, A: Float64Array, B: Float64Array,
  M: number, K: number, N: number, alpha = 1, beta = 0,
): void {
  scaleInPlace(C, M * N, beta);
  let i = 0;
  for (; i + 3 < M; i += 4) {
    const r0 = i * K, r1 = r0 + K, r2 = r1 + K, r3 = r2 + K;
    const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
    for (let k = 0; k < K; k++) {
      const a0 = alpha * A[r0 + k], a1 = alpha * A[r1 + k], a2 = alpha * A[r2 + k], a3 = alpha * A[r3 + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) {
        const b = B[bk + j];
        C[c0 + j] += a0 * b;
        C[c1 + j] += a1 * b;
        C[c2 + j] += a2 * b;
        C[c3 + j] += a3 * b;
      }
    }
  }
  for (; i < M; i++) {
    const ri = i * K, ci = i * N;
    for (let k = 0; k < K; k++) {
      const a = alpha * A[ri + k];
      if (a === 0) continue;
      const bk = k * N;
      for (let j = 0; j < N; j++) C[ci + j] += a * B[bk + j];
    }
  }
}

/** C(M×N) = alpha·A(K×M)ᵀ·B(K×N) + beta·C. Streams rows of A and B once. */
export function gemmTN(
  C: Float64Array, A: Float64Array, B: Float64Array,
  K: number, M: number, N: number, alpha = 1, beta = 0,
): void {
  scaleInPlace(C, M * N, beta);
  for (let k = 0; k < K; k++) {
    const ak = k * M, bk = k * N;
    let i = 0;
    for (; i + 3 < M; i += 4) {
      const a0 = alpha * A[ak + i], a1 = alpha * A[ak + i + 1], a2 = alpha * A[ak + i + 2], a3 = alpha * A[ak + i + 3];
      const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
      for (let j = 0; j < N; j++) {
        const b = B[bk + j];
        C[c0 + j] += a0 * b;
        C[c1 + j] += a1 * b;
        C[c2 + j] += a2 * b;
        C[c3 + j] += a3 * b;
      }
    }
    for (; i < M; i++) {
      const a = alpha * A[ak + i];
      if (a === 0) continue;
      const ci = i * N;
      for (let j = 0; j < N; j++) C[ci + j] += a * B[bk + j];
    }
  }
}

/** C(M×N) = alpha·A(M×K)·B(N×K)ᵀ + beta·C. Inner loop is a dot product of two contiguous rows. */
export function gemmNT(
  C: Float64Array, A: Float64Array, B: Float64Array,
  M: number, K: number, N: number, alpha = 1, beta = 0,
): void {
  for (let i = 0; i < M; i++) {
    const ai = i * K, ci = i * N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const b0 = j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const a = A[ai + k];
        s0 += a * B[b0 + k];
        s1 += a * B[b1 + k];
        s2 += a * B[b2 + k];
        s3 += a * B[b3 + k];
      }
      C[ci + j] = alpha * s0 + (beta === 0 ? 0 : beta * C[ci + j]);
      C[ci + j + 1] = alpha * s1 + (beta === 0 ? 0 : beta * C[ci + j + 1]);
      C[ci + j + 2] = alpha * s2 + (beta === 0 ? 0 : beta * C[ci + j + 2]);
      C[ci + j + 3] = alpha * s3 + (beta === 0 ? 0 : beta * C[ci + j + 3]);
    }
    for (; j < N; j++) {
      const bj = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
      C[ci + j] = alpha * s + (beta === 0 ? 0 : beta * C[ci + j]);
    }
  }
}

/**
 * Gram matrix C(M×M) = alpha·Aᵀ·A + beta·C for A (K×M). Computes the upper triangle and mirrors it,
 * so the result is exactly symmetric (Cholesky relies on that).
 */
export function syrkTN(C: Float64Array, A: Float64Array, K: number, M: number, alpha = 1, beta = 0): void {
  for (let i = 0; i < M; i++) {
    for (let j = i; j < M; j++) C[i * M + j] = beta === 0 ? 0 : beta * C[i * M + j];
  }
  for (let k = 0; k < K; k++) {
    const ak = k * M;
    for (let i = 0; i < M; i++) {
      const a = alpha * A[ak + i];
      if (a === 0) continue;
      const ci = i * M;
      for (let j = i; j < M; j++) C[ci + j] += a * A[ak + j];
    }
  }
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) C[j * M + i] = C[i * M + j];
  }
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

/** max |a_i|. */
export function normInf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > s) s = v;
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
