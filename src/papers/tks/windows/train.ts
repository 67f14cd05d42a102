/**
 * ADMMiRNN (Algorithm 1, the solver of `solver/`) on a window task (problem/windows.ts): the S&P 500 volatility
 * regression and the synthetic sequence classification, with the loss R(o_N) on the last step of each window.
 *
 * One iteration visits batch j = k mod J, as the text trainer does: s0 = 0, the auxiliary variables start at the
 * RNN's feasible point for the current parameters (every residual of (8) zero) and λ = 0, then `sweeps`
 * iterations of Algorithm 1; only the parameters carry over. H of Assumption 1 is that of the B scored rows.
 *
 * Default hyperparameters: those of `solver/defaults.ts` expressed relative to H — ρ_i = 4H (> 2H, Theorems
 * 1–2), ν = 0.16H, r = 0.0128H — which for the text task's cross-entropy over M rows is exactly its defaults
 * (H = 1/(2M)); here H = 1/(2B) for cross-entropy and 1/B for the squared loss.
 */
import { performance } from 'node:perf_hooks';
import { inArena } from '../../../linalg/index.ts';
import { tanhRnnEvaluate, tanhRnnLoss, tanhRnnWorkspace } from '../../../models/tanhRnn.ts';
import { lossLipschitz, lossValue } from '../problem/loss.ts';
import { forwardInto } from '../problem/rnn.ts';
import type { Aux, Batch, Hyper, Multipliers, Params } from '../problem/types.ts';
import { cloneParams, copyParamsInto } from '../problem/types.ts';
import { fillWindowBatch, sliceWindows, type WindowTask } from '../problem/windows.ts';
import type { BlockContext } from '../solver/blocks.ts';
import { defaultHyper } from '../solver/defaults.ts';
import { flagsOf } from '../solver/faults.ts';
import { checkHyper, invalidateProducts, sweepVisit, type SolverState } from '../solver/iteration.ts';
import { allocWorkspace } from '../solver/workspace.ts';
import { packTksParams } from './pack.ts';

/** The default hyperparameters of a window task (module header). */
export function windowHyper(task: WindowTask): Hyper {
  // defaultHyper(M) is tuned for H = 1/(2M); a loss with H = 1/B wants every weight doubled: M = B/2
  return defaultHyper(task.loss === 'cross-entropy' ? task.B : task.B / 2);
}

/** Options of {@link trainWindows}. */
export interface WindowTrainOptions {
  hyper: Hyper;
  iterations: number;
  timeBudgetMs?: number;
  sweeps?: number;
  /** Evaluate the held-out loss every this many iterations (0 or absent: only at the end). */
  evalEvery?: number;
  faults?: ReadonlySet<string>;
  onRow?: (row: WindowTraceRow) => void;
  simd?: boolean;
}

/** One visited batch. */
export interface WindowTraceRow {
  k: number;
  epoch: number;
  batch: number;
  /** R(o_N) of the RNN (4) on this batch before the update. */
  batchLoss: number;
  heldOutLoss?: number;
  timeMs: number;
}

/** Result of {@link trainWindows}. */
export interface WindowTrainResult {
  params: Params;
  divergence?: string;
  trace: WindowTraceRow[];
  iterations: number;
  stop: 'iterations' | 'time-budget' | 'diverged';
  trainMs: number;
  /** Mean R(o_N) of the final parameters on the held-out and on the training windows used. */
  heldOutLoss: number;
  trainLoss: number;
  /** Classification only: the share of held-out windows whose argmax o_N is the label. */
  heldOutAccuracy?: number;
}

/** Mean loss and accuracy of parameters on the held-out windows and on the training windows used. */
export function windowMetrics(task: WindowTask, p: Params): { heldOutLoss: number; trainLoss: number; heldOutAccuracy?: number } {
  const dims = { ...task.dims, h: p.b.length };
  const theta = packTksParams(dims, p);
  const held = tanhRnnEvaluate(task.heldOut, theta, dims);
  const used = sliceWindows(task.train, task.dropped, task.J * task.B);
  const trainLoss = tanhRnnLoss(used, theta, tanhRnnWorkspace(dims, used.N, Math.min(used.count, 256), true), 0, used.count);
  return { heldOutLoss: held.loss, trainLoss, ...(task.loss === 'cross-entropy' ? { heldOutAccuracy: held.accuracy } : {}) };
}

/** Train the RNN of `init` (not modified) on the window task with ADMMiRNN. */
export function trainWindows(task: WindowTask, init: Params, opts: WindowTrainOptions): WindowTrainResult {
  const bad = checkHyper(opts.hyper);
  if (bad) throw new RangeError(bad);
  const h = init.b.length;
  const { N } = task.train;
  const { B, J } = task;
  const { d, q } = task.dims;
  const dims = { N, B, d, h, q };
  const M = N * B;
  const ctx: BlockContext = { dims, hp: { ...opts.hyper }, H: lossLipschitz(task.loss, B), faults: flagsOf(opts.faults) };
  const mem = inArena((alloc) => ({
    p: { u: alloc(h * d), w: alloc(h * h), b: alloc(h), v: alloc(q * h), c: alloc(q) } as Params,
    aux: { a: alloc(M * h), s: alloc(M * h), o: alloc(M * q) } as Aux,
    mult: { l1: alloc(B * h), l2: alloc(B * h), l3: alloc(B * q) } as Multipliers,
    s0: alloc(B * h),
    x: alloc(M * d),
    ws: allocWorkspace(dims, true, alloc),
    fwd: { wT: alloc(h * h), vT: alloc(h * q) },
  }), opts.simd ?? true);
  copyParamsInto(mem.p, init);
  const from = (N - 1) * B;
  const batch: Batch = {
    dims, s0: mem.s0, x: { kind: 'dense', x: mem.x },
    y: task.loss === 'cross-entropy' ? { kind: 'classes', y: new Int32Array(M), from } : { kind: 'values', y: new Float64Array(M * q), from },
  };
  const st: SolverState = { p: mem.p, aux: mem.aux, mult: mem.mult, batch };
  const sweeps = opts.sweeps ?? 1;
  const trace: WindowTraceRow[] = [];
  const lastFinite = cloneParams(init);
  let trainMs = 0, k = 0;
  let stop: WindowTrainResult['stop'] = 'iterations';
  let divergence: string | undefined;
  while (k < opts.iterations) {
    if (opts.timeBudgetMs !== undefined && trainMs >= opts.timeBudgetMs) {
      stop = 'time-budget';
      break;
    }
    const t0 = performance.now();
    const j = k % J;
    fillWindowBatch(task, j, batch);
    forwardInto(mem.aux, mem.p, batch, mem.fwd);
    const batchLoss = lossValue(mem.aux.o, batch.y, M, q);
    mem.mult.l1.fill(0);
    mem.mult.l2.fill(0);
    mem.mult.l3.fill(0);
    invalidateProducts(mem.ws);
    const failed = sweepVisit(ctx, st, mem.ws, sweeps, lastFinite);
    if (failed !== null) {
      stop = 'diverged';
      divergence = `${failed} at iteration ${k + 1}`;
      break;
    }
    trainMs += performance.now() - t0;
    k++;
    const row: WindowTraceRow = { k, epoch: Math.floor((k - 1) / J), batch: j, batchLoss, timeMs: trainMs };
    if (opts.evalEvery && k % opts.evalEvery === 0) row.heldOutLoss = windowMetrics(task, mem.p).heldOutLoss;
    trace.push(row);
    opts.onRow?.(row);
  }
  const params = cloneParams(mem.p);
  return { params, trace, iterations: k, stop, trainMs, ...(divergence ? { divergence } : {}), ...windowMetrics(task, params) };
}
