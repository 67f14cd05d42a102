/**
 * The W-updates of Algorithm 1 ("backward estimation"), each the exact minimizer of its subproblem.
 *
 * W_N by (8): min λ/2‖W‖² + β_N/2‖W A − V_N‖² + ⟨Λ_N, W A − V_N⟩ with A = V_{N−1}^{k−1}. Its gradient
 *   λW + (β_N(WA − V_N) + Λ_N)Aᵀ vanishes iff W(λI + β_N AAᵀ) = (β_N V_N − Λ_N)Aᵀ.
 *
 * W_i, i < N, by the LLA subproblem (18): min λ/2‖W‖² + β_i H^k_σ(W; A, B) with A = V_{i−1}^{k−1},
 * B = V_i^{k−1} − β_i^{-1}Λ_i^{k−1} and H^k of (16) linearized at W⁰ = W_i^{k−1}:
 *   H^k = H(W⁰) + ⟨G, (W − W⁰)A⟩ + h/4‖(W − W⁰)A‖²,  G = (σ(W⁰A) − B) ⊙ σ′(W⁰A).
 * Gradient: λW + β_i G Aᵀ + (β_i h/2)(W − W⁰)AAᵀ. With W = W⁰ + Δ it vanishes iff
 *   Δ(λI + (β_i h/2)AAᵀ) = −(λW⁰ + β_i G Aᵀ),
 * solved for Δ (accurate when Δ is small, and no W⁰AAᵀ product). β_i G = (Λ_i + β_i(σ(W⁰A) − V_i))⊙σ′(W⁰A);
 * σ(W⁰A) and σ′(W⁰A) are the workspace's S_i, Dp_i (computed at Q^{k−1} by the previous multiplier update).
 *
 * The W-steps read only Q^{k−1}, so their order (N down to 1) does not change the result.
 */
import { transpose } from '../../../linalg/index.ts';
import { reduceSamples, reduceTransposed, solveGram, TILE } from './solve.ts';
import type { ZlyWorkspace } from './workspace.ts';

/** W_N^k by (8), into the workspace (swapping W[N] and Wold[N]). */
export function wStepOutput(ws: ZlyWorkspace): void {
  const N = ws.N, n = ws.n, m = ws.d[N - 1], p = ws.d[N], bN = ws.beta[N];
  const V = ws.V[N], L = ws.Lam[N], B = ws.rhs;
  const trans = reduceTransposed(m, p), R = trans ? ws.Gt : ws.G;
  for (let r = 0; r < p; r++) {
    const o = r * n;
    if (trans) for (let j = 0; j < n; j++) R[j * p + r] = bN * V[o + j] - L[o + j];
    else for (let j = 0; j < n; j++) R[o + j] = bN * V[o + j] - L[o + j];
  }
  // transposed normal equations (λI + β_N AAᵀ)·Wᵀ = A·(β_N V_N − Λ_N)ᵀ, A = V_{N−1}^{k−1}
  reduceSamples(B, n, m, p, trans, trans ? ws.Vt[N - 1] : ws.V[N - 1], R);
  solveGram(ws, ws.Vt[N - 1], m, ws.lambda, bN, B, p);
  const W = ws.W[N], Wn = ws.Wold[N];
  let s2 = 0;
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < m; c++) {
      const x = B[c * p + r];
      const dlt = x - W[r * m + c];
      Wn[r * m + c] = x;
      s2 += dlt * dlt;
    }
  }
  ws.stepW2[N] = s2;
  ws.Wold[N] = W;
  ws.W[N] = Wn;
}

/** W_i^k, i < N, by the LLA subproblem (18) with h = ws.h[i], into the workspace. */
export function wStepLla(ws: ZlyWorkspace, i: number): void {
  const n = ws.n, m = ws.d[i - 1], p = ws.d[i], bi = ws.beta[i], lambda = ws.lambda;
  const c = ws.faults['no-prox-18'] ? 0 : (bi * ws.h[i]) / 2;
  const trans = reduceTransposed(m, p);
  // A = V_{i−1}^{k−1} (X for i = 1) as Aᵀ (n×m, for the Gram and the transposed reduction) and A (m×n)
  let At = ws.Vt[i - 1], A = ws.V[i - 1];
  if (ws.faults['stale-v-18'] && i > 1) {
    A = ws.Vold[i - 1];
    transpose(ws.T1, A, m, n);
    At = ws.T1;
  }
  // G = (σ(U_i) − V_i + Λ_i/β_i) ⊙ σ′(U_i), p×n, or its transpose (by tiles of TILE rows: TILE read streams,
  // TILE adjacent writes per sample, instead of one write per cache line)
  const S = ws.S[i], D = ws.Dp[i], V = ws.V[i], L = ws.Lam[i], G = trans ? ws.Gt : ws.G, inv = 1 / bi;
  if (trans) {
    for (let r0 = 0; r0 < p; r0 += TILE) {
      const r1 = Math.min(p, r0 + TILE);
      for (let j = 0; j < n; j++) {
        for (let r = r0; r < r1; r++) {
          const t = r * n + j;
          G[j * p + r] = (S[t] - V[t] + inv * L[t]) * D[t];
        }
      }
    }
  } else {
    for (let t = 0; t < p * n; t++) G[t] = (S[t] - V[t] + inv * L[t]) * D[t];
  }
  // right-hand side of Δᵀ: −(λW⁰ᵀ + β_i A Gᵀ), m×p
  const B = ws.rhs, W = ws.W[i];
  reduceSamples(B, n, m, p, trans, trans ? At : A, G, -bi);
  for (let r = 0; r < p; r++) for (let q = 0; q < m; q++) B[q * p + r] -= lambda * W[r * m + q];
  solveGram(ws, At, m, lambda, c, B, p, i === 1 ? ws.gramX : undefined);
  const Wn = ws.Wold[i];
  let s2 = 0;
  for (let r = 0; r < p; r++) {
    for (let q = 0; q < m; q++) {
      const dlt = B[q * p + r];
      Wn[r * m + q] = W[r * m + q] + dlt;
      s2 += dlt * dlt;
    }
  }
  ws.stepW2[i] = s2;
  ws.Wold[i] = W;
  ws.W[i] = Wn;
}
