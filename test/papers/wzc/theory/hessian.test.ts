import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Dims, Iterate } from '../../../../src/papers/wzc/problem/types.ts';
import { cloneIterate, paramCounts } from '../../../../src/papers/wzc/problem/types.ts';
import { augmentedLagrangian } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import { packA, packW, unpackA, unpackW } from '../../../../src/models/elman.ts';
import {
  alpha1, alpha1LowerBound, alpha2, alpha2LowerBound, hessianH, hessianZ, jHat, jHatCorrected, lowerBoundL, minEigenvalue,
} from '../../../../src/papers/wzc/theory/hessian.ts';
import { gradLSmooth } from '../../../../src/papers/wzc/theory/gradient.ts';
import { ACTIVATIONS, normals, randomIterate, randomMult, randomProblem, stationaryPoint } from '../../../helpers/theory.ts';

const dims: Dims = { T: 4, n: 2, m: 2, r: 3 };

function zVec(s: Iterate): Float64Array {
  const w = packW(dims, s.z), a = packA(dims, s.z);
  const out = new Float64Array(w.length + a.length);
  out.set(w);
  out.set(a, w.length);
  return out;
}
function withZ(s: Iterate, z: Float64Array): Iterate {
  const o = cloneIterate(s);
  const { Nw } = paramCounts(dims);
  unpackW(dims, z.subarray(0, Nw), o.z);
  unpackA(dims, z.subarray(Nw), o.z);
  return o;
}

/** Hessian by central differences of the independent gradient (exact up to rounding: the gradient is affine in the block). */
function fdHessian(n: number, grad: (v: Float64Array) => Float64Array, x0: Float64Array): Matrix {
  const H = new Matrix(n, n);
  for (let j = 0; j < n; j++) {
    const p = x0.slice(), m = x0.slice();
    p[j] += 1; m[j] -= 1;
    const gp = grad(p), gm = grad(m);
    for (let i = 0; i < n; i++) H.set(i, j, (gp[i] - gm[i]) / 2);
  }
  return H;
}

describe('block Hessians and α1, α2', () => {
  for (const act of ACTIVATIONS) {
    it(`${act.kind}: ∇²_z L = blockdiag(Q̂1, Q̂2), ∇²_h L = blockdiag(D1, …, D1, D2)`, () => {
      const prob = randomProblem(1, dims, act);
      const s = randomIterate(dims, 2);
      const mult = randomMult(dims, 3);
      const gamma = 1.9;
      const z0 = zVec(s);
      const Hz = fdHessian(z0.length, (z) => {
        const g = gradLSmooth(prob, withZ(s, z), mult, gamma);
        return zVec({ ...s, z: g.z });
      }, z0);
      const ref = hessianZ(prob, s, gamma);
      // affine gradient, unit steps: only rounding of O(10) sums remains
      expect(Hz.clone().sub(ref).abs().max()).toBeLessThan(1e-10);
      const Hh = fdHessian(s.h.length, (h) => gradLSmooth(prob, { ...s, h }, mult, gamma).h, s.h);
      expect(Hh.clone().sub(hessianH(prob, s, gamma)).abs().max()).toBeLessThan(1e-10);
      const evd = (M: Matrix) => Math.min(...new EigenvalueDecomposition(M).realEigenvalues);
      expect(alpha1(prob, s, gamma)).toBeCloseTo(evd(Hz), 9);
      expect(alpha2(prob, s, gamma)).toBeCloseTo(evd(Hh), 9);
      expect(alpha1(prob, s, gamma)).toBeGreaterThanOrEqual(alpha1LowerBound(prob) - 1e-12);
      expect(alpha2(prob, s, gamma)).toBeGreaterThanOrEqual(alpha2LowerBound(gamma) - 1e-12);
    });
  }

  it('α2 = γ + (2/T)λ_min(AᵀA) (D1 ⪰ D2)', () => {
    const prob = randomProblem(4, dims, ACTIVATIONS[0]);
    const s = randomIterate(dims, 5);
    const A = new Matrix(Array.from({ length: dims.m }, (_, i) => Array.from(s.z.A.subarray(i * dims.r, (i + 1) * dims.r))));
    expect(alpha2(prob, s, 0.7)).toBeCloseTo(0.7 + (2 / dims.T) * minEigenvalue(A.transpose().mmul(A)), 10);
  });
});

describe('Lemma 3.1 (i): L ≥ −‖ξ‖²/(2γ) − ‖ζ‖²/(2γ)', () => {
  it('holds at 200 random points', () => {
    const prob = randomProblem(6, dims, ACTIVATIONS[1]);
    for (let k = 0; k < 200; k++) {
      const s = randomIterate(dims, 1000 + k);
      const mult = randomMult(dims, 2000 + k, 3);
      const gamma = 0.1 + (k % 7);
      expect(augmentedLagrangian(prob, s, mult, gamma)).toBeGreaterThanOrEqual(lowerBoundL(mult, gamma) - 1e-12);
    }
  });
});

describe('Erratum in (4.7)/(4.8): max{α1/2, α2/2, μ/2} must be min', () => {
  it('algebra: Σ c_i‖Δ_i‖² ≥ max_i c_i‖Δ‖² fails for Δ = (Δz, 0, 0) when α1 < max', () => {
    const [a1, a2, mu] = [0.02, 1, 1e-5];
    const lhs = (a1 / 2) * 1; // ‖Δz‖ = 1, Δh = Δu = 0
    expect(lhs).toBeLessThan(Math.max(a1, a2, mu) / 2);
    expect(lhs).toBeGreaterThanOrEqual(Math.min(a1, a2, mu) / 2);
  });

  it('realized by one BCD sweep (z-, h-, u-block minimizations) from a perturbed stationary point', () => {
    // s* exactly stationary with smooth u (stationaryPoint); start at s⁰ = (z* + v, h*, u*) with v the unit
    // eigenvector of λ_min(∇²_z L). z-step: argmin_z is z* (∇²_z L ≻ 0, ∇_z L(s*) = 0); h-step: h* (same);
    // u-step (3.16) with prox μ/2‖u − u*‖²: u* when u* is the global minimizer of each 1-D problem (grid-checked).
    const gamma = 1, mu = 1e-5;
    let checked = 0;
    for (let seed = 0; seed < 6 && checked < 2; seed++) {
      const prob = randomProblem(60 + seed, dims, ACTIVATIONS[0]);
      const { s, mult } = stationaryPoint(prob, 70 + seed, gamma, []);
      const L = (p: Iterate) => augmentedLagrangian(prob, p, mult, gamma);
      const Lstar = L(s);
      let uGlobal = true;
      for (let i = 0; i < s.u.length && uGlobal; i++) {
        for (let v = -6; v <= 6; v += 1e-3) {
          const p = cloneIterate(s);
          p.u[i] = v;
          if (L(p) + (mu / 2) * (v - s.u[i]) ** 2 < Lstar - 1e-12) { uGlobal = false; break; }
        }
      }
      if (!uGlobal) continue;
      checked++;
      const H = hessianZ(prob, s, gamma);
      const evd = new EigenvalueDecomposition(H, { assumeSymmetric: true });
      const ev = evd.realEigenvalues;
      const jmin = ev.indexOf(Math.min(...ev));
      const v = Float64Array.from(evd.eigenvectorMatrix.getColumn(jmin));
      const z0 = zVec(s).map((x, i) => x + v[i]);
      const s0 = withZ(s, z0);
      const decrease = L(s0) - Lstar;
      const a1 = alpha1(prob, s, gamma), a2 = alpha2(prob, s, gamma);
      // ‖s¹ − s⁰‖ = ‖v‖ = 1 and the decrease is exactly α1/2 (L quadratic in z)
      expect(decrease).toBeCloseTo(a1 / 2, 9);
      expect(a1).toBeLessThan(a2);
      expect(decrease).toBeLessThan(Math.max(a1 / 2, a2 / 2, mu / 2) - 0.1); // printed chain violated
      expect(decrease).toBeGreaterThanOrEqual(Math.min(a1 / 2, a2 / 2, mu / 2)); // corrected chain holds
      const inp = { L0: L(s0), xiNorm: Math.hypot(...mult.xi), zetaNorm: Math.hypot(...mult.zeta), gamma, L1: 50, L2: 20, mu, eps: 0.1, alpha1: a1, alpha2: a2 };
      expect(jHatCorrected(inp)).toBeGreaterThan(jHat(inp));
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('jHat / jHatCorrected arithmetic', () => {
    const inp = { L0: 3, xiNorm: 2, zetaNorm: 0, gamma: 2, L1: 4, L2: 1, mu: 1e-5, eps: 0.5, alpha1: 0.02, alpha2: 2 };
    // gap = 3 + 4/4 = 4; Lmax² = 16; ε² = 0.25 → 256/c
    expect(jHat(inp)).toBe(Math.ceil(256 / 1));
    expect(jHatCorrected(inp)).toBe(Math.ceil(256 / 5e-6));
  });
});
