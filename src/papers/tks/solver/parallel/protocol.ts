/** Messages between the master (`master.ts`) and a worker (`worker.ts`) of the parallel variants. */
import type { Hyper } from '../../problem/types.ts';
import type { TextTask } from '../../problem/text.ts';
import type { Params } from '../../problem/types.ts';
import type { Activity, SharedSpec } from './shared.ts';
import type { Groups, Mode, Role } from './roles.ts';

/** A worker's start-up data. */
export interface WorkerInit {
  role: Role;
  shared: SharedSpec;
  task: TextTask;
  h: number;
  /** Fault ids (solver faults and planted worker failures). */
  faults: string[];
  simd: boolean;
}

/** Master → worker. */
export type ToWorker =
  | { type: 'reset'; mode: Mode; hyper: Hyper; tau: number; stepScale: number; groups: Groups; init: Params }
  | { type: 'unit'; k: number }
  | { type: 'run'; from: number }
  | { type: 'finish' };

/** Worker → master. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'unit'; k: number; batchLoss?: number; staleness?: number }
  | { type: 'done'; ms: Record<Activity, number> }
  | { type: 'diverged'; k: number; block: string; message: string }
  | { type: 'error'; message: string };
