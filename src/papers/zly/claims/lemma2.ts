/**
 * ZLY Lemma 2 (one-step progress, §4.3.1; proof (69)–(74) in Appendix C.1): for every k ≥ 1, with h, μ by
 * (20)–(21) and h_N^k = μ_{N−1}^k = 1,
 *   L(Q^k) ≤ L(Q^{k−1}) − Σ_i(λ/2‖ΔW_i‖² + β_ih_i^k/4‖ΔW_iV_{i−1}^{k−1}‖²) − Σ_{j<N}(β_j/2‖ΔV_j‖² + β_{j+1}μ_j^k/4‖W_{j+1}^kΔV_j‖²)
 *            − (1 + β_N)/2‖ΔV_N‖² + Σ_i β_i^{-1}‖ΔΛ_i‖²                                                       (28)
 *
 * Claims     zly.lemma2.eq28
 * Solver     ZlyAdmm (solver/admm.ts), every iteration of real runs
 * Oracle     L(Q) of (6) from its definition (problem/lagrangian.ts zlyLagrangian, not the solver's running value);
 *            h, μ of (20)–(21) recomputed from Q^{k−1}
 * Instances  zly.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { zlyLagrangian } from '../problem/lagrangian.ts';
import { layers } from '../problem/types.ts';
import { fro2, mul, sub } from '../theory/mat.ts';
import { Vm, Wm } from './_internals/blocks.ts';
import { diffNorm, lagrangianScale, paperRule, src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [paperRule()], tags: ['per-iteration', 'solver'] });

const eq28 = onRuns({
  id: 'zly.lemma2.eq28',
  source: src('Lemma 2 (28)', ['(28)', '(69)', '(70)', '(71)', '(72)', '(73)', '(74)']),
  statement:
    'For every k ≥ 1 (h_i^k, μ_j^k by (20)–(21), h_N^k = μ_{N−1}^k = 1): L(Q^k) ≤ L(Q^{k−1}) − Σ_{i=1}^N (λ/2‖W_i^k − W_i^{k−1}‖² + '
    + 'β_ih_i^k/4‖(W_i^k − W_i^{k−1})V_{i−1}^{k−1}‖²) − Σ_{j=1}^{N−1} (β_j/2‖V_j^k − V_j^{k−1}‖² + β_{j+1}μ_j^k/4‖W_{j+1}^k(V_j^k − '
    + 'V_j^{k−1})‖²) − (1 + β_N)/2‖V_N^k − V_N^{k−1}‖² + Σ_{i=1}^N β_i^{-1}‖Λ_i^k − Λ_i^{k−1}‖² (28).',
  method:
    'Runs Algorithm 1 (paper rule) and at every iteration evaluates both sides of (28) with L of (6) recomputed from its '
    + 'definition at Q^{k−1} and Q^k (problem/lagrangian.ts), h, μ recomputed from Q^{k−1}, and the step norms of the copied '
    + 'iterates; tolerance relative to the size of L\'s terms at Q^{k−1} and the decrements.',
  kind: 'inequality',
  runs: { ci: 60 },
  check: (c, ctx) => {
    const { prob } = c;
    const N = layers(prob.dims), lam = prob.lambda, beta = prob.beta;
    return perIteration(c, ctx, (s, add) => {
      const L0 = zlyLagrangian(prob, s.prev).L, L1 = zlyLagrangian(prob, s.next).L;
      let dec = 0, dual = 0;
      for (let i = 1; i <= N; i++) {
        const D = sub(Wm(prob, s.next, i), Wm(prob, s.prev, i));
        const h = i < N ? s.lla.h[i - 1] : 1;
        dec += (lam / 2) * fro2(D) + ((beta[i - 1] * h) / 4) * fro2(mul(D, Vm(prob, s.prev, i - 1)));
        dual += diffNorm(s.next.Lambda[i - 1], s.prev.Lambda[i - 1]) ** 2 / beta[i - 1];
      }
      for (let j = 1; j <= N - 1; j++) {
        const D = sub(Vm(prob, s.next, j), Vm(prob, s.prev, j));
        const mu = j < N - 1 ? s.lla.mu[j - 1] : 1;
        dec += (beta[j - 1] / 2) * fro2(D) + ((beta[j] * mu) / 4) * fro2(mul(Wm(prob, s.next, j + 1), D));
      }
      dec += ((1 + beta[N - 1]) / 2) * diffNorm(s.next.V[N - 1], s.prev.V[N - 1]) ** 2;
      const scale = Math.max(lagrangianScale(prob, s.prev), dec, dual);
      add(compareLe(L1, L0 - dec + dual, ctx, { scale, what: `(28) at ${at(s.k)}` }));
    });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq28];
