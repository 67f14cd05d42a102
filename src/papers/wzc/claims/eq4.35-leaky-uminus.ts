/**
 * WZC (4.35), the leaky-ReLU u⁻ of §4.3 (paper line 603), as printed and corrected.
 *
 * Claims     wzc.eq4.35.leaky-uminus (as printed: refuted, erratum wzc-E-4.35) · wzc.eq4.35.leaky-uminus.corrected
 * Solver     uMinusLeaky (solver/uStep.ts, corrected); uMinusLeakyPaper435 (the printed formula, kept only for this
 *            claim)
 * Oracle     brute-force minimum of φ_lRe over ℝ₋ (_internals/uStepOracle.ts)
 * Instances  wzc.scalar.leaky (_internals/uStepFamilies.ts)
 *
 * Erratum wzc-E-4.35 (derived by hand, confirmed here): (4.35)'s condition "γθ1 + μθ3 < 0" is carried over from
 * (3.22); the minimizer of φ_lRe over (−∞, 0] needs "γθ1 + γϖθ2 + μθ3 < 0".
 */
import { HOLDS } from '../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { bruteGlobalMin1D } from '../../../engine/oracles/brute1d.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import { defineClaim, type Erratum, type Hypothesis, type RegisteredClaim, type Verdict } from '../../../engine/types.ts';
import type { Activation } from '../problem/types.ts';
import { uMinusLeaky, uMinusLeakyPaper435 } from '../solver/uStep.ts';
import { src } from './_internals/common.ts';
import { ACT_ARBS, scalarFamily, type ScalarPhiCase } from './_internals/uStepFamilies.ts';
import { BRUTE_CELLS, phi, radius, SCALAR_PARAMS_POSITIVE } from './_internals/uStepOracle.ts';

/** min of φ over (−∞, 0] by brute force on [−R, 0]. */
function bruteMinNeg(c: ScalarPhiCase): number {
  const f = (u: number) => phi(c.act, u, c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
  const R = radius(c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
  return Math.min(bruteGlobalMin1D(f, -R, 0, { cells: BRUTE_CELLS }).min, f(0));
}

function slopeOf(act: Activation): number {
  return act.kind === 'leaky-relu' ? act.slope : NaN;
}

function checkUMinus(c: ScalarPhiCase, um: number, ctx: { rtol: number }, label: string): Verdict {
  if (um > 0) return compareLe(um, 0, ctx, { what: `${label} = ${um} lies in ℝ₋` });
  const f = phi(c.act, um, c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
  return compareLe(f, bruteMinNeg(c), ctx, { what: `φ(${label} = ${um}) ≤ min over ℝ₋ of φ_lRe (brute force)` });
}

const leakyHyps: Hypothesis<ScalarPhiCase>[] = [
  { name: 'leaky ReLU with ϖ ∈ (0, 1)', test: (c) => (c.act.kind === 'leaky-relu' && c.act.slope > 0 && c.act.slope < 1 ? true : `act = ${JSON.stringify(c.act)}`) },
  SCALAR_PARAMS_POSITIVE,
];

const leakyScalars = scalarFamily('wzc.scalar.leaky', ACT_ARBS.leaky);

const uMinus435 = defineClaim<ScalarPhiCase>({
  id: 'wzc.eq4.35.leaky-uminus',
  source: src('§4.3, leaky ReLU u⁻ (4.35) as printed', ['(4.35)', '(3.20)'], 603),
  statement:
    'For the leaky ReLU, u⁻ := argmin over ℝ₋ of φ_lRe is u⁻ = (γθ1 + γϖθ2 + μθ3)/(γ + γϖ² + 2λ6 + μ) if γθ1 + μθ3 < 0, '
    + 'and 0 otherwise (4.35), exactly as printed.',
  method:
    'Draws scalar problems, ϖ over (0, 1) (grid k/1000 and 1e-3, 0.01, 0.1, 0.5, 0.999): half with θ1, θ2, θ3 on '
    + 'the grid [−10, 10] and γ, μ, λ6 as mantissa·10^e, half built from the case analysis (_internals/uStepCases.ts: '
    + 'each sign case of the numerators of u⁺ and u⁻, and the regions b < 0 ≤ p and p < 0 ≤ b where the printed '
    + 'condition disagrees with the sign of u⁻\'s numerator p), and evaluates the printed (4.35) (uMinusLeakyPaper435, kept in solver/uStep.ts only for this claim). '
    + 'Violated when u⁻ > 0 (outside ℝ₋) or when φ_lRe(u⁻) exceeds the minimum of φ_lRe over ℝ₋ — brute force on '
    + '[−R, 0] with 20 000 cells + Brent, and φ(0) — beyond rtol relative to max(1, |φ|).',
  kind: 'closed-form',
  expected: { status: 'refuted', erratum: 'wzc-E-4.35' },
  family: leakyScalars,
  hypotheses: leakyHyps,
  check: (c, ctx) => checkUMinus(c, uMinusLeakyPaper435(c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6, slopeOf(c.act)), ctx, 'u⁻ of (4.35)'),
  runs: { ci: 200 },
  tags: [SOLVER_INDEPENDENT_TAG],
});

const uMinus435c = defineClaim<ScalarPhiCase>({
  id: 'wzc.eq4.35.leaky-uminus.corrected',
  source: src('§4.3, leaky ReLU u⁻ (4.35), corrected condition', ['(4.35)', '(3.20)'], 603),
  statement:
    'u⁻ = argmin over ℝ₋ of φ_lRe = (γθ1 + γϖθ2 + μθ3)/(γ + γϖ² + 2λ6 + μ) if γθ1 + γϖθ2 + μθ3 < 0, and 0 '
    + 'otherwise (φ_lRe is a convex quadratic on ℝ₋ whose stationary point has exactly that numerator).',
  method:
    'On the same scalar problems, the solver\'s uMinusLeaky (the corrected condition) must lie in ℝ₋ and reach the '
    + 'brute-force minimum of φ_lRe over ℝ₋ (20 000 cells + Brent, and φ(0)) within rtol relative to max(1, |φ|).',
  kind: 'closed-form',
  expected: HOLDS,
  family: leakyScalars,
  hypotheses: leakyHyps,
  check: (c, ctx) => checkUMinus(c, uMinusLeaky(c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6, slopeOf(c.act)), ctx, 'corrected u⁻'),
  runs: { ci: 200 },
  corrects: 'wzc.eq4.35.leaky-uminus',
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'wzc-E-4.35',
    claim: 'wzc.eq4.35.leaky-uminus',
    says: '(4.35): u⁻ = (γθ1 + γϖθ2 + μθ3)/(γ + γϖ² + 2λ6 + μ) if γθ1 + μθ3 < 0, and 0 otherwise',
    fixture: 'fixtures/counterexamples/wzc/wzc.eq4.35.leaky-uminus--hand-derived.json',
    corrected:
      'the condition must be γθ1 + γϖθ2 + μθ3 < 0: on u ≤ 0, φ_lRe is the convex quadratic with '
      + 'φ\'(u) = (γ + γϖ² + μ + 2λ6)u − (γθ1 + γϖθ2 + μθ3). At θ = (1, −6, 0), γ = 4, μ = 2, λ6 = ½, ϖ = ½, (4.35) gives '
      + 'u⁻ = 0 (γθ1 + μθ3 = 4 ≥ 0) with φ = 74, while u = −1 has φ = 70; with the opposite sign mismatch (4.35) returns a '
      + 'positive "u⁻" outside ℝ₋.',
    correctedClaims: ['wzc.eq4.35.leaky-uminus.corrected', 'wzc.eq4.34.leaky-global'],
    solverImpact: 'uStep uses the corrected condition',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [uMinus435, uMinus435c];
