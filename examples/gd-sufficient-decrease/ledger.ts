/**
 * A complete lagrangelab ledger for one small "paper": the sufficient-decrease lemma of gradient descent on
 * least squares. Run it with
 *
 *   npx lagrangelab verify --ledger ./ledger.ts            (add --mutants for the planted fault, --jobs N for threads)
 *
 * The paper (README.md here) states, for L-smooth f and gradient descent x⁺ = x − η∇f(x):
 *
 *   Lemma 1. For every step 0 < η ≤ 2.5/L,  f(x⁺) ≤ f(x) − (η/2)‖∇f(x)‖².            (1)
 *
 * That holds for η ≤ 1/L and fails beyond: the descent lemma only gives f(x⁺) ≤ f(x) − η(1 − Lη/2)‖∇f(x)‖² (2),
 * and η(1 − Lη/2) ≥ η/2 exactly when η ≤ 1/L. So the ledger checks (1) at η = 1/L (holds), (1) at η = 2.5/L
 * as printed (refuted: erratum gd-E1 with its shrunk counterexample in fixtures/), and the corrected (2) for
 * every η ∈ (0, 2.5/L] (holds).
 */
import { compareGe, compareLe, defineClaim, type Erratum, type PaperLedger, type Verdict } from 'lagrangelab';
import { f, gradient, leastSquaresFamily, lipschitz, normSq, type LeastSquares } from './problem.ts';
import { gdStep, GD_FAULTS } from './solver.ts';

const family = leastSquaresFamily(false);
const withStep = leastSquaresFamily(true);
const hasCurvature = { name: 'L > 0 (A ≠ 0)', test: (p: LeastSquares) => (lipschitz(p) > 0 ? true : 'A = 0: L = 0, no step 1/L') };
const lemma1 = { paper: 'GD', item: 'Lemma 1', equations: ['(1)'] };

/** f(x) − f(x⁺) after one solver step of size t/L, with the oracle's ‖∇f(x)‖² and L. */
function decrease(p: LeastSquares, t: number, faults: ReadonlySet<string>): { drop: number; gradSq: number; L: number } {
  const L = lipschitz(p);
  const xNext = gdStep(p, t / L, { faults });
  return { drop: f(p, p.x) - f(p, xNext), gradSq: normSq(gradient(p, p.x)), L };
}

/** (1) at step t/L: f(x) − f(x⁺) ≥ (η/2)‖∇f(x)‖², η = t/L. */
function sufficientDecrease(t: number) {
  return (p: LeastSquares, ctx: { rtol: number; faults: ReadonlySet<string> }): Verdict => {
    const { drop, gradSq, L } = decrease(p, t, ctx.faults);
    return compareGe(drop, (t / L / 2) * gradSq, ctx, { what: `f(x) − f(x⁺) ≥ (η/2)‖∇f‖² at η = ${t}/L` });
  };
}

export const step1 = defineClaim<LeastSquares>({
  id: 'gd.lemma1.step1', source: lemma1, kind: 'inequality', expected: { status: 'holds' }, family, hypotheses: [hasCurvature],
  statement: 'Lemma 1 (1) at η = 1/L: f(x⁺) ≤ f(x) − (1/(2L))‖∇f(x)‖²',
  method: 'one solver step of size 1/L on a random least-squares instance (A, b, x on the grid k/10, m ≤ 6, n ≤ 4); f, ∇f and L = λ_max(AᵀA) (Jacobi) from the oracle; compareGe(f(x) − f(x⁺), ‖∇f‖²/(2L)), tolerance relative to max(1, |sides|)',
  check: sufficientDecrease(1),
});

export const step25 = defineClaim<LeastSquares>({
  id: 'gd.lemma1.step2.5', source: lemma1, kind: 'inequality', expected: { status: 'refuted', erratum: 'gd-E1' }, family, hypotheses: [hasCurvature],
  statement: 'Lemma 1 (1) at η = 2.5/L, as printed: f(x⁺) ≤ f(x) − (1.25/L)‖∇f(x)‖²',
  method: 'as gd.lemma1.step1 with step 2.5/L: compareGe(f(x) − f(x⁺), 1.25‖∇f‖²/L)',
  check: sufficientDecrease(2.5),
});

export const descent = defineClaim<LeastSquares>({
  id: 'gd.lemma1.descent', source: { ...lemma1, equations: ['(2)'] }, kind: 'inequality', expected: { status: 'holds' }, family: withStep,
  hypotheses: [hasCurvature], corrects: 'gd.lemma1.step2.5',
  statement: 'Lemma 1 corrected (the descent lemma (2)): f(x⁺) ≤ f(x) − η(1 − Lη/2)‖∇f(x)‖² for every η ∈ (0, 2.5/L]',
  method: 'one solver step of size t/L, t on the grid k/100 in (0, 2.5]; compareLe(f(x⁺), f(x) − η(1 − Lη/2)‖∇f‖²) with the oracle\'s f, ∇f, L',
  check: (p, ctx) => {
    const t = p.t ?? 1;
    const L = lipschitz(p);
    const eta = t / L;
    const fNext = f(p, gdStep(p, eta, { faults: ctx.faults }));
    return compareLe(fNext, f(p, p.x) - eta * (1 - (L * eta) / 2) * normSq(gradient(p, p.x)), ctx, { what: 'descent lemma (2)' });
  },
});

const errata: Erratum[] = [{
  id: 'gd-E1', claim: 'gd.lemma1.step2.5',
  says: 'Lemma 1 (1): f(x⁺) ≤ f(x) − (η/2)‖∇f(x)‖² for every step 0 < η ≤ 2.5/L',
  fixture: 'fixtures/counterexamples/GD/gd.lemma1.step2.5.json',
  corrected: '(1) holds for η ≤ 1/L only; for any η the descent lemma gives f(x⁺) ≤ f(x) − η(1 − Lη/2)‖∇f(x)‖² (2), an increase bound once η > 2/L',
  correctedClaims: ['gd.lemma1.descent'],
  solverImpact: 'none: the solver takes the step it is given; use η ≤ 1/L where (1) is needed',
}];

/** The ledger (lagrangelab looks for the default export, then `ledgers`, `ledger`, `loadLedgers`). */
export default function gdLedger(): PaperLedger {
  return {
    paper: 'GD',
    title: 'Sufficient decrease of gradient descent on least squares (an example ledger)',
    file: 'README.md',
    claims: [step1, step25, descent],
    errata,
    coverage: [
      { item: 'Lemma 1 (1)', kind: 'lemma', claims: ['gd.lemma1.step1', 'gd.lemma1.step2.5', 'gd.lemma1.descent'] },
      { item: 'Remark 1 (L for least squares)', kind: 'remark', claims: [], uncovered: 'L = λ_max(AᵀA) is the oracle itself' },
    ],
    mutants: GD_FAULTS,
  };
}
