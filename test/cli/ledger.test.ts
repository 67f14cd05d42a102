/**
 * `lagrangelab verify --ledger FILE`: a user's ledger module, end to end — the example of examples/ (TypeScript,
 * in-process and on worker threads), a plain JavaScript ledger of raw claim objects, and one usage error naming
 * the claim and field for every way a ledger module can be wrong.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateReport, type VerifyReport } from '../../src/report/schema.ts';
import { reportDifferences } from '../../src/report/compare.ts';
import { cli } from '../helpers/cli.ts';

const EXAMPLE = 'examples/gd-sufficient-decrease/ledger.ts';
const FIXTURES = 'test/cli/fixtures/ledgers';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'lagrangelab-ledger-'));
const readJson = (dir: string): VerifyReport => {
  const v = validateReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.report;
};

describe('verify --ledger: the gradient-descent example', () => {
  it('every verdict as expected, the erratum fixture replays, the planted fault is caught, replays name the ledger', async () => {
    const dir = tmp();
    const r = await cli(['verify', '--ledger', EXAMPLE, '--mutants', '--jobs', '1', '--report-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fixtures: 1 replayed, 0 failed/);
    expect(r.stdout).toMatch(/mutants \(GD\): 1\/1 caught/);
    const rep = readJson(dir);
    expect(rep.claims.map((c) => [c.id, c.paper, c.verdict])).toEqual([
      ['gd.lemma1.step1', 'GD', 'holds'], ['gd.lemma1.step2.5', 'GD', 'violated'], ['gd.lemma1.descent', 'GD', 'holds'],
    ]);
    expect(rep.ledgerProblems).toEqual([]);
    expect(rep.fixtures).toMatchObject([{ file: 'fixtures/counterexamples/GD/gd.lemma1.step2.5.json', status: 'ok' }]);
    const cx = rep.claims[1].counterexample;
    expect(cx?.instance).toMatchObject({ m: 1, n: 1 });
    expect(cx?.replay).toBe(`npx lagrangelab verify --ledger ${EXAMPLE} --claim gd.lemma1.step2.5 --seed 20261122 --path ${cx?.path}`);
    expect(rep.mutants?.[0].mutants[0]).toMatchObject({ id: 'gradient-drops-b', caughtBy: ['gd.lemma1.step1', 'gd.lemma1.descent'] });

    // the replay command re-creates the counterexample
    const replay = await cli(['verify', '--ledger', EXAMPLE, '--claim', 'gd.lemma1.step2.5', '--path', cx?.path ?? '']);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/verdict: violated/);

    // worker threads import the same module: the same report
    const dir2 = tmp();
    const par = await cli(['verify', '--ledger', EXAMPLE, '--mutants', '--jobs', '2', '--report-dir', dir2]);
    expect(par.code).toBe(0);
    expect(reportDifferences(rep, readJson(dir2))).toEqual([]);
  }, 120_000);
});

describe('verify --ledger: a plain JavaScript ledger', () => {
  it('raw claim objects are checked and run (worker threads importing a user ledger: the example above)', async () => {
    const dir = tmp();
    const r = await cli(['verify', '--ledger', `${FIXTURES}/plain.js`, '--jobs', '1', '--report-dir', dir]);
    expect(r.code).toBe(0);
    expect(readJson(dir).claims.map((c) => [c.id, c.verdict])).toEqual([['js.abs-bound', 'holds']]);
  }, 60_000);
});

describe('verify --ledger: a wrong ledger is one line naming the claim and field (exit 2)', () => {
  const cases: [string, RegExp][] = [
    [`${FIXTURES}/bad.js#duplicate`, /#duplicate: claim js\.abs-bound: id: used twice \(ledger JS claims\[0\] and ledger JS claims\[1\]\)$/],
    [`${FIXTURES}/bad.js#badStatus`, /#badStatus: claim js\.abs-bound: expected\.status: expected "holds" or "refuted", got "maybe"$/],
    [`${FIXTURES}/bad.js#noStatement`, /#noStatement: claim js\.abs-bound: statement: expected a non-empty string, got undefined$/],
    [`${FIXTURES}/bad.js#noFromJson`, /#noFromJson: claim js\.abs-bound: family\.fromJSON: expected a function, got undefined$/],
    [`${FIXTURES}/bad.js#throwing`, /#throwing: throwing\(\) threw Error: cannot build the ledger$/],
    [`${FIXTURES}/bad.js#nothing`, /bad\.js#nothing: the module has no export nothing$/],
    [`${FIXTURES}/throws.js`, /throws\.js: could not be loaded: Error: ledger module failed at load$/],
    [`${FIXTURES}/noexport.js`, /noexport\.js: no ledger export \(looked for default, ledgers, ledger, loadLedgers; exports: something\); name one with FILE#export$/],
    [`${FIXTURES}/missing.js`, /^lagrangelab: --ledger: test\/cli\/fixtures\/ledgers\/missing\.js does not exist$/],
  ];
  it.each(cases)('%s', async (spec, msg) => {
    const r = await cli(['verify', '--ledger', spec, '--jobs', '1', '--report-dir', tmp()]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lagrangelab: --ledger: /);
    expect(lines[0]).toMatch(msg);
    expect(r.stdout).toBe('');
  });
});
