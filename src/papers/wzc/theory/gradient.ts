/**
 * Independent gradients of the augmented Lagrangian (3.1), written by differentiating (3.1) term by term with
 * plain loops — deliberately NOT from Lemma 3.1's Q̂/q̂/D/d formulas, so that those formulas (and the solver
 * code that uses them) can be judged against this.
 *
 * Split (4.1): L = g + q with
 *   g(s, ξ, γ) = R(s) + ⟨ξ, C1(s)⟩ + γ/2‖C1(s)‖²     (equal to (4.2) after completing the square),
 *   q(s, ζ, γ) = ⟨ζ, C2(s)⟩ + γ/2‖C2(s)‖²           (equal to (4.3)).
 * We always use the expanded forms so γ = 0 is allowed: L(s, ξ, ζ, 0) is the ordinary Lagrangian of (2.6),
 * which is how `kkt.ts` reuses these functions.
 *
 * Gradients are returned as a {@link BlockVector} (z as {@link Weights}, h and u as T×r), the same shape as an
 * {@link Iterate}; {@link stackPaper} flattens one to the paper's s = (w; a; h; u). Small sizes only.
 */
import type { Dims, Iterate, Multipliers, Problem, Weights } from '../problem/types.ts';
import { cloneIterate, zeroWeights } from '../problem/types.ts';
import { psiW, packW, packA } from '../../../models/elman.ts';
import { sigma, sigmaSlopes } from '../../../models/activations/piecewise.ts';
import { oracleFn } from '../../../engine/attribution.ts';

/** A vector in the space of s = (z; h; u), e.g. a gradient or a direction d = (d_z, d_h, d_u). */
export type BlockVector = Iterate;

/** The zero block vector for dimensions d. */
export const zeroBlock = oracleFn(function zeroBlock(d: Dims): BlockVector {
  return { z: zeroWeights(d), h: new Float64Array(d.T * d.r), u: new Float64Array(d.T * d.r) };
});

function weightArrays(z: Weights): Float64Array[] {
  return [z.W, z.V, z.b, z.A, z.c];
}

/** s + t·d as a new iterate. */
export const addScaled = oracleFn(function addScaled(s: Iterate, t: number, d: BlockVector): Iterate {
  const out = cloneIterate(s);
  const o = [...weightArrays(out.z), out.h, out.u];
  const v = [...weightArrays(d.z), d.h, d.u];
  for (let k = 0; k < o.length; k++) for (let i = 0; i < o[k].length; i++) o[k][i] += t * v[k][i];
  return out;
});

/** ⟨a, b⟩ over all blocks. */
export const blockDot = oracleFn(function blockDot(a: BlockVector, b: BlockVector): number {
  const x = [...weightArrays(a.z), a.h, a.u];
  const y = [...weightArrays(b.z), b.h, b.u];
  let s = 0;
  for (let k = 0; k < x.length; k++) for (let i = 0; i < x[k].length; i++) s += x[k][i] * y[k][i];
  return s;
});

/** The paper's stacked vector (w; a; h; u), with w = packW(z), a = packA(z). */
export const stackPaper = oracleFn(function stackPaper(d: Dims, v: BlockVector): Float64Array {
  const w = packW(d, v.z), a = packA(d, v.z);
  const N = d.T * d.r;
  const out = new Float64Array(w.length + a.length + 2 * N);
  out.set(w, 0);
  out.set(a, w.length);
  out.set(v.h, w.length + a.length);
  out.set(v.u, w.length + a.length + N);
  return out;
});

/** ρ = ξ + γC1(s), the coefficient that multiplies every derivative of C1 in ∇g. */
function rho1(prob: Problem, s: Iterate, xi: Float64Array | null, gamma: number): Float64Array {
  const d = prob.data.dims;
  const P = new Float64Array(d.T * d.r);
  psiW(d, prob.data.X, s.z, s.h, P);
  for (let i = 0; i < P.length; i++) P[i] = (xi ? xi[i] : 0) + gamma * (s.u[i] - P[i]);
  return P;
}

/**
 * ∇g(s, ξ, γ) for all blocks, g = R + ⟨ξ, C1⟩ + γ/2‖C1‖² (4.2). g is smooth (C1 is polynomial in s).
 * `xi = null` means ξ = 0; γ = 0 gives ∇(R + ⟨ξ, C1⟩).
 */
export const gradG = oracleFn(function gradG(prob: Problem, s: Iterate, xi: Float64Array | null, gamma: number): BlockVector {
  const d = prob.data.dims;
  const { T, n, m, r } = d;
  const [l1, l2, l3, l4, l5, l6] = prob.lambda;
  const { X, Y } = prob.data;
  const { W, V, b, A, c } = s.z;
  const g = zeroBlock(d);
  const rho = rho1(prob, s, xi, gamma);
  // P(s) (2.5)
  for (let i = 0; i < A.length; i++) g.z.A[i] = 2 * l1 * A[i];
  for (let i = 0; i < W.length; i++) g.z.W[i] = 2 * l2 * W[i];
  for (let i = 0; i < V.length; i++) g.z.V[i] = 2 * l3 * V[i];
  for (let i = 0; i < r; i++) g.z.b[i] = 2 * l4 * b[i];
  for (let j = 0; j < m; j++) g.z.c[j] = 2 * l5 * c[j];
  // ⟨ξ, C1⟩ + γ/2‖C1‖² with C1_t = u_t − W h_{t−1} − V x_t − b: ∂/∂u_t = ρ_t, ∂/∂(W h_{t−1} + V x_t + b) = −ρ_t
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < r; i++) {
      const rt = rho[t * r + i];
      g.u[t * r + i] = 2 * l6 * s.u[t * r + i] + rt;
      g.z.b[i] -= rt;
      for (let k = 0; k < n; k++) g.z.V[i * n + k] -= rt * X[t * n + k];
      if (t > 0) {
        for (let k = 0; k < r; k++) {
          g.z.W[i * r + k] -= rt * s.h[(t - 1) * r + k];
          g.h[(t - 1) * r + k] -= rt * W[i * r + k];
        }
      }
    }
  }
  // ℓ(s) = (1/T)Σ‖A h_t + c − y_t‖² (2.4)
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < m; j++) {
      let e = c[j] - Y[t * m + j];
      for (let k = 0; k < r; k++) e += A[j * r + k] * s.h[t * r + k];
      const f = (2 / T) * e;
      g.z.c[j] += f;
      for (let k = 0; k < r; k++) {
        g.z.A[j * r + k] += f * s.h[t * r + k];
        g.h[t * r + k] += f * A[j * r + k];
      }
    }
  }
  return g;
});

/**
 * κ = ζ + γC2(s) = ζ + γ(h − σ(u)), T×r. κ = ∇_h q (q is smooth in h), and the u-part of q has one-sided
 * derivatives −κ_i σ'(u_i^±). `zeta = null` means ζ = 0.
 */
export const kappa = oracleFn(function kappa(prob: Problem, s: Iterate, zeta: Float64Array | null, gamma: number): Float64Array {
  const out = new Float64Array(s.h.length);
  for (let i = 0; i < out.length; i++) out[i] = (zeta ? zeta[i] : 0) + gamma * (s.h[i] - sigma(prob.activation, s.u[i]));
  return out;
});

/** ∇_h q(s, ζ, γ) = ζ + γ(h − σ(u)) (4.3). */
export const gradHq = oracleFn(function gradHq(prob: Problem, s: Iterate, zeta: Float64Array | null, gamma: number): Float64Array {
  return kappa(prob, s, zeta, gamma);
});

/** Coordinate i is a kink of L when u_i is exactly 0 and σ has different one-sided slopes there. */
export const isKink = oracleFn(function isKink(prob: Problem, u: number): boolean {
  if (u !== 0) return false;
  const sl = sigmaSlopes(prob.activation, 0);
  return sl.left !== sl.right;
});

/**
 * One-sided partial derivatives of L in each u_i: right_i = lim_{t↓0}(L(s + t e_i) − L(s))/t and
 * left_i = lim_{t↓0}(L(s) − L(s − t e_i))/t, i.e. ∇_u g_i − κ_i σ'(u_i^±). They differ only at kinks.
 * `kink[i] = 1` marks those coordinates. Valid for any γ ≥ 0.
 */
export const uOneSided = oracleFn(function uOneSided(
  prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number,
): { left: Float64Array; right: Float64Array; kink: Uint8Array; gu: Float64Array; kappa: Float64Array } {
  const gu = gradG(prob, s, mult ? mult.xi : null, gamma).u;
  const k = kappa(prob, s, mult ? mult.zeta : null, gamma);
  const N = gu.length;
  const left = new Float64Array(N), right = new Float64Array(N), kink = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const sl = sigmaSlopes(prob.activation, s.u[i]);
    left[i] = gu[i] - k[i] * sl.left;
    right[i] = gu[i] - k[i] * sl.right;
    kink[i] = isKink(prob, s.u[i]) ? 1 : 0;
  }
  return { left, right, kink, gu, kappa: k };
});

/**
 * Full gradient of L(s, ξ, ζ, γ) at a point where L is differentiable. At kinks, `side` picks which one-sided
 * u-derivative is reported (the gradient of the smooth piece on that side), which is what the limits of
 * gradients from that side converge to.
 */
export const gradLSmooth = oracleFn(function gradLSmooth(
  prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, side: 'left' | 'right' = 'right',
): BlockVector {
  const g = gradG(prob, s, mult ? mult.xi : null, gamma);
  const os = uOneSided(prob, s, mult, gamma);
  for (let i = 0; i < g.h.length; i++) g.h[i] += os.kappa[i];
  g.u.set(side === 'right' ? os.right : os.left);
  return g;
});
