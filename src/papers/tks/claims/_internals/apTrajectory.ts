/**
 * What a run of AP-ADMMiRNN on one Problem 2 (`solver/parallel/staleSweep.ts`) leaves for the Lemma 1 claims: per
 * iterate, ‖(θ, λ)‖ and dist(0, ∂L_ρ) (theory/kkt.ts), recomputed by the oracles from the points. The delays are
 * drawn here from the case (never by the solver), one per state block and iteration.
 */
import { oracle } from '../../../../engine/attribution.ts';
import { mulberry32 } from '../../../../core/rng.ts';
import { apIteration, newParamHistory } from '../../solver/parallel/staleSweep.ts';
import { TksDivergenceError } from '../../solver/iteration.ts';
import { allocWorkspace } from '../../solver/workspace.ts';
import { kktResidual } from '../../theory/kkt.ts';
import { lagrangianScale } from './common.ts';
import type { ApRunCase } from './families.ts';
import { buildPoint } from './points.ts';
import { ctxOf } from './runs.ts';
import { normOf } from './trajectory.ts';

/** One AP run's record: index 0 is the start. */
export interface ApTrajectory {
  norm: number[];
  dist: number[];
  /** The largest delay any block read (≤ τ − 1). */
  maxDelay: number;
  scale: number;
  diverged: string | null;
}

/** Run AP-ADMMiRNN on the case for max(K, minK) iterations and record it. */
export function apTrajectory(c: ApRunCase, faults: ReadonlySet<string>, minK = 0): ApTrajectory {
  const pt = buildPoint(c.run.point);
  const ws = allocWorkspace(pt.batch.dims, pt.batch.x.kind === 'dense');
  const ctx = ctxOf(pt, faults);
  const hist = newParamHistory(pt.p, c.tau);
  const u = c.delays === 'worst' ? null : mulberry32(c.delays);
  const t: ApTrajectory = { norm: [normOf(pt)], dist: [oracle(() => kktResidual(pt).dist, 'kktResidual')], maxDelay: 0, scale: lagrangianScale(pt), diverged: null };
  for (let k = 1; k <= Math.max(c.run.K, minK); k++) {
    try {
      // before iteration τ − 1 the older slots still hold θ⁰: a delay then reads θ⁰
      apIteration(ctx, pt, ws, hist, () => {
        const d = u ? Math.floor(u() * c.tau) : c.tau - 1;
        t.maxDelay = Math.max(t.maxDelay, d);
        return d;
      });
    } catch (e) {
      if (e instanceof TksDivergenceError) {
        t.diverged = `iteration ${k}: ${e.message}`;
        return t;
      }
      throw e;
    }
    t.norm.push(normOf(pt));
    t.dist.push(oracle(() => kktResidual(pt).dist, 'kktResidual'));
  }
  return t;
}
