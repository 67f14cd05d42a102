import { describe, expect, it } from 'vitest';
import { determinant, Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Dims, Problem } from '../../../../src/papers/wzc/problem/types.ts';
import { paramCounts, zeroWeights } from '../../../../src/papers/wzc/problem/types.ts';
import { forward } from '../../../../src/models/elman.ts';
import { multiplierMatrix, nnamcqCheck } from '../../../../src/papers/wzc/theory/nnamcq.ts';
import { ACTIVATIONS, feasibleIterate, normals, randomProblem } from '../../../helpers/theory.ts';

const dims: Dims = { T: 4, n: 2, m: 2, r: 3 };

/** Feasible point with forced kinks: x_1 = x_3 = 0, b_0 = b_2 = 0, row 0 of W zero ⇒ u_{1,0} = u_{1,2} = u_{3,0} = 0 exactly. */
function kinkyFeasible(prob: Problem, seed: number) {
  const g = normals(seed);
  const X = prob.data.X.slice();
  X.fill(0, 0, dims.n);
  X.fill(0, 2 * dims.n, 3 * dims.n);
  const p: Problem = { ...prob, data: { ...prob.data, X } };
  const z = zeroWeights(dims);
  for (const a of [z.W, z.V, z.b, z.A, z.c]) for (let i = 0; i < a.length; i++) a[i] = 0.7 * g();
  z.b[0] = 0; z.b[2] = 0;
  z.W.fill(0, 0, dims.r);
  const { h, u } = forward(dims, X, z, prob.activation);
  return { prob: p, s: { z, h, u } };
}

describe('Lemma 2.1 (NNAMCQ)', () => {
  for (const act of ACTIVATIONS) {
    it(`${act.kind}: holds at random feasible points`, () => {
      for (let seed = 0; seed < 5; seed++) {
        const prob = randomProblem(seed, dims, act);
        const r = nnamcqCheck(prob, feasibleIterate(prob, 100 + seed));
        expect(r.feasVio).toBeLessThan(1e-14);
        expect(r.holds).toBe(true);
        expect(r.relMinSingularValue).toBeGreaterThan(1e-4);
      }
    });

    it(`${act.kind}: holds at feasible points with forced kinks, over all subgradient selections`, () => {
      for (let seed = 0; seed < 3; seed++) {
        const { prob, s } = kinkyFeasible(randomProblem(10 + seed, dims, act), 20 + seed);
        expect([0, 2, 6].every((k) => s.u[k] === 0)).toBe(true);
        const r = nnamcqCheck(prob, s);
        expect(r.kinkCount).toBe(act.kind === 'elu' ? 0 : 3);
        expect(r.exhaustive).toBe(true);
        expect(r.selections).toBe(act.kind === 'elu' ? 1 : 8 + 16);
        expect(r.holds).toBe(true);
        expect(r.feasVio).toBeLessThan(1e-14);
      }
    });
  }

  it('structure behind the proof: the (h; u) rows have |det| = 1 for ANY slopes, so σ_min(M) ≥ σ_min(that block) > 0', () => {
    const prob = randomProblem(30, dims, ACTIVATIONS[0]);
    const s = feasibleIterate(prob, 31);
    const { Nw, Na } = paramCounts(dims);
    const N = dims.T * dims.r;
    const g = normals(32);
    for (let k = 0; k < 10; k++) {
      const slopes = Float64Array.from({ length: N }, () => 3 * g()); // even slopes no activation produces
      const M = multiplierMatrix(prob, s, slopes);
      const B = M.subMatrix(Nw + Na, Nw + Na + 2 * N - 1, 0, 2 * N - 1);
      expect(Math.abs(determinant(B))).toBeCloseTo(1, 8);
      const sm = (A: Matrix) => Math.min(...new SingularValueDecomposition(A).diagonal);
      expect(sm(M)).toBeGreaterThanOrEqual(sm(B) - 1e-12);
    }
  });

  it('negative control: the check detects a rank-deficient map (h rows of C2 removed)', () => {
    // without J_hC2ᵀζ the ζ-columns only meet the u rows, and ζ_i with slope 0 (ReLU, u_i < 0) is a null direction
    const prob = randomProblem(40, dims, ACTIVATIONS[0]);
    const s = feasibleIterate(prob, 41);
    const M = multiplierMatrix(prob, s, s.u.map((v) => (v > 0 ? 1 : 0)));
    const { Nw, Na } = paramCounts(dims);
    const N = dims.T * dims.r;
    for (let i = 0; i < N; i++) M.set(Nw + Na + i, N + i, 0);
    expect(s.u.some((v) => v < 0)).toBe(true);
    expect(Math.min(...new SingularValueDecomposition(M).diagonal)).toBeLessThan(1e-12);
  });

  it('beyond the cap, selections are sampled', () => {
    const { prob, s } = kinkyFeasible(randomProblem(50, dims, ACTIVATIONS[1]), 51);
    const r = nnamcqCheck(prob, s, { maxExhaustiveKinks: 2, samples: 5, interiorSamples: 2 });
    expect(r.exhaustive).toBe(false);
    expect(r.selections).toBe(7);
    expect(r.holds).toBe(true);
  });
});
