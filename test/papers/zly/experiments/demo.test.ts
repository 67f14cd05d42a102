/**
 * The demo reproduction on a small configuration: the ridge baseline is the least-squares fit it claims to be, both
 * LLA rules run, and the chart renders.
 */
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../../../src/core/rng.ts';
import { demoChart, ridgeMse, runDemo } from '../../../../src/papers/zly/experiments/demo.ts';
import { renderVegaLiteSvg } from '../../../../src/report/vega.ts';

describe('ZLY demo reproduction', () => {
  it('ridgeMse is the training MSE of the ridge fit (normal equations hold; λ → 0 recovers an exact fit)', () => {
    const g = gaussian(mulberry32(3));
    const m = 4, n = 9;
    const F = Float64Array.from({ length: m * n }, g);
    const w = [0.5, -1, 2, 0.25];
    const Y = Float64Array.from({ length: n }, (_, j) => w.reduce((s, wa, a) => s + wa * F[a * n + j], 0));
    expect(ridgeMse(F, m, n, Y, 1e-12)).toBeLessThan(1e-20);
    const noisy = Y.map((y) => y + 0.1 * g());
    const big = ridgeMse(F, m, n, noisy, 1e6), small = ridgeMse(F, m, n, noisy, 1e-9);
    expect(small).toBeLessThan(big);
    expect(big).toBeLessThanOrEqual(noisy.reduce((s, y) => s + y * y, 0) / n + 1e-12);
  });

  it('runs both LLA rules against the ridge baseline and draws MSE and L̂ per iteration', async () => {
    const r = runDemo({ target: 'product', width: 5, K: 6, seed: 2, n: 60 });
    expect(r.runs.map((x) => x.lla)).toEqual(['paper', 'demo']);
    for (const run of r.runs) {
      expect(run.mseNet).toHaveLength(6);
      expect(run.lyapunov.every(Number.isFinite)).toBe(true);
    }
    expect(r.mseRidge).toBeLessThan(r.varY);
    const svg = await renderVegaLiteSvg(demoChart([r]));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('ridge on V');
  });
});
