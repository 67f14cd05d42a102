import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gridArray, gridValue, positiveArb } from '../../src/engine/arbitraries.ts';

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
});
