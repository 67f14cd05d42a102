/**
 * The V-updates of Algorithm 1 ("forward prediction"), j = 1..N in order, each the exact minimizer of its
 * subproblem given W^k and the already updated V_1^k..V_{j−1}^k. Each also computes U_j = W_j^k V_{j−1}^k and
 * σ, σ′ of it: the point where (13) and the next iteration's (18) need them.
 *
 * V_j, j ≤ N−2, by (19): min β_j/2‖S_j + Λ_j/β_j − V‖² + β_{j+1} M^k_σ(V; W, B), S_j = σ(W_j^k V_{j−1}^k),
 * W = W_{j+1}^k, B = V_{j+1}^{k−1} − Λ_{j+1}^{k−1}/β_{j+1}, M^k of (17) linearized at V⁰ = V_j^{k−1}:
 *   M^k = M(V⁰) + ⟨G, W(V − V⁰)⟩ + μ/4‖W(V − V⁰)‖²,  G = (σ(WV⁰) − B) ⊙ σ′(WV⁰).
 * Gradient: −β_j(S_j − V) − Λ_j + β_{j+1}WᵀG + (β_{j+1}μ/2)WᵀW(V − V⁰). With V = V⁰ + D it vanishes iff
 *   (β_jI + (β_{j+1}μ/2)WᵀW)·D = β_j(S_j − V⁰) + Λ_j − β_{j+1}WᵀG.
 * (The printed closed form (60) adds Wᵀ[(Λ_{j+1} + β_{j+1}(σ − V_{j+1}))⊙σ′] where this subtracts it: a claim
 * for part 2.)
 *
 * V_{N−1} by (11): the gradient −β_{N−1}(S − V) − Λ_{N−1} + W_Nᵀ(β_N(W_NV − V_N^{k−1}) + Λ_N) vanishes iff
 *   (β_{N−1}I + β_N W_NᵀW_N)·V = Λ_{N−1} + β_{N−1}S − W_Nᵀ(Λ_N − β_N V_N^{k−1})     (as (59)).
 *
 * V_N by (12): (V − Y) − β_N(W_NV_{N−1}^k − V) − Λ_N = 0, i.e. V = (Y + β_N W_NV_{N−1}^k + Λ_N)/(1 + β_N).
 * (Not the printed (58), which substitutes Λ_N^{k−1} = V_N^{k−1} − Y: false at k = 1, where Λ⁰ = 0.)
 */
import { gemmNNo, gemmTNo } from '../../../linalg/index.ts';
import { llaGradientInto, sigmaAndSlopeInto } from '../problem/activation.ts';
import { mulNN, solveShifted, TILE } from './solve.ts';
import type { ZlyWorkspace } from './workspace.ts';

/** U_j = W_j^k V_{j−1}^k with σ and σ′ of it (j < N), into the workspace. */
function preActivation(ws: ZlyWorkspace, j: number): void {
  const m = ws.d[j];
  gemmNNo(ws.U[j], 0, ws.n, ws.W[j], 0, ws.d[j - 1], ws.V[j - 1], 0, ws.n, m, ws.d[j - 1], ws.n);
  sigmaAndSlopeInto(ws.act, ws.U[j], ws.S[j], ws.Dp[j], m * ws.n);
}

/**
 * Store the new V_j, held in Vold[j] (plus V_j when `delta`: then Vold[j] holds the step D): one pass writes the
 * new block, its transpose (which the W-steps and ∇L read) and the squared step norm; then the buffers swap.
 */
function commitV(ws: ZlyWorkspace, j: number, delta: boolean): void {
  const Vn = ws.Vold[j], V = ws.V[j], m = ws.d[j], n = ws.n;
  const Vt = j < ws.N ? ws.Vt[j] : null;
  let s2 = 0;
  for (let r0 = 0; r0 < m; r0 += TILE) {
    const r1 = Math.min(m, r0 + TILE);
    for (let c = 0; c < n; c++) {
      for (let r = r0; r < r1; r++) {
        const t = r * n + c, v = V[t];
        const x = delta ? Vn[t] + v : Vn[t];
        const dlt = x - v;
        Vn[t] = x;
        s2 += dlt * dlt;
        if (Vt) Vt[c * m + r] = x;
      }
    }
  }
  ws.stepV2[j] = s2;
  ws.Vold[j] = V;
  ws.V[j] = Vn;
}

/** V_j^k, j ≤ N−2, by the LLA subproblem (19) with μ = ws.mu[j]. */
export function vStepLla(ws: ZlyWorkspace, j: number): void {
  const n = ws.n, m = ws.d[j], p = ws.d[j + 1], bj = ws.beta[j], bj1 = ws.beta[j + 1];
  preActivation(ws, j);
  const W = ws.faults['stale-w-19'] ? ws.Wold[j + 1] : ws.W[j + 1];
  const G = ws.G;
  gemmNNo(G, 0, n, W, 0, m, ws.V[j], 0, n, p, m, n);
  llaGradientInto(ws.act, G, ws.V[j + 1], ws.Lam[j + 1], 1 / bj1, G, p * n, ws.T2);
  // right-hand side of D, built in Vold[j]
  const R = ws.Vold[j], S = ws.S[j], V = ws.V[j], L = ws.Lam[j];
  gemmTNo(R, 0, n, W, 0, m, G, 0, n, p, m, n, -bj1, 0);
  for (let t = 0; t < m * n; t++) R[t] += bj * (S[t] - V[t]) + L[t];
  solveShifted(ws, W, p, m, bj, (bj1 * ws.mu[j]) / 2, R);
  commitV(ws, j, true);
}

/** V_{N−1}^k by (11). */
export function vStepPenultimate(ws: ZlyWorkspace): void {
  const N = ws.N, n = ws.n, m = ws.d[N - 1], p = ws.d[N], bN = ws.beta[N], b1 = ws.beta[N - 1];
  preActivation(ws, N - 1);
  const Z = ws.T2, LN = ws.Lam[N], VN = ws.V[N];
  for (let t = 0; t < p * n; t++) Z[t] = LN[t] - bN * VN[t];
  const R = ws.Vold[N - 1], S = ws.S[N - 1], L = ws.Lam[N - 1];
  gemmTNo(R, 0, n, ws.W[N], 0, m, Z, 0, n, p, m, n, -1, 0);
  for (let t = 0; t < m * n; t++) R[t] += L[t] + b1 * S[t];
  solveShifted(ws, ws.W[N], p, m, b1, bN, R);
  commitV(ws, N - 1, false);
}

/**
 * V_N^k by (12). With the fault `dual-before-vn`, Λ_N is first updated with V_N^{k−1} and (12) then uses it;
 * returns whether Λ_N was already updated.
 */
export function vStepOutput(ws: ZlyWorkspace): boolean {
  const N = ws.N, n = ws.n, m = ws.d[N - 1], p = ws.d[N], bN = ws.beta[N];
  const U = ws.U[N];
  mulNN(U, ws.W[N], ws.V[N - 1], p, m, n);
  const early = ws.faults['dual-before-vn'];
  let L = ws.Lam[N];
  if (early) {
    const Ln = ws.Lold[N], V = ws.V[N];
    let s2 = 0;
    for (let t = 0; t < p * n; t++) {
      const dlt = bN * (U[t] - V[t]);
      Ln[t] = L[t] + dlt;
      s2 += dlt * dlt;
    }
    ws.stepL2[N] = s2;
    ws.Lold[N] = L;
    ws.Lam[N] = Ln;
    L = Ln;
  }
  const Vn = ws.Vold[N], Y = ws.Y, inv = 1 / (1 + bN);
  for (let t = 0; t < p * n; t++) Vn[t] = (Y[t] + bN * U[t] + L[t]) * inv;
  commitV(ws, N, false);
  return early;
}
