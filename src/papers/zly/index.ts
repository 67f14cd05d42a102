/**
 * ZLY (Zeng, Lin, Yao): problem (5) and its augmented Lagrangian, Algorithm 1 (ADMM with local linear
 * approximation), the independent oracles (`theory`), the parameter conditions, the `zly-admm` training
 * method, the ledger of its claims, the envelope and the demo reproduction. The planted faults
 * (`solver/faults.ts`) are deliberately not exported (the ledger's `mutants` names them for the matrix).
 */
export * from './problem/index.ts';
export * from './solver/index.ts';
export * as theory from './theory/index.ts';
export { zlyAdmm, DEFAULT_ITERATIONS, type ZlyFlags, type ZlyMethodInstance, type ZlyMethodResult } from './method.ts';
export { readZlyRunFile, ZLY_RUN_FILE_VERSION, type ZlyRunFile, type ZlyTraceRowJson } from './runFile.ts';
export { zlyGenerator } from './generate.ts';
export { zlyTaskReader } from './baselineTask.ts';
export { zlyLedger } from './claims/ledger.ts';
export { zlyEnvelope, runZlyEnvelope, ENVELOPE_CONFIGS, CONCLUSIONS, type EnvelopeConfig, type CellScore } from './envelope/index.ts';
export { runDemo, ridgeMse, demoChart, type DemoConfig, type DemoResult, type DemoRun } from './experiments/demo.ts';
