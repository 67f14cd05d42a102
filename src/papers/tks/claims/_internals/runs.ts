/**
 * The solver as the TKS claims call it: one block update on a copy of a point, and runs of Algorithm 1 that hand
 * every iteration to a callback as three points of (8) — before the iteration, after the primal sweep (before the
 * multipliers (15)), and after it. Planted faults reach the solver through its block context, never globally.
 */
import type { BlockContext } from '../../solver/blocks.ts';
import { flagsOf } from '../../solver/faults.ts';
import { admmIteration, ALGORITHM1_ORDER, invalidateProducts, runBlock, runMultipliers, TksDivergenceError, type BlockName } from '../../solver/iteration.ts';
import { allocWorkspace } from '../../solver/workspace.ts';
import type { TksPoint } from '../../theory/lagrangian.ts';
import { hOf } from './common.ts';
import type { RunCase } from './families.ts';
import { buildPoint, clonePoint } from './points.ts';

/** The block context of a point with the given faults switched on. */
export function ctxOf(pt: TksPoint, faults: ReadonlySet<string>): BlockContext {
  return { dims: pt.batch.dims, hp: pt.hp, H: hOf(pt), faults: flagsOf(faults) };
}

/** One block update of the solver on a copy of `pt`; returns the new point. */
export function solverBlock(pt: TksPoint, X: BlockName, faults: ReadonlySet<string>): TksPoint {
  const q = clonePoint(pt);
  const ws = allocWorkspace(q.batch.dims, q.batch.x.kind === 'dense');
  invalidateProducts(ws);
  runBlock(ctxOf(q, faults), X, q, ws);
  return q;
}

/** The multiplier step (15) of the solver on a copy of `pt`; returns the new point. */
export function solverMultipliers(pt: TksPoint, faults: ReadonlySet<string>): TksPoint {
  const q = clonePoint(pt);
  const ws = allocWorkspace(q.batch.dims, q.batch.x.kind === 'dense');
  invalidateProducts(ws);
  runMultipliers(ctxOf(q, faults), q, ws);
  return q;
}

/** One iteration of a run, as points of (8). */
export interface IterationStep {
  /** 1-based iteration number. */
  k: number;
  before: TksPoint;
  /** After the primal sweep, before the multipliers (15). */
  primal: TksPoint;
  after: TksPoint;
}

/** How a run ended. */
export interface RunResult {
  /** The start point. */
  start: TksPoint;
  /** Why the run stopped early (a non-finite iterate), or null. */
  diverged: string | null;
}

/** Run Algorithm 1 for c.K iterations (at least `minK`), calling `each` after every iteration. */
export function iterateRun(c: RunCase, faults: ReadonlySet<string>, each: (s: IterationStep) => void, minK = 0): RunResult {
  const pt = buildPoint(c.point);
  const start = clonePoint(pt);
  const ws = allocWorkspace(pt.batch.dims, pt.batch.x.kind === 'dense');
  invalidateProducts(ws);
  const ctx = ctxOf(pt, faults);
  const last = ALGORITHM1_ORDER.length - 1;
  for (let k = 1; k <= Math.max(c.K, minK); k++) {
    const before = clonePoint(pt);
    let primal = before;
    try {
      admmIteration(ctx, pt, ws, { onBlock: (_n, i) => { if (i === last) primal = clonePoint(pt); } });
    } catch (e) {
      if (e instanceof TksDivergenceError) return { start, diverged: `iteration ${k}: ${e.message}` };
      throw e;
    }
    each({ k, before, primal, after: clonePoint(pt) });
  }
  return { start, diverged: null };
}
