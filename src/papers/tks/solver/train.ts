/**
 * Training on the text task: ADMMiRNN (Algorithm 1) over the batches of `problem/text.ts`, one batch per
 * iteration, cycling through the epoch.
 *
 * What one iteration does with batch j: s0 ← 0 (or, with `carry: 'state'`, the state the RNN reached at the
 * end of the stream's previous window: the s_N of that visit's feasible point, the RNN's own state, not ADMM's
 * s_N, which need not satisfy (4)); the auxiliary variables start at the RNN's feasible point for the current
 * parameters (a, s, o from (4), every residual zero) and λ = 0; then `sweeps` iterations of Algorithm 1; the
 * parameters carry over to the next batch. The alternatives were measured (`problem/text.ts`, README "TKS").
 *
 * Evaluation (held-out loss) is not counted in the time budget; it is recorded in the trace.
 */
import { performance } from 'node:perf_hooks';
import { inArena } from '../../../linalg/index.ts';
import { lossLipschitz, lossValue } from '../problem/loss.ts';
import { forwardInto, sequenceLoss, type ForwardScratch } from '../problem/rnn.ts';
import { fillBatch, type TextTask } from '../problem/text.ts';
import type { Aux, Batch, Hyper, Multipliers, Params } from '../problem/types.ts';
import { cloneAux, cloneMultipliers, cloneParams, copyParamsInto } from '../problem/types.ts';
import { flagsOf } from './faults.ts';
import type { BlockContext } from './blocks.ts';
import { checkHyper, invalidateProducts, sweepVisit, type SolverState } from './iteration.ts';
import { allocWorkspace } from './workspace.ts';
import { lagrangianParts } from '../problem/lagrangian.ts';

/** Options of {@link trainText}. */
export interface TextTrainOptions {
  hyper: Hyper;
  /** Maximum number of iterations (batches visited). */
  iterations: number;
  /** Stop once training (not evaluation) has taken this long. */
  timeBudgetMs?: number;
  /** Iterations of Algorithm 1 per visit of a batch (default 1). */
  sweeps?: number;
  /** Evaluate the held-out loss every this many iterations (0 or absent: only at the end). */
  evalEvery?: number;
  /** Record (8) before and after each visit (two extra evaluations per iteration). */
  recordLagrangian?: boolean;
  /**
   * What a visit starts from: 'fresh' (default) = the RNN's feasible point and λ = 0 every time; 'kept' = the
   * a, s, o, λ this batch ended its previous visit with (its first visit starts fresh). For the measurement of
   * the data-pipeline choice; 'kept' stores N·B·(2h + q) + B·(2h + q) doubles per batch.
   */
  aux?: 'fresh' | 'kept';
  /** The s0 of a batch: 'zero' (default) = 0; 'state' = carried over from the stream's previous window. */
  carry?: 'state' | 'zero';
  /** Planted faults (never set by the CLI). */
  faults?: ReadonlySet<string>;
  /** Called after every trace row. */
  onRow?: (row: TextTraceRow) => void;
  /** Use the WebAssembly SIMD arena (default true; results are bit-identical either way). */
  simd?: boolean;
}

/** One row of the training trace: one visited batch. */
export interface TextTraceRow {
  /** Iteration (1-based). */
  k: number;
  /** Epoch (0-based) and batch index within it. */
  epoch: number;
  batch: number;
  /** Loss R of the RNN (4) on this batch before the update: a running estimate of the training loss. */
  batchLoss: number;
  /** (8) at the visit's feasible start and after its sweeps (only with `recordLagrangian`). */
  Lstart?: number;
  Lend?: number;
  /** Held-out loss (nats/char), on evaluation rows. */
  heldOutLoss?: number;
  /** Training time so far (ms, evaluation excluded). */
  timeMs: number;
}

/** Why training stopped: the iteration limit, the time budget, or a non-finite iterate. */
export type TextStop = 'iterations' | 'time-budget' | 'diverged';

/** Result of {@link trainText}. */
export interface TextTrainResult {
  /** The final parameters; after a divergence, the last finite ones (those before the failing iteration). */
  params: Params;
  /** What went non-finite, when stop = 'diverged'. */
  divergence?: string;
  trace: TextTraceRow[];
  iterations: number;
  stop: TextStop;
  /** Training time (ms), evaluation excluded. */
  trainMs: number;
  /** Held-out loss of the final parameters (nats per character). */
  heldOutLoss: number;
  /** Loss of the final parameters on the training text, run as the B streams of the batches (nats per character). */
  trainLoss: number;
}

/**
 * Start a visit of batch j: fill its inputs and targets, set s0 to the carried state of the B streams (zero at
 * j = 0), run the RNN (4) from there into `aux` (the feasible start of the visit), and carry its s_N on.
 */
export function startVisit(
  task: TextTask, j: number, p: Params, batch: Batch, aux: Aux, carry: Float64Array, fwd: ForwardScratch,
): void {
  const { N, B } = task;
  const h = p.b.length;
  if (batch.x.kind !== 'onehot' || batch.y.kind !== 'classes') throw new TypeError('startVisit: a text batch has one-hot inputs and class targets');
  if (j === 0) carry.fill(0);
  fillBatch(task, j, batch.x.idx, batch.y.y);
  batch.s0.set(carry);
  forwardInto(aux, p, batch, fwd);
  carry.set(aux.s.subarray((N - 1) * B * h, N * B * h));
}

/** Train the RNN of `init` on the text task with ADMMiRNN. `init` is not modified. */
export function trainText(task: TextTask, init: Params, opts: TextTrainOptions): TextTrainResult {
  const bad = checkHyper(opts.hyper);
  if (bad) throw new RangeError(bad);
  const h = init.b.length, V = task.vocab.length;
  const dims = { N: task.N, B: task.B, d: V, h, q: V };
  const M = dims.N * dims.B;
  const ctx: BlockContext = { dims, hp: { ...opts.hyper }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(opts.faults) };
  const mem = inArena((alloc) => ({
    p: { u: alloc(h * V), w: alloc(h * h), b: alloc(h), v: alloc(V * h), c: alloc(V) } as Params,
    aux: { a: alloc(M * h), s: alloc(M * h), o: alloc(M * V) } as Aux,
    mult: { l1: alloc(dims.B * h), l2: alloc(dims.B * h), l3: alloc(dims.B * V) } as Multipliers,
    s0: alloc(dims.B * h),
    ws: allocWorkspace(dims, false, alloc),
    fwd: { wT: alloc(h * h), vT: alloc(h * V) },
  }), opts.simd ?? true);
  copyParamsInto(mem.p, init);
  const batch: Batch = { dims, s0: mem.s0, x: { kind: 'onehot', idx: new Int32Array(M) }, y: { kind: 'classes', y: new Int32Array(M) } };
  const st: SolverState = { p: mem.p, aux: mem.aux, mult: mem.mult, batch };
  const carry = new Float64Array(dims.B * h);
  const sweeps = opts.sweeps ?? 1;
  const zeroCarry = (opts.carry ?? 'zero') === 'zero';
  const kept: ({ aux: Aux; mult: Multipliers } | undefined)[] | null = opts.aux === 'kept' ? new Array(task.J) : null;
  const trace: TextTraceRow[] = [];
  const heldOut = (): number => sequenceLoss(mem.p, task.heldOut, dims, 1).loss;
  let trainMs = 0;
  let k = 0;
  let stop: TextStop = 'iterations';
  let divergence: string | undefined;
  const lastFinite = cloneParams(init);
  while (k < opts.iterations) {
    if (opts.timeBudgetMs !== undefined && trainMs >= opts.timeBudgetMs) {
      stop = 'time-budget';
      break;
    }
    const t0 = performance.now();
    const j = k % task.J;
    if (zeroCarry) carry.fill(0);
    startVisit(task, j, mem.p, batch, mem.aux, carry, mem.fwd);
    const batchLoss = lossValue(mem.aux.o, batch.y, M, V);
    const stored = kept?.[j];
    if (stored) {
      for (const key of ['a', 's', 'o'] as const) mem.aux[key].set(stored.aux[key]);
      for (const key of ['l1', 'l2', 'l3'] as const) mem.mult[key].set(stored.mult[key]);
    } else {
      mem.mult.l1.fill(0);
      mem.mult.l2.fill(0);
      mem.mult.l3.fill(0);
    }
    invalidateProducts(mem.ws);
    let Lstart: number | undefined, Lend: number | undefined;
    if (opts.recordLagrangian) Lstart = lagrangianParts(mem.p, mem.aux, mem.mult, batch, ctx.hp).L;
    const failed = sweepVisit(ctx, st, mem.ws, sweeps, lastFinite);
    if (failed !== null) {
      stop = 'diverged';
      divergence = `${failed} at iteration ${k + 1}`;
      break;
    }
    if (opts.recordLagrangian) Lend = lagrangianParts(mem.p, mem.aux, mem.mult, batch, ctx.hp).L;
    if (kept) {
      const slot = kept[j];
      if (!slot) kept[j] = { aux: cloneAux(mem.aux), mult: cloneMultipliers(mem.mult) };
      else {
        for (const key of ['a', 's', 'o'] as const) slot.aux[key].set(mem.aux[key]);
        for (const key of ['l1', 'l2', 'l3'] as const) slot.mult[key].set(mem.mult[key]);
      }
    }
    trainMs += performance.now() - t0;
    k++;
    const row: TextTraceRow = { k, epoch: Math.floor((k - 1) / task.J), batch: j, batchLoss, timeMs: trainMs };
    if (Lstart !== undefined) {
      row.Lstart = Lstart;
      row.Lend = Lend;
    }
    if (opts.evalEvery && k % opts.evalEvery === 0) row.heldOutLoss = heldOut();
    trace.push(row);
    opts.onRow?.(row);
  }
  const params = cloneParams(mem.p);
  return {
    params, trace, iterations: k, stop, trainMs, ...(divergence ? { divergence } : {}),
    heldOutLoss: heldOut(),
    trainLoss: sequenceLoss(params, task.train, dims, task.B).loss,
  };
}
