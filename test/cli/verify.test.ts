import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifyDeps } from '../../src/cli/verify.ts';
import { verifyCli, type VerifyCliResult } from '../helpers/verifyCli.ts';
import { defineClaim, type PaperLedger, type RegisteredClaim } from '../../src/engine/types.ts';
import { compareLe } from '../../src/engine/tolerance.ts';
import { validateReport } from '../../src/report/schema.ts';
import { alwaysInconclusive, toyFamily, toyLedger, MATCHING, TOY_FIXTURES, TOY_ROOT } from '../engine/fixtures/toyLedger.ts';
import { oracleFn } from '../../src/engine/attribution.ts';

/** A claim expected to hold that does not: x² ≤ 100 fails for |x| > 10 (minimal grid counterexamples ±10.1). */
const broken = defineClaim({
  id: 'toy.square.le-100', source: { paper: 'WZC', item: 'Toy Lemma 3' }, statement: 'x² ≤ 100', method: 'compareLe(x², 100) on grid x', kind: 'inequality',
  expected: { status: 'holds' }, family: toyFamily, hypotheses: [], check: (p, ctx) => compareLe(p.x * p.x, 100, ctx),
});

type Result = VerifyCliResult;

/** Run the CLI like src/cli/main.ts does, with injected ledgers and captured output. */
function cli(argv: string[], ledgers: PaperLedger[], extra: Partial<VerifyDeps> = {}): Promise<Result> {
  return verifyCli(argv, { loadLedgers: () => ledgers, root: TOY_ROOT, fixturesDir: TOY_FIXTURES, ...extra });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'lagrangelab-verify-'));
const matchingLedger = (): PaperLedger => toyLedger([]);

describe('lagrangelab verify', () => {
  it('exit 0 when every verdict matches; writes report.json, junit.xml and report.md', async () => {
    const dir = join(tmp(), 'out');
    const r = await cli(['verify', '--report-dir', dir], [matchingLedger()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('fixtures: 1 replayed, 0 failed');
    expect(r.out).toMatch(/✓ toy\.square\.ge-x {2}violated {2}100 runs/);
    expect(r.out).toContain('OK: 4/4 claims match their expectation');
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.json', 'report.md']);
    const v = validateReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
    expect(v.ok).toBe(true);
    // Running again over its own output is fine.
    expect((await cli(['verify', '--report-dir', dir, '--claim', 'toy.square.nonneg'], [matchingLedger()])).code).toBe(0);
  });

  it("prints a claim's finding (vacuous, unsatisfiable) before its verdict, never a bare 'holds'", async () => {
    const vacuous = defineClaim({
      id: 'toy.vacuous.min-includes-k', source: { paper: 'WZC', item: 'Toy' }, statement: 'min over a set containing 0 is ≤ 0',
      method: 'evaluate', kind: 'inequality', expected: { status: 'holds' }, family: toyFamily, hypotheses: [],
      check: () => ({ status: 'holds', margin: 0 }), finding: { kind: 'vacuous', why: 'the set always contains 0' },
    });
    const r = await cli(['verify', '--report-dir', join(tmp(), 'out'), '--claim', 'toy.vacuous.min-includes-k'], [toyLedger([vacuous])]);
    expect(r.out).toMatch(/✓ toy\.vacuous\.min-includes-k {2}vacuous \(holds\) {2}\d+ runs/);
  });

  it('exit 1 on a mismatch, printing the exact replay command, which reproduces the counterexample', async () => {
    const dir = join(tmp(), 'out');
    const r = await cli(['verify', '--report-dir', dir, '--runs', '50'], [toyLedger([broken])]);
    expect(r.code).toBe(1);
    const m = /replay: npx lagrangelab verify --claim toy\.square\.le-100 --seed 20261122 --path ([\d:]+)\n/.exec(r.out);
    expect(m, r.out).not.toBeNull();
    expect(r.out).toContain('FAILED: 4/5 claims match their expectation');
    const replay = await cli(['verify', '--claim', 'toy.square.le-100', '--seed', '20261122', '--path', m?.[1] ?? ''], [toyLedger([broken])]);
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/instance: x = -?10\.1\n/); // |x| = 10.1 is the smallest violating grid value
    expect(replay.out).toMatch(/verdict: violated — lhs ≤ rhs: 102\.010 > 100\.000/);
    expect(replay.out).toContain('→ MISMATCH');
    // Replaying the refuted claim's counterexample matches its expectation.
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { claims: { id: string; counterexample: { path: string } | null }[] };
    const path = report.claims.find((c) => c.id === 'toy.square.ge-x')?.counterexample?.path ?? '';
    const ok = await cli(['verify', '--claim', 'toy.square.ge-x', '--path', path], [toyLedger([broken])]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('→ matches');
  });

  it('exit 1 on an engine error (an oracle threw): an ENGINE ERRORS line with the replay, which reproduces it', async () => {
    const flaky = oracleFn(function flakyOracle(x: number): number {
      if (x < -95) throw new Error('oracle out of range');
      return x * x;
    });
    const withOracle = defineClaim({
      id: 'toy.oracle', source: { paper: 'WZC', item: 'Toy Lemma 4' }, statement: 'x² ≤ oracle(x)', method: 'test claim', kind: 'inequality',
      expected: { status: 'holds' }, family: toyFamily, hypotheses: [], check: (p, ctx) => compareLe(p.x * p.x, flaky(p.x), ctx),
    });
    const ledger = { ...matchingLedger(), claims: [...MATCHING, withOracle] };
    const r = await cli(['verify', '--report-dir', join(tmp(), 'o'), '--runs', '300'], [ledger]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ toy\.oracle {2}holds {2}300 runs \(\d+ held, 0 violated, 0 unmet, 0 inconclusive, \d+ engine error\(s\)\)/);
    expect(r.out).toContain('ENGINE ERRORS (the checker failed, not the checked code): toy.oracle');
    expect(r.out).toMatch(/FAILED: 5\/5 claims match their expectation, 1 engine error\(s\)/);
    const replay = /replay: npx lagrangelab verify (--claim toy\.oracle --seed \d+ --path \d+)/.exec(r.out);
    expect(replay).not.toBeNull();
    const again = await cli(['verify', ...(replay?.[1] ?? '').split(' ')], [ledger]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('ENGINE ERROR (the checker failed, not the checked code): oracle flakyOracle failed: Error: oracle out of range');
  });

  it('exit 1 when a claim leaves more inconclusive runs than its budget, saying so', async () => {
    const ledger = { ...matchingLedger(), claims: [...MATCHING, alwaysInconclusive] };
    const r = await cli(['verify', '--report-dir', join(tmp(), 'o'), '--claim', 'toy.band.*'], [ledger]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('toy.band.inconclusive: 100/100 inconclusive > 0 allowed (declared rate 0)');
    expect(r.out).toMatch(/FAILED: 0\/1 claims match their expectation, 1 over their inconclusive budget/);
  });

  it('runs asynchronous claims (a check returning a Promise) like synchronous ones, replay included', async () => {
    const later = (c: RegisteredClaim): RegisteredClaim => ({ ...c, evaluate: async (i, ctx) => c.evaluate(i, ctx) });
    const sync = await cli(['verify', '--report-dir', join(tmp(), 's')], [matchingLedger()]);
    const l = matchingLedger();
    const asyncLedger = { ...l, claims: l.claims.map(later) };
    const r = await cli(['verify', '--report-dir', join(tmp(), 'a')], [asyncLedger]);
    expect(r.code).toBe(0);
    const lines = (s: string) => s.split('\n').filter((x) => !x.startsWith('wrote '));
    expect(lines(r.out)).toEqual(lines(sync.out));
    const replay = await cli(['verify', '--claim', 'toy.square.ge-x', '--path', '2'], [asyncLedger]);
    expect(replay.out).toMatch(/verdict: violated/);
  });

  it('exit 1 when a fixture replays differently', async () => {
    const fx = tmp();
    writeFileSync(join(fx, 'changed.json'), JSON.stringify({ claim: 'toy.square.ge-x', instance: { x: 3 }, expected: 'violated' }));
    const r = await cli(['verify', '--report-dir', join(tmp(), 'o'), '--runs', '5'], [matchingLedger()], { fixturesDir: fx });
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ ../');
    expect(r.out).toMatch(/changed\.json: mismatch \(expected violated, got holds\)/);
    expect(r.out).toContain('1 fixture(s) failed');
  });

  it('exit 1 on inconsistent ledgers', async () => {
    const l = matchingLedger();
    const r = await cli(['verify', '--report-dir', join(tmp(), 'o'), '--runs', '5'], [{ ...l, errata: [] }]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('ledger problem: WZC: claim toy.square.ge-x is expected refuted but erratum toy-E1 does not exist');
  });

  it('no ledgers: "no claims registered", exit 0', async () => {
    const r = await cli(['verify'], []);
    expect(r).toMatchObject({ code: 0, out: 'no claims registered\n' });
  });

  it('usage errors exit 2 with the flag named', async () => {
    const l = [matchingLedger()];
    const run = (argv: string[]) => cli(argv, l);
    expect((await run(['verify', '--shard', '3/2'])).err).toMatch(/--shard: need 1 ≤ i ≤ n/);
    expect((await run(['verify', '--runs', '0'])).code).toBe(2);
    expect((await run(['verify', '--claim', 'nothing.*'])).err).toMatch(/no claim matches nothing/);
    expect((await run(['verify', '--paper', 'tks'])).err).toMatch(/no ledger for paper tks/);
    expect((await run(['verify', '--path', '1:2'])).err).toMatch(/--path: needs --claim/);
    expect((await run(['verify', '--path', '1', '--claim', 'toy.square.*'])).err).toMatch(/exactly one claim/);
    expect((await run(['verify', '--time-budget', '-1'])).code).toBe(2);
    // no flag switches a planted solver bug on
    for (const flag of ['--faults', '--fault', '--mutant']) expect((await run(['verify', flag, 'square-negated'])).code).toBe(2);
  });

  it('refuses a report directory holding other files unless --force', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await cli(['verify', '--report-dir', dir, '--runs', '5'], [matchingLedger()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--report-dir: .* holds files the tool did not write \(notes\.txt\)/);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
    expect((await cli(['verify', '--report-dir', dir, '--runs', '5', '--force'], [matchingLedger()])).code).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('--mutants, --errata-md and --coverage-md', async () => {
    const base = tmp();
    const r = await cli(['verify', '--report-dir', join(base, 'o'), '--mutants', '--mutant-runs', '5', '--errata-md', join(base, 'ERRATA.md'), '--coverage-md', 'COVERAGE.md'], [matchingLedger()], { cwd: base });
    expect(r.code).toBe(0);
    expect(r.out).toContain('mutants (WZC): 1/2 caught; not caught: noop');
    expect(readFileSync(join(base, 'ERRATA.md'), 'utf8')).toContain('### toy-E1');
    expect(readFileSync(join(base, 'COVERAGE.md'), 'utf8')).toContain('| Toy Lemma 1 |');
    expect(readFileSync(join(base, 'o', 'report.md'), 'utf8')).toContain('## Mutant × claim matrix');
  });

  it('a live table on a TTY rewrites lines', async () => {
    let out = '';
    const r = await cli(['verify', '--report-dir', join(tmp(), 'o'), '--runs', '5', '--claim', 'toy.square.ge-x'], [matchingLedger()], {
      stdout: { isTTY: true, write: (s: string) => { out += s; return true; } },
    });
    expect(r.code).toBe(0);
    expect(out).toContain('\r\x1b[2K  toy.square.ge-x  ');
    expect(out).toContain('\r\x1b[2K✓ toy.square.ge-x  violated');
  });

  it('shards merged with `lagrangelab merge` give the unsharded verdicts and counts', async () => {
    const base = tmp();
    const ledgers = [toyLedger([broken])];
    const whole = await cli(['verify', '--report-dir', join(base, 'whole')], ledgers);
    const a = await cli(['verify', '--report-dir', join(base, 's1'), '--shard', '1/2'], ledgers);
    const b = await cli(['verify', '--report-dir', join(base, 's2'), '--shard', '2/2'], ledgers);
    expect([whole.code, a.code, b.code]).toEqual([1, 1, 1]);
    const m = await cli(['merge', join(base, 's1'), join(base, 's2'), '--report-dir', join(base, 'merged')], ledgers);
    expect(m.code).toBe(1);
    expect(m.out).toContain('merged 2 report(s): 5 claims');
    const read = (d: string) => JSON.parse(readFileSync(join(base, d, 'report.json'), 'utf8')) as { claims: { id: string; verdict: string; stats: unknown; counterexample: unknown }[] };
    const strip = (d: string) => read(d).claims.map((c) => ({ id: c.id, verdict: c.verdict, stats: c.stats, cx: c.counterexample }));
    expect(strip('merged')).toEqual(strip('whole'));
    // Mismatched inputs are refused with a clear message.
    mkdirSync(join(base, 'odd'));
    await cli(['verify', '--report-dir', join(base, 'odd'), '--shard', '2/2', '--seed', '7'], ledgers);
    const bad = await cli(['merge', join(base, 's1'), join(base, 'odd'), '--report-dir', join(base, 'm2')], ledgers);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/run\.seed is 7 but .* has 20261122/);
    const self = await cli(['merge', join(base, 's1'), join(base, 's2'), '--report-dir', join(base, 's1')], ledgers);
    expect(self.err).toMatch(/is one of the inputs/);
  });

  it('keeps the matching toy claims matching at deep scale with few runs', async () => {
    const r = await cli(['verify', '--report-dir', join(tmp(), 'o'), '--deep', '--runs', '30'], [toyLedger([])]);
    expect(r.code).toBe(0);
    expect(MATCHING).toHaveLength(4);
  });
});
