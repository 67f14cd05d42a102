import { describe, expect, it } from 'vitest';
import type { Dims } from '../../../../src/papers/wzc/problem/types.ts';
import { directionalDerivative, isDStationary, minDirectionalDerivative } from '../../../../src/papers/wzc/theory/directional.ts';
import { blockDot, gradLSmooth } from '../../../../src/papers/wzc/theory/gradient.ts';
import { augmentedLagrangian } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import {
  ACTIVATIONS, Lat, oneSidedFD, randomDirection, randomIterate, randomMult, randomProblem, stationaryPoint,
} from '../../../helpers/theory.ts';

const dims: Dims = { T: 4, n: 2, m: 2, r: 3 };
const KINKS = [0, 2, 5, 9, 11];

function unit(d: ReturnType<typeof randomDirection>) {
  const n = Math.sqrt(blockDot(d, d));
  for (const v of [d.z.W, d.z.V, d.z.b, d.z.A, d.z.c, d.h, d.u]) for (let i = 0; i < v.length; i++) v[i] /= n;
  return d;
}

describe("L'(s; d) vs one-sided finite differences", () => {
  for (const act of ACTIVATIONS) {
    for (const kinks of [[], KINKS]) {
      it(`${act.kind}, ${kinks.length} kinks`, () => {
        const prob = randomProblem(100 + kinks.length, dims, act);
        const s = randomIterate(dims, 101, kinks);
        const mult = randomMult(dims, 102);
        for (let k = 0; k < 8; k++) {
          const d = randomDirection(dims, 200 + k);
          const exact = directionalDerivative(prob, s, mult, 0.9, d);
          const fd = oneSidedFD(prob, s, mult, 0.9, d);
          // Richardson-extrapolated one-sided quotient, t = 1e-4, |d| ~ 6: error O(t²|d|³L''') ≲ 1e-6
          expect(Math.abs(exact - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
        }
      });
    }
  }
});

describe("plain one-sided quotients (L(s+td) − L(s))/t converge to L'(s; d) at rate O(t)", () => {
  for (const act of ACTIVATIONS.slice(0, 2)) {
    it(`${act.kind} at kinks`, () => {
      const prob = randomProblem(150, dims, act);
      const s = randomIterate(dims, 151, KINKS);
      const mult = randomMult(dims, 152);
      const d = randomDirection(dims, 153);
      const exact = directionalDerivative(prob, s, mult, 1.3, d);
      const L0 = augmentedLagrangian(prob, s, mult, 1.3);
      const errs = [1e-2, 1e-3, 1e-4, 1e-5].map((t) => Math.abs((Lat(prob, s, mult, 1.3, t, d) - L0) / t - exact));
      // piecewise-smooth along the ray (no kink crossed for t < 0.05/|d|∞): error ≈ c·t, so each 10× step cuts it ~10×
      for (let k = 1; k < errs.length; k++) expect(errs[k]).toBeLessThan(errs[k - 1] / 5);
      expect(errs[3]).toBeLessThan(1e-2); // c ≈ ½d'∇²L d ~ 1e2 for |d|² ~ 70
    });
  }
});

describe('minDirectionalDerivative: exact inf over the unit ball', () => {
  it('equals −‖∇L‖ at smooth points', () => {
    const prob = randomProblem(5, dims, ACTIVATIONS[0]);
    const s = randomIterate(dims, 6);
    const mult = randomMult(dims, 7);
    const g = gradLSmooth(prob, s, mult, 1.1);
    const m = minDirectionalDerivative(prob, s, mult, 1.1);
    expect(m.value).toBeCloseTo(-Math.sqrt(blockDot(g, g)), 10);
    expect(m.kinkCount).toBe(0);
  });

  for (const act of ACTIVATIONS.slice(0, 2)) {
    it(`${act.kind}: attained by the returned unit direction, not beaten by 2000 random unit directions`, () => {
      const prob = randomProblem(8, dims, act);
      const s = randomIterate(dims, 9, KINKS);
      const mult = randomMult(dims, 10, 2);
      const m = minDirectionalDerivative(prob, s, mult, 0.8);
      expect(m.kinkCount).toBe(KINKS.length);
      expect(blockDot(m.direction, m.direction)).toBeCloseTo(1, 12);
      expect(directionalDerivative(prob, s, mult, 0.8, m.direction)).toBeCloseTo(m.value, 10);
      for (let k = 0; k < 2000; k++) {
        const d = unit(randomDirection(dims, 1000 + k));
        expect(directionalDerivative(prob, s, mult, 0.8, d)).toBeGreaterThanOrEqual(m.value - 1e-12);
      }
      // and the direction is a real descent direction of L
      const L0 = augmentedLagrangian(prob, s, mult, 0.8);
      expect(Lat(prob, s, mult, 0.8, 1e-6, m.direction) - L0).toBeLessThan(0);
    });
  }

  it('ReLU at a single kink: inf over the sphere of L\'(s;(0,0,d_u)) restricted to that coordinate', () => {
    // brute force in 1-D: the u_i-part alone contributes min(right, −left, 0) on unit ±e_i
    const prob = randomProblem(12, dims, ACTIVATIONS[0]);
    const s = randomIterate(dims, 13, [3]);
    const mult = randomMult(dims, 14);
    const plus = randomDirection(dims, 0), minus = randomDirection(dims, 0);
    for (const v of [plus, minus]) for (const a of [v.z.W, v.z.V, v.z.b, v.z.A, v.z.c, v.h, v.u]) a.fill(0);
    plus.u[3] = 1; minus.u[3] = -1;
    const dp = oneSidedFD(prob, s, mult, 1, plus), dm = oneSidedFD(prob, s, mult, 1, minus);
    expect(directionalDerivative(prob, s, mult, 1, plus)).toBeCloseTo(dp, 6);
    expect(directionalDerivative(prob, s, mult, 1, minus)).toBeCloseTo(dm, 6);
  });
});

describe('isDStationary at constructed stationary points', () => {
  for (const act of ACTIVATIONS) {
    for (const gamma of [0.5, 4]) {
      it(`${act.kind}, γ=${gamma}`, () => {
        let sawConvex = false, sawConcave = false;
        for (let seed = 1; seed <= 6; seed++) {
          const prob = randomProblem(300 + seed, dims, act);
          const first = stationaryPoint(prob, 400 + seed, gamma, KINKS);
          // κ does not depend on u in this construction, so keeping only the convex kinks gives a d-stationary point
          const conv = stationaryPoint(prob, 400 + seed, gamma, first.convexKinks);
          expect(conv.concaveKinks).toEqual([]);
          const st = isDStationary(prob, conv.s, conv.mult, gamma);
          expect(st.stationary).toBe(true);
          expect(st.violation).toBeLessThan(1e-12 * st.scale);
          expect(minDirectionalDerivative(prob, conv.s, conv.mult, gamma).value).toBeGreaterThan(-1e-12);
          if (first.concaveKinks.length > 0) {
            // at a concave kink only limiting stationarity holds; both one-sided slopes cannot be of the right sign
            const { s, mult } = first;
            const md = minDirectionalDerivative(prob, s, mult, gamma);
            expect(isDStationary(prob, s, mult, gamma).stationary).toBe(false);
            expect(md.concaveKinkCount).toBe(first.concaveKinks.length);
            const L0 = augmentedLagrangian(prob, s, mult, gamma);
            expect(Lat(prob, s, mult, gamma, 1e-5, md.direction)).toBeLessThan(L0);
          }
          sawConvex ||= conv.convexKinks.length > 0;
          sawConcave ||= first.concaveKinks.length > 0;
        }
        if (act.kind !== 'elu') expect(sawConvex && sawConcave).toBe(true);
      });
    }
  }

  it('a random point is not d-stationary', () => {
    const prob = randomProblem(1, dims, ACTIVATIONS[0]);
    expect(isDStationary(prob, randomIterate(dims, 2, KINKS), randomMult(dims, 3), 1).stationary).toBe(false);
  });
});
