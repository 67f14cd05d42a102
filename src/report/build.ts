/**
 * One verification run from ledgers to a {@link VerifyReport}: select claims, check the ledgers, replay the
 * counterexample fixtures, run every claim (on this shard), optionally the mutant matrix, and summarise.
 */
import { join } from 'node:path';
import { ClaimRegistry, checkLedgers, REPO_ROOT } from '../engine/registry.ts';
import { replayFixtures, replayFixturesAsync, fixtureFailed, type FixtureReplayOptions, type FixtureResult } from '../engine/fixtures.ts';
import { verdictMatches } from '../engine/evaluate.ts';
import { runClaim, runClaimAsync, DEFAULT_SEED, type ClaimRun, type ProgressEvent, type RunOptions, type Shard } from '../engine/runner.ts';
import { matrixEngineErrors, runMutantMatrix, runMutantMatrixAsync, type MutantMatrix } from '../engine/mutantMatrix.ts';
import { summarize } from '../engine/stats.ts';
import { DEFAULT_RTOL } from '../engine/tolerance.ts';
import type { PaperLedger, RegisteredClaim, Scale } from '../engine/types.ts';
import { REPORT_SCHEMA, REPORT_VERSION, type ClaimReport, type ReportSummary, type VerifyReport } from './schema.ts';

/** A selection that matches nothing (unknown paper, glob without matches). */
export class SelectionError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'SelectionError';
    this.field = field;
  }
}

/** Options of {@link runVerification}. */
export interface VerifyOptions {
  /** Ledgers to check (the CLI passes `loadLedgers()`; tests inject their own). */
  ledgers: readonly PaperLedger[];
  /** Paper filter (case-insensitive, e.g. `wzc`). */
  paper?: string | null;
  /** Claim-id glob (`*` wildcards, comma-separated alternatives). */
  claim?: string | null;
  seed?: number;
  scale?: Scale;
  runs?: number;
  /** Multiply every claim's planned runs by this integer (`--factor`). */
  factor?: number;
  shard?: Shard | null;
  timeBudgetSec?: number | null;
  rtol?: number;
  /** Also run the mutant × claim matrix. */
  mutants?: boolean;
  /** Runs per mutant cell. */
  mutantRuns?: number;
  /** Root for fixture and erratum paths (default: the repository root). */
  root?: string;
  /** Fixture directory (default `<root>/fixtures/counterexamples`). */
  fixturesDir?: string;
  now?: () => number;
  onProgress?: (e: ProgressEvent) => void;
  /** Called when the fixtures have been replayed, before any claim runs. */
  onFixtures?: (r: FixtureResult[]) => void;
  onClaimDone?: (r: ClaimReport) => void;
}

/** The ledgers and claims a paper filter and a glob select, in registry order. */
export function selectClaims(
  registry: ClaimRegistry,
  paper: string | null | undefined,
  glob: string | null | undefined,
): { ledgers: PaperLedger[]; claims: RegisteredClaim[] } {
  let ledgers = [...registry.allLedgers()];
  if (paper) {
    ledgers = ledgers.filter((l) => l.paper.toLowerCase() === paper.toLowerCase());
    if (ledgers.length === 0) {
      const known = registry.allLedgers().map((l) => l.paper.toLowerCase()).join(', ') || 'none';
      throw new SelectionError('--paper', `no ledger for paper ${paper} (registered: ${known})`);
    }
  }
  let claims = ledgers.flatMap((l) => l.claims);
  if (glob) {
    const ids = new Set(registry.findClaims(glob).map((c) => c.id));
    claims = claims.filter((c) => ids.has(c.id));
    if (claims.length === 0) throw new SelectionError('--claim', `no claim matches ${glob}`);
  }
  return { ledgers, claims };
}

/** The report entry of one claim run. */
export function claimReport(claim: RegisteredClaim, paper: PaperLedger['paper'], run: ClaimRun): ClaimReport {
  return {
    id: claim.id,
    paper,
    source: claim.source,
    kind: claim.kind,
    statement: claim.statement,
    expected: claim.expected,
    verdict: run.verdict,
    matchesExpectation: verdictMatches(claim, run.verdict),
    family: claim.familyName,
    tags: [...claim.tags],
    corrects: claim.corrects ?? null,
    stats: summarize(run.tally),
    samples: { ratio: run.tally.ratios, margin: run.tally.margins },
    counterexample: run.counterexample,
    firstInconclusive: run.firstInconclusive,
    firstUnmet: run.firstUnmet,
    firstEngineError: run.firstEngineError,
    inconclusiveBudget: { ...run.inconclusive, reason: claim.inconclusiveBudget.reason },
    budget: { plannedRuns: run.plannedRuns, range: run.range, runsDone: run.tally.runs, exhausted: run.budgetExhausted },
    durationMs: run.durationMs,
  };
}

/** Totals of a report. */
export function summarizeReport(
  claims: readonly ClaimReport[], fixtures: readonly FixtureResult[], ledgerProblems: readonly string[],
  mutants: readonly MutantMatrix[] | null = null,
): ReportSummary {
  const mismatching = claims.filter((c) => !c.matchesExpectation).map((c) => c.id);
  const fixturesFailed = fixtures.filter(fixtureFailed).map((f) => f.file);
  const inconclusiveExceeded = claims.filter((c) => c.inconclusiveBudget.exceeded).map((c) => c.id);
  const engineErrors = [
    ...claims.filter((c) => c.stats.errors > 0 || c.firstEngineError !== null).map((c) => c.id),
    ...(mutants ?? []).flatMap(matrixEngineErrors),
    ...fixtures.filter((f) => f.status === 'engine-error').map((f) => `fixture ${f.file}`),
  ];
  return {
    claims: claims.length,
    matching: claims.length - mismatching.length,
    mismatching,
    fixturesReplayed: fixtures.filter((f) => f.status === 'ok' || f.status === 'mismatch').length,
    fixturesFailed,
    inconclusiveExceeded,
    engineErrors,
    ok: mismatching.length === 0 && fixturesFailed.length === 0 && ledgerProblems.length === 0 && inconclusiveExceeded.length === 0 && engineErrors.length === 0,
  };
}

/**
 * One verification in steps, shared by {@link runVerification} and {@link runVerificationAsync} (which differ
 * only in whether claim runs and fixture replays are awaited): selection and ledger checks up front, then the
 * fixtures, the claims in registry order with their share of the time budget, the mutant matrices, the report.
 */
class VerificationPlan {
  readonly claims: RegisteredClaim[];
  private readonly ledgers: PaperLedger[];
  private readonly registry: ClaimRegistry;
  private readonly ledgerProblems: string[];
  private readonly now: () => number;
  private readonly t0: number;
  private readonly startedAt = new Date().toISOString();
  private readonly root: string;
  private readonly seed: number;
  private readonly scale: Scale;
  private readonly rtol: number;
  private readonly budgetMs: number | null;
  private readonly claimsEnd: number | undefined;
  private readonly reports: ClaimReport[] = [];

  constructor(private readonly opts: VerifyOptions) {
    this.now = opts.now ?? Date.now;
    this.t0 = this.now();
    this.root = opts.root ?? REPO_ROOT;
    this.seed = opts.seed ?? DEFAULT_SEED;
    this.scale = opts.scale ?? 'ci';
    this.rtol = opts.rtol ?? DEFAULT_RTOL;
    this.ledgerProblems = checkLedgers(opts.ledgers, { root: this.root });
    // Duplicate ids are reported by checkLedgers; register first occurrences only so the run can go on.
    this.registry = new ClaimRegistry(dedupe(opts.ledgers));
    ({ ledgers: this.ledgers, claims: this.claims } = selectClaims(this.registry, opts.paper, opts.claim));
    this.budgetMs = opts.timeBudgetSec ? opts.timeBudgetSec * 1000 : null;
    this.claimsEnd = this.budgetMs === null ? undefined : this.now() + (opts.mutants ? this.budgetMs / 2 : this.budgetMs);
  }

  fixtureOptions(): FixtureReplayOptions {
    return {
      dir: this.opts.fixturesDir ?? join(this.root, 'fixtures', 'counterexamples'),
      root: this.root,
      lookup: (id) => this.registry.claim(id),
      selected: new Set(this.claims.map((c) => c.id)),
      rtol: this.rtol,
    };
  }

  /** Run options of the next claim (call in claim order): its share of the time left for the claims. */
  runOptions(): RunOptions {
    const i = this.reports.length;
    const deadline = this.claimsEnd === undefined ? undefined : this.now() + Math.max(0, this.claimsEnd - this.now()) / (this.claims.length - i);
    return {
      seed: this.seed, scale: this.scale, runs: this.opts.runs, factor: this.opts.factor ?? 1, shard: this.opts.shard ?? null,
      rtol: this.rtol, deadline, now: this.now, onProgress: this.opts.onProgress,
    };
  }

  addClaim(c: RegisteredClaim, run: ClaimRun): void {
    const rep = claimReport(c, this.registry.ledgerOf(c.id)?.paper ?? 'WZC', run);
    this.reports.push(rep);
    this.opts.onClaimDone?.(rep);
  }

  /** The mutant matrices to run (one per selected ledger with a fault catalogue), or null without `mutants`. */
  matrixJobs(): { ledger: PaperLedger; claims: RegisteredClaim[]; opts: RunOptions }[] | null {
    if (!this.opts.mutants) return null;
    const end = this.budgetMs === null ? undefined : this.t0 + this.budgetMs;
    const selected = new Set(this.claims.map((c) => c.id));
    return this.ledgers.filter((l) => l.mutants !== undefined).map((ledger) => ({
      ledger,
      claims: ledger.claims.filter((c) => selected.has(c.id)),
      opts: { seed: this.seed, scale: this.scale, runs: this.opts.mutantRuns, shard: this.opts.shard ?? null, rtol: this.rtol, deadline: end, now: this.now },
    }));
  }

  report(fixtures: FixtureResult[], mutants: MutantMatrix[] | null): VerifyReport {
    const { opts, reports } = this;
    return {
      schema: REPORT_SCHEMA,
      version: REPORT_VERSION,
      run: {
        seed: this.seed, scale: this.scale, runsOverride: opts.runs ?? null, runsFactor: opts.factor ?? 1,
        shard: opts.shard && opts.shard.count > 1 ? opts.shard : null, mergedShards: null, paper: opts.paper ?? null,
        claimFilter: opts.claim ?? null, rtol: this.rtol, timeBudgetSec: opts.timeBudgetSec ?? null,
        budgetExhausted: reports.some((r) => r.budget.exhausted), node: process.version, startedAt: this.startedAt,
        durationMs: this.now() - this.t0,
      },
      summary: summarizeReport(reports, fixtures, this.ledgerProblems, mutants),
      ledgerProblems: this.ledgerProblems,
      fixtures,
      claims: reports,
      mutants,
    };
  }
}

/**
 * Run a verification. The time budget is shared by the claims in turn: each claim may use the remaining time
 * divided by the number of claims still to run (time a fast claim leaves is passed on). With `mutants`, the
 * claims get half of the budget and the matrix the rest. Fixtures are replayed first and are not budgeted.
 * Synchronous: an asynchronous claim (check returning a Promise) is an engine error here; see
 * {@link runVerificationAsync}.
 */
export function runVerification(opts: VerifyOptions): VerifyReport {
  const plan = new VerificationPlan(opts);
  const fixtures = replayFixtures(plan.fixtureOptions());
  opts.onFixtures?.(fixtures);
  for (const c of plan.claims) plan.addClaim(c, runClaim(c, plan.runOptions()));
  const mutants = plan.matrixJobs()?.map((j) => runMutantMatrix(j.ledger, j.claims, j.opts)) ?? null;
  return plan.report(fixtures, mutants);
}

/** {@link runVerification} for ledgers with asynchronous claims: the same report, runs awaited one at a time. */
export async function runVerificationAsync(opts: VerifyOptions): Promise<VerifyReport> {
  const plan = new VerificationPlan(opts);
  const fixtures = await replayFixturesAsync(plan.fixtureOptions());
  opts.onFixtures?.(fixtures);
  for (const c of plan.claims) plan.addClaim(c, await runClaimAsync(c, plan.runOptions()));
  const jobs = plan.matrixJobs();
  let mutants: MutantMatrix[] | null = null;
  if (jobs !== null) {
    mutants = [];
    for (const j of jobs) mutants.push(await runMutantMatrixAsync(j.ledger, j.claims, j.opts));
  }
  return plan.report(fixtures, mutants);
}

function dedupe(ledgers: readonly PaperLedger[]): PaperLedger[] {
  const seen = new Set<string>();
  return ledgers.map((l) => ({
    ...l,
    claims: l.claims.filter((c) => {
      if (seen.has(c.id)) return false;
      seen.add(c.id);
      return true;
    }),
  }));
}
