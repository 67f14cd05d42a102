/**
 * SP- and AP-ADMMiRNN (TKS Algorithms 2–4) on worker threads, and the comparison of Figs 11–12. The planted
 * worker failures (`faults.ts`) are deliberately not re-exported.
 */
export { ParallelWorkers, trainParallel, type PoolOptions, type RunParallelOptions, type ParallelReport, type ParallelTrainOptions, type ParallelTrainResult, type ParallelTraceRow, type WorkerTime } from './master.ts';
export { compareParallelVariants, smoothed, type CompareOptions, type CompareRow, type CompareVariant } from './compare.ts';
export { ROLE_ORDER, type Mode, type Role } from './roles.ts';
