/**
 * ZLY Lemma 9 (Appendix C.1): with f_c(u) = (σ(u) − c)², f_c(v) ≤ f_c(u) + f_c′(u)(v − u) + 𝕃(|c|)/2·(v − u)² for
 * all u, v, with 𝕃 of (22). Its one-line proof says "|f_c′(u)| ≤ 𝕃(|c|)", which is false and not what the
 * majorization needs: 𝕃 must bound |f_c″| (f_c″ = 2σ′² + 2(σ − c)σ″ ≤ 2L1² + 2L2(L0 + |c|) = 𝕃(|c|)).
 *
 * Claims     zly.lemma9.majorization · zly.lemma9.proof-fprime (as printed: refuted, erratum zly-E-lemma9) ·
 *            zly.lemma9.fsecond (corrected; its ratio is the tightness sup_u |f_c″| / 𝕃(|c|))
 * Solver     none (σ, σ′ of problem/activation.ts; 𝕃 transcribed from (22) in _internals/common.ts)
 * Oracle     mathjs's symbolic f_c″, f_c‴ and the stationary points of f_c″ (theory/assumption1.ts)
 * Instances  zly.activation-points (_internals/scalars.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { oracle } from '../../../engine/attribution.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { assumption1, sigma, sigmaPrime } from '../problem/activation.ts';
import { symbolicCurvature } from '../theory/assumption1.ts';
import { curvature22, src } from './_internals/common.ts';
import { curvatureFamily, type CurvatureCase } from './_internals/scalars.ts';

const onPoints = claimGroup<CurvatureCase>({ family: curvatureFamily, hypotheses: [], tags: [SOLVER_INDEPENDENT_TAG] });

const majorization = onPoints({
  id: 'zly.lemma9.majorization',
  source: src('Lemma 9', ['(22)']),
  statement:
    'For every c ∈ ℝ and u, v ∈ ℝ, f_c(v) ≤ f_c(u) + f_c′(u)(v − u) + 𝕃(|c|)/2·(v − u)², f_c(u) = (σ(u) − c)², 𝕃(|c|) = '
    + '2L2(L0 + |c|) + 2L1² (22).',
  method:
    'Draws σ ∈ {sigmoid, tanh}, c ∈ [−6, 6] and u, v ∈ [−8, 8] on grids; evaluates f_c and f_c′ = 2(σ − c)σ′ with σ, σ′ '
    + 'of problem/activation.ts and 𝕃 from (22) with Assumption 1\'s constants; left against right side, tolerance relative '
    + 'to the largest of f_c(v), f_c(u), |f_c′(u)(v − u)| and the quadratic term.',
  kind: 'inequality',
  runs: { ci: 200 },
  check: (x, ctx) => {
    const k = assumption1(x.act);
    const fv = (sigma(x.act, x.v) - x.c) ** 2, fu = (sigma(x.act, x.u) - x.c) ** 2;
    const lin = 2 * (sigma(x.act, x.u) - x.c) * sigmaPrime(x.act, x.u) * (x.v - x.u);
    const quad = (curvature22(k, x.c) / 2) * (x.v - x.u) ** 2;
    return compareLe(fv, fu + lin + quad, ctx, { scale: Math.max(fu, Math.abs(lin), quad), what: `f_c(v) ≤ f_c(u) + f_c′(u)(v−u) + 𝕃/2(v−u)²` });
  },
});

const proofLiteral = onPoints({
  id: 'zly.lemma9.proof-fprime',
  source: src('Lemma 9, proof', ['(22)']),
  statement: 'Proof of Lemma 9: |f_c′(u)| ≤ 𝕃(|c|) for every u ∈ ℝ, where f_c′(u) = 2(σ(u) − c)σ′(u) (as printed).',
  method:
    'On the same draws, |f_c′(u)| = |2(σ(u) − c)σ′(u)| with σ, σ′ of problem/activation.ts against 𝕃(|c|) of (22) '
    + '(compareLe, rtol relative to max(1, both sides)).',
  kind: 'bound',
  expected: { status: 'refuted', erratum: 'zly-E-lemma9' },
  runs: { ci: 100 },
  check: (x, ctx) => {
    const fp = Math.abs(2 * (sigma(x.act, x.u) - x.c) * sigmaPrime(x.act, x.u));
    return compareLe(fp, curvature22(assumption1(x.act), x.c), ctx, { what: `|f_c′(${x.u})| ≤ 𝕃(|${x.c}|)` });
  },
});

const fsecond = onPoints({
  id: 'zly.lemma9.fsecond',
  source: src('Lemma 9, proof, corrected', ['(22)']),
  statement:
    'sup_u |f_c″(u)| ≤ 𝕃(|c|) for every c ∈ ℝ: 𝕃 of (22) bounds the curvature of f_c (f_c″ = 2σ′² + 2(σ − c)σ″), which is '
    + 'what the majorization of Lemma 9 needs.',
  method:
    'For the drawn σ and c, the exact sup_u |f_c″(u)| from mathjs\'s symbolic f_c″ at the zeros of f_c‴ and the tails '
    + '(theory/assumption1.ts) against 𝕃(|c|) of (22); the ratio sup|f_c″|/𝕃 is the tightness of (22) (about ½ for sigmoid).',
  kind: 'bound',
  corrects: 'zly.lemma9.proof-fprime',
  // each run scans f_c‴ on 2000 points through mathjs (~60 ms)
  runs: { ci: 12, deep: 120 },
  check: (x, ctx) => {
    const sup = oracle(() => symbolicCurvature(x.act, x.c).value, 'symbolicCurvature');
    return compareLe(sup, curvature22(assumption1(x.act), x.c), ctx, { what: `sup_u |f_c″| ≤ 𝕃(|${x.c}|) (${x.act})` });
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'zly-E-lemma9',
    claim: 'zly.lemma9.proof-fprime',
    says: 'Proof of Lemma 9: "by some simple derivations, we can show |f_c′(u)| ≤ 𝕃(|c|), ∀u ∈ ℝ"',
    fixture: 'fixtures/counterexamples/zly/zly.lemma9.proof-fprime.json',
    corrected:
      '|f_c″(u)| ≤ 𝕃(|c|) (f_c″ = 2σ′² + 2(σ − c)σ″ ≤ 2L1² + 2L2(L0 + |c|)), which with Taylor\'s theorem gives the majorization. '
      + '|f_c′| = 2|σ − c|σ′ grows like |c|/2 for sigmoid (2|c| for tanh) at u = 0, faster than 𝕃(|c|) ≈ 0.19|c| (1.54|c|).',
    correctedClaims: ['zly.lemma9.fsecond'],
    solverImpact: 'None: the solver takes h = 𝕃 of (22), which does bound |f_c″| (Lemma 9\'s statement holds); only its proof is wrong.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [majorization, proofLiteral, fsecond];
