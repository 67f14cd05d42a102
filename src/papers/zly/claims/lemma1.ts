/**
 * ZLY Lemma 1 (sufficient descent, §4.3; proof in Appendix C.4): under the assumptions of Theorem 1 ((42)–(47) in
 * Theorem 3's generic form), for k ≥ 2, L̂(Q̂^k) ≤ L̂(Q̂^{k−1}) − a(Σ‖ΔW_i^k‖² + Σ‖ΔV_i^k‖²) (27), with L̂ of (26) weighted by
 * ξ_i > 0 of (91)–(94) and a = min{ζ_i, η_i − ξ_i} > 0 of (95)–(96). Its proof also restates (44) for i = 1 as
 * β1/β2 ≥ 4√N[L1² + (2L3 + L2)C3γ]γ² ("namely"), which is not (44) but is implied by it.
 *
 * Claims     zly.lemma1.eq27 · zly.lemma1.eq95 · zly.lemma1.xi-positive (as printed: refuted, erratum zly-E-92) ·
 *            zly.lemma1.xi-positive.corrected · zly.lemma1.restated44 (as printed: refuted, erratum zly-E-44) ·
 *            zly.lemma1.restated44.corrected
 * Solver     ZlyAdmm runs for eq27; the others are about the constants
 * Oracle     L of (6) from its definition (problem/lagrangian.ts); ξ, ζ, η, a transcribed in problem/conditions.ts
 * Instances  zly.run-theorem3 (_internals/families.ts): (multiples of) the smallest β, λ of (42)–(45)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareEq, compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { Erratum, RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { descentWeights, ratioBound44 } from '../problem/conditions.ts';
import { zlyLagrangian } from '../problem/lagrangian.ts';
import { layers } from '../problem/types.ts';
import { lagrangianScale, src } from './_internals/common.ts';
import { constantsOf, inputOf, theorem3Conditions } from './_internals/conditions.ts';
import { strongRuns, type ZlyRunCase } from './_internals/families.ts';
import { at, perIteration } from './_internals/runs.ts';
import { stepNorms } from './_internals/steps.ts';

const HYP = [theorem3Conditions()];
const onConstants = claimGroup<ZlyRunCase>({ family: strongRuns, hypotheses: HYP, tags: [SOLVER_INDEPENDENT_TAG] });

const eq27 = claimGroup<ZlyRunCase>({ family: strongRuns, hypotheses: HYP, tags: ['per-iteration', 'solver'] })({
  id: 'zly.lemma1.eq27',
  source: src('Lemma 1 (27)', ['(26)', '(27)', '(91)', '(92)', '(93)', '(94)', '(96)']),
  statement:
    'Under (42)–(47), for k ≥ 2: L̂(Q̂^k) ≤ L̂(Q̂^{k−1}) − a(Σ_i‖W_i^k − W_i^{k−1}‖² + Σ_i‖V_i^k − V_i^{k−1}‖²) (27), L̂(Q̂^k) = L(Q^k) + '
    + 'Σ_iξ_i‖V_i^k − V_i^{k−1}‖² (26) with ξ of (91)–(94) and a of (96).',
  method:
    'Runs Algorithm 1 at (multiples of) the smallest β, λ of (42)–(45) with (42)–(47) checked first, and at every k ≥ 2 evaluates '
    + 'L̂ at Q̂^k and Q̂^{k−1} with L of (6) recomputed from its definition and ξ, a as printed (problem/conditions.ts); tolerance '
    + 'relative to the size of L\'s terms.',
  kind: 'inequality',
  runs: { ci: 30 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    const w = descentWeights(inputOf(c), c.prob.beta, c.prob.lambda);
    return perIteration(c, ctx, (s, add) => {
      if (s.prevPrev === null) return;
      const st = stepNorms(s.prevPrev, s.prev, s.next);
      let lhs = zlyLagrangian(c.prob, s.next).L, rhs = zlyLagrangian(c.prob, s.prev).L, dec = 0;
      for (let i = 1; i <= N; i++) {
        lhs += w.xi[i - 1] * st.dV[i] ** 2;
        rhs += w.xi[i - 1] * st.dVprev[i] ** 2;
        dec += st.dW[i] ** 2 + st.dV[i] ** 2;
      }
      add(compareLe(lhs, rhs - w.a * dec, ctx, { scale: lagrangianScale(c.prob, s.prev), what: `(27) at ${at(s.k)} (a = ${w.a.toPrecision(4)})` }));
    }, { empty: { status: 'inconclusive', detail: 'the run diverged before k = 2' } });
  },
});

const eq95 = onConstants({
  id: 'zly.lemma1.eq95',
  source: src('Lemma 1 proof (95)–(97)', ['(95)', '(96)', '(97)', '(85)', '(86)']),
  statement: 'Under (42)–(47): ζ_i > 0 and η_i − ξ_i > 0 for i = 1, …, N (95), so a = min{ζ_i, η_i − ξ_i} > 0 (96).',
  method:
    'For drawn data, W⁰ and (multiples of) the smallest β, λ of (42)–(45), with (42)–(47) checked first, evaluates ζ, η, ξ of (90)–(94) '
    + '(problem/conditions.ts), with ζ as printed and with C3 (zly-E-90); each ζ_i and η_i − ξ_i must be > 0 (a value ≤ 0 is violated).',
  kind: 'inequality',
  runs: { ci: 60 },
  check: (c) => {
    const out: Verdict[] = [];
    for (const zc of ['L3', 'C3'] as const) {
      const w = descentWeights(inputOf(c), c.prob.beta, c.prob.lambda, { zetaConstant: zc });
      w.zeta.forEach((z, i) => out.push(positive(z, `ζ_${i + 1} (${zc})`)));
      w.eta.forEach((e, i) => out.push(positive(e - w.xi[i], `η_${i + 1} − ξ_${i + 1}`)));
    }
    return worstVerdict(out);
  },
});

/** x > 0 as a verdict (exact: the constants are closed forms, a value ≤ 0 is a failure of the sign, not of rounding). */
function positive(x: number, what: string): Verdict {
  return x > 0 ? { status: 'holds', margin: x } : { status: 'violated', margin: x, detail: `${what} = ${x} ≤ 0` };
}

const xiLiteral = onConstants({
  id: 'zly.lemma1.xi-positive',
  source: src('(26) with ξ of (91)–(94)', ['(26)', '(91)', '(92)', '(93)', '(94)']),
  statement: 'The weights ξ_i of L̂ (26), specified in (91)–(94), are positive: ξ_i > 0 for i = 1, …, N.',
  method: 'For drawn sizes (N = 2, 3), data, W⁰ and parameters meeting (42)–(47), evaluates ξ of (91)–(94) (problem/conditions.ts); each must be > 0.',
  kind: 'inequality',
  expected: { status: 'refuted', erratum: 'zly-E-92' },
  runs: { ci: 30 },
  check: (c) => {
    const w = descentWeights(inputOf(c), c.prob.beta, c.prob.lambda);
    return worstVerdict(w.xi.map((x, i) => positive(x, `ξ_${i + 1} (N = ${layers(c.prob.dims)})`)));
  },
});

const xiCorrected = onConstants({
  id: 'zly.lemma1.xi-positive.corrected',
  source: src('(26) with ξ of (91)–(94), corrected', ['(26)', '(92)']),
  statement:
    'ξ_i ≥ 0 for every i, and ξ_i > 0 except ξ_{N−1} = 0 when N = 2 ((92) is an empty sum there); a nonnegative ξ is all (26), Lemma 8 '
    + 'and the proof of Lemma 1 need.',
  method: 'On the same instances: every ξ_i of (91)–(94) is ≥ 0, and > 0 unless N = 2 and i = 1.',
  kind: 'inequality',
  corrects: 'zly.lemma1.xi-positive',
  runs: { ci: 30 },
  check: (c) => {
    const N = layers(c.prob.dims);
    const w = descentWeights(inputOf(c), c.prob.beta, c.prob.lambda);
    return worstVerdict(w.xi.map((x, i) => (N === 2 && i === 0 ? (x === 0 ? { status: 'holds' as const, margin: 0 } : positive(x, 'ξ_1 (N = 2)')) : positive(x, `ξ_${i + 1}`))));
  },
});

/** The right side of C.4's restatement of (44) for i = 1: 4√N[L1² + (2L3 + L2)C3γ]γ². */
function restated(c: ZlyRunCase): number {
  const { L1, L2, L3, C3, gamma: g } = constantsOf(c);
  return 4 * Math.sqrt(layers(c.prob.dims)) * (L1 * L1 + (2 * L3 + L2) * C3 * g) * g * g;
}

const VACUOUS_N2: Verdict = { status: 'holds', note: 'vacuous: (44) has no i for N = 2, and η_1 − ξ_1 is (92)\'s, not (94)\'s' };

const restatedLiteral = onConstants({
  id: 'zly.lemma1.restated44',
  source: src('Lemma 1 proof, after (94): "(44), namely, β1/β2 ≥ 4√N[L1² + (2L3 + L2)C3γ]γ²"', ['(44)', '(94)']),
  statement: 'The inequality β1/β2 ≥ 4√N[L1² + (2L3 + L2)C3γ]γ² used for η_1 − ξ_1 > 0 is (44) for i = 1 ("namely").',
  method:
    'For N ≥ 3 (where (44) has i = 1), compares the right side of the restatement with the right side of (44) at i = 1 '
    + '(problem/conditions.ts ratioBound44) for the drawn data and W⁰ (identity, rtol). Vacuous for N = 2.',
  kind: 'identity',
  expected: { status: 'refuted', erratum: 'zly-E-44' },
  runs: { ci: 20 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    if (N === 2) return VACUOUS_N2;
    return compareEq(restated(c), ratioBound44(constantsOf(c), N, 1), ctx, { what: 'restated (44) = (44) at i = 1' });
  },
});

const restatedCorrected = onConstants({
  id: 'zly.lemma1.restated44.corrected',
  source: src('Lemma 1 proof, after (94), corrected', ['(44)', '(94)']),
  statement:
    'The restatement is weaker than (44): (44) implies β1/β2 ≥ 4√N[L1² + (2L3 + L2)C3γ]γ², and that inequality alone already gives '
    + 'η_1 − ξ_1 > 0 of (94).',
  method:
    'For N ≥ 3: the restated bound ≤ the bound of (44) at i = 1 (compareLe); then with β1 lowered to the restated bound times β2 '
    + '(everything else as drawn), η_1 − ξ_1 of (94) (problem/conditions.ts) must be > 0. Vacuous for N = 2.',
  kind: 'inequality',
  corrects: 'zly.lemma1.restated44',
  runs: { ci: 20 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    if (N === 2) return VACUOUS_N2;
    const r = restated(c), beta = [...c.prob.beta];
    beta[0] = r * beta[1];
    const w = descentWeights(inputOf(c), beta, c.prob.lambda);
    return worstVerdict([
      compareLe(r, ratioBound44(constantsOf(c), N, 1), ctx, { what: 'restated (44) ≤ (44) at i = 1' }),
      positive(w.eta[0] - w.xi[0], 'η_1 − ξ_1 at β1 = restated bound·β2'),
    ]);
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'zly-E-92',
    claim: 'zly.lemma1.xi-positive',
    says: '(26): "for some positive constant ξ_i > 0 (i = 1, …, N) specified latter in Appendix C.4"; (92): ξ_{N−1} = 4β_{N−1}²Σ_{j=1}^{N−2}β_j^{-1}(N−j+1)(L1γ)^{2(N−1−j)}',
    fixture: 'fixtures/counterexamples/zly/zly.lemma1.xi-positive.json',
    corrected:
      'For N = 2 the sum in (92) is empty and ξ_1 = ξ_{N−1} = 0 (nothing bounds ‖ΔΛ_1‖ by ‖ΔV_1^{k−1}‖ then: (88) has no V_1 term). ξ_i ≥ 0 is '
      + 'what (26) needs: L̂ stays a KL function (the added term is a nonnegative polynomial) and Lemma 1\'s descent (27) holds with ξ_1 = 0 '
      + '(zly.lemma1.eq27 at N = 2).',
    correctedClaims: ['zly.lemma1.xi-positive.corrected'],
    solverImpact: 'None: ξ only weighs the Lyapunov value L̂ the solver reports in its trace.',
  },
  {
    id: 'zly-E-44',
    claim: 'zly.lemma1.restated44',
    says: 'Proof of Lemma 1: "where the inequality holds for (44), namely, β1/β2 ≥ 4√N[L1² + (2L3 + L2)C3γ]γ²"',
    fixture: 'fixtures/counterexamples/zly/zly.lemma1.restated44.json',
    corrected:
      '(44) at i = 1 reads β1/β2 ≥ max{6√N(2L1² + (4L3 + L2)C3γ)γ², 6(√(3L1) + √(2L3C3γ))²γ²}, which is larger; the restated inequality is '
      + 'implied by (44) and is what η_1 − ξ_1 > 0 needs (8N(p² + q²)γ⁴ < (β1/β2)² with p ≤ q = L1² + (2L3 + L2)C3γ).',
    correctedClaims: ['zly.lemma1.restated44.corrected'],
    solverImpact: 'None: a proof step; `conditions zly` checks (44) as printed.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq27, eq95, xiLiteral, xiCorrected, restatedLiteral, restatedCorrected];
