/** Public API of the WZC solver: Algorithm 3.1 (ALM) with Algorithm 3.2 (BCD). */
export { runAlm, type AlmOptions } from './alm.ts';
export { runBcd, bcdWorkspace, iterateSqDist, TraceBuffer, type BcdArgs, type BcdOutcome, type BcdWorkspace } from './bcd.ts';
export { zStepInto, zStepWorkspace, type ZStepWorkspace } from './zStep.ts';
export { hStepInto, hStepWorkspace, inputDriveInto, type HStepWorkspace } from './hStep.ts';
export { uStepInto } from './uStep.ts';
export {
  dataNorms, lipschitzArgs, lipschitzL1L2, lipschitzL1L2Paper, type LipschitzArgs, type LipschitzConstants,
} from './constants.ts';
export { tableTwo, checkAlmHypotheses, ALM_SETTINGS, type AlmSetting } from './defaults.ts';
export type {
  AlmParams, AlmResult, AlmObserver, AlmStatus, BcdStatus, BcdStartEvent, BcdStepEvent, OuterEvent, OuterRow, TraceRow,
} from './types.ts';
export { DivergenceError } from './types.ts';
