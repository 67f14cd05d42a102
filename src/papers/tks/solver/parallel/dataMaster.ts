/**
 * The master of data-parallel ADMMiRNN (`--parallel data --workers P`): P threads — this one (thread 0) and P − 1
 * worker threads — hold the solver's arrays in one shared WebAssembly memory and split every block of every visit
 * between them (`dataSplit.ts`), so the run follows vanilla's trajectory (`train.ts`) bit for bit. Thread 0 also
 * runs what is serial (the visit's start and forward pass, the Cholesky solves, the small sums).
 *
 * Nothing is copied between threads: the only traffic is the barrier (`dataSync.ts`), ~35 per visit. Workers run
 * under the transport's {@link Supervisor}: one that throws, exits or stops beating ends the run with a
 * {@link WorkerFailureError} naming the worker, its rows and its block, and no result is returned.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Supervisor, WorkerFailureError } from '../../../../engine/parallel/transport.ts';
import { createSharedArena } from '../../../../linalg/index.ts';
import { lossLipschitz } from '../../problem/loss.ts';
import { sequenceLoss } from '../../problem/rnn.ts';
import { fillBatch, textDims, type TextTask } from '../../problem/text.ts';
import type { Batch, Hyper, Params } from '../../problem/types.ts';
import { cloneParams, copyParamsInto } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { flagsOf } from '../faults.ts';
import { checkHyper, TksDivergenceError } from '../iteration.ts';
import type { TextStop, TextTraceRow, TextTrainResult } from '../train.ts';
import { dataLayout, dataParts, dataVisit, freshValid, ownScratch, PHASE_LABELS, type DataArrays, type DataEnv, type DataPart } from './dataSplit.ts';
import { Aborted, Barrier, controlLength, CTL, SPIN_US } from './dataSync.ts';
import { dataInts, zeroTime, type DataFromWorker, type DataTime, type DataToWorker, type DataWorkerInit } from './dataWorker.ts';

const ENTRY = new URL(`./dataWorkerEntry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** The largest thread count accepted (the machines here have 2 cores; more threads than cores only wait). */
export const MAX_DATA_THREADS = 8;

/** Where one thread's time went. */
export interface DataThreadTime {
  thread: number;
  rows: [number, number];
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
  /** Barriers passed per visit. */
  barriersPerVisit: number;
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
  /** µs a thread spins at a barrier before it blocks (default `SPIN_US`, `dataSync.ts`). */
  spinUs?: number;
}

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
  ) {}

  /** Allocate the shared arena, start P − 1 worker threads and wait until they are attached. */
  static async start(task: TextTask, h: number, P: number, opts: DataPoolOptions = {}): Promise<DataParallelWorkers> {
    const bad = checkDataWorkers(P);
    if (bad) throw new RangeError(bad);
    const dims = textDims(task, h);
    const M = dims.N * dims.B;
    const { made, spec } = createSharedArena(dataLayout(dims, P), P, opts.simd ?? true);
    const ints = new SharedArrayBuffer(4 * (2 * M + controlLength(P)));
    const { idx, y, ctl } = dataInts(ints, M);
    const parts = dataParts(dims, P);
    const inits: DataWorkerInit[] = [];
    for (let i = 1; i < P; i++) inits.push({ arena: spec, ints, dims, threads: P, index: i, faults: [...(opts.faults ?? [])], spinUs: opts.spinUs ?? SPIN_US });
    // a worker's activity word holds the phase of its latest barrier (its share of that block, or the wait after it)
    const where = (w: number): string => {
      const part = parts[w + 1];
      const label = PHASE_LABELS[Atomics.load(ctl, CTL.activity + w + 1)];
      return `data: thread ${w + 1} of ${P}, rows ${part.r0}–${part.r1 - 1}; in ${label === 'forward' ? 'the forward pass' : `block ${label}`} of iteration ${Atomics.load(ctl, CTL.visit)}`;
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
    return new DataParallelWorkers(task, h, P, made, batch, ctl, sup, opts.faults ?? new Set(), opts.spinUs ?? SPIN_US);
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
    const { idx, y: ys } = batch.x.kind === 'onehot' && batch.y.kind === 'classes' ? { idx: batch.x.idx, y: batch.y.y } : { idx: new Int32Array(0), y: new Int32Array(0) };
    const P = this.threads;
    const dims = textDims(task, this.h);
    const M = dims.N * dims.B;
    const ctx: BlockContext = { dims, hp: { ...opts.hyper }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(this.faults) };
    const part: DataPart = dataParts(dims, P)[0];
    const env: DataEnv = { ctx, st: { p: mem.p, aux: mem.aux, mult: mem.mult, batch }, ws: mem.ws, part, valid: freshValid(), batchLoss: NaN, own: ownScratch(mem, 0) };
    const bar = new Barrier(ctl, P, 0, this.spinUs);
    copyParamsInto(mem.p, init);
    ctl.fill(0);
    // each worker answers its run with 'done' (or 'error'); an 'error' fails the supervisor at once
    const answers = Array.from({ length: P - 1 }, (_, i) => sup.next(i).then((m) => {
      if (m.type !== 'done') failWith(sup, i, m);
      return m;
    }));
    for (const a of answers) a.catch(() => undefined);
    for (let i = 0; i < P - 1; i++) sup.send(i, { type: 'run', hyper: { ...opts.hyper } });
    const check = (): void => {
      if (sup.failed) throw sup.failed;
    };
    const ms = zeroTime();
    const trace: TextTraceRow[] = [];
    const lastFinite = cloneParams(init);
    let stop: TextStop = 'iterations';
    let divergence: string | undefined;
    let trainMs = 0, k = 0, barriers = 0;
    try {
      while (k < opts.iterations) {
        if (opts.timeBudgetMs !== undefined && trainMs >= opts.timeBudgetMs) {
          stop = 'time-budget';
          break;
        }
        const t0 = performance.now();
        const j = k % task.J;
        // vanilla's visit start with s0 = 0 (`startVisit`, carry 'zero'); the forward pass runs split
        const fill = (): void => {
          fillBatch(task, j, idx, ys);
          mem.s0.fill(0);
        };
        Atomics.store(ctl, CTL.visit, k + 1);
        const gen = dataVisit(env, fill, P, mem.rowLoss);
        let t = performance.now();
        try {
          for (let r = gen.next(); !r.done; r = gen.next()) {
            ms[r.value] += performance.now() - t;
            barriers++;
            const w = bar.passMaster(bar.arrive(), check, () => yieldToLoop());
            if (w) await w;
            t = performance.now();
          }
        } catch (e) {
          if (!(e instanceof TksDivergenceError)) throw e;
          stop = 'diverged';
          divergence = `${e.message} at iteration ${k + 1}`;
          copyParamsInto(mem.p, lastFinite);
          break;
        }
        ms.multipliers += performance.now() - t;
        copyParamsInto(lastFinite, mem.p);
        trainMs += performance.now() - t0;
        k++;
        const row: TextTraceRow = { k, epoch: Math.floor((k - 1) / task.J), batch: j, batchLoss: env.batchLoss, timeMs: trainMs };
        // evaluation, as vanilla's, outside the training time (the workers wait at their next barrier, beating)
        if (opts.evalEvery && k % opts.evalEvery === 0) row.heldOutLoss = sequenceLoss(mem.p, task.heldOut, dims, 1).loss;
        trace.push(row);
        opts.onRow?.(row);
      }
    } catch (e) {
      this.abort();
      if (e instanceof Aborted) {
        // a worker set the abort word: its message (or its exit) names it; wait for the supervisor to hear it
        await Promise.race([Promise.all(answers), waitFailed(sup)]).catch(() => undefined);
        check();
      }
      await sup.close();
      throw sup.failed ?? e;
    }
    // a normal end or a divergence on thread 0: release the workers from their next barrier
    Atomics.store(ctl, CTL.stop, stop === 'diverged' ? 2 : 1);
    bar.arrive();
    for (let i = 0; i < ctl.length; i++) Atomics.notify(ctl, i);
    const done = await Promise.all(answers);
    ms.waiting = bar.waitedMs;
    const perThread: DataThreadTime[] = [{ thread: 0, rows: [part.r0, part.r1], ms }];
    const parts = dataParts(dims, P);
    done.forEach((m, i) => {
      if (m.type === 'done') perThread.push({ thread: i + 1, rows: [parts[i + 1].r0, parts[i + 1].r1], ms: m.ms });
    });
    const params = cloneParams(mem.p);
    return {
      params, trace, iterations: k, stop, trainMs, ...(divergence ? { divergence } : {}),
      heldOutLoss: sequenceLoss(params, task.heldOut, dims, 1).loss,
      trainLoss: sequenceLoss(params, task.train, dims, task.B).loss,
      parallel: report(P, perThread, trainMs, k > 0 ? barriers / k : 0),
    };
  }

  private abort(): void {
    Atomics.store(this.ctl, CTL.stop, 2);
    for (let i = 0; i < this.ctl.length; i++) Atomics.notify(this.ctl, i);
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

function report(P: number, perThread: DataThreadTime[], wallMs: number, barriersPerVisit: number): DataParallelReport {
  let computeMs = 0, waitMs = 0;
  for (const t of perThread) {
    for (const l of PHASE_LABELS) computeMs += t.ms[l];
    waitMs += t.ms.waiting;
  }
  return { variant: 'data', workers: P, perThread, time: { computeMs, waitMs, copyMs: 0, wallMs }, barriersPerVisit };
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
