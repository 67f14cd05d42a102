/** Messages between the main thread and a verify worker (all structured-clone data). */
import type { ProgressEvent } from '../runner.ts';
import type { Job, JobResult } from './jobs.ts';
import type { LedgerSource } from './source.ts';

/** `workerData` of a worker: its TypeScript entry (for the bootstrap) and where its ledgers come from. */
export interface WorkerInit {
  entry: string;
  source: LedgerSource;
}

/** Main → worker: run this job. */
export interface ToWorker {
  id: number;
  job: Job;
}

/** Worker → main. */
export type ToMain =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'progress'; id: number; event: ProgressEvent }
  | { type: 'result'; id: number; result: JobResult }
  | { type: 'job-error'; id: number; message: string };

/** A worker posts a job's running progress at most this often. */
export const PROGRESS_INTERVAL_MS = 200;
