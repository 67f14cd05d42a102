/**
 * Lemma 2.1 (NNAMCQ at feasible points): no nonzero (ξ, ζ) with 0 ∈ JC1(s)ᵀξ + ∂(ζᵀC2(s)).
 *
 * ζᵀC2(s) = ζᵀh − Σ_i ζ_iσ(u_i) is linear in h and separable in u, so every element of JC1ᵀξ + ∂(ζᵀC2) is
 * M(S)·(ξ; ζ) with
 *   M(S) = [ JC1(s)ᵀ | (0; 0; I; −S) ],   S = diag(slopes), rows (w; a; h; u), columns (ξ; ζ),
 * slopes_i = σ'(u_i) off kinks and, at a kink u_i = 0, a slope in {σ'(0⁻), σ'(0⁺)} (limiting subdifferential,
 * ζ_i on the concave side) or in the interval between them (ζ_i on the convex side). NNAMCQ holds at s iff
 * M(S) is injective for every admissible S, i.e. its smallest singular value is positive.
 *
 * What this module computes: σ_min(M(S)) by ml-matrix SVD for every endpoint selection when |K| ≤
 * `maxExhaustiveKinks` (default 12, 2^12 = 4096 SVDs), otherwise for `samples` (default 4096) seeded random
 * endpoint selections; plus `interiorSamples` (default 16) random interior selections, since on the convex
 * side the slope may be anywhere in the interval and σ_min need not be smallest at vertices. NNAMCQ is
 * reported to hold when min σ_min / ‖M‖ > `relTol` (default 1e-10; ‖M‖ = largest singular value).
 *
 * Why it always holds (checked by the tests, and the reason Lemma 2.1's proof (A.1)–(A.3) is right at kinks):
 * the (h; u) rows alone form [[J_hC1ᵀ, I], [I, −S]], and J_hC1ᵀ is strictly block upper triangular (−Wᵀ on the
 * super-diagonal), so its determinant is ±det(I + S·J_hC1ᵀ) = ±1 for ANY diagonal S — feasibility of s and the
 * sign-dependence of ∂ at kinks play no role. Small sizes only (T, n, m, r ≤ ~8).
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Iterate, Problem } from '../problem/types.ts';
import { paramCounts } from '../problem/types.ts';
import { sigmaSlopes } from '../../../models/activations/piecewise.ts';
import { mulberry32 } from '../../../core/rng.ts';
import { JC1 } from './explicit.ts';
import { isKink } from './gradient.ts';
import { feasibilityViolation } from './kkt.ts';
import { oracleFn } from '../../../engine/attribution.ts';

/** M(S) = [JC1(s)ᵀ | (0; 0; I; −diag(slopes))], (N_w + N_a + 2rT) × 2rT. */
export const multiplierMatrix = oracleFn(function multiplierMatrix(prob: Problem, s: Iterate, slopes: ArrayLike<number>): Matrix {
  const d = prob.data.dims;
  const N = d.T * d.r;
  const { Nw, Na } = paramCounts(d);
  const M = Matrix.zeros(Nw + Na + 2 * N, 2 * N);
  M.setSubMatrix(JC1(prob, s).transpose(), 0, 0);
  for (let i = 0; i < N; i++) {
    M.set(Nw + Na + i, N + i, 1);
    M.set(Nw + Na + N + i, N + i, -slopes[i]);
  }
  return M;
});

/** Options of {@link nnamcqCheck}. */
export interface NnamcqOptions {
  maxExhaustiveKinks?: number;
  samples?: number;
  interiorSamples?: number;
  relTol?: number;
  seed?: number;
}

/** Result of {@link nnamcqCheck}. */
export interface NnamcqResult {
  /** min over tried selections of σ_min(M(S)) / σ_max(M(S)) > relTol. */
  holds: boolean;
  /** Smallest σ_min(M(S)) over the tried selections. */
  minSingularValue: number;
  /** Smallest σ_min / σ_max over the tried selections. */
  relMinSingularValue: number;
  /** The slopes S attaining the smallest relative value. */
  worstSlopes: Float64Array;
  /** Number of selections tried (endpoint + interior). */
  selections: number;
  /** All 2^|K| endpoint selections were tried. */
  exhaustive: boolean;
  kinkCount: number;
  /** FeasVio of s: Lemma 2.1 is stated for s ∈ F (the map does not need it). */
  feasVio: number;
}

function singularRange(M: Matrix): { min: number; max: number } {
  const sv = new SingularValueDecomposition(M, { computeLeftSingularVectors: false, computeRightSingularVectors: false }).diagonal;
  return { min: Math.min(...sv), max: Math.max(...sv) };
}

/** Numerical test of Lemma 2.1 at s (see the module comment for the enumeration and its cap). */
export const nnamcqCheck = oracleFn(function nnamcqCheck(prob: Problem, s: Iterate, opts: NnamcqOptions = {}): NnamcqResult {
  const N = s.u.length;
  const base = new Float64Array(N);
  const kinks: number[] = [];
  for (let i = 0; i < N; i++) {
    base[i] = sigmaSlopes(prob.activation, s.u[i]).right;
    if (isKink(prob, s.u[i])) kinks.push(i);
  }
  const sl0 = sigmaSlopes(prob.activation, 0);
  const K = kinks.length;
  const rnd = mulberry32(opts.seed ?? 1);
  const selections: Float64Array[] = [];
  const exhaustive = K <= (opts.maxExhaustiveKinks ?? 12);
  const endpoint = (bits: (j: number) => boolean) => {
    const sl = base.slice();
    kinks.forEach((k, j) => { sl[k] = bits(j) ? sl0.right : sl0.left; });
    return sl;
  };
  if (exhaustive) for (let code = 0; code < 2 ** K; code++) selections.push(endpoint((j) => ((code >> j) & 1) === 1));
  else for (let k = 0; k < (opts.samples ?? 4096); k++) selections.push(endpoint(() => rnd() < 0.5));
  if (K > 0) {
    for (let k = 0; k < (opts.interiorSamples ?? 16); k++) {
      const sl = base.slice();
      for (const i of kinks) { const t = rnd(); sl[i] = (1 - t) * sl0.left + t * sl0.right; }
      selections.push(sl);
    }
  }
  let minSv = Infinity, minRel = Infinity;
  let worst: Float64Array = base;
  for (const sl of selections) {
    const { min, max } = singularRange(multiplierMatrix(prob, s, sl));
    minSv = Math.min(minSv, min);
    if (min / max < minRel) { minRel = min / max; worst = sl; }
  }
  return {
    holds: minRel > (opts.relTol ?? 1e-10),
    minSingularValue: minSv,
    relMinSingularValue: minRel,
    worstSlopes: worst,
    selections: selections.length,
    exhaustive,
    kinkCount: K,
    feasVio: feasibilityViolation(prob, s).max,
  };
});
