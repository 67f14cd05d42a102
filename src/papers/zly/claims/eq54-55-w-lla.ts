/**
 * ZLY (54)–(55) (proof of Lemma 6): the closed form of the LLA W_i-update (18), i ≤ N−1, both printed lines
 * ((55) is (54) with V_0 = X), with c_i = β_ih_i^k/2 and P_i = (Λ_i^{k−1} + β_i(σ(W_i^{k−1}A) − V_i^{k−1})) ⊙ σ′(W_i^{k−1}A):
 *   W_i^k = W_i^{k−1}c_iAAᵀ(λI + c_iAAᵀ)^{-1} − P_iAᵀ(λI + c_iAAᵀ)^{-1} = W_i^{k−1} − W_i^{k−1}(I + (c_i/λ)AAᵀ)^{-1} − P_iAᵀ(λI + c_iAAᵀ)^{-1}.
 *
 * Claims     zly.eq54-55.w-lla
 * Solver     W_i^k of ZlyAdmm (solver/wStep.ts wStepLla), held to (18) as well
 * Oracle     subproblem (18) with h_i^k of (20) recomputed (theory/subproblems.ts); (54)/(55) literally
 * Instances  zly.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { layers } from '../problem/types.ts';
import { closedForm54 } from '../theory/closedForms.ts';
import { wLla } from '../theory/subproblems.ts';
import { closedFormRun } from './_internals/closedForms.ts';
import { src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver', 'closed-form'] });

const eq54 = onRuns({
  id: 'zly.eq54-55.w-lla',
  source: src('Lemma 6 proof (54), (55)', ['(18)', '(54)', '(55)']),
  statement:
    'For i = 1, …, N−1 both lines of (54) ((55) for i = 1) give the minimizer of the LLA W_i-subproblem (18): W_i^{k−1}c_iAAᵀ(λI + '
    + 'c_iAAᵀ)^{-1} − P_iAᵀ(λI + c_iAAᵀ)^{-1} = W_i^{k−1} − W_i^{k−1}(I + (c_i/λ)AAᵀ)^{-1} − P_iAᵀ(λI + c_iAAᵀ)^{-1}, A = V_{i−1}^{k−1}, '
    + 'c_i = β_ih_i^k/2.',
  method:
    'Runs Algorithm 1 (either rule) and at every iteration evaluates both printed lines for every i ≤ N−1 at the run\'s Q^{k−1} '
    + 'with h_i^k recomputed by the drawn rule; each, and the solver\'s W_i^k, must make the gradient of (18) vanish '
    + '(‖∇f(x)‖ ≤ rtol·max(1, S), S the size of the gradient\'s terms: _internals/stationarity.ts; residuals κ(H)·ε explains are inconclusive).',
  kind: 'closed-form',
  runs: { ci: 60 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    return closedFormRun(c, ctx, (s) => {
      const out = [];
      for (let i = N - 1; i >= 1; i--) {
        const sp = wLla(s.sub, i), tag = i === 1 ? '(55)' : '(54)';
        out.push({ sp, formula: closedForm54(s.sub, i, 'first'), solver: s.next.W[i - 1], label: `${tag} first line, i=${i}` });
        out.push({ sp, formula: closedForm54(s.sub, i, 'second'), label: `${tag} second line, i=${i}` });
      }
      return out;
    });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq54];
