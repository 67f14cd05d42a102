/**
 * Feasible AL points s ∈ F (a forward pass, with exact kinks) and the tolerance of "s ∈ F" for the §2 claims:
 * (1.1) ⇔ (2.2), Lemma 2.1 and (A.4).
 */
import { claimGroup } from '../../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../../engine/mutantMatrix.ts';
import type { Hypothesis } from '../../../../engine/types.ts';
import { norm2 } from '../../../../linalg/index.ts';
import { feasibilityViolation } from '../../theory/kkt.ts';
import { lambdaPositive, weightsSq } from './common.ts';
import { pointFamily, type WzcPoint } from './families.ts';

const TAGS = [SOLVER_INDEPENDENT_TAG];

/**
 * FeasVio of a forward pass is 0 up to rounding of C1 = u − Ψ(h)w, whose entries are sums of r + n + 1
 * products of size ≲ ‖z‖·max(‖h‖, ‖x‖, 1); 1e-12 relative to that magnitude is ~10⁴ roundings of room.
 */
const FEAS_RTOL = 1e-12;

/** The magnitude 1 + ‖z‖(1 + ‖h‖ + ‖X‖) that C1 = u − Ψ(h)w is rounded relative to. */
export function feasScale(p: WzcPoint): number {
  return 1 + Math.sqrt(weightsSq(p.s.z)) * (1 + norm2(p.s.h) + norm2(p.prob.data.X));
}

/** s ∈ F up to the rounding of C1 (see FEAS_RTOL). */
export const feasibleHypothesis: Hypothesis<WzcPoint> = {
  name: 's ∈ F (FeasVio ≤ 1e-12·scale)',
  test: (p) => {
    const fv = feasibilityViolation(p.prob, p.s).max;
    return fv <= FEAS_RTOL * feasScale(p) ? true : `FeasVio = ${fv}`;
  },
};

/** Points on F with exact kinks, under λ_i > 0 and s ∈ F. */
export const onFeasible = claimGroup<WzcPoint>({
  family: pointFamily('wzc.point.feasible', { feasible: true, kinks: true }),
  hypotheses: [lambdaPositive<WzcPoint>(), feasibleHypothesis],
  tags: TAGS,
});
