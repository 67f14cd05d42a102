/**
 * TKS (Tang et al., P-ADMMiRNN): the unrolled tanh RNN and its augmented Lagrangian (8), ADMMiRNN (Algorithm 1,
 * corrected updates), the text task, the output-only floor, the independent oracles (`theory`: (8) and ∇, the
 * block models, the printed updates, KKT), the `tks-admmirnn` training method, and the ledger of its claims. The planted faults
 * (`solver/faults.ts`) are deliberately not exported.
 */
export * from './problem/index.ts';
export * from './solver/index.ts';
export * as theory from './theory/index.ts';
export { tksAdmmirnn, DEFAULT_TKS_ITERATIONS, type TksFlags, type TksMethodInstance, type TksMethodResult } from './method.ts';
export { tksLedger } from './claims/ledger.ts';
export { readTksRunFile, TKS_RUN_FILE_VERSION, type TksRunFile, type TksTraceRowJson } from './runFile.ts';
