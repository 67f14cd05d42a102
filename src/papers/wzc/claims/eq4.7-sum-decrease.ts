/**
 * WZC (4.7) and the chain before it, proof of Theorem 4.3 (paper lines 358–362): the decrease of L per BCD iteration.
 *
 * Claims     wzc.eq4.7.sum-decrease (as printed: refuted, erratum wzc-E-4.7) · wzc.eq4.7.sum-decrease.corrected
 * Solver     runBcd (solver/bcd.ts) through runBcdCase (_internals/runs.ts), observed per BCD iteration
 * Oracle     alpha1, alpha2 (theory/hessian.ts); L by the problem layer (_internals/bcdSteps.ts)
 * Instances  wzc.bcd (_internals/families.ts)
 */
import { compareGe } from '../../../engine/tolerance.ts';
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { sqdist } from '../../../linalg/index.ts';
import { at, localAlphas, onBcdRuns, perBcdStep } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';
import type { WzcBcdCase } from './_internals/families.ts';
import { flatIterate } from './_internals/runs.ts';

/**
 * Certified lower bounds of the paper's α's, valid at every s: α1 ≥ 2·min(λ1..λ5), α2 ≥ γ. Hence
 * max{α1/2, α2/2, μ/2} ≥ max{min λ, γ/2, μ/2}: a decrease below the latter refutes (4.7) as printed for ANY
 * value the paper's infima take.
 */
function certifiedMaxConstant(c: WzcBcdCase): number {
  const [l1, l2, l3, l4, l5] = c.prob.lambda;
  return Math.max(Math.min(l1, l2, l3, l4, l5), c.gamma / 2, c.mu / 2);
}

const sumDecreaseLiteral = onBcdRuns({
  id: 'wzc.eq4.7.sum-decrease',
  source: src('Theorem 4.3 proof, chain before (4.7) and (4.7)', ['(4.7)'], 359),
  statement:
    'L(s^(j−1)) − L(s^(j)) ≥ max{α1/2, α2/2, μ/2}‖s^(j) − s^(j−1)‖² for every j, and summed, L(s^(0)) − L(s^(J)) '
    + '≥ max{α1/2, α2/2, μ/2}Σ_j‖s^(j) − s^(j−1)‖² (as printed).',
  method:
    'Runs one BCD of the real solver and at every iteration checks both the per-step chain and the running sum '
    + 'with the certified constant c = max{min λ_i, γ/2, μ/2}: α1 ≥ 2 min(λ1…λ5) and α2 ≥ γ at every s, so c ≤ '
    + 'max{α1/2, α2/2, μ/2} whatever the paper\'s infima are, and a decrease below c‖Δs‖² refutes the printed '
    + 'constant. L recomputed by the problem layer, tolerance relative to |L(s^(j−1))| (|L(s^(0))| for the sum); '
    + 'the local α\'s are reported in the detail.',
  kind: 'inequality',
  expected: { status: 'refuted', erratum: 'wzc-E-4.7' },
  tags: ['per-iteration', 'solver', 'literal'],
  runs: { ci: 100 },
  check: (c, ctx) => {
    const cmax = certifiedMaxConstant(c);
    let L0 = NaN, sum = 0;
    return perBcdStep(c, ctx, (v, add) => {
      if (v.j === 1) L0 = v.Lprev;
      const d2 = sqdist(flatIterate(v.s), flatIterate(v.prev));
      sum += d2;
      const a = localAlphas(c, v);
      const local = `local α1=${a.a1.toPrecision(4)}, α2=${a.a2.toPrecision(4)}, μ=${c.mu}, ‖Δs‖²=${d2.toPrecision(4)}`;
      add(compareGe(v.Lprev - v.L, cmax * d2, ctx, { scale: Math.abs(v.Lprev), what: `per-step chain (line 359) at ${at(v.k, v.j)} [${local}]` }));
      add(compareGe(L0 - v.L, cmax * sum, ctx, { scale: Math.abs(L0), what: `(4.7) with J=${v.j} (k=${v.k})` }));
    });
  },
});

const sumDecreaseCorrected = onBcdRuns({
  id: 'wzc.eq4.7.sum-decrease.corrected',
  source: src('Theorem 4.3 proof, chain before (4.7) and (4.7), corrected', ['(4.7)'], 359),
  statement:
    'L(s^(j−1)) − L(s^(j)) ≥ min{α1/2, α2/2, μ/2}‖s^(j) − s^(j−1)‖² for every j (Σ c_i‖Δ_i‖² ≥ min_i c_i·‖Δ‖²).',
  method:
    'Runs one BCD of the real solver and at every iteration checks the chain with min{α1/2, α2/2, μ/2} built from '
    + 'the local α1 (at h^(j−1)) and α2 (at z^(j)) of theory/hessian.ts, which are ≥ the paper\'s infima, so the '
    + 'checked statement is the stronger one; L recomputed by the problem layer, tolerance relative to '
    + '|L(s^(j−1))|.',
  kind: 'inequality',
  corrects: 'wzc.eq4.7.sum-decrease',
  tags: ['per-iteration', 'solver', 'corrected'],
  runs: { ci: 120 },
  check: (c, ctx) =>
    perBcdStep(c, ctx, (v, add) => {
      const { a1, a2 } = localAlphas(c, v);
      const cmin = Math.min(a1 / 2, a2 / 2, c.mu / 2);
      const d2 = sqdist(flatIterate(v.s), flatIterate(v.prev));
      add(compareGe(v.Lprev - v.L, cmin * d2, ctx, { scale: Math.abs(v.Lprev), what: `corrected chain at ${at(v.k, v.j)}` }));
    }),
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'wzc-E-4.7',
    claim: 'wzc.eq4.7.sum-decrease',
    says:
      '(4.7) and the line before it (margin 358–362): α1/2‖Δz‖² + α2/2‖Δh‖² + μ/2‖Δu‖² ≥ max{α1/2, α2/2, μ/2}‖s^(j) − s^(j−1)‖², ' +
      'and Ĵ of (4.8) with max{α1/2, α2/2, μ/2} in the denominator.',
    fixture: 'fixtures/counterexamples/wzc/wzc.eq4.7.sum-decrease.json',
    corrected:
      'Σ_i c_i‖Δ_i‖² ≥ min_i c_i·‖Δ‖² only: (4.7) holds with min{α1/2, α2/2, μ/2}, and (4.8) becomes Ĵ = ⌈(L(s^(0)) + ‖ξ‖²/2γ + ' +
      '‖ζ‖²/2γ)·max{L1, L2, μ}² / (min{α1/2, α2/2, μ/2}·ε²)⌉ — larger by the factor max/min (≈ γ/μ = 1e5 with Table 2’s μ = 1e-5). ' +
      'The O(1/ε²) order of Theorem 4.3 is unaffected.',
    correctedClaims: ['wzc.eq4.7.sum-decrease.corrected', 'wzc.thm4.3.stop-within-Jhat.corrected'],
    solverImpact:
      'None: the solver never uses Ĵ or α1, α2. Its stop test (3.17) is ‖s^(j) − s^(j−1)‖ ≤ ε/max{L1, L2, μ}; Ĵ is only a proof device ' +
      'for finite termination (the literal Ĵ was never exceeded in our runs either, because L1 is huge: see wzc.thm4.3.stop-within-Jhat).',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [sumDecreaseLiteral, sumDecreaseCorrected];
