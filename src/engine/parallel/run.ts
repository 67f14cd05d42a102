/**
 * Run claims and mutant matrices on a {@link WorkerPool}: the parallel counterpart of calling `runClaim` on each
 * claim and `runMutantMatrix` on each ledger, with the same results (see `jobs.ts` for why they are exact).
 */
import { assembleMatrix, matrixClaims, type MutantMatrix } from '../mutantMatrix.ts';
import { type ClaimRun, type ProgressEvent, type Shard } from '../runner.ts';
import type { PaperLedger, RegisteredClaim, Scale } from '../types.ts';
import type { WorkerPool } from './pool.ts';
import { Scheduler, type Dispatch, type MatrixPlan } from './schedule.ts';

/** Options of {@link runParallel}. */
export interface ParallelRunOptions {
  claims: readonly RegisteredClaim[];
  /** Ledgers whose mutant matrix to run, each with its selected claims (solver-independent ones are skipped). */
  matrices: readonly { ledger: PaperLedger; claims: readonly RegisteredClaim[] }[];
  seed: number;
  scale: Scale;
  runs?: number;
  factor: number;
  rtol: number;
  shard: Shard | null;
  runsPerCell: number;
  /** Epoch ms: claims stop drawing instances (time budget). */
  claimsEnd?: number;
  /** Epoch ms: matrix cells stop drawing instances. */
  matrixEnd?: number;
  onProgress?: (e: ProgressEvent) => void;
  /** Each claim's run as soon as it and every claim before it are done (report order). */
  onClaimRun?: (index: number, run: ClaimRun) => void;
}

/** Per-claim counts for progress lines: finished jobs plus the latest event of each running one. */
type Counts = Pick<ProgressEvent, 'done' | 'holds' | 'violated' | 'unmet' | 'inconclusive' | 'errors'>;
const zero = (): Counts => ({ done: 0, holds: 0, violated: 0, unmet: 0, inconclusive: 0, errors: 0 });

/** Run everything on the pool; resolves to the claim runs in the given order and the matrices. */
export async function runParallel(pool: WorkerPool, o: ParallelRunOptions): Promise<{ claimRuns: ClaimRun[]; matrices: MutantMatrix[] }> {
  const plans: MatrixPlan[] = o.matrices.map((m) => ({ claims: matrixClaims(m.claims), mutants: Object.keys(m.ledger.mutants ?? {}) }));
  const scheduler = new Scheduler({
    workers: pool.size, claims: o.claims, matrices: plans, shard: o.shard, runsPerCell: o.runsPerCell,
    run: { seed: o.seed, scale: o.scale, factor: o.factor, rtol: o.rtol, ...(o.runs === undefined ? {} : { runs: o.runs }) },
    claimsEnd: o.claimsEnd, matrixEnd: o.matrixEnd,
  });
  const finished = new Map<string, Counts>();
  const live = new Map<Dispatch, Counts>();
  const add = (a: Counts, b: Counts): void => {
    a.done += b.done; a.holds += b.holds; a.violated += b.violated; a.unmet += b.unmet; a.inconclusive += b.inconclusive; a.errors += b.errors;
  };
  await pool.run(scheduler, {
    onProgress: (d, e) => {
      if (o.onProgress === undefined) return;
      live.set(d, e);
      const s = { ...(finished.get(e.claim) ?? zero()) };
      for (const [x, c] of live) if (x.job.claim === e.claim) add(s, c);
      o.onProgress({ claim: e.claim, phase: e.phase === 'shrinking' ? 'shrinking' : 'running', planned: scheduler.rangeSize(e.claim), ...s });
    },
    onComplete: (d, r) => {
      live.delete(d);
      if (r.kind === 'claim') {
        const f = finished.get(d.job.claim) ?? zero();
        for (const { tally: t } of r.runs) add(f, { done: t.runs, holds: t.holds, violated: t.violated, unmet: t.unmet, inconclusive: t.inconclusive, errors: t.errors });
        finished.set(d.job.claim, f);
      }
      for (const { index, run } of scheduler.takeDoneInOrder()) o.onClaimRun?.(index, run);
    },
  });
  const matrices = o.matrices.map((m, i) => {
    const { baseline, cells } = scheduler.matrixCounts(i);
    return assembleMatrix(m.ledger, plans[i].claims, o.runsPerCell, baseline, cells);
  });
  return { claimRuns: scheduler.claimRuns(), matrices };
}

