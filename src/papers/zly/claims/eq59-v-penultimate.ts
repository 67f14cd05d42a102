/**
 * ZLY (59) (proof of Lemma 6): V_{N−1}^k = (β_{N−1}I + β_NW_N^{kᵀ}W_N^k)^{-1}[Λ_{N−1}^{k−1} + β_{N−1}σ(W_{N−1}^kV_{N−2}^k) −
 * W_N^{kᵀ}(Λ_N^{k−1} − β_NV_N^{k−1})], the minimizer of (11).
 *
 * Claims     zly.eq59.v-penultimate
 * Solver     V_{N−1}^k of ZlyAdmm (solver/vStep.ts vStepPenultimate), held to (11) as well
 * Oracle     subproblem (11) and its gradient (theory/subproblems.ts); (59) literally (theory/closedForms.ts)
 * Instances  zly.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { layers } from '../problem/types.ts';
import { closedForm59 } from '../theory/closedForms.ts';
import { vPenultimate } from '../theory/subproblems.ts';
import { closedFormRun } from './_internals/closedForms.ts';
import { src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver', 'closed-form'] });

const eq59 = onRuns({
  id: 'zly.eq59.v-penultimate',
  source: src('Lemma 6 proof (59)', ['(11)', '(59)']),
  statement:
    'V_{N−1}^k = (β_{N−1}I + β_NW_N^{kᵀ}W_N^k)^{-1}[Λ_{N−1}^{k−1} + β_{N−1}σ(W_{N−1}^kV_{N−2}^k) − W_N^{kᵀ}(Λ_N^{k−1} − β_NV_N^{k−1})] (59) '
    + 'is the minimizer of the V_{N−1}-subproblem (11).',
  method:
    'Runs Algorithm 1 and at every iteration evaluates (59) with an explicit inverse at the run\'s Q^{k−1} and W^k, V_{N−2}^k; '
    + '(59) and the solver\'s V_{N−1}^k must each make the gradient of (11) vanish (‖∇f(x)‖ ≤ rtol·max(1, S), S the size of '
    + 'the gradient\'s terms: _internals/stationarity.ts; residuals κ(H)·ε explains are inconclusive).',
  kind: 'closed-form',
  runs: { ci: 60 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    return closedFormRun(c, ctx, (s) => [{ sp: vPenultimate(s.sub), formula: closedForm59(s.sub), solver: s.next.V[N - 2], label: '(59)' }]);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq59];
