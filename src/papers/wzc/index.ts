/**
 * WZC (Wang, Zhang, Chen): problem (2.6) and its augmented Lagrangian (3.1), Algorithms 3.1 (ALM) and 3.2 (BCD),
 * the independent oracles (`theory`), the instance files, the §5.1 datasets and the `wzc-alm` training method,
 * and the claims ledger. The catalogue of planted faults (`solver/mutants.ts`) is deliberately not exported.
 */
export type { Iterate, Multipliers, Lambda, Problem } from './problem/types.ts';
export { cloneIterate, copyIterateInto, zeroMultipliers, paramCounts } from './problem/types.ts';
export { alParts, augmentedLagrangian, constraints, ell, penalty, alWorkspace, feasibleStart, startParts, type ALParts } from './problem/lagrangian.ts';
export { generateSetting, generateSynthetic, SYNTHETIC_DIMS, type SyntheticSetting, type SyntheticInstance } from './problem/synthetic.ts';
export { initWeights, INIT_SCHEMES, type InitScheme } from './problem/init.ts';
export { parseInstance, validateInstance, instanceToJson, InstanceError, type ParsedInstance } from './instance.ts';
export {
  runAlm, runBcd, bcdWorkspace, TraceBuffer, zStepInto, hStepInto, uStepInto, tableTwo, checkAlmHypotheses,
  lipschitzL1L2, lipschitzL1L2Paper, DivergenceError,
} from './solver/index.ts';
export type { AlmParams, AlmResult, AlmObserver, TraceRow, OuterRow, AlmSetting } from './solver/index.ts';
export * as theory from './theory/index.ts';
export { wzcAlm, type WzcInstance, type WzcResult, type WzcFlags } from './method.ts';
export type { WzcRunFile, WzcFinishedRun, WzcDivergedRun } from './runFile.ts';
export { wzcGenerator } from './generate.ts';
export { wzcLedger } from './claims/ledger.ts';
export { wzcTaskReader } from './baselineTask.ts';
