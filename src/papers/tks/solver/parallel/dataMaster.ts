/**
 * The master of data-parallel ADMMiRNN (`--parallel data --workers P`): P threads — this one (thread 0) and P − 1
 * worker threads — hold the solver's arrays in one shared WebAssembly memory and split every block of every visit
 * into chunks between them (`dataPhases.ts`), so the run follows vanilla's trajectory (`train.ts`) bit for bit. The
 * master opens each visit, records its trace row and evaluates between visits.
 *
 * Nothing is copied between threads: the only traffic is the scheduler's words (`dataSync.ts`), ~38 phases per visit. Workers run
 * under the transport's {@link Supervisor}: one that throws, exits or stops beating ends the run with a
 * {@link WorkerFailureError} naming the worker, its block and iteration, and no result is returned.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Supervisor, WorkerFailureError } from '../../../../engine/parallel/transport.ts';
import { createSharedArena } from '../../../../linalg/index.ts';
import { lossLipschitz } from '../../problem/loss.ts';
import { sequenceLoss } from '../../problem/rnn.ts';
import { textDims, type TextTask } from '../../problem/text.ts';
import type { Batch, Hyper, Params } from '../../problem/types.ts';
import { cloneParams, copyParamsInto } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { flagsOf } from '../faults.ts';
import { checkHyper, TksDivergenceError } from '../iteration.ts';
import type { TextStop, TextTraceRow, TextTrainResult } from '../train.ts';
import { dataLayout, ownScratch, PHASE_LABELS, type DataArrays } from './dataSplit.ts';
import { phaseEnv, visitPhases } from './dataPhases.ts';
import { Aborted, controlLength, CTL, SPIN_US, Tickets } from './dataSync.ts';
import { dataInts, zeroTime, type DataFromWorker, type DataTime, type DataToWorker, type DataWorkerInit } from './dataWorker.ts';

const ENTRY = new URL(`./dataWorkerEntry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** The largest thread count accepted (the machines here have 2 cores; more threads than cores only wait). */
export const MAX_DATA_THREADS = 8;

/** Where one thread's time went: the chunks it ran, by block, and its waiting. */
export interface DataThreadTime {
  thread: number;
  ms: DataTime;
}

/** What the run file records about a data-parallel run. */
export interface DataParallelReport {
  variant: 'data';
  /** Threads computing, the master included. */
  workers: number;
  perThread: DataThreadTime[];
  /** Totals over threads (ms): computing (their shares of the blocks), waiting at barriers; copying is 0 by design. */
  time: { computeMs: number; waitMs: number; copyMs: number; wallMs: number };
  /** Phases per visit (each starts once the previous one's chunks are all done). */
  phasesPerVisit: number;
  /** Chunks per split phase, and how many chunks in all the master (thread 0) ran. */
  chunks: number;
  masterChunks: number;
}

/** Options of a {@link DataParallelWorkers} pool. */
export interface DataPoolOptions {
  /** A busy worker silent this long is hung (default 60 s). */
  timeoutMs?: number;
  /** Time a worker may take to start (default 120 s). */
  startTimeoutMs?: number;
  /** Solver faults and planted worker failures (never set by the CLI). */
  faults?: ReadonlySet<string>;
  simd?: boolean;
  /** µs a thread spins for other threads' chunks before it blocks (default `SPIN_US`, `dataSync.ts`). */
  spinUs?: number;
  /** Chunks per split phase (default {@link DEFAULT_CHUNKS_PER_THREAD} per thread). */
  chunks?: number;
}

/** Chunks per thread in each split phase: small enough that a descheduled thread holds up little. */
export const DEFAULT_CHUNKS_PER_THREAD = 4;

/** Options of one run. */
export interface DataRunOptions {
  hyper: Hyper;
  iterations: number;
  timeBudgetMs?: number;
  /** Evaluate the held-out loss every this many iterations (as `trainText`'s `evalEvery`). */
  evalEvery?: number;
  onRow?: (row: TextTraceRow) => void;
}

/** Result of a data-parallel run: vanilla's result and where the time went. */
export interface DataTrainResult extends TextTrainResult {
  parallel: DataParallelReport;
}

/** Check the thread count: an integer in [2, {@link MAX_DATA_THREADS}]; null when good, else the reason. */
export function checkDataWorkers(P: number): string | null {
  return Number.isInteger(P) && P >= 2 && P <= MAX_DATA_THREADS ? null : `data runs on 2 to ${MAX_DATA_THREADS} threads (the master computes too), got ${P}`;
}

/**
 * The worker threads of data-parallel ADMMiRNN for one task and hidden size, started once and reused by
 * successive runs. After a worker failure the pool is closed and every further run rejects with that failure.
 */
export class DataParallelWorkers {
  private busy = false;

  private constructor(
    readonly task: TextTask,
    readonly h: number,
    readonly threads: number,
    private readonly arrays: DataArrays,
    private readonly batch: Batch,
    private readonly ctl: Int32Array,
    private readonly sup: Supervisor<DataToWorker, DataFromWorker>,
    private readonly faults: ReadonlySet<string>,
    private readonly spinUs: number,
    private readonly chunks: number,
  ) {}

  /** Allocate the shared arena, start P − 1 worker threads and wait until they are attached. */
  static async start(task: TextTask, h: number, P: number, opts: DataPoolOptions = {}): Promise<DataParallelWorkers> {
    const bad = checkDataWorkers(P);
    if (bad) throw new RangeError(bad);
    const chunks = opts.chunks ?? DEFAULT_CHUNKS_PER_THREAD * P;
    if (!(Number.isInteger(chunks) && chunks >= 1 && chunks <= 256)) throw new RangeError(`chunks must be an integer in [1, 256], got ${chunks}`);
    const dims = textDims(task, h);
    const M = dims.N * dims.B;
    const { made, spec } = createSharedArena(dataLayout(dims, P), P, opts.simd ?? true);
    const ints = new SharedArrayBuffer(4 * (2 * M + controlLength(P)));
    const { idx, y, ctl } = dataInts(ints, M);
    const inits: DataWorkerInit[] = [];
    for (let i = 1; i < P; i++) inits.push({ arena: spec, ints, dims, threads: P, index: i, chunks, task, faults: [...(opts.faults ?? [])], spinUs: opts.spinUs ?? SPIN_US });
    // a worker's activity word holds the phase of its latest barrier (its share of that block, or the wait after it)
    const where = (w: number): string => {
      const label = PHASE_LABELS[Atomics.load(ctl, CTL.activity + w + 1)];
      return `data: thread ${w + 1} of ${P}; in ${label === 'forward' ? 'the forward pass' : `block ${label}`} of iteration ${Atomics.load(ctl, CTL.activity + P + w + 1)}`;
    };
    const sup = new Supervisor<DataToWorker, DataFromWorker>(ENTRY, inits, { timeoutMs: opts.timeoutMs ?? 60_000, where });
    try {
      for (let i = 0; i < P - 1; i++) {
        const m = await sup.next(i, opts.startTimeoutMs ?? 120_000);
        if (m.type !== 'ready') failWith(sup, i, m);
      }
    } catch (e) {
      await sup.close();
      throw e;
    }
    const batch: Batch = { dims, s0: made.s0, x: { kind: 'onehot', idx }, y: { kind: 'classes', y } };
    return new DataParallelWorkers(task, h, P, made, batch, ctl, sup, opts.faults ?? new Set(), opts.spinUs ?? SPIN_US, chunks);
  }

  /** End the worker threads. */
  close(): Promise<void> {
    return this.sup.close();
  }

  /** Train the RNN of `init` (not modified) as vanilla `trainText` with one sweep per visit would; one run at a time. */
  async run(init: Params, opts: DataRunOptions): Promise<DataTrainResult> {
    const bad = checkHyper(opts.hyper);
    if (bad) throw new RangeError(bad);
    if (this.busy) throw new Error('DataParallelWorkers.run: a run is in progress');
    if (this.sup.failed) throw this.sup.failed;
    this.busy = true;
    try {
      return await this.runOnce(init, opts);
    } finally {
      this.busy = false;
    }
  }

  private async runOnce(init: Params, opts: DataRunOptions): Promise<DataTrainResult> {
    const { task, arrays: mem, batch, ctl, sup } = this;
    const P = this.threads;
    const dims = textDims(task, this.h);
    const M = dims.N * dims.B;
    const ctx: BlockContext = { dims, hp: { ...opts.hyper }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(this.faults) };
    const env = phaseEnv(ctx, { p: mem.p, aux: mem.aux, mult: mem.mult, batch }, mem, task, this.chunks, P);
    const own = ownScratch(mem, 0);
    const tickets = new Tickets(ctl, 0, P, this.spinUs);
    copyParamsInto(mem.p, init);
    ctl.fill(0);
    // each worker answers its run with 'done' or 'diverged'; an 'error' fails the supervisor at once
    const answers = Array.from({ length: P - 1 }, (_, i) => sup.next(i).then((m) => (m.type === 'done' || m.type === 'diverged' ? m : failWith(sup, i, m))));
    for (const a of answers) a.catch(() => undefined);
    for (let i = 0; i < P - 1; i++) sup.send(i, { type: 'run', hyper: { ...opts.hyper } });
    const check = (): void => {
      if (sup.failed) throw sup.failed;
    };
    const wait = async (): Promise<void> => {
      const w = tickets.waitMaster(tickets.start, check, () => yieldToLoop());
      if (w) await w;
    };
    const ms = zeroTime();
    const trace: TextTraceRow[] = [];
    const lastFinite = cloneParams(init);
    let stop: TextStop = 'iterations';
    let divergence: string | undefined;
    let trainMs = 0, k = 0, phases = 0, ran = 0;
    try {
      while (k < opts.iterations) {
        if (opts.timeBudgetMs !== undefined && trainMs >= opts.timeBudgetMs) {
          stop = 'time-budget';
          break;
        }
        const t0 = performance.now();
        Atomics.store(ctl, CTL.visit, k + 1);
        Atomics.notify(ctl, CTL.visit);
        try {
          let pi = 0;
          const G = globalThis as unknown as { __prof?: { w: number[]; r: number[]; l: string[] } };
          const prof = G.__prof ?? (G.__prof = { w: [], r: [], l: [] });
          for (const ph of visitPhases(env, k + 1)) {
            const t0 = performance.now();
            await wait();
            const t = performance.now();
            ran += tickets.runChunks(ph.n, (c) => ph.run(c, own));
            const t1 = performance.now();
            ms[ph.label] += t1 - t;
            prof.w[pi] = (prof.w[pi] ?? 0) + (t - t0); prof.r[pi] = (prof.r[pi] ?? 0) + (t1 - t); prof.l[pi] = ph.label + ':' + ph.n;
            pi++;
            phases++;
          }
          await wait();
        } catch (e) {
          let message: string | null = e instanceof TksDivergenceError ? e.message : null;
          if (e instanceof Aborted) {
            // a worker set the abort word: it diverged (its answer says so), or failed (the supervisor names it)
            await Promise.race([Promise.all(answers), waitFailed(sup)]).catch(() => undefined);
            check();
            const d = (await Promise.all(answers)).find((m) => m.type === 'diverged');
            message = d && d.type === 'diverged' ? d.message : null;
          }
          if (message === null) throw e;
          stop = 'diverged';
          divergence = `${message} at iteration ${k + 1}`;
          copyParamsInto(mem.p, lastFinite);
          break;
        }
        copyParamsInto(lastFinite, mem.p);
        trainMs += performance.now() - t0;
        k++;
        const row: TextTraceRow = { k, epoch: Math.floor((k - 1) / task.J), batch: (k - 1) % task.J, batchLoss: mem.rowLoss[M], timeMs: trainMs };
        // evaluation, as vanilla's, outside the training time (the workers wait for the next visit, beating)
        if (opts.evalEvery && k % opts.evalEvery === 0) row.heldOutLoss = sequenceLoss(mem.p, task.heldOut, dims, 1).loss;
        trace.push(row);
        opts.onRow?.(row);
      }
    } catch (e) {
      this.abort();
      if (e instanceof Aborted) {
        await Promise.race([Promise.all(answers), waitFailed(sup)]).catch(() => undefined);
        check();
      }
      await sup.close();
      throw sup.failed ?? e;
    }
    // a normal end (or a divergence): workers waiting for the next visit, or for chunks, are released
    Atomics.store(ctl, CTL.stop, stop === 'diverged' ? 2 : 1);
    Atomics.notify(ctl, CTL.visit);
    Atomics.notify(ctl, CTL.done);
    const done = await Promise.all(answers);
    ms.waiting = tickets.waitedMs;
    const perThread: DataThreadTime[] = [{ thread: 0, ms }];
    done.forEach((m, i) => {
      if (m.type === 'done') perThread.push({ thread: i + 1, ms: m.ms });
    });
    const params = cloneParams(mem.p);
    return {
      params, trace, iterations: k, stop, trainMs, ...(divergence ? { divergence } : {}),
      heldOutLoss: sequenceLoss(params, task.heldOut, dims, 1).loss,
      trainLoss: sequenceLoss(params, task.train, dims, task.B).loss,
      parallel: report(P, perThread, trainMs, k > 0 ? phases / k : 0, this.chunks, ran),
    };
  }

  private abort(): void {
    Atomics.store(this.ctl, CTL.stop, 2);
    Atomics.notify(this.ctl, CTL.done);
    Atomics.notify(this.ctl, CTL.visit);
  }
}

/** Resolves once the supervisor has a failure (polled: it has no event for it). */
async function waitFailed(sup: Supervisor<DataToWorker, DataFromWorker>): Promise<void> {
  while (!sup.failed) await new Promise((r) => setTimeout(r, 5));
}

function failWith(sup: Supervisor<DataToWorker, DataFromWorker>, i: number, m: DataFromWorker): never {
  const message = m.type === 'error' ? `threw: ${m.message}` : `sent "${m.type}" where another message was expected`;
  sup.fail({ worker: i, kind: 'threw', message });
  throw sup.failed as WorkerFailureError;
}

function report(P: number, perThread: DataThreadTime[], wallMs: number, phasesPerVisit: number, chunks: number, masterChunks: number): DataParallelReport {
  let computeMs = 0, waitMs = 0;
  for (const t of perThread) {
    for (const l of PHASE_LABELS) computeMs += t.ms[l];
    waitMs += t.ms.waiting;
  }
  return { variant: 'data', workers: P, perThread, time: { computeMs, waitMs, copyMs: 0, wallMs }, phasesPerVisit, chunks, masterChunks };
}

/** Train on the text task with data-parallel ADMMiRNN on P threads (a pool of its own). `init` is not modified. */
export async function trainDataParallel(task: TextTask, init: Params, P: number, opts: DataRunOptions & DataPoolOptions): Promise<DataTrainResult> {
  const bad = checkHyper(opts.hyper) ?? checkDataWorkers(P);
  if (bad) throw new RangeError(bad);
  const pool = await DataParallelWorkers.start(task, init.b.length, P, opts);
  try {
    return await pool.run(init, opts);
  } finally {
    await pool.close();
  }
}
