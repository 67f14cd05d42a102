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
    gemmNNo(T, 0, n, W, 0, m, B, 0, n, p, m, n);
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
