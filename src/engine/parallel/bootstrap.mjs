// Entry of every verify worker thread. From the sources (entry worker.ts) workers need tsx's loader, and do not
// inherit its hooks (measured on Node 20.20: a .ts worker fails with ERR_UNKNOWN_FILE_EXTENSION whether the parent
// called tsx's register() or ran under `--import tsx`), so each registers it itself, with the repository's
// tsconfig (its `paths` map `lagrangelab` to the sources), then imports its entry. From the compiled package
// (dist/, entry worker.js) nothing is registered: tsx is a devDependency only. Plain JS, so it loads the same
// under the CLI, under vitest and under `node --import tsx`.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: new URL('../../../tsconfig.json', import.meta.url).pathname });
}
await import(workerData.entry);
