/**
 * WZC (A.4), proof of Lemma 2.4 (paper line 761): the bounds on every block over D_R(ρ).
 *
 * Claims     wzc.eqA.4.level-set-bounds
 * Solver     none (solver-independent)
 * Oracle     R (problem/lagrangian.ts); the bounds compared directly
 * Instances  wzc.point.feasible (_internals/feasiblePoints.ts)
 */
import { compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { norm2, sqnorm } from '../../../linalg/index.ts';
import { alParts } from '../problem/lagrangian.ts';
import { lambdaPositive, sigmaOneLipschitz, src } from './_internals/common.ts';
import { feasibleHypothesis, onFeasible } from './_internals/feasiblePoints.ts';
import type { WzcPoint } from './_internals/families.ts';

const levelSetBounds = onFeasible({
  id: 'wzc.eqA.4.level-set-bounds',
  source: src('Lemma 2.4, proof (A.4)', ['(A.4)', '(2.8)'], 761),
  statement:
    'For s ∈ D_R(ρ) (s ∈ F, R(s) ≤ ρ): ‖A‖_F² ≤ ρ/λ1, ‖W‖_F² ≤ ρ/λ2, ‖V‖_F² ≤ ρ/λ3, ‖b‖² ≤ ρ/λ4, ‖c‖² ≤ ρ/λ5, '
    + '‖u‖² ≤ ρ/λ6, and h is bounded because h = σ(u): ‖h‖ ≤ ‖u‖ (ReLU, leaky ReLU with ϖ ≤ 1, ELU with α ≤ 1).',
  method:
    'On feasible points with kinks (forward pass of grid weights), takes ρ = R(s) from the problem layer — the '
    + 'smallest ρ with s ∈ D_R(ρ), so the hardest case — and checks the six block bounds ‖A‖² ≤ ρ/λ1, …, ‖u‖² ≤ '
    + 'ρ/λ6 and ‖h‖ ≤ ‖u‖ as inequalities within rtol 1e-9 relative to max(1, |lhs|, |rhs|).',
  kind: 'inequality',
  // ‖h‖ = ‖σ(u)‖ ≤ ‖u‖ needs |σ(u)| ≤ |u|, which ELU with α > 1 breaks near 0
  hypotheses: [lambdaPositive<WzcPoint>(), feasibleHypothesis, sigmaOneLipschitz<WzcPoint>()],
  check: (p, ctx) => {
    // ρ = R(s) is the smallest ρ with s ∈ D_R(ρ); every larger ρ only loosens the bounds.
    const rho = alParts(p.prob, p.s, null, 1).R;
    const [l1, l2, l3, l4, l5, l6] = p.prob.lambda;
    const z = p.s.z;
    const v = (x: number, lam: number, what: string) => compareLe(x, rho / lam, ctx, { what });
    return worstVerdict([
      v(sqnorm(z.A), l1, '‖A‖² ≤ ρ/λ1'),
      v(sqnorm(z.W), l2, '‖W‖² ≤ ρ/λ2'),
      v(sqnorm(z.V), l3, '‖V‖² ≤ ρ/λ3'),
      v(sqnorm(z.b), l4, '‖b‖² ≤ ρ/λ4'),
      v(sqnorm(z.c), l5, '‖c‖² ≤ ρ/λ5'),
      v(sqnorm(p.s.u), l6, '‖u‖² ≤ ρ/λ6'),
      compareLe(norm2(p.s.h), norm2(p.s.u), ctx, { what: '‖h‖ ≤ ‖u‖' }),
    ]);
  },
  runs: { ci: 100 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [levelSetBounds];
