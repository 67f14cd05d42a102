/**
 * ZLY Lemma 3 (dual-bounded-by-primal, §4.3.2; proof (75)–(76) in Appendix C.2): for every k ≥ 2, (29)
 * ‖ΔΛ_N^k‖ = ‖ΔV_N^k‖, (30) bounds ‖ΔΛ_{N−1}^k‖ and (31) bounds ‖ΔΛ_j^k‖ (j ≤ N−2) by the primal steps of iterations k
 * and k − 1, the iterates' norms and L1, L2 of Assumption 1 (ΔX^k := X^k − X^{k−1}).
 *
 * Claims     zly.lemma3.eq29 · zly.lemma3.eq30 · zly.lemma3.eq31
 * Solver     ZlyAdmm (solver/admm.ts), iterations k ≥ 2 of real runs
 * Oracle     both sides from the copied Q^{k−2}, Q^{k−1}, Q^k; μ_j^k, μ_j^{k−1} of (21) recomputed
 * Instances  zly.run (_internals/families.ts; (31) is vacuous for N = 2)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareEq, compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { assumption1 } from '../problem/activation.ts';
import { layers } from '../problem/types.ts';
import { diffNorm, fro, src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver'] });

/** Iterations k ≥ 2 only: Lemma 3 is stated for them. */
const FROM_K2 = { status: 'inconclusive', detail: 'the run diverged before k = 2' } as const;

const eq29 = onRuns({
  id: 'zly.lemma3.eq29',
  source: src('Lemma 3 (29)', ['(29)']),
  statement: 'For every k ≥ 2: ‖Λ_N^k − Λ_N^{k−1}‖_F = ‖V_N^k − V_N^{k−1}‖_F (29).',
  method: 'Runs Algorithm 1 and at every iteration k ≥ 2 compares the two norms from the copied iterates (identity, rtol).',
  kind: 'identity',
  runs: { ci: 40 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    return perIteration(c, ctx, (s, add) => {
      if (s.k < 2) return;
      const dL = diffNorm(s.next.Lambda[N - 1], s.prev.Lambda[N - 1]), dV = diffNorm(s.next.V[N - 1], s.prev.V[N - 1]);
      add(compareEq(dL, dV, ctx, { scale: fro(s.next.V[N - 1]), what: `(29) at ${at(s.k)}` }));
    }, { empty: FROM_K2 });
  },
});

const eq30 = onRuns({
  id: 'zly.lemma3.eq30',
  source: src('Lemma 3 (30)', ['(30)']),
  statement:
    'For every k ≥ 2: ‖ΔΛ_{N−1}^k‖ ≤ ‖W_N^k‖‖ΔΛ_N^k‖ + ‖Λ_N^{k−1}‖‖ΔW_N^k‖ + β_N‖W_N^k‖‖ΔV_N^k‖ + β_N‖W_N^{k−1}‖‖ΔV_N^{k−1}‖ (30), '
    + 'all norms Frobenius.',
  method: 'Runs Algorithm 1 and at every iteration k ≥ 2 evaluates both sides from the copied iterates; tolerance relative to the largest term.',
  kind: 'inequality',
  runs: { ci: 40 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims), bN = c.prob.beta[N - 1];
    return perIteration(c, ctx, (s, add) => {
      const pp = s.prevPrev;
      if (s.k < 2 || pp === null) return;
      const n = N - 1;
      const lhs = diffNorm(s.next.Lambda[n - 1], s.prev.Lambda[n - 1]);
      const terms = [
        fro(s.next.W[N - 1]) * diffNorm(s.next.Lambda[N - 1], s.prev.Lambda[N - 1]),
        fro(s.prev.Lambda[N - 1]) * diffNorm(s.next.W[N - 1], s.prev.W[N - 1]),
        bN * fro(s.next.W[N - 1]) * diffNorm(s.next.V[N - 1], s.prev.V[N - 1]),
        bN * fro(s.prev.W[N - 1]) * diffNorm(s.prev.V[N - 1], pp.V[N - 1]),
      ];
      add(compareLe(lhs, terms.reduce((a, b) => a + b, 0), ctx, { scale: Math.max(...terms), what: `(30) at ${at(s.k)}` }));
    }, { empty: FROM_K2 });
  },
});

const eq31 = onRuns({
  id: 'zly.lemma3.eq31',
  source: src('Lemma 3 (31)', ['(31)', '(75)', '(76)']),
  statement:
    'For every k ≥ 2 and j = 1, …, N−2: ‖ΔΛ_j^k‖ ≤ L1‖W_{j+1}^k‖‖ΔΛ_{j+1}^k‖ + (L1‖Λ_{j+1}^{k−1}‖ + L2‖W_{j+1}^{k−1}‖‖Λ_{j+1}^{k−1}‖‖V_j^{k−1}‖)‖ΔW_{j+1}^k‖ '
    + '+ L1β_{j+1}(‖W_{j+1}^k‖‖ΔV_{j+1}^k‖ + ‖W_{j+1}^{k−1}‖‖ΔV_{j+1}^{k−1}‖) + (L1² + μ_j^k/2)β_{j+1}‖W_{j+1}^k‖²‖ΔV_j^k‖ + ((L1² + '
    + 'μ_j^{k−1}/2)β_{j+1} + L2‖Λ_{j+1}^{k−1}‖)‖W_{j+1}^{k−1}‖²‖ΔV_j^{k−1}‖ (31).',
  method:
    'Runs Algorithm 1 and at every iteration k ≥ 2 evaluates both sides of (31) for every j ≤ N−2 from the copied Q^{k−2}, Q^{k−1}, '
    + 'Q^k, with μ_j^k, μ_j^{k−1} of (21) recomputed by the drawn rule and L1, L2 of Assumption 1; tolerance relative to the '
    + 'largest term. Vacuous for N = 2.',
  kind: 'inequality',
  runs: { ci: 40 },
  check: (c, ctx) => {
    const { prob } = c;
    const N = layers(prob.dims);
    if (N === 2) return { status: 'holds', note: 'vacuous: no j with 1 ≤ j ≤ N−2 for N = 2' };
    const { L1, L2 } = assumption1(prob.activation);
    let muPrev: number[] = [];
    return perIteration(c, ctx, (s, add) => {
      const pp = s.prevPrev, mu = s.lla.mu;
      const prevMu = muPrev;
      muPrev = mu;
      if (s.k < 2 || pp === null) return;
      for (let j = 1; j <= N - 2; j++) {
        const b = prob.beta[j], q = s.next, p = s.prev;
        const Wk = fro(q.W[j]), Wk1 = fro(p.W[j]), Lk1 = fro(p.Lambda[j]);
        const terms = [
          L1 * Wk * diffNorm(q.Lambda[j], p.Lambda[j]),
          (L1 * Lk1 + L2 * Wk1 * Lk1 * fro(p.V[j - 1])) * diffNorm(q.W[j], p.W[j]),
          L1 * b * (Wk * diffNorm(q.V[j], p.V[j]) + Wk1 * diffNorm(p.V[j], pp.V[j])),
          (L1 * L1 + mu[j - 1] / 2) * b * Wk * Wk * diffNorm(q.V[j - 1], p.V[j - 1]),
          ((L1 * L1 + prevMu[j - 1] / 2) * b + L2 * Lk1) * Wk1 * Wk1 * diffNorm(p.V[j - 1], pp.V[j - 1]),
        ];
        const lhs = diffNorm(q.Lambda[j - 1], p.Lambda[j - 1]);
        add(compareLe(lhs, terms.reduce((a, x) => a + x, 0), ctx, { scale: Math.max(...terms), what: `(31) for j=${j} at ${at(s.k)}` }));
      }
    }, { empty: FROM_K2 });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq29, eq30, eq31];
