/**
 * Problem (2.6) and its augmented Lagrangian (3.1):
 *   L(s, ξ, ζ, γ) = R(s) + ⟨ξ, C1(s)⟩ + ⟨ζ, C2(s)⟩ + γ/2‖C1(s)‖² + γ/2‖C2(s)‖²,
 *   R = ℓ + P,  C1 = u − Ψ(h)w,  C2 = h − σ(u)   (2.4)–(2.6).
 * Evaluations reuse a workspace so solver traces allocate nothing per iteration.
 */
import { sqnorm } from '../../../linalg/dense.ts';
import { cloneWeights, forward, psiW } from '../../../models/elman.ts';
import { sigmaInto } from '../../../models/activations/piecewise.ts';
import type { Dims, Iterate, Multipliers, Problem, Weights } from './types.ts';

/** Scratch buffers (T×r each) for evaluations. Create once per problem with {@link alWorkspace}. */
export interface ALWorkspace {
  readonly Pw: Float64Array;
  readonly sig: Float64Array;
}

/** Allocate the evaluation workspace for dimensions d. */
export function alWorkspace(d: Dims): ALWorkspace {
  return { Pw: new Float64Array(d.T * d.r), sig: new Float64Array(d.T * d.r) };
}

/** Every term of (3.1) at one point; `L` is the augmented Lagrangian value. */
export interface ALParts {
  /** ℓ(s) (2.4) */
  ell: number;
  /** P(s) (2.5) */
  P: number;
  /** R(s) = ℓ + P (2.6) */
  R: number;
  /** ‖C1(s)‖ = ‖u − Ψ(h)w‖ */
  c1: number;
  /** ‖C2(s)‖ = ‖h − σ(u)‖ */
  c2: number;
  /** ⟨ξ, C1⟩ + ⟨ζ, C2⟩ */
  linear: number;
  /** the augmented Lagrangian value */
  L: number;
  /** FeasVio = max{‖C1‖, ‖C2‖} (§5.2) */
  feasVio: number;
}

/** ℓ(s) = (1/T)Σ‖y_t − A h_t − c‖² (2.4). */
export function ell(prob: Problem, s: Iterate): number {
  const { T, m, r } = prob.data.dims;
  const { A, c } = s.z;
  const Y = prob.data.Y;
  let acc = 0;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < m; j++) {
      let o = c[j];
      const aj = j * r, ht = t * r;
      for (let k = 0; k < r; k++) o += A[aj + k] * s.h[ht + k];
      const e = Y[t * m + j] - o;
      acc += e * e;
    }
  }
  return acc / T;
}

/** P(s) of (2.5). */
export function penalty(prob: Problem, s: Iterate): number {
  const [l1, l2, l3, l4, l5, l6] = prob.lambda;
  const { A, W, V, b, c } = s.z;
  return l1 * sqnorm(A) + l2 * sqnorm(W) + l3 * sqnorm(V) + l4 * sqnorm(b) + l5 * sqnorm(c) + l6 * sqnorm(s.u);
}

/**
 * All terms of L(s, ξ, ζ, γ). With `mult` omitted, ξ = ζ = 0. `gamma` only scales the quadratic terms.
 */
export function alParts(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, ws?: ALWorkspace): ALParts {
  const d = prob.data.dims;
  const w = ws ?? alWorkspace(d);
  psiW(d, prob.data.X, s.z, s.h, w.Pw);
  sigmaInto(prob.activation, s.u, w.sig);
  let c1sq = 0, c2sq = 0, lin = 0;
  const N = d.T * d.r;
  for (let i = 0; i < N; i++) {
    const e1 = s.u[i] - w.Pw[i];
    const e2 = s.h[i] - w.sig[i];
    c1sq += e1 * e1;
    c2sq += e2 * e2;
    if (mult) lin += mult.xi[i] * e1 + mult.zeta[i] * e2;
  }
  const l = ell(prob, s);
  const P = penalty(prob, s);
  const R = l + P;
  const c1 = Math.sqrt(c1sq), c2 = Math.sqrt(c2sq);
  return { ell: l, P, R, c1, c2, linear: lin, L: R + lin + 0.5 * gamma * (c1sq + c2sq), feasVio: Math.max(c1, c2) };
}

/** L(s, ξ, ζ, γ) of (3.1). */
export function augmentedLagrangian(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, ws?: ALWorkspace): number {
  return alParts(prob, s, mult, gamma, ws).L;
}

/** s⁰ = (z⁰, ĥ, û), the feasible start of Algorithm 3.1: a forward pass of (a copy of) z⁰. */
export function feasibleStart(prob: Problem, z0: Weights): Iterate {
  const z = cloneWeights(z0);
  return { z, ...forward(prob.data.dims, prob.data.X, z, prob.activation) };
}

/**
 * Every term of L(s⁰, ξ⁰ = 0, ζ⁰ = 0, γ) at the feasible start s⁰. s⁰ ∈ F, so L = R(s⁰): the least Γ that (3.10)
 * allows, which Table 2's fixed Γ = 100 may not meet. `gamma` only scales the (rounding-level) ‖C‖² terms.
 */
export function startParts(prob: Problem, z0: Weights, gamma = 1): ALParts {
  return alParts(prob, feasibleStart(prob, z0), null, gamma);
}

/** Constraint residuals C1 = u − Ψ(h)w and C2 = h − σ(u) written into the two T×r outputs (2.4). */
export function constraints(prob: Problem, s: Iterate, C1: Float64Array, C2: Float64Array): void {
  const d = prob.data.dims;
  psiW(d, prob.data.X, s.z, s.h, C1);
  sigmaInto(prob.activation, s.u, C2);
  for (let i = 0; i < C1.length; i++) {
    C1[i] = s.u[i] - C1[i];
    C2[i] = s.h[i] - C2[i];
  }
}
