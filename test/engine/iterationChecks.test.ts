import { describe, expect, it } from 'vitest';
import { FirstViolation, IterationChecks, runChecked } from '../../src/engine/iterationChecks.ts';

describe('IterationChecks', () => {
  it('keeps the tightest hold, counts sub-checks, and stops at the first violation', () => {
    const checks = new IterationChecks();
    const v = runChecked(checks, () => {
      checks.add({ status: 'holds', margin: 2 });
      checks.add({ status: 'holds', margin: 1 });
    }, { status: 'hypotheses-unmet', unmet: ['none'] });
    expect(v).toMatchObject({ status: 'holds', margin: 1 });
    expect(v.status === 'holds' && v.note).toMatch(/^2 sub-checks/);

    const stop = new IterationChecks();
    let after = false;
    const w = runChecked(stop, () => {
      stop.add({ status: 'violated', detail: 'first at k=1, j=2' });
      after = true;
    }, { status: 'holds' });
    expect(w).toEqual({ status: 'violated', detail: 'first at k=1, j=2' });
    expect(after).toBe(false);
    expect(() => new IterationChecks().add({ status: 'violated', detail: 'x' })).toThrow(FirstViolation);
  });

  it('reports the empty verdict when nothing was checked', () => {
    expect(runChecked(new IterationChecks(), () => undefined, { status: 'hypotheses-unmet', unmet: ['none'] }).status).toBe('hypotheses-unmet');
  });
});
