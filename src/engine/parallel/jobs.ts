/**
 * The units of work a verify run is cut into for worker threads, and how their results are put back together.
 *
 * A claim job runs some sub-shards of one claim; a cell job runs one mutant-matrix cell. Jobs name claims,
 * ledgers and mutants by id and carry only plain run options, so a worker that loaded the same ledgers computes
 * exactly what the main thread would. Sub-shards use the runner's shard contract (see `runner.ts`): sub-shard j
 * of C inside shard i/n is shard (i−1)·C + j of n·C, and sub-shards 1…C tile shard i/n's run range exactly,
 * so {@link mergeClaimRuns} reproduces the unsplit run (counts, sorted samples, first violation and its shrink).
 */
import { mergeTallies, aggregateVerdict, checkInconclusive } from '../stats.ts';
import { runClaim, runClaimAsync, type ClaimRun, type ProgressEvent, type RunOptions, type Shard } from '../runner.ts';
import { runMutantCell, runMutantCellAsync, type MutantCounts } from '../mutantMatrix.ts';
import type { PaperLedger, RegisteredClaim, Scale } from '../types.ts';

/** Run options every job of one verify run shares (all plain data: they cross thread boundaries). */
export interface JobRunOptions {
  seed: number;
  scale: Scale;
  runs?: number;
  factor: number;
  rtol: number;
  /** Stop drawing new instances once `Date.now() ≥ deadline` (epoch ms). */
  deadline?: number;
}

/** Sub-shards of one claim, run in order by one worker. */
export interface ClaimJob {
  kind: 'claim';
  claim: string;
  /** Runner shards (already composed with the user's `--shard`), ascending. */
  shards: (Shard | null)[];
  /** Shrink the first violation found (false once a lower run range already has a counterexample). */
  shrink: boolean;
  opts: JobRunOptions;
}

/** One mutant-matrix cell (`mutant: null` is the claim's baseline cell). */
export interface CellJob {
  kind: 'cell';
  claim: string;
  mutant: string | null;
  runsPerCell: number;
  shard: Shard | null;
  opts: JobRunOptions;
}

export type Job = ClaimJob | CellJob;

/** What a job gives back. */
export type JobResult = { kind: 'claim'; runs: ClaimRun[] } | { kind: 'cell'; counts: MutantCounts };

/** Human label of a job for error messages. */
export function jobLabel(job: Job): string {
  if (job.kind === 'claim') return `claim ${job.claim}`;
  return job.mutant === null ? `claim ${job.claim} (mutant matrix baseline)` : `claim ${job.claim} under mutant ${job.mutant}`;
}

/** Sub-shard `j` (1-based) of `count` inside the user's shard (null: the whole run). */
export function composeShard(user: Shard | null, j: number, count: number): Shard | null {
  const i = user && user.count > 1 ? user : { index: 1, count: 1 };
  if (count <= 1) return i.count > 1 ? i : null;
  return { index: (i.index - 1) * count + j, count: i.count * count };
}

const lowest = <T extends { runIndex: number }>(xs: readonly (T | null)[]): T | null => {
  let best: T | null = null;
  for (const x of xs) if (x !== null && (best === null || x.runIndex < best.runIndex)) best = x;
  return best;
};

/**
 * Merge the runs of consecutive sub-shards of one claim into the run of their union (see the module
 * documentation): counts add, samples merge sorted, the lowest-index first violation/inconclusive/unmet wins.
 */
export function mergeClaimRuns(parts: readonly ClaimRun[]): ClaimRun {
  if (parts.length === 0) throw new Error('mergeClaimRuns: nothing to merge');
  if (parts.length === 1) return parts[0];
  const first = parts[0];
  const tally = mergeTallies(...parts.map((p) => p.tally));
  // Every field is listed (no spread): a field added to ClaimRun fails to compile here until it is merged.
  return {
    claim: first.claim,
    plannedRuns: first.plannedRuns,
    range: { from: Math.min(...parts.map((p) => p.range.from)), to: Math.max(...parts.map((p) => p.range.to)) },
    tally,
    verdict: aggregateVerdict(tally),
    counterexample: lowest(parts.map((p) => p.counterexample)),
    firstInconclusive: lowest(parts.map((p) => p.firstInconclusive)),
    firstUnmet: lowest(parts.map((p) => p.firstUnmet)),
    firstEngineError: lowest(parts.map((p) => p.firstEngineError)),
    inconclusive: checkInconclusive(tally, first.inconclusive.rate),
    budgetExhausted: parts.some((p) => p.budgetExhausted),
    durationMs: parts.reduce((s, p) => s + p.durationMs, 0),
  };
}

/** Where a worker finds a claim, and the ledger holding it, by id. */
export type JobLookup = (id: string) => { claim: RegisteredClaim; ledger: PaperLedger } | undefined;

/**
 * Run one job in-process, synchronously (tests, schedulers simulated step by step). Throws when the job names a
 * claim the ledgers lack. `onProgress` sees the runner's events of claim jobs.
 */
export function runJob(lookup: JobLookup, job: Job, onProgress?: (e: ProgressEvent) => void): JobResult {
  const { claim, cell, shards } = plan(lookup, job, onProgress);
  if (cell !== null) return { kind: 'cell', counts: runMutantCell(claim, cell.mutant, cell.runsPerCell, cell.opts) };
  const out: ClaimRun[] = [];
  for (const next = shards(); ;) {
    const o = next(out);
    if (o === null) return { kind: 'claim', runs: out };
    out.push(runClaim(claim, o));
  }
}

/**
 * Run one job through the runner's async path, as a worker does, so asynchronous claims run in workers too; it
 * gives {@link runJob}'s results exactly (the async path equals the sync one, test/engine/async.test.ts).
 */
export async function runJobAsync(lookup: JobLookup, job: Job, onProgress?: (e: ProgressEvent) => void): Promise<JobResult> {
  const { claim, cell, shards } = plan(lookup, job, onProgress);
  if (cell !== null) return { kind: 'cell', counts: await runMutantCellAsync(claim, cell.mutant, cell.runsPerCell, cell.opts) };
  const out: ClaimRun[] = [];
  for (const next = shards(); ;) {
    const o = next(out);
    if (o === null) return { kind: 'claim', runs: out };
    out.push(await runClaimAsync(claim, o));
  }
}

/**
 * A job's claim, and either its cell (mutant, runs, options) or a generator of its sub-shards' run options: each
 * call gets the runs so far and returns the next sub-shard's options (null when done). A violation later in the
 * range than one already found is only counted: the lowest run index wins, so later sub-shards do not shrink.
 */
function plan(lookup: JobLookup, job: Job, onProgress?: (e: ProgressEvent) => void): {
  claim: RegisteredClaim;
  cell: { mutant: string | null; runsPerCell: number; opts: RunOptions } | null;
  shards: () => (runs: readonly ClaimRun[]) => RunOptions | null;
} {
  const found = lookup(job.claim);
  if (found === undefined) throw new Error(`claim ${job.claim} is not in this worker's ledgers`);
  const { claim } = found;
  const { seed, scale, runs, factor, rtol, deadline } = job.opts;
  if (job.kind === 'cell') {
    return { claim, cell: { mutant: job.mutant, runsPerCell: job.runsPerCell, opts: { seed, scale, rtol, deadline, shard: job.shard } }, shards: () => () => null };
  }
  const shards = () => {
    let i = 0;
    let shrink = job.shrink;
    // Progress counts of the job so far: the runner's restart with each sub-shard.
    const before = { done: 0, holds: 0, violated: 0, unmet: 0, inconclusive: 0, errors: 0 };
    const progress = onProgress && ((e: ProgressEvent): void => onProgress({
      ...e, done: before.done + e.done, holds: before.holds + e.holds, violated: before.violated + e.violated,
      unmet: before.unmet + e.unmet, inconclusive: before.inconclusive + e.inconclusive, errors: before.errors + e.errors,
    }));
    return (done: readonly ClaimRun[]): RunOptions | null => {
      const last = done[done.length - 1];
      if (last !== undefined) {
        if (last.counterexample !== null) shrink = false;
        const t = last.tally;
        before.done += t.runs; before.holds += t.holds; before.violated += t.violated; before.unmet += t.unmet; before.inconclusive += t.inconclusive; before.errors += t.errors;
      }
      if (i >= job.shards.length) return null;
      const shard = job.shards[i++];
      return { seed, scale, runs, factor, rtol, deadline, shard, onProgress: progress, ...(shrink ? {} : { maxShrinkEvals: 0 }) };
    };
  };
  return { claim, cell: null, shards };
}
