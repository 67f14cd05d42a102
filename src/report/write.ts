/**
 * Writing and reading report directories. A report directory holds exactly the tool's files (the report's three,
 * and the envelope's three when `verify --envelope` wrote there); the
 * writer refuses to put them into a directory holding anything else (unless forced), so a mistyped
 * `--report-dir` cannot scatter files into a source folder, and never deletes anything.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJUnit } from './junit.ts';
import { renderReportMarkdown } from './markdown.ts';
import { validateReport, type VerifyReport } from './schema.ts';

/** The files a report directory holds. */
export const REPORT_FILES = ['report.json', 'junit.xml', 'report.md'] as const;

/** The files `verify --envelope` writes into a report directory. */
export const ENVELOPE_FILES = ['envelope.json', 'envelope.md', 'envelope.svg'] as const;

/** A report directory that cannot be written or read. */
export class ReportDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportDirError';
  }
}

/** Files in `dir` other than the tool's own (empty when the directory does not exist). */
export function foreignEntries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return ['(not a directory)'];
  const own = new Set<string>([...REPORT_FILES, ...ENVELOPE_FILES]);
  return readdirSync(dir).filter((f) => !own.has(f)).sort();
}

/** Throw unless `dir` may receive a report (missing, empty, or holding only the tool's files; or `force`). */
export function assertWritableReportDir(dir: string, force = false): void {
  const foreign = foreignEntries(dir);
  if (foreign.length > 0 && !force) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
    throw new ReportDirError(`${dir} holds files the tool did not write (${shown}); choose another --report-dir or pass --force`);
  }
}

/** Write report.json, junit.xml and report.md into `dir` (created if needed). Returns the paths written. */
export function writeReportDir(dir: string, report: VerifyReport, force = false): string[] {
  assertWritableReportDir(dir, force);
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', `${JSON.stringify(report, null, 1)}\n`],
    ['junit.xml', renderJUnit(report)],
    ['report.md', `${renderReportMarkdown(report)}\n`],
  ];
  return files.map(([name, text]) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  });
}

/** Write envelope.json, envelope.md and envelope.svg into `dir` (created if needed). Returns the paths written. */
export function writeEnvelopeDir(dir: string, files: { json: unknown; markdown: string; svg: string }, force = false): string[] {
  assertWritableReportDir(dir, force);
  mkdirSync(dir, { recursive: true });
  const out: [string, string][] = [
    ['envelope.json', `${JSON.stringify(files.json, null, 1)}\n`],
    ['envelope.md', files.markdown.endsWith('\n') ? files.markdown : `${files.markdown}\n`],
    ['envelope.svg', files.svg],
  ];
  return out.map(([name, text]) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  });
}

/** Read and validate `dir/report.json` (or a report.json path). */
export function readReport(dirOrFile: string): VerifyReport {
  const file = existsSync(dirOrFile) && statSync(dirOrFile).isDirectory() ? join(dirOrFile, 'report.json') : dirOrFile;
  if (!existsSync(file)) throw new ReportDirError(`${file} does not exist`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ReportDirError(`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const v = validateReport(json);
  if (!v.ok) throw new ReportDirError(`${file}: not a valid report: ${v.errors.slice(0, 5).join('; ')}`);
  return v.report;
}
