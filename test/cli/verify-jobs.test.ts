import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportDifferences } from '../../src/report/compare.ts';
import type { VerifyReport } from '../../src/report/schema.ts';
import { TOY_FIXTURES, TOY_ROOT } from '../engine/fixtures/toyLedger.ts';
import { verifyCli } from '../helpers/verifyCli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'lagrangelab-jobs-'));
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as VerifyReport;
const toy = {
  ledgerSource: { module: fileURLToPath(new URL('../engine/fixtures/toyLedger.ts', import.meta.url)), export: 'allToyLedgers' },
  root: TOY_ROOT, fixturesDir: TOY_FIXTURES,
};
/** Console output without the lines that may differ: none do, except `wrote <dir>`. */
const lines = (out: string) => out.split('\n').filter((l) => !l.startsWith('wrote '));

describe('lagrangelab verify --jobs', () => {
  it('--jobs 2 and 3 write the report of --jobs 1 (toy ledger: every verdict kind, counterexamples, mutants; and a shard at --jobs 2)', async () => {
    const base = tmp();
    for (const extra of [[], ['--shard', '2/3']]) {
      const args = (jobs: string, dir: string) => ['verify', '--jobs', jobs, '--factor', '3', '--mutants', '--mutant-runs', '7', '--report-dir', join(base, dir), ...extra];
      const tag = extra.length ? 'shard' : 'whole';
      const one = await verifyCli(args('1', `${tag}1`), toy);
      const two = await verifyCli(args('2', `${tag}2`), toy);
      expect(one.code).toBe(1); // toy.square.le-100, toy.unmet.always and toy.band.inconclusive mismatch
      expect(two.code).toBe(1);
      expect(reportDifferences(read(join(base, `${tag}1`)), read(join(base, `${tag}2`)))).toEqual([]);
      expect(lines(two.out)).toEqual(lines(one.out));
      if (extra.length > 0) continue;
      const three = await verifyCli(args('3', `${tag}3`), toy);
      expect(three.code).toBe(1);
      expect(reportDifferences(read(join(base, `${tag}1`)), read(join(base, `${tag}3`)))).toEqual([]);
      expect(lines(three.out)).toEqual(lines(one.out));
    }
    const r = read(join(base, 'whole2'));
    expect(r.claims.map((c) => c.verdict)).toEqual(['holds', 'violated', 'holds', 'holds', 'hypotheses-unmet', 'inconclusive', 'violated']);
    expect(r.claims.find((c) => c.id === 'toy.square.le-100')?.counterexample?.instance).toEqual({ x: -10.1 });
    expect(r.mutants?.[0].cells.length).toBeGreaterThan(0);
  });

  it('with a time budget that is not hit, --jobs 2 (claims not split) still gives the report of --jobs 1', async () => {
    const base = tmp();
    const args = (jobs: string) => ['verify', '--jobs', jobs, '--time-budget', '120', '--mutants', '--mutant-runs', '5', '--report-dir', join(base, jobs)];
    const one = await verifyCli(args('1'), toy);
    const two = await verifyCli(args('2'), toy);
    expect([one.code, two.code]).toEqual([1, 1]);
    const a = read(join(base, '1'));
    expect(a.run.budgetExhausted).toBe(false);
    expect(reportDifferences(a, read(join(base, '2')))).toEqual([]);
  });

  it('real WZC claims (three refuted, solver and oracle claims, mutant cells): --jobs 2 = --jobs 1', async () => {
    const base = tmp();
    const claims = 'wzc.lemma3.2.*,wzc.eq4.35.*,wzc.table2.hypotheses,wzc.eq3.14.z-step,wzc.remark3.4.tie-rule';
    const args = (jobs: string) => ['verify', '--jobs', jobs, '--claim', claims, '--mutants', '--mutant-runs', '4', '--report-dir', join(base, jobs)];
    const one = await verifyCli(args('1'), {});
    const two = await verifyCli(args('2'), {});
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    const a = read(join(base, '1'));
    expect(reportDifferences(a, read(join(base, '2')))).toEqual([]);
    expect(a.claims.filter((c) => c.counterexample !== null).length).toBeGreaterThanOrEqual(2);
    expect(a.fixtures.some((f) => f.status === 'ok')).toBe(true);
    expect(lines(two.out)).toEqual(lines(one.out));
  }, 300_000);

  it('a worker that dies fails the run with the claim named, and writes no report', async () => {
    const dir = join(tmp(), 'out');
    const r = await verifyCli(['verify', '--jobs', '2', '--report-dir', dir], {
      ...toy, ledgerSource: { module: new URL('../engine/fixtures/faultyLedgers.ts', import.meta.url).href, export: 'exitingLedgers' },
    });
    expect(r.code).toBe(1);
    expect(r.err).toBe('lagrangelab: verify failed, no report written: claim toy.worker.exits: worker exited (code 7)\n');
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });

  it('--jobs must be an integer from 1 to 256', async () => {
    for (const bad of ['0', '-2', 'two', '1.5', '257']) {
      const r = await verifyCli(['verify', '--jobs', bad, '--report-dir', join(tmp(), 'o')], toy);
      expect(r.code, bad).toBe(2);
      expect(r.err, bad).toMatch(/^lagrangelab: --jobs: expected /);
    }
  });

  it('a ledger source that does not load is a usage error naming it', async () => {
    const r = await verifyCli(['verify', '--report-dir', join(tmp(), 'o')], { ...toy, ledgerSource: { ...toy.ledgerSource, export: 'nope' } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lagrangelab: ledgers: .*toyLedger\.ts#nope: the module has no export nope\n$/);
  });
});
