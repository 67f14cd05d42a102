/**
 * {@link runVerification} on worker threads: the same report (verdicts, counts, samples, counterexamples,
 * mutant matrix, order; timings aside), computed by a pool of workers that load the ledgers themselves from a
 * {@link LedgerSource}. Fixtures are replayed on the main thread while the workers start.
 */
import { WorkerPool } from '../engine/parallel/pool.ts';
import { runParallel } from '../engine/parallel/run.ts';
import type { LedgerSource } from '../engine/parallel/source.ts';
import { DEFAULT_MUTANT_RUNS } from '../engine/mutantMatrix.ts';
import { assembleReport, matrixLedgers, prepareRun, replaySelectedFixturesAsync, reportClaim, type VerifyOptions } from './build.ts';
import type { ClaimReport, VerifyReport } from './schema.ts';

/** Options of {@link runVerificationParallel}. */
export interface ParallelVerifyOptions extends VerifyOptions {
  /** Worker threads (≥ 1). */
  jobs: number;
  /** Where the workers load the ledgers from; must give the same ledgers as `ledgers`. */
  ledgerSource: LedgerSource;
}

/**
 * Run a verification on `jobs` worker threads. Claim runs are split into sub-shards and merged exactly, so the
 * report equals {@link runVerification}'s. With a time budget, claims are not split and each job gets a fair
 * share of the time left (claims half, the matrix the rest, as in the sequential run), measured by the wall
 * clock (`Date.now`, also in the workers). Rejects with a `ParallelRunError` naming the claim when a worker
 * fails; nothing is reported then.
 */
export async function runVerificationParallel(opts: ParallelVerifyOptions): Promise<VerifyReport> {
  const p = prepareRun(opts);
  const wall0 = Date.now();
  const pool = new WorkerPool(opts.ledgerSource, Math.max(1, Math.floor(opts.jobs)));
  try {
    const fixtures = await replaySelectedFixturesAsync(p, opts);
    opts.onFixtures?.(fixtures);
    const budgetMs = opts.timeBudgetSec ? opts.timeBudgetSec * 1000 : null;
    const reports: ClaimReport[] = new Array<ClaimReport>(p.claims.length);
    const { matrices } = await runParallel(pool, {
      claims: p.claims,
      matrices: opts.mutants ? matrixLedgers(p) : [],
      seed: p.seed, scale: p.scale, runs: opts.runs, factor: opts.factor ?? 1, rtol: p.rtol, shard: opts.shard ?? null,
      runsPerCell: opts.mutantRuns ?? DEFAULT_MUTANT_RUNS,
      ...(budgetMs === null ? {} : { claimsEnd: Date.now() + (opts.mutants ? budgetMs / 2 : budgetMs), matrixEnd: wall0 + budgetMs }),
      onProgress: opts.onProgress,
      onClaimRun: (i, run) => {
        reports[i] = reportClaim(p, p.claims[i], run);
        opts.onClaimDone?.(reports[i]);
      },
    });
    return assembleReport(p, opts, fixtures, reports, opts.mutants ? matrices : null);
  } finally {
    await pool.close();
  }
}
