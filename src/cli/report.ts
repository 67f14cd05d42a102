/**
 * `lagrangelab report`: the one page a researcher reads. Reads a verify report folder and (optionally) a results
 * folder of `lagrangelab reproduce`, and writes `index.html` (self-contained) and `report.md` into `--out`.
 * A missing or malformed input is one usage error naming the file and the field; an `--out` holding anything but
 * an earlier page needs `--force`.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import { loadLedgers as defaultLoadLedgers } from './registry.ts';
import { REPO_ROOT } from '../engine/registry.ts';
import { DEFAULT_REPORT_DIR, type OutStream } from './verify.ts';
import { readReport, ReportDirError } from '../report/write.ts';
import { loadResults, ReportInputError, type LoadedResults } from '../report/html/experiments.ts';
import { readFixtureExcerpt, type FixtureExcerpt, type LedgerDocs, type PageInputs } from '../report/html/model.ts';
import { renderReportHtml } from '../report/html/page.ts';
import { renderReportPageMarkdown } from '../report/html/pageMarkdown.ts';
import { assertWritablePageDir, writePageDir } from '../report/html/write.ts';
import type { VerifyReport } from '../report/schema.ts';
import { versions } from '../report/versions.ts';

/** Default folder of the page. */
export const DEFAULT_PAGE_DIR = 'reports/page';
/** Default results folder (where `lagrangelab reproduce` writes). */
export const DEFAULT_RESULTS_DIR = 'reproduce';
/** What the command needs from the outside world; tests inject their own. */
export interface ReportDeps {
  /** Ledger documents (default: the registry's ledgers). */
  loadLedgers?: () => readonly LedgerDocs[];
  stdout?: OutStream;
  /** Relative paths resolve against this (default `process.cwd()`). */
  cwd?: string;
  /** Root of erratum fixture paths and of package.json (default: the repository root). */
  root?: string;
  now?: () => Date;
}

/** Flags of `lagrangelab report`. */
export interface ReportFlags {
  out: string;
  verify: string;
  results: string;
  force?: boolean;
}

function loadVerify(dir: string): VerifyReport {
  try {
    return readReport(dir);
  } catch (e) {
    if (e instanceof ReportDirError) throw new UsageError('--verify', `${e.message} (\`lagrangelab verify --report-dir DIR\` writes one)`);
    throw e;
  }
}

async function loadResultsFlag(dir: string, explicit: boolean): Promise<LoadedResults | null> {
  if (explicit && !existsSync(dir)) throw new UsageError('--results', `${dir} does not exist`);
  try {
    return await loadResults(dir);
  } catch (e) {
    if (e instanceof ReportInputError) throw new UsageError('--results', e.message);
    throw e;
  }
}

/** The `report` action (exported for tests); resolves to the exit code. */
export async function reportAction(flags: ReportFlags, explicitResults: boolean, deps: ReportDeps = {}): Promise<number> {
  const out = deps.stdout ?? process.stdout;
  const cwd = deps.cwd ?? process.cwd();
  const root = deps.root ?? REPO_ROOT;
  const outDir = resolve(cwd, flags.out);
  const verifyDir = resolve(cwd, flags.verify);
  const resultsDir = resolve(cwd, flags.results);
  if (outDir === verifyDir) throw new UsageError('--out', `${flags.out} is the verify report folder (its report.md is verify's); choose another --out`);
  try {
    assertWritablePageDir(outDir, flags.force === true);
  } catch (e) {
    if (e instanceof ReportDirError) throw new UsageError('--out', e.message);
    throw e;
  }
  const report = loadVerify(verifyDir);
  const results = await loadResultsFlag(resultsDir, explicitResults);
  const ledgers = (deps.loadLedgers ?? defaultLoadLedgers)().map((l) => ({ paper: l.paper, title: l.title, errata: l.errata, coverage: l.coverage }));
  const fixtures = new Map<string, FixtureExcerpt>();
  for (const e of ledgers.flatMap((l) => l.errata)) fixtures.set(e.fixture, readFixtureExcerpt(root, e.fixture));
  const v = versions(root);
  const command = `lagrangelab report --out ${flags.out} --verify ${flags.verify} --results ${flags.results}${flags.force ? ' --force' : ''}`;
  const inputs: PageInputs = {
    verify: { file: relative(cwd, join(verifyDir, 'report.json')), report },
    ledgers, fixtures, results, resultsDir: flags.results,
    provenance: { lagrangelab: v.lagrangelab, node: process.version, packages: v.packages, command, generatedAt: (deps.now ?? (() => new Date()))().toISOString() },
  };
  const link = (file: string) => relative(outDir, join(resultsDir, file)).split('\\').join('/');
  const written = writePageDir(outDir, { html: renderReportHtml(inputs), markdown: renderReportPageMarkdown(inputs, link) }, flags.force === true);
  const n = results?.experiments.length ?? 0;
  out.write(`report: ${report.claims.length} claims, ${n} experiment(s)${results === null ? ` (no results folder ${flags.results}: \`lagrangelab reproduce <name>\` makes one)` : ''}\n`);
  for (const p of written) out.write(`wrote ${p}\n`);
  return 0;
}

/** Register `lagrangelab report`. */
export function registerReport(program: Command, setExit: (code: number) => void, deps: ReportDeps = {}): void {
  program
    .command('report')
    .description('write the one-page report (index.html, self-contained, and report.md) from a verify report and reproduced experiments')
    .option('--out <dir>', 'where index.html and report.md go', DEFAULT_PAGE_DIR)
    .option('--verify <dir>', 'verify report folder (holding report.json)', DEFAULT_REPORT_DIR)
    .option('--results <dir>', 'results folder of `lagrangelab reproduce` (optional)', DEFAULT_RESULTS_DIR)
    .option('--force', 'write into a folder that holds other files (overwrites its index.html and report.md)')
    .action(async (flags: ReportFlags, cmd: Command) => setExit(await reportAction(flags, cmd.getOptionValueSource('results') !== 'default', deps)));
}
