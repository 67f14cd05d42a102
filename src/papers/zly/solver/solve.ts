/**
 * The two linear systems every exact minimizer of Algorithm 1 reduces to, each one Cholesky factorization
 * shared by all right-hand sides:
 *
 * - W-steps (8), (18): X·(λI + c·AAᵀ) = R with A = V_{i−1} (d_{i−1}×n). The Gram AAᵀ is d_{i−1}×d_{i−1}; in
 *   transposed form (λI + c·AAᵀ)·Xᵀ = Rᵀ the d_i rows of X are the right-hand sides.
 * - V-steps (11), (19): (βI + c·WᵀW)·X = R with W = W_{j+1} (p×m), R m×n (n samples = right-hand sides). When
 *   2p < m (e.g. the output layer, dN = 1) Woodbury is cheaper:
 *     (βI + cWᵀW)^{-1} = (1/β)·[I − Wᵀ((β/c)I + WWᵀ)^{-1}W],
 *   one p×p factorization and 2pmn + p²n flops instead of m²n.
 * No n×n or (d·n)×(d·n) matrix is ever formed.
 */
import { choleskyBlocked, cholSolveBlocked, gemmNNo, gemmNTo, gemmTNo, syrkTNo } from '../../../linalg/index.ts';
import type { ZlyWorkspace } from './workspace.ts';

/**
 * C(M×N) = A(M×K)·B(K×N). For M < 4 (an output layer with dN < 4) the register-blocked kernels fall back to
 * column-strided dot products; there the product is a few row combinations C_r = Σ_k A_rk B_k (contiguous axpys,
 * accumulated in the same k order, so the result is bit-identical).
 */
export function mulNN(C: Float64Array, A: Float64Array, B: Float64Array, M: number, K: number, N: number): void {
  if (M >= 4) {
    gemmNNo(C, 0, N, A, 0, K, B, 0, N, M, K, N);
    return;
  }
  for (let r = 0; r < M; r++) {
    const o = r * N;
    C.fill(0, o, o + N);
    for (let k = 0; k < K; k++) {
      const a = A[r * K + k], bk = k * N;
      for (let j = 0; j < N; j++) C[o + j] += a * B[bk + j];
    }
  }
}

/**
 * Whether a reduction over the samples C(m×p) = A·Bᵀ (A m×n, B p×n) runs in transposed form Aᵀᵀ·Bᵀ with K = n
 * (the SIMD kernel's Aᵀ·B shape; needs m, p ≥ 4) or directly as A·Bᵀ with contiguous rows. Same bits either way.
 */
export function reduceTransposed(m: number, p: number): boolean {
  return m >= 4 && p >= 4;
}

/**
 * C(m×p) = alpha·A·Bᵀ over the n samples: with `transposed` (see {@link reduceTransposed}) from At = Aᵀ (n×m)
 * and Bt = Bᵀ (n×p), else from A (m×n) and B (p×n).
 */
export function reduceSamples(C: Float64Array, n: number, m: number, p: number, transposed: boolean, A: Float64Array, B: Float64Array, alpha = 1): void {
  if (transposed) gemmTNo(C, 0, p, A, 0, m, B, 0, p, n, m, p, alpha, 0);
  else gemmNTo(C, 0, p, A, 0, n, B, 0, n, m, n, p, alpha, 0);
}

/** Rows per tile of the loops that write a transpose (see wStep.ts, vStep.ts). */
export const TILE = 8;

/** M(m×m) += s·I. */
export function addDiagonal(M: Float64Array, m: number, s: number): void {
  for (let i = 0; i < m; i++) M[i * m + i] += s;
}

/**
 * Solve (λI + c·AAᵀ)·Y = B in place for B (m×r), where `At` = Aᵀ is n×m (A = V_{i−1}, m = d_{i−1}) or, when
 * `gram` is given, AAᵀ is `gram` (the constant X·Xᵀ of the W_1-step).
 */
export function solveGram(ws: ZlyWorkspace, At: Float64Array, m: number, lambda: number, c: number, B: Float64Array, r: number, gram?: Float64Array): void {
  const M = ws.M;
  if (gram) for (let t = 0; t < m * m; t++) M[t] = c * gram[t];
  else syrkTNo(M, 0, m, At, 0, m, ws.n, m, c, 0);
  addDiagonal(M, m, lambda);
  choleskyBlocked(M, m, 'λI + c·V Vᵀ', ws.Lt);
  cholSolveBlocked(M, m, B, r, ws.Us);
}

/** Solve (β·I + c·WᵀW)·Y = B in place for B (m×n), W p×m (direct Cholesky, or Woodbury when 2p < m). */
export function solveShifted(ws: ZlyWorkspace, W: Float64Array, p: number, m: number, beta: number, c: number, B: Float64Array): void {
  const n = ws.n, M = ws.M;
  if (c > 0 && 2 * p < m) {
    const T = ws.T1;
    mulNN(T, W, B, p, m, n);
    gemmNTo(M, 0, p, W, 0, m, W, 0, m, p, m, p);
    addDiagonal(M, p, beta / c);
    choleskyBlocked(M, p, '(β/c)I + W Wᵀ', ws.Lt);
    cholSolveBlocked(M, p, T, n, ws.Us);
    gemmTNo(B, 0, n, W, 0, m, T, 0, n, p, m, n, -1, 1);
    const inv = 1 / beta;
    for (let t = 0; t < m * n; t++) B[t] *= inv;
    return;
  }
  syrkTNo(M, 0, m, W, 0, m, p, m, c, 0);
  addDiagonal(M, m, beta);
  choleskyBlocked(M, m, 'βI + c·WᵀW', ws.Lt);
  cholSolveBlocked(M, m, B, n, ws.Us);
}
