/**
 * The master of SP-/AP-ADMMiRNN (TKS Algorithm 2) on two worker threads: it owns the shared buffer (initial
 * parameters in, final parameters out), starts the workers through the transport's {@link Supervisor}, drives
 * the rounds (SP: sends each worker its unit and waits for both, Algorithm 3; AP: lets both run free, Algorithm 4,
 * and only lowers the state worker's limit at a time budget), and assembles the trace. Any worker that throws,
 * exits or stops beating ends the run with a {@link WorkerFailureError} naming the worker and its block: no
 * result is returned, so nothing can be written as if complete.
 */
import { performance } from 'node:perf_hooks';
import { Supervisor, WorkerFailureError } from '../../../../engine/parallel/transport.ts';
import { sequenceLoss } from '../../problem/rnn.ts';
import { textDims, type TextTask } from '../../problem/text.ts';
import type { Hyper, Params } from '../../problem/types.ts';
import { cloneParams } from '../../problem/types.ts';
import { checkHyper, type BlockName } from '../iteration.ts';
import type { TextStop, TextTraceRow, TextTrainResult } from '../train.ts';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.ts';
import { ROLE_ORDER, ROLE_WORKER, type Mode, type Role } from './roles.ts';
import { ACTIVITY, allocShared, PARAM_BLOCKS, viewShared, type Activity } from './shared.ts';

// worker.ts beside this file when running from the sources (the bootstrap then registers tsx), worker.js in dist/.
const ENTRY = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** Options of {@link trainParallel}. */
export interface ParallelTrainOptions {
  variant: Mode;
  /** Workers: 2 (the parameter and the state worker). */
  workers: number;
  hyper: Hyper;
  iterations: number;
  timeBudgetMs?: number;
  /** AP delay bound τ ≥ 0 (default 1): state unit k waits for θ^{k−1−τ}. SP always runs with staleness 1. */
  maxDelay?: number;
  /** A busy worker silent this long is hung (default 60 s). */
  timeoutMs?: number;
  /** Time a worker may take to start (default 120 s: tsx compiles the sources in each thread). */
  startTimeoutMs?: number;
  /** Solver faults and planted worker failures (never set by the CLI). */
  faults?: ReadonlySet<string>;
  onRow?: (row: ParallelTraceRow) => void;
  simd?: boolean;
}

/** A trace row: vanilla's, plus the largest staleness (in fits) of the parameters the visit read. */
export interface ParallelTraceRow extends TextTraceRow {
  staleness: number;
}

/** Where the time of one worker went (ms): per block, the forward pass, waiting, copying. */
export interface WorkerTime {
  worker: number;
  role: Role;
  blocks: readonly BlockName[];
  ms: Record<Activity, number>;
}

/** What the run file records about a parallel run. */
export interface ParallelReport {
  variant: Mode;
  workers: number;
  maxDelay: number;
  perWorker: WorkerTime[];
  /** Fraction of all worker compute time (blocks and forward pass) spent in each block. */
  blockFractions: Record<string, number>;
  /**
   * Totals over workers (ms): computing (blocks, forward pass), waiting (for the other worker's data, and in SP at
   * the master's barrier: `ms.waiting` + `ms.idle`), copying to and from the shared buffer; the master's wall time.
   */
  time: { computeMs: number; waitMs: number; copyMs: number; wallMs: number };
  /** Staleness (in fits) of the parameters read by the state visits: bound, largest and mean observed. */
  staleness: { bound: number; max: number; mean: number };
}

/** Result of {@link trainParallel}. */
export interface ParallelTrainResult extends TextTrainResult {
  trace: ParallelTraceRow[];
  parallel: ParallelReport;
}

const ROLES: readonly Role[] = ['parameters', 'states'];

/** Train the RNN of `init` on the text task with SP- or AP-ADMMiRNN on two worker threads. `init` is not modified. */
export async function trainParallel(task: TextTask, init: Params, opts: ParallelTrainOptions): Promise<ParallelTrainResult> {
  const bad = checkHyper(opts.hyper);
  if (bad) throw new RangeError(bad);
  if (opts.workers !== 2) throw new RangeError(`SP/AP-ADMMiRNN run on 2 workers (the parameter and the state worker), got ${opts.workers}`);
  const h = init.b.length;
  const dims = textDims(task, h);
  const tau = opts.variant === 'sp' ? 1 : (opts.maxDelay ?? 1);
  if (!(Number.isInteger(tau) && tau >= 0)) throw new RangeError(`maxDelay must be an integer ≥ 0, got ${tau}`);
  const spec = allocShared(dims, tau + 2, 2);
  const sh = viewShared(spec);
  for (const slot of sh.params) for (const key of PARAM_BLOCKS) slot[key].set(init[key]);
  const K = opts.iterations;
  sh.ctl[sh.at.limit] = K;
  const inits: WorkerInit[] = ROLES.map((role) => ({
    role, mode: opts.variant, shared: spec, task, hyper: { ...opts.hyper }, h, init: cloneParams(init), tau,
    faults: [...(opts.faults ?? [])], simd: opts.simd ?? true,
  }));
  const where = (i: number): string => {
    const role = ROLES[i];
    const act = ACTIVITY[sh.ctl[sh.at.activity + 2 * i]] ?? 'idle';
    const k = sh.ctl[sh.at.activity + 2 * i + 1];
    const doing = act === 'idle' ? 'between blocks' : act === 'waiting' || act === 'copying' || act === 'forward' ? act : `in block ${act}`;
    return `${role}: blocks ${[...new Set(ROLE_ORDER[role])].join(', ')}; ${doing} of iteration ${k}`;
  };
  const sup = new Supervisor<ToWorker, FromWorker>(ENTRY, inits, { timeoutMs: opts.timeoutMs ?? 60_000, where });
  const P = ROLE_WORKER.parameters, S = ROLE_WORKER.states;
  const stopAll = (): void => {
    Atomics.store(sh.ctl, sh.at.abort, 1);
    Atomics.store(sh.ctl, sh.at.limit, 0);
    Atomics.notify(sh.ctl, sh.at.fitted);
    for (let r = 0; r < spec.R; r++) Atomics.notify(sh.ctl, sh.at.statePub + r);
  };
  try {
    for (const i of [P, S]) expect(await sup.next(i, opts.startTimeoutMs ?? 120_000), 'ready', sup, i);
    const rows: ParallelTraceRow[] = [];
    const losses = new Map<number, { batchLoss: number; staleness: number }>();
    const t0 = performance.now();
    let done = 0;
    let stop = 'iterations' as TextStop;
    const doneMs: (Record<Activity, number> | null)[] = [null, null];
    let divergence = undefined as string | undefined;
    const overBudget = (): boolean => opts.timeBudgetMs !== undefined && performance.now() - t0 >= opts.timeBudgetMs;
    const onUnit = (i: number, m: FromWorker): boolean => {
      if (m.type === 'diverged') {
        divergence = `ADMMiRNN diverged: ${m.message} (${ROLES[i]} worker) at iteration ${m.k}`;
        stop = 'diverged';
        return false;
      }
      if (m.type !== 'unit') return expect(m, 'unit', sup, i);
      if (i === S) losses.set(m.k, { batchLoss: m.batchLoss ?? NaN, staleness: m.staleness ?? 0 });
      else {
        const l = losses.get(m.k);
        const k = m.k;
        const row: ParallelTraceRow = {
          k, epoch: Math.floor((k - 1) / task.J), batch: (k - 1) % task.J, batchLoss: l?.batchLoss ?? NaN,
          timeMs: performance.now() - t0, staleness: l?.staleness ?? 0,
        };
        losses.delete(k);
        done = k;
        rows.push(row);
        opts.onRow?.(row);
      }
      return true;
    };
    if (opts.variant === 'sp') {
      let produced = 0;
      for (let r = 1; ; r++) {
        const sRound = r <= K && (r === 1 || !overBudget());
        const pRound = r >= 2 && r - 1 <= produced;
        if (!sRound && !pRound) break;
        if (sRound) sup.send(S, { type: 'unit', k: r });
        if (pRound) sup.send(P, { type: 'unit', k: r - 1 });
        let ok = true;
        if (sRound) {
          if (onUnit(S, await sup.next(S))) produced = r;
          else ok = false;
        }
        if (pRound && !onUnit(P, await sup.next(P))) ok = false;
        if (!ok) break;
      }
      if (stop !== 'diverged' && produced < K) stop = 'time-budget';
    } else {
      sup.send(S, { type: 'run', from: 1 });
      sup.send(P, { type: 'run', from: 1 });
      const drain = async (i: number): Promise<void> => {
        for (;;) {
          const m = await sup.next(i);
          if (m.type === 'done') {
            doneMs[i] = m.ms;
            return;
          }
          if (!onUnit(i, m)) {
            stopAll();
            return;
          }
          if (i === P && opts.timeBudgetMs !== undefined && overBudget() && Atomics.load(sh.ctl, sh.at.limit) === K) {
            // the state worker finishes the batch it is on; the parameter worker fits up to it
            Atomics.store(sh.ctl, sh.at.limit, 0);
            stop = 'time-budget';
          }
        }
      };
      await Promise.all([drain(S), drain(P)]);
      if (stop === 'time-budget' && done >= K) stop = 'iterations';
    }
    const wallMs = performance.now() - t0;
    const perWorker: WorkerTime[] = [];
    if (stop !== 'diverged') {
      for (const i of [P, S]) {
        let ms = doneMs[i];
        if (ms === null) {
          sup.send(i, { type: 'finish' });
          const m = await sup.next(i);
          if (m.type !== 'done') expect(m, 'done', sup, i);
          else ms = m.ms;
        }
        if (ms) perWorker.push({ worker: i, role: ROLES[i], blocks: ROLE_ORDER[ROLES[i]], ms });
      }
    }
    const params = cloneParams(opts.variant === 'sp' ? sh.params[done % 2] : sh.params[0]);
    const result: ParallelTrainResult = {
      params, trace: rows, iterations: done, stop, trainMs: wallMs, ...(divergence ? { divergence } : {}),
      heldOutLoss: sequenceLoss(params, task.heldOut, dims, 1).loss,
      trainLoss: sequenceLoss(params, task.train, dims, task.B).loss,
      parallel: report(opts.variant, tau, perWorker, rows, wallMs),
    };
    return result;
  } catch (e) {
    stopAll();
    throw e;
  } finally {
    await sup.close();
  }
}

function expect(m: FromWorker, type: FromWorker['type'], sup: Supervisor<ToWorker, FromWorker>, i: number): true {
  if (m.type === type) return true;
  const message = m.type === 'error' ? `threw: ${m.message}` : `sent "${m.type}" where "${type}" was expected`;
  sup.fail({ worker: i, kind: 'threw', message });
  throw sup.failed as WorkerFailureError;
}

function report(variant: Mode, tau: number, perWorker: WorkerTime[], rows: ParallelTraceRow[], wallMs: number): ParallelReport {
  const blocks = ['forward', 'o', 'c', 'v', 's', 'a', 'b', 'w', 'u'] as const;
  let computeMs = 0, waitMs = 0, copyMs = 0;
  const per: Record<string, number> = {};
  for (const w of perWorker) {
    for (const b of blocks) {
      per[b] = (per[b] ?? 0) + w.ms[b];
      computeMs += w.ms[b];
    }
    waitMs += w.ms.waiting + w.ms.idle;
    copyMs += w.ms.copying;
  }
  const blockFractions = Object.fromEntries(blocks.map((b) => [b, computeMs > 0 ? (per[b] ?? 0) / computeMs : 0]));
  let max = 0, sum = 0;
  for (const r of rows) {
    max = Math.max(max, r.staleness);
    sum += r.staleness;
  }
  return {
    variant, workers: 2, maxDelay: tau, perWorker, blockFractions,
    time: { computeMs, waitMs, copyMs, wallMs },
    staleness: { bound: tau, max, mean: rows.length ? sum / rows.length : 0 },
  };
}
