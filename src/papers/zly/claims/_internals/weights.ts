/**
 * The weights of (90) as the proof of Lemma 1 derives them: substitute the squared bounds (87)–(89) into the
 * one-step progress (28) (dropping its h, μ terms) and collect, per block, the coefficient of ‖ΔW_i^k‖² (ζ_i), of
 * ‖ΔV_i^k‖² (η_i) and of ‖ΔV_i^{k−1}‖² (ξ_i):
 *   ζ_i = λ/2 − Σ_j β_j^{-1}·[coef of ‖ΔW_i‖² in the bound on ‖ΔΛ_j‖²],
 *   η_i = d_i − Σ_j β_j^{-1}·[coef of ‖ΔV_i‖²],   d_i = β_i/2 (i < N), (1 + β_N)/2 (i = N),
 *   ξ_i = Σ_j β_j^{-1}·[coef of ‖ΔV_i^{k−1}‖²].
 * Computed generically from the transcribed (87)–(89) (steps.ts), independently of the printed closed forms
 * (91)–(94) in problem/conditions.ts, which the (90) claims compare with these.
 */
import type { ZlyConstants } from '../../problem/conditions.ts';
import { squaredBounds } from './steps.ts';

/** ζ, η, ξ (0-based by layer) derived from (28) and (87)–(89). */
export function derivedWeights(k: ZlyConstants, beta: readonly number[], lambda: number, N: number): { zeta: number[]; eta: number[]; xi: number[] } {
  const sq = squaredBounds(k, beta, N);
  const zeta = new Array<number>(N).fill(lambda / 2);
  const eta = beta.map((b, i) => (i === N - 1 ? (1 + b) / 2 : b / 2));
  const xi = new Array<number>(N).fill(0);
  for (let j = 1; j <= N; j++) {
    for (const [c, w, i] of sq[j].terms) {
      const x = c / beta[j - 1];
      if (w === 'W') zeta[i - 1] -= x;
      else if (w === 'V') eta[i - 1] -= x;
      else xi[i - 1] += x;
    }
  }
  return { zeta, eta, xi };
}
