import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gridArray, gridValue, hardOrGrid, intervalGrid, positiveArb } from '../../src/engine/arbitraries.ts';

describe('grid arbitraries', () => {
  it('gridValue stays on the grid k/100 inside [−maxAbs, maxAbs] and is not mostly ≈ 0', () => {
    const xs = fc.sample(gridValue(2), { numRuns: 500, seed: 1 });
    for (const x of xs) {
      expect(Math.abs(x)).toBeLessThanOrEqual(2);
      expect(Math.abs(Math.round(x * 100) - x * 100)).toBeLessThan(1e-9);
    }
    expect(xs.filter((x) => Math.abs(x) > 0.1).length / xs.length).toBeGreaterThan(0.5);
  });
  it('gridArray has the asked length; positiveArb is mantissa·10^e > 0', () => {
    for (const a of fc.sample(gridArray(7, 1), { numRuns: 20, seed: 2 })) expect(a).toHaveLength(7);
    for (const p of fc.sample(positiveArb(-3, 2), { numRuns: 200, seed: 3 })) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeGreaterThanOrEqual(1e-3);
      expect(p).toBeLessThanOrEqual(9e2);
    }
  });
  it('intervalGrid covers the open (or half-open) interval on its grid, both ends included', () => {
    const open = fc.sample(intervalGrid(0, 1, 1000), { numRuns: 2000, seed: 4 });
    for (const x of open) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(1);
      expect(Math.abs(x * 1000 - Math.round(x * 1000))).toBeLessThan(1e-9);
    }
    expect(open.some((x) => x < 0.05)).toBe(true);
    expect(open.some((x) => x > 0.95)).toBe(true);
    const closed = fc.sample(intervalGrid(0, 4, 4, true), { numRuns: 200, seed: 5 });
    expect(new Set(closed)).toEqual(new Set([1, 2, 3, 4]));
  });
  it('hardOrGrid draws the hard values and the grid in proportion to their weights', () => {
    const xs = fc.sample(hardOrGrid([-1, -2], intervalGrid(0, 1, 100), 1, 3), { numRuns: 4000, seed: 6 });
    const hard = xs.filter((x) => x < 0).length / xs.length;
    expect(hard).toBeGreaterThan(0.2);
    expect(hard).toBeLessThan(0.3);
    expect(xs).toContain(-1);
    expect(xs).toContain(-2);
  });
});
