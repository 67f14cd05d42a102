/**
 * ZLY Lemma 4 (boundedness, §4.3.3; proof in Appendix C.3 under the weaker (77)–(81)): for every k ∈ ℕ,
 *   ‖W_i^k‖ ≤ γ, ‖V_i^k‖ ≤ 3C3γ^{i−1}, ‖Λ_i^k‖ ≤ C3β_iγ^{i−1} (i ≤ N) (32),  h_i^k ≤ 4L3C3γ^{i−1} (i ≤ N−1) (33),
 *   μ_j^k ≤ 4L3C3γ^j (j ≤ N−2) (34),
 * with γ of (37), C3 of (41), L3 of (36).
 *
 * Claims     zly.lemma4.bounds
 * Solver     ZlyAdmm (solver/admm.ts): Q⁰ of (7) and every iterate of real runs at (multiples of) the smallest
 *            β, λ meeting (77)–(80)
 * Oracle     the norms of the copied iterates; h, μ of (20)–(21) recomputed; the constants of problem/conditions.ts
 * Instances  zly.run-lemma4 (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim, Verdict } from '../../../engine/types.ts';
import type { ZlyIterate } from '../problem/types.ts';
import { layers } from '../problem/types.ts';
import { fro, src } from './_internals/common.ts';
import { constantsOf, lemma4Conditions } from './_internals/conditions.ts';
import { weakRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: weakRuns, hypotheses: [lemma4Conditions()], tags: ['per-iteration', 'solver'] });

const bounds = onRuns({
  id: 'zly.lemma4.bounds',
  source: src('Lemma 4 (32)–(34)', ['(32)', '(33)', '(34)', '(77)', '(78)', '(79)', '(80)', '(81)']),
  statement:
    'Under (77)–(81), for every k ∈ ℕ: ‖W_i^k‖_F ≤ γ, ‖V_i^k‖_F ≤ 3C3γ^{i−1}, ‖Λ_i^k‖_F ≤ C3β_iγ^{i−1} (i = 1, …, N) (32); '
    + 'h_i^k ≤ 4L3C3γ^{i−1} (i = 1, …, N−1) (33); μ_j^k ≤ 4L3C3γ^j (j = 1, …, N−2) (34).',
  method:
    'Draws data and W⁰, sets β, λ to the smallest values meeting (77)–(80) (problem/conditions.ts) times f_β, f_λ ∈ {1, 2, 10}, '
    + 'checks (77)–(81) as hypotheses, runs Algorithm 1 from (7) and checks (32) at Q⁰ and every iterate, (33)–(34) with h, μ '
    + 'recomputed from Q^{k−1} at every iteration; tolerance relative to max(1, both sides).',
  kind: 'bound',
  runs: { ci: 40 },
  check: (c, ctx) => {
    const { prob } = c;
    const N = layers(prob.dims), { gamma: g, C3, L3 } = constantsOf(c);
    const at32 = (q: ZlyIterate, k: number, add: (v: Verdict) => void): void => {
      for (let i = 1; i <= N; i++) {
        add(compareLe(fro(q.W[i - 1]), g, ctx, { what: `(32) ‖W_${i}‖ ≤ γ at ${at(k)}` }));
        add(compareLe(fro(q.V[i - 1]), 3 * C3 * g ** (i - 1), ctx, { what: `(32) ‖V_${i}‖ ≤ 3C3γ^${i - 1} at ${at(k)}` }));
        add(compareLe(fro(q.Lambda[i - 1]), C3 * prob.beta[i - 1] * g ** (i - 1), ctx, { what: `(32) ‖Λ_${i}‖ ≤ C3β_${i}γ^${i - 1} at ${at(k)}` }));
      }
    };
    return perIteration(c, ctx, (s, add) => {
      at32(s.next, s.k, add);
      s.lla.h.forEach((h, t) => add(compareLe(h, 4 * L3 * C3 * g ** t, ctx, { what: `(33) h_${t + 1} ≤ 4L3C3γ^${t} at ${at(s.k)}` })));
      s.lla.mu.forEach((mu, t) => add(compareLe(mu, 4 * L3 * C3 * g ** (t + 1), ctx, { what: `(34) μ_${t + 1} ≤ 4L3C3γ^${t + 1} at ${at(s.k)}` })));
    }, { initial: (q0, add) => at32(q0, 0, add) });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [bounds];
