/**
 * The z-block update (3.14) of Algorithm 3.2: z = argmin_z L(z, h, u, ξ, ζ, γ), the closed form
 * w = −Q̂1⁻¹q̂1, a = −Q̂2⁻¹q̂2 of Lemma 3.1 (iii) — without forming the N_w×N_w matrix Q̂1.
 *
 * Q̂1 = γΨ(h)ᵀΨ(h) + 2Λ1 is block diagonal over the r rows of Θ = [W V b]: row i of Θ only meets the i-th
 * rows of the T blocks of Ψ(h). With design rows Z_t = [h_{t−1}; x_t; 1] (Z is T×(r+n+1)) the r systems
 * share one matrix, so w solves
 *     (γZᵀZ + 2·diag(λ2 e_r, λ3 e_n, λ4)) Θᵀ = Zᵀ(γU + Ξ)          (r right-hand sides),
 * and likewise a = [A c] solves, with H_t = [h_t; 1],
 *     ((2/T)HᵀH + 2·diag(λ1 e_r, λ5)) [A c]ᵀ = (2/T) Hᵀ Y            (m right-hand sides).
 * Costs per call at T=500, n=80, m=30, r=100: the Gram blocks, the right-hand sides, one 181×181 and one
 * 101×101 Cholesky factorization and their triangular solves. The data blocks live in X1 = [X 1] (its Gram
 * matrix, i.e. XᵀX, Σx_t and T, cached per problem), so Σh_{t−1} and Σ_t(γu_t + ξ_t) come out of the products.
 * Every product over t is taken as A·B with hᵀ transposed once per call (rows of both operands contiguous):
 * the same sums in the same order as the Aᵀ·B form, so the same bits, ~20% faster in the SIMD kernel.
 */
import { cholSolveBlocked, choleskyBlocked, gemmNNo, syrkNNo, syrkTNo, transposeInto } from '../../../linalg/blocked.ts';
import { heapAlloc, type Alloc } from '../../../linalg/simd.ts';
import type { Dims, Problem, Weights } from '../problem/types.ts';
import { NO_FAULTS, type WzcFault } from './mutants.ts';
import { ewSimd } from './simdSteps.ts';

/** Buffers of the z-step; build once per problem with {@link zStepWorkspace}. */
export interface ZStepWorkspace {
  readonly dims: Dims;
  /** p = r + n + 1: size of the w-system. */
  readonly p: number;
  /** γZᵀZ + 2Λ, then its Cholesky factor (p×p). */
  readonly G: Float64Array;
  /** Zᵀ(γU + Ξ), then Θᵀ = [W V b]ᵀ (p×r). */
  readonly R: Float64Array;
  /** γU + Ξ (T×r). */
  readonly M: Float64Array;
  /** hᵀ (r×T). */
  readonly Ht: Float64Array;
  /** Σ_{t<T} h_t h_tᵀ (r×r), shared by both systems. */
  readonly S: Float64Array;
  /**
   * Σ_{t<T} h_t [x_{t+1}ᵀ 1] (r×(n+1), leading dimension ldx); column n is Σ_{t<T} h_t, shared by both systems.
   */
  readonly HX1: Float64Array;
  /** n + 1 rounded up to even: X1 and HX1 carry a zero column when n + 1 is odd, so their product has no one-column tail (scalar tiles run at a fraction of the vector rate). */
  readonly ldx: number;
  /** (2/T)HᵀH + 2Λ2, then its factor ((r+1)×(r+1)). */
  readonly Ga: Float64Array;
  /** m rounded up to a multiple of 4: Y and Ra carry zero columns up to mp so products stay in 4×4 blocks. */
  readonly mp: number;
  /** (2/T)HᵀY, then [A c]ᵀ ((r+1)×mp; columns ≥ m stay 0). */
  readonly Ra: Float64Array;
  /** Transposed-factor scratch for the two solves. */
  readonly U: Float64Array;
  readonly Ua: Float64Array;
  /** The data [X 1] (T×(n+1), leading dimension ldx, zero beyond), its transpose and Y (T×mp, zero-padded), in the arena of the other buffers. */
  readonly X1: Float64Array;
  readonly X1t: Float64Array;
  readonly Y: Float64Array;
  /** Cached [X 1]ᵀ[X 1] = [XᵀX Σx_t; Σx_tᵀ T] ((n+1)×(n+1)) and Σ_t y_t (mp). */
  readonly X1tX1: Float64Array;
  readonly ySum: Float64Array;
}

/** Allocate the z-step workspace and cache the data-only blocks of `prob` (see {@link allocZStep}). */
export function zStepWorkspace(prob: Problem, alloc: Alloc = heapAlloc): ZStepWorkspace {
  const ws = allocZStep(prob.data.dims, alloc);
  prepareZStep(ws, prob);
  return ws;
}

/** Allocate the buffers only (no reads or writes), for two-pass arena allocation (`inArena`). */
export function allocZStep(d: Dims, alloc: Alloc): ZStepWorkspace {
  const { T, n, m, r } = d;
  const p = r + n + 1, q = r + 1, mp = padTo4(m), n1 = n + 1, ldx = n1 + (n1 & 1);
  return {
    dims: d, p, mp, ldx,
    G: alloc(p * p), R: alloc(p * r), M: alloc(T * r), Ht: alloc(r * T), S: alloc(r * r), HX1: alloc(r * ldx),
    Ga: alloc(q * q), Ra: alloc(q * mp), U: alloc(p * p), Ua: alloc(q * q),
    X1: alloc(T * ldx), X1t: alloc(n1 * T), Y: alloc(T * mp), X1tX1: alloc(n1 * n1), ySum: alloc(mp),
  };
}

/** Copy the data of `prob` and cache [X 1]ᵀ[X 1] and Σy_t. */
export function prepareZStep(ws: ZStepWorkspace, prob: Problem): void {
  const { T, n, m } = ws.dims;
  const mp = ws.mp, n1 = n + 1, ldx = ws.ldx;
  ws.X1.fill(0);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < n; k++) ws.X1[t * ldx + k] = prob.data.X[t * n + k];
    ws.X1[t * ldx + n] = 1;
  }
  transposeInto(ws.X1t, 0, T, ws.X1, 0, ldx, T, n1);
  ws.Y.fill(0);
  for (let t = 0; t < T; t++) for (let j = 0; j < m; j++) ws.Y[t * mp + j] = prob.data.Y[t * m + j];
  syrkTNo(ws.X1tX1, 0, n1, ws.X1, 0, ldx, T, n1);
  ws.ySum.fill(0);
  for (let t = 0; t < T; t++) for (let j = 0; j < m; j++) ws.ySum[j] += ws.Y[t * mp + j];
}

/**
 * (3.14): write argmin_z L(z, h, u, ξ, ζ, γ) into `out` (ζ does not enter). `h`, `u` are h^{j−1}, u^{j−1}.
 * `faults` (test harness only) may switch on the planted bug 'lambda-half'.
 * @throws NotPositiveDefiniteError if a system matrix is not numerically SPD (non-finite data or γ).
 */
export function zStepInto(
  prob: Problem, ws: ZStepWorkspace, h: Float64Array, u: Float64Array, xi: Float64Array, gamma: number, out: Weights,
  faults: ReadonlySet<WzcFault> = NO_FAULTS,
): void {
  // 2Λ of Lemma 3.1 (iii); the fault halves it
  const two = faults.has('lambda-half') ? 1 : 2;
  gramOfHidden(ws, h);
  solveW(prob, ws, u, xi, gamma, out, two);
  solveA(prob, ws, h, out, two);
}

/** hᵀ, S = Σ_{t<T} h_t h_tᵀ and HX1 = Σ_{t<T} h_t [x_{t+1}ᵀ 1]: the h^{j−1}-parts of both Gram matrices. */
function gramOfHidden(ws: ZStepWorkspace, h: Float64Array): void {
  const { T, r } = ws.dims;
  const ldx = ws.ldx;
  transposeInto(ws.Ht, 0, T, h, 0, r, T, r);
  syrkNNo(ws.S, 0, r, ws.Ht, 0, T, h, 0, r, T - 1, r);
  gemmNNo(ws.HX1, 0, ldx, ws.Ht, 0, T, ws.X1, ldx, ldx, r, T - 1, ldx);
}

function solveW(prob: Problem, ws: ZStepWorkspace, u: Float64Array, xi: Float64Array, gamma: number, out: Weights, two: number): void {
  const { T, n, r } = ws.dims;
  const { p, G, R, M, S, HX1, X1tX1, Ht, X1t, ldx } = ws;
  const l2 = prob.lambda[1], l3 = prob.lambda[2], l4 = prob.lambda[3];
  const last = p - 1, n1 = n + 1;
  // γZᵀZ, block by block: [Σh_{t−1}h_{t−1}ᵀ, Σh_{t−1}x_tᵀ, Σh_{t−1}; ·, XᵀX, Σx_t; ·, ·, T]
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < r; k++) G[i * p + k] = gamma * S[i * r + k];
    for (let k = 0; k < n1; k++) G[i * p + r + k] = gamma * HX1[i * ldx + k];
  }
  for (let i = 0; i < n1; i++) for (let k = 0; k < n1; k++) G[(r + i) * p + r + k] = gamma * X1tX1[i * n1 + k];
  // the lower-left block mirrors the upper-right one (a transpose: pure data movement, in SIMD in the arena)
  transposeInto(G, r * p, p, G, r, p, r, n1);
  for (let i = 0; i < r; i++) G[i * p + i] += two * l2;
  for (let i = r; i < r + n; i++) G[i * p + i] += two * l3;
  G[last * p + last] += two * l4;
  // Zᵀ(γU + Ξ): the h rows from hᵀ, the x rows and the bias row (Σ_t) from [X 1]ᵀ
  for (let i = ewSimd('zM', u, xi, M, M, gamma); i < T * r; i++) M[i] = gamma * u[i] + xi[i];
  gemmNNo(R, 0, r, Ht, 0, T, M, r, r, r, T - 1, r);
  gemmNNo(R, r * r, r, X1t, 0, T, M, 0, r, n1, T, r);
  choleskyBlocked(G, p, 'Q̂1 (z-step)', ws.U);
  cholSolveBlocked(G, p, R, r, ws.U, true);
  // R now holds Θᵀ: row k of R is column k of [W V b]
  transposeInto(out.W, 0, r, R, 0, r, r, r);
  transposeInto(out.V, 0, n, R, r * r, r, n, r);
  const rb = last * r;
  for (let i = 0; i < r; i++) out.b[i] = R[rb + i];
}

function solveA(prob: Problem, ws: ZStepWorkspace, h: Float64Array, out: Weights, two: number): void {
  const { T, n, m, r } = ws.dims;
  const { Ga, Ra, S, HX1, ySum, mp, ldx } = ws;
  const l1 = prob.lambda[0], l5 = prob.lambda[4];
  const q = r + 1, s = 2 / T, hT = (T - 1) * r;
  // (2/T)HᵀH with H_t = [h_t; 1]: add the t = T terms to the shared sums
  for (let i = 0; i < r; i++) {
    const hi = h[hT + i];
    for (let k = 0; k < r; k++) Ga[i * q + k] = s * (S[i * r + k] + hi * h[hT + k]);
    Ga[i * q + r] = Ga[r * q + i] = s * (HX1[i * ldx + n] + hi);
    Ga[i * q + i] += two * l1;
  }
  Ga[r * q + r] = s * T + two * l5;
  gemmNNo(Ra, 0, mp, ws.Ht, 0, T, ws.Y, 0, mp, r, T, mp, s);
  for (let j = 0; j < mp; j++) Ra[r * mp + j] = s * ySum[j];
  choleskyBlocked(Ga, q, 'Q̂2 (z-step)', ws.Ua);
  cholSolveBlocked(Ga, q, Ra, mp, ws.Ua, true);
  transposeInto(out.A, 0, r, Ra, 0, mp, r, m);
  for (let j = 0; j < m; j++) out.c[j] = Ra[r * mp + j];
}

/** n rounded up to a multiple of 4. */
export function padTo4(n: number): number {
  return n + ((4 - (n & 3)) & 3);
}
