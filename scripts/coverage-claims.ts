/**
 * `npm run coverage:claims`: V8 coverage of the property suites alone (every registered claim at CI budget plus
 * the mutant matrix, no unit tests), then the solver and kernel branches no claim reaches.
 *
 * Prints one markdown row per unreached source line and checks the README's "Branches no claim reaches" table
 * against it: exit 1 when a line is unreached but not listed, or listed but now reached (the table is stale).
 * The HTML report of this run is in coverage/claims/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';
import { tableDrift, tableKeys, unreachedBranches } from './uncoveredBranches.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT_DIR = join(ROOT, 'coverage', 'claims');
/** The folders whose unreached branches the README lists: the WZC solver and the kernels. */
const WATCHED = ['src/papers/wzc/solver/', 'src/linalg/'];

const vitest = await startVitest('test', ['properties/'], {
  run: true,
  watch: false,
  coverage: {
    enabled: true,
    reportsDirectory: REPORT_DIR,
    reporter: ['text-summary', 'html', 'json'],
    // npm test's thresholds are for the whole suite; the claims alone reach less by design.
    thresholds: { lines: 0, branches: 0, functions: 0, statements: 0 },
  },
});
await vitest.close();
if (process.exitCode) process.exit(process.exitCode);

const coverage = JSON.parse(readFileSync(join(REPORT_DIR, 'coverage-final.json'), 'utf8'));
const unreached = unreachedBranches(coverage, ROOT, WATCHED);
const sources = new Map<string, string[]>();
const codeAt = (file: string, line: number): string => {
  if (!sources.has(file)) sources.set(file, readFileSync(join(ROOT, file), 'utf8').split('\n'));
  const text = (sources.get(file)?.[line - 1] ?? '').trim().replace(/\|/g, '\\|');
  return text.length > 90 ? `${text.slice(0, 87)}…` : text;
};

console.log(`\nBranches no claim reaches in ${WATCHED.join(', ')} (${unreached.length} lines):\n`);
console.log('| location | never runs | code |');
console.log('| --- | --- | --- |');
for (const u of unreached) console.log(`| \`${u.file}:${u.line}\` | ${u.arms.join('; ')} | \`${codeAt(u.file, u.line)}\` |`);

const { missing, stale } = tableDrift(unreached, tableKeys(readFileSync(join(ROOT, 'README.md'), 'utf8'), WATCHED));
if (missing.length + stale.length === 0) {
  console.log('\nREADME table "Branches no claim reaches" matches.');
} else {
  for (const k of missing) console.log(`README is missing ${k} (unreached by the claims)`);
  for (const k of stale) console.log(`README lists ${k}, which the claims now reach (or the line moved)`);
  process.exitCode = 1;
}
