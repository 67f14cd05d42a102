/**
 * `lagrangelab compare BASE HEAD`: what changed between two verify reports, and whether it is a regression.
 *
 * What counts as a regression (the exit code; README, "Comparing two runs"):
 * - a claim that matched its expectation in BASE and does not in HEAD (a verdict change the wrong way);
 * - a claim's violation rate (violated / decided runs) that rose beyond noise: the two-sided 95% Clopper–Pearson
 *   intervals of BASE and HEAD no longer overlap and HEAD's is higher. Only for claims expected to hold: the
 *   violations of a refuted claim are the paper's error showing, so their rate moving is reported as a change;
 * - a claim newly over its inconclusive budget, or newly meeting engine errors;
 * - a claim, counterexample fixture or planted fault's detection that BASE had and HEAD lost: a removed claim, a
 *   removed fixture that BASE replayed, a fixture that replayed as expected and no longer does, a mutant some
 *   claim caught in BASE that no claim catches in HEAD; a new ledger problem;
 * - a claim or fixture added in HEAD that already fails.
 * Reported but never a regression: ratio distribution shifts (a two-sample Kolmogorov–Smirnov test on the
 * stored observed/bound samples, significant at α = 0.05 after a Bonferroni correction over the claims tested —
 * slack moving is not a failure, and the verdicts gate correctness), violation rates of refuted claims, claims
 * added that pass, and runtime (one wall-clock number per claim and run: no variance to test against).
 *
 * Reports of different seeds, scales, tolerances, filters or a single shard are refused (a {@link CompareError})
 * unless `allowMismatch`: their differences would not be caused by the code.
 */
import { clopperPearsonInterval, quantile, type RateInterval } from '../engine/stats.ts';
import { ksTwoSample } from '../engine/ks.ts';
import { fixtureFailed, type FixtureResult } from '../engine/fixtures.ts';
import type { ClaimReport, VerifyReport } from './schema.ts';

/** Value of {@link Comparison.schema}. */
export const COMPARE_SCHEMA = 'lagrangelab/compare-report';
/** Value of {@link Comparison.version}. */
export const COMPARE_VERSION = 1;
/** Confidence of the violation-rate intervals. */
export const RATE_CONFIDENCE = 0.95;
/** Family-wise level of the ratio-shift tests (Bonferroni-divided over the claims tested). */
export const SHIFT_ALPHA = 0.05;
/** Fewest samples per side for a KS test: below n_a n_b / (n_a + n_b) = 4 the asymptotic p-value is unreliable. */
export const MIN_KS_EFFECTIVE_N = 4;

/** Reports that must not be compared (different seeds, scales, …) without `allowMismatch`. */
export class CompareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompareError';
  }
}

/** How a finding bears on the exit code. */
export type Severity = 'regression' | 'improvement' | 'change';

/** What a finding is about. */
export type FindingKind =
  | 'claim-added' | 'claim-removed' | 'verdict' | 'expectation' | 'violation-rate' | 'inconclusive-budget' | 'engine-errors'
  | 'ratio-shift' | 'fixture' | 'mutant' | 'ledger';

/** One line of the comparison. */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** Claim id, fixture file or mutant id the finding is about. */
  subject: string;
  text: string;
}

/** One side of a claim in the comparison. */
export interface ClaimSide {
  verdict: ClaimReport['verdict'];
  expected: 'holds' | 'refuted';
  matches: boolean;
  runs: number;
  violated: number;
  decided: number;
  inconclusiveExceeded: boolean;
  errors: number;
  durationMs: number;
}

/** The KS test of a claim's ratio samples. */
export interface RatioShift {
  d: number;
  p: number;
  /** Per-claim level after the Bonferroni correction. */
  alpha: number;
  significant: boolean;
  baseMedian: number;
  headMedian: number;
  baseP90: number;
  headP90: number;
  baseN: number;
  headN: number;
  /** `up`: HEAD's ratios are larger (closer to, or further past, the bound); `down`: more slack. */
  direction: 'up' | 'down' | 'none';
}

/** A claim of either report. */
export interface ClaimComparison {
  id: string;
  presence: 'both' | 'added' | 'removed';
  base: ClaimSide | null;
  head: ClaimSide | null;
  /** Violation rates with their 95% intervals; null unless the claim is in both reports. */
  violationRate: { base: RateInterval; head: RateInterval; overlap: boolean } | null;
  /** null unless both reports hold enough ratio samples of the claim. */
  ratioShift: RatioShift | null;
}

/** A run's identity in the comparison. */
export interface RunSide {
  label: string;
  seed: number;
  scale: string;
  runsFactor: number;
  runsOverride: number | null;
  rtol: number;
  claims: number;
  ok: boolean;
  durationMs: number;
  startedAt: string;
}

/** The whole comparison (`compare.json`). */
export interface Comparison {
  schema: typeof COMPARE_SCHEMA;
  version: typeof COMPARE_VERSION;
  base: RunSide;
  head: RunSide;
  /** Run settings that differ; only non-empty when the comparison was forced (`allowMismatch`) or they are benign. */
  mismatches: string[];
  regression: boolean;
  counts: Record<Severity, number>;
  findings: Finding[];
  claims: ClaimComparison[];
  runtime: { baseMs: number; headMs: number; claims: { id: string; baseMs: number; headMs: number; basePerRunMs: number; headPerRunMs: number }[] };
}

/** Options of {@link compareReports}. */
export interface CompareReportsOptions {
  /** Compare reports of different seeds, scales, tolerances, filters or shards anyway. */
  allowMismatch?: boolean;
  /** Names of the two inputs in the output (default `base`, `head`). */
  labels?: [string, string];
}

/** Run settings whose difference makes two reports incomparable, and why. */
const REFUSED: { field: string; get: (r: VerifyReport) => unknown; why: string }[] = [
  { field: 'run.seed', get: (r) => r.run.seed, why: 'the runs drew different instances' },
  { field: 'run.scale', get: (r) => r.run.scale, why: 'the instance families differ by scale' },
  { field: 'run.rtol', get: (r) => r.run.rtol, why: 'the tolerance policy decides the verdicts' },
  { field: 'run.paper', get: (r) => r.run.paper, why: 'different papers were selected' },
  { field: 'run.claimFilter', get: (r) => r.run.claimFilter, why: 'different claims were selected' },
  { field: 'run.shard', get: (r) => r.run.shard, why: 'a shard covers only part of the runs (merge the shards first)' },
  { field: 'mutants', get: (r) => r.mutants !== null, why: 'the mutant matrix was run on one side only' },
];
/** Run settings that may differ: the statistics account for different run counts. */
const NOTED: { field: string; get: (r: VerifyReport) => unknown }[] = [
  { field: 'run.runsFactor', get: (r) => r.run.runsFactor },
  { field: 'run.runsOverride', get: (r) => r.run.runsOverride },
  { field: 'run.timeBudgetSec', get: (r) => r.run.timeBudgetSec },
  { field: 'mutants.runsPerCell', get: (r) => r.mutants?.map((m) => m.runsPerCell).join(',') ?? null },
];

const show = (x: unknown): string => JSON.stringify(x) ?? 'undefined';

function side(label: string, r: VerifyReport): RunSide {
  const { seed, scale, runsFactor, runsOverride, rtol, durationMs, startedAt } = r.run;
  return { label, seed, scale, runsFactor, runsOverride, rtol, claims: r.claims.length, ok: r.summary.ok, durationMs, startedAt };
}

function claimSide(c: ClaimReport): ClaimSide {
  const s = c.stats;
  return {
    verdict: c.verdict, expected: c.expected.status, matches: c.matchesExpectation, runs: s.runs, violated: s.violated,
    decided: s.holds + s.violated, inconclusiveExceeded: c.inconclusiveBudget.exceeded, errors: s.errors, durationMs: c.durationMs,
  };
}

/** Why a claim of one report fails on its own (empty when it passes). */
function ownFailures(c: ClaimReport): string[] {
  const out: string[] = [];
  if (!c.matchesExpectation) out.push(`verdict ${c.verdict}, expected ${c.expected.status === 'refuted' ? 'violated' : 'holds'}`);
  if (c.inconclusiveBudget.exceeded) out.push(`${c.stats.inconclusive} inconclusive > ${c.inconclusiveBudget.limit} allowed`);
  if (c.stats.errors > 0) out.push(`${c.stats.errors} engine error(s)`);
  return out;
}

const pct = (x: number): string => `${(100 * x).toPrecision(3)}%`;
const interval = (r: RateInterval): string => `${r.x}/${r.n} = ${Number.isNaN(r.rate) ? '—' : pct(r.rate)} [${pct(r.lower)}, ${pct(r.upper)}]`;

function compareClaim(id: string, b: ClaimReport, h: ClaimReport, shiftAlpha: number, out: Finding[]): ClaimComparison {
  const bs = claimSide(b);
  const hs = claimSide(h);
  const f = (kind: FindingKind, severity: Severity, text: string): void => { out.push({ kind, severity, subject: id, text }); };
  if (b.expected.status !== h.expected.status) {
    f('expectation', 'change', `expectation ${b.expected.status} → ${h.expected.status}${h.expected.status === 'refuted' ? ` (${h.expected.erratum})` : ''}`);
  }
  if (bs.matches && !hs.matches) f('verdict', 'regression', `verdict ${b.verdict} → ${h.verdict}: no longer matches its expectation (${h.expected.status})`);
  else if (!bs.matches && hs.matches) f('verdict', 'improvement', `verdict ${b.verdict} → ${h.verdict}: now matches its expectation`);
  else if (b.verdict !== h.verdict) f('verdict', 'change', `verdict ${b.verdict} → ${h.verdict}`);
  const rb = clopperPearsonInterval(bs.violated, bs.decided, RATE_CONFIDENCE);
  const rh = clopperPearsonInterval(hs.violated, hs.decided, RATE_CONFIDENCE);
  const overlap = !(bs.decided > 0 && hs.decided > 0) || (rb.lower <= rh.upper && rh.lower <= rb.upper);
  if (!overlap) {
    const up = rh.lower > rb.upper;
    const severity: Severity = h.expected.status === 'holds' ? (up ? 'regression' : 'improvement') : 'change';
    f('violation-rate', severity, `violation rate ${up ? 'rose' : 'fell'} beyond noise: ${interval(rb)} → ${interval(rh)} (95% intervals disjoint)`);
  }
  if (!bs.inconclusiveExceeded && hs.inconclusiveExceeded) {
    f('inconclusive-budget', 'regression', `over its inconclusive budget: ${h.stats.inconclusive} > ${h.inconclusiveBudget.limit} allowed of ${h.inconclusiveBudget.n}`);
  } else if (bs.inconclusiveExceeded && !hs.inconclusiveExceeded) f('inconclusive-budget', 'improvement', 'back within its inconclusive budget');
  if (bs.errors === 0 && hs.errors > 0) f('engine-errors', 'regression', `${hs.errors} engine error(s)${h.firstEngineError ? `: ${h.firstEngineError.detail}` : ''}`);
  else if (bs.errors > 0 && hs.errors === 0) f('engine-errors', 'improvement', 'no engine errors any more');
  return { id, presence: 'both', base: bs, head: hs, violationRate: { base: rb, head: rh, overlap }, ratioShift: ratioShift(b, h, shiftAlpha) };
}

function ratioShift(b: ClaimReport, h: ClaimReport, alpha: number): RatioShift | null {
  const x = b.samples.ratio;
  const y = h.samples.ratio;
  if (x.length === 0 || y.length === 0 || (x.length * y.length) / (x.length + y.length) < MIN_KS_EFFECTIVE_N) return null;
  const ks = ksTwoSample(x, y);
  const [bm, hm] = [quantile(x, 0.5), quantile(y, 0.5)];
  return {
    d: ks.d, p: ks.p, alpha, significant: ks.p < alpha, baseMedian: bm, headMedian: hm, baseP90: quantile(x, 0.9), headP90: quantile(y, 0.9),
    baseN: x.length, headN: y.length, direction: hm > bm ? 'up' : hm < bm ? 'down' : 'none',
  };
}

/** Number of claims a KS test will run on (the Bonferroni divisor). */
function testedClaims(base: VerifyReport, head: VerifyReport): number {
  const byId = new Map(base.claims.map((c) => [c.id, c]));
  let m = 0;
  for (const h of head.claims) {
    const b = byId.get(h.id);
    const [x, y] = [b?.samples.ratio.length ?? 0, h.samples.ratio.length];
    if (x > 0 && y > 0 && (x * y) / (x + y) >= MIN_KS_EFFECTIVE_N) m++;
  }
  return Math.max(1, m);
}

function compareFixtures(base: readonly FixtureResult[], head: readonly FixtureResult[], out: Finding[]): void {
  const b = new Map(base.map((f) => [f.file, f]));
  const h = new Map(head.map((f) => [f.file, f]));
  const replayed = (f: FixtureResult): boolean => f.status === 'ok' || f.status === 'mismatch';
  const what = (f: FixtureResult): string => `${f.status}${f.verdict ? ` (${f.verdict.status})` : ''}`;
  for (const [file, fb] of b) {
    const fh = h.get(file);
    const add = (severity: Severity, text: string): void => { out.push({ kind: 'fixture', severity, subject: file, text }); };
    if (fh === undefined) add(replayed(fb) ? 'regression' : 'change', `removed (was ${what(fb)})`);
    else if (!fixtureFailed(fb) && fixtureFailed(fh)) add('regression', `${what(fb)} → ${what(fh)}${fh.detail ? `: ${fh.detail}` : ''}`);
    else if (fixtureFailed(fb) && !fixtureFailed(fh)) add('improvement', `${what(fb)} → ${what(fh)}`);
    else if (what(fb) !== what(fh)) add('change', `${what(fb)} → ${what(fh)}`);
  }
  for (const [file, fh] of h) {
    if (!b.has(file)) out.push({ kind: 'fixture', severity: fixtureFailed(fh) ? 'regression' : 'change', subject: file, text: `added: ${what(fh)}${fh.detail ? `: ${fh.detail}` : ''}` });
  }
}

function compareMutants(base: VerifyReport, head: VerifyReport, out: Finding[]): void {
  const caught = (r: VerifyReport): Map<string, string[]> =>
    new Map((r.mutants ?? []).flatMap((m) => m.mutants.map((x) => [`${m.paper}:${x.id}`, x.caughtBy] as [string, string[]])));
  const b = caught(base);
  const h = caught(head);
  for (const [id, bc] of b) {
    const hc = h.get(id);
    const add = (severity: Severity, text: string): void => { out.push({ kind: 'mutant', severity, subject: id, text }); };
    if (hc === undefined) add('change', 'removed from the fault catalogue');
    else if (bc.length > 0 && hc.length === 0) add('regression', `no longer caught (was caught by ${bc.join(', ')})`);
    else if (bc.length === 0 && hc.length > 0) add('improvement', `now caught by ${hc.join(', ')}`);
    else {
      const lost = bc.filter((c) => !hc.includes(c));
      if (lost.length > 0) add('change', `no longer caught by ${lost.join(', ')} (still by ${hc.join(', ')})`);
    }
  }
  for (const [id, hc] of h) if (!b.has(id)) out.push({ kind: 'mutant', severity: 'change', subject: id, text: `added; ${hc.length > 0 ? `caught by ${hc.join(', ')}` : 'not caught'}` });
}

/** Settings that differ between the reports: refused ones (throws unless `allowMismatch`) and noted ones. */
function runMismatches(base: VerifyReport, head: VerifyReport, allow: boolean): string[] {
  const refused = REFUSED.filter((x) => show(x.get(base)) !== show(x.get(head)))
    .map((x) => `${x.field} differs (base ${show(x.get(base))}, head ${show(x.get(head))}): ${x.why}`);
  if (refused.length > 0 && !allow) throw new CompareError(`${refused.join('; ')}; pass --allow-mismatch to compare anyway`);
  const noted = NOTED.filter((x) => show(x.get(base)) !== show(x.get(head))).map((x) => `${x.field} differs (base ${show(x.get(base))}, head ${show(x.get(head))})`);
  return [...refused, ...noted];
}

/** Compare two verify reports (see the module documentation); throws {@link CompareError} on incomparable runs. */
export function compareReports(base: VerifyReport, head: VerifyReport, opts: CompareReportsOptions = {}): Comparison {
  const [lb, lh] = opts.labels ?? ['base', 'head'];
  const mismatches = runMismatches(base, head, opts.allowMismatch === true);
  const findings: Finding[] = [];
  const shiftAlpha = SHIFT_ALPHA / testedClaims(base, head);
  const bById = new Map(base.claims.map((c) => [c.id, c]));
  const hIds = new Set(head.claims.map((c) => c.id));
  const claims: ClaimComparison[] = [];
  for (const h of head.claims) {
    const b = bById.get(h.id);
    if (b === undefined) {
      const fails = ownFailures(h);
      findings.push({ kind: 'claim-added', severity: fails.length > 0 ? 'regression' : 'change', subject: h.id, text: `added: ${h.verdict}${fails.length > 0 ? ` (${fails.join('; ')})` : ''}` });
      claims.push({ id: h.id, presence: 'added', base: null, head: claimSide(h), violationRate: null, ratioShift: null });
      continue;
    }
    const c = compareClaim(h.id, b, h, shiftAlpha, findings);
    const s = c.ratioShift;
    if (s?.significant) {
      const where = s.direction === 'up' ? 'closer to the bound (less slack)' : s.direction === 'down' ? 'further from the bound (more slack)' : 'same median, other shape';
      findings.push({
        kind: 'ratio-shift', severity: 'change', subject: h.id,
        text: `observed/bound ratios moved ${where}: median ${s.baseMedian.toPrecision(3)} → ${s.headMedian.toPrecision(3)}, p90 ${s.baseP90.toPrecision(3)} → ${s.headP90.toPrecision(3)} (KS D = ${s.d.toFixed(3)}, p = ${s.p.toPrecision(2)} < ${s.alpha.toPrecision(2)})`,
      });
    }
    claims.push(c);
  }
  for (const b of base.claims) {
    if (hIds.has(b.id)) continue;
    findings.push({ kind: 'claim-removed', severity: 'regression', subject: b.id, text: `removed (was ${b.verdict}): nothing checks it any more` });
    claims.push({ id: b.id, presence: 'removed', base: claimSide(b), head: null, violationRate: null, ratioShift: null });
  }
  compareFixtures(base.fixtures, head.fixtures, findings);
  compareMutants(base, head, findings);
  const oldProblems = new Set(base.ledgerProblems);
  for (const p of head.ledgerProblems) if (!oldProblems.has(p)) findings.push({ kind: 'ledger', severity: 'regression', subject: 'ledgers', text: p });
  const counts: Record<Severity, number> = { regression: 0, improvement: 0, change: 0 };
  for (const x of findings) counts[x.severity]++;
  const runtime = claims
    .filter((c) => c.base !== null && c.head !== null)
    .map((c) => {
      const [b, h] = [c.base as ClaimSide, c.head as ClaimSide];
      return { id: c.id, baseMs: b.durationMs, headMs: h.durationMs, basePerRunMs: b.durationMs / Math.max(1, b.runs), headPerRunMs: h.durationMs / Math.max(1, h.runs) };
    });
  return {
    schema: COMPARE_SCHEMA, version: COMPARE_VERSION, base: side(lb, base), head: side(lh, head), mismatches,
    regression: counts.regression > 0, counts, findings, claims,
    runtime: { baseMs: base.run.durationMs, headMs: head.run.durationMs, claims: runtime },
  };
}
