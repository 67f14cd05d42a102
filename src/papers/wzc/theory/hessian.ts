/**
 * Strong-convexity moduli of the z- and h-blocks (Theorem 4.3, (4.4)–(4.5)), the iteration bound Ĵ of (4.8), and
 * the lower bound of Lemma 3.1 (i).
 *
 * L is quadratic in z (C1 is linear in w for fixed h; ℓ is quadratic in a) with no w–a coupling, so
 * ∇²_z L = blockdiag(Q̂1, Q̂2); L is quadratic in h, and the only term coupling different times, C1_t, involves
 * h_{t−1} alone, so ∇²_h L = blockdiag(D1, …, D1, D2) (T−1 copies of D1). Both facts are checked in the tests by
 * finite differences of the independent gradient. α1 depends on h only, α2 on A, W and γ.
 *
 * The paper's α1, α2 are infima over the level set Ω_L(Γ); the functions here evaluate at one point. Valid for
 * every s: α1 ≥ 2·min(λ1, …, λ5) and α2 ≥ γ ({@link alpha1LowerBound}, {@link alpha2LowerBound}).
 *
 * Erratum (4.7)/(4.8): the chain Σ_i c_i‖Δ_i‖² ≥ max_i c_i·‖Δ‖² is false; only min_i c_i·‖Δ‖² is a valid
 * lower bound. {@link jHat} is the printed (4.8) with max{α1/2, α2/2, μ/2}; {@link jHatCorrected} uses min.
 * Small sizes only (T, n, m, r ≤ ~8): the Hessians are formed densely.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Iterate, Multipliers, Problem } from '../problem/types.ts';
import { sqnorm } from '../../../linalg/index.ts';
import { blockDiag, D1, D2, QHat1, QHat2 } from './explicit.ts';
import { oracleFn } from '../../../engine/attribution.ts';

/** Smallest eigenvalue of a symmetric matrix (ml-matrix EVD, symmetric path). */
export const minEigenvalue = oracleFn(function minEigenvalue(M: Matrix): number {
  return Math.min(...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues);
});

/** ∇²_z L = blockdiag(Q̂1, Q̂2), in the order z = (w; a) of packW/packA. */
export const hessianZ = oracleFn(function hessianZ(prob: Problem, s: Iterate, gamma: number): Matrix {
  return blockDiag([QHat1(prob, s, gamma), QHat2(prob, s)]);
});

/** ∇²_h L = blockdiag(D1, …, D1, D2), h stacked (h_1; …; h_T). */
export const hessianH = oracleFn(function hessianH(prob: Problem, s: Iterate, gamma: number): Matrix {
  const T = prob.data.dims.T;
  const d1 = D1(prob, s, gamma), d2 = D2(prob, s, gamma);
  return blockDiag([...Array.from({ length: T - 1 }, () => d1), d2]);
});

/** α1 at s: λ_min(∇²_z L) = min(λ_min(Q̂1), λ_min(Q̂2)). */
export const alpha1 = oracleFn(function alpha1(prob: Problem, s: Iterate, gamma: number): number {
  return Math.min(minEigenvalue(QHat1(prob, s, gamma)), minEigenvalue(QHat2(prob, s)));
});

/** α2 at s: λ_min(∇²_h L) = min(λ_min(D1), λ_min(D2)) (= λ_min(D2) since D1 − D2 = γWᵀW ⪰ 0, when T ≥ 2). */
export const alpha2 = oracleFn(function alpha2(prob: Problem, s: Iterate, gamma: number): number {
  const e2 = minEigenvalue(D2(prob, s, gamma));
  return prob.data.dims.T > 1 ? Math.min(minEigenvalue(D1(prob, s, gamma)), e2) : e2;
});

/** A lower bound on α1 valid at every s: 2·min(λ1, …, λ5) (ΨᵀΨ, ΦᵀΦ ⪰ 0). */
export const alpha1LowerBound = oracleFn(function alpha1LowerBound(prob: Problem): number {
  const [l1, l2, l3, l4, l5] = prob.lambda;
  return 2 * Math.min(l1, l2, l3, l4, l5);
});

/** A lower bound on α2 valid at every s: γ (AᵀA, WᵀW ⪰ 0). */
export const alpha2LowerBound = oracleFn(function alpha2LowerBound(gamma: number): number {
  return gamma;
});

/** Lemma 3.1 (i): L(s, ξ, ζ, γ) ≥ −‖ξ‖²/(2γ) − ‖ζ‖²/(2γ) for all s. */
export const lowerBoundL = oracleFn(function lowerBoundL(mult: Multipliers, gamma: number): number {
  return -(sqnorm(mult.xi) + sqnorm(mult.zeta)) / (2 * gamma);
});

/** Inputs of the iteration bound (4.8) of Theorem 4.3. */
export interface JHatInputs {
  /** L(s⁽⁰⁾, ξ, ζ, γ) */
  L0: number;
  xiNorm: number;
  zetaNorm: number;
  gamma: number;
  /** L_{1,k−1}, L_{2,k−1} of (3.4) */
  L1: number;
  L2: number;
  mu: number;
  /** ε_{k−1} */
  eps: number;
  alpha1: number;
  alpha2: number;
}

function jHatWith(inp: JHatInputs, c: number): number {
  const gap = inp.L0 + (inp.xiNorm ** 2 + inp.zetaNorm ** 2) / (2 * inp.gamma);
  const Lmax = Math.max(inp.L1, inp.L2, inp.mu);
  return Math.ceil((gap * Lmax * Lmax) / (c * inp.eps * inp.eps));
}

/** Ĵ of (4.8) as printed: ⌈(L(s⁰) + ‖ξ‖²/2γ + ‖ζ‖²/2γ)·max{L1, L2, μ}² / (max{α1/2, α2/2, μ/2}·ε²)⌉. */
export const jHat = oracleFn(function jHat(inp: JHatInputs): number {
  return jHatWith(inp, Math.max(inp.alpha1 / 2, inp.alpha2 / 2, inp.mu / 2));
});

/** Ĵ with min{α1/2, α2/2, μ/2}, which is what the chain (4.7) actually supports. */
export const jHatCorrected = oracleFn(function jHatCorrected(inp: JHatInputs): number {
  return jHatWith(inp, Math.min(inp.alpha1 / 2, inp.alpha2 / 2, inp.mu / 2));
});
