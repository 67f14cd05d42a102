/**
 * Planted failures of the parallel variants: each acts only inside a worker thread, so the failure detection
 * of `master.ts` is seen to work (a check that never fails proves nothing). They reach the workers through the
 * run options (`faults`), like the solver's own faults; the CLI never sets them.
 */

/** Identifiers and descriptions of the planted worker failures. */
export const PARALLEL_FAULTS = {
  'worker-throw': 'the state worker throws inside its s-step at iteration 2',
  'worker-exit': 'the parameter worker exits (process.exit(3) in the thread) inside its w-step at iteration 1',
  'worker-hang': 'the state worker spins forever inside its a-step at iteration 2 (no heartbeat, no message)',
} as const;

/** A planted worker failure. */
export type ParallelFault = keyof typeof PARALLEL_FAULTS;

/** The ids, in catalogue order. */
export const PARALLEL_FAULT_IDS = Object.keys(PARALLEL_FAULTS) as ParallelFault[];
