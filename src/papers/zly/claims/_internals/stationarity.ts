/**
 * "x minimizes the subproblem": every subproblem of Algorithm 1 ((8), (11), (12), (18), (19)) is a strongly
 * convex quadratic f(x) = ½xᵀHx − bᵀx + const, so x is its minimizer iff ∇f(x) = Hx − b = 0. The checks compare
 * ‖∇f(x)‖ with 0 under the engine's policy (compareLe: pass below rtol·max(1, S), violated past the band) with the
 * scale of the terms the gradient is a difference of,
 *
 *   S = ‖∇f(0)‖ + ‖∇f(x⁰)‖ + ‖H‖₂(‖x‖ + ‖x⁰‖),     x⁰ the block at Q^{k−1} (the linearization point),
 *
 * which a backward-stable solve meets to O(dim·ε) whatever the conditioning: ∇f(0) = −b and ∇f(x⁰) carry the
 * right-hand side's terms before they cancel, and ‖x⁰‖ enters because the solver computes x as x⁰ plus a step
 * (when the minimizer is 0, as for W_1 with X = 0, x is a rounding error of size ε‖x⁰‖). A printed closed form
 * evaluated with explicit inverses (theory/closedForms.ts) is not backward stable: its residual can reach
 * dim·ε·κ(H)·S. A residual past the pass tolerance that 10·dim·ε·κ(H)·max(1, S) explains is therefore
 * `inconclusive`, not a counterexample. ‖H‖₂ comes from power iteration on gradient differences; κ(H) ≤ ‖H‖₂ / m_H
 * with m_H the subproblem's strong-convexity modulus (λ for the W-steps, β_j for (19), β_{N−1} for (11), 1 + β_N
 * for (12)).
 */
import { FLOAT64_EPS, compareLe } from '../../../../engine/tolerance.ts';
import type { TolContext } from '../../../../engine/tolerance.ts';
import type { Verdict } from '../../../../engine/types.ts';
import { mulberry32 } from '../../../../core/rng.ts';
import type { ZlyProblem } from '../../problem/types.ts';
import { layers } from '../../problem/types.ts';
import type { Subproblem } from '../../theory/subproblems.ts';
import { fro } from './common.ts';

/** The strong-convexity modulus of a subproblem (the smallest eigenvalue of H is at least this). */
export function strongConvexity(sp: Subproblem, prob: ZlyProblem): number {
  const N = layers(prob.dims);
  switch (sp.eq) {
    case '(8)':
    case '(18)':
      return prob.lambda;
    case '(19)':
      return prob.beta[sp.layer - 1];
    case '(11)':
      return prob.beta[N - 2];
    case '(12)':
      return 1 + prob.beta[N - 1];
  }
}

/** ‖H‖₂ of the quadratic by power iteration on Hv = ∇f(v) − ∇f(0). */
function hessianNorm(sp: Subproblem, g0: Float64Array): number {
  const u = mulberry32(sp.rows * 131 + sp.cols);
  let v = Float64Array.from({ length: g0.length }, () => u() - 0.5);
  let est = 0;
  for (let it = 0; it < 30; it++) {
    const nv = fro(v);
    if (nv === 0) return 0;
    v = v.map((x) => x / nv);
    const g = sp.gradient(v);
    const Hv = g.map((x, i) => x - g0[i]);
    est = fro(Hv);
    v = Hv;
  }
  return est;
}

/** The gradient norm at x, its scale S and the condition bound κ(H) of a subproblem (see the module header). */
export function stationarity(sp: Subproblem, prob: ZlyProblem, x: Float64Array): { g: number; scale: number; kappa: number } {
  const g0 = sp.gradient(new Float64Array(x.length));
  const H = hessianNorm(sp, g0);
  const scale = fro(g0) + fro(sp.gradient(sp.previous)) + H * (fro(x) + fro(sp.previous));
  return { g: fro(sp.gradient(x)), scale, kappa: H / strongConvexity(sp, prob) };
}

/** Decide "x minimizes sp" (see the module header). */
export function stationaryVerdict(sp: Subproblem, prob: ZlyProblem, x: Float64Array, ctx: TolContext, what: string): Verdict {
  const { g, scale, kappa } = stationarity(sp, prob, x);
  const v = compareLe(g, 0, ctx, { scale, what: `${what}: ‖∇f(x)‖ (scale ${scale.toPrecision(3)})` });
  if (v.status === 'holds') return v;
  const explicable = 10 * x.length * FLOAT64_EPS * kappa * Math.max(1, scale);
  if (g <= explicable) return { status: 'inconclusive', detail: `${what}: ‖∇f(x)‖ = ${g.toExponential(3)} within what κ(H) ≤ ${kappa.toExponential(2)} explains (${explicable.toExponential(2)})` };
  return v;
}
