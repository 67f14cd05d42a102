/**
 * Register-blocked kernels with explicit offsets and leading dimensions (BLAS style), for the solver's hot
 * loops. Same semantics as the plain kernels in `dense.ts`, about 2.5× faster at the project's sizes: each
 * 4×4 block of C lives in 16 locals, so one k step does 16 multiply-adds for 8 loads (the plain i-k-j loops
 * do one load/store of C per multiply-add). Offsets replace `subarray` views, which allocate.
 *
 * Element (i, j) of a matrix argument X with offset xOff and leading dimension ldx is X[xOff + i·ldx + j].
 * With beta = 0 the old content of C is never read (garbage or NaN in C does not leak into the result).
 *
 * gemmNNo, gemmTNo, gemmNTo, syrkTNo, choleskyBlocked (with its scratch) and cholSolveBlocked run in the
 * WebAssembly SIMD kernels of `simd.ts` when all their arrays share one arena (`inArena`), with bit-identical
 * results — the Aᵀ and Bᵀ forms by way of the arena's scratch and the A·B kernel; every other case runs here in JS.
 */
import { NotPositiveDefiniteError } from './errors.ts';
import { arenaScratchOf, simdKernelFor, simdKernelsFor } from './simd.ts';
import { CHOL_NB } from './simdSolve.ts';

/** C(M×N) = alpha·A(M×K)·B(K×N) + beta·C. */
export function gemmNNo(
  C: Float64Array, cOff: number, ldc: number,
  A: Float64Array, aOff: number, lda: number,
  B: Float64Array, bOff: number, ldb: number,
  M: number, K: number, N: number, alpha = 1, beta = 0,
): void {
  const simd = simdKernelFor(C, A, B);
  if (simd === null) jsNN(C, cOff, ldc, A, aOff, lda, B, bOff, ldb, M, K, N, alpha, beta);
  else simd(M, N, K, A.byteOffset + 8 * aOff, 8 * lda, 8, B.byteOffset + 8 * bOff, 8 * ldb, C.byteOffset + 8 * cOff, 8 * ldc, alpha, beta);
}

function jsNN(
  C: Float64Array, cOff: number, ldc: number,
  A: Float64Array, aOff: number, lda: number,
  B: Float64Array, bOff: number, ldb: number,
  M: number, K: number, N: number, alpha: number, beta: number,
): void {
  const M4 = M - (M & 3), N4 = N - (N & 3);
  for (let i = 0; i < M4; i += 4) {
    const a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    const c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    for (let j = 0; j < N4; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let bk = bOff + j;
      for (let k = 0; k < K; k++, bk += ldb) {
        const b0 = B[bk], b1 = B[bk + 1], b2 = B[bk + 2], b3 = B[bk + 3];
        const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
        s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
        s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
        s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2; s23 += x2 * b3;
        s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2; s33 += x3 * b3;
      }
      store4(C, c0 + j, alpha, beta, s00, s01, s02, s03);
      store4(C, c1 + j, alpha, beta, s10, s11, s12, s13);
      store4(C, c2 + j, alpha, beta, s20, s21, s22, s23);
      store4(C, c3 + j, alpha, beta, s30, s31, s32, s33);
    }
    for (let j = N4; j < N; j++) {
      for (let a = 0; a < 4; a++) {
        const ai = aOff + (i + a) * lda;
        let s = 0;
        for (let k = 0, bk = bOff + j; k < K; k++, bk += ldb) s += A[ai + k] * B[bk];
        store1(C, cOff + (i + a) * ldc + j, alpha, beta, s);
      }
    }
  }
  for (let i = M4; i < M; i++) {
    const ai = aOff + i * lda, ci = cOff + i * ldc;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, bk = bOff + j; k < K; k++, bk += ldb) s += A[ai + k] * B[bk];
      store1(C, ci + j, alpha, beta, s);
    }
  }
}

/** C(M×N) = alpha·Aᵀ·B + beta·C with A stored K×M and B stored K×N. */
export function gemmTNo(
  C: Float64Array, cOff: number, ldc: number,
  A: Float64Array, aOff: number, lda: number,
  B: Float64Array, bOff: number, ldb: number,
  K: number, M: number, N: number, alpha = 1, beta = 0,
): void {
  const simd = simdKernelFor(C, A, B);
  if (simd === null) {
    jsTN(C, cOff, ldc, A, aOff, lda, B, bOff, ldb, K, M, N, alpha, beta);
    return;
  }
  const At = K >= TRANSPOSE_MIN && N >= TRANSPOSE_MIN ? arenaScratchOf(A) : null;
  if (At) {
    // Aᵀ·B walks A down its columns: a new cache line per k for 2 entries. Transposed once, the same sums run in
    // the A·B form (measured 12.2 → 14.5 G multiply-adds/s at K = 500, M = N = 100), bit for bit.
    transposeInto(At, 0, K, A, aOff, lda, K, M);
    gemmNNo(C, cOff, ldc, At, 0, K, B, bOff, ldb, M, K, N, alpha, beta);
  } else {
    simd(M, N, K, A.byteOffset + 8 * aOff, 8, 8 * lda, B.byteOffset + 8 * bOff, 8 * ldb, C.byteOffset + 8 * cOff, 8 * ldc, alpha, beta);
  }
}

/** K and N from which {@link gemmTNo} / {@link syrkTNo} transpose A first in an arena (the copy is then < 10% of the product). */
const TRANSPOSE_MIN = 32;

function jsTN(
  C: Float64Array, cOff: number, ldc: number,
  A: Float64Array, aOff: number, lda: number,
  B: Float64Array, bOff: number, ldb: number,
  K: number, M: number, N: number, alpha: number, beta: number,
): void {
  const M4 = M - (M & 3), N4 = N - (N & 3);
  for (let i = 0; i < M4; i += 4) {
    const c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    for (let j = 0; j < N4; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let ak = aOff + i, bk = bOff + j;
      for (let k = 0; k < K; k++, ak += lda, bk += ldb) {
        const b0 = B[bk], b1 = B[bk + 1], b2 = B[bk + 2], b3 = B[bk + 3];
        const x0 = A[ak], x1 = A[ak + 1], x2 = A[ak + 2], x3 = A[ak + 3];
        s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
        s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
        s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2; s23 += x2 * b3;
        s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2; s33 += x3 * b3;
      }
      store4(C, c0 + j, alpha, beta, s00, s01, s02, s03);
      store4(C, c1 + j, alpha, beta, s10, s11, s12, s13);
      store4(C, c2 + j, alpha, beta, s20, s21, s22, s23);
      store4(C, c3 + j, alpha, beta, s30, s31, s32, s33);
    }
    for (let j = N4; j < N; j++) {
      for (let a = 0; a < 4; a++) {
        let s = 0;
        for (let k = 0, ak = aOff + i + a, bk = bOff + j; k < K; k++, ak += lda, bk += ldb) s += A[ak] * B[bk];
        store1(C, cOff + (i + a) * ldc + j, alpha, beta, s);
      }
    }
  }
  for (let i = M4; i < M; i++) {
    const ci = cOff + i * ldc;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, ak = aOff + i, bk = bOff + j; k < K; k++, ak += lda, bk += ldb) s += A[ak] * B[bk];
      store1(C, ci + j, alpha, beta, s);
    }
  }
}

/** C(M×N) = alpha·A(M×K)·Bᵀ + beta·C with B stored N×K. */
export function gemmNTo(
  C: Float64Array, cOff: number, ldc: number,
  A: Float64Array, aOff: number, lda: number,
  B: Float64Array, bOff: number, ldb: number,
  M: number, K: number, N: number, alpha = 1, beta = 0,
): void {
  const Bt = simdKernelFor(C, A, B) ? arenaScratchOf(B) : null;
  if (Bt) {
    // in an arena: Bᵀ into the scratch, then the A·B kernel (the same sums, bit for bit)
    transposeInto(Bt, 0, N, B, bOff, ldb, N, K);
    gemmNNo(C, cOff, ldc, A, aOff, lda, Bt, 0, N, M, K, N, alpha, beta);
    return;
  }
  const M4 = M - (M & 3), N4 = N - (N & 3);
  for (let i = 0; i < M4; i += 4) {
    const a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    const c0 = cOff + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
    for (let j = 0; j < N4; j += 4) {
      const b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let k = 0; k < K; k++) {
        const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
        const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      store4(C, c0 + j, alpha, beta, s00, s01, s02, s03);
      store4(C, c1 + j, alpha, beta, s10, s11, s12, s13);
      store4(C, c2 + j, alpha, beta, s20, s21, s22, s23);
      store4(C, c3 + j, alpha, beta, s30, s31, s32, s33);
    }
    for (let j = N4; j < N; j++) {
      const bj = bOff + j * ldb;
      for (let a = 0; a < 4; a++) {
        const ai = aOff + (i + a) * lda;
        let s = 0;
        for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
        store1(C, cOff + (i + a) * ldc + j, alpha, beta, s);
      }
    }
  }
  for (let i = M4; i < M; i++) {
    const ai = aOff + i * lda, ci = cOff + i * ldc;
    for (let j = 0; j < N; j++) {
      const bj = bOff + j * ldb;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
      store1(C, ci + j, alpha, beta, s);
    }
  }
}

/**
 * Gram matrix C(M×M) = alpha·AᵀA + beta·C with A stored K×M. Only blocks on or above the diagonal are
 * computed; the lower triangle is then mirrored, so C is exactly symmetric (Cholesky relies on that).
 */
export function syrkTNo(
  C: Float64Array, cOff: number, ldc: number,
  A: Float64Array, aOff: number, lda: number,
  K: number, M: number, alpha = 1, beta = 0,
): void {
  const At = K >= TRANSPOSE_MIN && M >= TRANSPOSE_MIN && simdKernelFor(C, A, A) ? arenaScratchOf(A) : null;
  if (At) {
    // as in gemmTNo: Aᵀ once into the scratch, then the A·B form
    transposeInto(At, 0, K, A, aOff, lda, K, M);
    syrkNNo(C, cOff, ldc, At, 0, K, A, aOff, lda, K, M, alpha, beta);
    return;
  }
  for (let i0 = 0; i0 < M; i0 += 4) {
    const mb = Math.min(4, M - i0);
    gemmTNo(C, cOff + i0 * ldc + i0, ldc, A, aOff + i0, lda, A, aOff + i0, lda, K, mb, M - i0, alpha, beta);
  }
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) C[cOff + j * ldc + i] = C[cOff + i * ldc + j];
  }
}

/**
 * Rows [g0, g1) of the upper triangle of {@link syrkNNo}'s C = alpha·At·A + beta·C (At M×K holding Aᵀ, A K×M): for
 * each 4-row strip i0 … i0+3 of the band, columns i0 … M−1, every entry summed over k in the same order as
 * syrkNNo's and syrkTNo's — so the same bits — and nothing else of C written but the strips' few entries below the
 * diagonal (a caller mirrors the upper triangle over them). Bands of a partition of [0, M) do syrkNNo's work
 * between them: a trapezoid each, where a rectangle of rows would redo most of the lower triangle.
 */
export function syrkBandNNo(
  C: Float64Array, cOff: number, ldc: number,
  At: Float64Array, aOff: number, lda: number,
  A: Float64Array, bOff: number, ldb: number,
  K: number, M: number, g0: number, g1: number, alpha = 1, beta = 0,
): void {
  for (let i0 = g0; i0 < g1; i0 += 4) {
    const mb = Math.min(4, g1 - i0);
    gemmNNo(C, cOff + i0 * ldc + i0, ldc, At, aOff + i0 * lda, lda, A, bOff + i0, ldb, mb, K, M - i0, alpha, beta);
  }
}

/**
 * The Gram matrix of {@link syrkTNo} with the transpose given explicitly: C(M×M) = alpha·At·A + beta·C, At (M×K,
 * leading dimension lda) holding Aᵀ for A (K×M, leading dimension ldb). Same entries, same order of the sums as
 * syrkTNo(A) — so the same bits — but both operands are read along rows (the A·B form the kernels run fastest).
 */
export function syrkNNo(
  C: Float64Array, cOff: number, ldc: number,
  At: Float64Array, aOff: number, lda: number,
  A: Float64Array, bOff: number, ldb: number,
  K: number, M: number, alpha = 1, beta = 0,
): void {
  const simd = simdKernelsFor(C, At, A);
  if (simd) {
    simd.syrk(M, K, At.byteOffset + 8 * aOff, 8 * lda, A.byteOffset + 8 * bOff, 8 * ldb, C.byteOffset + 8 * cOff, 8 * ldc, alpha, beta);
  } else {
    for (let i0 = 0; i0 < M; i0 += 4) {
      const mb = Math.min(4, M - i0);
      jsNN(C, cOff + i0 * ldc + i0, ldc, At, aOff + i0 * lda, lda, A, bOff + i0, ldb, mb, K, M - i0, alpha, beta);
    }
  }
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) C[cOff + j * ldc + i] = C[cOff + i * ldc + j];
  }
}

/** out(N×M) = A(M×N)ᵀ with offsets and leading dimensions; the SIMD kernel when both share an arena. */
export function transposeInto(
  out: Float64Array, oOff: number, ldo: number, A: Float64Array, aOff: number, lda: number, M: number, N: number,
): void {
  const simd = simdKernelsFor(out, A);
  if (simd) {
    simd.transpose(M, N, A.byteOffset + 8 * aOff, 8 * lda, out.byteOffset + 8 * oOff, 8 * ldo);
    return;
  }
  // tiles of 8×8 keep both the rows read and the rows written in cache
  for (let i0 = 0; i0 < M; i0 += 8) {
    for (let j0 = 0; j0 < N; j0 += 8) {
      for (let i = i0; i < Math.min(i0 + 8, M); i++) {
        for (let j = j0; j < Math.min(j0 + 8, N); j++) out[oOff + j * ldo + i] = A[aOff + i * lda + j];
      }
    }
  }
}

/** Block size of {@link choleskyBlocked}'s left-looking panels (shared with the SIMD kernel). */
const NB = CHOL_NB;

/**
 * Factor the SPD matrix A (n×n, row-major, lower triangle read) in place as L·Lᵀ, like `cholesky` in
 * `cholesky.ts` but left-looking by panels of {@link NB} columns, so the bulk of the work is one product per
 * panel. With scratch `Lt` (n×n) the factor's transpose is kept there as it grows and the panel product takes
 * the A·B form; without it, A·Bᵀ. When A and Lt share an arena the whole factorization runs in the SIMD kernel
 * (`simdSolve.ts`). Same result every way. On return the lower triangle holds L and the strict upper triangle is
 * zero.
 * @throws NotPositiveDefiniteError when a pivot is ≤ 0 or not finite.
 */
export function choleskyBlocked(A: Float64Array, n: number, what?: string, Lt?: Float64Array): void {
  const simd = Lt ? simdKernelsFor(A, Lt) : null;
  if (simd && Lt) {
    const bad = simd.chol(n, A.byteOffset, Lt.byteOffset);
    if (bad >= 0) throw new NotPositiveDefiniteError(bad, A[bad * n + bad], what);
  } else {
    choleskyJs(A, n, what, Lt);
  }
  for (let i = 0; i < n; i++) A.fill(0, i * n + i + 1, (i + 1) * n);
}

function choleskyJs(A: Float64Array, n: number, what?: string, Lt?: Float64Array): void {
  for (let j0 = 0; j0 < n; j0 += NB) {
    const nb = Math.min(NB, n - j0);
    // panel A[j0:n, j0:j0+nb] -= L[j0:n, 0:j0] · L[j0:j0+nb, 0:j0]ᵀ
    if (j0 > 0) {
      if (Lt) gemmNNo(A, j0 * n + j0, n, A, j0 * n, n, Lt, j0, n, n - j0, j0, nb, -1, 1);
      else gemmNTo(A, j0 * n + j0, n, A, j0 * n, n, A, j0 * n, n, n - j0, j0, nb, -1, 1);
    }
    for (let j = j0; j < j0 + nb; j++) {
      const rj = j * n;
      let d = A[rj + j];
      for (let k = j0; k < j; k++) d -= A[rj + k] * A[rj + k];
      if (!(d > 0) || !Number.isFinite(d)) throw new NotPositiveDefiniteError(j, d, what);
      const ljj = Math.sqrt(d);
      A[rj + j] = ljj;
      const inv = 1 / ljj;
      for (let i = j + 1; i < n; i++) {
        const ri = i * n;
        let s = A[ri + j];
        for (let k = j0; k < j; k++) s -= A[ri + k] * A[rj + k];
        A[ri + j] = s * inv;
      }
    }
    if (Lt) for (let k = j0; k < j0 + nb; k++) for (let i = k; i < n; i++) Lt[k * n + i] = A[i * n + k];
  }
}

/**
 * Solve L·Lᵀ·X = B in place for B (n×nrhs, row-major), with L from {@link choleskyBlocked} or `cholesky`.
 * Blocks of 4 rows: the update from already-solved rows is a {@link gemmNNo} call; `U` (n×n scratch) receives
 * Lᵀ so the backward sweep also reads contiguous rows — unless `uHoldsLt`: U is the scratch `choleskyBlocked`
 * just left Lᵀ in. When L, B and U share an arena the full blocks run in the SIMD kernel (one call per sweep),
 * the last n mod 4 rows here. `lowerB`: B is lower triangular (the identity, for an inverse); the forward sweep
 * then skips the columns right of each block, which would stay +0 — the same bits, fewer operations.
 */
export function cholSolveBlocked(
  L: Float64Array, n: number, B: Float64Array, nrhs: number, U: Float64Array, uHoldsLt = false, lowerB = false,
): void {
  if (!uHoldsLt) for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) U[k * n + i] = L[i * n + k];
  const simd = simdKernelsFor(L, B, U);
  const nb = simd ? n >> 2 : 0, n4 = 4 * nb;
  // forward: L·Y = B
  if (simd) simd.trsm(n, nb, L.byteOffset, B.byteOffset, nrhs, 0, lowerB ? 1 : 0);
  for (let i0 = n4; i0 < n; i0 += 4) {
    const ib = Math.min(4, n - i0);
    forwardBlock(L, n, B, nrhs, i0, ib, lowerB ? Math.min(nrhs, i0 + ib) : nrhs);
  }
  // backward: Lᵀ·X = Y, blocks from the bottom
  const last = n - 1 - ((n - 1) & 3);
  for (let i0 = last; i0 >= n4; i0 -= 4) backwardBlock(U, n, B, nrhs, i0, Math.min(4, n - i0));
  if (simd) simd.trsm(n, nb, U.byteOffset, B.byteOffset, nrhs, 1, 0);
}

/**
 * Rows i0 … i0+ib−1 of L·Y = B, rows above solved, columns 0 … cols−1 (cols < nrhs only when B is lower
 * triangular: the columns right of the block's last row would come out +0 from the +0 they hold).
 */
function forwardBlock(L: Float64Array, n: number, B: Float64Array, nrhs: number, i0: number, ib: number, cols: number): void {
  if (i0 > 0) gemmNNo(B, i0 * nrhs, nrhs, L, i0 * n, n, B, 0, nrhs, ib, i0, cols, -1, 1);
  for (let i = i0; i < i0 + ib; i++) {
    const bi = i * nrhs, ri = i * n;
    for (let k = i0; k < i; k++) {
      const l = L[ri + k], bk = k * nrhs;
      for (let j = 0; j < cols; j++) B[bi + j] -= l * B[bk + j];
    }
    const inv = 1 / L[ri + i];
    for (let j = 0; j < cols; j++) B[bi + j] *= inv;
  }
}

/** Rows i0 … i0+ib−1 of Lᵀ·X = Y (U = Lᵀ), rows below solved. */
function backwardBlock(U: Float64Array, n: number, B: Float64Array, nrhs: number, i0: number, ib: number): void {
  const e = i0 + ib;
  if (e < n) gemmNNo(B, i0 * nrhs, nrhs, U, i0 * n + e, n, B, e * nrhs, nrhs, ib, n - e, nrhs, -1, 1);
  for (let i = e - 1; i >= i0; i--) {
    const bi = i * nrhs, ri = i * n;
    for (let k = i + 1; k < e; k++) {
      const u = U[ri + k], bk = k * nrhs;
      for (let j = 0; j < nrhs; j++) B[bi + j] -= u * B[bk + j];
    }
    const inv = 1 / U[ri + i];
    for (let j = 0; j < nrhs; j++) B[bi + j] *= inv;
  }
}

function store4(C: Float64Array, c: number, alpha: number, beta: number, s0: number, s1: number, s2: number, s3: number): void {
  if (beta === 0) {
    C[c] = alpha * s0; C[c + 1] = alpha * s1; C[c + 2] = alpha * s2; C[c + 3] = alpha * s3;
  } else {
    C[c] = alpha * s0 + beta * C[c];
    C[c + 1] = alpha * s1 + beta * C[c + 1];
    C[c + 2] = alpha * s2 + beta * C[c + 2];
    C[c + 3] = alpha * s3 + beta * C[c + 3];
  }
}

function store1(C: Float64Array, c: number, alpha: number, beta: number, s: number): void {
  C[c] = beta === 0 ? alpha * s : alpha * s + beta * C[c];
}
