/**
 * The augmented Lagrangian L(Q) of (6) and the Lyapunov function L̂ of (26), evaluated directly from their
 * definitions (reference implementations: they allocate; the solver keeps its own running values and is
 * tested against these).
 *
 *   L = ½‖V_N − Y‖² + λ/2 Σ‖W_i‖² + Σ_{i<N} (β_i/2‖σ(W_iV_{i−1}) − V_i‖² + ⟨Λ_i, σ(W_iV_{i−1}) − V_i⟩)
 *       + β_N/2‖W_NV_{N−1} − V_N‖² + ⟨Λ_N, W_NV_{N−1} − V_N⟩                                          (6)
 *   L̂(Q^k, V̂^k) = L(Q^k) + Σ ξ_i ‖V_i^k − V_i^{k−1}‖²                                                  (26)
 */
import { gemm, sqnorm, sqdist } from '../../../linalg/index.ts';
import { sigmaInto } from './activation.ts';
import type { ZlyIterate, ZlyProblem } from './types.ts';
import { layers } from './types.ts';

/** The terms of (6) at one point. */
export interface ZlyLagrangianParts {
  /** ½‖V_N − Y‖². */
  loss: number;
  /** λ/2 Σ‖W_i‖². */
  ridge: number;
  /** β_i/2 ‖C_i‖² per layer, C_i the constraint residual. */
  penalty: number[];
  /** ⟨Λ_i, C_i⟩ per layer. */
  linear: number[];
  /** ‖C_i‖_F per layer: C_i = σ(W_iV_{i−1}) − V_i (i < N), W_NV_{N−1} − V_N. */
  residual: number[];
  /** L(Q) of (6). */
  L: number;
}

/** Constraint residuals C_i of (5) at Q (allocates). */
export function constraintResiduals(prob: ZlyProblem, q: ZlyIterate): Float64Array[] {
  const { dims, X } = prob;
  const N = layers(dims), n = dims.n;
  const out: Float64Array[] = [];
  for (let i = 1; i <= N; i++) {
    const prev = i === 1 ? X : q.V[i - 2];
    const c = new Float64Array(dims.d[i] * n);
    gemm(c, q.W[i - 1], prev, dims.d[i], dims.d[i - 1], n);
    if (i < N) sigmaInto(prob.activation, c, c);
    const v = q.V[i - 1];
    for (let t = 0; t < c.length; t++) c[t] -= v[t];
    out.push(c);
  }
  return out;
}

/** L(Q) of (6) and its terms. */
export function zlyLagrangian(prob: ZlyProblem, q: ZlyIterate): ZlyLagrangianParts {
  const N = layers(prob.dims);
  const C = constraintResiduals(prob, q);
  const loss = 0.5 * sqdist(q.V[N - 1], prob.Y);
  let ridge = 0;
  for (const w of q.W) ridge += sqnorm(w);
  ridge *= prob.lambda / 2;
  const penalty: number[] = [], linear: number[] = [], residual: number[] = [];
  let L = loss + ridge;
  for (let i = 0; i < N; i++) {
    const s = sqnorm(C[i]);
    let lin = 0;
    const lam = q.Lambda[i], c = C[i];
    for (let t = 0; t < c.length; t++) lin += lam[t] * c[t];
    penalty.push((prob.beta[i] / 2) * s);
    linear.push(lin);
    residual.push(Math.sqrt(s));
    L += (prob.beta[i] / 2) * s + lin;
  }
  return { loss, ridge, penalty, linear, residual, L };
}

/** L̂ of (26): L(Q^k) + Σ ξ_i‖V_i^k − V̂_i^k‖² with V̂^k = V^{k−1} (`vPrev`) and weights ξ (length N). */
export function zlyLyapunov(prob: ZlyProblem, q: ZlyIterate, vPrev: readonly Float64Array[], xi: readonly number[]): number {
  let s = zlyLagrangian(prob, q).L;
  for (let i = 0; i < q.V.length; i++) s += xi[i] * sqdist(q.V[i], vPrev[i]);
  return s;
}
