/**
 * The question of TKS Figs 11–12 as a measurement: vanilla ADMMiRNN, SP and AP from one initialization, with
 * iterations per second, the loss against iterations and against wall time, and the time each needs to reach
 * the same loss. For the bench (`bench/tks-parallel.ts`) and for experiments that want to re-ask it.
 *
 * "The loss" of a trace is the mean batch loss (R at each visit's feasible start, nats per character) over the
 * last `window` iterations — the held-out loss is only known at the end of a parallel run. "The same loss" is the
 * worst of the variants' final smoothed losses (each variant reached it), unless `targetLoss` is given.
 */
import type { TextTask } from '../../problem/text.ts';
import type { Hyper, Params } from '../../problem/types.ts';
import { trainText } from '../train.ts';
import { trainParallel, type ParallelReport, type ParallelWorkers } from './master.ts';
import type { Groups } from './roles.ts';

/** A variant to compare. */
export type CompareVariant = 'vanilla' | 'sp' | 'ap';

/** Options of {@link compareParallelVariants}. */
export interface CompareOptions {
  task: TextTask;
  init: Params;
  hyper: Hyper;
  variants: readonly CompareVariant[];
  /** Iterations of each run (with `timeBudgetMs`: at most). */
  iterations: number;
  timeBudgetMs?: number;
  /** Smoothing window of the batch loss (iterations, default 50). */
  window?: number;
  targetLoss?: number;
  /** Workers to run the parallel variants on (default: a pool of their own per run). */
  pool?: ParallelWorkers;
  /** How Fig. 3's groups share the two workers in the SP and AP runs (default: the runs' default, `roles.ts`). */
  groups?: Groups;
  /** η of the SP and AP runs (default: the runs' default, `master.ts`). */
  stepScale?: number;
  /** Called before each run (e.g. to print the machine's load). */
  onStart?: (variant: CompareVariant) => void;
}

/** One variant's numbers. */
export interface CompareRow {
  variant: CompareVariant;
  iterations: number;
  /** Training wall time (ms; evaluation excluded) and iterations per second. */
  trainMs: number;
  itersPerSec: number;
  /** The target loss and the first time / iteration at which the smoothed batch loss reached it (null: never). */
  targetLoss: number;
  timeToLoss: number | null;
  itersToLoss: number | null;
  /** Smoothed batch loss at the end, held-out and training loss of the final parameters (nats per character). */
  finalLoss: number;
  heldOutLoss: number;
  trainLoss: number;
  /** The smoothed loss curve: [iteration, time ms, loss] every `window` iterations. */
  curve: [number, number, number][];
  /** Parallel variants: staleness and where the time went. */
  parallel?: ParallelReport;
}

/** Mean of the batch losses over the last `w` rows ending at each row (shorter at the start). */
export function smoothed(losses: readonly number[], w: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < losses.length; i++) {
    sum += losses[i];
    if (i >= w) sum -= losses[i - w];
    out.push(sum / Math.min(i + 1, w));
  }
  return out;
}

/** Run each variant from `init` and measure it; see the module documentation. */
export async function compareParallelVariants(o: CompareOptions): Promise<CompareRow[]> {
  const w = o.window ?? 50;
  const runs: { variant: CompareVariant; rows: { k: number; timeMs: number; batchLoss: number }[]; trainMs: number; heldOutLoss: number; trainLoss: number; parallel?: ParallelReport }[] = [];
  for (const variant of o.variants) {
    o.onStart?.(variant);
    const budget = o.timeBudgetMs !== undefined ? { timeBudgetMs: o.timeBudgetMs } : {};
    if (variant === 'vanilla') {
      const r = trainText(o.task, o.init, { hyper: o.hyper, iterations: o.iterations, ...budget });
      runs.push({ variant, rows: r.trace, trainMs: r.trainMs, heldOutLoss: r.heldOutLoss, trainLoss: r.trainLoss });
    } else {
      const ro = { variant, workers: 2, hyper: o.hyper, iterations: o.iterations, ...budget, ...(o.groups ? { groups: o.groups } : {}), ...(o.stepScale !== undefined ? { stepScale: o.stepScale } : {}) };
      const r = o.pool ? await o.pool.run(o.init, ro) : await trainParallel(o.task, o.init, ro);
      runs.push({ variant, rows: r.trace, trainMs: r.trainMs, heldOutLoss: r.heldOutLoss, trainLoss: r.trainLoss, parallel: r.parallel });
    }
  }
  const curves = runs.map((r) => smoothed(r.rows.map((x) => x.batchLoss), w));
  const finals = curves.map((c) => c[c.length - 1] ?? NaN);
  const target = o.targetLoss ?? Math.max(...finals);
  return runs.map((r, i) => {
    const c = curves[i];
    // the first row with a full window at or below the target
    const hit = c.findIndex((x, k) => k + 1 >= Math.min(w, c.length) && x <= target);
    const curve: [number, number, number][] = [];
    for (let k = w - 1; k < c.length; k += w) curve.push([r.rows[k].k, r.rows[k].timeMs, c[k]]);
    return {
      variant: r.variant, iterations: r.rows.length, trainMs: r.trainMs, itersPerSec: r.trainMs > 0 ? (1000 * r.rows.length) / r.trainMs : 0,
      targetLoss: target, timeToLoss: hit >= 0 ? r.rows[hit].timeMs : null, itersToLoss: hit >= 0 ? r.rows[hit].k : null,
      finalLoss: finals[i], heldOutLoss: r.heldOutLoss, trainLoss: r.trainLoss, curve,
      ...(r.parallel ? { parallel: r.parallel } : {}),
    };
  });
}
