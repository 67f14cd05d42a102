import { describe, it, expect } from 'vitest';
import { OracleError } from '../../../src/engine/attribution.ts';
import { bruteGlobalMin1D } from '../../../src/engine/oracles/brute1d.ts';
import { mulberry32 } from '../../helpers/rng.ts';

/** Newton on g' for a smooth local minimum (reference values independent of the oracle). */
function newton(d1: (x: number) => number, d2: (x: number) => number, x0: number): number {
  let x = x0;
  for (let i = 0; i < 100; i++) x -= d1(x) / d2(x);
  return x;
}

describe('bruteGlobalMin1D', () => {
  it('smooth quadratic: argmin to Brent accuracy, min to ε', () => {
    const r = bruteGlobalMin1D((x) => (x - 0.3) ** 2 + 2, -1, 1);
    // Brent's stopping rule is √ε·|x| + t in x; at a smooth minimum that is O(ε) in f.
    expect(Math.abs(r.argmin - 0.3)).toBeLessThan(1e-7);
    expect(r.min - 2).toBeLessThan(1e-14);
    expect(r.evaluations).toBeGreaterThan(20_000);
  });

  it('a kink at a non-grid point and at 0 (symmetric interval samples 0 exactly)', () => {
    const r = bruteGlobalMin1D((x) => Math.abs(x - 0.1234567) + 1, -3, 3);
    // Brent stops at √ε·|x| ≈ 1.8e-9 here; at a kink the f error is the same order (slope 1).
    expect(Math.abs(r.argmin - 0.1234567)).toBeLessThan(1e-8);
    const z = bruteGlobalMin1D((x) => 5 * Math.abs(x), -3, 3);
    expect(z.argmin).toBe(0);
    expect(z.min).toBe(0);
  });

  it('tilted double well: picks the deeper well, not the nearer/wider one', () => {
    // f = (x² − 1)² + 0.3x: wells near ±1, the left one deeper by ≈ 0.6.
    const f = (x: number) => (x * x - 1) ** 2 + 0.3 * x;
    const xs = newton((x) => 4 * x ** 3 - 4 * x + 0.3, (x) => 12 * x * x - 4, -1);
    const r = bruteGlobalMin1D(f, -2, 2.5);
    expect(Math.abs(r.argmin - xs)).toBeLessThan(1e-7);
    expect(r.min).toBeLessThanOrEqual(f(xs) + 1e-15);
  });

  it('many local minima: matches a 10⁶-point reference grid', () => {
    const rand = mulberry32(0xb1d);
    for (let k = 0; k < 20; k++) {
      const w = 20 + 60 * rand();
      const c = rand();
      const f = (x: number) => Math.sin(w * x + c) + 0.05 * (x - 0.7) ** 2;
      let ref = Infinity;
      for (let i = 0; i <= 1_000_000; i++) ref = Math.min(ref, f(-5 + 1e-5 * i));
      const r = bruteGlobalMin1D(f, -5, 5);
      // The reference grid itself is within f''·h²/8 ≈ 80²·1e-10/8 ≈ 1e-7 of the true minimum.
      expect(r.min).toBeLessThanOrEqual(ref + 1e-12);
      expect(r.min).toBeGreaterThan(ref - 1e-6);
    }
  });

  it('endpoint minima, NaN regions, degenerate and invalid intervals', () => {
    expect(bruteGlobalMin1D((x) => x, 2, 5).argmin).toBe(2);
    expect(bruteGlobalMin1D((x) => -x, 2, 5).argmin).toBe(5);
    const r = bruteGlobalMin1D((x) => (x < 0 ? NaN : (x - 1) ** 2), -4, 4);
    expect(Math.abs(r.argmin - 1)).toBeLessThan(1e-7);
    expect(bruteGlobalMin1D((x) => x * x, 3, 3)).toEqual({ argmin: 3, min: 9, evaluations: 1 });
    // an oracle: its input errors surface as OracleError (an engine error), with the RangeError as the cause
    expect(() => bruteGlobalMin1D((x) => x, 1, 0)).toThrow(OracleError);
    expect(() => bruteGlobalMin1D((x) => x, 1, 0)).toThrow(/RangeError: bruteGlobalMin1D: need finite lo ≤ hi/);
    expect(() => bruteGlobalMin1D((x) => x, 0, Infinity)).toThrow(OracleError);
  });

  it('honours the cells option', () => {
    const r = bruteGlobalMin1D((x) => (x - 0.25) ** 2, 0, 1, { cells: 10, refine: 1 });
    expect(Math.abs(r.argmin - 0.25)).toBeLessThan(1e-7);
    expect(r.evaluations).toBeLessThan(200);
  });
});
