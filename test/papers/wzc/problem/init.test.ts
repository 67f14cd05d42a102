import { describe, it, expect } from 'vitest';
import { INIT_SCHEMES, initStd, initWeights, isInitScheme } from '../../../../src/papers/wzc/problem/init.ts';

function stats(a: Float64Array): { mean: number; sd: number; maxAbs: number } {
  let s = 0, ss = 0, mx = 0;
  for (const v of a) { s += v; ss += v * v; mx = Math.max(mx, Math.abs(v)); }
  const mean = s / a.length;
  return { mean, sd: Math.sqrt(ss / a.length - mean * mean), maxAbs: mx };
}

describe('initializations of §5.4', () => {
  const d = { T: 1, n: 150, m: 60, r: 200 };

  it('He, Glorot, LeCun and the two normals have the documented variances', () => {
    const expected: Record<string, [number, number, number]> = {
      // [std W (fan_in r, fan_out r), std V (fan_in n, fan_out r), std A (fan_in r, fan_out m)]
      he: [Math.sqrt(2 / 200), Math.sqrt(2 / 150), Math.sqrt(2 / 200)],
      glorot: [Math.sqrt(2 / 400), Math.sqrt(2 / 350), Math.sqrt(2 / 260)],
      lecun: [Math.sqrt(1 / 200), Math.sqrt(1 / 150), Math.sqrt(1 / 200)],
      'normal-1e-3': [1e-3, 1e-3, 1e-3],
      'normal-1e-1': [1e-1, 1e-1, 1e-1],
    };
    for (const scheme of INIT_SCHEMES) {
      const z = initWeights(d, scheme, 5);
      const [sw, sv, sa] = expected[scheme];
      expect(initStd(scheme, 200, 200)).toBeCloseTo(sw, 15);
      // ≥ 12,000 draws per matrix: the sample std is within 3% of the true one (≈ 10 standard errors).
      for (const [a, s] of [[z.W, sw], [z.V, sv], [z.A, sa]] as const) {
        const st = stats(a);
        expect(Math.abs(st.sd / s - 1)).toBeLessThan(0.03);
        expect(Math.abs(st.mean)).toBeLessThan(0.05 * s);
      }
      expect(z.b.every((v) => v === 0) && z.c.every((v) => v === 0)).toBe(true);
    }
  });

  it('Glorot is uniform on ±√(6/(fan_in+fan_out))', () => {
    const z = initWeights(d, 'glorot', 9);
    const lim = Math.sqrt(6 / 400);
    const st = stats(z.W);
    expect(st.maxAbs).toBeLessThanOrEqual(lim);
    expect(st.maxAbs).toBeGreaterThan(0.99 * lim);
  });

  it('is a pure function of the seed, with the right shapes', () => {
    const small = { T: 3, n: 2, m: 4, r: 3 };
    const a = initWeights(small, 'he', 1), b = initWeights(small, 'he', 1), c = initWeights(small, 'he', 2);
    expect(Array.from(a.W)).toEqual(Array.from(b.W));
    expect(Array.from(a.W)).not.toEqual(Array.from(c.W));
    expect([a.W.length, a.V.length, a.b.length, a.A.length, a.c.length]).toEqual([9, 6, 3, 12, 4]);
  });

  it('recognizes scheme names', () => {
    expect(isInitScheme('lecun')).toBe(true);
    expect(isInitScheme('xavier')).toBe(false);
  });
});
