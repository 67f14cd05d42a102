/**
 * The training loop every baseline shares: epochs of mini-batch updates (batches.ts) by one update rule
 * (optimizers.ts) on one objective (objective.ts), with a trace row per epoch.
 *
 * Trace row e (e = 0 is the start): the training objective and the norm of its exact gradient at θ after e
 * epochs, ‖θ‖ and the norm of each block, TestErr when the task has a test part, and `timeMs`: the cumulative
 * wall time of the updates and the gradients they used (for full batch the gradient a row evaluates is the next
 * update's, and counts; a mini-batch method's row evaluation and every TestErr do not).
 *
 * Divergence: a non-finite mini-batch loss or objective, or a non-finite θ, after an update stops the run; θ is
 * then the iterate before that update (whose values were all finite), and `updates` does not count it.
 * Deterministic given θ⁰ and the seed.
 */
import { performance } from 'node:perf_hooks';
import { BatchSchedule } from './batches.ts';
import type { Objective } from './objective.ts';
import { makeOptimizer, type BaselineId, type OptimizerSettings } from './optimizers.ts';

/** Everything that determines a run besides θ⁰ and the seed. */
export interface TrainSettings extends OptimizerSettings {
  /** Passes over the training units (T1 steps or n samples). */
  readonly epochs: number;
  /** Mini-batch size (≥ units: full batch). */
  readonly batch: number;
}

/** One trace row (see the module header). */
export interface BaselineTraceRow {
  readonly epoch: number;
  /** Updates so far. */
  readonly updates: number;
  readonly loss: number;
  readonly gradNorm: number;
  readonly paramNorm: number;
  /** ‖·‖_F of each block of θ, in the objective's block order. */
  readonly norms: readonly number[];
  /** Only when the task has a test part. */
  readonly testErr?: number;
  readonly timeMs: number;
}

/** What a run returns. */
export interface BaselineRun {
  readonly status: 'completed' | 'diverged';
  /** Why it stopped, for a diverged run. */
  readonly divergence?: string;
  /** Completed epochs and updates. */
  readonly epochs: number;
  readonly updates: number;
  /** Batches per epoch. */
  readonly batchesPerEpoch: number;
  /** Final θ (the last finite one for a diverged run), a copy. */
  readonly theta: Float64Array;
  readonly trace: readonly BaselineTraceRow[];
  /** TrainErr / TestErr (NaN: no test part) at the final θ. */
  readonly trainErr: number;
  readonly testErr: number;
}

/** Called after each trace row (for progress displays). */
export type EpochObserver = (row: BaselineTraceRow, of: number) => void;

/** Train `obj` from its current θ with the update rule `id`. */
export function trainBaseline(id: BaselineId, obj: Objective, s: TrainSettings, seed: number, onEpoch?: EpochObserver): BaselineRun {
  const schedule = new BatchSchedule(obj.units, s.batch, obj.model !== 'mlp', seed);
  const opt = makeOptimizer(id, s, obj.theta.length);
  const { theta, grad } = obj;
  const prev = new Float64Array(theta.length);
  const trace: BaselineTraceRow[] = [];
  let updates = 0, timeMs = 0, epoch = 0;
  let divergence: string | undefined;
  const record = (loss: number): void => {
    const row = traceRow(obj, epoch, updates, loss, timeMs);
    trace.push(row);
    onEpoch?.(row, s.epochs);
  };
  // A value became non-finite after update `updates`: return to the iterate before that update.
  const fail = (what: string): void => {
    if (updates > 0) {
      theta.set(prev);
      divergence = `${what} after update ${updates} (epoch ${epoch}); kept the iterate before it`;
      updates--;
    } else divergence = `${what} at θ⁰`;
  };
  let loss = obj.fullLoss(true);
  if (!Number.isFinite(loss)) fail(`non-finite training objective (${loss})`);
  else record(loss);
  for (epoch = 1; epoch <= s.epochs && divergence === undefined; epoch++) {
    const t0 = performance.now();
    schedule.nextEpoch();
    for (let k = 0; k < schedule.count; k++) {
      if (!schedule.full) {
        const l = obj.batchLoss(schedule, k);
        if (!Number.isFinite(l)) {
          fail(`non-finite mini-batch loss (${l})`);
          break;
        }
      }
      prev.set(theta);
      opt.step(theta, grad, ++updates);
      if (!allFinite(theta)) {
        fail('non-finite parameters');
        break;
      }
    }
    timeMs += performance.now() - t0;
    if (divergence !== undefined) break;
    const t1 = performance.now();
    loss = obj.fullLoss(true);
    if (schedule.full) timeMs += performance.now() - t1;
    if (!Number.isFinite(loss)) {
      fail(`non-finite training objective (${loss})`);
      break;
    }
    record(loss);
  }
  const done = trace.length > 0 ? trace[trace.length - 1].epoch : 0;
  const trainErr = obj.trainErr();
  obj.fullLoss(false);
  const testErr = obj.testErr();
  return {
    status: divergence === undefined ? 'completed' : 'diverged', ...(divergence === undefined ? {} : { divergence }),
    epochs: done, updates, batchesPerEpoch: schedule.count, theta: theta.slice(), trace,
    trainErr, testErr,
  };
}

function traceRow(obj: Objective, epoch: number, updates: number, loss: number, timeMs: number): BaselineTraceRow {
  const { theta, grad } = obj;
  let g = 0;
  for (let i = 0; i < grad.length; i++) g += grad[i] * grad[i];
  let total = 0;
  const norms = obj.offsets.map((o, b) => {
    let q = 0;
    for (let i = o; i < o + obj.sizes[b]; i++) q += theta[i] * theta[i];
    total += q;
    return Math.sqrt(q);
  });
  const testErr = obj.testErr();
  return {
    epoch, updates, loss, gradNorm: Math.sqrt(g), paramNorm: Math.sqrt(total), norms,
    ...(Number.isNaN(testErr) ? {} : { testErr }), timeMs,
  };
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
