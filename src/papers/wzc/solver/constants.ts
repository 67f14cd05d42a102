/**
 * The Lipschitz constants L1, L2 of Lemma 3.2 (3.4), which set the BCD stop test (3.17).
 *
 * The PDF extraction of (3.4) prints ‖ξ‖² twice in δ; we read δ = r̂ + ‖ξ‖²/(2γ) + ‖ζ‖²/(2γ), which is
 * the constant the proof uses (every s in Ω_L(r̂) has R(s) + γ/2‖C1 + ξ/γ‖² + γ/2‖C2 + ζ/γ‖² ≤ δ).
 */
import { norm2 } from '../../../linalg/dense.ts';
import type { Dims, Lambda, Multipliers, Problem } from '../problem/types.ts';

/** Everything (3.4) depends on. */
export interface LipschitzArgs {
  readonly dims: Dims;
  readonly lambda: Lambda;
  readonly gamma: number;
  /** r̂ = L(s^{k−1,0}, ξ, ζ, γ). */
  readonly rhat: number;
  readonly xiNorm: number;
  readonly zetaNorm: number;
  /** ‖X‖ with X = (x_1; …; x_T) ∈ R^{nT}. */
  readonly xNorm: number;
  /** max_t ‖y_t‖. */
  readonly yMaxNorm: number;
}

/** L1, L2 and the intermediate δ's of (3.4). */
export interface LipschitzConstants {
  L1: number;
  L2: number;
  delta: number;
  delta0: number;
  delta1: number;
  delta2: number;
  delta3: number;
  delta4: number;
  delta5: number;
}

/** ‖X‖ and max_t ‖y_t‖ of a problem (fixed for a run). */
export function dataNorms(prob: Problem): { xNorm: number; yMaxNorm: number } {
  const { T, m } = prob.data.dims;
  let xs = 0;
  for (const v of prob.data.X) xs += v * v;
  let ym = 0;
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += prob.data.Y[t * m + j] ** 2;
    ym = Math.max(ym, s);
  }
  return { xNorm: Math.sqrt(xs), yMaxNorm: Math.sqrt(ym) };
}

/** Assemble {@link LipschitzArgs} from a problem, multipliers, γ and r̂. */
export function lipschitzArgs(prob: Problem, mult: Multipliers, gamma: number, rhat: number, norms = dataNorms(prob)): LipschitzArgs {
  return {
    dims: prob.data.dims, lambda: prob.lambda, gamma, rhat,
    xiNorm: norm2(mult.xi), zetaNorm: norm2(mult.zeta), ...norms,
  };
}

/**
 * (3.4) exactly as printed: δ1 = √(r(δ² + ‖X‖² + T)).
 *
 * The proof bounds ‖Ψ(h)‖ by (A.12) √(r(‖h‖² + ‖X‖² + T)) with ‖h‖ ≤ δ0 (A.10), which gives δ0² in
 * place of δ²; see {@link lipschitzL1L2} for that variant. The printed one is NOT an upper bound (erratum
 * wzc-E-3.4, claim wzc.lemma3.2.eq3.2.L1); it is kept so the claims suite can show that.
 */
export function lipschitzL1L2Paper(a: LipschitzArgs): LipschitzConstants {
  return constants(a, false);
}

/** (3.4) with δ1 = √(r(δ0² + ‖X‖² + T)), as (A.10)–(A.12) of the proof give: the corrected form the solver uses. */
export function lipschitzL1L2(a: LipschitzArgs): LipschitzConstants {
  return constants(a, true);
}

function constants(a: LipschitzArgs, useDelta0: boolean): LipschitzConstants {
  const { T, m, r } = a.dims;
  const [l1, l2, l3, l4, l5, l6] = a.lambda;
  const { gamma, xiNorm, zetaNorm } = a;
  const delta = a.rhat + (xiNorm * xiNorm) / (2 * gamma) + (zetaNorm * zetaNorm) / (2 * gamma);
  const delta0 = Math.sqrt((2 * delta) / gamma) + Math.sqrt(delta / l6) + zetaNorm / gamma;
  const hBound = useDelta0 ? delta0 * delta0 : delta * delta;
  const delta1 = Math.sqrt(r * (hBound + a.xNorm * a.xNorm + T));
  const delta2 = 2 * gamma * delta1 * Math.sqrt((r * delta) / Math.min(l2, l3, l4));
  const delta3 = Math.sqrt(r) * xiNorm + gamma * Math.sqrt((r * delta) / l6);
  const delta4 = ((2 * Math.sqrt(m)) / Math.sqrt(T))
    * (2 * Math.sqrt(m * (delta0 * delta0 + 1)) * Math.sqrt(delta / Math.min(l1, l5)) + a.yMaxNorm);
  const delta5 = Math.sqrt((delta * (T - 1)) / l2) + Math.sqrt(T);
  const L1 = Math.SQRT2 * Math.max(gamma * delta1, delta2 + delta3 + delta4);
  const L2 = gamma * delta5;
  return { L1, L2, delta, delta0, delta1, delta2, delta3, delta4, delta5 };
}
