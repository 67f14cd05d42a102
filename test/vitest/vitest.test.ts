/**
 * `lagrangelab/vitest`: the tests it registers (names, what passes) and the failure messages it writes (what
 * failed, the counterexample, the replay command), on the toy ledger.
 */
import { describe, expect, it } from 'vitest';
import { checkClaim, checkFixtures, checkLedgerConsistency, checkMutantMatrix, claimRunFailure, claimTest, ledgerTests } from 'lagrangelab/vitest';
import { runClaim } from '../../src/engine/runner.ts';
import { defineClaim } from '../../src/engine/types.ts';
import { compareGe } from '../../src/engine/tolerance.ts';
import { alwaysInconclusive, geX, leHundred, MATCHING, nonneg, neverMet, toyFamily, toyLedger, TOY_ROOT } from '../engine/fixtures/toyLedger.ts';

describe('registered tests (toy ledger)', () => {
  ledgerTests({ ...toyLedger([]), mutants: { 'square-negated': 'square returns −x²' } }, { root: TOY_ROOT, mutants: { runs: 10 }, runs: 30 });
  claimTest(nonneg, { runs: 10, name: (c, scale) => `renamed ${c.id} at ${scale}` });
  claimTest({ ...toyRaw(), id: 'toy.raw' }, { runs: 5 });
});

describe('failure messages', () => {
  it('a claim expected to hold that is violated: counts, the shrunk counterexample, the replay command', async () => {
    await expect(checkClaim(leHundred, { runs: 50 })).rejects.toThrow(
      /^toy\.square\.le-100 \(ci\): expected holds, got violated\n  50 runs: \d+ held, \d+ violated, 0 unmet, 0 inconclusive, 0 engine errors\n  counterexample \(run \d+, \d+ shrink steps\): x = -?10\.1\n    \{"x":-?10\.1\}\n    .*\n  replay: npx lagrangelab verify --claim toy\.square\.le-100 --seed 20261122 --path [\d:]+$/,
    );
    await expect(checkClaim(leHundred, { runs: 50, ledger: './my ledger.ts' })).rejects.toThrow(/replay: npx lagrangelab verify --ledger "\.\/my ledger\.ts" --claim/);
  });

  it('a refuted claim that held, an inconclusive claim, one whose hypotheses never hold', () => {
    const msg = (c: typeof geX, opts = {}) => claimRunFailure(c, runClaim(c, { runs: 20, ...opts }), opts);
    const held = defineClaim({ ...toyRaw(), id: 'toy.refuted-held', expected: { status: 'refuted', erratum: 'E' } });
    expect(msg(held)).toMatch(/^toy\.refuted-held \(ci\): expected violated \(refuted, E\), got holds\n  20 runs: 20 held/);
    expect(msg(alwaysInconclusive)).toMatch(
      /expected holds, got inconclusive; 20 inconclusive runs > 0 allowed \(declared rate 0\)\n.*\n  first inconclusive run 0: .*\n  replay: npx lagrangelab verify --claim toy\.band\.inconclusive --seed 20261122 --path 0$/,
    );
    expect(msg(neverMet)).toMatch(/got hypotheses-unmet\n.*\n  every run had unmet hypotheses, e\.g\. run 0: x > 1e6: x = .*$/);
    expect(msg(geX)).toBeNull();
    expect(MATCHING.map((c) => msg(c))).toEqual([null, null, null, null]);
  });

  it('an engine error names the run and its replay', () => {
    const broken = defineClaim({ ...toyRaw(), id: 'toy.engine-error', hypotheses: [{ name: 'h', test: () => { throw new Error('bad hypothesis'); } }] });
    const m = claimRunFailure(broken, runClaim(broken, { runs: 3 }));
    expect(m).toMatch(/3 engine error\(s\): the checker failed, not the checked code/);
    expect(m).toMatch(/\n  engine error \(run 0\): hypothesis 'h' threw .*bad hypothesis\n  replay: npx lagrangelab verify --claim toy\.engine-error --seed 20261122 --path 0$/);
  });
});

describe('ledger-level failures', () => {
  it('an uncaught fault, a fault no claim can run, a ledger problem, a failing fixture', async () => {
    const noop = { ...toyLedger([]), claims: [nonneg], mutants: { noop: 'changes nothing' } };
    await expect(checkMutantMatrix(noop, { runs: 5 })).rejects.toThrow('not caught by any claim in 5 runs per cell: noop (changes nothing)');
    const onlyIndependent = { ...toyLedger([]), claims: toyLedger([]).claims.filter((c) => c.tags.includes('solver-independent')) };
    await expect(checkMutantMatrix(onlyIndependent, { runs: 2 })).rejects.toThrow(/^no claim to run the faults against/);
    const seen: string[] = [];
    await checkMutantMatrix({ ...toyLedger([]), mutants: { 'square-negated': 'square returns −x²' } }, { runs: 5, claims: ['toy.square.nonneg'], onMatrix: (m) => seen.push(...m.claims) });
    expect(seen).toEqual(['toy.square.nonneg']);
    expect(() => checkLedgerConsistency([{ ...toyLedger([]), claims: [nonneg] }], TOY_ROOT)).toThrow(/erratum toy-E1 is about unknown claim toy\.square\.ge-x/);
    const alwaysHolds = defineClaim({ ...toyRaw(), id: 'toy.square.ge-x' });
    await expect(checkFixtures({ ...toyLedger([]), claims: [alwaysHolds] }, ['toy.square.ge-x'], TOY_ROOT)).rejects.toThrow(
      'fixtures/counterexamples/toy-E1.json: mismatch (expected violated, got holds)',
    );
  });
});

function toyRaw() {
  return {
    id: 'toy.raw', source: { paper: 'WZC', item: 'Toy' }, statement: 'x² ≥ 0', method: 'm', kind: 'inequality' as const,
    expected: { status: 'holds' as const }, family: toyFamily, hypotheses: [],
    check: (p: { x: number }, ctx: { rtol: number }) => compareGe(p.x * p.x, 0, ctx),
  };
}
