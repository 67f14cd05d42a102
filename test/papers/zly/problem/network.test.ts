/** The network Φ of (5): forward pass (= initialization (7)), MSE, target variance, demo data and default init. */
import { describe, expect, it } from 'vitest';
import { forwardPass, mse, targetVariance, trainingMse } from '../../../../src/papers/zly/problem/network.ts';
import { zlyDemoData, zlyDefaultInit } from '../../../../src/papers/zly/problem/demo.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { initFor, randomProblem } from '../../../helpers/zly.ts';

describe('forward pass', () => {
  it('computes V_i = σ(W_iV_{i−1}), V_N = W_NV_{N−1} sample by sample', () => {
    const prob = randomProblem(2, [3, 4, 2, 2], 5, 'tanh');
    const W = initFor(prob, 7);
    const V = forwardPass(prob.dims, prob.X, W, prob.activation);
    const { d, n } = prob.dims;
    for (let j = 0; j < n; j++) {
      let x = Array.from({ length: d[0] }, (_, r) => prob.X[r * n + j]);
      for (let i = 1; i <= 3; i++) {
        const y = Array.from({ length: d[i] }, (_, r) => {
          let s = 0;
          for (let c = 0; c < d[i - 1]; c++) s += W[i - 1][r * d[i - 1] + c] * x[c];
          return i < 3 ? Math.tanh(s) : s;
        });
        expectClose(y, Array.from({ length: d[i] }, (_, r) => V[i - 1][r * n + j]), 1e-14);
        x = y;
      }
    }
    expect(trainingMse(prob.dims, prob.X, prob.Y, W, prob.activation)).toBe(mse(V[2], prob.Y));
  });

  it('target variance is the MSE of the per-output mean', () => {
    const Y = Float64Array.from([1, 2, 3, 4, 10, 10, 10, 10]);
    expect(targetVariance({ n: 4, d: [1, 1, 2] }, Y)).toBeCloseTo((2.25 + 0.25 + 0.25 + 2.25) / 8, 15);
  });
});

describe('demo data and default initialization', () => {
  it('square: x uniform in [−1, 1], y = x²; product: y = x₁x₂ on [−1, 1]²', () => {
    const sq = zlyDemoData('square', 1);
    expect(sq.d0).toBe(1);
    expect(sq.n).toBe(1000);
    for (let j = 0; j < 1000; j++) {
      expect(Math.abs(sq.X[j])).toBeLessThanOrEqual(1);
      expect(sq.Y[j]).toBe(sq.X[j] * sq.X[j]);
    }
    const pr = zlyDemoData('product', 1, 300);
    for (let j = 0; j < 300; j++) expect(pr.Y[j]).toBe(pr.X[j] * pr.X[300 + j]);
    const mean = pr.X.reduce((s, x) => s + x, 0) / pr.X.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
  });

  it('is a function of the seed', () => {
    expect(zlyDemoData('product', 5, 20)).toEqual(zlyDemoData('product', 5, 20));
    expect(zlyDemoData('product', 5, 20).X).not.toEqual(zlyDemoData('product', 6, 20).X);
    const dims = { n: 10, d: [2, 50, 40, 1] };
    expect(zlyDefaultInit(dims, 1)).toEqual(zlyDefaultInit(dims, 1));
  });

  it('default init has shapes d_i×d_{i−1} and entry variance ≈ 1/d_{i−1}', () => {
    const dims = { n: 10, d: [2, 200, 100, 1] };
    const W = zlyDefaultInit(dims, 3);
    expect(W.map((w) => w.length)).toEqual([400, 20000, 100]);
    const v = (w: Float64Array) => w.reduce((s, x) => s + x * x, 0) / w.length;
    expect(v(W[1]) * 200).toBeGreaterThan(0.9);
    expect(v(W[1]) * 200).toBeLessThan(1.1);
  });
});
