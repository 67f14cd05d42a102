import { describe, expect, it } from 'vitest';
import type { Dims } from '../../../../src/papers/wzc/problem/types.ts';
import { paramCounts, zeroWeights } from '../../../../src/papers/wzc/problem/types.ts';
import { constraints } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import { packA, packW, psiW, unpackA, unpackW } from '../../../../src/models/elman.ts';
import {
  colVec, D1, D2, d1t, d2T, JC1, JhC1, JzC1, phiMatrix, psiMatrix, QHat1, qHat1, QHat2, qHat2, toVec,
} from '../../../../src/papers/wzc/theory/explicit.ts';
import { addScaled, gradG, gradLSmooth, stackPaper, zeroBlock } from '../../../../src/papers/wzc/theory/gradient.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { ACTIVATIONS, randomIterate, randomMult, randomProblem } from '../../../helpers/theory.ts';

const dims: Dims = { T: 4, n: 2, m: 2, r: 3 };

describe('literal Ψ, Φ of (2.3)', () => {
  it('Ψ(h)·packW(z) = W h_{t−1} + V x_t + b and Φ(h_t)·packA(z) = A h_t + c', () => {
    const prob = randomProblem(1, dims, ACTIVATIONS[0]);
    const s = randomIterate(dims, 2);
    const P = new Float64Array(dims.T * dims.r);
    psiW(dims, prob.data.X, s.z, s.h, P);
    expectClose(toVec(psiMatrix(dims, prob.data.X, s.h).mmul(colVec(packW(dims, s.z)))), P, 1e-13);
    for (let t = 1; t <= dims.T; t++) {
      const o = toVec(phiMatrix(dims, s.h, t).mmul(colVec(packA(dims, s.z))));
      for (let j = 0; j < dims.m; j++) {
        let ref = s.z.c[j];
        for (let k = 0; k < dims.r; k++) ref += s.z.A[j * dims.r + k] * s.h[(t - 1) * dims.r + k];
        expect(o[j]).toBeCloseTo(ref, 13);
      }
    }
  });
});

describe('Lemma 3.1 (iii)/(iv) literal blocks vs the independent gradient', () => {
  for (const act of ACTIVATIONS) {
    it(`${act.kind}: ∇_w L = Q̂1 w + q̂1, ∇_a L = Q̂2 a + q̂2, ∇_{h_t} L = D h_t − d`, () => {
      const prob = randomProblem(3, dims, act);
      const s = randomIterate(dims, 4);
      const mult = randomMult(dims, 5);
      const gamma = 1.7;
      const g = gradLSmooth(prob, s, mult, gamma);
      const gw = toVec(QHat1(prob, s, gamma).mmul(colVec(packW(dims, s.z))).add(qHat1(prob, s, mult, gamma)));
      const ga = toVec(QHat2(prob, s).mmul(colVec(packA(dims, s.z))).add(qHat2(prob, s)));
      expectClose(gw, packW(dims, g.z), 1e-12);
      expectClose(ga, packA(dims, g.z), 1e-12);
      const { T, r } = dims;
      for (let t = 1; t <= T; t++) {
        const ht = colVec(s.h.subarray((t - 1) * r, t * r));
        const lhs = t < T
          ? D1(prob, s, gamma).mmul(ht).sub(d1t(prob, s, mult, gamma, t))
          : D2(prob, s, gamma).mmul(ht).sub(d2T(prob, s, mult, gamma));
        expectClose(toVec(lhs), g.h.subarray((t - 1) * r, t * r), 1e-12);
      }
    });
  }
});

describe('Jacobians of C1', () => {
  it('J_zC1 and J_hC1 columns equal the (exact, C1 is linear in w and in h) differences of C1', () => {
    const prob = randomProblem(6, dims, ACTIVATIONS[0]);
    const s = randomIterate(dims, 7);
    const N = dims.T * dims.r;
    const { Nw, Na } = paramCounts(dims);
    const C0 = new Float64Array(N), C1 = new Float64Array(N), C2 = new Float64Array(N);
    constraints(prob, s, C0, C2);
    const Jz = JzC1(prob, s), Jh = JhC1(prob, s);
    for (let j = 0; j < Nw + Na; j++) {
      const e = new Float64Array(Nw + Na);
      e[j] = 1;
      const d = zeroBlock(dims);
      d.z = zeroWeights(dims);
      unpackW(dims, e.subarray(0, Nw), d.z);
      unpackA(dims, e.subarray(Nw), d.z);
      constraints(prob, addScaled(s, 1, d), C1, C2);
      for (let i = 0; i < N; i++) expect(C1[i] - C0[i]).toBeCloseTo(Jz.get(i, j), 12);
    }
    for (let j = 0; j < N; j++) {
      const d = zeroBlock(dims);
      d.h[j] = 1;
      constraints(prob, addScaled(s, 1, d), C1, C2);
      for (let i = 0; i < N; i++) expect(C1[i] - C0[i]).toBeCloseTo(Jh.get(i, j), 12);
    }
  });

  it('JC1(s)ᵀξ = ∇_s⟨ξ, C1(s)⟩ from the independent gradient', () => {
    const prob = randomProblem(8, dims, ACTIVATIONS[2]);
    const s = randomIterate(dims, 9);
    const mult = randomMult(dims, 10);
    const lhs = toVec(JC1(prob, s).transpose().mmul(colVec(mult.xi)));
    const withXi = stackPaper(dims, gradG(prob, s, mult.xi, 0));
    const noXi = stackPaper(dims, gradG(prob, s, null, 0));
    expectClose(lhs, withXi.map((v, i) => v - noXi[i]), 1e-12);
  });
});
