import { describe, it, expect } from 'vitest';
import { gemm, gemmTN, gemmNT, syrkTN, cholesky, cholSolve, NotPositiveDefiniteError } from '../../src/linalg/index.ts';
import { gemmNNo, gemmTNo, gemmNTo, syrkTNo, syrkNNo, syrkBandNNo, transposeInto, choleskyBlocked, cholSolveBlocked } from '../../src/linalg/blocked.ts';
import { heapAlloc, inArena, simdAvailable, type Alloc } from '../../src/linalg/simd.ts';
import { expectClose } from '../helpers/assert.ts';
import { mulberry32 } from '../helpers/rng.ts';

function rand(seed: number, len: number): Float64Array {
  const u = mulberry32(seed);
  return Float64Array.from({ length: len }, () => 2 * u() - 1);
}

function spd(seed: number, n: number): Float64Array {
  const G = rand(seed, (n + 3) * n);
  const S = new Float64Array(n * n);
  syrkTN(S, G, n + 3, n);
  for (let i = 0; i < n; i++) S[i * n + i] += 0.5;
  return S;
}

// Shapes cover every remainder of the 4×4 blocking (M, N ≡ 0..3 mod 4) and K = 0.
const shapes: [number, number, number][] = [[1, 1, 1], [4, 4, 4], [5, 3, 7], [6, 0, 2], [9, 11, 10], [13, 8, 15]];

describe('blocked kernels agree with the plain kernels of dense.ts', () => {
  // The 4×4 blocking sums in the same k order as the plain kernels, so results agree to rounding only.
  it('gemmNNo / gemmTNo / gemmNTo with offsets, leading dimensions, alpha and beta', () => {
    for (const [M, K, N] of shapes) {
      const A = rand(M * 7 + K, M * K), At = new Float64Array(K * M), B = rand(N * 3 + K, K * N), Bt = new Float64Array(N * K);
      for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) At[k * M + i] = A[i * K + k];
      for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) Bt[j * K + k] = B[k * N + j];
      const C0 = rand(5, M * N), ref = C0.slice();
      gemm(ref, A, B, M, K, N, 0.7, -0.3);
      // embed into larger buffers with offsets and padded leading dimensions
      const pad = 3, ldc = N + pad, C = new Float64Array(2 + M * ldc).fill(NaN);
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) C[2 + i * ldc + j] = C0[i * N + j];
      const lda = K + 2, Ap = new Float64Array(1 + M * lda);
      for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) Ap[1 + i * lda + k] = A[i * K + k];
      gemmNNo(C, 2, ldc, Ap, 1, lda, B, 0, N, M, K, N, 0.7, -0.3);
      const got = new Float64Array(M * N);
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) got[i * N + j] = C[2 + i * ldc + j];
      expectClose(got, ref, 1e-13);
      const C2 = new Float64Array(M * N).fill(NaN);
      gemmTNo(C2, 0, N, At, 0, M, B, 0, N, K, M, N);
      const r2 = new Float64Array(M * N);
      gemmTN(r2, At, B, K, M, N);
      expectClose(C2, r2, 1e-13);
      const C3 = new Float64Array(M * N).fill(NaN);
      gemmNTo(C3, 0, N, A, 0, K, Bt, 0, K, M, K, N);
      const r3 = new Float64Array(M * N);
      gemmNT(r3, A, Bt, M, K, N);
      expectClose(C3, r3, 1e-13);
    }
  });

  it('syrkTNo is exactly symmetric and equals syrkTN', () => {
    for (const [K, M] of [[7, 1], [10, 6], [9, 13]]) {
      const A = rand(K + M, K * M), C = new Float64Array(M * M).fill(NaN), ref = new Float64Array(M * M);
      syrkTNo(C, 0, M, A, 0, M, K, M, 2);
      syrkTN(ref, A, K, M, 2);
      expectClose(C, ref, 1e-13);
      for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) expect(C[i * M + j]).toBe(C[j * M + i]);
    }
  });

  it('choleskyBlocked and cholSolveBlocked match cholesky and cholSolve', () => {
    for (const n of [1, 3, 16, 17, 37]) {
      const S = spd(n, n), L1 = S.slice(), L2 = S.slice();
      cholesky(L1, n);
      choleskyBlocked(L2, n);
      expectClose(L2, L1, 1e-12);
      for (const nrhs of [1, 5, 8]) {
        const B = rand(nrhs, n * nrhs), X1 = B.slice(), X2 = B.slice();
        cholSolve(L1, n, X1, nrhs);
        cholSolveBlocked(L2, n, X2, nrhs, new Float64Array(n * n));
        expectClose(X2, X1, 1e-10);
      }
    }
  });

  it('choleskyBlocked rejects an indefinite matrix', () => {
    const S = spd(4, 20);
    S[19 * 20 + 19] = -5;
    expect(() => choleskyBlocked(S, 20)).toThrow(NotPositiveDefiniteError);
  });
});

describe('SIMD kernel (simd.ts) through the blocked kernels', () => {
  it('is available on this runtime', () => {
    expect(simdAvailable()).toBe(true);
  });

  // Same accumulation order in both paths (k ascending, no fused multiply-add): results must be identical bits.
  it('gemmNNo / gemmTNo / choleskyBlocked / cholSolveBlocked give bit-identical results in an arena', () => {
    for (const [M, K, N] of [...shapes, [8, 5, 12], [17, 9, 6], [4, 4, 30]] as [number, number, number][]) {
      const mk = (alloc: Alloc) => ({ A: alloc(M * K + 3), B: alloc(K * N + 2), C: alloc(M * N + 5), At: alloc(K * M) });
      const heap = mk(heapAlloc), wasm = inArena(mk);
      const A = rand(M + K, M * K + 3), B = rand(K + N, K * N + 2), C0 = rand(M * N, M * N + 5);
      for (const w of [heap, wasm]) {
        w.A.set(A);
        w.B.set(B);
        w.C.set(C0);
        gemmNNo(w.C, 5, N, w.A, 3, K, w.B, 2, N, M, K, N, 0.7, -0.3);
        for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) w.At[k * M + i] = w.A[3 + i * K + k];
        gemmTNo(w.C, 0, N, w.At, 0, M, w.B, 2, N, K, M, N, 1.5, 1);
      }
      expect(Array.from(wasm.C)).toEqual(Array.from(heap.C));
    }
    for (const n of [1, 2, 5, 16, 17, 37]) {
      const mk = (alloc: Alloc) => ({ S: alloc(n * n), U: alloc(n * n), X: alloc(n * 7) });
      const heap = mk(heapAlloc), wasm = inArena(mk);
      for (const w of [heap, wasm]) {
        w.S.set(spd(n + 1, n));
        w.X.set(rand(n, n * 7));
        choleskyBlocked(w.S, n, 'S', w.U);
        cholSolveBlocked(w.S, n, w.X, 7, w.U);
      }
      expect(Array.from(wasm.S)).toEqual(Array.from(heap.S));
      expect(Array.from(wasm.X)).toEqual(Array.from(heap.X));
      const plain = spd(n + 1, n);
      choleskyBlocked(plain, n);
      expect(Array.from(plain)).toEqual(Array.from(heap.S));
    }
  });
});

describe('SIMD kernels cover every shape bit for bit (row tails, column tails of 2 and 1, partial blocks)', () => {
  it('gemmNNo / gemmTNo for all M, N < 10, K ∈ {0, 1, 7}, beta = 0 over NaN and beta ≠ 0', () => {
    for (let M = 0; M < 10; M++) for (let N = 0; N < 10; N++) for (const K of [0, 1, 7]) {
      const mk = (alloc: Alloc) => ({ A: alloc(M * K + 1), B: alloc(K * N + 1), C: alloc(M * N + 1), D: alloc(M * N + 1) });
      const heap = mk(heapAlloc), wasm = inArena(mk);
      for (const w of [heap, wasm]) {
        w.A.set(rand(M + 31 * K, M * K + 1));
        w.B.set(rand(N + 7 * K, K * N + 1));
        w.C.fill(NaN);
        w.D.set(rand(M * N + 3, M * N + 1));
        gemmNNo(w.C, 1, N, w.A, 1, K, w.B, 1, N, M, K, N, 1.25);
        gemmTNo(w.D, 0, N, w.A, 0, M, w.B, 0, N, K, M, N, -0.5, 0.75);
      }
      expect(Array.from(wasm.C)).toEqual(Array.from(heap.C));
      expect(Array.from(wasm.D)).toEqual(Array.from(heap.D));
    }
  });

  it('choleskyBlocked and cholSolveBlocked for n = 1 … 21, 33, 50, 181 and nrhs = 1 … 9', () => {
    for (const n of [...Array.from({ length: 21 }, (_, i) => i + 1), 33, 50, 181]) {
      const nrhs = 1 + (n % 9);
      const mk = (alloc: Alloc) => ({ S: alloc(n * n), U: alloc(n * n), X: alloc(n * nrhs) });
      const heap = mk(heapAlloc), wasm = inArena(mk);
      for (const w of [heap, wasm]) {
        w.S.set(spd(n + 2, n));
        w.X.set(rand(n + 5, n * nrhs));
        choleskyBlocked(w.S, n, 'S', w.U);
        cholSolveBlocked(w.S, n, w.X, nrhs, w.U);
      }
      expect(Array.from(wasm.S)).toEqual(Array.from(heap.S));
      expect(Array.from(wasm.X)).toEqual(Array.from(heap.X));
    }
  });

  it('a failing pivot is reported at the same column with the same value in both paths', () => {
    for (const [n, bad] of [[20, 19], [40, 17], [37, 0], [33, 32]] as const) {
      const errs = [heapAlloc, null].map((a) => {
        const w = a ? { S: a(n * n), U: a(n * n) } : inArena((al) => ({ S: al(n * n), U: al(n * n) }));
        w.S.set(spd(n, n));
        w.S[bad * n + bad] = -1e3;
        try {
          choleskyBlocked(w.S, n, 'S', w.U);
        } catch (e) {
          return e;
        }
        return null;
      });
      for (const e of errs) expect(e).toBeInstanceOf(NotPositiveDefiniteError);
      expect((errs[1] as Error).message).toBe((errs[0] as Error).message);
    }
  });
});

describe('syrkNNo and transposeInto', () => {
  it('syrkNNo(Aᵀ, A) is bit-identical to syrkTNo(A), in JS and in an arena', () => {
    for (const [K, M] of [[7, 1], [10, 6], [9, 13], [31, 18]]) {
      const mk = (alloc: Alloc) => ({ A: alloc(K * M), At: alloc(M * K), C: alloc(M * M), D: alloc(M * M) });
      for (const w of [mk(heapAlloc), inArena(mk)]) {
        w.A.set(rand(K * M, K * M));
        transposeInto(w.At, 0, K, w.A, 0, M, K, M);
        syrkTNo(w.C, 0, M, w.A, 0, M, K, M, 0.5);
        syrkNNo(w.D, 0, M, w.At, 0, K, w.A, 0, M, K, M, 0.5);
        expect(Array.from(w.D)).toEqual(Array.from(w.C));
      }
    }
  });

  it('syrkBandNNo: bands of any partition give syrkTNo\'s upper triangle bit for bit, with beta ≠ 0, in JS and in an arena', () => {
    // K ≥ 32 takes syrkTNo's transposed path in an arena; band edges off its 4-row strips
    for (const [K, M, cuts] of [[7, 9, [0, 3, 9]], [40, 37, [0, 5, 6, 22, 37]], [33, 100, [0, 29, 100]], [64, 12, [0, 12]]] as [number, number, number[]][]) {
      const mk = (alloc: Alloc) => ({ A: alloc(2 + K * (M + 1)), At: alloc(1 + M * (K + 3)), C: alloc(M * M), D: alloc(M * M) });
      for (const w of [mk(heapAlloc), inArena(mk)]) {
        w.A.set(rand(K * M + 1, w.A.length));
        transposeInto(w.At, 1, K + 3, w.A, 2, M + 1, K, M);
        const C0 = rand(M, M * M);
        w.C.set(C0);
        w.D.set(C0);
        syrkTNo(w.C, 0, M, w.A, 2, M + 1, K, M, 0.3, 1.25);
        for (let i = 1; i < cuts.length; i++) syrkBandNNo(w.D, 0, M, w.At, 1, K + 3, w.A, 2, M + 1, K, M, cuts[i - 1], cuts[i], 0.3, 1.25);
        for (let i = 0; i < M; i++) for (let j = i; j < M; j++) expect(w.D[i * M + j]).toBe(w.C[i * M + j]);
      }
    }
  });

  it('syrkNNo with offsets, leading dimensions and beta ≠ 0: the one-call SIMD kernel gives the JS bits, M ≡ 0..3 mod 4', () => {
    for (const [K, M] of [[5, 4], [12, 9], [33, 18], [20, 23]]) {
      const mk = (alloc: Alloc) => ({ At: alloc(1 + M * (K + 2)), A: alloc(3 + K * (M + 1)), C: alloc(2 + M * (M + 3)) });
      const heap = mk(heapAlloc), wasm = inArena(mk);
      for (const w of [heap, wasm]) {
        w.At.set(rand(K * M, w.At.length));
        w.A.set(rand(K + M, w.A.length));
        w.C.set(rand(M, w.C.length));
        syrkNNo(w.C, 2, M + 3, w.At, 1, K + 2, w.A, 3, M + 1, K, M, -0.75, 1.5);
      }
      expect(Array.from(wasm.C)).toEqual(Array.from(heap.C));
    }
  });

  it('transposeInto with offsets and leading dimensions, every parity of M and N, same in JS and SIMD', () => {
    for (let M = 0; M < 7; M++) for (let N = 0; N < 7; N++) {
      const mk = (alloc: Alloc) => ({ A: alloc(3 + M * (N + 2)), O: alloc(2 + N * (M + 1)) });
      const heap = mk(heapAlloc), wasm = inArena(mk);
      for (const w of [heap, wasm]) {
        w.A.set(rand(M * 10 + N, w.A.length));
        w.O.fill(-7);
        transposeInto(w.O, 2, M + 1, w.A, 3, N + 2, M, N);
        for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) expect(w.O[2 + j * (M + 1) + i]).toBe(w.A[3 + i * (N + 2) + j]);
      }
      expect(Array.from(wasm.O)).toEqual(Array.from(heap.O));
    }
  });
});

describe('Aᵀ·B, A·Bᵀ and AᵀA in an arena go through the scratch and the A·B kernel, bit for bit', () => {
  it('gemmTNo, gemmNTo and syrkTNo with K, M, N ≥ 32 (and odd) match the JS kernels exactly', () => {
    for (const [M, K, N] of [[33, 40, 35], [64, 100, 32], [37, 33, 70]]) {
      const mk = (alloc: Alloc) => ({
        A: alloc(2 + K * (M + 3)), B: alloc(1 + K * (N + 1)), Bn: alloc(N * K), An: alloc(M * K),
        C: alloc(M * N), D: alloc(M * N), S: alloc(M * M),
      });
      const heap = mk(heapAlloc), wasm = inArena(mk);
      for (const w of [heap, wasm]) {
        w.A.set(rand(M + K, w.A.length));
        w.B.set(rand(N + K, w.B.length));
        w.An.set(rand(M * K, M * K));
        w.Bn.set(rand(N * K + 1, N * K));
        w.C.set(rand(3, M * N));
        w.S.fill(NaN);
        gemmTNo(w.C, 0, N, w.A, 2, M + 3, w.B, 1, N + 1, K, M, N, 0.5, 2);
        gemmNTo(w.D, 0, N, w.An, 0, K, w.Bn, 0, K, M, K, N, -1.5);
        syrkTNo(w.S, 0, M, w.A, 2, M + 3, K, M, 0.25);
      }
      expect(Array.from(wasm.C)).toEqual(Array.from(heap.C));
      expect(Array.from(wasm.D)).toEqual(Array.from(heap.D));
      expect(Array.from(wasm.S)).toEqual(Array.from(heap.S));
    }
  });
});

describe('cholSolveBlocked with a lower-triangular right-hand side (lowerB)', () => {
  it('skipping the columns right of each block gives the same bits, signed zeros included, in JS and in an arena', () => {
    for (const n of [1, 3, 4, 7, 16, 37]) {
      for (const nrhs of [n, n + 3, Math.max(1, n - 2)]) {
        const B0 = rand(n * nrhs, n * nrhs);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < nrhs; j++) B0[i * nrhs + j] = 0;
        if (nrhs === n) for (let i = 0; i < n; i++) B0[i * nrhs + i] = 1;
        for (const alloc of [heapAlloc, null]) {
          const mk = (a: Alloc) => ({ S: a(n * n), U: a(n * n), X: a(n * nrhs), Y: a(n * nrhs) });
          const w = alloc ? mk(alloc) : inArena(mk);
          w.S.set(spd(n + 5, n));
          choleskyBlocked(w.S, n, 'S', w.U);
          w.X.set(B0);
          w.Y.set(B0);
          cholSolveBlocked(w.S, n, w.X, nrhs, w.U, true);
          cholSolveBlocked(w.S, n, w.Y, nrhs, w.U, true, true);
          for (let i = 0; i < n * nrhs; i++) expect(Object.is(w.Y[i], w.X[i])).toBe(true);
        }
      }
    }
  });
});

describe('cholSolveBlocked with the factorization\'s own Lᵀ scratch', () => {
  it('skipping the rebuild of U (uHoldsLt) gives the same bits, in JS and in an arena', () => {
    for (const n of [3, 16, 37]) {
      for (const alloc of [heapAlloc, null]) {
        const mk = (a: Alloc) => ({ S: a(n * n), U: a(n * n), X: a(n * 5), Y: a(n * 5) });
        const w = alloc ? mk(alloc) : inArena(mk);
        w.S.set(spd(n + 9, n));
        w.X.set(rand(n, n * 5));
        w.Y.set(w.X);
        choleskyBlocked(w.S, n, 'S', w.U);
        cholSolveBlocked(w.S, n, w.X, 5, w.U, true);
        cholSolveBlocked(w.S, n, w.Y, 5, new Float64Array(n * n));
        expect(Array.from(w.X)).toEqual(Array.from(w.Y));
      }
    }
  });
});
