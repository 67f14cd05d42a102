/**
 * One verification run from ledgers to a {@link VerifyReport}: select claims, check the ledgers, replay the
 * counterexample fixtures, run every claim (on this shard), optionally the mutant matrix, and summarise.
 */
import { join } from 'node:path';
import { ClaimRegistry, checkLedgers, REPO_ROOT } from '../engine/registry.ts';
import { replayFixtures, replayFixturesAsync, fixtureFailed, type FixtureReplayOptions, type FixtureResult } from '../engine/fixtures.ts';
import { verdictMatches } from '../engine/evaluate.ts';
import { runClaim, runClaimAsync, DEFAULT_SEED, withReplayArgs, type ClaimRun, type ProgressEvent, type RunOptions, type Shard } from '../engine/runner.ts';
import { matrixEngineErrors, runMutantMatrix, runMutantMatrixAsync, type MutantMatrix } from '../engine/mutantMatrix.ts';
import { summarize } from '../engine/stats.ts';
import { DEFAULT_RTOL } from '../engine/tolerance.ts';
import type { PaperId, PaperLedger, RegisteredClaim, Scale } from '../engine/types.ts';
import { REPORT_SCHEMA, REPORT_VERSION, type ClaimReport, type ReportSummary, type VerifyReport } from './schema.ts';
import { runVersions } from './versions.ts';

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
  /** Flags every replay command needs after `verify`, e.g. `--ledger ./ledger.ts` for a user's ledger. */
  replayArgs?: string;
  now?: () => number;
  onProgress?: (e: ProgressEvent) => void;
  /** Called when the fixtures have been replayed, before any claim runs. */
  onFixtures?: (r: FixtureResult[]) => void;
  onClaimDone?: (r: ClaimReport) => void;
}

/** A selected claim with the paper of the ledger it came from. */
export interface SelectedClaim {
  claim: RegisteredClaim;
  paper: PaperId;
}

/**
 * The ledgers and claims a paper filter and a glob select, in registry order. `selection` pairs each claim with
 * its ledger's paper as it is selected, so a report entry can never lack one.
 */
export function selectClaims(
  registry: ClaimRegistry,
  paper: string | null | undefined,
  glob: string | null | undefined,
): { ledgers: PaperLedger[]; claims: RegisteredClaim[]; selection: SelectedClaim[] } {
  let ledgers = [...registry.allLedgers()];
  if (paper) {
    ledgers = ledgers.filter((l) => l.paper.toLowerCase() === paper.toLowerCase());
    if (ledgers.length === 0) {
      const known = registry.allLedgers().map((l) => l.paper.toLowerCase()).join(', ') || 'none';
      throw new SelectionError('--paper', `no ledger for paper ${paper} (registered: ${known})`);
    }
  }
  let selection = ledgers.flatMap((l) => l.claims.map((claim) => ({ claim, paper: l.paper })));
  if (glob) {
    const ids = new Set(registry.findClaims(glob).map((c) => c.id));
    selection = selection.filter((s) => ids.has(s.claim.id));
    if (selection.length === 0) throw new SelectionError('--claim', `no claim matches ${glob}`);
  }
  return { ledgers, claims: selection.map((s) => s.claim), selection };
}

/** The report entry of one claim run. */
export function claimReport(claim: RegisteredClaim, paper: PaperId, run: ClaimRun): ClaimReport {
  return {
    id: claim.id,
    paper,
    source: claim.source,
    kind: claim.kind,
    statement: claim.statement,
    method: claim.method,
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

/** What every run does before its first claim: ledger checks and claim selection (see {@link runVerification}). */
export interface PreparedRun {
  t0: number;
  startedAt: string;
  root: string;
  seed: number;
  scale: Scale;
  rtol: number;
  ledgerProblems: string[];
  registry: ClaimRegistry;
  /** Selected ledgers and claims, in registry order. */
  ledgers: PaperLedger[];
  claims: RegisteredClaim[];
  /** The selected claims, each with the paper of its ledger. */
  selection: SelectedClaim[];
  /** See {@link VerifyOptions.replayArgs} (empty: none). */
  replayArgs: string;
}

/** Check the ledgers and select the claims (throws {@link SelectionError}). */
export function prepareRun(opts: VerifyOptions): PreparedRun {
  const now = opts.now ?? Date.now;
  const t0 = now();
  const startedAt = new Date().toISOString();
  const root = opts.root ?? REPO_ROOT;
  const ledgerProblems = checkLedgers(opts.ledgers, { root });
  // Duplicate ids are reported by checkLedgers; register first occurrences only so the run can go on.
  const registry = new ClaimRegistry(dedupe(opts.ledgers));
  const { ledgers, claims, selection } = selectClaims(registry, opts.paper, opts.claim);
  return {
    t0, startedAt, root, seed: opts.seed ?? DEFAULT_SEED, scale: opts.scale ?? 'ci', rtol: opts.rtol ?? DEFAULT_RTOL,
    ledgerProblems, registry, ledgers, claims, selection, replayArgs: opts.replayArgs ?? '',
  };
}

/** Where the selected claims' counterexample fixtures are and how to replay them. */
function fixtureOptions(p: PreparedRun, opts: VerifyOptions): FixtureReplayOptions {
  return {
    dir: opts.fixturesDir ?? join(p.root, 'fixtures', 'counterexamples'),
    root: p.root,
    lookup: (id) => p.registry.claim(id),
    selected: new Set(p.claims.map((c) => c.id)),
    rtol: p.rtol,
  };
}

/** Replay the counterexample fixtures of the selected claims. */
export function replaySelectedFixtures(p: PreparedRun, opts: VerifyOptions): FixtureResult[] {
  return replayFixtures(fixtureOptions(p, opts));
}

/** {@link replaySelectedFixtures} for ledgers with asynchronous claims. */
export function replaySelectedFixturesAsync(p: PreparedRun, opts: VerifyOptions): Promise<FixtureResult[]> {
  return replayFixturesAsync(fixtureOptions(p, opts));
}

/** The report entry of a claim of a prepared run. */
export function reportClaim(p: PreparedRun, claim: RegisteredClaim, run: ClaimRun): ClaimReport {
  const selected = p.selection.find((x) => x.claim.id === claim.id);
  // Runs only ever report selected claims; anything else is an engine bug, not a claim of some default paper.
  if (selected === undefined) throw new Error(`claim ${claim.id} is not part of this run's selection`);
  const r = claimReport(claim, selected.paper, run);
  if (p.replayArgs === '') return r;
  const re = <T extends { replay: string } | null>(x: T): T => (x === null ? x : { ...x, replay: withReplayArgs(x.replay, p.replayArgs) });
  return { ...r, counterexample: re(r.counterexample), firstEngineError: re(r.firstEngineError) };
}

/** The ledgers of a prepared run that have a mutant matrix, each with its selected claims. */
export function matrixLedgers(p: PreparedRun): { ledger: PaperLedger; claims: RegisteredClaim[] }[] {
  const selected = new Set(p.claims.map((c) => c.id));
  return p.ledgers.filter((l) => l.mutants !== undefined).map((l) => ({ ledger: l, claims: l.claims.filter((c) => selected.has(c.id)) }));
}

/** The report of a finished run. */
export function assembleReport(
  p: PreparedRun, opts: VerifyOptions, fixtures: FixtureResult[], reports: ClaimReport[], mutants: MutantMatrix[] | null,
): VerifyReport {
  const now = opts.now ?? Date.now;
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    run: {
      seed: p.seed, scale: p.scale, runsOverride: opts.runs ?? null, runsFactor: opts.factor ?? 1, shard: opts.shard && opts.shard.count > 1 ? opts.shard : null,
      mergedShards: null, paper: opts.paper ?? null, claimFilter: opts.claim ?? null, rtol: p.rtol,
      timeBudgetSec: opts.timeBudgetSec ?? null, budgetExhausted: reports.some((r) => r.budget.exhausted),
      node: process.version, startedAt: p.startedAt, durationMs: now() - p.t0, versions: runVersions(),
    },
    summary: summarizeReport(reports, fixtures, p.ledgerProblems, mutants),
    ledgerProblems: p.ledgerProblems,
    fixtures,
    claims: reports,
    mutants,
  };
}

/**
 * When the claims' share of a time budget ends, counted from now (after the fixtures, which are not budgeted):
 * all of it, or half with `mutants` (the matrix gets the rest).
 */
function claimsDeadline(opts: VerifyOptions): number | undefined {
  const budgetMs = opts.timeBudgetSec ? opts.timeBudgetSec * 1000 : null;
  return budgetMs === null ? undefined : (opts.now ?? Date.now)() + (opts.mutants ? budgetMs / 2 : budgetMs);
}

/** Run options of claim i (in claim order): its share of the time the claims have left. */
function claimOptions(p: PreparedRun, opts: VerifyOptions, claimsEnd: number | undefined, i: number): RunOptions {
  const now = opts.now ?? Date.now;
  const deadline = claimsEnd === undefined ? undefined : now() + Math.max(0, claimsEnd - now()) / (p.claims.length - i);
  return {
    seed: p.seed, scale: p.scale, runs: opts.runs, factor: opts.factor ?? 1, shard: opts.shard ?? null, rtol: p.rtol,
    deadline, now, onProgress: opts.onProgress,
  };
}

/** Run options of the mutant matrices: the whole budget's end (cells share what the claims left). */
function matrixOptions(p: PreparedRun, opts: VerifyOptions): RunOptions {
  const end = opts.timeBudgetSec ? p.t0 + opts.timeBudgetSec * 1000 : undefined;
  return { seed: p.seed, scale: p.scale, runs: opts.mutantRuns, shard: opts.shard ?? null, rtol: p.rtol, deadline: end, now: opts.now ?? Date.now };
}

/**
 * Run a verification. The time budget is shared by the claims in turn: each claim may use the remaining time
 * divided by the number of claims still to run (time a fast claim leaves is passed on). With `mutants`, the
 * claims get half of the budget and the matrix the rest. Fixtures are replayed first and are not budgeted.
 * Synchronous: an asynchronous claim (check returning a Promise) is an engine error here; see
 * {@link runVerificationAsync}.
 */
export function runVerification(opts: VerifyOptions): VerifyReport {
  const p = prepareRun(opts);
  const fixtures = replaySelectedFixtures(p, opts);
  opts.onFixtures?.(fixtures);
  const claimsEnd = claimsDeadline(opts);
  const reports: ClaimReport[] = [];
  p.claims.forEach((c, i) => {
    const rep = reportClaim(p, c, runClaim(c, claimOptions(p, opts, claimsEnd, i)));
    reports.push(rep);
    opts.onClaimDone?.(rep);
  });
  const mutants = opts.mutants ? matrixLedgers(p).map(({ ledger, claims }) => runMutantMatrix(ledger, claims, matrixOptions(p, opts))) : null;
  return assembleReport(p, opts, fixtures, reports, mutants);
}

/** {@link runVerification} for ledgers with asynchronous claims: the same report, runs awaited one at a time. */
export async function runVerificationAsync(opts: VerifyOptions): Promise<VerifyReport> {
  const p = prepareRun(opts);
  const fixtures = await replaySelectedFixturesAsync(p, opts);
  opts.onFixtures?.(fixtures);
  const claimsEnd = claimsDeadline(opts);
  const reports: ClaimReport[] = [];
  for (let i = 0; i < p.claims.length; i++) {
    const rep = reportClaim(p, p.claims[i], await runClaimAsync(p.claims[i], claimOptions(p, opts, claimsEnd, i)));
    reports.push(rep);
    opts.onClaimDone?.(rep);
  }
  let mutants: MutantMatrix[] | null = null;
  if (opts.mutants) {
    mutants = [];
    for (const { ledger, claims } of matrixLedgers(p)) mutants.push(await runMutantMatrixAsync(ledger, claims, matrixOptions(p, opts)));
  }
  return assembleReport(p, opts, fixtures, reports, mutants);
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
