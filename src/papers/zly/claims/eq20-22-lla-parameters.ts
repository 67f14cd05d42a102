/**
 * ZLY (20)–(22) (Theorem 1, Theorem 3, Algorithm 1's parameters): h_i^k = 𝕃(‖V_i^{k−1} − β_i^{-1}Λ_i^{k−1}‖_max)
 * (i ≤ N−1), μ_j^k = 𝕃(‖V_{j+1}^{k−1} − β_{j+1}^{-1}Λ_{j+1}^{k−1}‖_max) (j ≤ N−2), 𝕃(|c|) = 2L2(L0 + |c|) + 2L1²; or
 * ‖·‖_max itself under the authors' demo rule (`--lla demo`).
 *
 * Claims     zly.eq20-22.lla-parameters
 * Solver     ZlyAdmm.lastLipschitz() (solver/admm.ts: from the maxima its multiplier update records)
 * Oracle     (20)–(22) recomputed from Q^{k−1} (_internals/common.ts)
 * Instances  zly.run (_internals/families.ts; both rules)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareEqArrays } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver'] });

const llaParams = onRuns({
  id: 'zly.eq20-22.lla-parameters',
  source: src('(20)–(22)', ['(20)', '(21)', '(22)']),
  statement:
    'Algorithm 1 takes h_i^k = 𝕃(‖V_i^{k−1} − β_i^{-1}Λ_i^{k−1}‖_max), i = 1, …, N−1 (20), and μ_j^k = 𝕃(‖V_{j+1}^{k−1} − '
    + 'β_{j+1}^{-1}Λ_{j+1}^{k−1}‖_max), j = 1, …, N−2 (21), with 𝕃(|c|) = 2L2(L0 + |c|) + 2L1² (22); the authors\' demo rule '
    + 'takes ‖·‖_max itself.',
  method:
    'Runs Algorithm 1 with the drawn rule and at every iteration compares the h^k, μ^k the solver used with (20)–(22) '
    + 'recomputed from the copied Q^{k−1} and Assumption 1\'s constants (identity entrywise, rtol relative to the largest).',
  kind: 'identity',
  runs: { ci: 50 },
  check: (c, ctx) =>
    perIteration(c, ctx, (s, add) => {
      add(compareEqArrays(s.solverLla.h, s.lla.h, ctx, { what: `h^k (20) at ${at(s.k)} (${c.lla} rule)` }));
      add(compareEqArrays(s.solverLla.mu, s.lla.mu, ctx, { what: `μ^k (21) at ${at(s.k)} (${c.lla} rule)` }));
    }),
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [llaParams];
