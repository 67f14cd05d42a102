/**
 * ZLY (Zeng, Lin, Yao): problem (5) and its augmented Lagrangian, Algorithm 1 (ADMM with local linear
 * approximation), the independent oracles (`theory`), the parameter conditions, and the `zly-admm` training
 * method. The planted faults (`solver/faults.ts`) are deliberately not exported.
 */
export * from './problem/index.ts';
export * from './solver/index.ts';
export * as theory from './theory/index.ts';
export { zlyAdmm, DEFAULT_ITERATIONS, type ZlyFlags, type ZlyMethodInstance, type ZlyMethodResult } from './method.ts';
export { readZlyRunFile, ZLY_RUN_FILE_VERSION, type ZlyRunFile, type ZlyTraceRowJson } from './runFile.ts';
export { zlyGenerator } from './generate.ts';
export { zlyTaskReader } from './baselineTask.ts';
