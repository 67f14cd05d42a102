/**
 * Runs claims over seeded random instances with fast-check, shrinking violations to minimal counterexamples.
 *
 * Run indexing (the basis of replay and sharding): a claim's runs are the indices 0…N−1 of ONE fast-check
 * stream, the one of `fc.check(…, { seed })`. fast-check's `path` option starts a check at any index of that
 * stream without generating the ones before it (`path: "j"` draws exactly what run j of an unsharded check
 * draws, bias included), and a counterexample path `"j:a:b:…"` is run j followed by its shrink steps. So:
 *
 * - replay is fast-check's own: `--seed S --path "j:a:b"` re-creates the shrunk counterexample exactly;
 * - shard i/n runs the contiguous index range [⌊(i−1)N/n⌋, ⌊iN/n⌋) of the same stream; every run of the
 *   unsharded check is run by exactly one shard, with the same instance;
 * - only the FIRST violation (lowest run index) of a range is shrunk; later violations are only counted. The
 *   first violation overall is the first violation of the shard that holds it, so merging shards
 *   ({@link mergeTallies} plus "lowest run index wins") reproduces the unsharded counterexample, counts and
 *   samples exactly.
 *
 * Every run is recorded inside the property's predicate; calls made while shrinking are told apart (they come
 * after the failing run of that `fc.check` call) and are never counted as runs.
 *
 * A run the engine cannot evaluate (an oracle or a hypothesis test threw, or generation failed; attribution.ts)
 * is counted as an engine error (`Tally.errors`), never as a verdict; the first is kept with its replay command.
 * A claim whose check returns a Promise runs through {@link runClaimAsync}, which shares all of this.
 *
 * Planted bugs travel in the context (`CheckContext.faults`), never in module state.
 */
import fc from 'fast-check';
import { DEFAULT_RTOL } from './tolerance.ts';
import {
  addEngineError, addVerdict, aggregateVerdict, checkInconclusive, emptyTally, sortTally,
  type ClaimVerdict, type InconclusiveCheck, type Tally,
} from './stats.ts';
import { inconclusiveRate, type CheckContext, type RegisteredClaim, type Scale, type Verdict } from './types.ts';
import { describeError } from './attribution.ts';
import { describeInstance, evaluateInstance, evaluateInstanceAsync, jsonVerdict, NO_FAULTS, type Evaluation } from './evaluate.ts';

/** Default seed: runs are deterministic unless a seed is given. */
export const DEFAULT_SEED = 20261122;

/** Runs per claim when the claim does not say (`deep` is at least {@link DEEP_FACTOR} × `ci`). */
export const DEFAULT_RUNS: Readonly<Record<Scale, number>> = { ci: 100, deep: 1000 };

/** `--deep` runs at least this many times the `ci` runs of a claim. */
export const DEEP_FACTOR = 10;

/** Shrink evaluations per counterexample before the engine settles for the best found so far. */
export const MAX_SHRINK_EVALS = 2000;

/**
 * Wall time per counterexample's shrinking (ms). Hitting it (slow claims, e.g. whole ALM runs) makes the shrunk
 * instance depend on machine speed, so it is flagged (`shrinkTruncated`); the evaluation cap is deterministic.
 */
export const MAX_SHRINK_MS = 60_000;

/**
 * fast-check parameters pinned for every engine check, so that a `fc.configureGlobal` elsewhere (test files
 * share modules under vitest's `isolate: false`) cannot shift or bias the run stream: `examples` would be
 * prepended to it, `skipEqualValues`/`unbiased`/`randomType` would change what index j draws.
 */
export const PINNED: Partial<fc.Parameters<[unknown]>> = {
  examples: [], unbiased: false, skipEqualValues: false, ignoreEqualValues: false, randomType: 'xorshift128plus',
  verbose: 0, timeout: undefined, interruptAfterTimeLimit: undefined, skipAllAfterTimeLimit: undefined,
  markInterruptAsFailure: false, maxSkipsPerRun: 100,
};

/** With a time budget, runs are drawn in chunks of this size so that the budget is checked between chunks. */
const BUDGET_CHUNK = 64;

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Progress of one claim, sent after every run. */
export interface ProgressEvent {
  claim: string;
  phase: 'running' | 'shrinking' | 'done';
  done: number;
  planned: number;
  holds: number;
  violated: number;
  unmet: number;
  inconclusive: number;
  /** Engine errors so far. */
  errors: number;
}

/** Options of {@link runClaim}. */
export interface RunOptions {
  /** fast-check seed of the stream (default {@link DEFAULT_SEED}). */
  seed?: number;
  scale?: Scale;
  /** Exact runs per claim, overriding the claim's and the engine's defaults. */
  runs?: number;
  /** Multiply every claim's planned runs by this integer (ignored when `runs` is given). */
  factor?: number;
  shard?: Shard | null;
  rtol?: number;
  /** Stop drawing new instances once `now() ≥ deadline` (same clock as `now`). */
  deadline?: number;
  /** Clock in milliseconds (default `Date.now`); injectable for tests. */
  now?: () => number;
  /** Planted bugs to switch on (fault ids of the ledger's catalogue), passed to checks through the context. */
  faults?: ReadonlySet<string>;
  onProgress?: (e: ProgressEvent) => void;
  /** Cap on shrink evaluations (default {@link MAX_SHRINK_EVALS}). */
  maxShrinkEvals?: number;
  /** Cap on shrinking wall time in ms (default {@link MAX_SHRINK_MS}). */
  maxShrinkMs?: number;
}

/** One instance of a claim's run stream, located by seed and fast-check path, with its verdict. */
export interface LocatedInstance {
  seed: number;
  /** fast-check path (`runIndex` or `runIndex:shrink:steps`). */
  path: string;
  scale: Scale;
  /** The instance as JSON (family.toJSON); null if it could not be serialised. */
  instance: unknown;
  description: string;
  verdict: Verdict;
}

/** A shrunk counterexample (`verdict` is the shrunk instance's) and how to replay it. */
export interface Counterexample extends LocatedInstance {
  /** Index in the claim's run stream of the run that first failed. */
  runIndex: number;
  /** Verdict on the instance as first drawn. */
  original: Verdict;
  /** Successful shrink steps. */
  shrinks: number;
  /** True when shrinking stopped at the evaluation cap, the shrink time cap or the time budget. */
  shrinkTruncated: boolean;
  /** One-line command that re-creates and re-checks the counterexample. */
  replay: string;
}

/** An instance the engine could not evaluate (see attribution.ts). */
export interface EngineErrorRecord {
  /** Run index (for an error met while shrinking: the run whose violation was being shrunk). */
  runIndex: number;
  detail: string;
  /** True when it came from a shrink candidate rather than from the run itself. */
  whileShrinking: boolean;
  /** One-line command that re-creates the run (a shrink candidate has no replay of its own). */
  replay: string;
}

/** The outcome of running one claim (on one shard's range). */
export interface ClaimRun {
  claim: string;
  /** Runs of the whole (unsharded) claim. */
  plannedRuns: number;
  /** Run indices this call was responsible for: [from, to). */
  range: { from: number; to: number };
  /** Counts and sorted samples. */
  tally: Tally;
  verdict: ClaimVerdict;
  counterexample: Counterexample | null;
  firstInconclusive: { runIndex: number; detail: string } | null;
  firstUnmet: { runIndex: number; unmet: string[] } | null;
  /** The first engine error (lowest run index; else one met while shrinking) and how to replay it; null when none. */
  firstEngineError: EngineErrorRecord | null;
  /** The inconclusive count against the claim's budget at this scale (exceeded: the run fails). */
  inconclusive: InconclusiveCheck;
  /** True when the time budget stopped the runs before the range was done (tally.runs < to − from). */
  budgetExhausted: boolean;
  durationMs: number;
}

/** Runs of a claim at a scale: override, else the claim's, else the engine default; deep ≥ 10× ci. */
export function plannedRuns(claim: RegisteredClaim, scale: Scale, override?: number, factor = 1): number {
  if (override !== undefined) return override;
  const ci = claim.runs.ci ?? DEFAULT_RUNS.ci;
  if (scale === 'ci') return factor * ci;
  return factor * Math.max(claim.runs.deep ?? DEFAULT_RUNS.deep, DEEP_FACTOR * ci);
}

/** The contiguous run-index range of a shard: [⌊(i−1)N/n⌋, ⌊iN/n⌋). */
export function shardRange(total: number, shard?: Shard | null): { from: number; to: number } {
  if (!shard || shard.count <= 1) return { from: 0, to: total };
  return { from: Math.floor(((shard.index - 1) * total) / shard.count), to: Math.floor((shard.index * total) / shard.count) };
}

/** The replay command line for a counterexample. */
export function replayCommand(claimId: string, seed: number, path: string, scale: Scale): string {
  return `${REPLAY_PREFIX}--claim ${claimId} --seed ${seed} --path ${path}${scale === 'deep' ? ' --deep' : ''}`;
}

const REPLAY_PREFIX = 'npx lagrangelab verify ';

/** `--ledger FILE` for replay commands, the path quoted when the shell would split or expand it. */
export function ledgerReplayArgs(file: string): string {
  return `--ledger ${/^[\w./@#:+-]+$/.test(file) ? file : JSON.stringify(file)}`;
}

/** A replay command with more flags after `verify` (e.g. `--ledger FILE` for a user's ledger); empty `args`: unchanged. */
export function withReplayArgs(replay: string, args: string): string {
  return args === '' || !replay.startsWith(REPLAY_PREFIX) ? replay : `${REPLAY_PREFIX}${args} ${replay.slice(REPLAY_PREFIX.length)}`;
}

/** Answer to a candidate instance: evaluate it and hand the evaluation to `finish`, or answer `true` outright. */
type CandidateStep = ((e: Evaluation) => boolean) | null;

/**
 * The bookkeeping of one claim run, shared by {@link runClaim} and {@link runClaimAsync} (which differ only in
 * whether an evaluation is awaited): the chunks of fast-check calls over the run range, the run/shrink-candidate
 * state machine of the property's predicate, tallies, the first violation's shrinking and counterexample.
 */
class ClaimRunState {
  readonly scale: Scale;
  readonly ctx: CheckContext;
  readonly out: ClaimRun;
  private readonly seed: number;
  private readonly now: () => number;
  private readonly t0: number;
  private readonly tally: Tally = emptyTally();
  private readonly maxShrink: number;
  private readonly maxShrinkMs: number;
  private readonly deadline: number | undefined;
  /** First run index of the next chunk. */
  private k: number;
  // state of the current chunk (one fc.check call)
  private chunkEnd = 0;
  private shrinking = false;
  private idx = 0;
  private failedAt = -1;
  private shrinkEvals = 0;
  private shrinkStart = 0;
  private truncated = false;
  private last: { verdict: Verdict; instance: unknown } | null = null;
  private original: { verdict: Verdict; instance: unknown } | null = null;

  constructor(private readonly claim: RegisteredClaim, private readonly opts: RunOptions) {
    this.seed = opts.seed ?? DEFAULT_SEED;
    this.scale = opts.scale ?? 'ci';
    this.now = opts.now ?? Date.now;
    this.t0 = this.now();
    const planned = plannedRuns(claim, this.scale, opts.runs, opts.factor ?? 1);
    const range = shardRange(planned, opts.shard);
    this.ctx = { rtol: opts.rtol ?? DEFAULT_RTOL, faults: opts.faults ?? NO_FAULTS };
    this.maxShrink = opts.maxShrinkEvals ?? MAX_SHRINK_EVALS;
    this.maxShrinkMs = opts.maxShrinkMs ?? MAX_SHRINK_MS;
    this.deadline = opts.deadline;
    this.k = range.from;
    this.out = {
      claim: claim.id, plannedRuns: planned, range, tally: this.tally, verdict: 'inconclusive', counterexample: null,
      firstInconclusive: null, firstUnmet: null, firstEngineError: null,
      inconclusive: checkInconclusive(this.tally, inconclusiveRate(claim.inconclusiveBudget, this.scale)),
      budgetExhausted: false, durationMs: 0,
    };
  }

  private progress(phase: ProgressEvent['phase']): void {
    const t = this.tally;
    this.opts.onProgress?.({
      claim: this.claim.id, phase, done: t.runs, planned: this.out.range.to - this.out.range.from,
      holds: t.holds, violated: t.violated, unmet: t.unmet, inconclusive: t.inconclusive, errors: t.errors,
    });
  }

  private engineError(runIndex: number, detail: string, whileShrinking: boolean): void {
    if (this.out.firstEngineError !== null) return;
    this.out.firstEngineError = {
      runIndex, detail, whileShrinking, replay: replayCommand(this.claim.id, this.seed, String(runIndex), this.scale),
    };
  }

  /** fast-check parameters of the next chunk of runs, or null when the range (or the time budget) is done. */
  nextChunk(): Partial<fc.Parameters<[unknown]>> | null {
    const { range } = this.out;
    if (this.k >= range.to || this.out.budgetExhausted) return null;
    this.chunkEnd = this.deadline === undefined ? range.to : Math.min(range.to, this.k + BUDGET_CHUNK);
    this.shrinking = this.out.counterexample === null; // only the first violation of the range is shrunk
    this.idx = this.k;
    this.failedAt = -1;
    this.shrinkEvals = 0;
    this.shrinkStart = 0;
    this.truncated = false;
    this.last = null;
    this.original = null;
    return { ...PINNED, seed: this.seed, numRuns: this.chunkEnd - this.k, path: String(this.k), endOnFailure: false };
  }

  /** The predicate's answer to one instance drawn (a run, or after the first violation a shrink candidate). */
  candidate(inst: unknown): CandidateStep {
    if (this.failedAt >= 0) {
      // A shrink candidate, not a run.
      const t = this.now();
      if (this.shrinkEvals >= this.maxShrink || t - this.shrinkStart >= this.maxShrinkMs || (this.deadline !== undefined && t >= this.deadline)) {
        this.truncated = true;
        return null;
      }
      this.shrinkEvals++;
      return (e) => {
        if (e.verdict === undefined) {
          this.engineError(this.failedAt, `${e.engineError} (a shrink candidate of run ${this.failedAt})`, true);
          return true;
        }
        if (e.verdict.status !== 'violated') return true;
        this.last = { verdict: e.verdict, instance: inst };
        return false;
      };
    }
    if (this.deadline !== undefined && this.now() >= this.deadline) {
      this.out.budgetExhausted = true;
      return null;
    }
    const runIndex = this.idx++;
    return (e) => {
      if (e.verdict === undefined) {
        addEngineError(this.tally);
        this.engineError(runIndex, e.engineError, false);
        this.progress('running');
        return true;
      }
      const v = e.verdict;
      addVerdict(this.tally, v);
      if (v.status === 'inconclusive' && this.out.firstInconclusive === null) this.out.firstInconclusive = { runIndex, detail: v.detail };
      if (v.status === 'hypotheses-unmet' && this.out.firstUnmet === null) this.out.firstUnmet = { runIndex, unmet: v.unmet };
      this.progress('running');
      if (v.status === 'violated' && this.shrinking) {
        this.failedAt = runIndex;
        this.original = { verdict: v, instance: inst };
        this.last = this.original;
        this.shrinkStart = this.now();
        this.progress('shrinking');
        return false;
      }
      return true;
    };
  }

  /** The chunk's fast-check call returned. */
  chunkDone(details: fc.RunDetails<[unknown]>): void {
    if (this.failedAt >= 0 && this.last !== null && this.original !== null) {
      this.counterexample(this.last, details.counterexamplePath ?? String(this.failedAt), details.numShrinks, this.truncated);
      this.k = this.failedAt + 1;
    } else {
      this.k = this.chunkEnd;
    }
  }

  /**
   * The chunk's fast-check call threw: instance generation failed (an engine error) at the next run index, or
   * while shrinking the first violation (kept unshrunk).
   */
  chunkThrew(e: unknown): void {
    const detail = `instance generation failed: ${describeError(e)}`;
    if (this.failedAt >= 0 && this.original !== null) {
      this.engineError(this.failedAt, `${detail} (while shrinking run ${this.failedAt})`, true);
      this.counterexample(this.original, String(this.failedAt), 0, true);
      this.k = this.failedAt + 1;
      return;
    }
    addEngineError(this.tally);
    this.engineError(this.idx, detail, false);
    this.k = this.idx + 1;
  }

  /** The family's arbitrary could not even be built: one engine error, no runs. */
  noArbitrary(e: unknown): void {
    this.engineError(this.out.range.from, `instance generation failed: ${describeError(e)}`, false);
  }

  private counterexample(found: { verdict: Verdict; instance: unknown }, path: string, shrinks: number, truncated: boolean): void {
    const original = this.original as { verdict: Verdict; instance: unknown };
    const { json, description } = describeInstance(this.claim, found.instance);
    this.out.counterexample = {
      runIndex: this.failedAt, seed: this.seed, path, scale: this.scale, instance: json, description,
      verdict: jsonVerdict(found.verdict), original: jsonVerdict(original.verdict), shrinks,
      shrinkTruncated: truncated, replay: replayCommand(this.claim.id, this.seed, path, this.scale),
    };
  }

  finish(): ClaimRun {
    sortTally(this.tally);
    this.out.verdict = aggregateVerdict(this.tally);
    this.out.inconclusive = checkInconclusive(this.tally, this.out.inconclusive.rate);
    this.out.durationMs = this.now() - this.t0;
    this.progress('done');
    return this.out;
  }
}

/** Run a claim on its run range (see the module documentation). Synchronous; see {@link runClaimAsync}. */
export function runClaim(claim: RegisteredClaim, opts: RunOptions = {}): ClaimRun {
  const st = new ClaimRunState(claim, opts);
  let arb: fc.Arbitrary<unknown>;
  try {
    arb = claim.arbitrary(st.scale);
  } catch (e) {
    st.noArbitrary(e);
    return st.finish();
  }
  const prop = fc.property(arb, (inst: unknown) => {
    const step = st.candidate(inst);
    return step === null ? true : step(evaluateInstance(claim, inst, st.ctx));
  });
  for (let p = st.nextChunk(); p !== null; p = st.nextChunk()) {
    try {
      st.chunkDone(fc.check(prop, p));
    } catch (e) {
      st.chunkThrew(e);
    }
  }
  return st.finish();
}

/**
 * {@link runClaim} for claims whose check may return a Promise (e.g. a solver in worker threads), through
 * fast-check's `asyncProperty`: the same seeds, run indexing, shrinking, statistics and counterexamples. Runs
 * (and shrink candidates) are evaluated one at a time, in the same order as the synchronous path.
 */
export async function runClaimAsync(claim: RegisteredClaim, opts: RunOptions = {}): Promise<ClaimRun> {
  const st = new ClaimRunState(claim, opts);
  let arb: fc.Arbitrary<unknown>;
  try {
    arb = claim.arbitrary(st.scale);
  } catch (e) {
    st.noArbitrary(e);
    return st.finish();
  }
  const prop = fc.asyncProperty(arb, async (inst: unknown) => {
    const step = st.candidate(inst);
    return step === null ? true : step(await evaluateInstanceAsync(claim, inst, st.ctx));
  });
  for (let p = st.nextChunk(); p !== null; p = st.nextChunk()) {
    try {
      st.chunkDone(await fc.check(prop, p));
    } catch (e) {
      st.chunkThrew(e);
    }
  }
  return st.finish();
}
