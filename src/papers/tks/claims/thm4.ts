/**
 * TKS Theorem 4 (AP-ADMMiRNN, from [40]): "Let δ = 0 and 0 < ρ_i ≤ δ²/((5τ − 3)max{2τ, 3(τ − 1)}) … Then
 * ‖Φ(θ^k) − Φ(θ*)‖ + ‖θ^k − θ_0‖ ≤ (2 + σ_λC)/k" (17), with Assumption 4: R strongly convex with δ² > 0. Checked for
 * satisfiability before anything else, and no instance satisfies it: with δ = 0 the range is 0 < ρ_i ≤ 0; with δ² the
 * modulus of Assumption 4 (0 for softmax cross-entropy, which is flat along o + t·1; 1/M for the mean squared loss)
 * the range ends at δ²/4 or below, under H, while Lemma 1's (16), which the paper pairs with Theorem 4, asks
 * ρ_i > 1. The conclusion (17) is therefore never reached by any run: "unsatisfiable", not "holds".
 *
 * Claims     tks.thm4.hypotheses (as printed: refuted, erratum tks-E-thm4) · tks.thm4.hypotheses.corrected
 * Solver     none (no run can meet the hypotheses)
 * Oracle     R's strong-convexity modulus, measured by second differences (_internals/ap.ts); ρ̄(H) of (16)
 * Instances  tks.ap (_internals/families.ts): a loss, M = N·B and a delay bound τ ∈ [1, 20]
 */
import { oracle } from '../../../engine/attribution.ts';
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { lemma1RhoBar, strongConvexityEstimate, theorem4RhoMax } from './_internals/ap.ts';
import { hOf, src } from './_internals/common.ts';
import { apCases, type ApCase } from './_internals/families.ts';
import { buildPoint } from './_internals/points.ts';

const onCases = claimGroup<ApCase>({ family: apCases, hypotheses: [], tags: ['hypotheses', 'ap'] });
const UNSAT = 'no ρ_i > 0 meets Theorem 4: with δ = 0 (as printed) its range is 0 < ρ_i ≤ 0; with δ² the modulus of Assumption 4 (0 for cross-entropy, 1/M for the squared loss) the range ends below H, while Lemma 1 (16) needs ρ_i > 1';

const literal = onCases({
  id: 'tks.thm4.hypotheses',
  source: src('Theorem 4, Assumption 4', ['(17)']),
  statement: 'Some ρ_i meets the hypotheses of Theorem 4: δ = 0 and 0 < ρ_i ≤ δ²/((5τ − 3)max{2τ, 3(τ − 1)}) (i = 1, 2, 3), with R strongly convex with δ² > 0 (Assumption 4).',
  method:
    'Draws a loss, M = N·B and a delay bound τ (tks.ap) and computes the range of ρ_i the hypotheses allow as printed (δ = 0): violated when it '
    + 'is empty (upper end ≤ 0 < ρ_i), or when Assumption 4\'s δ² > 0 contradicts δ = 0.',
  kind: 'inequality',
  expected: { status: 'refuted', erratum: 'tks-E-thm4' },
  finding: { kind: 'unsatisfiable', why: UNSAT },
  tags: ['hypotheses', 'ap', 'literal'],
  runs: { ci: 10 },
  // δ = 0 empties the range whatever the instance: the verdict is the same everywhere, which is the finding
  check: (c) => ({ status: 'violated', detail: `δ = 0: the range of ρ_i is (0, ${theorem4RhoMax(0, c.tau)}] — empty; and δ = 0 contradicts Assumption 4's δ² > 0 (τ = ${c.tau})` }),
});

const corrected = onCases({
  id: 'tks.thm4.hypotheses.corrected',
  source: src('Theorem 4 with Assumption 4 and Lemma 1 (16)', ['(16)', '(17)']),
  statement:
    'Reading δ² as Assumption 4\'s modulus of R, Theorem 4\'s range ρ_i ≤ δ²/((5τ − 3)max{2τ, 3(τ − 1)}) lies below Lemma 1\'s ρ_i > ρ̄(H) (16) for '
    + 'both losses, every M and every τ ≥ 1: AP-ADMMiRNN\'s hypotheses can never be met together.',
  method:
    'Draws a loss, M and τ (tks.ap), measures R\'s strong-convexity modulus δ² at the point by second differences (an upper estimate, '
    + 'all-ones direction included), and checks δ² ≤ H, and δ²/((5τ − 3)max{2τ, 3(τ − 1)}) < ρ̄(H) of (16): the range is empty.',
  kind: 'inequality',
  corrects: 'tks.thm4.hypotheses',
  finding: { kind: 'unsatisfiable', why: UNSAT },
  runs: { ci: 10 },
  check: (c) => {
    const pt = buildPoint(c.point);
    const H = hOf(pt), d2 = oracle(() => strongConvexityEstimate(pt, c.point.seed), 'strongConvexityEstimate');
    const top = theorem4RhoMax(d2, c.tau), bar = lemma1RhoBar(H);
    const detail = `δ² ≤ ${d2.toPrecision(3)} (H = ${H.toPrecision(3)}), Theorem 4 allows ρ_i ≤ ${top.toPrecision(3)}, (16) needs ρ_i > ${bar.toPrecision(6)} (τ = ${c.tau})`;
    if (d2 > H * (1 + 1e-6)) return { status: 'violated', detail: `measured curvature above H: ${detail}` };
    return top < bar ? { status: 'holds', ratio: top / bar, note: `unsatisfiable: ${detail}` } : { status: 'violated', detail: `a range exists: ${detail}` };
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'tks-E-thm4',
    claim: 'tks.thm4.hypotheses',
    says: 'Theorem 4: "Let δ = 0 and 0 < ρ_i ≤ δ²/((5τ−3) max_{2τ, 3(τ−1)}) (i = 1, 2, 3) …"; Assumption 4: "R(o) is strongly convex with δ² > 0"',
    fixture: 'fixtures/counterexamples/tks/tks.thm4.hypotheses.json',
    corrected:
      'No ρ_i satisfies the hypotheses: δ = 0 empties the range and contradicts Assumption 4; with δ² Assumption 4\'s modulus (0 for softmax '
      + 'cross-entropy, 1/M for the mean squared loss) the range ends below H, while Lemma 1\'s (16) needs ρ_i > 1. Theorem 4 (17) is vacuous for '
      + 'AP-ADMMiRNN: its convergence needs another argument (or another ρ condition).',
    correctedClaims: ['tks.thm4.hypotheses.corrected'],
    solverImpact: 'None on the vanilla solver; an AP-ADMMiRNN run has no convergence guarantee from this paper whatever ρ it uses.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
