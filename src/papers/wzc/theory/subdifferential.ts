/**
 * Exact dist(0, ∂L(s, ξ, ζ, γ)) for the limiting subdifferential ∂ used in (3.6) and Theorem 4.3.
 *
 * Derivation. L = g + q with g C¹, so ∂L = ∇g + ∂q (exact sum rule with a smooth term). q = Σ_i q_i(h_i, u_i)
 * is separable, so ∂q is the product of the ∂q_i. Near u_i = 0, q_i is the pointwise selection of two smooth
 * pieces (σ linear with slope σ'(0⁻) resp. σ'(0⁺)) whose h-derivatives agree (= κ_i), so
 * ∂q_i = {κ_i} × S_i with S_i ⊂ ℝ built from the one-sided u-derivatives of L
 * (left_i, right_i, see {@link uOneSided}):
 *  - left_i ≤ right_i (the kink is convex): Fréchet = limiting = the interval [left_i, right_i];
 *  - left_i > right_i (concave kink): Fréchet = ∅, limiting = the limits of gradients = {left_i, right_i}.
 * Hence dist(0, ∂L)² = ‖∇_z g‖² + ‖∇_h L‖² + Σ_{smooth i}(∂_{u_i}L)² + Σ_{kinks} dist(0, S_i)², with
 * dist(0, [l, r]) = max(l, −r, 0) and dist(0, {l, r}) = min(|l|, |r|).
 *
 * With γ = 0 this is the KKT residual of Definition 2.2 for given (ξ, ζ) (see `kkt.ts`).
 * Small sizes only (T, n, m, r ≤ ~8).
 */
import type { Iterate, Multipliers, Problem } from '../problem/types.ts';
import { sqnorm } from '../../../linalg/index.ts';
import { gradG, uOneSided, type BlockVector } from './gradient.ts';
import { oracleFn } from '../../../engine/attribution.ts';

/** Result of {@link distToSubdifferential}. */
export interface SubdiffDist {
  /** dist(0, ∂L) */
  dist: number;
  /** Euclidean norms of the minimal-norm element's z, h and u parts. */
  perBlock: { z: number; h: number; u: number };
  /** Number of coordinates with u_i = 0 exactly and σ'(0⁻) ≠ σ'(0⁺). */
  kinkCount: number;
  /** Kinks with left_i > right_i, where ∂ is a two-point set and the Fréchet subdifferential is empty. */
  concaveKinkCount: number;
  /** The element of ∂L of least norm. */
  minNormElement: BlockVector;
  /** dist(0, Fréchet ∂̂L): equal to `dist` unless some concave kink makes ∂̂L empty (then +∞). */
  frechetDist: number;
}

/** Distance from 0 to the u_i-part S_i at a kink with one-sided derivatives (left, right); returns the nearest element. */
export const kinkNearest = oracleFn(function kinkNearest(left: number, right: number): number {
  if (left <= right) return Math.min(Math.max(0, left), right);
  return Math.abs(left) <= Math.abs(right) ? left : right;
});

/** Exact dist(0, ∂L(s, ξ, ζ, γ)), limiting subdifferential; γ ≥ 0 (γ = 0: ordinary Lagrangian). */
export const distToSubdifferential = oracleFn(function distToSubdifferential(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number): SubdiffDist {
  const e = gradG(prob, s, mult ? mult.xi : null, gamma);
  const os = uOneSided(prob, s, mult, gamma);
  for (let i = 0; i < e.h.length; i++) e.h[i] += os.kappa[i];
  let kinks = 0, concave = 0;
  for (let i = 0; i < e.u.length; i++) {
    if (!os.kink[i]) {
      e.u[i] = os.right[i];
      continue;
    }
    kinks++;
    if (os.left[i] > os.right[i]) concave++;
    e.u[i] = kinkNearest(os.left[i], os.right[i]);
  }
  const z = Math.sqrt(sqnorm(e.z.W) + sqnorm(e.z.V) + sqnorm(e.z.b) + sqnorm(e.z.A) + sqnorm(e.z.c));
  const h = Math.sqrt(sqnorm(e.h)), u = Math.sqrt(sqnorm(e.u));
  const dist = Math.sqrt(z * z + h * h + u * u);
  return {
    dist,
    perBlock: { z, h, u },
    kinkCount: kinks,
    concaveKinkCount: concave,
    minNormElement: e,
    frechetDist: concave > 0 ? Infinity : dist,
  };
});
