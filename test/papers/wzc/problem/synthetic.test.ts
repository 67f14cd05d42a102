import { describe, it, expect } from 'vitest';
import { SingularValueDecomposition } from 'ml-matrix';
import { generateSetting, generateSynthetic, spectralNorm, SYNTHETIC_DIMS } from '../../../../src/papers/wzc/problem/synthetic.ts';
import { paramCounts } from '../../../../src/papers/wzc/problem/types.ts';
import { fromFlat, expectClose } from '../../../helpers/assert.ts';
import { mulberry32 } from '../../../helpers/rng.ts';

function sigmaMax(a: Float64Array, rows: number, cols: number): number {
  return new SingularValueDecomposition(fromFlat(a, rows, cols), { autoTranspose: true }).diagonal[0];
}

describe('synthetic teacher (§5.1)', () => {
  it('T=500 sizes reproduce the paper\'s N_w ≈ 1.81e4 and N_a ≈ 3.03e3', () => {
    expect(paramCounts(SYNTHETIC_DIMS['synthetic-T500'])).toEqual({ Nw: 18_100, Na: 3_030 });
    expect(SYNTHETIC_DIMS['synthetic-T10'].T).toBe(10);
    expect(SYNTHETIC_DIMS['synthetic-T500'].T).toBe(500);
  });

  it('is a pure function of the seed', () => {
    const a = generateSetting('synthetic-T10', 7);
    const b = generateSetting('synthetic-T10', 7);
    const c = generateSetting('synthetic-T10', 8);
    expect(Array.from(a.data.Y)).toEqual(Array.from(b.data.Y));
    expect(Array.from(a.data.X)).toEqual(Array.from(b.data.X));
    expect(Array.from(a.data.Y)).not.toEqual(Array.from(c.data.Y));
  });

  it('y_t = Â σ(Ŵ h_{t−1} + V̂ x_t + b̂) + ĉ + ẽ_t, recomputed naively', () => {
    const d = { T: 6, n: 3, m: 2, r: 4 };
    const s = generateSynthetic(d, { seed: 3 });
    const { W, V, b, A, c } = s.teacher;
    let h = new Array(d.r).fill(0);
    const Y: number[] = [];
    for (let t = 0; t < d.T; t++) {
      const hn = new Array(d.r).fill(0);
      for (let i = 0; i < d.r; i++) {
        let u = b[i];
        for (let k = 0; k < d.r; k++) u += W[i * d.r + k] * h[k];
        for (let k = 0; k < d.n; k++) u += V[i * d.n + k] * s.data.X[t * d.n + k];
        hn[i] = Math.max(0, u);
      }
      h = hn;
      for (let j = 0; j < d.m; j++) {
        let y = c[j] + s.noise[t * d.m + j];
        for (let k = 0; k < d.r; k++) y += A[j * d.r + k] * h[k];
        Y.push(y);
      }
    }
    // Same arithmetic in a different summation order: agreement to a few ulps of O(1) values.
    expectClose(s.data.Y, Y, 1e-12);
  });

  it('scales Ŵ to spectral norm 0.9 (< 1: the recursion is a contraction)', () => {
    for (const seed of [1, 2, 3]) {
      const s = generateSynthetic({ T: 4, n: 5, m: 3, r: 30 }, { seed });
      // power iteration converged to 1e-14 relative; SVD is exact to ~1e-15
      expect(Math.abs(sigmaMax(s.teacher.W, 30, 30) - 0.9)).toBeLessThan(1e-9);
    }
  });

  it('spectralNorm agrees with an SVD on random rectangular matrices', () => {
    const u = mulberry32(11);
    for (const [rows, cols] of [[7, 3], [3, 7], [12, 12], [1, 5]]) {
      const a = Float64Array.from({ length: rows * cols }, () => u() * 2 - 1);
      expect(Math.abs(spectralNorm(a, rows, cols) - sigmaMax(a, rows, cols))).toBeLessThan(1e-9);
    }
    expect(spectralNorm(new Float64Array(9), 3, 3)).toBe(0);
  });

  it('stays bounded over the long T=500 sequence and the noise has the documented scale', () => {
    const s = generateSetting('synthetic-T500', 1);
    let maxH = 0;
    for (const v of s.hTeacher) maxH = Math.max(maxH, Math.abs(v));
    expect(Number.isFinite(maxH)).toBe(true);
    expect(maxH).toBeLessThan(50);
    let ss = 0;
    for (const e of s.noise) ss += e * e;
    const sd = Math.sqrt(ss / s.noise.length);
    // 15,000 draws: the sample std is within ~1% of 0.1 with overwhelming probability.
    expect(Math.abs(sd - 0.1)).toBeLessThan(0.005);
  });

  it('rejects non-positive dimensions', () => {
    expect(() => generateSynthetic({ T: 0, n: 1, m: 1, r: 1 }, { seed: 1 })).toThrow(/T must be/);
  });
});
