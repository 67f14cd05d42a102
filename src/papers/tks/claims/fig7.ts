/**
 * TKS Fig. 7 (§4.3): ADMMiRNN, SGD, Adam and RMSProp from ten initializations each — and the paper's reading
 * "ADMMiRNN has a relatively small variance from beginning to end compared with SGD, Adam, and RMSProp … immune to
 * the initialization of weights and biases", decided on a tiny text run. It does not hold: at learning rates where
 * they train, RMSProp (and Adam at the scaled sizes) vary less than ADMMiRNN and end lower.
 *
 * Claims     tks.fig7.smaller-spread (empirical; refuted, erratum tks-E-fig7) · tks.fig7.smaller-spread.corrected
 * Solver     the `tks-admmirnn` method and the baselines' SGD, Adam, RMSProp (BPTT on the same windows, at 10×
 *            Keras' learning rates, the factor the scaled experiment selects) for 6 epochs on the first 6,000
 *            characters of the text, hidden 8, batches of 4 windows of 25, initializations seed … seed + 9 (_internals/fig7Runs.ts, _internals/empirical.ts)
 * Oracle     none: the rule of _internals/fig7Stats.ts (one-sided F test on the variances of the final held-out
 *            loss; vacuous when ADMMiRNN does not get below the unigram entropy), shared with `lagrangelab reproduce
 *            tks-fig7`
 * Instances  tks.empirical-seed: the first of the ten initialization seeds
 */
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { defineClaim, type Erratum, type RegisteredClaim } from '../../../engine/types.ts';
import { src } from './_internals/common.ts';
import { bySeed, empiricalSeeds, FIG7_TINY, FIG7_TINY_EPOCHS, FIG7_TINY_LR_FACTORS, type EmpiricalCase } from './_internals/empirical.ts';
import { runFig7 } from './_internals/fig7Runs.ts';
import { fig7Cells, fig7Verdict, FIG7_CLAIM, FIG7_INITS, gradientVariesLess, SPREAD_TEST_LEVEL } from './_internals/fig7Stats.ts';

/** The tiny run's results for one first seed (cached: the literal claim, its correction and the fixture share them). */
const tinyRun = bySeed((seed) => fig7Cells(FIG7_TINY, FIG7_TINY_EPOCHS, seed, FIG7_INITS, FIG7_TINY_LR_FACTORS).map((cell) => ({
  cell, result: runFig7(cell.inputs.method, cell.inputs.setup, cell.inputs.epochs, cell.inputs.seed, cell.inputs.lrFactor),
})), 2);

const RUN =
  `Draws a seed s; trains ADMMiRNN and SGD, Adam, RMSProp (at ${FIG7_TINY_LR_FACTORS.join(', ')} × Keras' learning rates) for ${FIG7_TINY_EPOCHS} epochs on `
  + `a 6,000-character slice of the text (hidden 8, batches of 4 windows of 25), from the initial weights of seeds s … s + ${FIG7_INITS - 1} (the same for `
  + 'every method; the scaled experiment also runs 1× and compares each baseline at the factor with the lower mean held-out loss). ';

const literal = defineClaim<EmpiricalCase>({
  id: FIG7_CLAIM.id,
  source: src('Fig. 7, §4.3'),
  statement: FIG7_CLAIM.statement,
  method:
    `${RUN}Holds when the variance over the initializations of ADMMiRNN's final held-out loss is below each baseline's by a one-sided F test at `
    + `${SPREAD_TEST_LEVEL}; violated when a baseline that trained (mean below the unigram entropy) varies less than ADMMiRNN by the same test; `
    + 'inconclusive otherwise, and when ADMMiRNN itself does not get below the unigram entropy (a method that does not move has no spread: vacuous).',
  kind: 'empirical',
  expected: { status: 'refuted', erratum: 'tks-E-fig7' },
  family: empiricalSeeds,
  hypotheses: [],
  tags: [SOLVER_INDEPENDENT_TAG, 'experiment'],
  runs: { ci: 1, deep: 3 },
  check: (c) => {
    const v = fig7Verdict(tinyRun(c.seed));
    if (v.status === 'holds') return { status: 'holds', note: v.detail };
    if (v.status === 'violated') return { status: 'violated', detail: v.detail };
    return { status: 'inconclusive', detail: `${v.status}: ${v.detail}` };
  },
});

const corrected = defineClaim<EmpiricalCase>({
  id: `${FIG7_CLAIM.id}.corrected`,
  source: src('Fig. 7, §4.3 (corrected)'),
  statement: 'On the text task, at learning rates where they train, some gradient method (Adam or RMSProp) varies less across initializations than ADMMiRNN and ends at a lower held-out loss.',
  method: `${RUN}Holds when some baseline that trained has a lower mean final held-out loss than ADMMiRNN and a smaller variance by a one-sided F test at ${SPREAD_TEST_LEVEL}.`,
  kind: 'empirical',
  expected: { status: 'holds' },
  corrects: FIG7_CLAIM.id,
  family: empiricalSeeds,
  hypotheses: [],
  tags: [SOLVER_INDEPENDENT_TAG, 'experiment'],
  runs: { ci: 1, deep: 3 },
  check: (c) => {
    const d = gradientVariesLess(tinyRun(c.seed));
    return d.holds ? { status: 'holds', note: d.detail } : { status: 'violated', detail: d.detail };
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [{
  id: 'tks-E-fig7',
  claim: FIG7_CLAIM.id,
  says: '§4.3, Fig. 7: "ADMMiRNN has a relatively small variance from beginning to end compared with SGD, Adam, and RMSProp, which is too small to show clearly … ADMMiRNN is immune to the initialization of weights and biases."',
  fixture: 'fixtures/counterexamples/tks/tks.fig7.smaller-spread.json',
  corrected:
    'Not on the text task. With learning rates at which they train (10× Keras\' defaults were selected), RMSProp and Adam vary less across ten '
    + 'initializations than ADMMiRNN and end lower: scaled run (12,000 characters, hidden 16, 12 epochs, seed 1) final held-out loss ADMMiRNN '
    + '2.54 ± 0.033, Adam 2.06 ± 0.011, RMSProp 2.05 ± 0.018 (F test at 0.05). At Keras\' default rates the baselines have barely left the '
    + 'unigram plateau after 12 epochs and the spreads are not separable (ADMMiRNN 0.033, RMSProp 0.036, Adam 0.057, SGD 0.090). The paper\'s '
    + 'Fig. 7 is on MNIST, which is not available here.',
  correctedClaims: [`${FIG7_CLAIM.id}.corrected`],
  solverImpact: 'None: a finding about the comparison; ADMMiRNN and the baselines run as specified.',
}];

/** The claims of this item. */
export const claims: RegisteredClaim[] = [literal, corrected];
