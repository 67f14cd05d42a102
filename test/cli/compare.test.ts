import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReportDir } from '../../src/report/write.ts';
import { COMPARE_SCHEMA, type Comparison } from '../../src/report/comparison.ts';
import { cli } from '../helpers/cli.ts';
import { toyReport } from '../report/helpers.ts';

function dirs(): { base: string; head: string; tmp: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'lagrangelab-compare-'));
  const r = toyReport({ runs: 30 });
  writeReportDir(join(tmp, 'base'), r);
  const head = structuredClone(r);
  const c = head.claims.find((x) => x.id === 'toy.square.nonneg');
  if (c === undefined) throw new Error('no claim');
  // The toy claim now violated on every run: a verdict regression (edits keep the report valid).
  Object.assign(c.stats, { holds: 0, violated: c.stats.runs, violationRateUpper95: 1 });
  Object.assign(c, { verdict: 'violated', matchesExpectation: false });
  head.summary.mismatching = head.claims.filter((x) => !x.matchesExpectation).map((x) => x.id);
  head.summary.matching = head.claims.length - head.summary.mismatching.length;
  writeReportDir(join(tmp, 'head'), head);
  return { base: join(tmp, 'base'), head: join(tmp, 'head'), tmp };
}

describe('lagrangelab compare', () => {
  it('exit 0 and the Markdown summary when nothing regressed (directories or report.json files)', async () => {
    const d = dirs();
    const r = await cli(['compare', d.base, join(d.base, 'report.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!-- lagrangelab-compare -->\n## lagrangelab compare: ✅ \*\*no regression\*\*/);
  });

  it('exit 1 on a regression; --markdown and --json write the two forms', async () => {
    const d = dirs();
    const md = join(d.tmp, 'compare.md');
    const json = join(d.tmp, 'compare.json');
    const r = await cli(['compare', d.base, d.head, '--markdown', md, '--json', json]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('❌ **2 regressions**');
    expect(readFileSync(md, 'utf8')).toBe(r.stdout);
    const c = JSON.parse(readFileSync(json, 'utf8')) as Comparison;
    expect(c.schema).toBe(COMPARE_SCHEMA);
    expect(c.regression).toBe(true);
    expect(c.findings.filter((f) => f.severity === 'regression').map((f) => f.kind).sort()).toEqual(['verdict', 'violation-rate']);
    // output files are not overwritten without --force
    const again = await cli(['compare', d.base, d.head, '--json', json]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^lagrangelab: --json: ".*compare.json" already exists \(add --force to overwrite\)\n$/);
    expect((await cli(['compare', d.base, d.head, '--json', json, '--force', '--quiet'])).stdout).toBe('');
  });

  it('exit 2 with one line naming the input on unreadable reports and on runs that cannot be compared', async () => {
    const d = dirs();
    const missing = await cli(['compare', join(d.tmp, 'nope'), d.head]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^lagrangelab: BASE: .*nope does not exist\n$/);
    const bad = join(d.tmp, 'bad.json');
    writeFileSync(bad, '{"schema": "lagrangelab/verify-report"}');
    const invalid = await cli(['compare', d.base, bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^lagrangelab: HEAD: .*bad\.json: not a valid report: report\.version/);
    writeReportDir(join(d.tmp, 'seed7'), toyReport({ runs: 30, seed: 7 }));
    const other = await cli(['compare', d.base, join(d.tmp, 'seed7')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^lagrangelab: compare: run\.seed differs \(base 20261122, head 7\).*--allow-mismatch to compare anyway\n$/);
    const forced = await cli(['compare', d.base, join(d.tmp, 'seed7'), '--allow-mismatch']);
    expect([0, 1]).toContain(forced.code);
    expect(forced.stdout).toMatch(/Settings differ/);
  });
});
