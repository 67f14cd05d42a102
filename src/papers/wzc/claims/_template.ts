/**
 * TEMPLATE of a claim file — NOT registered (ledger.ts does not import it) and its item "(T.1)" is made up.
 * Copy it to `<item>.ts` (lemma, theorem, remark, algorithm, table) or `<item>-<name>.ts` (equation), named after
 * the ids of its claims, `wzc.<item>.<name>`. A claim file holds one numbered item of the paper: the literal claim
 * exactly as printed and, when the paper is wrong there, its erratum and the corrected claim.
 *
 * To register it: import it in ledger.ts's ITEMS at its place in the paper; name its claims in coverage.ts; for an
 * erratum, save the shrunk counterexample of the literal claim (report.json → `counterexample`) as
 * `fixtures/counterexamples/wzc/<claim id>.json`; run `npm run docs`. `npm test` checks the ledger's consistency.
 *
 * Claims     wzc.template.eqT.1 (as printed: refuted, erratum wzc-E-template) · wzc.template.eqT.1.corrected
 * Solver     none here. A solver claim calls the solver's own step (zStepInto, runAlm …) so that planted mutants
 *            reach it, and is not tagged solver-independent (the mutant matrix runs it)
 * Oracle     |u|, computed here; real claims use theory/ (never solver/) or a recomputation from the problem layer
 * Instances  wzc.template.scalar below; real claims reuse _internals/families.ts where they can
 */
import fc from 'fast-check';
import { gridValue } from '../../../engine/arbitraries.ts';
import { HOLDS } from '../../../engine/claimGroup.ts';
import { num, obj } from '../../../engine/jsonReaders.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import { defineClaim, type Erratum, type Hypothesis, type InstanceFamily, type RegisteredClaim } from '../../../engine/types.ts';
import { sigma } from '../../../models/activations/piecewise.ts';
import type { Activation } from '../problem/types.ts';
import { leakyArb } from './_internals/activationArbs.ts';
import { activationFromJSON, actText } from './_internals/codecs.ts';
import { src } from './_internals/common.ts';

/** One instance: everything a check needs, and nothing a JSON round trip would lose. */
export interface TemplateCase {
  act: Activation;
  u: number;
}

/**
 * Draw on integer grids (engine/arbitraries.ts), never with `fc.double` (mostly values near 0:
 * shared/notes/stack.md). `fromJSON` names the bad field, so a broken fixture says what is wrong.
 */
export const templateFamily: InstanceFamily<TemplateCase> = {
  name: 'wzc.template.scalar',
  arbitrary: () =>
    fc.record({
      // every parameter a user can set, over its range (activationArbs.ts): ϖ over (0, 1), not a few fixed values
      act: leakyArb(),
      u: gridValue(5),
    }),
  toJSON: (c) => ({ act: c.act, u: c.u }),
  fromJSON: (j) => {
    const o = obj(j, 'instance');
    return { act: activationFromJSON(o.act), u: num(o.u, 'u') };
  },
  describe: (c) => `${actText(c.act)} u=${c.u}`,
};

/** Checked before `check`: an instance that fails it is `hypotheses-unmet`, never a counterexample. */
const slopeInUnitInterval: Hypothesis<TemplateCase> = {
  name: 'leaky ReLU with ϖ ∈ (0, 1]',
  test: (c) => (c.act.kind === 'leaky-relu' && c.act.slope > 0 && c.act.slope <= 1) || `act = ${JSON.stringify(c.act)}`,
};

const literal = defineClaim<TemplateCase>({
  id: 'wzc.template.eqT.1',
  source: src('Template (T.1) as printed', ['(T.1)'], 1),
  kind: 'inequality',
  statement: 'For the leaky ReLU σ(u) = max{u, ϖu} with ϖ ∈ (0, 1]: σ(u) ≤ u for every u ∈ ℝ (T.1).',
  method:
    'Draws u on the grid [−5, 5] and ϖ over (0, 1) (grid k/1000 and the hard values of activationArbs.ts); compares σ(u) from the model layer with u (compareLe, rtol '
    + 'relative to max(1, |σ(u)|, |u|)).',
  expected: { status: 'refuted', erratum: 'wzc-E-template' },
  family: templateFamily,
  hypotheses: [slopeInUnitInterval],
  // A Verdict, always through engine/tolerance.ts: holds, violated (with a detail), inconclusive or unmet.
  check: (c, ctx) => compareLe(sigma(c.act, c.u), c.u, ctx, { what: `σ(${c.u}) ≤ ${c.u}` }),
  runs: { ci: 50 },
  tags: [SOLVER_INDEPENDENT_TAG],
});

const corrected = defineClaim<TemplateCase>({
  id: 'wzc.template.eqT.1.corrected',
  source: src('Template (T.1), corrected', ['(T.1)'], 1),
  kind: 'inequality',
  statement: 'σ(u) ≤ |u| for every u ∈ ℝ: on u < 0, σ(u) = ϖu < 0 < |u|.',
  method: 'On the same instances, σ(u) from the model layer against |u| (compareLe, rtol relative to max(1, |σ(u)|, |u|)).',
  expected: HOLDS,
  family: templateFamily,
  hypotheses: [slopeInUnitInterval],
  check: (c, ctx) => compareLe(sigma(c.act, c.u), Math.abs(c.u), ctx, { what: `σ(${c.u}) ≤ |${c.u}|` }),
  runs: { ci: 50 },
  corrects: 'wzc.template.eqT.1',
  tags: [SOLVER_INDEPENDENT_TAG],
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];

/** The item's errata: the literal claim, its counterexample fixture and the corrected claim(s). */
export const errata: Erratum[] = [
  {
    id: 'wzc-E-template',
    claim: 'wzc.template.eqT.1',
    says: '(T.1): σ(u) ≤ u for every u ∈ ℝ',
    fixture: 'fixtures/counterexamples/wzc/wzc.template.eqT.1.json',
    corrected: 'σ(u) ≤ |u|: for u < 0 the leaky ReLU gives ϖu > u, so (T.1) fails at every negative u.',
    correctedClaims: ['wzc.template.eqT.1.corrected'],
    solverImpact: 'None (a template).',
  },
];
