/**
 * A pool of verify worker threads pulling jobs from a {@link Scheduler}. Each worker is a fresh Node isolate
 * (no test-runner or CLI state) started through `bootstrap.mjs` (which registers tsx when running from the
 * sources), and loads its ledgers from a {@link LedgerSource}. A job that throws, a worker that crashes or exits, or a worker that cannot load
 * its ledgers fails the whole run with a {@link ParallelRunError} naming the claim: there is no partial result.
 */
import { Worker } from 'node:worker_threads';
import type { ProgressEvent } from '../runner.ts';
import { jobLabel, type JobResult } from './jobs.ts';
import type { ToMain, WorkerInit } from './protocol.ts';
import type { Dispatch, Scheduler } from './schedule.ts';
import type { LedgerSource } from './source.ts';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
// worker.ts beside this file when running from the sources (the bootstrap then registers tsx), worker.js in dist/.
const ENTRY = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** A parallel run that cannot finish: a job threw, a worker died, or the ledgers did not load. */
export class ParallelRunError extends Error {
  /** The claim whose job failed, when one did. */
  readonly claim: string | null;
  constructor(message: string, claim: string | null = null) {
    super(message);
    this.name = 'ParallelRunError';
    this.claim = claim;
  }
}

/** Callbacks of {@link WorkerPool.run}. */
export interface PoolHooks {
  /** A running job's progress (claim jobs only). */
  onProgress?(d: Dispatch, e: ProgressEvent): void;
  /** A job's result has been filed with the scheduler. */
  onComplete?(d: Dispatch, r: JobResult): void;
}

/** Worker threads for one verify run. Spawn early (workers boot while the caller does other work), then run. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly inFlight = new Map<Worker, { id: number; d: Dispatch }>();
  private nextId = 0;
  private failure: ParallelRunError | null = null;
  private closing = false;
  private scheduler: Scheduler | null = null;
  private hooks: PoolHooks = {};
  private settle: { resolve: () => void; reject: (e: Error) => void } | null = null;

  /** Start `size` workers loading `source`. */
  constructor(source: LedgerSource, size: number) {
    const init: WorkerInit = { entry: ENTRY, source };
    for (let i = 0; i < size; i++) {
      // execArgv: [] keeps the parent's loader flags (a test runner's, say) out of the worker.
      const w = new Worker(BOOTSTRAP, { workerData: init, execArgv: [] });
      w.on('message', (m: ToMain) => this.onMessage(w, m));
      w.on('error', (e: Error) => this.onCrash(w, `worker crashed: ${e.message}`));
      w.on('exit', (code) => {
        if (!this.closing) this.onCrash(w, `worker exited (code ${code})`);
      });
      this.workers.push(w);
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Run every job of the scheduler; resolves when all are filed, rejects with a {@link ParallelRunError}. */
  run(scheduler: Scheduler, hooks: PoolHooks = {}): Promise<void> {
    if (this.scheduler !== null) throw new Error('WorkerPool.run: already running');
    this.scheduler = scheduler;
    this.hooks = hooks;
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.pump();
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(e: ParallelRunError): void {
    if (this.failure !== null) return;
    this.failure = e;
    void this.close();
    this.settle?.reject(e);
  }

  private pump(): void {
    const s = this.scheduler;
    if (this.failure !== null) {
      this.settle?.reject(this.failure);
      return;
    }
    if (s === null || this.settle === null) return;
    while (this.idle.length > 0) {
      const d = s.next();
      if (d === null) break;
      const w = this.idle.shift() as Worker;
      const id = this.nextId++;
      this.inFlight.set(w, { id, d });
      w.postMessage({ id, job: d.job });
    }
    if (this.inFlight.size > 0) return;
    if (s.finished) this.settle.resolve();
    else if (this.idle.length > 0) this.fail(new ParallelRunError('the work queue stalled with jobs left (a scheduler bug)'));
  }

  private onMessage(w: Worker, m: ToMain): void {
    if (this.failure !== null) return;
    if (m.type === 'ready') {
      this.idle.push(w);
      this.pump();
      return;
    }
    if (m.type === 'init-error') {
      this.fail(new ParallelRunError(m.message));
      return;
    }
    const cur = this.inFlight.get(w);
    if (cur === undefined || cur.id !== m.id) return;
    if (m.type === 'progress') {
      this.hooks.onProgress?.(cur.d, m.event);
      return;
    }
    if (m.type === 'job-error') {
      this.fail(new ParallelRunError(`${jobLabel(cur.d.job)}: ${m.message}`, cur.d.job.claim));
      return;
    }
    this.inFlight.delete(w);
    try {
      this.scheduler?.complete(cur.d, m.result);
      this.hooks.onComplete?.(cur.d, m.result);
    } catch (e) {
      this.fail(new ParallelRunError(`${jobLabel(cur.d.job)}: ${e instanceof Error ? e.message : String(e)}`, cur.d.job.claim));
      return;
    }
    this.idle.push(w);
    this.pump();
  }

  private onCrash(w: Worker, what: string): void {
    const cur = this.inFlight.get(w);
    this.fail(cur === undefined ? new ParallelRunError(`a verify worker failed before running a job: ${what}`) : new ParallelRunError(`${jobLabel(cur.d.job)}: ${what}`, cur.d.job.claim));
  }
}
