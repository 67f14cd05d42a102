import { describe, expect, it } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import type { Dims } from '../../../../src/papers/wzc/problem/types.ts';
import { constraints } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import { sigmaSlopes } from '../../../../src/models/activations/piecewise.ts';
import { bestMultiplierKKT, feasibilityViolation, kktResidual } from '../../../../src/papers/wzc/theory/kkt.ts';
import { distToSubdifferential } from '../../../../src/papers/wzc/theory/subdifferential.ts';
import { colVec, JC1, toVec } from '../../../../src/papers/wzc/theory/explicit.ts';
import { gradG, stackPaper } from '../../../../src/papers/wzc/theory/gradient.ts';
import { ACTIVATIONS, feasibleIterate, normals, randomIterate, randomMult, randomProblem, stationaryPoint } from '../../../helpers/theory.ts';

const dims: Dims = { T: 4, n: 2, m: 2, r: 3 };
const N = dims.T * dims.r;

/** The literal map of Definition 2.2 at a smooth point: ∇R + JC1ᵀξ + (0; 0; ζ; −σ'(u)⊙ζ). */
function literalResidual(prob: ReturnType<typeof randomProblem>, s: ReturnType<typeof randomIterate>, xi: Float64Array, zeta: Float64Array): Float64Array {
  const r = toVec(JC1(prob, s).transpose().mmul(colVec(xi)));
  const gR = stackPaper(dims, gradG(prob, s, null, 0));
  const off = r.length - 2 * N;
  for (let i = 0; i < r.length; i++) r[i] += gR[i];
  for (let i = 0; i < N; i++) {
    r[off + i] += zeta[i];
    r[off + N + i] -= sigmaSlopes(prob.activation, s.u[i]).right * zeta[i];
  }
  return r;
}

describe('KKT residual for given multipliers (Definition 2.2)', () => {
  for (const act of ACTIVATIONS) {
    it(`${act.kind}: smooth point equals the literal ‖∇R + JC1ᵀξ + ∇(ζᵀC2)‖`, () => {
      const prob = randomProblem(1, dims, act);
      const s = randomIterate(dims, 2);
      const mult = randomMult(dims, 3);
      expect(kktResidual(prob, s, mult).dist).toBeCloseTo(Math.hypot(...literalResidual(prob, s, mult.xi, mult.zeta)), 10);
    });
  }

  for (const act of ACTIVATIONS) {
    it(`${act.kind}: (4.25) ∂L(s, ξ, ζ, γ) = ∇R + JC1ᵀξ⁺ + ∂((ζ⁺)ᵀC2) with ξ⁺ = ξ + γC1, ζ⁺ = ζ + γC2, also at kinks`, () => {
      for (let seed = 0; seed < 5; seed++) {
        const prob = randomProblem(10 + seed, dims, act);
        const s = randomIterate(dims, 20 + seed, [0, 3, 5, 10]);
        const mult = randomMult(dims, 30 + seed, 2);
        const gamma = 0.5 + seed;
        const C1 = new Float64Array(N), C2 = new Float64Array(N);
        constraints(prob, s, C1, C2);
        const plus = { xi: mult.xi.map((v, i) => v + gamma * C1[i]), zeta: mult.zeta.map((v, i) => v + gamma * C2[i]) };
        const a = distToSubdifferential(prob, s, mult, gamma), b = kktResidual(prob, s, plus);
        expect(b.dist).toBeCloseTo(a.dist, 10);
        expect(b.concaveKinkCount).toBe(a.concaveKinkCount);
      }
    });
  }

  it('feasibility violation is 0 at a forward pass and matches FeasVio elsewhere', () => {
    const prob = randomProblem(5, dims, ACTIVATIONS[0]);
    expect(feasibilityViolation(prob, feasibleIterate(prob, 6)).max).toBeLessThan(1e-14);
    expect(feasibilityViolation(prob, randomIterate(dims, 7)).max).toBeGreaterThan(0.1);
  });
});

describe('KKT residual with the best multipliers', () => {
  for (const act of ACTIVATIONS) {
    it(`${act.kind}: smooth point = normal-equations least squares`, () => {
      const prob = randomProblem(40, dims, act);
      const s = randomIterate(dims, 41);
      const best = bestMultiplierKKT(prob, s);
      expect(best.kinkCount).toBe(0);
      expect(best.exact).toBe(true);
      // independent: build the literal map column by column, solve MᵀM x = −Mᵀb
      const b = literalResidual(prob, s, new Float64Array(N), new Float64Array(N));
      const cols: Float64Array[] = [];
      for (let j = 0; j < 2 * N; j++) {
        const e = new Float64Array(2 * N);
        e[j] = 1;
        const r = literalResidual(prob, s, e.subarray(0, N), e.subarray(N));
        cols.push(r.map((v, i) => v - b[i]));
      }
      const M = new Matrix(b.length, 2 * N);
      cols.forEach((c, j) => c.forEach((v, i) => M.set(i, j, v)));
      const x = solve(M.transpose().mmul(M), M.transpose().mmul(colVec(b)).mul(-1));
      const ref = Math.hypot(...toVec(M.mmul(x).add(colVec(b))));
      expect(best.residual).toBeCloseTo(ref, 8);
      expect(kktResidual(prob, s, best.mult).dist).toBeCloseTo(best.residual, 10);
    });
  }

  for (const act of ACTIVATIONS.slice(0, 2)) {
    it(`${act.kind}: at kinks the returned multipliers attain the residual and are locally optimal`, () => {
      for (let seed = 0; seed < 4; seed++) {
        const prob = randomProblem(50 + seed, dims, act);
        const s = randomIterate(dims, 60 + seed, [1, 4, 6, 9]);
        const best = bestMultiplierKKT(prob, s);
        expect(best.kinkCount).toBe(4);
        expect(best.lowerBound).toBeLessThanOrEqual(best.residual + 1e-12);
        // attained: the exact limiting-subdifferential residual of the returned (ξ, ζ)
        expect(kktResidual(prob, s, best.mult).dist).toBeCloseTo(best.residual, 9);
        const g = normals(70 + seed);
        for (let k = 0; k < 300; k++) {
          const scale = [1e-1, 1e-3, 1e-6][k % 3];
          const p = { xi: best.mult.xi.map((v) => v + scale * g()), zeta: best.mult.zeta.map((v) => v + scale * g()) };
          expect(kktResidual(prob, s, p).dist).toBeGreaterThanOrEqual(best.residual - 1e-9);
        }
        expect(best.residual).toBeLessThanOrEqual(kktResidual(prob, s, randomMult(dims, 80 + seed)).dist);
      }
    });
  }

  it('ReLU, one kink: equals a brute-force scan over the slope s ∈ [0, 1] of the u-row', () => {
    let sawInterior = false;
    for (let seed = 0; seed < 8; seed++) {
      const prob = randomProblem(90 + seed, dims, ACTIVATIONS[0]);
      const k = 5;
      const s = randomIterate(dims, 100 + seed, [k]);
      const best = bestMultiplierKKT(prob, s);
      const b = literalResidual(prob, s, new Float64Array(N), new Float64Array(N));
      const off = b.length - N;
      // columns of the literal map with the u_k-row slope left symbolic: M(sl) = M0 − sl·e_{u_k}e_{ζ_k}ᵀ
      const M0 = new Matrix(b.length, 2 * N);
      for (let j = 0; j < 2 * N; j++) {
        const e = new Float64Array(2 * N);
        e[j] = 1;
        const r = literalResidual(prob, s, e.subarray(0, N), e.subarray(N));
        for (let i = 0; i < b.length; i++) M0.set(i, j, r[i] - b[i]);
      }
      M0.set(off + k, N + k, 0);
      const lsq = (M: Matrix) => {
        const x = solve(M, colVec(b).mul(-1), true); // SVD least squares: the ζ_k = 0 variant is rank-deficient
        return { v: Math.hypot(...toVec(M.mmul(x).add(colVec(b)))), zk: x.get(N + k, 0) };
      };
      let brute = Infinity, argInterior = false;
      for (let t = 0; t <= 400; t++) {
        const sl = t / 400;
        const M = M0.clone();
        M.set(off + k, N + k, -sl);
        const r = lsq(M);
        // interior slopes are subgradients only for ζ_k ≤ 0; otherwise the constrained optimum has ζ_k = 0
        let v = r.v;
        if (t > 0 && t < 400 && r.zk > 0) {
          const M2 = M.clone();
          for (let i = 0; i < b.length; i++) M2.set(i, N + k, 0);
          v = lsq(M2).v;
        }
        if (v < brute - 1e-12) { brute = v; argInterior = t > 0 && t < 400; }
      }
      sawInterior ||= argInterior;
      // the 1/400 grid overshoots by O((1/400)²) in value
      expect(best.residual).toBeLessThanOrEqual(brute + 1e-9);
      expect(best.residual).toBeGreaterThan(brute - 1e-3 * Math.max(1, brute));
      expect(best.exact).toBe(true);
    }
    expect(sawInterior).toBe(true);
  });

  it('zero residual at constructed KKT multipliers (γ = 0 construction), with convex and concave kinks', () => {
    for (const act of ACTIVATIONS.slice(0, 2)) {
      for (let seed = 0; seed < 4; seed++) {
        const prob = randomProblem(120 + seed, dims, act);
        const { s, mult } = stationaryPoint(prob, 130 + seed, 0, [0, 5, 8, 11]);
        expect(kktResidual(prob, s, mult).dist).toBeLessThan(1e-12);
        const best = bestMultiplierKKT(prob, s);
        expect(best.residual).toBeLessThan(1e-9);
      }
    }
  });

  it('beyond the cap: flagged inexact unless tight, still an attained upper bound', () => {
    const prob = randomProblem(140, dims, ACTIVATIONS[0]);
    const s = randomIterate(dims, 141, [0, 1, 2, 3, 4, 5, 6, 7]);
    const best = bestMultiplierKKT(prob, s, { maxExhaustiveKinks: 3, samples: 50 });
    expect(best.kinkCount).toBe(8);
    expect(kktResidual(prob, s, best.mult).dist).toBeCloseTo(best.residual, 9);
    expect(best.lowerBound).toBeLessThanOrEqual(best.residual + 1e-12);
  });
});
