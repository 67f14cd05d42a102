/** ZLY's activation layer: fused kernels vs smooth.ts, Assumption 1 constants vs the mathjs symbolic oracle, 𝕃 (22). */
import { describe, expect, it } from 'vitest';
import {
  assumption1, curvatureBound, sigma, sigmaAndSlopeInto, sigmaInto, sigmaPrime, ZLY_ACTIVATIONS,
} from '../../../../src/papers/zly/problem/activation.ts';
import { smoothSigma, smoothSigmaPrime } from '../../../../src/models/activations/smooth.ts';
import { symbolicAssumption1, symbolicCurvature } from '../../../../src/papers/zly/theory/assumption1.ts';

const grid = Float64Array.from({ length: 2001 }, (_, i) => -50 + i * 0.05).map((x) => x + 1e-3);
const extremes = Float64Array.from([-800, -745, -40, -1e-300, 0, 1e-300, 40, 745, 800]);

describe('fused σ, σ′ kernels', () => {
  for (const act of ZLY_ACTIVATIONS) {
    it(`${act}: σ bit-identical to smooth.ts, σ′ within 1e-15 absolute`, () => {
      for (const u of [grid, extremes]) {
        const s = new Float64Array(u.length), ds = new Float64Array(u.length), s2 = new Float64Array(u.length);
        sigmaAndSlopeInto(act, u, s, ds);
        sigmaInto(act, u, s2);
        for (let i = 0; i < u.length; i++) {
          expect(s[i]).toBe(smoothSigma({ kind: act }, u[i]));
          expect(s2[i]).toBe(s[i]);
          expect(Math.abs(ds[i] - smoothSigmaPrime({ kind: act }, u[i]))).toBeLessThanOrEqual(1e-15);
          expect(Number.isFinite(ds[i])).toBe(true);
        }
      }
    });
  }

  it('scalar forms delegate to smooth.ts', () => {
    expect(sigma('tanh', 0.3)).toBe(Math.tanh(0.3));
    expect(sigmaPrime('sigmoid', 0)).toBe(0.25);
  });
});

describe('Assumption 1 constants against the mathjs symbolic oracle', () => {
  for (const act of ZLY_ACTIVATIONS) {
    it(act, () => {
      const sym = symbolicAssumption1(act);
      const k = assumption1(act);
      expect(Math.abs(sym.L0 - k.L0)).toBeLessThanOrEqual(1e-15);
      expect(Math.abs(sym.L1 - k.L1)).toBeLessThanOrEqual(1e-15);
      expect(Math.abs(sym.L2 - k.L2) / k.L2).toBeLessThanOrEqual(1e-13);
      expect(sym.argL1).toBe(0);
      const expectArg = act === 'sigmoid' ? Math.log(2 + Math.sqrt(3)) : Math.atanh(1 / Math.sqrt(3));
      expect(Math.abs(Math.abs(sym.argL2) - expectArg)).toBeLessThan(1e-9);
      expect(sym.stationary2.map(Math.abs).every((u) => Math.abs(u - expectArg) < 1e-9)).toBe(true);
    });
  }
});

describe('𝕃 of (22) bounds sup_u |f_c″| (Lemma 9)', () => {
  for (const act of ZLY_ACTIVATIONS) {
    it(act, () => {
      for (const c of [0, 0.3, 1, 2.5, -4]) {
        const exact = symbolicCurvature(act, c).value;
        expect(exact).toBeLessThanOrEqual(curvatureBound(assumption1(act), c));
      }
    });
  }
});
