import { describe, it, expect } from 'vitest';
import { validateReport } from '../../src/report/schema.ts';
import { toyReport } from './helpers.ts';

describe('report.json schema', () => {
  const report = toyReport({ mutants: true });

  it('a verify report validates', () => {
    const v = validateReport(report);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(report.claims.map((c) => c.id)).toHaveLength(6);
    expect(report.claims.find((c) => c.id === 'toy.square.nonneg')?.method).toBe('compareGe(x², 0) on grid x');
    expect(report.summary).toMatchObject({ claims: 6, matching: 4, mismatching: ['toy.unmet.always', 'toy.band.inconclusive'], ok: false });
    const cx = report.claims.find((c) => c.id === 'toy.square.ge-x')?.counterexample;
    expect(cx?.replay).toMatch(/^npx lagrangelab verify --claim toy\.square\.ge-x --seed 20261122 --path \d+(:\d+)*$/);
  });

  it('names the broken fields', () => {
    const bad = structuredClone(report) as unknown as Record<string, any>;
    bad.run.seed = 'x';
    delete bad.claims[0].stats.holds;
    delete bad.claims[2].method;
    bad.claims[1].verdict = 'maybe';
    bad.fixtures[0].status = 'fine';
    bad.claims[2].paper = 'X Y';
    const v = validateReport(bad);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual(expect.arrayContaining([
      'report.run.seed: expected a finite number',
      'report.claims[0].stats.holds: missing',
      'report.claims[2].method: missing',
      'report.claims[1].verdict: expected one of holds, violated, hypotheses-unmet, inconclusive',
      'report.fixtures[0].status: expected one of ok, mismatch, malformed, engine-error, unregistered, skipped',
      "report.claims[2].paper: expected a paper id (a letter, then letters, digits, '.', '_' or '-')",
    ]));
    expect(validateReport(null).ok).toBe(false);
    expect(validateReport({ ...report, version: 1 }).ok).toBe(false);
  });

  it('cross-checks verdicts against counts and the summary', () => {
    const bad = structuredClone(report);
    bad.claims[0].verdict = 'violated';
    bad.summary.ok = true;
    const v = validateReport(bad);
    expect(v.ok ? [] : v.errors).toEqual(expect.arrayContaining([
      'report.claims[0].verdict: violated disagrees with the counts (holds)',
      'report.claims[0].matchesExpectation: disagrees with verdict and expectation',
      'report.summary.ok: disagrees with claims, fixtures, ledger problems, budgets and engine errors',
    ]));
  });

  it('cross-checks the inconclusive budget and engine errors against the counts', () => {
    const bad = structuredClone(report);
    const i = bad.claims.findIndex((c) => c.id === 'toy.band.inconclusive');
    bad.claims[i].inconclusiveBudget.exceeded = false;
    bad.claims[0].stats.errors = 1;
    bad.claims[0].stats.holds -= 1;
    const v = validateReport(bad);
    expect(v.ok ? [] : v.errors).toEqual(expect.arrayContaining([
      `report.claims[${i}].inconclusiveBudget: disagrees with the counts (n 100, limit 0, exceeded true)`,
      'report.claims[0].firstEngineError: missing although stats.errors > 0',
      'report.summary.inconclusiveExceeded: differs from the claims',
    ]));
  });
});
