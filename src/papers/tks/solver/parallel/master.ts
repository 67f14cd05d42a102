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
import { DEFAULT_GROUPS, GROUPS, roleOrder, ROLE_WORKER, type Groups, type Mode, type Role } from './roles.ts';
import { ACTIVITY, allocShared, PARAM_BLOCKS, viewShared, type Activity, type SharedSpec, type SharedViews } from './shared.ts';

// worker.ts beside this file when running from the sources (the bootstrap then registers tsx), worker.js in dist/.
const ENTRY = new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

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
  /** How Fig. 3's groups shared the two workers. */
  groups: Groups;
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

/** Options of a {@link ParallelWorkers} pool: what its workers are started with. */
export interface PoolOptions {
  /** A busy worker silent this long is hung (default 60 s). */
  timeoutMs?: number;
  /** Time a worker may take to start (default 120 s: tsx compiles the sources in each thread). */
  startTimeoutMs?: number;
  /** Solver faults and planted worker failures (never set by the CLI). */
  faults?: ReadonlySet<string>;
  /** The largest AP delay bound its runs may use (default 1; sizes the state slots). */
  maxDelayCap?: number;
  simd?: boolean;
}

/** Options of one run ({@link ParallelWorkers.run}). */
export interface RunParallelOptions {
  variant: Mode;
  /** Workers: 2 (the parameter and the state worker). */
  workers: number;
  hyper: Hyper;
  iterations: number;
  timeBudgetMs?: number;
  /** AP delay bound τ ≥ 0 (default 1): state unit k waits for θ^{k−1−τ}. SP always runs with staleness 1. */
  maxDelay?: number;
  /** η ∈ (0, 1]: the fraction of each fit's step applied to the newest parameters (default {@link DEFAULT_STEP_SCALE}). */
  stepScale?: number;
  /** How Fig. 3's groups share the two workers (`roles.ts`; default {@link DEFAULT_GROUPS}). */
  groups?: Groups;
  onRow?: (row: ParallelTraceRow) => void;
}

/** Options of {@link trainParallel}: one run on a pool of its own. */
export type ParallelTrainOptions = RunParallelOptions & PoolOptions;

/** Result of {@link trainParallel}. */
export interface ParallelTrainResult extends TextTrainResult {
  trace: ParallelTraceRow[];
  parallel: ParallelReport;
}

const ROLES: readonly Role[] = ['parameters', 'states'];

/**
 * The default η (see `roles.ts`, `parameterUnit`): 1/4. Measured on the text task (hidden 100, seed 1, `--groups
 * output`, SP, a 600 s budget each, no other load): η = 1/2 reached batch loss 1.942 near iteration 10,000 and then
 * drifted up (1.996 at 30,500, ‖u‖_F 265; held-out 2.102 after 32,263 iterations, above the output-only floor
 * 2.045); η = 1/4 was as fast early (2.002 against 1.998 at 3,000), reached 1.917 and stayed near it (1.932 at
 * 33,000; held-out 2.019 after 33,151, ‖u‖_F 130). With `kind` η = 1/4 also drifts later than 1/2 (README).
 */
export const DEFAULT_STEP_SCALE = 0.25;
const P = ROLE_WORKER.parameters, S = ROLE_WORKER.states;

/** The settings of a run, checked before any worker starts: the delay bound τ. */
function checkRun(opts: RunParallelOptions, cap: number): number {
  const bad = checkHyper(opts.hyper);
  if (bad) throw new RangeError(bad);
  if (opts.workers !== 2) throw new RangeError(`SP/AP-ADMMiRNN run on 2 workers (the parameter and the state worker), got ${opts.workers}`);
  const tau = opts.variant === 'sp' ? 1 : (opts.maxDelay ?? 1);
  if (!(Number.isInteger(tau) && tau >= 0 && tau <= cap)) throw new RangeError(`maxDelay must be an integer in [0, ${cap}], got ${tau}`);
  const eta = opts.stepScale ?? DEFAULT_STEP_SCALE;
  if (!(eta > 0 && eta <= 1)) throw new RangeError(`stepScale must be in (0, 1], got ${eta}`);
  if (opts.groups !== undefined && !GROUPS.includes(opts.groups)) throw new RangeError(`groups must be one of ${GROUPS.join(', ')}, got ${String(opts.groups)}`);
  return tau;
}

/**
 * The two workers of SP-/AP-ADMMiRNN for one task and hidden size, started once and reused by successive runs
 * (a worker's start-up, ~0.3–1 s with tsx, is paid once). After a worker failure the pool is closed and every
 * further run rejects with that failure.
 */
export class ParallelWorkers {
  private busy = false;

  private constructor(
    readonly task: TextTask,
    readonly h: number,
    private readonly spec: SharedSpec,
    private readonly sh: SharedViews,
    private readonly sup: Supervisor<ToWorker, FromWorker>,
    private readonly cap: number,
    /** The groups of the run in progress (a failure message names the blocks of the failing worker). */
    private readonly current: { groups: Groups },
  ) {}

  /** Start both workers and wait until they are ready. */
  static async start(task: TextTask, h: number, opts: PoolOptions = {}): Promise<ParallelWorkers> {
    const cap = opts.maxDelayCap ?? 1;
    const current: { groups: Groups } = { groups: 'kind' };
    const spec = allocShared(textDims(task, h), cap + 2, 2);
    const sh = viewShared(spec);
    const inits: WorkerInit[] = ROLES.map((role) => ({ role, shared: spec, task, h, faults: [...(opts.faults ?? [])], simd: opts.simd ?? true }));
    const where = (i: number): string => {
      const role = ROLES[i];
      const act = ACTIVITY[sh.ctl[sh.at.activity + 2 * i]] ?? 'idle';
      const k = sh.ctl[sh.at.activity + 2 * i + 1];
      const doing = act === 'idle' ? 'between blocks' : act === 'waiting' || act === 'copying' || act === 'forward' ? act : `in block ${act}`;
      return `${role}: blocks ${[...new Set(roleOrder(current.groups)[role])].join(', ')}; ${doing} of iteration ${k}`;
    };
    const sup = new Supervisor<ToWorker, FromWorker>(ENTRY, inits, { timeoutMs: opts.timeoutMs ?? 60_000, where });
    try {
      for (const i of [P, S]) expect(await sup.next(i, opts.startTimeoutMs ?? 120_000), 'ready', sup, i);
    } catch (e) {
      await sup.close();
      throw e;
    }
    return new ParallelWorkers(task, h, spec, sh, sup, cap, current);
  }

  /** End both workers. */
  close(): Promise<void> {
    return this.sup.close();
  }

  private stopAll(): void {
    const { ctl, at } = this.sh;
    Atomics.store(ctl, at.abort, 1);
    Atomics.store(ctl, at.limit, 0);
    Atomics.notify(ctl, at.fitted);
    for (let r = 0; r < this.spec.R; r++) Atomics.notify(ctl, at.statePub + r);
  }

  /** Train the RNN of `init` (not modified) with SP- or AP-ADMMiRNN; one run at a time. */
  async run(init: Params, opts: RunParallelOptions): Promise<ParallelTrainResult> {
    const tau = checkRun(opts, this.cap);
    if (this.busy) throw new Error('ParallelWorkers.run: a run is in progress');
    if (this.sup.failed) throw this.sup.failed;
    this.busy = true;
    try {
      return await this.runOnce(init, opts, tau);
    } catch (e) {
      this.stopAll();
      if (this.sup.failed) await this.sup.close();
      throw e;
    } finally {
      this.busy = false;
    }
  }

  private async runOnce(init: Params, opts: RunParallelOptions, tau: number): Promise<ParallelTrainResult> {
    const { task, sh, sup } = this;
    const { ctl, at } = sh;
    const K = opts.iterations;
    ctl.fill(0);
    for (let r = 0; r < this.spec.R; r++) ctl[at.statePub + r] = -1;
    ctl[at.limit] = K;
    for (const slot of sh.params) for (const key of PARAM_BLOCKS) slot[key].set(init[key]);
    const stepScale = opts.stepScale ?? DEFAULT_STEP_SCALE;
    const groups = opts.groups ?? DEFAULT_GROUPS;
    this.current.groups = groups;
    for (const i of [P, S]) sup.send(i, { type: 'reset', mode: opts.variant, hyper: { ...opts.hyper }, tau, stepScale, groups, init: cloneParams(init) });
    const rows: ParallelTraceRow[] = [];
    const losses = new Map<number, { batchLoss: number; staleness: number }>();
    const fitTimes = new Map<number, number>();
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
      else fitTimes.set(m.k, performance.now() - t0);
      // a row needs both: the visit's loss (state worker) and the fit's time (parameter worker); their messages
      // come on two ports, in either order
      for (let k = done + 1; losses.has(k) && fitTimes.has(k); k++) {
        const l = losses.get(k) as { batchLoss: number; staleness: number };
        const row: ParallelTraceRow = {
          k, epoch: Math.floor((k - 1) / task.J), batch: (k - 1) % task.J, batchLoss: l.batchLoss,
          timeMs: fitTimes.get(k) as number, staleness: l.staleness,
        };
        losses.delete(k);
        fitTimes.delete(k);
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
            this.stopAll();
            return;
          }
          if (i === P && opts.timeBudgetMs !== undefined && overBudget() && Atomics.load(ctl, at.limit) === K) {
            // the state worker finishes the batch it is on; the parameter worker fits up to it
            Atomics.store(ctl, at.limit, 0);
            stop = 'time-budget';
          }
        }
      };
      await Promise.all([drain(S), drain(P)]);
      if (stop === 'time-budget' && done >= K) stop = 'iterations';
    }
    const wallMs = performance.now() - t0;
    const perWorker: WorkerTime[] = [];
    for (const i of [P, S]) {
      let ms = doneMs[i];
      if (ms === null) {
        sup.send(i, { type: 'finish' });
        let m = await sup.next(i);
        // a diverged SP round may leave the other worker's unit reply to skip
        while (m.type === 'unit' || m.type === 'diverged') m = await sup.next(i);
        if (m.type !== 'done') expect(m, 'done', sup, i);
        else ms = m.ms;
      }
      if (ms) perWorker.push({ worker: i, role: ROLES[i], blocks: roleOrder(groups)[ROLES[i]], ms });
    }
    const dims = textDims(task, this.h);
    const params = cloneParams(opts.variant === 'sp' ? sh.params[done % 2] : sh.params[0]);
    return {
      params, trace: rows, iterations: done, stop, trainMs: wallMs, ...(divergence ? { divergence } : {}),
      heldOutLoss: sequenceLoss(params, task.heldOut, dims, 1).loss,
      trainLoss: sequenceLoss(params, task.train, dims, task.B).loss,
      parallel: report(opts.variant, tau, groups, perWorker, rows, wallMs),
    };
  }
}

/** Train the RNN of `init` on the text task with SP- or AP-ADMMiRNN on two worker threads of its own. `init` is not modified. */
export async function trainParallel(task: TextTask, init: Params, opts: ParallelTrainOptions): Promise<ParallelTrainResult> {
  const tau = checkRun(opts, Number.MAX_SAFE_INTEGER);
  const pool = await ParallelWorkers.start(task, init.b.length, { ...opts, maxDelayCap: tau });
  try {
    return await pool.run(init, opts);
  } finally {
    await pool.close();
  }
}

function expect(m: FromWorker, type: FromWorker['type'], sup: Supervisor<ToWorker, FromWorker>, i: number): true {
  if (m.type === type) return true;
  const message = m.type === 'error' ? `threw: ${m.message}` : `sent "${m.type}" where "${type}" was expected`;
  sup.fail({ worker: i, kind: 'threw', message });
  throw sup.failed as WorkerFailureError;
}

function report(variant: Mode, tau: number, groups: Groups, perWorker: WorkerTime[], rows: ParallelTraceRow[], wallMs: number): ParallelReport {
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
    variant, workers: 2, maxDelay: tau, groups, perWorker, blockFractions,
    time: { computeMs, waitMs, copyMs, wallMs },
    staleness: { bound: tau, max, mean: rows.length ? sum / rows.length : 0 },
  };
}
