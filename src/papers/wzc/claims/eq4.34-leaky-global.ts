/**
 * WZC (4.34), the leaky-ReLU u-subproblem of §4.3 (paper line 600): the closed form gives a global solution.
 *
 * Claims     wzc.eq4.34.leaky-global
 * Solver     uStepInto (solver/uStep.ts)
 * Oracle     brute-force global minimization of φ_lRe (_internals/uStepOracle.ts)
 * Instances  wzc.u-step.leaky (_internals/uStepFamilies.ts)
 */
import type { RegisteredClaim } from '../../../engine/types.ts';
import { src } from './_internals/common.ts';
import { ACT_ARBS, uStepFamily } from './_internals/uStepFamilies.ts';
import { uStepGlobal } from './_internals/uStepOracle.ts';

const uStepLeaky = uStepGlobal({
  id: 'wzc.eq4.34.leaky-global',
  source: src('§4.3, leaky ReLU u-subproblem', ['(4.34)', '(4.35)'], 600),
  statement:
    'For the leaky ReLU σ_lRe(u) = max{u, ϖu}, ϖ ∈ (0, 1), a closed-form global solution of (4.34) is obtained as '
    + 'in (3.20)–(3.22) with u⁻ replaced (corrected condition, see wzc-E-4.35).',
  method:
    'As the ReLU u-step claim, with leaky ReLU, ϖ over (0, 1) (grid k/1000 and 1e-3, 0.01, 0.1, 0.5, 0.999), the '
    + 'case-built coordinates covering also both regions where (4.35)\'s printed condition is wrong, and exact ties '
    + '(ϖ = ½): the solver\'s uStepInto must reach φ_lRe(u*) ≤ the brute-force global minimum of φ_lRe over a radius containing every minimizer (20 000 cells + Brent), '
    + 'tolerance rtol relative to max(1, |φ|).',
  family: uStepFamily('wzc.u-step.leaky', ACT_ARBS.leaky, 'leaky-relu'),
  runs: { ci: 200 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [uStepLeaky];
