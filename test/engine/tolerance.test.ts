import { describe, it, expect } from 'vitest';
import { compareEq, compareEqArrays, compareGe, compareLe, compareNonsingular, toleranceScale, worstVerdict, DEFAULT_RTOL } from '../../src/engine/tolerance.ts';

const ctx = { rtol: DEFAULT_RTOL };

describe('compareLe', () => {
  it('holds with margin rhs − lhs and ratio lhs/rhs', () => {
    const v = compareLe(1, 4, ctx);
    expect(v).toEqual({ status: 'holds', margin: 3, ratio: 0.25 });
  });
  it('a value just past the pass tolerance is inconclusive, beyond the band violated', () => {
    // scale 1e3: tol = 1e-6, band = 1e-3
    expect(compareLe(1000 + 5e-7, 1000, ctx).status).toBe('holds');
    expect(compareLe(1000 + 5e-5, 1000, ctx).status).toBe('inconclusive');
    const v = compareLe(1000 + 2e-3, 1000, ctx, { what: 'f ≤ g' });
    expect(v.status).toBe('violated');
    if (v.status === 'violated') expect(v.detail).toMatch(/^f ≤ g: /);
  });
  it('tight holds are flagged, or inconclusive on request', () => {
    expect(compareLe(1 - 1e-8, 1, ctx)).toMatchObject({ status: 'holds', note: 'tight' });
    expect(compareLe(1 - 1e-8, 1, ctx, { tightIsInconclusive: true }).status).toBe('inconclusive');
    expect(compareLe(0.5, 1, ctx, { tightIsInconclusive: true }).status).toBe('holds');
  });
  it('the scale floor of 1 makes comparisons near zero absolute', () => {
    expect(compareLe(5e-10, 0, ctx).status).toBe('holds');
    expect(compareLe(1e-4, 0, ctx).status).toBe('violated');
    expect(compareLe(1e-4, 0, ctx, { scale: 1e6 }).status).toBe('holds');
  });
  it('non-finite values', () => {
    expect(compareLe(NaN, 1, ctx).status).toBe('inconclusive');
    expect(compareLe(-Infinity, 1, ctx).status).toBe('holds');
    expect(compareLe(1, Infinity, ctx).status).toBe('holds');
    expect(compareLe(Infinity, 1, ctx).status).toBe('inconclusive');
  });
  it('compareGe mirrors compareLe', () => {
    expect(compareGe(4, 1, ctx)).toEqual({ status: 'holds', margin: 3, ratio: 0.25 });
    expect(compareGe(0.1, 0.2, ctx).status).toBe('violated');
  });
});

describe('compareEq', () => {
  it('identity within rtol holds; ratio is |d|/tol', () => {
    const v = compareEq(1e6, 1e6 + 1e-4, ctx);
    expect(v.status).toBe('holds');
    expect(v.status === 'holds' && v.ratio).toBeCloseTo(0.1, 6);
    expect(compareEq(1e6, 1e6 + 1e-2, ctx).status).toBe('inconclusive');
    expect(compareEq(1e6, 1e6 + 10, ctx).status).toBe('violated');
    expect(compareEq(Infinity, Infinity, ctx).status).toBe('holds');
    expect(compareEq(NaN, 1, ctx).status).toBe('inconclusive');
  });
  it('arrays use the max-norm scale and name the worst entry', () => {
    expect(compareEqArrays([1, 2, 3], [1, 2, 3 + 1e-12], ctx).status).toBe('holds');
    const v = compareEqArrays([1, 2, 3], [1, 2.5, 3], ctx);
    expect(v.status).toBe('violated');
    if (v.status === 'violated') expect(v.detail).toContain('entry 1');
    expect(compareEqArrays([1], [1, 2], ctx).status).toBe('violated');
  });
  it('toleranceScale', () => {
    expect(toleranceScale([0.1, -0.2])).toBe(1);
    expect(toleranceScale([3, -7], 5)).toBe(7);
    expect(toleranceScale([NaN], 2)).toBe(2);
  });
});

describe('worstVerdict', () => {
  it('violated > inconclusive > unmet > holds; tightest hold wins among holds; first violation kept', () => {
    expect(worstVerdict([])).toMatchObject({ status: 'holds' });
    expect(worstVerdict([{ status: 'holds', margin: 3 }, { status: 'holds', margin: 1 }])).toEqual({ status: 'holds', margin: 1 });
    expect(worstVerdict([{ status: 'holds' }, { status: 'inconclusive', detail: 'a' }]).status).toBe('inconclusive');
    expect(worstVerdict([
      { status: 'violated', detail: 'k=1' }, { status: 'inconclusive', detail: 'x' }, { status: 'violated', detail: 'k=2' },
    ])).toEqual({ status: 'violated', detail: 'k=1' });
  });
});

describe('compareNonsingular (scale-free rank test)', () => {
  it('a singular map is violated even though σ_min/σ_max is far below the absolute floor of compareGe', () => {
    expect(compareNonsingular(0, ctx).status).toBe('violated');
    expect(compareNonsingular(1e-16, ctx).status).toBe('violated');
    // the bug this guards against: compareGe(0, 1e-10) holds because its slack is rtol·max(1, …) = 1e-9
    expect(compareGe(0, 1e-10, ctx).status).toBe('holds');
  });
  it('clear ranks hold; the gap between roundoff and rtol is inconclusive; NaN is inconclusive', () => {
    expect(compareNonsingular(0.1, ctx).status).toBe('holds');
    expect(compareNonsingular(1e-11, ctx).status).toBe('inconclusive');
    expect(compareNonsingular(Number.NaN, ctx).status).toBe('inconclusive');
  });
});
