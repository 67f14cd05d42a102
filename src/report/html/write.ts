/**
 * Writing the report page's folder. The folder may receive index.html and report.md only when it is missing,
 * empty, or holds nothing but an earlier page (files carrying the generator mark); anything else — a user's file,
 * an index.html of another tool, a verify report — needs `force`. Files appear whole (temp file + rename).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportDirError } from '../write.ts';
import { GENERATOR_MARK } from './page.ts';
import { MD_MARK } from './pageMarkdown.ts';

/** The files `lagrangelab report` writes. */
export const PAGE_FILES = ['index.html', 'report.md'] as const;

function ownFile(dir: string, name: string): boolean {
  const p = join(dir, name);
  if (!statSync(p).isFile()) return false;
  const head = readFileSync(p, 'utf8').slice(0, 400);
  if (name === 'index.html') return head.includes(`<meta name="generator" content="${GENERATOR_MARK}">`);
  return name === 'report.md' && head.startsWith(MD_MARK);
}

/** Entries of `dir` that an earlier `lagrangelab report` did not write (empty when `dir` does not exist). */
export function foreignPageEntries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return ['(not a directory)'];
  return readdirSync(dir).filter((f) => !ownFile(dir, f)).sort();
}

/** Throw unless the page may be written into `dir` (see the module comment). */
export function assertWritablePageDir(dir: string, force = false): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ReportDirError(`${dir} is not a directory`);
  const foreign = foreignPageEntries(dir);
  if (foreign.length > 0 && !force) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
    throw new ReportDirError(`${dir} holds files lagrangelab report did not write (${shown}); choose another --out or pass --force to overwrite`);
  }
}

/** Write index.html and report.md into `dir` (created if needed); returns the paths written. */
export function writePageDir(dir: string, files: { html: string; markdown: string }, force = false): string[] {
  assertWritablePageDir(dir, force);
  mkdirSync(dir, { recursive: true });
  const out: [string, string][] = [['index.html', files.html], ['report.md', files.markdown]];
  return out.map(([name, text]) => {
    const p = join(dir, name);
    const tmp = `${p}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, p);
    } catch (e) {
      if (existsSync(tmp)) unlinkSync(tmp);
      throw new ReportDirError(`cannot write ${p} (${e instanceof Error ? e.message : String(e)})`);
    }
    return p;
  });
}
