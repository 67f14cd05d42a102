/**
 * ZLY (90)–(94) (proof of Lemma 1, Appendix C.4): substituting (87)–(89) into Lemma 2 gives
 *   L(Q^k) + Σξ_i‖ΔV_i^k‖² ≤ L(Q^{k−1}) + Σξ_i‖ΔV_i^{k−1}‖² − Σζ_i‖ΔW_i^k‖² − Σ(η_i − ξ_i)‖ΔV_i^k‖²   (90)
 * with ζ, η, ξ printed in (90)–(94). The ζ_i of (90) for 2 ≤ i ≤ N−1 carry (1 + 3L1^{-1}L2L3γ^{i−1})² where (89) — and
 * Lemma 11 before it — give (1 + 3L1^{-1}L2C3γ^{i−1})²; η and ξ are as derived.
 *
 * Claims     zly.eq90.zeta (as printed: refuted, erratum zly-E-90) · zly.eq90.zeta.corrected (the inequality (90)
 *            itself is in eq90-descent.ts)
 * Solver     none (the constants of problem/conditions.ts)
 * Oracle     the weights derived from (28) and the transcribed (87)–(89) (_internals/weights.ts)
 * Instances  zly.run-theorem3 (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareEqArrays, worstVerdict } from '../../../engine/tolerance.ts';
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { descentWeights } from '../problem/conditions.ts';
import { layers } from '../problem/types.ts';
import { src } from './_internals/common.ts';
import { constantsOf, inputOf } from './_internals/conditions.ts';
import { strongRuns, type ZlyRunCase } from './_internals/families.ts';
import { derivedWeights } from './_internals/weights.ts';

const onCases = claimGroup<ZlyRunCase>({ family: strongRuns, hypotheses: [], tags: [SOLVER_INDEPENDENT_TAG] });

function weightsCheck(c: ZlyRunCase, ctx: { rtol: number }, zetaConstant: 'L3' | 'C3') {
  const N = layers(c.prob.dims);
  const printed = descentWeights(inputOf(c), c.prob.beta, c.prob.lambda, { zetaConstant });
  const derived = derivedWeights(constantsOf(c), c.prob.beta, c.prob.lambda, N);
  return worstVerdict([
    compareEqArrays(printed.zeta, derived.zeta, ctx, { what: `ζ of (90) (${zetaConstant} in ζ_i) = the ‖ΔW_i‖² coefficients of (28) with (87)–(89)` }),
    compareEqArrays(printed.eta, derived.eta, ctx, { what: 'η of (91)–(94) = the ‖ΔV_i^k‖² coefficients' }),
    compareEqArrays(printed.xi, derived.xi, ctx, { what: 'ξ of (91)–(94) = the ‖ΔV_i^{k−1}‖² coefficients' }),
  ]);
}

const zetaLiteral = onCases({
  id: 'zly.eq90.zeta',
  source: src('Lemma 1 proof (90)–(94)', ['(28)', '(87)', '(88)', '(89)', '(90)', '(91)', '(92)', '(93)', '(94)']),
  statement:
    'Substituting (87)–(89) into Lemma 2 (28) yields (90) with ζ_N, ζ_i = λ/2 − 2(1 + 3L1^{-1}L2L3γ^{i−1})²C3²β_i²γ^{2(i−2)}Σ_{j<i}β_j^{-1}(N−j)(L1γ)^{2(i−j)} '
    + '(2 ≤ i ≤ N−1), ζ_1 = λ/2, and η_i, ξ_i of (91)–(94), as printed.',
  method:
    'For drawn data, W⁰ and (multiples of) the smallest β, λ of (42)–(45), collects the coefficient of every ‖ΔW_i‖², ‖ΔV_i^k‖², '
    + '‖ΔV_i^{k−1}‖² after substituting the transcribed (87)–(89) into (28) (_internals/weights.ts) and compares them with ζ, η, ξ as '
    + 'printed (problem/conditions.ts descentWeights; identity entrywise, rtol relative to the largest).',
  kind: 'identity',
  expected: { status: 'refuted', erratum: 'zly-E-90' },
  runs: { ci: 40 },
  check: (c, ctx) => weightsCheck(c, ctx, 'L3'),
});

const zetaCorrected = onCases({
  id: 'zly.eq90.zeta.corrected',
  source: src('Lemma 1 proof (90), corrected', ['(89)', '(90)']),
  statement:
    '(90) holds with ζ_i = λ/2 − 2(1 + 3L1^{-1}L2C3γ^{i−1})²C3²β_i²γ^{2(i−2)}Σ_{j<i}β_j^{-1}(N−j)(L1γ)^{2(i−j)} (C3 where (90) prints L3) and η, ξ as printed.',
  method: 'As the literal claim, with C3 in ζ_i (problem/conditions.ts descentWeights with zetaConstant C3).',
  kind: 'identity',
  corrects: 'zly.eq90.zeta',
  runs: { ci: 40 },
  check: (c, ctx) => weightsCheck(c, ctx, 'C3'),
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'zly-E-90',
    claim: 'zly.eq90.zeta',
    says: '(90): ζ_i = λ/2 − 2(1 + 3L1^{-1}L2L3γ^{i−1})²C3²β_i²γ^{2(i−2)}Σ_{j=1}^{i−1}β_j^{-1}(N−j)(L1γ)^{2(i−j)}, i = 2, …, N−1 (and λ̄ of (45), second term, with the same factor)',
    fixture: 'fixtures/counterexamples/zly/zly.eq90.zeta.json',
    corrected:
      'The factor is (1 + 3L1^{-1}L2C3γ^{i−1})², as (89) and Lemma 11 (C3β_iγ^{i−2} + 3L1^{-1}L2C3²β_iγ^{2i−3}) give; C3 ≥ 2L0√(nd_1) ≥ 2 exceeds L3 '
      + '(0.51 for sigmoid), so the printed ζ_i is larger than the derivation supports. At the β of (42)–(44) the subtracted sum is '
      + 'tiny next to λ/2 (β_j ≫ β_i for j < i), so ζ_i > 0 is not at risk in any instance drawn here (zly.lemma1.eq95).',
    correctedClaims: ['zly.eq90.zeta.corrected', 'zly.eq90.descent'],
    solverImpact: 'None: ζ enters only a of (96) (shown by `conditions zly`) and the second term of λ̄; the solver uses neither.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [zetaLiteral, zetaCorrected];
