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
 * Planted bugs travel in the context (`CheckContext.faults`), never in module state.
 */
import fc from 'fast-check';
import { DEFAULT_RTOL } from './tolerance.ts';
import { addVerdict, aggregateVerdict, emptyTally, sortTally, type ClaimVerdict, type Tally } from './stats.ts';
import type { CheckContext, RegisteredClaim, Scale, Verdict } from './types.ts';

/** No planted bugs: the context of every run outside the mutant matrix. */
export const NO_FAULTS: ReadonlySet<string> = new Set<string>();

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
const PINNED: Partial<fc.Parameters<[unknown]>> = {
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
  return `npx lagrangelab verify --claim ${claimId} --seed ${seed} --path ${path}${scale === 'deep' ? ' --deep' : ''}`;
}

/** A verdict safe for JSON (non-finite margin/ratio dropped: JSON has no Infinity). */
export function jsonVerdict(v: Verdict): Verdict {
  const out: Record<string, unknown> = { ...v };
  if (out.margin !== undefined && !Number.isFinite(out.margin)) delete out.margin;
  if (out.ratio !== undefined && !Number.isFinite(out.ratio)) delete out.ratio;
  return out as Verdict;
}

/** Evaluate a claim on one instance; never throws (an exception is an inconclusive verdict). */
export function evaluateSafely(claim: RegisteredClaim, instance: unknown, ctx: CheckContext): Verdict {
  try {
    return claim.evaluate(instance, ctx);
  } catch (e) {
    return { status: 'inconclusive', detail: `evaluation threw: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function safeJSON(claim: RegisteredClaim, instance: unknown): { json: unknown; description: string } {
  let json: unknown = null;
  let description = claim.familyName;
  try {
    json = claim.toJSON(instance);
  } catch (e) {
    description = `(toJSON failed: ${e instanceof Error ? e.message : String(e)}) `;
  }
  try {
    description = claim.describe(instance);
  } catch {
    // keep the family name
  }
  return { json, description };
}

/** Run a claim on its run range (see the module documentation). Synchronous. */
export function runClaim(claim: RegisteredClaim, opts: RunOptions = {}): ClaimRun {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 'ci';
  const now = opts.now ?? Date.now;
  const t0 = now();
  const planned = plannedRuns(claim, scale, opts.runs, opts.factor ?? 1);
  const range = shardRange(planned, opts.shard);
  const ctx: CheckContext = { rtol: opts.rtol ?? DEFAULT_RTOL, faults: opts.faults ?? NO_FAULTS };
  const maxShrink = opts.maxShrinkEvals ?? MAX_SHRINK_EVALS;
  const maxShrinkMs = opts.maxShrinkMs ?? MAX_SHRINK_MS;
  const deadline = opts.deadline;
  const tally = emptyTally();
  const out: ClaimRun = {
    claim: claim.id, plannedRuns: planned, range, tally, verdict: 'inconclusive', counterexample: null,
    firstInconclusive: null, firstUnmet: null, budgetExhausted: false, durationMs: 0,
  };
  const progress = (phase: ProgressEvent['phase']): void => {
    opts.onProgress?.({
      claim: claim.id, phase, done: tally.runs, planned: range.to - range.from,
      holds: tally.holds, violated: tally.violated, unmet: tally.unmet, inconclusive: tally.inconclusive,
    });
  };
  const arb = claim.arbitrary(scale);
  let k = range.from;
  while (k < range.to && !out.budgetExhausted) {
    const chunkEnd = deadline === undefined ? range.to : Math.min(range.to, k + BUDGET_CHUNK);
    const shrinking = out.counterexample === null; // only the first violation of the range is shrunk
    let idx = k;
    let failedAt = -1;
    let shrinkEvals = 0;
    let shrinkStart = 0;
    let truncated = false;
    let last: { verdict: Verdict; instance: unknown } | null = null;
    let original: Verdict | null = null;
    const predicate = (inst: unknown): boolean => {
      if (failedAt >= 0) {
        // A shrink candidate, not a run.
        const t = now();
        if (shrinkEvals >= maxShrink || t - shrinkStart >= maxShrinkMs || (deadline !== undefined && t >= deadline)) {
          truncated = true;
          return true;
        }
        shrinkEvals++;
        const v = evaluateSafely(claim, inst, ctx);
        if (v.status !== 'violated') return true;
        last = { verdict: v, instance: inst };
        return false;
      }
      if (deadline !== undefined && now() >= deadline) {
        out.budgetExhausted = true;
        return true;
      }
      const runIndex = idx++;
      const v = evaluateSafely(claim, inst, ctx);
      addVerdict(tally, v);
      if (v.status === 'inconclusive' && out.firstInconclusive === null) out.firstInconclusive = { runIndex, detail: v.detail };
      if (v.status === 'hypotheses-unmet' && out.firstUnmet === null) out.firstUnmet = { runIndex, unmet: v.unmet };
      progress('running');
      if (v.status === 'violated' && shrinking) {
        failedAt = runIndex;
        original = v;
        last = { verdict: v, instance: inst };
        shrinkStart = now();
        progress('shrinking');
        return false;
      }
      return true;
    };
    let details: fc.RunDetails<[unknown]>;
    try {
      details = fc.check(fc.property(arb, predicate), { ...PINNED, seed, numRuns: chunkEnd - k, path: String(k), endOnFailure: false });
    } catch (e) {
      // Generation itself failed: count the run as inconclusive and move past it.
      const v: Verdict = { status: 'inconclusive', detail: `instance generation failed: ${e instanceof Error ? e.message : String(e)}` };
      addVerdict(tally, v);
      if (out.firstInconclusive === null) out.firstInconclusive = { runIndex: idx, detail: v.detail };
      k = idx + 1;
      continue;
    }
    if (failedAt >= 0 && last !== null && original !== null) {
      const found: { verdict: Verdict; instance: unknown } = last;
      const path = details.counterexamplePath ?? String(failedAt);
      const { json, description } = safeJSON(claim, found.instance);
      out.counterexample = {
        runIndex: failedAt, seed, path, scale, instance: json, description,
        verdict: jsonVerdict(found.verdict), original: jsonVerdict(original), shrinks: details.numShrinks,
        shrinkTruncated: truncated, replay: replayCommand(claim.id, seed, path, scale),
      };
      k = failedAt + 1;
    } else {
      k = chunkEnd;
    }
  }
  sortTally(tally);
  out.verdict = aggregateVerdict(tally);
  out.durationMs = now() - t0;
  progress('done');
  return out;
}

/** The result of replaying one fast-check path of a claim. */
export interface PathReplay extends LocatedInstance {
  claim: string;
  /** Verdict agrees with the claim's expectation (violated for refuted claims, holds otherwise). */
  matchesExpectation: boolean;
}

/** Re-create the instance at `path` of the claim's stream for `seed` and evaluate it once (no shrinking). */
export function replayPath(claim: RegisteredClaim, opts: { seed: number; path: string; scale?: Scale; rtol?: number }): PathReplay {
  const scale = opts.scale ?? 'ci';
  const ctx: CheckContext = { rtol: opts.rtol ?? DEFAULT_RTOL, faults: NO_FAULTS };
  let got: { verdict: Verdict; instance: unknown } | null = null;
  fc.check(
    fc.property(claim.arbitrary(scale), (inst: unknown) => {
      if (got === null) got = { verdict: evaluateSafely(claim, inst, ctx), instance: inst };
      return true;
    }),
    { ...PINNED, seed: opts.seed, numRuns: 1, path: opts.path, endOnFailure: true },
  );
  if (got === null) throw new Error(`path ${opts.path} produced no instance`);
  const r: { verdict: Verdict; instance: unknown } = got;
  const { json, description } = safeJSON(claim, r.instance);
  return {
    claim: claim.id, seed: opts.seed, path: opts.path, scale, instance: json, description, verdict: jsonVerdict(r.verdict),
    matchesExpectation: verdictMatches(claim, r.verdict.status),
  };
}

/** Does a (claim or instance) verdict agree with the claim's expectation? */
export function verdictMatches(claim: Pick<RegisteredClaim, 'expected'>, verdict: ClaimVerdict): boolean {
  return claim.expected.status === 'refuted' ? verdict === 'violated' : verdict === 'holds';
}
