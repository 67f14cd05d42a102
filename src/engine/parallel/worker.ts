/**
 * A verify worker thread: loads the ledgers named by its {@link LedgerSource}, then runs the jobs the main
 * thread sends, one at a time, and posts back results, throttled progress, or the error of a job that threw.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ProgressEvent } from '../runner.ts';
import { runJobAsync } from './jobs.ts';
import { describeSource, indexLedgers, loadLedgerSource } from './source.ts';
import { PROGRESS_INTERVAL_MS, type ToMain, type ToWorker, type WorkerInit } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('worker.ts runs only as a worker thread');
const post = (m: ToMain): void => port.postMessage(m);
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const init = workerData as WorkerInit;
const lookup = await loadLedgerSource(init.source).then(indexLedgers, (e: unknown) => {
  post({ type: 'init-error', message: `could not load ledgers from ${describeSource(init.source)}: ${message(e)}` });
  return null;
});

if (lookup === null) {
  port.close();
} else {
  port.on('message', async (m: ToWorker) => {
    let last = 0;
    const onProgress = (e: ProgressEvent): void => {
      const t = Date.now();
      if (e.phase === 'running' && t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      post({ type: 'progress', id: m.id, event: e });
    };
    try {
      post({ type: 'result', id: m.id, result: await runJobAsync(lookup, m.job, onProgress) });
    } catch (e) {
      post({ type: 'job-error', id: m.id, message: message(e) });
    }
  });
  post({ type: 'ready' });
}
