import { describe, expect, it } from 'vitest';
import { curvatureBound, curvatureSup } from '../../../../src/papers/tks/problem/curvature.ts';
import { mulberry32 } from '../../../../src/core/rng.ts';

/** sup over a dense grid of t = tanh a ∈ [−1, 1] of (1 − t²)(1 + 2βt − 3t²). */
function denseSup(beta: number): number {
  let m = -Infinity;
  for (let k = 0; k <= 20000; k++) {
    const t = -1 + k / 10000;
    m = Math.max(m, (1 - t * t) * (1 + 2 * beta * t - 3 * t * t));
  }
  return m;
}

/** ∂²/∂a² ½(β − tanh a)² by central differences of the first derivative. */
function secondDerivative(beta: number, a: number): number {
  const d1 = (x: number): number => -(beta - Math.tanh(x)) * (1 - Math.tanh(x) ** 2);
  const h = 1e-5;
  return (d1(a + h) - d1(a - h)) / (2 * h);
}

describe('TKS a-step curvature bound τ(β)', () => {
  it('equals the supremum of the second derivative at grid-free β (critical points by bisection)', () => {
    for (const beta of [-7.3, -2, -1, -0.37, 0, 0.5, 1, 3.14, 9]) expect(curvatureSup(beta)).toBeCloseTo(denseSup(beta), 7);
    expect(curvatureSup(0)).toBeCloseTo(1, 14);
  });
  it('bounds the second derivative everywhere (random β inside and beyond the table, random a)', () => {
    const rnd = mulberry32(5);
    for (let i = 0; i < 2000; i++) {
      const beta = (rnd() - 0.5) * 24, a = (rnd() - 0.5) * 12;
      expect(curvatureBound(beta)).toBeGreaterThanOrEqual(secondDerivative(beta, a) - 1e-6);
      expect(curvatureBound(beta)).toBeGreaterThanOrEqual(curvatureSup(beta));
    }
  });
  it('is tight inside the table (within the grid step) and the crude bound outside', () => {
    const rnd = mulberry32(6);
    for (let i = 0; i < 500; i++) {
      const beta = (rnd() - 0.5) * 16;
      expect(curvatureBound(beta) - curvatureSup(beta)).toBeLessThan(0.05);
    }
    expect(curvatureBound(10)).toBeCloseTo(1 + (4 / (3 * Math.sqrt(3))) * 11, 12);
    expect(curvatureBound(0)).toBeLessThan(1 + 1e-9);
  });
});
