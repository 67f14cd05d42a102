/** ZLY's activation layer: fused kernels vs smooth.ts, Assumption 1 constants vs the mathjs symbolic oracle, 𝕃 (22). */
import { describe, expect, it } from 'vitest';
import {
  assumption1, curvatureBound, llaGradientInto, sigma, sigmaAndSlopeInto, sigmaInto, sigmaPrime, ZLY_ACTIVATIONS,
} from '../../../../src/papers/zly/problem/activation.ts';
import { inArena } from '../../../../src/linalg/index.ts';
import { smoothSigma, smoothSigmaPrime } from '../../../../src/models/activations/smooth.ts';
import { symbolicAssumption1, symbolicCurvature } from '../../../../src/papers/zly/theory/assumption1.ts';

const grid = Float64Array.from({ length: 2001 }, (_, i) => -50 + i * 0.05).map((x) => x + 1e-3);
const extremes = Float64Array.from([-800, -745, -40, -1e-300, 0, 1e-300, 40, 745, 800]);

describe('σ, σ′ array kernels', () => {
  for (const act of ZLY_ACTIVATIONS) {
    it(`${act}: the SIMD and JS paths and all three kernels give the same σ bits; smooth.ts to rounding`, () => {
      for (const src of [grid, extremes]) {
        const len = src.length;
        const [u, s, ds, g, scratch] = inArena((alloc) => [alloc(len), alloc(len), alloc(len), alloc(len), alloc(len)]);
        u.set(src);
        sigmaAndSlopeInto(act, u, s, ds);
        const hs = new Float64Array(len), hds = new Float64Array(len), plain = new Float64Array(len), viaScratch = new Float64Array(len);
        sigmaAndSlopeInto(act, Float64Array.from(src), hs, hds);
        sigmaInto(act, Float64Array.from(src), plain);
        sigmaInto(act, u, viaScratch, len, scratch);
        expect(Array.from(hs)).toEqual(Array.from(s));
        expect(Array.from(hds)).toEqual(Array.from(ds));
        expect(Array.from(plain)).toEqual(Array.from(s));
        expect(Array.from(viaScratch)).toEqual(Array.from(s));
        // the LLA gradient with v = l = 0 is σ·σ′, from the same bits
        llaGradientInto(act, u, new Float64Array(len), new Float64Array(len), 1, g, len, scratch);
        for (let i = 0; i < len; i++) expect(g[i] === s[i] * ds[i], `g(${u[i]})`).toBe(true);
        for (let i = 0; i < len; i++) {
          const ref = smoothSigma({ kind: act }, u[i]), dref = smoothSigmaPrime({ kind: act }, u[i]);
          expect(Math.abs(s[i] - ref), `σ(${u[i]})`).toBeLessThanOrEqual(4e-16 * Math.max(Math.abs(ref), 1e-300) + 2e-16 * (act === 'tanh' ? 1 : 0) + 1e-307);
          expect(Math.abs(ds[i] - dref), `σ′(${u[i]})`).toBeLessThanOrEqual(1e-15 * Math.max(dref, 1e-300) + 2e-307); // 4e^{−708}: the clamp of simdExp.ts
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
