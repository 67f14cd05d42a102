/**
 * A claim's finding (engine/types.ts `ClaimFinding`: a vacuous conclusion or unsatisfiable hypotheses) travels
 * into report.json only when the claim has one — reports of ledgers without findings keep their shape — and the
 * markdown report prints it in place of a bare verdict.
 */
import { describe, expect, it } from 'vitest';
import { defineClaim, type PaperLedger } from '../../src/engine/types.ts';
import { compareGe } from '../../src/engine/tolerance.ts';
import { runVerification } from '../../src/report/build.ts';
import { renderReportMarkdown } from '../../src/report/markdown.ts';
import { renderCoverageMarkdown } from '../../src/report/errata.ts';
import { validateReport, type VerifyReport } from '../../src/report/schema.ts';
import { nonneg, toyFamily, TOY_FIXTURES, TOY_ROOT } from '../engine/fixtures/toyLedger.ts';

const vacuous = defineClaim({
  id: 'toy.vacuous.min-includes-self', source: { paper: 'TOY', item: 'Toy Theorem' }, statement: 'min over a set containing x − x is ≤ 0',
  method: 'compareGe(0, x − x) on grid x', kind: 'inequality', expected: { status: 'holds' }, family: toyFamily, hypotheses: [],
  finding: { kind: 'vacuous', why: 'the minimum includes x − x = 0' },
  check: (p, ctx) => compareGe(0, p.x - p.x, ctx),
});

const LEDGER: PaperLedger = {
  paper: 'TOY', title: 'toy', file: 'toy.txt', claims: [nonneg, vacuous], errata: [],
  coverage: [{ item: 'Toy Theorem', kind: 'theorem', claims: ['toy.square.nonneg', 'toy.vacuous.min-includes-self'] }],
};

function report(): VerifyReport {
  const ledger = LEDGER;
  const r = runVerification({ ledgers: [ledger], root: TOY_ROOT, fixturesDir: TOY_FIXTURES, runs: 5 });
  return JSON.parse(JSON.stringify(r)) as VerifyReport;
}

describe('claim findings', () => {
  it('defineClaim keeps a finding and adds no field to a claim without one', () => {
    expect(vacuous.finding).toEqual({ kind: 'vacuous', why: 'the minimum includes x − x = 0' });
    expect('finding' in nonneg).toBe(false);
  });

  it('report.json carries the finding of the claim that has one, validates, and rejects an unknown kind', () => {
    const r = report();
    const [plain, found] = r.claims;
    expect('finding' in plain).toBe(false);
    expect(found.finding).toEqual({ kind: 'vacuous', why: 'the minimum includes x − x = 0' });
    expect(found.verdict).toBe('holds');
    const v = validateReport(r);
    expect(v.ok ? [] : v.errors).toEqual([]);
    const bad = structuredClone(r);
    (bad.claims[1] as { finding: unknown }).finding = { kind: 'maybe', why: 'x' };
    const w = validateReport(bad);
    expect(w.ok ? [] : w.errors.join('\n')).toMatch(/claims\[1\]\.finding\.kind/);
  });

  it('report.md shows "vacuous (holds)" in the table and lists the finding', () => {
    const md = renderReportMarkdown(report());
    expect(md).toMatch(/\| toy\.vacuous\.min-includes-self \|[^\n]*\| vacuous \(holds\) \|/);
    expect(md).toContain('## Vacuous and unsatisfiable');
    expect(md).toContain('- **toy.vacuous.min-includes-self** — vacuous: the minimum includes x − x = 0');
    expect(md).not.toMatch(/\| toy\.square\.nonneg \|[^\n]*\| vacuous/);
  });

  it('COVERAGE.md names the finding next to the verdict', () => {
    const md = renderCoverageMarkdown([LEDGER], { report: report(), root: TOY_ROOT });
    expect(md).toContain('`toy.square.nonneg` (holds), `toy.vacuous.min-includes-self` (vacuous: holds)');
  });
});
