// Entry of every verify worker thread. Workers do not inherit tsx's loader hooks (measured on Node 20.20: a .ts
// worker fails with ERR_UNKNOWN_FILE_EXTENSION whether the parent called tsx's register() or ran under
// `--import tsx`), so each worker registers tsx itself, then imports its TypeScript entry. Plain JS, so it
// loads the same under the CLI, under vitest and under `node --import tsx`.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
