/**
 * Structured gradients of the augmented Lagrangian (3.1), computed from the row-major T×r blocks without
 * forming Ψ(h) (an rT × N_w matrix) or Φ(h_t).
 *
 * With G_t := ξ_t + γ(u_t − W h_{t−1} − V x_t − b) (the scaled residual of C1) and
 * E_t := y_t − A h_t − c (the output residual of ℓ):
 *   ∇_W L = −Σ_t G_t h_{t−1}ᵀ + 2λ2 W,   ∇_V L = −Σ_t G_t x_tᵀ + 2λ3 V,   ∇_b L = −Σ_t G_t + 2λ4 b,
 *   ∇_A L = −(2/T) Σ_t E_t h_tᵀ + 2λ1 A,  ∇_c L = −(2/T) Σ_t E_t + 2λ5 c,
 * which is Q̂1 w + q̂1 and Q̂2 a + q̂2 of Lemma 3.1 (iii) written blockwise;
 *   ∇_{h_t} L = −(2/T) Aᵀ E_t + ζ_t + γ(h_t − σ(u_t)) − Wᵀ G_{t+1}   (no last term at t = T),
 * which is D1 h_t − d1t (t < T) and D2 h_T − d2T of Lemma 3.1 (iv); and for the smooth part g of (4.2),
 *   ∇_u g = 2λ6 u + G.
 */
import { gemmNNo, gemmNTo, gemmTNo } from '../../../linalg/blocked.ts';
import { psiW } from '../../../models/elman.ts';
import { sigmaInto } from '../../../models/activations/piecewise.ts';
import type { Dims, Iterate, Multipliers, Problem, Weights } from './types.ts';

/** Scratch buffers for the gradient evaluations. Create once per problem with {@link gradWorkspace}. */
export interface GradWorkspace {
  /** G = ξ + γ(u − Ψ(h)w), T×r. */
  readonly G: Float64Array;
  /** E = Y − H Aᵀ − 1cᵀ, T×m. */
  readonly E: Float64Array;
  /** σ(u), T×r. */
  readonly sig: Float64Array;
}

/** Allocate the gradient workspace for dimensions d. */
export function gradWorkspace(d: Dims): GradWorkspace {
  return { G: new Float64Array(d.T * d.r), E: new Float64Array(d.T * d.m), sig: new Float64Array(d.T * d.r) };
}

/** G = ξ + γ(u − Ψ(h)w), with ξ = 0 when `mult` is null. */
function residualG(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, G: Float64Array): void {
  const d = prob.data.dims;
  psiW(d, prob.data.X, s.z, s.h, G);
  const xi = mult?.xi;
  for (let i = 0; i < G.length; i++) G[i] = (xi ? xi[i] : 0) + gamma * (s.u[i] - G[i]);
}

/** E = Y − H Aᵀ − 1cᵀ. */
function residualE(prob: Problem, s: Iterate, E: Float64Array): void {
  const { T, m, r } = prob.data.dims;
  gemmNTo(E, 0, m, s.h, 0, r, s.z.A, 0, r, T, r, m);
  const Y = prob.data.Y, c = s.z.c;
  for (let t = 0; t < T; t++) for (let j = 0; j < m; j++) E[t * m + j] = Y[t * m + j] - E[t * m + j] - c[j];
}

/**
 * ∇_z L(s, ξ, ζ, γ) of Lemma 3.1 (iii), written blockwise into `out` (out.W = ∇_W L, …, out.c = ∇_c L).
 * `mult` null means ξ = ζ = 0.
 */
export function gradZInto(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, ws: GradWorkspace, out: Weights): void {
  const { T, n, m, r } = prob.data.dims;
  const [l1, l2, l3, l4, l5] = prob.lambda;
  const { G, E } = ws;
  residualG(prob, s, mult, gamma, G);
  const z = s.z;
  // ∇_W = −Σ_{t≥2} G_t h_{t−1}ᵀ: rows 1..T−1 of G against rows 0..T−2 of h
  gemmTNo(out.W, 0, r, G, r, r, s.h, 0, r, T - 1, r, r, -1);
  for (let i = 0; i < r * r; i++) out.W[i] += 2 * l2 * z.W[i];
  gemmTNo(out.V, 0, n, G, 0, r, prob.data.X, 0, n, T, r, n, -1);
  for (let i = 0; i < r * n; i++) out.V[i] += 2 * l3 * z.V[i];
  for (let i = 0; i < r; i++) out.b[i] = 2 * l4 * z.b[i];
  for (let t = 0; t < T; t++) for (let i = 0; i < r; i++) out.b[i] -= G[t * r + i];
  residualE(prob, s, E);
  gemmTNo(out.A, 0, r, E, 0, m, s.h, 0, r, T, m, r, -2 / T);
  for (let i = 0; i < m * r; i++) out.A[i] += 2 * l1 * z.A[i];
  for (let j = 0; j < m; j++) out.c[j] = 2 * l5 * z.c[j];
  for (let t = 0; t < T; t++) for (let j = 0; j < m; j++) out.c[j] -= (2 / T) * E[t * m + j];
}

/** ∇_h L(s, ξ, ζ, γ) of Lemma 3.1 (iv) as a T×r array (row t−1 = ∇_{h_t} L), with σ in place of (·)_+. */
export function gradHInto(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, ws: GradWorkspace, out: Float64Array): void {
  const { T, m, r } = prob.data.dims;
  const { G, E, sig } = ws;
  residualG(prob, s, mult, gamma, G);
  residualE(prob, s, E);
  sigmaInto(prob.activation, s.u, sig);
  // −(2/T) E A  (row t: −(2/T) Aᵀ E_t)
  gemmNNo(out, 0, r, E, 0, m, s.z.A, 0, r, T, m, r, -2 / T);
  // −Wᵀ G_{t+1} for t < T: rows 1..T−1 of G times W, into rows 0..T−2
  gemmNNo(out, 0, r, G, r, r, s.z.W, 0, r, T - 1, r, r, -1, 1);
  const zeta = mult?.zeta;
  for (let i = 0; i < T * r; i++) out[i] += (zeta ? zeta[i] : 0) + gamma * (s.h[i] - sig[i]);
}

/** ∇_u g(s, ξ, γ) of the smooth part (4.2): 2λ6 u + ξ + γ(u − Ψ(h)w), T×r. */
export function gradUSmoothInto(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, ws: GradWorkspace, out: Float64Array): void {
  const l6 = prob.lambda[5];
  residualG(prob, s, mult, gamma, ws.G);
  for (let i = 0; i < out.length; i++) out[i] = 2 * l6 * s.u[i] + ws.G[i];
}
