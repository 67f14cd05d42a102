import { describe, expect, it } from 'vitest';
import { compareReports, CompareError, type Comparison } from '../../src/report/comparison.ts';
import { COMPARE_MARKER, renderComparisonMarkdown } from '../../src/report/comparisonMarkdown.ts';
import { defineClaim } from '../../src/engine/types.ts';
import { compareGe } from '../../src/engine/tolerance.ts';
import type { VerifyReport } from '../../src/report/schema.ts';
import type { PaperLedger, RegisteredClaim } from '../../src/engine/types.ts';
import { leHundred, MATCHING, nonneg, toyFamily, toyLedger } from '../engine/fixtures/toyLedger.ts';
import { toyReport } from './helpers.ts';

const kinds = (c: Comparison, sev?: string): string[] => c.findings.filter((f) => sev === undefined || f.severity === sev).map((f) => `${f.kind} ${f.subject}`);
const claimOf = (r: VerifyReport, id: string) => {
  const c = r.claims.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no ${id}`);
  return c;
};

/** toy.square.nonneg with its square negated: violated on every x ≠ 0. */
const brokenNonneg = defineClaim({
  id: nonneg.id, source: nonneg.source, statement: nonneg.statement, method: nonneg.method, kind: nonneg.kind, expected: nonneg.expected,
  family: toyFamily, hypotheses: [], check: (p, ctx) => compareGe(-p.x * p.x, 0, ctx),
});

describe('compare: the same run twice', () => {
  it('finds nothing and is no regression', () => {
    const r = toyReport({ mutants: true, mutantRuns: 5 });
    const c = compareReports(r, structuredClone(r));
    expect(c.findings).toEqual([]);
    expect(c.regression).toBe(false);
    expect(c.claims.every((x) => x.presence === 'both' && x.violationRate?.overlap === true)).toBe(true);
    expect(c.mismatches).toEqual([]);
    expect(renderComparisonMarkdown(c)).toContain('no regression');
  });
});

describe('compare: regressions', () => {
  it('a claim that stopped holding: verdict and violation rate', () => {
    const base = toyReport({ ledgers: [toyLedgerWith(MATCHING)] });
    const head = toyReport({ ledgers: [toyLedgerWith([brokenNonneg, ...MATCHING.slice(1)])] });
    const c = compareReports(base, head);
    expect(c.regression).toBe(true);
    expect(kinds(c, 'regression')).toEqual(expect.arrayContaining(['verdict toy.square.nonneg', 'violation-rate toy.square.nonneg']));
    const v = c.claims.find((x) => x.id === 'toy.square.nonneg')?.violationRate;
    expect(v?.overlap).toBe(false);
    expect(v?.head.lower).toBeGreaterThan(v?.base.upper ?? 1);
    // and back: the fix is an improvement, not a regression
    const back = compareReports(head, base);
    expect(back.regression).toBe(false);
    expect(kinds(back, 'improvement')).toEqual(expect.arrayContaining(['verdict toy.square.nonneg', 'violation-rate toy.square.nonneg']));
  });

  it('removed claims, lost fixtures and new ledger problems regress; an added passing claim does not', () => {
    const base = toyReport();
    const head = toyReport({ ledgers: [toyLedgerWith(MATCHING.filter((x) => x.id !== 'toy.square.ge-x'))] });
    const c = compareReports(base, head);
    expect(kinds(c, 'regression')).toEqual(expect.arrayContaining(['claim-removed toy.square.ge-x', 'ledger ledgers']));
    expect(c.findings.find((f) => f.kind === 'fixture')).toMatchObject({ severity: 'change', text: 'ok (violated) → unregistered' });
    const added = compareReports(head, base);
    expect(kinds(added)).toContain('claim-added toy.square.ge-x');
    expect(added.findings.find((f) => f.kind === 'claim-added')?.severity).toBe('change');
  });

  it('an added claim that already fails is a regression', () => {
    const base = toyReport({ ledgers: [toyLedgerWith(MATCHING)] });
    const head = toyReport({ ledgers: [toyLedgerWith([...MATCHING, leHundred])] });
    const c = compareReports(base, head);
    expect(c.findings.find((f) => f.subject === 'toy.square.le-100')).toMatchObject({ kind: 'claim-added', severity: 'regression' });
  });

  it('budgets, engine errors, fixtures and mutants', () => {
    const base = toyReport({ mutants: true, mutantRuns: 5 });
    const head = structuredClone(base);
    claimOf(head, 'toy.square.nonneg').inconclusiveBudget.exceeded = true;
    claimOf(head, 'toy.square.ge-x-quarter').stats.errors = 2;
    head.fixtures[0] = { ...head.fixtures[0], status: 'mismatch', detail: 'expected violated, got holds' };
    const m = head.mutants?.[0].mutants.find((x) => x.id === 'square-negated');
    if (m === undefined) throw new Error('no mutant');
    m.caughtBy = [];
    const c = compareReports(base, head);
    expect(kinds(c, 'regression').sort()).toEqual([
      'engine-errors toy.square.ge-x-quarter', 'fixture fixtures/counterexamples/toy-E1.json', 'inconclusive-budget toy.square.nonneg',
      'mutant WZC:square-negated',
    ]);
    expect(compareReports(head, base).regression).toBe(false);
  });

  it('a fixture removed after being replayed regresses; one added that fails too', () => {
    const base = toyReport();
    const head = structuredClone(base);
    head.fixtures = [];
    expect(kinds(compareReports(base, head), 'regression')).toEqual(['fixture fixtures/counterexamples/toy-E1.json']);
    const failing = structuredClone(base);
    failing.fixtures[0].status = 'malformed';
    expect(kinds(compareReports(head, failing), 'regression')).toEqual(['fixture fixtures/counterexamples/toy-E1.json']);
  });
});

describe('compare: reported, not regressions', () => {
  it('a ratio distribution that moved (KS, Bonferroni over the claims tested)', () => {
    const base = toyReport();
    const head = structuredClone(base);
    const c0 = claimOf(head, 'toy.square.ge-x-quarter');
    c0.samples.ratio = c0.samples.ratio.map((x) => x * 1.5 + 0.1);
    const c = compareReports(base, head);
    expect(c.regression).toBe(false);
    const f = c.findings.find((x) => x.kind === 'ratio-shift');
    expect(f).toMatchObject({ severity: 'change', subject: 'toy.square.ge-x-quarter' });
    expect(f?.text).toMatch(/closer to the bound/);
    const s = c.claims.find((x) => x.id === 'toy.square.ge-x-quarter')?.ratioShift;
    const tested = c.claims.filter((x) => x.ratioShift !== null).length;
    expect(s?.alpha).toBeCloseTo(0.05 / tested, 15);
    expect(s?.p).toBeLessThan(s?.alpha ?? 0);
    // a small nudge is noise
    const nudged = structuredClone(base);
    const c1 = claimOf(nudged, 'toy.square.ge-x-quarter');
    c1.samples.ratio = c1.samples.ratio.map((x, i) => (i === 0 ? x * 1.01 : x));
    expect(compareReports(base, nudged).findings).toEqual([]);
  });

  it("a refuted claim's violation rate moving is a change", () => {
    const base = toyReport();
    const head = structuredClone(base);
    const c0 = claimOf(head, 'toy.square.ge-x');
    c0.stats.violated = 1;
    c0.stats.holds = c0.stats.runs - 1;
    const c = compareReports(base, head);
    expect(c.findings.find((f) => f.kind === 'violation-rate')).toMatchObject({ severity: 'change', subject: 'toy.square.ge-x' });
    expect(c.regression).toBe(false);
  });

  it('runtime per claim is listed in a folded section', () => {
    const base = toyReport();
    const head = structuredClone(base);
    for (const c of head.claims) c.durationMs = 3 * base.claims.find((x) => x.id === c.id)!.durationMs + 1;
    head.run.durationMs = 3 * base.run.durationMs;
    const c = compareReports(base, head);
    expect(c.regression).toBe(false);
    expect(c.runtime.claims).toHaveLength(base.claims.length);
    const md = renderComparisonMarkdown(c);
    expect(md.startsWith(COMPARE_MARKER)).toBe(true);
    expect(md).toMatch(/<details><summary>Runtime/);
    expect(md).toMatch(/\| ms per run \(base\) \|/);
  });
});

describe('compare: runs that cannot be compared', () => {
  it('refuses other seeds, scales, tolerances, filters, shards or a matrix on one side, naming the field', () => {
    const base = toyReport({ runs: 10 });
    const cases: [Partial<Parameters<typeof toyReport>[0]>, RegExp][] = [
      [{ seed: 7 }, /run\.seed differs \(base 20261122, head 7\): the runs drew different instances/],
      [{ scale: 'deep' }, /run\.scale differs/],
      [{ rtol: 1e-8 }, /run\.rtol differs/],
      [{ claim: 'toy.square.*' }, /run\.claimFilter differs/],
      [{ shard: { index: 1, count: 2 } }, /run\.shard differs .*\(merge the shards first\)/],
      [{ mutants: true, mutantRuns: 2 }, /mutants differs/],
    ];
    for (const [opts, msg] of cases) {
      const head = toyReport({ runs: 10, ...opts });
      expect(() => compareReports(base, head)).toThrow(CompareError);
      expect(() => compareReports(base, head)).toThrow(msg);
      expect(() => compareReports(base, head)).toThrow(/--allow-mismatch/);
    }
  });

  it('--allow-mismatch compares anyway and lists what differs; run counts may differ', () => {
    const base = toyReport({ runs: 10 });
    const c = compareReports(base, toyReport({ runs: 10, seed: 7 }), { allowMismatch: true });
    expect(c.mismatches[0]).toMatch(/^run\.seed differs/);
    expect(renderComparisonMarkdown(c)).toMatch(/Settings differ/);
    const more = compareReports(base, toyReport({ runs: 40 }));
    expect(more.mismatches).toEqual(['run.runsOverride differs (base 10, head 40)']);
  });
});

function toyLedgerWith(claims: RegisteredClaim[]): PaperLedger {
  return { ...toyLedger([]), claims };
}
