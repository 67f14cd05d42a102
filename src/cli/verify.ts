/**
 * `lagrangelab verify` (check every claim of the registered papers on seeded random instances) and
 * `lagrangelab merge` (combine shard reports). Exit 0 iff every verdict matches its expectation, every claim
 * stays within its inconclusive budget, every counterexample fixture replays as expected, the ledgers are
 * consistent and the engine met no error (an oracle, a hypothesis test or instance generation threw); 1
 * otherwise; 2 on a usage error.
 */
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import { loadEnvelopes as defaultLoadEnvelopes, loadLedgers as defaultLoadLedgers, LEDGER_SOURCE } from './registry.ts';
import type { PaperEnvelope } from '../engine/envelope.ts';
import { renderVegaLiteSvg } from '../report/vega.ts';
import { ClaimRegistry, LedgerError } from '../engine/registry.ts';
import { DEFAULT_SEED, ledgerReplayArgs, type ProgressEvent, type Shard } from '../engine/runner.ts';
import { replayPathAsync } from '../engine/replay.ts';
import type { PaperLedger, Scale } from '../engine/types.ts';
import { runVerificationAsync, selectClaims, SelectionError, type VerifyOptions } from '../report/build.ts';
import { runVerificationParallel } from '../report/buildParallel.ts';
import { ParallelRunError } from '../engine/parallel/pool.ts';
import { loadLedgerModule, loadLedgerSource, type LedgerSource } from '../engine/parallel/source.ts';
import { mergeReports, MergeError } from '../report/merge.ts';
import { renderCoverageMarkdown, renderErrataMarkdown } from '../report/errata.ts';
import type { ClaimReport, VerifyReport } from '../report/schema.ts';
import { assertWritableReportDir, readReport, ReportDirError, writeEnvelopeDir, writeReportDir } from '../report/write.ts';
import { fixtureFailed, type FixtureResult } from '../engine/fixtures.ts';

/** Where output goes (a TTY gets the live table). */
export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** What the commands need from the outside world; tests inject their own. */
export interface VerifyDeps {
  loadLedgers?: () => PaperLedger[];
  /** The papers' envelopes (`--envelope`; default: the registry's `loadEnvelopes()`). */
  loadEnvelopes?: () => PaperEnvelope[];
  /**
   * Where `--jobs` worker threads load the ledgers (the main thread too, when `loadLedgers` is not given).
   * Default: `src/cli/registry.ts` unless `loadLedgers` is injected; injected ledgers without a source run
   * in-process whatever `--jobs` says.
   */
  ledgerSource?: LedgerSource;
  stdout?: OutStream;
  stderr?: OutStream;
  /** Relative paths (report dirs, markdown files) resolve against this (default `process.cwd()`). */
  cwd?: string;
  /** Root for erratum fixture paths (default: repository root). */
  root?: string;
  /** Counterexample fixture directory (default `<root>/fixtures/counterexamples`). */
  fixturesDir?: string;
  now?: () => number;
}

/** Default report directory. */
export const DEFAULT_REPORT_DIR = 'reports/latest';
/** The `--factor` of `npm run verify` and `npm run docs` (package.json); a test keeps the three in step. */
export const NPM_VERIFY_FACTOR = 6;

interface VerifyFlags {
  paper?: string;
  claim?: string;
  runs?: string;
  factor?: string;
  seed?: string;
  path?: string;
  deep?: boolean;
  timeBudget?: string;
  reportDir: string;
  shard?: string;
  mutants?: boolean;
  mutantRuns?: string;
  errataMd?: string;
  coverageMd?: string;
  force?: boolean;
  jobs?: string;
  ledger?: string;
  envelope?: boolean;
}

/** Most worker threads `--jobs` accepts. */
export const MAX_JOBS = 256;

function parseIntFlag(flag: string, s: string | undefined, min: number): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!/^-?\d+$/.test(s.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(flag, `expected an integer ≥ ${min}, got ${JSON.stringify(s)}`);
  return n;
}

/** Parse `i/n` (1 ≤ i ≤ n). */
export function parseShard(s: string | undefined): Shard | null {
  if (s === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) throw new UsageError('--shard', `expected i/n, e.g. 1/4, got ${JSON.stringify(s)}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError('--shard', `need 1 ≤ i ≤ n, got ${s}`);
  return { index, count };
}

const fail = (e: unknown): never => {
  if (e instanceof SelectionError) throw new UsageError(e.field, e.message);
  if (e instanceof ReportDirError) throw new UsageError('--report-dir', e.message);
  if (e instanceof MergeError) throw new UsageError('merge', e.message);
  if (e instanceof LedgerError) throw new UsageError('ledgers', e.message);
  throw e;
};

/** Live progress: one rewritten line per claim on a TTY, one plain line per finished claim otherwise. */
class ProgressView {
  private lastDraw = 0;
  constructor(private readonly out: OutStream, private readonly tty: boolean, private readonly now: () => number) {}

  progress(e: ProgressEvent): void {
    if (!this.tty || e.phase === 'done') return;
    const t = this.now();
    if (e.phase !== 'shrinking' && t - this.lastDraw < 100) return;
    this.lastDraw = t;
    const state = e.phase === 'shrinking' ? 'shrinking a violation…' : e.violated > 0 ? 'violated' : 'running';
    this.out.write(`\r\x1b[2K  ${e.claim}  ${e.done}/${e.planned}  ${state}`);
  }

  claimDone(c: ClaimReport): void {
    const failed = !c.matchesExpectation || c.inconclusiveBudget.exceeded || c.firstEngineError !== null;
    const mark = failed ? '✗' : '✓';
    const s = c.stats;
    const expected = c.expected.status === 'refuted' ? 'violated' : 'holds';
    let line = `${mark} ${c.id}  ${c.finding ? `${c.finding.kind} (${c.verdict})` : c.verdict}  ${s.runs} runs (${s.holds} held, ${s.violated} violated, ${s.unmet} unmet, ${s.inconclusive} inconclusive`;
    line += `${s.errors > 0 ? `, ${s.errors} engine error(s)` : ''})`;
    if (c.budget.exhausted) line += `  [time budget: ${s.runs} of ${c.budget.range.to - c.budget.range.from}]`;
    if (!c.matchesExpectation) line += `  — expected ${expected}`;
    if (c.inconclusiveBudget.exceeded) line += `  — ${inconclusiveText(c)}`;
    this.out.write(`${this.tty ? '\r\x1b[2K' : ''}${line}\n`);
    if (!c.matchesExpectation && c.counterexample) this.out.write(`    replay: ${c.counterexample.replay}\n`);
    if (c.firstEngineError) this.out.write(`    ENGINE ERROR: ${c.firstEngineError.detail}\n    replay: ${c.firstEngineError.replay}\n`);
  }
}

function printFixtures(out: OutStream, fixtures: readonly FixtureResult[]): void {
  if (fixtures.length === 0) return;
  const failed = fixtures.filter(fixtureFailed);
  const replayed = fixtures.filter((f) => f.status === 'ok' || f.status === 'mismatch').length;
  out.write(`fixtures: ${replayed} replayed, ${failed.length} failed\n`);
  for (const f of fixtures) {
    if (f.status !== 'ok' && f.status !== 'skipped') out.write(`  ${fixtureFailed(f) ? '✗' : '!'} ${f.file}: ${f.status}${f.detail ? ` (${f.detail})` : ''}\n`);
  }
}

/** `95/200 inconclusive > 50 allowed (declared rate 0.1)`. */
function inconclusiveText(c: ClaimReport): string {
  const b = c.inconclusiveBudget;
  return `${c.stats.inconclusive}/${b.n} inconclusive > ${b.limit} allowed (declared rate ${b.rate})`;
}

/** Print the closing summary of a report; returns the exit code. */
function printSummary(out: OutStream, r: VerifyReport, written: string[]): number {
  for (const p of r.ledgerProblems) out.write(`ledger problem: ${p}\n`);
  if (r.mutants) {
    for (const m of r.mutants) {
      const uncaught = m.mutants.filter((x) => x.caughtBy.length === 0).map((x) => x.id);
      out.write(`mutants (${m.paper}): ${m.mutants.length - uncaught.length}/${m.mutants.length} caught${uncaught.length ? `; not caught: ${uncaught.join(', ')}` : ''}\n`);
    }
  }
  if (r.run.budgetExhausted) out.write(`time budget of ${r.run.timeBudgetSec} s exhausted: some claims ran fewer instances (see the report)\n`);
  const s = r.summary;
  if (s.engineErrors.length > 0) {
    out.write(`ENGINE ERRORS (the checker failed, not the checked code): ${s.engineErrors.join('; ')}\n`);
    for (const c of r.claims) if (c.firstEngineError) out.write(`  ${c.id}: ${c.firstEngineError.detail}\n    replay: ${c.firstEngineError.replay}\n`);
  }
  out.write(`${s.ok ? 'OK' : 'FAILED'}: ${s.matching}/${s.claims} claims match their expectation`);
  out.write(`${s.inconclusiveExceeded.length ? `, ${s.inconclusiveExceeded.length} over their inconclusive budget` : ''}`);
  out.write(`${s.engineErrors.length ? `, ${s.engineErrors.length} engine error(s)` : ''}`);
  out.write(`${s.fixturesFailed.length ? `, ${s.fixturesFailed.length} fixture(s) failed` : ''}${r.ledgerProblems.length ? `, ${r.ledgerProblems.length} ledger problem(s)` : ''}\n`);
  for (const c of r.claims.filter((x) => !x.matchesExpectation)) {
    out.write(`  ${c.id}: expected ${c.expected.status === 'refuted' ? 'violated' : 'holds'}, got ${c.verdict}`);
    out.write(c.counterexample ? `\n    replay: ${c.counterexample.replay}\n` : c.firstInconclusive ? ` (first inconclusive run ${c.firstInconclusive.runIndex}: ${c.firstInconclusive.detail})\n` : '\n');
  }
  for (const c of r.claims.filter((x) => x.inconclusiveBudget.exceeded)) {
    out.write(`  ${c.id}: ${inconclusiveText(c)}${c.firstInconclusive ? ` (first inconclusive run ${c.firstInconclusive.runIndex}: ${c.firstInconclusive.detail})` : ''}\n`);
  }
  for (const p of written) out.write(`wrote ${p}\n`);
  return s.ok ? 0 : 1;
}

function writeDoc(cwd: string, file: string, text: string, out: OutStream): void {
  const p = resolve(cwd, file);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text.endsWith('\n') ? text : `${text}\n`);
  out.write(`wrote ${p}\n`);
}

/**
 * A user's ledger module (`--ledger FILE[#export]`, relative to `cwd`): its ledgers, the source worker threads load
 * them from, and the root its errata fixture paths and `fixtures/counterexamples/` are relative to (the module's
 * directory). A missing file, a module that throws or a malformed ledger is one usage error naming the field.
 */
async function loadUserLedger(cwd: string, spec: string): Promise<{ ledgers: PaperLedger[]; source: LedgerSource; root: string }> {
  const hash = spec.lastIndexOf('#');
  const [file, name] = hash > 0 ? [spec.slice(0, hash), spec.slice(hash + 1)] : [spec, undefined];
  const abs = resolve(cwd, file);
  if (!existsSync(abs)) throw new UsageError('--ledger', `${file} does not exist`);
  try {
    const { ledgers, source } = await loadLedgerModule(abs, name === '' ? undefined : name, file);
    return { ledgers, source, root: dirname(abs) };
  } catch (e) {
    throw new UsageError('--ledger', e instanceof Error ? e.message : String(e));
  }
}

/** The `verify` action (exported for tests); resolves to the exit code. */
export async function verifyAction(flags: VerifyFlags, deps: VerifyDeps = {}): Promise<number> {
  const out = deps.stdout ?? process.stdout;
  const cwd = deps.cwd ?? process.cwd();
  const now = deps.now ?? Date.now;
  const runs = parseIntFlag('--runs', flags.runs, 1);
  const factor = parseIntFlag('--factor', flags.factor, 1) ?? 1;
  const seed = parseIntFlag('--seed', flags.seed, -(2 ** 31)) ?? DEFAULT_SEED;
  const mutantRuns = parseIntFlag('--mutant-runs', flags.mutantRuns, 1);
  const shard = parseShard(flags.shard);
  const scale: Scale = flags.deep ? 'deep' : 'ci';
  let timeBudgetSec: number | null = null;
  if (flags.timeBudget !== undefined) {
    timeBudgetSec = Number(flags.timeBudget);
    if (!(timeBudgetSec > 0) || !Number.isFinite(timeBudgetSec)) throw new UsageError('--time-budget', `expected seconds > 0, got ${JSON.stringify(flags.timeBudget)}`);
  }
  if (flags.envelope) return envelopeAction(flags, seed, scale, deps);
  const jobs = parseIntFlag('--jobs', flags.jobs, 1) ?? availableParallelism();
  if (jobs > MAX_JOBS) throw new UsageError('--jobs', `expected at most ${MAX_JOBS} worker threads, got ${jobs}`);
  let source = deps.ledgerSource ?? (deps.loadLedgers ? null : LEDGER_SOURCE);
  let ledgers: PaperLedger[];
  let root = deps.root;
  let fixturesDir = deps.fixturesDir;
  let replayArgs: string | undefined;
  if (flags.ledger !== undefined) {
    const user = await loadUserLedger(cwd, flags.ledger);
    ({ ledgers, source } = user);
    root = user.root;
    fixturesDir = join(user.root, 'fixtures', 'counterexamples');
    replayArgs = ledgerReplayArgs(flags.ledger);
  } else {
    try {
      ledgers = deps.loadLedgers ? deps.loadLedgers() : deps.ledgerSource ? await loadLedgerSource(deps.ledgerSource) : defaultLoadLedgers();
    } catch (e) {
      throw new UsageError('ledgers', e instanceof Error ? e.message : String(e));
    }
  }
  if (ledgers.every((l) => l.claims.length === 0)) {
    out.write('no claims registered\n');
    return 0;
  }
  if (flags.path !== undefined) {
    if (shard) throw new UsageError('--path', 'cannot be combined with --shard');
    let registry: ClaimRegistry;
    try {
      registry = new ClaimRegistry(ledgers);
    } catch (e) {
      return fail(e);
    }
    if (!flags.claim) throw new UsageError('--path', 'needs --claim naming one claim');
    let claims;
    try {
      claims = selectClaims(registry, flags.paper, flags.claim).claims;
    } catch (e) {
      return fail(e);
    }
    if (claims.length !== 1) throw new UsageError('--claim', `--path needs exactly one claim, ${flags.claim} matches ${claims.length}`);
    const c = claims[0];
    let r;
    try {
      r = await replayPathAsync(c, { seed, path: flags.path, scale });
    } catch (e) {
      throw new UsageError('--path', e instanceof Error ? e.message : String(e));
    }
    const json = JSON.stringify(r.instance);
    out.write(`replay ${c.id} seed ${seed} path ${flags.path} (scale ${scale})\ninstance: ${r.description}\n`);
    if (json !== undefined && json.length <= 4000) out.write(`${json}\n`);
    const v = r.verdict;
    if (v === null) {
      out.write(`ENGINE ERROR (the checker failed, not the checked code): ${r.engineError ?? 'unknown'}\n`);
      return 1;
    }
    out.write(`verdict: ${v.status}${'detail' in v ? ` — ${v.detail}` : ''}${v.status === 'hypotheses-unmet' ? ` — ${v.unmet.join('; ')}` : ''}\n`);
    out.write(`expected: ${c.expected.status === 'refuted' ? `violated (refuted, ${c.expected.erratum})` : 'holds'} → ${r.matchesExpectation ? 'matches' : 'MISMATCH'}\n`);
    return r.matchesExpectation ? 0 : 1;
  }
  const reportDir = resolve(cwd, flags.reportDir);
  try {
    assertWritableReportDir(reportDir, flags.force === true);
  } catch (e) {
    return fail(e);
  }
  const tty = out.isTTY === true;
  const view = new ProgressView(out, tty, now);
  const opts: VerifyOptions = {
    ledgers, paper: flags.paper ?? null, claim: flags.claim ?? null, seed, scale, runs, factor, shard, timeBudgetSec,
    mutants: flags.mutants === true, mutantRuns, root, fixturesDir, replayArgs, now,
    onFixtures: (f) => printFixtures(out, f),
    onProgress: (e) => view.progress(e),
    onClaimDone: (c) => view.claimDone(c),
  };
  let report: VerifyReport;
  try {
    // the asynchronous path runs synchronous and asynchronous claims alike, with identical results
    report = jobs > 1 && source !== null ? await runVerificationParallel({ ...opts, jobs, ledgerSource: source }) : await runVerificationAsync(opts);
  } catch (e) {
    if (e instanceof ParallelRunError) {
      (deps.stderr ?? process.stderr).write(`${tty ? '\n' : ''}lagrangelab: verify failed, no report written: ${e.message}\n`);
      return 1;
    }
    return fail(e);
  }
  const written = writeReportDir(reportDir, report, flags.force === true);
  const docLedgers = flags.paper ? ledgers.filter((l) => l.paper.toLowerCase() === flags.paper?.toLowerCase()) : ledgers;
  if (flags.errataMd) writeDoc(cwd, flags.errataMd, renderErrataMarkdown(docLedgers, { report, root }), out);
  if (flags.coverageMd) writeDoc(cwd, flags.coverageMd, renderCoverageMarkdown(docLedgers, { report, root }), out);
  return printSummary(out, report, written);
}

/**
 * `verify --paper P --envelope`: run paper P's envelope (where its conclusions hold on a parameter grid) and write
 * envelope.md, envelope.json and envelope.svg into the report directory; no claim is run. Exit 0 when written.
 */
async function envelopeAction(flags: VerifyFlags, seed: number, scale: Scale, deps: VerifyDeps): Promise<number> {
  const out = deps.stdout ?? process.stdout;
  const envelopes = (deps.loadEnvelopes ?? defaultLoadEnvelopes)();
  const known = envelopes.map((e) => e.paper.toLowerCase()).join(', ') || 'none';
  if (flags.paper === undefined) throw new UsageError('--envelope', `needs --paper naming one paper with an envelope (${known})`);
  const env = envelopes.find((e) => e.paper.toLowerCase() === flags.paper?.toLowerCase());
  if (env === undefined) throw new UsageError('--paper', `${flags.paper} has no envelope (papers with one: ${known})`);
  for (const f of ['claim', 'runs', 'factor', 'path', 'shard', 'mutants', 'errataMd', 'coverageMd'] as const) {
    if (flags[f] !== undefined) throw new UsageError('--envelope', `runs no claims; drop --${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  }
  const dir = resolve(deps.cwd ?? process.cwd(), flags.reportDir);
  try {
    assertWritableReportDir(dir, flags.force === true);
  } catch (e) {
    return fail(e);
  }
  out.write(`${env.paper} envelope (${scale}, seed ${seed}): ${env.description}\n`);
  const tty = out.isTTY === true;
  const r = env.run({ seed, scale, onProgress: (done, total, label) => out.write(`${tty ? '\r\x1b[2K' : ''}  ${done}/${total} ${label}${tty ? '' : '\n'}`) });
  if (tty) out.write('\n');
  const written = writeEnvelopeDir(dir, { json: r.json, markdown: r.markdown, svg: await renderVegaLiteSvg(r.chart) }, flags.force === true);
  for (const p of written) out.write(`wrote ${p}\n`);
  return 0;
}

/** The `merge` action (exported for tests); resolves to the exit code. */
export async function mergeAction(dirs: string[], flags: { reportDir: string; force?: boolean }, deps: VerifyDeps = {}): Promise<number> {
  const out = deps.stdout ?? process.stdout;
  const cwd = deps.cwd ?? process.cwd();
  if (dirs.length === 0) throw new UsageError('DIR', 'give the shard report directories to merge');
  const inputs = dirs.map((d) => resolve(cwd, d));
  const target = resolve(cwd, flags.reportDir);
  if (inputs.includes(target)) throw new UsageError('--report-dir', `${flags.reportDir} is one of the inputs; merge into another directory`);
  let merged: VerifyReport;
  try {
    assertWritableReportDir(target, flags.force === true);
    merged = mergeReports(inputs.map((d) => readReport(d)), dirs);
  } catch (e) {
    return fail(e);
  }
  out.write(`merged ${dirs.length} report(s): ${merged.claims.length} claims\n`);
  const written = writeReportDir(target, merged, flags.force === true);
  return printSummary(out, merged, written);
}

/** Register `lagrangelab verify`. */
export function registerVerify(program: Command, setExit: (code: number) => void, deps: VerifyDeps = {}): void {
  program
    .command('verify')
    .description("check the papers' claims on seeded random instances")
    .option('--paper <id>', 'only this paper (e.g. wzc)')
    .option('--claim <glob>', 'only claims whose id matches (* wildcards, comma-separated alternatives)')
    .option('--runs <n>', 'instances per claim (overrides the claim defaults)')
    .option('--factor <k>', `multiply every claim's instance count by k (npm run verify uses ${NPM_VERIFY_FACTOR})`)
    .option('--seed <s>', `fast-check seed (default ${DEFAULT_SEED})`)
    .option('--path <p>', 'replay one fast-check path of one claim (with --claim and --seed)')
    .option('--deep', 'deep scale: larger instances, at least 10× the runs')
    .option('--time-budget <sec>', 'stop drawing new instances after this many seconds')
    .option('--report-dir <dir>', 'where report.json, junit.xml and report.md go', DEFAULT_REPORT_DIR)
    .option('--shard <i/n>', 'run shard i of n (merge the shards with `lagrangelab merge`)')
    .option('--mutants', 'also run the mutant × claim matrix')
    .option('--mutant-runs <n>', 'runs per mutant × claim cell (default 20)')
    .option('--errata-md <file>', 'write ERRATA.md generated from the ledgers and this run')
    .option('--coverage-md <file>', 'write the coverage table generated from the ledgers and this run')
    .option('--force', 'write into a report directory that holds other files')
    .option('--jobs <n>', 'worker threads (default: the number of cores; 1 runs in-process); the report is the same for any n')
    .option('--ledger <file>', "check a ledger module of your own (.js, or .ts with tsx installed) instead of lagrangelab's; FILE#export names the export")
    .option('--envelope', "with --paper: write where the paper's conclusions hold on a parameter grid (envelope.md, .json, .svg) instead of running claims")
    .action(async (flags: VerifyFlags) => setExit(await verifyAction(flags, deps)));
}

/** Register `lagrangelab merge`. */
export function registerMerge(program: Command, setExit: (code: number) => void, deps: VerifyDeps = {}): void {
  program
    .command('merge')
    .description('merge the report directories of the shards of one verify run')
    .argument('<dirs...>', 'shard report directories')
    .option('--report-dir <dir>', 'where the merged report goes', DEFAULT_REPORT_DIR)
    .option('--force', 'write into a report directory that holds other files')
    .action(async (dirs: string[], flags: { reportDir: string; force?: boolean }) => setExit(await mergeAction(dirs, flags, deps)));
}
