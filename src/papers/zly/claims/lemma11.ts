/**
 * ZLY Lemma 11 (Appendix C.4): substituting Lemma 4's bounds into Lemma 3, for every k ≥ 2, ‖ΔΛ_N^k‖ = ‖ΔV_N^k‖,
 * ‖ΔΛ_{N−1}^k‖ ≤ C3β_Nγ^{N−1}‖ΔW_N^k‖ + γ(1 + β_N)‖ΔV_N^k‖ + β_Nγ‖ΔV_N^{k−1}‖, and the long bound on ‖ΔΛ_j^k‖, j ≤ N−2;
 * "these imply" (84) Σ‖ΔΛ_i‖² ≤ α Σ(‖ΔW_i‖² + ‖ΔV_i‖² + ‖ΔV_i^{k−1}‖²), with α from the squared forms (87)–(89) of the
 * proof of Lemma 1.
 *
 * Claims     zly.lemma11.bounds · zly.lemma11.eq84
 * Solver     ZlyAdmm (solver/admm.ts), iterations k ≥ 2 of real runs under (77)–(81)
 * Oracle     the step norms of the copied Q^{k−2}, Q^{k−1}, Q^k; the bounds transcribed in _internals/steps.ts with the
 *            constants of problem/conditions.ts
 * Instances  zly.run-lemma4 (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { layers } from '../problem/types.ts';
import { src } from './_internals/common.ts';
import { constantsOf, lemma4Conditions } from './_internals/conditions.ts';
import { weakRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';
import { evalBound, evalSquared, largestTerm, lemma11Bounds, squaredBounds, stepNorms } from './_internals/steps.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: weakRuns, hypotheses: [lemma4Conditions()], tags: ['per-iteration', 'solver'] });

const FROM_K2 = { status: 'inconclusive', detail: 'the run diverged before k = 2' } as const;

const bounds = onRuns({
  id: 'zly.lemma11.bounds',
  source: src('Lemma 11', ['(29)', '(30)', '(31)', '(32)']),
  statement:
    'Under (77)–(81), for every k ≥ 2: ‖ΔΛ_N^k‖ = ‖ΔV_N^k‖; ‖ΔΛ_{N−1}^k‖ ≤ C3β_Nγ^{N−1}‖ΔW_N^k‖ + γ(1 + β_N)‖ΔV_N^k‖ + β_Nγ‖ΔV_N^{k−1}‖; '
    + 'and for j = 1, …, N−2, ‖ΔΛ_j^k‖ ≤ (L1γ)^{N−j}L1^{-1}C3β_Nγ^{N−2}‖ΔW_N^k‖ + Σ_{i=j+1}^{N−1}(L1γ)^{i−j}(C3β_iγ^{i−2} + '
    + '3L1^{-1}L2C3²β_iγ^{2i−3})‖ΔW_i^k‖ + … (the ‖ΔV^k‖ and ‖ΔV^{k−1}‖ terms as printed), ΔX^k := X^k − X^{k−1}.',
  method:
    'Runs Algorithm 1 at (multiples of) the smallest β, λ meeting (77)–(80), and at every k ≥ 2 evaluates every bound of Lemma 11 '
    + '(transcribed in _internals/steps.ts, constants of problem/conditions.ts) at the step norms of the copied iterates against '
    + '‖ΔΛ_i^k‖; tolerance relative to the largest term.',
  kind: 'inequality',
  runs: { ci: 40 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims), bd = lemma11Bounds(constantsOf(c), c.prob.beta, N);
    return perIteration(c, ctx, (s, add) => {
      if (s.prevPrev === null) return;
      const st = stepNorms(s.prevPrev, s.prev, s.next);
      for (let i = N; i >= 1; i--) {
        add(compareLe(st.dL[i], evalBound(bd[i], st), ctx, { scale: largestTerm(bd[i], st), what: `Lemma 11 bound on ‖ΔΛ_${i}‖ at ${at(s.k)}` }));
      }
    }, { empty: FROM_K2 });
  },
});

const eq84 = onRuns({
  id: 'zly.lemma11.eq84',
  source: src('Lemma 11 (84), proof of Lemma 1 (87)–(89)', ['(84)', '(87)', '(88)', '(89)']),
  statement:
    'Under (77)–(81), for every k ≥ 2, (87) ‖ΔΛ_N^k‖² = ‖ΔV_N^k‖², (88) ‖ΔΛ_{N−1}^k‖² ≤ 3C3²β_N²γ^{2(N−1)}‖ΔW_N^k‖² + 3γ²(1 + β_N)²‖ΔV_N^k‖² + '
    + '3β_N²γ²‖ΔV_N^{k−1}‖², (89) for j ≤ N−2 the squares of Lemma 11\'s coefficients times 2(N − j) (W terms) and 4(N − j + 1) (V terms); '
    + 'hence (84) Σ_i‖ΔΛ_i^k‖² ≤ α Σ_i(‖ΔW_i^k‖² + ‖ΔV_i^k‖² + ‖ΔV_i^{k−1}‖²) with α the largest summed coefficient.',
  method:
    'As zly.lemma11.bounds, checking each squared bound (87)–(89) against ‖ΔΛ_i^k‖² and (84) with α = max over blocks of the '
    + 'coefficients (87)–(89) give that block, summed over i; tolerance relative to the largest term.',
  kind: 'inequality',
  runs: { ci: 40 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims), sq = squaredBounds(constantsOf(c), c.prob.beta, N);
    const sums = new Map<string, number>();
    for (let i = 1; i <= N; i++) for (const [co, w, l] of sq[i].terms) sums.set(`${w}${l}`, (sums.get(`${w}${l}`) ?? 0) + co);
    const alpha = Math.max(...sums.values());
    return perIteration(c, ctx, (s, add) => {
      if (s.prevPrev === null) return;
      const st = stepNorms(s.prevPrev, s.prev, s.next);
      let lhs = 0, base = 0;
      for (let i = 1; i <= N; i++) {
        const b = evalSquared(sq[i], st);
        add(compareLe(st.dL[i] ** 2, b, ctx, { scale: b, what: `(87)–(89) for ‖ΔΛ_${i}‖² at ${at(s.k)}` }));
        lhs += st.dL[i] ** 2;
        base += st.dW[i] ** 2 + st.dV[i] ** 2 + st.dVprev[i] ** 2;
      }
      add(compareLe(lhs, alpha * base, ctx, { what: `(84) with α = ${alpha.toPrecision(4)} at ${at(s.k)}` }));
    }, { empty: FROM_K2 });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [bounds, eq84];
