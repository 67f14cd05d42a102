/**
 * The gradient baselines (GD, GDC, GDNM, SGD, Adam, RMSProp, AdaGrad, heavy ball) on the unconstrained losses of
 * the papers: update rules, mini-batches, the training loop, the §5.4 grid search, and the training methods.
 */
export { BASELINE_IDS, makeOptimizer, OPTIMIZER_DEFAULTS, type BaselineId, type Optimizer, type OptimizerSettings } from './optimizers.ts';
export { BatchSchedule, BATCH_SALT } from './batches.ts';
export { BASELINES, WZC_BATCH, KERAS_BATCH, DEFAULT_EPOCHS, defaultBatch, type BaselineSpec } from './catalogue.ts';
export { rnnObjective, mlpObjective, type Objective } from './objective.ts';
export { trainBaseline, type TrainSettings, type BaselineRun, type BaselineTraceRow } from './train.ts';
export { selectByGrid, wzcGrid, WZC_LR_GRID, WZC_CLIP_GRID, TUNE_REPS, type GridPoint, type GridRow, type GridSelection } from './grid.ts';
export { baselineMethods, type BaselineInstance, type BaselineResult, type BaselineFlags } from './method.ts';
export { readBaselineRunFile, BASELINE_RUN_FILE_VERSION, type BaselineRunFile } from './runFile.ts';
