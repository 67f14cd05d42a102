/** The ZLY ADMM solver (Algorithm 1). The fault catalogue (`faults.ts`) is deliberately not re-exported. */
export { ZlyAdmm, runZlyAdmm, ZlySolverInputError } from './admm.ts';
export type { LlaRule, TraceLevel, ZlyOptions, ZlyTraceRow, ZlyInitialRow, ZlyResult } from './types.ts';
export { ZlyTraceBuffer } from './trace.ts';
