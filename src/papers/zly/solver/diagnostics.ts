/**
 * Full-trace diagnostics at the current iterate Q^k, from the workspace's caches (U_i = W_iV_{i−1}, σ, σ′ of it,
 * and the residuals C_i = σ_i(U_i) − V_i that (13) just used):
 *
 * - ‖∇L(Q^k)‖_F of (6), with E_i := β_iC_i + Λ_i and F_i := E_i ⊙ σ′(U_i) (F_N := E_N):
 *     ∂L/∂W_i = λW_i + F_i V_{i−1}ᵀ,
 *     ∂L/∂V_i = −E_i + W_{i+1}ᵀF_{i+1} (i < N),   ∂L/∂V_N = (V_N − Y) − E_N,
 *     ∂L/∂Λ_i = C_i.
 *   (theory/gradient.ts computes the same from the definition (6), independently, for the tests.)
 * - the MSE of the network's own forward pass Φ(X; W^k); its first layer σ(W_1X) is the cache S_1.
 */
import { gemmTNo, transpose } from '../../../linalg/index.ts';
import { mulNN, reduceSamples, reduceTransposed } from './solve.ts';
import { sigmaInto } from '../problem/activation.ts';
import type { ZlyWorkspace } from './workspace.ts';

/** ‖Φ(X; W) − Y‖²/(dN·n) at the workspace's W (uses the T1/T2 scratch). */
export function forwardMse(ws: ZlyWorkspace): number {
  const N = ws.N, n = ws.n;
  let prev = ws.S[1];
  let out = ws.T1;
  for (let i = 2; i <= N; i++) {
    mulNN(out, ws.W[i], prev, ws.d[i], ws.d[i - 1], n);
    if (i < N) sigmaInto(ws.act, out, out, ws.d[i] * n, ws.G);
    prev = out;
    out = out === ws.T1 ? ws.T2 : ws.T1;
  }
  const Y = ws.Y;
  let s = 0;
  for (let t = 0; t < Y.length; t++) {
    const e = prev[t] - Y[t];
    s += e * e;
  }
  return s / Y.length;
}

/** ‖∇L(Q^k)‖_F over all W, V and Λ blocks (uses the G/Gt/T1/rhs scratch). */
export function gradientNorm(ws: ZlyWorkspace): number {
  const N = ws.N, n = ws.n, lambda = ws.lambda;
  const F = ws.G, Ft = ws.Gt, back = ws.T1, B = ws.rhs;
  let total = 0;
  for (let i = N; i >= 1; i--) {
    const p = ws.d[i], m = ws.d[i - 1], b = ws.beta[i];
    const V = ws.V[i], L = ws.Lam[i], C = i < N ? ws.S[i] : ws.U[N];
    let gv = 0;
    for (let t = 0; t < p * n; t++) {
      const r = C[t] - V[t];
      const e = b * r + L[t];
      total += r * r; // ∂L/∂Λ_i
      const dv = i === N ? V[t] - ws.Y[t] - e : back[t] - e;
      gv += dv * dv;
      F[t] = i < N ? e * ws.Dp[i][t] : e;
    }
    total += gv;
    // ∂L/∂W_i in transposed form: λW_iᵀ + V_{i−1}F_iᵀ (m×p)
    const trans = reduceTransposed(m, p);
    if (trans) transpose(Ft, F, p, n);
    reduceSamples(B, n, m, p, trans, trans ? ws.Vt[i - 1] : ws.V[i - 1], trans ? Ft : F);
    const W = ws.W[i];
    for (let r = 0; r < p; r++) {
      for (let q = 0; q < m; q++) {
        const g = B[q * p + r] + lambda * W[r * m + q];
        total += g * g;
      }
    }
    // W_iᵀF_i (m×n) feeds ∂L/∂V_{i−1}
    if (i >= 2) gemmTNo(back, 0, n, W, 0, m, F, 0, n, p, m, n);
  }
  return Math.sqrt(total);
}
