/**
 * ZLY (48)–(49) (after Theorem 3): the initialization (7) satisfies (47), because ‖V_j⁰‖ ≤ L0√(nd_j) ≤ ½C3γ^{j−1}
 * (j ≤ N−1) (48), ‖V_N⁰‖ ≤ γ·½C3γ^{N−2} = ½C3γ^{N−1} (49), and ‖Λ_i⁰‖ = 0.
 *
 * Claims     zly.eq48-49.init
 * Solver     ZlyAdmm's Q⁰ (solver/admm.ts initState, the forward pass of (7))
 * Oracle     the norms of the copied Q⁰ against the constants of problem/conditions.ts
 * Instances  zly.run (_internals/families.ts), under (42) β_N ≥ 3.5 (C3 of (41) needs β_N > 3)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { assumption1 } from '../problem/activation.ts';
import { layers } from '../problem/types.ts';
import { fro, src } from './_internals/common.ts';
import { betaNCondition, constantsOf } from './_internals/conditions.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';
import { zlySolver } from './_internals/runs.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [betaNCondition()], tags: ['solver'] });

const init = onRuns({
  id: 'zly.eq48-49.init',
  source: src('(47)–(49), initialization (7)', ['(7)', '(47)', '(48)', '(49)']),
  statement:
    'The initialization (7) satisfies (47): ‖V_j⁰‖_F ≤ L0√(nd_j) ≤ ½C3γ^{j−1} for j = 1, …, N−1 (48), ‖V_N⁰‖_F ≤ ½C3γ^{N−1} (49), '
    + '‖Λ_i⁰‖_F = 0 ≤ C3β_iγ^{i−1}.',
  method:
    'Builds the solver on the drawn case and reads its Q⁰ (forward pass of W⁰, Λ⁰ = 0); checks every inequality of (48), (49) '
    + 'and Λ⁰ = 0 with L0 of Assumption 1 and γ, C3 of (37), (41) (tolerance relative to max(1, both sides)).',
  kind: 'bound',
  runs: { ci: 60 },
  check: (c, ctx) => {
    const { prob } = c;
    const N = layers(prob.dims), { gamma: g, C3 } = constantsOf(c), { L0 } = assumption1(prob.activation);
    const q0 = zlySolver(c, ctx).current();
    const out: Verdict[] = [];
    for (let j = 1; j <= N - 1; j++) {
      const bound = L0 * Math.sqrt(prob.dims.n * prob.dims.d[j]);
      out.push(compareLe(fro(q0.V[j - 1]), bound, ctx, { what: `(48) ‖V_${j}⁰‖ ≤ L0√(nd_${j})` }));
      out.push(compareLe(bound, 0.5 * C3 * g ** (j - 1), ctx, { what: `(48) L0√(nd_${j}) ≤ ½C3γ^${j - 1}` }));
    }
    out.push(compareLe(fro(q0.V[N - 1]), 0.5 * C3 * g ** (N - 1), ctx, { what: '(49) ‖V_N⁰‖ ≤ ½C3γ^{N−1}' }));
    for (let i = 1; i <= N; i++) out.push(compareLe(fro(q0.Lambda[i - 1]), 0, ctx, { what: `‖Λ_${i}⁰‖ = 0` }));
    return worstVerdict(out);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [init];
