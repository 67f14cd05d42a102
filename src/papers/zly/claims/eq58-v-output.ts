/**
 * ZLY (58) (proof of Lemma 6): V_N^k = V_N^{k−1}/(1 + β_N) + β_N/(1 + β_N)·W_N^kV_{N−1}^k, obtained by substituting
 * (57) at k − 1, Λ_N^{k−1} = V_N^{k−1} − Y, into the optimality condition (56) of (12). At k = 1, Λ_N⁰ = 0 by (7)
 * and V_N⁰ − Y ≠ 0 in general, so (58) is not the minimizer of (12) there.
 *
 * Claims     zly.eq58.v-output (as printed, every k ≥ 1: refuted, erratum zly-E-58) · zly.eq58.v-output.corrected
 * Solver     V_N^k of ZlyAdmm (solver/vStep.ts vStepOutput, by (12) itself), held to (12) in the corrected claim
 * Oracle     subproblem (12) and its gradient (theory/subproblems.ts); (58) literally (theory/closedForms.ts)
 * Instances  zly.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { layers } from '../problem/types.ts';
import { closedForm58 } from '../theory/closedForms.ts';
import { vOutput } from '../theory/subproblems.ts';
import { closedFormRun } from './_internals/closedForms.ts';
import { src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver', 'closed-form'] });

const literal = onRuns({
  id: 'zly.eq58.v-output',
  source: src('Lemma 6 proof (58)', ['(12)', '(56)', '(57)', '(58)']),
  statement: 'For every iteration k of Algorithm 1, V_N^k = V_N^{k−1}/(1 + β_N) + β_N/(1 + β_N)·W_N^kV_{N−1}^k (58) is the minimizer of (12).',
  method:
    'Runs Algorithm 1 and at every iteration k ≥ 1 evaluates (58) at the run\'s V_N^{k−1}, W_N^k, V_{N−1}^k (theory/closedForms.ts); '
    + 'it must make the gradient of (12) vanish (‖∇f(x)‖ ≤ rtol·max(1, S), S the size of the gradient\'s terms: _internals/stationarity.ts).',
  kind: 'closed-form',
  expected: { status: 'refuted', erratum: 'zly-E-58' },
  tags: ['per-iteration', 'closed-form', 'literal'],
  runs: { ci: 40 },
  check: (c, ctx) => closedFormRun(c, ctx, (s) => [{ sp: vOutput(s.sub), formula: closedForm58(s.sub), label: '(58)' }]),
});

const corrected = onRuns({
  id: 'zly.eq58.v-output.corrected',
  source: src('Lemma 6 proof (58), corrected', ['(12)', '(56)', '(58)']),
  statement:
    'The minimizer of (12) is V_N^k = (Y + β_NW_N^kV_{N−1}^k + Λ_N^{k−1})/(1 + β_N) for every k ≥ 1 (from (56)); it equals (58) '
    + 'for k ≥ 2, where Λ_N^{k−1} = V_N^{k−1} − Y by (57).',
  method:
    'Runs Algorithm 1 and at every iteration holds the solver\'s V_N^k (which implements the first form) to (12), and at every '
    + 'k ≥ 2 evaluates (58) and holds it to (12) too (‖∇f(x)‖ ≤ rtol·max(1, S), S the size of the gradient\'s terms: _internals/stationarity.ts; residuals κ(H)·ε explains are inconclusive).',
  kind: 'closed-form',
  corrects: 'zly.eq58.v-output',
  runs: { ci: 40 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    return closedFormRun(c, ctx, (s) => [{ sp: vOutput(s.sub), formula: s.k >= 2 ? closedForm58(s.sub) : null, solver: s.next.V[N - 1], label: '(58) at k ≥ 2' }]);
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'zly-E-58',
    claim: 'zly.eq58.v-output',
    says: '(58): V_N^k = V_N^{k−1}/(1 + β_N) + β_N/(1 + β_N)·W_N^kV_{N−1}^k, "substituting the equality (57) by setting k = k − 1 into (56)"',
    fixture: 'fixtures/counterexamples/zly/zly.eq58.v-output.json',
    corrected:
      '(58) holds only for k ≥ 2. For every k ≥ 1 the minimizer of (12) is V_N^k = (Y + β_NW_N^kV_{N−1}^k + Λ_N^{k−1})/(1 + β_N); at k = 1 '
      + '(57) at k − 1 = 0 would need Λ_N⁰ = V_N⁰ − Y, but (7) sets Λ_N⁰ = 0 (erratum zly-E-50).',
    correctedClaims: ['zly.eq58.v-output.corrected'],
    solverImpact: 'The solver solves (12) directly, (Y + β_NW_N^kV_{N−1}^k + Λ_N^{k−1})/(1 + β_N), and so is right at k = 1 too.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
