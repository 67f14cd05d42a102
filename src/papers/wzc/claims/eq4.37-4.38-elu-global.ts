/**
 * WZC (4.37)–(4.38), the ELU u-subproblem of §4.3 (paper line 612): u⁻ over [u̲, 0] and the selection give a global
 * solution.
 *
 * Claims     wzc.eq4.37-4.38.elu-global
 * Solver     uStepInto (solver/uStep.ts)
 * Oracle     brute-force global minimization of φ_ELU (_internals/uStepOracle.ts)
 * Instances  wzc.u-step.elu (_internals/uStepFamilies.ts)
 */
import type { RegisteredClaim } from '../../../engine/types.ts';
import { src } from './_internals/common.ts';
import { ACT_ARBS, uStepFamily } from './_internals/uStepFamilies.ts';
import { uStepGlobal } from './_internals/uStepOracle.ts';

const uStepElu = uStepGlobal({
  id: 'wzc.eq4.37-4.38.elu-global',
  source: src('§4.3, ELU u-subproblem', ['(4.37)', '(4.38)', '(4.40)'], 612),
  statement:
    'For the ELU, u⁻ (a global solution of (4.37) over (−∞, 0]) is obtained by minimizing φ_ELU over [u̲, 0] '
    + '(4.38) on its convex pieces and comparing with 0 and u̲; with u⁺ of (3.21) and the selection rule this gives '
    + 'a global solution of the ELU u-subproblem.',
  method:
    'As the ReLU u-step claim, with ELU, α over (0, 4] (α = 1, the paper\'s, in a quarter of the draws), the '
    + 'case-built coordinates solved from the geometry of (4.38)–(4.40) (_internals/uStepCases.ts): θ = 0 exactly '
    + '(u̲ = 0), φ_ELU convex on (−∞, 0], non-convex with a stationary point placed in the right or the left convex '
    + 'piece or on an inflection point. The solver\'s uStepInto must reach φ_ELU(u*) ≤ the brute-force '
    + 'global minimum of φ_ELU over a radius containing every minimizer (the ELU bracket of uStep.ts; 20 000 cells '
    + '+ Brent), tolerance rtol relative to max(1, |φ|).',
  family: uStepFamily('wzc.u-step.elu', ACT_ARBS.elu),
  runs: { ci: 150 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [uStepElu];
