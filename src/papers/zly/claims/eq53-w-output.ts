/**
 * ZLY (53) (proof of Lemma 6, Appendix B.1): W_N^k = (β_NV_N^{k−1} − Λ_N^{k−1})V_{N−1}^{k−1ᵀ}(λI + β_NV_{N−1}^{k−1}V_{N−1}^{k−1ᵀ})^{-1},
 * the minimizer of (8). (The printed (53) has V_N^{k−1} where V_{N−1}^{k−1} is meant in the two last factors; the
 * shapes leave no other reading, and theory/closedForms.ts evaluates that one.)
 *
 * Claims     zly.eq53.w-output
 * Solver     W_N^k of ZlyAdmm (solver/wStep.ts wStepOutput), held to (8) as well
 * Oracle     subproblem (8) and its gradient (theory/subproblems.ts); (53) literally (theory/closedForms.ts)
 * Instances  zly.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { layers } from '../problem/types.ts';
import { closedForm53 } from '../theory/closedForms.ts';
import { wOutput } from '../theory/subproblems.ts';
import { closedFormRun } from './_internals/closedForms.ts';
import { src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver', 'closed-form'] });

const eq53 = onRuns({
  id: 'zly.eq53.w-output',
  source: src('Lemma 6 proof (53)', ['(8)', '(53)']),
  statement:
    'W_N^k = (β_NV_N^{k−1} − Λ_N^{k−1})V_{N−1}^{k−1ᵀ}(λI + β_NV_{N−1}^{k−1}V_{N−1}^{k−1ᵀ})^{-1} (53) is the minimizer of the '
    + 'W_N-subproblem (8).',
  method:
    'Runs Algorithm 1 and at every iteration evaluates (53) with explicit inverses (theory/closedForms.ts) at the run\'s '
    + 'Q^{k−1}; (53) and the solver\'s W_N^k must each make the gradient of (8) (theory/subproblems.ts) vanish: '
    + '‖∇f(x)‖ ≤ rtol·max(1, S) with S the size of the gradient\'s terms (_internals/stationarity.ts), a residual that κ(H)·ε explains counting as inconclusive.',
  kind: 'closed-form',
  runs: { ci: 60 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    return closedFormRun(c, ctx, (s) => [{ sp: wOutput(s.sub), formula: closedForm53(s.sub), solver: s.next.W[N - 1], label: '(53)' }]);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq53];
