/**
 * lagrangelab's public API: the WZC solver, its problem and model layers, the independent oracles, and the
 * claims engine. Planted solver bugs (`src/solvers/alm/mutants.ts`) are deliberately not exported.
 */
export type { Activation, Data, Dims, Weights } from './models/types.ts';
export { zeroWeights, cloneWeights, copyWeightsInto } from './models/types.ts';
export { sigma, sigmaInto, sigmaSlopes, activationName } from './models/activations.ts';
export { forward, psiW, outputs, predictionError, packW, packA, unpackW, unpackA } from './models/rnn.ts';

export type { Iterate, Multipliers, Lambda, Problem } from './problems/types.ts';
export { cloneIterate, copyIterateInto, zeroMultipliers, paramCounts } from './problems/types.ts';
export { alParts, augmentedLagrangian, constraints, ell, penalty, alWorkspace, type ALParts } from './problems/lagrangian.ts';
export { mulberry32, gaussian } from './problems/rng.ts';
export { generateSetting, generateSynthetic, SYNTHETIC_DIMS, type SyntheticSetting, type SyntheticInstance } from './problems/synthetic.ts';
export { initWeights, INIT_SCHEMES, type InitScheme } from './problems/init.ts';
export { prepareData, splitPoint, sliceRows, TRAIN_FRACTION } from './problems/dataset.ts';
export { parseInstance, validateInstance, instanceToJson, InstanceError, type ParsedInstance } from './problems/instance.ts';

export {
  runAlm, runBcd, bcdWorkspace, TraceBuffer, zStepInto, hStepInto, uStepInto, tableTwo, checkAlmHypotheses,
  lipschitzL1L2, lipschitzL1L2Paper, DivergenceError,
} from './solvers/alm/index.ts';
export type { AlmParams, AlmResult, AlmObserver, TraceRow, OuterRow, AlmSetting } from './solvers/alm/index.ts';

export * as theory from './theory/index.ts';
export { bruteGlobalMin1D } from './theory/brute1d.ts';

export type {
  Claim, RegisteredClaim, Verdict, ClaimKind, ClaimSource, Expectation, Erratum, CoverageEntry, InstanceFamily,
  PaperLedger, MutantSet, Scale,
} from './claims/types.ts';
export { defineClaim } from './claims/types.ts';
export { compareLe, compareEq, DEFAULT_RTOL, BAND_FACTOR } from './claims/tolerance.ts';
export { runClaim, DEFAULT_SEED } from './claims/runner.ts';
export { loadLedgers } from './claims/ledgers.ts';
export { runVerification } from './report/build.ts';
