/**
 * Judging the solver's linear-system block steps (z-step (3.14), h-step (3.18)) against the literal paper
 * solves M⁻¹b (ml-matrix), with a tolerance scaled by the system's condition number.
 */
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { oracle } from '../../../../engine/attribution.ts';
import { compareEqArrays } from '../../../../engine/tolerance.ts';
import type { Verdict } from '../../../../engine/types.ts';
import { toVec } from '../../theory/explicit.ts';
import { maxAbs } from './common.ts';

/** |M|·|x| entrywise: the componentwise scale of the rounding in M·x (Cholesky/LU are backward stable in it). */
export function absMul(M: Matrix, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < M.columns; j++) s += Math.abs(M.get(i, j) * x[j]);
    out[i] = s;
  }
  return out;
}

/** Spectral condition number of an SPD matrix (symmetric EVD). */
function condSPD(M: Matrix): number {
  const ev = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues;
  return Math.max(...ev) / Math.min(...ev);
}

/**
 * Compare a linear solve x (solver) with the literal x* = M⁻¹b (ml-matrix LU). Both have backward error
 * ~n·ε, so their difference is bounded by ~κ(M)·n·ε·‖x‖; the scale κ·‖x‖∞ keeps rtol = 1e-9 far above that
 * (n·ε ≈ 1e-14) while an O(1) modelling error still shows whenever κ ≲ 1e8 (the stationarity check, which is
 * backward-stable, covers the rest).
 */
export function compareSolve(x: ArrayLike<number>, M: Matrix, rhs: Matrix, ctx: { rtol: number }, what: string): Verdict {
  const lit = oracle(() => toVec(solve(M, rhs)), 'x* = M⁻¹b (ml-matrix)');
  return compareEqArrays(x, lit, ctx, { scale: oracle(() => condSPD(M), 'κ(M) (ml-matrix)') * maxAbs(lit), what });
}
