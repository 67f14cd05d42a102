import { describe, expect, it } from 'vitest';
import { kolmogorovQ, ksTwoSample } from '../../src/engine/ks.ts';

const seq = (n: number, shift: number): number[] => Array.from({ length: n }, (_, i) => i / n + shift);

describe("Kolmogorov's limiting distribution", () => {
  // Reference values: scipy.stats.kstwobign.sf(λ); both series branches (λ < 1 and λ ≥ 1) are covered.
  it.each([
    [0.3, 0.9999906941986655],
    [0.5, 0.9639452436648751],
    [0.9, 0.3927307079406543],
    [1.0, 0.26999967167735456],
    [1.5, 0.022217962616525127],
    [2.5, 7.453306344157342e-6],
  ])('Q(%f)', (lambda, want) => {
    expect(Math.abs(kolmogorovQ(lambda) - want)).toBeLessThan(1e-12 + 1e-10 * want);
  });
  it('Q(0) = 1 and Q falls to 0', () => {
    expect(kolmogorovQ(0)).toBe(1);
    expect(kolmogorovQ(10)).toBeLessThan(1e-80);
  });
});

describe('two-sample KS test', () => {
  // Reference: scipy.stats.ks_2samp(a, b).statistic and kstwobign.sf(√(n_a n_b/(n_a+n_b)) · D).
  it.each([
    ['interleaved', [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], [0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1.05, 1.15], 0.4444444444444444, 0.3728112843797194],
    ['with ties', [1, 1, 2, 2, 3, 3, 3, 4], [2, 2, 3, 4, 4, 5, 5, 5, 6], 0.5416666666666666, 0.16650580033874085],
    ['shifted grids', seq(300, 0), seq(400, 0.1), 0.10333333333333333, 0.051415160892209974],
    ['nearly equal', seq(30, 0), seq(40, 0.02), 0.05, 0.9999999999961865],
  ])('%s', (_what, a, b, d, p) => {
    const r = ksTwoSample(a, b);
    expect(Math.abs(r.d - d)).toBeLessThan(1e-12);
    expect(Math.abs(r.p - p)).toBeLessThan(1e-10);
    expect([r.na, r.nb]).toEqual([a.length, b.length]);
  });
  it('identical samples: D = 0, p = 1; disjoint samples: D = 1', () => {
    expect(ksTwoSample([1, 2, 3], [1, 2, 3])).toMatchObject({ d: 0, p: 1 });
    expect(ksTwoSample(seq(50, 0), seq(50, 5)).d).toBe(1);
    expect(ksTwoSample([], [1])).toMatchObject({ d: 0, p: 1 });
  });
});
