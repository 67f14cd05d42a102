import { describe, it, expect } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { zStepInto, zStepWorkspace } from '../../../../src/papers/wzc/solver/zStep.ts';
import { gradWorkspace, gradZInto } from '../../../../src/papers/wzc/problem/gradients.ts';
import { packA, packW } from '../../../../src/models/elman.ts';
import type { Dims, Iterate, Multipliers, Problem, Weights } from '../../../../src/papers/wzc/problem/types.ts';
import { paramCounts, zeroWeights } from '../../../../src/papers/wzc/problem/types.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { randomIterate, randomMultipliers, randomProblem } from '../../../helpers/wzcInstance.ts';

function maxAbs(z: Weights): number {
  let s = 0;
  for (const a of [z.W, z.V, z.b, z.A, z.c]) for (const v of a) s = Math.max(s, Math.abs(v));
  return s;
}

function row(v: ArrayLike<number>): Matrix {
  return Matrix.rowVector(Array.from(v));
}

/** Ψ(h) of (2.3) from Kronecker products: row block t = [h_{t−1}ᵀ ⊗ I_r, x_tᵀ ⊗ I_r, I_r], h_0 = 0. */
function psiKron(d: Dims, X: Float64Array, h: Float64Array): Matrix {
  const { T, n, r } = d;
  const I = Matrix.eye(r);
  const blocks: Matrix[] = [];
  for (let t = 0; t < T; t++) {
    const hPrev = t === 0 ? new Float64Array(r) : h.subarray((t - 1) * r, t * r);
    const parts = [row(hPrev).kroneckerProduct(I), row(X.subarray(t * n, (t + 1) * n)).kroneckerProduct(I), I];
    const B = new Matrix(r, paramCounts(d).Nw);
    let c = 0;
    for (const p of parts) {
      B.setSubMatrix(p, 0, c);
      c += p.columns;
    }
    blocks.push(B);
  }
  const P = new Matrix(T * r, paramCounts(d).Nw);
  blocks.forEach((B, t) => P.setSubMatrix(B, t * r, 0));
  return P;
}

/** Φ(h_t) = [h_tᵀ ⊗ I_m, I_m]. */
function phiKron(d: Dims, h: Float64Array, t: number): Matrix {
  const { m, r } = d;
  const P = new Matrix(m, m * r + m);
  P.setSubMatrix(row(h.subarray(t * r, (t + 1) * r)).kroneckerProduct(Matrix.eye(m)), 0, 0);
  P.setSubMatrix(Matrix.eye(m), 0, m * r);
  return P;
}

/** The literal closed form of Lemma 3.1 (iii): w = −Q̂1⁻¹q̂1, a = −Q̂2⁻¹q̂2. */
function literalZ(prob: Problem, s: Iterate, mult: Multipliers, gamma: number): { w: Float64Array; a: Float64Array } {
  const d = prob.data.dims;
  const { T, n, m, r } = d;
  const [l1, l2, l3, l4, l5] = prob.lambda;
  const Psi = psiKron(d, prob.data.X, s.h);
  const Lam1 = [...Array(r * r).fill(l2), ...Array(r * n).fill(l3), ...Array(r).fill(l4)];
  const Q1 = Psi.transpose().mmul(Psi).mul(gamma).add(Matrix.diag(Lam1).mul(2));
  const rhs1 = Matrix.columnVector(Array.from(mult.xi, (x, i) => x + gamma * s.u[i]));
  const q1 = Psi.transpose().mmul(rhs1).mul(-1);
  const w = solve(Q1, q1).mul(-1);
  const Na = m * r + m;
  let Q2 = Matrix.diag([...Array(m * r).fill(l1), ...Array(m).fill(l5)]).mul(2);
  let q2 = new Matrix(Na, 1);
  for (let t = 0; t < T; t++) {
    const Ph = phiKron(d, s.h, t);
    Q2 = Q2.add(Ph.transpose().mmul(Ph).mul(2 / T));
    q2 = q2.sub(Ph.transpose().mmul(Matrix.columnVector(Array.from(prob.data.Y.subarray(t * m, (t + 1) * m)))).mul(2 / T));
  }
  const a = solve(Q2, q2).mul(-1);
  return { w: Float64Array.from(w.getColumn(0)), a: Float64Array.from(a.getColumn(0)) };
}

const tiny: Dims = { T: 4, n: 2, m: 2, r: 3 };

describe('z-step (3.14)', () => {
  it('equals the literal −Q̂1⁻¹q̂1, −Q̂2⁻¹q̂2 of Lemma 3.1 (iii) with Ψ(h), Φ(h_t) from Kronecker products', () => {
    for (const seed of [1, 2, 3, 4]) {
      const prob = randomProblem(tiny, seed, { kind: 'relu' }, [0.03, 0.05, 0.07, 0.02, 0.04, 0.01]);
      const s = randomIterate(tiny, seed + 1);
      const mult = randomMultipliers(tiny, seed + 2);
      const gamma = [0.5, 2, 10, 100][seed - 1];
      const out = zeroWeights(tiny);
      zStepInto(prob, zStepWorkspace(prob), s.h, s.u, mult.xi, gamma, out);
      const lit = literalZ(prob, s, mult, gamma);
      // Both sides solve SPD systems with condition ≲ 1e4 here; 1e-9 leaves ample room for rounding.
      expectClose(packW(tiny, out), lit.w, 1e-9);
      expectClose(packA(tiny, out), lit.a, 1e-9);
    }
  });

  it('zeroes the z-block gradient on larger instances (several shapes, nonzero ξ)', () => {
    const shapes: Dims[] = [{ T: 7, n: 3, m: 2, r: 5 }, { T: 6, n: 5, m: 4, r: 8 }, { T: 1, n: 2, m: 1, r: 3 }, { T: 9, n: 1, m: 3, r: 4 }];
    shapes.forEach((d, k) => {
      const prob = randomProblem(d, 10 + k, { kind: 'leaky-relu', slope: 0.1 });
      const s = randomIterate(d, 20 + k);
      const mult = randomMultipliers(d, 30 + k);
      const gamma = 3;
      const gws = gradWorkspace(d);
      const g0 = zeroWeights(d);
      gradZInto(prob, s, mult, gamma, gws, g0);
      zStepInto(prob, zStepWorkspace(prob), s.h, s.u, mult.xi, gamma, s.z);
      const g = zeroWeights(d);
      gradZInto(prob, s, mult, gamma, gws, g);
      // relative to the gradient at the start point: the solve is backward stable, so ~1e-13 is typical
      expect(maxAbs(g)).toBeLessThan(1e-10 * Math.max(1, maxAbs(g0)));
    });
  });

  it("fault 'lambda-half' is visible: it no longer zeroes the gradient", () => {
    const d: Dims = { T: 5, n: 2, m: 2, r: 3 };
    const prob = randomProblem(d, 3, { kind: 'relu' }, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const s = randomIterate(d, 4);
    const mult = randomMultipliers(d, 5);
    zStepInto(prob, zStepWorkspace(prob), s.h, s.u, mult.xi, 1, s.z, new Set(['lambda-half']));
    const g = zeroWeights(d);
    gradZInto(prob, s, mult, 1, gradWorkspace(d), g);
    expect(maxAbs(g)).toBeGreaterThan(1e-3);
  });
});
