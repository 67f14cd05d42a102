/**
 * The work queue of a parallel verify run: which job an idle worker gets next.
 *
 * Claim costs differ by 100× and are not known in advance, so each claim's run range is cut into up to
 * {@link MAX_SUB_SHARDS} sub-shards and served from the front: its first sub-shard is a probe that measures the
 * claim's cost per run; after that an idle worker gets the claim with the most estimated work left (longest
 * first), a group of its next sub-shards sized so that the jobs shrink as the run nears its end. Matrix cells are
 * single jobs priced with their claim's measured cost. Under a time budget nothing is split (a claim's runs stay
 * a prefix of its range), jobs go out in report order, and each gets a fair share of its phase's remaining time.
 *
 * The schedule decides only where and when work runs, never what is computed: any order gives the same report.
 */
import { plannedRuns, shardRange, type ClaimRun, type Shard } from '../runner.ts';
import { cellRuns, type MutantCounts } from '../mutantMatrix.ts';
import type { RegisteredClaim } from '../types.ts';
import { composeShard, mergeClaimRuns, type Job, type JobResult, type JobRunOptions } from './jobs.ts';

/** At most this many sub-shards per claim. */
export const MAX_SUB_SHARDS = 64;
/** A sub-shard has at least this many runs (fewer, cheaper fast-check calls for cheap claims). */
export const MIN_SUB_SHARD_RUNS = 4;
/** Bounds on the estimated duration of one claim job (ms). */
export const MIN_JOB_MS = 50;
export const MAX_JOB_MS = 1000;

/** One mutant matrix to run: cells of `claims` (already without solver-independent ones) under `mutants`. */
export interface MatrixPlan {
  claims: readonly RegisteredClaim[];
  /** Mutant ids in declaration order. */
  mutants: readonly string[];
}

/** Options of a {@link Scheduler}. */
export interface ScheduleOptions {
  workers: number;
  /** Selected claims in report order. */
  claims: readonly RegisteredClaim[];
  matrices: readonly MatrixPlan[];
  run: Omit<JobRunOptions, 'deadline'>;
  shard: Shard | null;
  runsPerCell: number;
  /** Epoch ms by which claim jobs stop drawing instances (a time budget); splitting is off when set. */
  claimsEnd?: number;
  /** Epoch ms by which matrix cells stop drawing instances. */
  matrixEnd?: number;
  now?: () => number;
}

interface ClaimState {
  claim: RegisteredClaim;
  planned: number;
  subCount: number;
  /** Next sub-shard (1-based) not yet handed out. */
  next: number;
  parts: (ClaimRun | undefined)[];
  partsDone: number;
  ms: number;
  runs: number;
  /** A counterexample is known: later sub-shards only count violations. */
  hasCounterexample: boolean;
  merged: ClaimRun | null;
}

interface CellState {
  matrix: number;
  /** −1: baseline; else index into the matrix's mutants. */
  mutant: number;
  claimIndex: number;
  /** Index of the claim in the report's claim list (for its measured cost). */
  reportIndex: number;
  runs: number;
  counts: MutantCounts | null;
  dispatched: boolean;
}

/** A job handed out, with what the scheduler needs to file its result. */
export interface Dispatch {
  job: Job;
  ticket: { type: 'claim'; index: number; from: number } | { type: 'cell'; index: number };
}

/** Dynamic work-pulling queue; see the module documentation. */
export class Scheduler {
  private readonly claims: ClaimState[];
  private readonly cells: CellState[] = [];
  private readonly now: () => number;
  private readonly split: boolean;
  private claimsUndispatched: number;
  private cellsUndispatched: number;
  private emitted = 0;

  constructor(private readonly o: ScheduleOptions) {
    this.now = o.now ?? Date.now;
    this.split = o.claimsEnd === undefined && o.matrixEnd === undefined;
    this.claims = o.claims.map((claim) => {
      const planned = plannedRuns(claim, o.run.scale, o.run.runs, o.run.factor);
      const r = shardRange(planned, o.shard);
      const subCount = this.split ? Math.max(1, Math.min(MAX_SUB_SHARDS, Math.floor((r.to - r.from) / MIN_SUB_SHARD_RUNS))) : 1;
      return { claim, planned, subCount, next: 1, parts: new Array<ClaimRun | undefined>(subCount), partsDone: 0, ms: 0, runs: 0, hasCounterexample: false, merged: null };
    });
    this.claimsUndispatched = this.claims.length;
    const reportIndex = new Map(o.claims.map((c, i) => [c.id, i]));
    o.matrices.forEach((m, matrix) => {
      for (let mutant = -1; mutant < m.mutants.length; mutant++) {
        m.claims.forEach((c, claimIndex) => {
          const ri = reportIndex.get(c.id);
          if (ri === undefined) throw new Error(`matrix claim ${c.id} is not among the selected claims`);
          const runs = shardRange(cellRuns(c, o.runsPerCell, { scale: o.run.scale }), o.shard);
          this.cells.push({ matrix, mutant, claimIndex, reportIndex: ri, runs: runs.to - runs.from, counts: null, dispatched: false });
        });
      }
    });
    this.cellsUndispatched = this.cells.length;
  }

  /** Every job has been handed out and filed. */
  get finished(): boolean {
    return this.claims.every((c) => c.merged !== null) && this.cells.every((c) => c.counts !== null);
  }

  /** Number of runs of a claim in this run (its shard's range), 0 for an unknown claim. */
  rangeSize(id: string): number {
    const c = this.claims.find((x) => x.claim.id === id);
    return c === undefined ? 0 : this.subRuns(c, 1, c.subCount);
  }

  /** Estimated ms per run of a claim (null until one of its jobs came back). */
  private perRun(i: number): number | null {
    const c = this.claims[i];
    return c.partsDone === 0 ? null : c.ms / Math.max(1, c.runs);
  }

  /** Estimated ms of everything not yet handed out (unknown costs count as nothing). */
  private remainingMs(): number {
    let s = 0;
    this.claims.forEach((c, i) => {
      const p = this.perRun(i);
      if (p !== null) s += p * this.subRuns(c, c.next, c.subCount);
    });
    for (const x of this.cells) {
      const p = this.perRun(x.reportIndex);
      if (!x.dispatched && p !== null) s += p * x.runs;
    }
    return s;
  }

  /** Runs in sub-shards a…b (inclusive) of a claim. */
  private subRuns(c: ClaimState, a: number, b: number): number {
    if (a > b) return 0;
    const lo = shardRange(c.planned, composeShard(this.o.shard, a, c.subCount)).from;
    const hi = shardRange(c.planned, composeShard(this.o.shard, b, c.subCount)).to;
    return hi - lo;
  }

  private deadline(end: number | undefined, left: number): number | undefined {
    if (end === undefined) return undefined;
    const t = this.now();
    return Math.min(end, t + (Math.max(0, end - t) * this.o.workers) / Math.max(1, left));
  }

  /** The next job for an idle worker, or null when nothing can be handed out now. */
  next(): Dispatch | null {
    const pick = this.split ? this.pickLongest() : this.pickInOrder();
    if (pick === null) return null;
    if (pick.type === 'cell') return this.dispatchCell(pick.index);
    return this.dispatchClaim(pick.index, pick.shards);
  }

  private pickInOrder(): { type: 'claim'; index: number; shards: number } | { type: 'cell'; index: number } | null {
    const i = this.claims.findIndex((c) => c.next <= c.subCount);
    if (i >= 0) return { type: 'claim', index: i, shards: this.claims[i].subCount };
    const j = this.cells.findIndex((x) => !x.dispatched);
    return j >= 0 ? { type: 'cell', index: j } : null;
  }

  private pickLongest(): { type: 'claim'; index: number; shards: number } | { type: 'cell'; index: number } | null {
    // Probes first: claims whose cost is unknown, most runs first.
    let probe = -1;
    this.claims.forEach((c, i) => {
      if (c.next === 1 && (probe < 0 || this.subRuns(c, 1, c.subCount) > this.subRuns(this.claims[probe], 1, this.claims[probe].subCount))) probe = i;
    });
    if (probe >= 0) return { type: 'claim', index: probe, shards: 1 };
    let best: { type: 'claim'; index: number; shards: number } | { type: 'cell'; index: number } | null = null;
    let bestMs = -1;
    this.claims.forEach((c, i) => {
      const p = this.perRun(i);
      if (c.next > c.subCount || p === null) return;
      const ms = p * this.subRuns(c, c.next, c.subCount);
      if (ms > bestMs) {
        bestMs = ms;
        best = { type: 'claim', index: i, shards: 0 };
      }
    });
    this.cells.forEach((x, j) => {
      if (x.dispatched) return;
      const p = this.perRun(x.reportIndex);
      // A cell whose claim has no measured cost yet waits for it (its probe is out), unless nothing else is left.
      const ms = p === null ? -0.5 : p * x.runs;
      if (ms > bestMs) {
        bestMs = ms;
        best = { type: 'cell', index: j };
      }
    });
    const chosen = best as { type: 'claim'; index: number; shards: number } | { type: 'cell'; index: number } | null;
    if (chosen === null || chosen.type === 'cell') return chosen;
    // Group sub-shards up to the target job length, which shrinks with the work left (guided self-scheduling).
    const c = this.claims[chosen.index];
    const perRun = this.perRun(chosen.index) ?? 0;
    const target = Math.min(MAX_JOB_MS, Math.max(MIN_JOB_MS, this.remainingMs() / (4 * this.o.workers)));
    let b = c.next;
    while (b < c.subCount && perRun * this.subRuns(c, c.next, b + 1) <= target) b++;
    return { ...chosen, shards: b - c.next + 1 };
  }

  private dispatchClaim(index: number, count: number): Dispatch {
    const c = this.claims[index];
    const from = c.next;
    const shards: (Shard | null)[] = [];
    for (let j = from; j < from + count; j++) shards.push(composeShard(this.o.shard, j, c.subCount));
    c.next += count;
    if (c.next > c.subCount) this.claimsUndispatched--;
    const deadline = this.deadline(this.o.claimsEnd, this.claimsUndispatched + 1);
    return {
      job: { kind: 'claim', claim: c.claim.id, shards, shrink: !c.hasCounterexample, opts: { ...this.o.run, ...(deadline === undefined ? {} : { deadline }) } },
      ticket: { type: 'claim', index, from },
    };
  }

  private dispatchCell(index: number): Dispatch {
    const x = this.cells[index];
    const m = this.o.matrices[x.matrix];
    x.dispatched = true;
    const deadline = this.deadline(this.o.matrixEnd, this.cellsUndispatched--);
    const { seed, scale, rtol } = this.o.run;
    return {
      job: {
        kind: 'cell', claim: m.claims[x.claimIndex].id, mutant: x.mutant < 0 ? null : m.mutants[x.mutant],
        runsPerCell: this.o.runsPerCell, shard: this.o.shard, opts: { seed, scale, factor: 1, rtol, ...(deadline === undefined ? {} : { deadline }) },
      },
      ticket: { type: 'cell', index },
    };
  }

  /** File a job's result. */
  complete(d: Dispatch, r: JobResult): void {
    if (d.ticket.type === 'cell') {
      if (r.kind !== 'cell') throw new Error('a cell job returned a claim result');
      this.cells[d.ticket.index].counts = r.counts;
      return;
    }
    if (r.kind !== 'claim') throw new Error('a claim job returned a cell result');
    const c = this.claims[d.ticket.index];
    if (r.runs.length !== (d.job.kind === 'claim' ? d.job.shards.length : 0)) throw new Error(`claim ${c.claim.id}: a job returned ${r.runs.length} runs for its shards`);
    r.runs.forEach((run, k) => {
      c.parts[d.ticket.type === 'claim' ? d.ticket.from - 1 + k : 0] = run;
      c.ms += run.durationMs;
      c.runs += run.tally.runs;
      if (run.counterexample !== null) c.hasCounterexample = true;
    });
    c.partsDone += r.runs.length;
    if (c.partsDone === c.subCount) c.merged = mergeClaimRuns(c.parts.map((p) => {
      if (p === undefined) throw new Error(`claim ${c.claim.id}: a sub-shard result is missing`);
      return p;
    }));
  }

  /** Claims newly complete at the front of the report order (each returned once, in order). */
  takeDoneInOrder(): { index: number; run: ClaimRun }[] {
    const out: { index: number; run: ClaimRun }[] = [];
    while (this.emitted < this.claims.length) {
      const m = this.claims[this.emitted].merged;
      if (m === null) break;
      out.push({ index: this.emitted++, run: m });
    }
    return out;
  }

  /** The finished claim runs in report order. */
  claimRuns(): ClaimRun[] {
    return this.claims.map((c) => {
      if (c.merged === null) throw new Error(`claim ${c.claim.id} did not finish`);
      return c.merged;
    });
  }

  /** Cell counts of matrix `m`: its baseline and, per mutant, per claim. */
  matrixCounts(m: number): { baseline: MutantCounts[]; cells: MutantCounts[][] } {
    const plan = this.o.matrices[m];
    const get = (mutant: number, j: number): MutantCounts => {
      const x = this.cells.find((y) => y.matrix === m && y.mutant === mutant && y.claimIndex === j);
      if (x === undefined || x.counts === null) throw new Error(`mutant matrix cell ${plan.claims[j].id} × ${mutant < 0 ? 'baseline' : plan.mutants[mutant]} did not finish`);
      return x.counts;
    };
    return {
      baseline: plan.claims.map((_, j) => get(-1, j)),
      cells: plan.mutants.map((_, i) => plan.claims.map((_, j) => get(i, j))),
    };
  }
}
