import { describe, expect, it } from 'vitest';
import { Matrix, CholeskyDecomposition } from 'ml-matrix';
import {
  gemm, gemmTN, gemmNT, syrkTN, gemv, gemvT, transpose,
  cholesky, cholSolve, cholSolveVec, cholSolveRows, NotPositiveDefiniteError,
} from '../../src/linalg/index.ts';
import { mulberry32 } from '../helpers/rng.ts';
import { expectClose, toFlat, fromFlat } from '../helpers/assert.ts';

function rand(rng: () => number, len: number): Float64Array {
  const a = new Float64Array(len);
  for (let i = 0; i < len; i++) a[i] = 2 * rng() - 1;
  return a;
}

const shapes: [number, number, number][] = [[1, 1, 1], [1, 5, 3], [7, 1, 4], [5, 9, 6], [13, 7, 11], [4, 4, 4], [17, 23, 9]];

describe('dense products against ml-matrix', () => {
  const rng = mulberry32(20261122);
  for (const [M, K, N] of shapes) {
    it(`gemm/gemmTN/gemmNT ${M}x${K}x${N}`, () => {
      const A = rand(rng, M * K), B = rand(rng, K * N), C0 = rand(rng, M * N);
      const ref = fromFlat(A, M, K).mmul(fromFlat(B, K, N)).mul(0.5).add(fromFlat(C0, M, N).mul(-2));
      const C = C0.slice();
      gemm(C, A, B, M, K, N, 0.5, -2);
      expectClose(C, toFlat(ref));
      const At = new Float64Array(K * M);
      transpose(At, A, M, K);
      const C2 = new Float64Array(M * N);
      gemmTN(C2, At, B, K, M, N);
      expectClose(C2, toFlat(fromFlat(A, M, K).mmul(fromFlat(B, K, N))));
      const Bt = new Float64Array(N * K);
      transpose(Bt, B, K, N);
      const C3 = C0.slice();
      gemmNT(C3, A, Bt, M, K, N, 1, 1);
      expectClose(C3, toFlat(fromFlat(A, M, K).mmul(fromFlat(B, K, N)).add(fromFlat(C0, M, N))));
    });
  }
  it('syrkTN, gemv, gemvT', () => {
    const K = 11, M = 6;
    const A = rand(rng, K * M);
    const C = new Float64Array(M * M);
    syrkTN(C, A, K, M, 3);
    const ref = fromFlat(A, K, M).transpose().mmul(fromFlat(A, K, M)).mul(3);
    expectClose(C, toFlat(ref));
    for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) expect(C[i * M + j]).toBe(C[j * M + i]);
    const x = rand(rng, M), y = new Float64Array(K);
    gemv(y, A, x, K, M);
    expectClose(y, toFlat(fromFlat(A, K, M).mmul(fromFlat(x, M, 1))));
    const v = rand(rng, K), w = new Float64Array(M);
    gemvT(w, A, v, K, M);
    expectClose(w, toFlat(fromFlat(A, K, M).transpose().mmul(fromFlat(v, K, 1))));
  });
});

describe('Cholesky against ml-matrix', () => {
  const rng = mulberry32(7);
  for (const n of [1, 2, 5, 12, 30]) {
    it(`factor and solve, n=${n}, well and ill conditioned`, () => {
      for (const shift of [1, 1e-8]) {
        const G = rand(rng, n * n);
        const S = new Float64Array(n * n);
        syrkTN(S, G, n, n);
        for (let i = 0; i < n; i++) S[i * n + i] += shift;
        const nrhs = 4;
        const B = rand(rng, n * nrhs);
        const ref = new CholeskyDecomposition(fromFlat(S, n, n)).solve(fromFlat(B, n, nrhs));
        const L = S.slice();
        cholesky(L, n);
        const X = B.slice();
        cholSolve(L, n, X, nrhs);
        // residual test is the honest one for ill-conditioned S: ‖S X − B‖ ≤ tol·‖S‖‖X‖
        const R = toFlat(fromFlat(S, n, n).mmul(fromFlat(X, n, nrhs)).sub(fromFlat(B, n, nrhs)));
        const scale = fromFlat(S, n, n).norm() * fromFlat(X, n, nrhs).norm();
        expect(Math.hypot(...R)).toBeLessThanOrEqual(1e-12 * Math.max(1, scale));
        if (shift === 1) expectClose(X, toFlat(ref), 1e-9);
        const x = B.slice(0, n);
        const xs = new Float64Array(n);
        for (let i = 0; i < n; i++) xs[i] = B[i * nrhs];
        cholSolveVec(L, n, xs);
        for (let i = 0; i < n; i++) expect(xs[i]).toBeCloseTo(X[i * nrhs], 6);
        const rows = new Float64Array(2 * n);
        rows.set(xs.map((_, i) => B[i * nrhs]), 0);
        rows.set(xs.map((_, i) => B[i * nrhs + 1]), n);
        cholSolveRows(L, n, rows, 2);
        for (let i = 0; i < n; i++) expect(rows[n + i]).toBeCloseTo(X[i * nrhs + 1], 6);
        void x;
      }
    });
  }
  it('1x1', () => {
    const L = new Float64Array([4]);
    cholesky(L, 1);
    expect(L[0]).toBe(2);
    const b = new Float64Array([8]);
    cholSolve(L, 1, b, 1);
    expect(b[0]).toBe(2);
  });
  it('non-SPD input is an error naming the pivot, never NaN', () => {
    expect(() => cholesky(new Float64Array([1, 2, 2, 1]), 2)).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky(new Float64Array([-1]), 1, 'D1')).toThrow(/D1 is not positive definite: pivot 0/);
    expect(() => cholesky(new Float64Array([NaN]), 1)).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky(new Float64Array([0, 0, 0, 0]), 2)).toThrow(/pivot 0/);
  });
});
