/**
 * Cholesky factorization A = L·Lᵀ and multi-right-hand-side solves, in place on flat row-major arrays.
 *
 * `cholesky` is the plain-argument form of `choleskyBlocked` (one implementation). Row-major right-hand sides
 * B (n×nrhs) are solved row by row: each substitution step is an axpy over
 * a contiguous row of B, which is what makes one factorization with r right-hand sides cheap.
 */
import { choleskyBlocked } from './blocked.ts';

export { NotPositiveDefiniteError } from './errors.ts';

/**
 * Factor the SPD matrix A (n×n) in place: on return the lower triangle holds L and the strict upper
 * triangle is zeroed. Only the lower triangle of A is read.
 * @throws NotPositiveDefiniteError when a pivot is ≤ 0 or not finite.
 */
export function cholesky(A: Float64Array, n: number, what?: string): void {
  choleskyBlocked(A, n, what);
}

/** Solve L·Lᵀ·X = B in place for B (n×nrhs, row-major), with L from {@link cholesky}. */
export function cholSolve(L: Float64Array, n: number, B: Float64Array, nrhs: number): void {
  // forward: L·Y = B
  for (let i = 0; i < n; i++) {
    const ri = i * n, bi = i * nrhs;
    for (let k = 0; k < i; k++) {
      const l = L[ri + k];
      if (l === 0) continue;
      const bk = k * nrhs;
      for (let j = 0; j < nrhs; j++) B[bi + j] -= l * B[bk + j];
    }
    const inv = 1 / L[ri + i];
    for (let j = 0; j < nrhs; j++) B[bi + j] *= inv;
  }
  // backward: Lᵀ·X = Y
  for (let i = n - 1; i >= 0; i--) {
    const bi = i * nrhs;
    for (let k = i + 1; k < n; k++) {
      const l = L[k * n + i];
      if (l === 0) continue;
      const bk = k * nrhs;
      for (let j = 0; j < nrhs; j++) B[bi + j] -= l * B[bk + j];
    }
    const inv = 1 / L[i * n + i];
    for (let j = 0; j < nrhs; j++) B[bi + j] *= inv;
  }
}

/** Solve L·Lᵀ·x = b in place for one vector (length n), starting at `offset` in `b`. */
export function cholSolveVec(L: Float64Array, n: number, b: Float64Array, offset = 0): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[offset + i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[offset + k];
    b[offset + i] = s / L[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[offset + i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[offset + k];
    b[offset + i] = s / L[i * n + i];
  }
}

/**
 * Solve L·Lᵀ·X = Bᵀ where the right-hand sides are the *rows* of B (nrhs×n, row-major), in place.
 * Used for the T h-solves (3.18), which share one factorization and are stored one per row.
 */
export function cholSolveRows(L: Float64Array, n: number, B: Float64Array, nrhs: number, rowOffset = 0): void {
  for (let t = 0; t < nrhs; t++) cholSolveVec(L, n, B, (rowOffset + t) * n);
}
