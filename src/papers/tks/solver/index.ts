/**
 * The TKS ADMMiRNN solver (Algorithm 1 with the corrected updates), the text trainer, and the output-only floor.
 * The fault catalogue (`faults.ts`) is deliberately not re-exported.
 */
export { bStep, cStep, multiplierStep, oStep, paramProx, uStep, vStep, wStep, type BlockContext } from './blocks.ts';
export { aStep, sStep } from './stateSteps.ts';
export { admmIteration, ALGORITHM1_ORDER, checkHyper, invalidateProducts, runBlock, runMultipliers, TksDivergenceError } from './iteration.ts';
export type { BlockName, IterationObserver, SolverState } from './iteration.ts';
export { allocWorkspace, type Workspace } from './workspace.ts';
export { DEFAULT_BATCH, DEFAULT_HYPER, DEFAULT_SEQUENCE_LENGTH, defaultHyper, HYPER_PER_ROW } from './defaults.ts';
export { startVisit, trainText, type TextStop, type TextTraceRow, type TextTrainOptions, type TextTrainResult } from './train.ts';
export { outputOnlyFloor, type FloorOptions, type FloorResult } from './outputOnly.ts';
export { lbfgs, type LbfgsOptions, type LbfgsResult, type Objective } from './lbfgs.ts';
export {
  compareParallelVariants, trainParallel, type CompareOptions, type CompareRow, type CompareVariant, type ParallelReport,
  type ParallelTrainOptions, type ParallelTrainResult,
} from './parallel/index.ts';
