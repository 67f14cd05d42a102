/**
 * Schema of `report.json`, the machine-readable result of `lagrangelab verify` (and of `lagrangelab merge`).
 * {@link validateReport} checks a parsed file against it by hand (no schema library), naming the first bad
 * fields. Numbers are plain JSON numbers; non-finite values never appear (they are dropped or null).
 */
import { PAPER_ID_PATTERN, type ClaimFinding, type ClaimKind, type ClaimSource, type Expectation, type PaperId, type Scale, type Verdict } from '../engine/types.ts';
import { checkInconclusive, type ClaimStats, type ClaimVerdict } from '../engine/stats.ts';
import type { Counterexample, EngineErrorRecord, Shard } from '../engine/runner.ts';
import type { MutantMatrix } from '../engine/mutantMatrix.ts';
import type { FixtureResult } from '../engine/fixtures.ts';
import { verdictMatches } from '../engine/evaluate.ts';

/** Value of {@link VerifyReport.schema}. */
export const REPORT_SCHEMA = 'lagrangelab/verify-report';
/**
 * Value of {@link VerifyReport.version}; bump on incompatible changes. 2: engine errors (`stats.errors`,
 * `firstEngineError`, `summary.engineErrors`, fixture status `engine-error`) and inconclusive budgets
 * (`inconclusiveBudget`, `summary.inconclusiveExceeded`, matrix counts `errors`, `inconclusiveRate`,
 * `inconclusiveExceeded`).
 */
export const REPORT_VERSION = 2;

/** The whole report. */
export interface VerifyReport {
  /** Always {@link REPORT_SCHEMA}. */
  schema: typeof REPORT_SCHEMA;
  /** Always {@link REPORT_VERSION}. */
  version: typeof REPORT_VERSION;
  run: RunMeta;
  summary: ReportSummary;
  /** Ledger consistency problems (see `checkLedgers`); any problem fails the run. */
  ledgerProblems: string[];
  /** Counterexample fixtures replayed before the random runs, in file order. */
  fixtures: FixtureResult[];
  /** One entry per selected claim, in registry order. */
  claims: ClaimReport[];
  /** Mutant × claim matrices (one per ledger with mutants), or null when `--mutants` was not given. */
  mutants: MutantMatrix[] | null;
}

/** How the run was made. */
export interface RunMeta {
  /** fast-check seed of every claim's run stream. */
  seed: number;
  scale: Scale;
  /** `--runs N` when given (exact runs per claim), else null. */
  runsOverride: number | null;
  /** Every claim's planned runs were multiplied by this (`--factor`, default 1). */
  runsFactor: number;
  /** The shard this report covers, or null for a whole run (also null after a merge). */
  shard: Shard | null;
  /** Set by `merge`: how many shard reports were combined. */
  mergedShards: number | null;
  /** `--paper` filter, or null. */
  paper: string | null;
  /** `--claim` glob, or null. */
  claimFilter: string | null;
  /** Pass tolerance in force (src/engine/tolerance.ts). */
  rtol: number;
  /** `--time-budget` in seconds, or null. */
  timeBudgetSec: number | null;
  /** True when the time budget stopped some claim before all its runs were done. */
  budgetExhausted: boolean;
  /** `process.version` of the run (of the first shard after a merge). */
  node: string;
  /** ISO time the run started (earliest shard after a merge). */
  startedAt: string;
  /** Wall time of the run in ms (sum over shards after a merge). */
  durationMs: number;
  /**
   * lagrangelab's version and those of the packages that shape the numbers (report/versions.ts), of the first
   * shard after a merge. Optional: reports written before it was recorded lack it.
   */
  versions?: Record<string, string>;
}

/** Totals; `ok` is what the exit code reports. */
export interface ReportSummary {
  claims: number;
  /** Claims whose verdict matches their expectation. */
  matching: number;
  /** Ids of the claims whose verdict does not match. */
  mismatching: string[];
  /** Fixtures evaluated (status ok or mismatch). */
  fixturesReplayed: number;
  /** Files of the fixtures that failed (mismatch, malformed or engine error). */
  fixturesFailed: string[];
  /** Ids of the claims that left more inconclusive runs than their declared budget allows. */
  inconclusiveExceeded: string[];
  /**
   * Where the engine itself failed (an oracle, a hypothesis test or instance generation threw): claim ids, mutant
   * matrix cells (`claim under mutant m`) and fixture files (`fixture f`). Any fails the run.
   */
  engineErrors: string[];
  /**
   * Every claim matches and stays within its inconclusive budget, every fixture replays as expected, the ledgers
   * are consistent and the engine met no error.
   */
  ok: boolean;
}

/** One claim's result. */
export interface ClaimReport {
  id: string;
  paper: PaperId;
  source: ClaimSource;
  kind: ClaimKind;
  statement: string;
  /** How lagrangelab checks the statement (instances, oracle, comparison, tolerance). */
  method: string;
  expected: Expectation;
  /** Aggregate verdict: violated if any run violated; holds if ≥ 1 held and none violated; hypotheses-unmet
   * if every run had unmet hypotheses; else inconclusive. */
  verdict: ClaimVerdict;
  /** verdict = holds for expected holds; verdict = violated for expected refuted. */
  matchesExpectation: boolean;
  /** Instance family name. */
  family: string;
  tags: string[];
  /** Id of the literal claim this one corrects, or null. */
  corrects: string | null;
  /** A vacuous conclusion or unsatisfiable hypotheses (engine/types.ts `ClaimFinding`); absent for an ordinary claim. */
  finding?: ClaimFinding;
  stats: ClaimStats;
  /** Sorted finite per-run ratios and margins (kept so that shard reports merge exactly). */
  samples: { ratio: number[]; margin: number[] };
  /** The first violation (lowest run index), shrunk, with its replay command; null when none. */
  counterexample: Counterexample | null;
  /** First inconclusive run and why, for diagnosis; null when none. */
  firstInconclusive: { runIndex: number; detail: string } | null;
  /** First run with unmet hypotheses and which; null when none. */
  firstUnmet: { runIndex: number; unmet: string[] } | null;
  /** The first run the engine could not evaluate (see `summary.engineErrors`), with its replay; null when none. */
  firstEngineError: EngineErrorRecord | null;
  /** The inconclusive runs against the claim's declared budget (stats.ts `checkInconclusive`). */
  inconclusiveBudget: InconclusiveBudgetReport;
  budget: ClaimBudget;
  /** Wall time spent on this claim in ms. */
  durationMs: number;
}

/** A claim's inconclusive runs judged against its declared rate. */
export interface InconclusiveBudgetReport {
  /** Declared tolerated rate at the run's scale (0 unless the claim declares one). */
  rate: number;
  /** The claim's reason for the rate. */
  reason: string;
  /** Decidable runs: holds + violated + inconclusive. */
  n: number;
  /** Most inconclusive runs the rate allows at n (99.9% quantile of Binomial(n, rate)). */
  limit: number;
  /** stats.inconclusive > limit: the claim fails. */
  exceeded: boolean;
}

/** Planned versus done runs of a claim. */
export interface ClaimBudget {
  /** Runs of the whole claim (all shards). */
  plannedRuns: number;
  /** Run indices covered by this report: [from, to) (the whole range after a merge). */
  range: { from: number; to: number };
  /** Runs actually done (= stats.runs). */
  runsDone: number;
  /** The time budget cut this claim short. */
  exhausted: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Validation

type Check = (v: unknown, at: string, errs: string[]) => void;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num: Check = (v, at, e) => { if (typeof v !== 'number' || !Number.isFinite(v)) e.push(`${at}: expected a finite number`); };
const int: Check = (v, at, e) => { if (!Number.isInteger(v) || (v as number) < 0) e.push(`${at}: expected a non-negative integer`); };
const str: Check = (v, at, e) => { if (typeof v !== 'string') e.push(`${at}: expected a string`); };
const bool: Check = (v, at, e) => { if (typeof v !== 'boolean') e.push(`${at}: expected a boolean`); };
const nullable = (c: Check): Check => (v, at, e) => { if (v !== null) c(v, at, e); };
const oneOf = (...vals: readonly string[]): Check => (v, at, e) => { if (typeof v !== 'string' || !vals.includes(v)) e.push(`${at}: expected one of ${vals.join(', ')}`); };
const arr = (c: Check): Check => (v, at, e) => {
  if (!Array.isArray(v)) e.push(`${at}: expected an array`);
  else v.forEach((x, i) => c(x, `${at}[${i}]`, e));
};
const obj = (fields: Record<string, Check>, optional: Record<string, Check> = {}): Check => (v, at, e) => {
  if (!isObj(v)) {
    e.push(`${at}: expected an object`);
    return;
  }
  for (const [k, c] of Object.entries(fields)) {
    if (!(k in v)) e.push(`${at}.${k}: missing`);
    else c(v[k], `${at}.${k}`, e);
  }
  for (const [k, c] of Object.entries(optional)) if (v[k] !== undefined) c(v[k], `${at}.${k}`, e);
};
const anything: Check = () => {};
const stringRecord: Check = (v, at, e) => {
  if (!isObj(v)) e.push(`${at}: expected an object of strings`);
  else for (const [k, x] of Object.entries(v)) str(x, `${at}.${k}`, e);
};
const paperId: Check = (v, at, e) => { if (typeof v !== 'string' || !PAPER_ID_PATTERN.test(v)) e.push(`${at}: expected a paper id (a letter, then letters, digits, '.', '_' or '-')`); };

const STATUSES = ['holds', 'violated', 'hypotheses-unmet', 'inconclusive'] as const;
const verdictCheck: Check = (v, at, e) => {
  obj({ status: oneOf(...STATUSES) }, { margin: num, ratio: num, note: str, detail: str, unmet: arr(str) })(v, at, e);
  if (!isObj(v)) return;
  if ((v.status === 'violated' || v.status === 'inconclusive') && typeof v.detail !== 'string') e.push(`${at}.detail: missing`);
  if (v.status === 'hypotheses-unmet' && !Array.isArray(v.unmet)) e.push(`${at}.unmet: missing`);
};
const shardCheck = obj({ index: int, count: int });
const statsCheck = obj({
  runs: int, hypothesesHeld: int, holds: int, violated: int, unmet: int, inconclusive: int, errors: int, violationRateUpper95: num,
  ratio: nullable(obj({ count: int, max: num, median: num, p90: num })), minMargin: nullable(num),
});
const counterexampleCheck = obj({
  runIndex: int, seed: num, path: str, scale: oneOf('ci', 'deep'), instance: anything, description: str,
  verdict: verdictCheck, original: verdictCheck, shrinks: int, shrinkTruncated: bool, replay: str,
});
const expectationCheck: Check = (v, at, e) => {
  obj({ status: oneOf('holds', 'refuted') }, { erratum: str })(v, at, e);
  if (isObj(v) && v.status === 'refuted' && typeof v.erratum !== 'string') e.push(`${at}.erratum: missing`);
};
const claimCheck = obj({
  id: str, paper: paperId, source: obj({ paper: str, item: str }, { equations: arr(str), line: int }),
  kind: str, statement: str, method: str, expected: expectationCheck, verdict: oneOf(...STATUSES), matchesExpectation: bool,
  family: str, tags: arr(str), corrects: nullable(str), stats: statsCheck,
  samples: obj({ ratio: arr(num), margin: arr(num) }), counterexample: nullable(counterexampleCheck),
  firstInconclusive: nullable(obj({ runIndex: int, detail: str })),
  firstUnmet: nullable(obj({ runIndex: int, unmet: arr(str) })),
  firstEngineError: nullable(obj({ runIndex: int, detail: str, whileShrinking: bool, replay: str })),
  inconclusiveBudget: obj({ rate: num, reason: str, n: int, limit: int, exceeded: bool }),
  budget: obj({ plannedRuns: int, range: obj({ from: int, to: int }), runsDone: int, exhausted: bool }), durationMs: num,
}, { finding: obj({ kind: oneOf('vacuous', 'unsatisfiable'), why: str }) });
const fixtureCheck = obj(
  { file: str, claim: nullable(str), expected: nullable(oneOf('violated', 'holds')), status: oneOf('ok', 'mismatch', 'malformed', 'engine-error', 'unregistered', 'skipped') },
  { verdict: verdictCheck, note: str, detail: str },
);
const countsCheck = obj({
  claim: str, runs: int, holds: int, violated: int, unmet: int, inconclusive: int, errors: int, firstViolation: nullable(int),
  verdict: oneOf(...STATUSES), inconclusiveRate: num, inconclusiveExceeded: bool,
});
const matrixCheck = obj({
  paper: str, runsPerCell: int, claims: arr(str),
  mutants: arr(obj({ id: str, description: str, caughtBy: arr(str) })),
  baseline: arr(countsCheck),
  cells: arr((v, at, e) => {
    countsCheck(v, at, e);
    obj({ mutant: str, caught: bool })(v, at, e);
  }),
});
const reportCheck = obj({
  schema: oneOf(REPORT_SCHEMA), version: (v, at, e) => { if (v !== REPORT_VERSION) e.push(`${at}: expected ${REPORT_VERSION}`); },
  run: obj({
    seed: num, scale: oneOf('ci', 'deep'), runsOverride: nullable(int), runsFactor: int, shard: nullable(shardCheck), mergedShards: nullable(int),
    paper: nullable(str), claimFilter: nullable(str), rtol: num, timeBudgetSec: nullable(num), budgetExhausted: bool,
    node: str, startedAt: str, durationMs: num,
  }, { versions: stringRecord }),
  summary: obj({
    claims: int, matching: int, mismatching: arr(str), fixturesReplayed: int, fixturesFailed: arr(str),
    inconclusiveExceeded: arr(str), engineErrors: arr(str), ok: bool,
  }),
  ledgerProblems: arr(str), fixtures: arr(fixtureCheck), claims: arr(claimCheck), mutants: nullable(arr(matrixCheck)),
});

/** Result of {@link validateReport}. */
export type ValidationResult = { ok: true; report: VerifyReport } | { ok: false; errors: string[] };

/**
 * Validate a parsed report.json: types of every field, plus cross-checks (verdict agrees with the counts,
 * matchesExpectation with the verdict, the inconclusive budget with the counts, summary with the claims). At
 * most 50 errors are returned.
 */
export function validateReport(json: unknown): ValidationResult {
  const errors: string[] = [];
  reportCheck(json, 'report', errors);
  if (errors.length === 0) {
    const r = json as VerifyReport;
    r.claims.forEach((c, i) => {
      const at = `report.claims[${i}]`;
      const s = c.stats;
      if (s.holds + s.violated + s.unmet + s.inconclusive + s.errors !== s.runs) errors.push(`${at}.stats: counts do not add up to runs`);
      const want = s.violated > 0 ? 'violated' : s.holds > 0 ? 'holds' : s.runs > 0 && s.unmet === s.runs ? 'hypotheses-unmet' : 'inconclusive';
      if (c.verdict !== want) errors.push(`${at}.verdict: ${c.verdict} disagrees with the counts (${want})`);
      const match = verdictMatches(c, c.verdict);
      if (c.matchesExpectation !== match) errors.push(`${at}.matchesExpectation: disagrees with verdict and expectation`);
      if (c.budget.runsDone !== s.runs) errors.push(`${at}.budget.runsDone: differs from stats.runs`);
      const ib = c.inconclusiveBudget;
      const want2 = checkInconclusive(s, ib.rate);
      if (ib.n !== want2.n || ib.limit !== want2.limit || ib.exceeded !== want2.exceeded) {
        errors.push(`${at}.inconclusiveBudget: disagrees with the counts (n ${want2.n}, limit ${want2.limit}, exceeded ${want2.exceeded})`);
      }
      if (s.errors > 0 && c.firstEngineError === null) errors.push(`${at}.firstEngineError: missing although stats.errors > 0`);
    });
    const mism = r.claims.filter((c) => !c.matchesExpectation).map((c) => c.id);
    if (r.summary.claims !== r.claims.length) errors.push('report.summary.claims: differs from the number of claims');
    if (mism.join('\n') !== r.summary.mismatching.join('\n')) errors.push('report.summary.mismatching: differs from the claims');
    const exceeded = r.claims.filter((c) => c.inconclusiveBudget.exceeded).map((c) => c.id);
    if (exceeded.join('\n') !== r.summary.inconclusiveExceeded.join('\n')) errors.push('report.summary.inconclusiveExceeded: differs from the claims');
    const sm = r.summary;
    const ok = mism.length === 0 && sm.fixturesFailed.length === 0 && r.ledgerProblems.length === 0 && exceeded.length === 0 && sm.engineErrors.length === 0;
    if (sm.ok !== ok) errors.push('report.summary.ok: disagrees with claims, fixtures, ledger problems, budgets and engine errors');
  }
  return errors.length === 0 ? { ok: true, report: json as VerifyReport } : { ok: false, errors: errors.slice(0, 50) };
}

/** Verdict type re-exported for report consumers. */
export type { Verdict };
