/**
 * ZLY (90) (proof of Lemma 1, Appendix C.4): substituting (87)–(89) into Lemma 2 gives, for k ≥ 2,
 *   L(Q^k) + Σξ_i‖ΔV_i^k‖² ≤ L(Q^{k−1}) + Σξ_i‖ΔV_i^{k−1}‖² − Σζ_i‖ΔW_i^k‖² − Σ(η_i − ξ_i)‖ΔV_i^k‖²   (90)
 * with ζ (C3 where (90) prints L3: erratum zly-E-90 in eq90-zeta.ts), η, ξ of (91)–(94).
 *
 * Claims     zly.eq90.descent
 * Solver     ZlyAdmm (solver/admm.ts), iterations k ≥ 2 of real runs under (42)–(47)
 * Oracle     L of (6) from its definition (problem/lagrangian.ts); weights of problem/conditions.ts
 * Instances  zly.run-theorem3 (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { descentWeights } from '../problem/conditions.ts';
import { zlyLagrangian } from '../problem/lagrangian.ts';
import { layers } from '../problem/types.ts';
import { lagrangianScale, src } from './_internals/common.ts';
import { inputOf, theorem3Conditions } from './_internals/conditions.ts';
import { strongRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';
import { stepNorms } from './_internals/steps.ts';

const descent = claimGroup<ZlyRunCase>({ family: strongRuns, hypotheses: [theorem3Conditions()], tags: ['per-iteration', 'solver'] })({
  id: 'zly.eq90.descent',
  source: src('Lemma 1 proof (90)', ['(90)']),
  statement:
    'Under (42)–(47), for every k ≥ 2: L(Q^k) + Σ_iξ_i‖V_i^k − V_i^{k−1}‖² ≤ L(Q^{k−1}) + Σ_iξ_i‖V_i^{k−1} − V_i^{k−2}‖² − Σ_iζ_i‖W_i^k − W_i^{k−1}‖² '
    + '− Σ_i(η_i − ξ_i)‖V_i^k − V_i^{k−1}‖² (90), ζ with C3 (zly-E-90).',
  method:
    'Runs Algorithm 1 at (multiples of) the smallest β, λ of (42)–(45) with (42)–(47) checked first, and at every k ≥ 2 evaluates both '
    + 'sides with L of (6) recomputed from its definition, the weights of problem/conditions.ts (ζ with C3) and the copied iterates\' '
    + 'step norms; tolerance relative to the size of L\'s terms.',
  kind: 'inequality',
  runs: { ci: 30 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    const w = descentWeights(inputOf(c), c.prob.beta, c.prob.lambda, { zetaConstant: 'C3' });
    return perIteration(c, ctx, (s, add) => {
      if (s.prevPrev === null) return;
      const st = stepNorms(s.prevPrev, s.prev, s.next);
      let lhs = zlyLagrangian(c.prob, s.next).L, rhs = zlyLagrangian(c.prob, s.prev).L;
      for (let i = 1; i <= N; i++) {
        lhs += w.xi[i - 1] * st.dV[i] ** 2;
        rhs += w.xi[i - 1] * st.dVprev[i] ** 2 - w.zeta[i - 1] * st.dW[i] ** 2 - (w.eta[i - 1] - w.xi[i - 1]) * st.dV[i] ** 2;
      }
      add(compareLe(lhs, rhs, ctx, { scale: lagrangianScale(c.prob, s.prev), what: `(90) at ${at(s.k)}` }));
    }, { empty: { status: 'inconclusive', detail: 'the run diverged before k = 2' } });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [descent];
