/**
 * lagrangelab's public API: the WZC solver, its problem and model layers, the independent oracles, the claims
 * engine, and the training-method contract with its implementations. The catalogue of planted solver bugs
 * (`src/papers/wzc/solver/mutants.ts`) is deliberately not exported, and nothing here switches one on.
 */
// models: the Elman RNN, the piecewise activations (WZC) and the smooth ones (ZLY, TKS).
export type { Activation, Data, Dims, Weights } from './models/elman.ts';
export { zeroWeights, cloneWeights, copyWeightsInto } from './models/elman.ts';
export { sigma, sigmaInto, sigmaSlopes, activationName } from './models/activations/piecewise.ts';
export { forward, psiW, outputs, predictionError, packW, packA, unpackW, unpackA } from './models/elman.ts';
export type { SmoothActivation, SmoothBounds } from './models/activations/smooth.ts';
export {
  elmanLoss, elmanForward, elmanContinueError, elmanWorkspace, elmanLayout, elmanViews, packElman, ELMAN_BLOCKS,
  type ElmanActivation, type ElmanWorkspace,
} from './models/bptt.ts';
export { mlpLoss, mlpWorkspace, mlpLayout, packMlp, unpackMlp, type MlpData, type MlpDims, type MlpWorkspace } from './models/mlp.ts';
export type { TrainingTask, RnnTask, MlpTask, TaskReader, RnnTaskReader, MlpTaskReader, TaskSource } from './models/task.ts';
export {
  smoothSigma, smoothSigmaPrime, smoothSigmaSecond, smoothSigmaThird, smoothSigmaInto, smoothSigmaPrimeInto,
  smoothSigmaSecondInto, smoothSigmaThirdInto, smoothBounds, smoothActivationName,
} from './models/activations/smooth.ts';

// WZC, flat (kept from before the per-paper layout; the same names are in the `wzc` namespace below).
export type { Iterate, Multipliers, Lambda, Problem } from './papers/wzc/problem/types.ts';
export { cloneIterate, copyIterateInto, zeroMultipliers, paramCounts } from './papers/wzc/problem/types.ts';
export { alParts, augmentedLagrangian, constraints, ell, penalty, alWorkspace, type ALParts } from './papers/wzc/problem/lagrangian.ts';
export { mulberry32, gaussian } from './core/rng.ts';
export { generateSetting, generateSynthetic, SYNTHETIC_DIMS, type SyntheticSetting, type SyntheticInstance } from './papers/wzc/problem/synthetic.ts';
export { initWeights, INIT_SCHEMES, type InitScheme } from './papers/wzc/problem/init.ts';
export { prepareData, splitPoint, sliceRows, TRAIN_FRACTION } from './models/dataset.ts';
export { parseInstance, validateInstance, instanceToJson, InstanceError, type ParsedInstance } from './papers/wzc/instance.ts';

export {
  runAlm, runBcd, bcdWorkspace, TraceBuffer, zStepInto, hStepInto, uStepInto, tableTwo, checkAlmHypotheses,
  lipschitzL1L2, lipschitzL1L2Paper, DivergenceError,
} from './papers/wzc/solver/index.ts';
export type { AlmParams, AlmResult, AlmObserver, TraceRow, OuterRow, AlmSetting } from './papers/wzc/solver/index.ts';

export * as theory from './papers/wzc/theory/index.ts';
export { bruteGlobalMin1D } from './engine/oracles/brute1d.ts';

// The claims engine: what a ledger of your own is written against (README, "Your own ledger").
export type {
  Claim, RegisteredClaim, Verdict, ClaimKind, ClaimSource, Expectation, Erratum, CoverageEntry, InstanceFamily,
  PaperLedger, FaultCatalogue, Scale, CheckContext, Hypothesis, InconclusiveBudget, PaperId, ClaimFinding,
} from './engine/types.ts';
export { defineClaim, PAPER_ID_PATTERN, CLAIM_KINDS, COVERAGE_KINDS } from './engine/types.ts';
export {
  compareLe, compareGe, compareEq, compareEqArrays, compareNonsingular, worstVerdict, toleranceScale, DEFAULT_RTOL, BAND_FACTOR,
  type CompareOptions,
} from './engine/tolerance.ts';
export { oracle, oracleFn, OracleError, EngineError } from './engine/attribution.ts';
export { runClaim, runClaimAsync, DEFAULT_SEED, type ClaimRun, type RunOptions as ClaimRunOptions } from './engine/runner.ts';
export { replayPath, replayPathAsync } from './engine/replay.ts';
export { verdictMatches } from './engine/evaluate.ts';
export { ClaimRegistry, checkLedgers, LedgerError } from './engine/registry.ts';
export { validateLedgers } from './engine/ledgerShape.ts';
export { loadLedgerModule, LEDGER_EXPORTS } from './engine/parallel/source.ts';
export { runMutantMatrix, runMutantMatrixAsync, SOLVER_INDEPENDENT_TAG, type MutantMatrix } from './engine/mutantMatrix.ts';
export { replayFixtures, replayFixturesAsync, type FixtureResult } from './engine/fixtures.ts';
/** fast-check, the version the engine runs: draw instance families with it, so arbitraries and runner agree. */
export { default as fc } from 'fast-check';
export { loadLedgers, loadMethods, loadTaskReaders, loadEnvelopes, DEFAULT_METHOD } from './cli/registry.ts';
export type { PaperEnvelope, EnvelopeOptions, EnvelopeResult } from './engine/envelope.ts';
export { renderVegaLiteSvg } from './report/vega.ts';
export { performanceProfile, profileAt, type PerformanceProfile } from './engine/profiles.ts';
export {
  goldenQuantities, perturbInstanceText, deriveBands, compareGolden, formatMove, type GoldenCase, type GoldenFile, type Move,
} from './engine/golden.ts';

export type {
  TrainingMethod, AnyTrainingMethod, MethodFlag, MethodFlags, MethodObserver, PrepareInput, Prepared, ProgressEvent, RunOptions,
  RunMeta, RunOutcome,
} from './engine/method.ts';
export { findMethod } from './engine/method.ts';
export { FieldError } from './core/fields.ts';
export { wzcAlm, type WzcInstance, type WzcResult, type WzcFlags } from './papers/wzc/method.ts';
export type { WzcRunFile, WzcFinishedRun, WzcDivergedRun } from './papers/wzc/runFile.ts';
export { runVerification, runVerificationAsync, type VerifyOptions } from './report/build.ts';
export { validateReport, REPORT_SCHEMA, REPORT_VERSION, type VerifyReport, type ClaimReport } from './report/schema.ts';
export { readReport, writeReportDir } from './report/write.ts';
export { mergeReports } from './report/merge.ts';
export { runVerificationParallel, type ParallelVerifyOptions } from './report/buildParallel.ts';
export { ParallelRunError } from './engine/parallel/pool.ts';
export type { LedgerSource } from './engine/parallel/source.ts';
export { reportDifferences } from './report/compare.ts';
export {
  compareReports, CompareError, COMPARE_SCHEMA, type Comparison, type CompareReportsOptions, type Finding, type Severity,
} from './report/comparison.ts';
export { renderComparisonMarkdown, COMPARE_MARKER } from './report/comparisonMarkdown.ts';
export { clopperPearsonInterval, clopperPearsonUpper, type RateInterval } from './engine/stats.ts';
export { ksTwoSample, kolmogorovQ, type KsResult } from './engine/ks.ts';

// papers, one namespace each (the WZC names are also exported flat above, as before the per-paper layout).
/** WZC: the RNN ALM of Wang, Zhang, Chen (problem, solver, oracles, instance files, the `wzc-alm` method, ledger). */
export * as wzc from './papers/wzc/index.ts';
/** ZLY: the MLP ADMM of Zeng, Lin, Yao (problem, solver, oracles, conditions, the `zly-admm` method). */
export * as zly from './papers/zly/index.ts';
/** TKS: ADMMiRNN of Tang et al. (problem (8), corrected Algorithm 1, text task, output-only floor, oracles, `tks-admmirnn`). */
export * as tks from './papers/tks/index.ts';
/** The gradient baselines on the papers' unconstrained losses (no paper of their own). */
export * as baselines from './baselines/index.ts';
