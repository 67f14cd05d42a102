/**
 * `lagrangelab compare BASE HEAD`: what changed between two verify runs (report directories or report.json
 * files) and whether it is a regression (src/report/comparison.ts says what counts). Prints the Markdown summary
 * (a pull-request comment); `--markdown FILE` and `--json FILE` also write it and the JSON form. Exit 0 when
 * nothing regressed, 1 on a regression, 2 on bad input (unreadable reports, or runs that cannot be compared).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import { checkOut, writeAtomic } from './files.ts';
import { compareReports, CompareError, type Comparison } from '../report/comparison.ts';
import { renderComparisonMarkdown } from '../report/comparisonMarkdown.ts';
import { readReport, ReportDirError } from '../report/write.ts';
import type { VerifyReport } from '../report/schema.ts';
import type { OutStream } from './verify.ts';

/** Flags of `compare`. */
export interface CompareFlags {
  markdown?: string;
  json?: string;
  allowMismatch?: boolean;
  force?: boolean;
  quiet?: boolean;
}

/** What `compare` needs from the outside world; tests inject their own. */
export interface CompareDeps {
  stdout?: OutStream;
  cwd?: string;
}

function read(field: string, cwd: string, p: string): VerifyReport {
  try {
    return readReport(resolve(cwd, p));
  } catch (e) {
    if (e instanceof ReportDirError) throw new UsageError(field, e.message);
    throw e;
  }
}

/** The `compare` action (exported for tests); resolves to the exit code. */
export async function compareAction(basePath: string, headPath: string, flags: CompareFlags, deps: CompareDeps = {}): Promise<number> {
  const out = deps.stdout ?? process.stdout;
  const cwd = deps.cwd ?? process.cwd();
  const targets = (['markdown', 'json'] as const).flatMap((k) => {
    const f = flags[k];
    return f === undefined ? [] : [{ flag: `--${k}`, file: checkOut(resolve(cwd, f), true, flags.force === true, `--${k}`), kind: k }];
  });
  if (targets.length === 2 && targets[0].file === targets[1].file) throw new UsageError('--json', 'same file as --markdown');
  const base = read('BASE', cwd, basePath);
  const head = read('HEAD', cwd, headPath);
  let c: Comparison;
  try {
    c = compareReports(base, head, { allowMismatch: flags.allowMismatch === true, labels: [basePath, headPath] });
  } catch (e) {
    if (e instanceof CompareError) throw new UsageError('compare', e.message);
    throw e;
  }
  const md = `${renderComparisonMarkdown(c)}\n`;
  for (const t of targets) writeAtomic(t.file, t.kind === 'json' ? `${JSON.stringify(c, null, 1)}\n` : md, t.flag);
  if (flags.quiet !== true) out.write(md);
  return c.regression ? 1 : 0;
}

/** Register `lagrangelab compare`. */
export function registerCompare(program: Command, setExit: (code: number) => void, deps: CompareDeps = {}): void {
  program
    .command('compare')
    .description('compare two verify runs: verdict changes, violation rates, ratio shifts, fixtures, mutants, runtime')
    .argument('<base>', 'report directory or report.json of the base run (e.g. main)')
    .argument('<head>', 'report directory or report.json of the run to judge')
    .option('--markdown <file>', 'also write the Markdown summary (a pull-request comment) to this file')
    .option('--json <file>', 'write the comparison as JSON (schema lagrangelab/compare-report)')
    .option('--allow-mismatch', 'compare runs of different seeds, scales, tolerances, filters or shards anyway')
    .option('--force', 'overwrite existing --markdown/--json files')
    .option('--quiet', 'print nothing (exit code and files only)')
    .action(async (b: string, h: string, flags: CompareFlags) => setExit(await compareAction(b, h, flags, deps)));
}
