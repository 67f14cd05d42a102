/**
 * ZLY Lemma 6 (Appendix B.1, "dual expressed by primal"): (50) Λ_N^k = V_N^k − Y ∀k ∈ ℕ (restated as (57) in
 * its proof), (51) Λ_{N−1}^k = W_N^{kᵀ}Λ_N^k + β_NW_N^{kᵀ}(V_N^k − V_N^{k−1}), and (52) for j = N−2, …, 1. The paper's ℕ
 * contains 0 (Lemma 4 "for any k ∈ ℕ" is proved from k = 0), and at k = 0, (7) sets Λ_N⁰ = 0 while V_N⁰ − Y ≠ 0.
 *
 * Claims     zly.lemma6.eq50 (as printed, k ∈ ℕ: refuted, erratum zly-E-50) · zly.lemma6.eq50.corrected (k ≥ 1) ·
 *            zly.lemma6.eq51 · zly.lemma6.eq52
 * Solver     ZlyAdmm (solver/admm.ts): Q⁰ of (7) and the iterates of real runs
 * Oracle     both sides recomputed from the copied iterates with theory/mat.ts (_internals/blocks.ts)
 * Instances  zly.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareEqArrays } from '../../../engine/tolerance.ts';
import type { Erratum, RegisteredClaim, Verdict } from '../../../engine/types.ts';
import type { ZlyIterate, ZlyProblem } from '../problem/types.ts';
import { layers } from '../problem/types.ts';
import { add, had, mat, mul, scale, sub, tr } from '../theory/mat.ts';
import { dsig, Lm, norm, sig, Vm, Wm } from './_internals/blocks.ts';
import { maxNorm, src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver'] });

/** (50) at one iterate: Λ_N against V_N − Y, scaled by the sizes of V_N and Y. */
function eq50At(prob: ZlyProblem, q: ZlyIterate, k: number, ctx: { rtol: number }): Verdict {
  const N = layers(prob.dims);
  const VN = q.V[N - 1], rhs = VN.map((v, t) => v - prob.Y[t]);
  return compareEqArrays(q.Lambda[N - 1], rhs, ctx, { scale: multiplierScale(prob, q, N), what: `(50) Λ_N^k = V_N^k − Y at ${at(k)}` });
}

/**
 * The size of the terms (13) adds up to Λ_i: Λ_i^k = Λ_i^{k−1} + β_i(σ_i(W_iV_{i−1}) − V_i), whose two last terms nearly cancel
 * when β_i is large, leaving a rounding error of order ε·β_i‖V_i‖.
 */
function multiplierScale(prob: ZlyProblem, q: ZlyIterate, i: number): number {
  return prob.beta[i - 1] * maxNorm(q.V[i - 1]) + maxNorm(q.Lambda[i - 1]);
}

const eq50Literal = onRuns({
  id: 'zly.lemma6.eq50',
  source: src('Lemma 6 (50), (57)', ['(50)', '(57)', '(7)']),
  statement: 'Λ_N^k = V_N^k − Y for every k ∈ ℕ (50), (57) (ℕ ∋ 0 in the paper: Lemma 4 holds "for any k ∈ ℕ" from k = 0).',
  method:
    'Runs Algorithm 1 from (7) and checks Λ_N^k = V_N^k − Y entrywise at Q⁰ and at every iterate (identity, rtol relative to the '
    + 'largest entry and to β_N‖V_N‖_max, the size of the terms (13) adds).',
  kind: 'identity',
  expected: { status: 'refuted', erratum: 'zly-E-50' },
  tags: ['per-iteration', 'literal'],
  runs: { ci: 30 },
  check: (c, ctx) => perIteration(c, ctx, (s, add) => add(eq50At(c.prob, s.next, s.k, ctx)), { initial: (q0, add) => add(eq50At(c.prob, q0, 0, ctx)) }),
});

const eq50Corrected = onRuns({
  id: 'zly.lemma6.eq50.corrected',
  source: src('Lemma 6 (50), (57), corrected', ['(50)', '(57)', '(56)']),
  statement: 'Λ_N^k = V_N^k − Y for every k ≥ 1 (from (56) and the update (13) of Λ_N).',
  method: 'Runs Algorithm 1 and checks Λ_N^k = V_N^k − Y entrywise at every iterate k ≥ 1 (identity, rtol relative to the largest entry).',
  kind: 'identity',
  corrects: 'zly.lemma6.eq50',
  runs: { ci: 50 },
  check: (c, ctx) => perIteration(c, ctx, (s, add) => add(eq50At(c.prob, s.next, s.k, ctx))),
});

const eq51 = onRuns({
  id: 'zly.lemma6.eq51',
  source: src('Lemma 6 (51)', ['(51)']),
  statement: 'Λ_{N−1}^k = W_N^{kᵀ}Λ_N^k + β_NW_N^{kᵀ}(V_N^k − V_N^{k−1}) for every iteration k ≥ 1 (51).',
  method:
    'Runs Algorithm 1 and at every iteration compares the solver\'s Λ_{N−1}^k with the right side of (51) recomputed from its '
    + 'W_N^k, Λ_N^k, V_N^k, V_N^{k−1} (identity entrywise, tolerance relative to the largest term).',
  kind: 'identity',
  runs: { ci: 50 },
  check: (c, ctx) => {
    const { prob } = c;
    const N = layers(prob.dims), bN = prob.beta[N - 1];
    return perIteration(c, ctx, (s, addV) => {
      const WNt = tr(Wm(prob, s.next, N));
      const t1 = mul(WNt, Lm(prob, s.next, N)), t2 = scale(mul(WNt, sub(Vm(prob, s.next, N), Vm(prob, s.prev, N))), bN);
      const rhs = add(t1, t2);
      const size = Math.max(norm(t1), norm(t2), multiplierScale(prob, s.next, N - 1), multiplierScale(prob, s.prev, N - 1));
      addV(compareEqArrays(s.next.Lambda[N - 2], rhs.a, ctx, { scale: size, what: `(51) at ${at(s.k)}` }));
    });
  },
});

const eq52 = onRuns({
  id: 'zly.lemma6.eq52',
  source: src('Lemma 6 (52)', ['(52)']),
  statement:
    'For j = N−2, …, 1 and every iteration k ≥ 1: Λ_j^k = W_{j+1}^{kᵀ}(Λ_{j+1}^k ⊙ σ′(W_{j+1}^kV_j^{k−1})) + β_{j+1}W_{j+1}^{kᵀ}[((σ(W_{j+1}^kV_j^{k−1}) '
    + '− σ(W_{j+1}^kV_j^k)) + (V_{j+1}^k − V_{j+1}^{k−1})) ⊙ σ′(W_{j+1}^kV_j^{k−1}) + μ_j^kW_{j+1}^k(V_j^k − V_j^{k−1})/2] (52).',
  method:
    'Runs Algorithm 1 and at every iteration compares the solver\'s Λ_j^k with the right side of (52) recomputed from its iterates '
    + 'and μ_j^k of (21) recomputed by the drawn rule (identity entrywise, tolerance relative to the largest term). Vacuous for '
    + 'N = 2 (no j).',
  kind: 'identity',
  runs: { ci: 50 },
  check: (c, ctx) => {
    const { prob } = c;
    const N = layers(prob.dims);
    if (N === 2) return { status: 'holds', note: 'vacuous: no j with 1 ≤ j ≤ N−2 for N = 2' };
    return perIteration(c, ctx, (s, addV) => {
      for (let j = N - 2; j >= 1; j--) {
        const W = Wm(prob, s.next, j + 1), Wt = tr(W), b = prob.beta[j];
        const V0 = Vm(prob, s.prev, j), V1 = mat(prob.dims.d[j], prob.dims.n, s.next.V[j - 1]);
        const P0 = mul(W, V0), D0 = dsig(prob, P0);
        const t1 = mul(Wt, had(Lm(prob, s.next, j + 1), D0));
        const inner = add(had(add(sub(sig(prob, P0), sig(prob, mul(W, V1))), sub(Vm(prob, s.next, j + 1), Vm(prob, s.prev, j + 1))), D0), scale(mul(W, sub(V1, V0)), s.lla.mu[j - 1] / 2));
        const t2 = scale(mul(Wt, inner), b);
        const size = Math.max(norm(t1), norm(t2), multiplierScale(prob, s.next, j), multiplierScale(prob, s.prev, j));
        addV(compareEqArrays(s.next.Lambda[j - 1], add(t1, t2).a, ctx, { scale: size, what: `(52) for j=${j} at ${at(s.k)}` }));
      }
    });
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'zly-E-50',
    claim: 'zly.lemma6.eq50',
    says: '(50) and (57): Λ_N^k = V_N^k − Y, ∀k ∈ ℕ',
    fixture: 'fixtures/counterexamples/zly/zly.lemma6.eq50.json',
    corrected:
      'Λ_N^k = V_N^k − Y for k ≥ 1 only: at k = 0 the initialization (7) sets Λ_N⁰ = 0 and V_N⁰ = W_N⁰V_{N−1}⁰, which is not Y in general. '
      + 'Hence (58) fails at k = 1 (zly-E-58); Lemma 3 (29) and Lemma 11, stated for k ≥ 2, only use (50) at k − 1 ≥ 1.',
    correctedClaims: ['zly.lemma6.eq50.corrected'],
    solverImpact: 'None: the solver never substitutes (50); V_N is updated by (12) itself.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq50Literal, eq50Corrected, eq51, eq52];
