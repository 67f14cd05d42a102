import { describe, it, expect } from 'vitest';
import { applyScaler, fitScaler, invertScaler, prepareData, sliceRows, splitPoint } from '../../src/models/dataset.ts';
import { expectClose } from '../helpers/assert.ts';
import type { Data } from '../../src/papers/wzc/problem/types.ts';

function ramp(T: number, n: number, m: number): Data {
  return {
    dims: { T, n, m, r: 2 },
    X: Float64Array.from({ length: T * n }, (_, i) => i * 0.5 + 1),
    Y: Float64Array.from({ length: T * m }, (_, i) => (i % 3) - 4),
  };
}

describe('9:1 split (§5.1)', () => {
  it('gives the paper\'s 393/44 for S&P and 9/1, 450/50 for the synthetic sets', () => {
    expect(splitPoint(437)).toBe(393);
    expect(splitPoint(10)).toBe(9);
    expect(splitPoint(500)).toBe(450);
    expect(splitPoint(2)).toBe(1);
    expect(splitPoint(1)).toBe(1);
    expect(splitPoint(5, 1)).toBe(5);
    expect(() => splitPoint(5, 0)).toThrow();
  });

  it('keeps time order: train is the first T1 rows', () => {
    const d = ramp(10, 2, 1);
    const p = prepareData(d, { trainFraction: 0.9 });
    expect([p.T1, p.T2, p.train.dims.T]).toEqual([9, 1, 9]);
    expect(Array.from(p.train.X)).toEqual(Array.from(d.X.slice(0, 18)));
    expect(Array.from(sliceRows(d, 9, 10).Y)).toEqual([d.Y[9]]);
    const none = prepareData(d);
    expect([none.T1, none.T2]).toEqual([10, 0]);
    expect(none.train).toBe(d);
  });
});

describe('standardization', () => {
  it('train rows get zero mean, unit variance; constant columns become 0, not NaN', () => {
    const T = 20, n = 3;
    const X = new Float64Array(T * n);
    for (let t = 0; t < T; t++) { X[t * n] = t * t; X[t * n + 1] = 7; X[t * n + 2] = -3 + 0.1 * t; }
    const data: Data = { dims: { T, n, m: 1, r: 1 }, X, Y: Float64Array.from({ length: T }, (_, t) => 2 * t) };
    const p = prepareData(data, { trainFraction: 0.9, standardize: true });
    const T1 = p.T1;
    for (let j = 0; j < n; j++) {
      let s = 0, ss = 0;
      for (let t = 0; t < T1; t++) { s += p.full.X[t * n + j]; ss += p.full.X[t * n + j] ** 2; }
      // sums of 18 O(1) values: cancellation leaves ~1e-15
      expect(Math.abs(s / T1)).toBeLessThan(1e-12);
      expect(Math.abs(ss / T1 - (j === 1 ? 0 : 1))).toBeLessThan(1e-12);
    }
    expect(p.full.X.every(Number.isFinite)).toBe(true);
    // the test rows use the train statistics (no leakage): y_20 = 38 maps with train mean 17, sd of 0..34
    const sd = Math.sqrt(Array.from({ length: T1 }, (_, t) => (2 * t - 17) ** 2).reduce((a, b) => a + b) / T1);
    expect(p.full.Y[19]).toBeCloseTo((38 - 17) / sd, 12);
  });

  it('invertScaler undoes applyScaler', () => {
    const M = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i) * 10 + i);
    const s = fitScaler(M, 3, 4);
    expectClose(invertScaler(applyScaler(M, 3, s), 3, s), M, 1e-13);
  });
});
