/**
 * The work queue of a parallel verify run: which job an idle worker gets next.
 *
 * Claim costs differ by 100× and are not known in advance. So each claim's run range is cut into
 * {@link PROBE_PARTS} shards; the first is a probe that measures the claim's cost per run. Once it is back,
 * every other shard is cut again into pieces of about {@link PIECE_MS} (cheap claims stay whole: few runner
 * calls), and an idle worker gets the claim with the most estimated work left (longest first), a group of its
 * next pieces sized so that jobs shrink as the run nears its end. Matrix cells are single jobs priced with their
 * claim's measured cost. Under a time budget nothing is split (a claim's runs stay a prefix of its range), jobs
 * go out in report order, and each gets a fair share of its phase's remaining time.
 *
 * The schedule decides only where and when work runs, never what is computed: any order gives the same report.
 */
import { plannedRuns, shardRange, type ClaimRun, type Shard } from '../runner.ts';
import { cellRuns, type MutantCounts } from '../mutantMatrix.ts';
import type { RegisteredClaim } from '../types.ts';
import { composeShard, mergeClaimRuns, type Job, type JobResult, type JobRunOptions } from './jobs.ts';

/** Shards per claim before its cost is known; the first is the probe. */
export const PROBE_PARTS = 8;
/** A shard has at least this many runs (fewer, cheaper runner calls for small claims). */
export const MIN_SHARD_RUNS = 4;
/** Pieces a shard is cut into after the probe aim at this estimated duration (ms)… */
export const PIECE_MS = 100;
/** …but a shard is cut into at most this many pieces. */
export const MAX_PIECES = 64;
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
  /** Runs of the claim in this run (its user shard's range). */
  size: number;
  /** Shards before the probe ({@link PROBE_PARTS}, fewer for small claims, 1 under a time budget). */
  parts: number;
  /** Runner shards still to hand out, in range order: the probe, later the pieces of the other shards. */
  queue: { shard: Shard | null; runs: number }[];
  /** Shards handed out so far (the position of the next one in range order). */
  handedOut: number;
  /** Number of shards once the probe is back and the rest is cut (null until then). */
  total: number | null;
  /** Results in range order. */
  results: (ClaimRun | undefined)[];
  done: number;
  ms: number;
  runs: number;
  /** A counterexample is known: later pieces only count violations. */
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

type Pick = { type: 'claim'; index: number; count: number } | { type: 'cell'; index: number };

/** Dynamic work-pulling queue; see the module documentation. */
export class Scheduler {
  private readonly claims: ClaimState[];
  private readonly cells: CellState[] = [];
  private readonly now: () => number;
  private readonly split: boolean;
  private claimsLeft: number;
  private cellsLeft: number;
  private emitted = 0;

  constructor(private readonly o: ScheduleOptions) {
    this.now = o.now ?? Date.now;
    this.split = o.claimsEnd === undefined && o.matrixEnd === undefined;
    this.claims = o.claims.map((claim) => {
      const planned = plannedRuns(claim, o.run.scale, o.run.runs, o.run.factor);
      const r = shardRange(planned, o.shard);
      const size = r.to - r.from;
      const parts = this.split ? Math.max(1, Math.min(PROBE_PARTS, Math.floor(size / MIN_SHARD_RUNS))) : 1;
      const probe = composeShard(o.shard, 1, parts);
      return {
        claim, planned, size, parts, queue: [{ shard: probe, runs: this.runsOf(planned, probe) }], handedOut: 0,
        total: parts === 1 ? 1 : null, results: [], done: 0, ms: 0, runs: 0, hasCounterexample: false, merged: null,
      };
    });
    this.claimsLeft = this.claims.length;
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
    this.cellsLeft = this.cells.length;
  }

  private runsOf(planned: number, shard: Shard | null): number {
    const r = shardRange(planned, shard);
    return r.to - r.from;
  }

  /** Every job has been handed out and filed. */
  get finished(): boolean {
    return this.claims.every((c) => c.merged !== null) && this.cells.every((c) => c.counts !== null);
  }

  /** Runs of a claim in this run (its shard's range); 0 for an unknown claim. */
  rangeSize(id: string): number {
    return this.claims.find((x) => x.claim.id === id)?.size ?? 0;
  }

  /** Measured ms per run of a claim (null until one of its jobs came back). */
  private perRun(i: number): number | null {
    const c = this.claims[i];
    return c.done === 0 ? null : c.ms / Math.max(1, c.runs);
  }

  private queuedRuns(c: ClaimState, upTo = c.queue.length): number {
    let n = 0;
    for (let k = 0; k < upTo; k++) n += c.queue[k].runs;
    return n;
  }

  /** Estimated ms of everything not yet handed out (unknown costs count as nothing). */
  private remainingMs(): number {
    let s = 0;
    this.claims.forEach((c, i) => {
      const p = this.perRun(i);
      if (p !== null) s += p * this.queuedRuns(c);
    });
    for (const x of this.cells) {
      const p = this.perRun(x.reportIndex);
      if (!x.dispatched && p !== null) s += p * x.runs;
    }
    return s;
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
    return pick.type === 'cell' ? this.dispatchCell(pick.index) : this.dispatchClaim(pick.index, pick.count);
  }

  private pickInOrder(): Pick | null {
    const i = this.claims.findIndex((c) => c.queue.length > 0);
    if (i >= 0) return { type: 'claim', index: i, count: this.claims[i].queue.length };
    const j = this.cells.findIndex((x) => !x.dispatched);
    return j >= 0 ? { type: 'cell', index: j } : null;
  }

  private pickLongest(): Pick | null {
    // Probes first, most runs first: nothing is known about their cost.
    let probe = -1;
    this.claims.forEach((c, i) => {
      if (c.handedOut === 0 && (probe < 0 || c.size > this.claims[probe].size)) probe = i;
    });
    if (probe >= 0) return { type: 'claim', index: probe, count: 1 };
    let best: Pick | null = null;
    let bestMs = -1;
    for (let i = 0; i < this.claims.length; i++) {
      const c = this.claims[i];
      const p = this.perRun(i);
      if (c.queue.length === 0 || p === null) continue;
      const ms = p * this.queuedRuns(c);
      if (ms > bestMs) {
        bestMs = ms;
        best = { type: 'claim', index: i, count: 1 };
      }
    }
    for (let j = 0; j < this.cells.length; j++) {
      const x = this.cells[j];
      if (x.dispatched) continue;
      const p = this.perRun(x.reportIndex);
      // A cell whose claim has no measured cost yet waits for its probe, unless nothing else is left.
      const ms = p === null ? -0.5 : p * x.runs;
      if (ms > bestMs) {
        bestMs = ms;
        best = { type: 'cell', index: j };
      }
    }
    if (best === null || best.type === 'cell') return best;
    // Group pieces up to the target job length, which shrinks with the work left (guided self-scheduling).
    const c = this.claims[best.index];
    const perRun = this.perRun(best.index) ?? 0;
    const target = Math.min(MAX_JOB_MS, Math.max(MIN_JOB_MS, this.remainingMs() / (4 * this.o.workers)));
    let count = 1;
    while (count < c.queue.length && perRun * this.queuedRuns(c, count + 1) <= target) count++;
    return { ...best, count };
  }

  private dispatchClaim(index: number, count: number): Dispatch {
    const c = this.claims[index];
    const from = c.handedOut;
    const shards = c.queue.splice(0, count).map((q) => q.shard);
    c.handedOut += shards.length;
    if (c.queue.length === 0 && c.total !== null) this.claimsLeft--;
    const deadline = this.deadline(this.o.claimsEnd, this.claimsLeft + 1);
    return {
      job: { kind: 'claim', claim: c.claim.id, shards, shrink: !c.hasCounterexample, opts: { ...this.o.run, ...(deadline === undefined ? {} : { deadline }) } },
      ticket: { type: 'claim', index, from },
    };
  }

  private dispatchCell(index: number): Dispatch {
    const x = this.cells[index];
    const m = this.o.matrices[x.matrix];
    x.dispatched = true;
    const deadline = this.deadline(this.o.matrixEnd, this.cellsLeft--);
    const { seed, scale, rtol } = this.o.run;
    return {
      job: {
        kind: 'cell', claim: m.claims[x.claimIndex].id, mutant: x.mutant < 0 ? null : m.mutants[x.mutant],
        runsPerCell: this.o.runsPerCell, shard: this.o.shard, opts: { seed, scale, factor: 1, rtol, ...(deadline === undefined ? {} : { deadline }) },
      },
      ticket: { type: 'cell', index },
    };
  }

  /** Cut every shard after the probe into pieces of about {@link PIECE_MS}, from the probe's cost per run. */
  private cut(c: ClaimState, perRun: number): void {
    for (let j = 2; j <= c.parts; j++) {
      const shard = composeShard(this.o.shard, j, c.parts);
      const runs = this.runsOf(c.planned, shard);
      const pieces = Math.max(1, Math.min(MAX_PIECES, runs, Math.round((perRun * runs) / PIECE_MS)));
      for (let q = 1; q <= pieces; q++) {
        const piece = composeShard(shard, q, pieces);
        c.queue.push({ shard: piece, runs: this.runsOf(c.planned, piece) });
      }
    }
    c.total = 1 + c.queue.length;
  }

  /** File a job's result. */
  complete(d: Dispatch, r: JobResult): void {
    if (d.ticket.type === 'cell') {
      if (r.kind !== 'cell') throw new Error('a cell job returned a claim result');
      this.cells[d.ticket.index].counts = r.counts;
      return;
    }
    if (r.kind !== 'claim' || d.job.kind !== 'claim') throw new Error('a claim job returned a cell result');
    const c = this.claims[d.ticket.index];
    if (r.runs.length !== d.job.shards.length) throw new Error(`claim ${c.claim.id}: a job returned ${r.runs.length} runs for ${d.job.shards.length} shards`);
    const from = d.ticket.from;
    r.runs.forEach((run, k) => {
      c.results[from + k] = run;
      c.ms += run.durationMs;
      c.runs += run.tally.runs;
      if (run.counterexample !== null) c.hasCounterexample = true;
    });
    c.done += r.runs.length;
    if (c.total === null && from === 0) {
      this.cut(c, c.ms / Math.max(1, c.runs));
      if (c.queue.length === 0) this.claimsLeft--;
    }
    if (c.done === c.total) {
      c.merged = mergeClaimRuns(c.results.map((x) => {
        if (x === undefined) throw new Error(`claim ${c.claim.id}: a shard's result is missing`);
        return x;
      }));
    }
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
