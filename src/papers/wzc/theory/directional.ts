/**
 * Exact directional derivatives and d-stationarity of the augmented Lagrangian (3.1), Lemma 4.5 / Theorem 4.6.
 *
 * Structure used (derived, not taken from the paper): L = g + q with g smooth and
 * q = Σ_i q_i(h_i, u_i), q_i = ζ_i(h_i − σ(u_i)) + γ/2(h_i − σ(u_i))². With κ_i = ζ_i + γ(h_i − σ(u_i)),
 *   q_i'((h_i, u_i); (a, v)) = κ_i·a − κ_i·σ'(u_i; v),   σ'(u; v) = v·σ'(u⁺) if v ≥ 0, v·σ'(u⁻) if v < 0,
 * (the cross term of the square is o(t) because σ is Lipschitz), so
 *   L'(s; d) = ⟨∇_z g, d_z⟩ + ⟨∇_h L, d_h⟩ + Σ_i φ_i(d_u,i),
 *   φ_i(v) = right_i·v (v ≥ 0), left_i·v (v < 0),
 * with right_i/left_i the one-sided partial derivatives of L in u_i ({@link uOneSided}). L'(s; ·) is therefore
 * a sum of one-variable positively homogeneous functions of the coordinates of d — which also proves
 * Lemma 4.5 (blockwise nonnegativity ⇒ joint nonnegativity) for this L.
 *
 * Minimum over the unit ball. Per coordinate j with |d_j| = τ_j the smallest value is −β_j τ_j, where
 * β_j = |∂_j L| on smooth coordinates and β_i = max(−right_i, left_i) at kinks (take v = +τ or −τ). Then
 *   inf_{‖d‖ ≤ 1} L'(s; d) = inf_{τ ≥ 0, ‖τ‖ ≤ 1} −Σ_j β_j τ_j = −‖β⁺‖₂   (Cauchy–Schwarz, β⁺ = max(β, 0)),
 * exactly, attained at d_j = ±β_j⁺/‖β⁺‖ with the sign that realizes β_j. s is d-stationary (L'(s; d) ≥ 0 ∀d)
 * iff β⁺ = 0: ∇_z g = 0, ∇_h L = 0, ∂_u L = 0 off kinks, and left_i ≤ 0 ≤ right_i at kinks (so a kink where
 * left_i > right_i, a concave kink, is never d-stationary unless both are 0).
 *
 * Small sizes only (T, n, m, r ≤ ~8): every call recomputes full gradients.
 */
import type { Iterate, Multipliers, Problem } from '../problem/types.ts';
import { blockDot, gradG, uOneSided, zeroBlock, type BlockVector } from './gradient.ts';
import { oracleFn } from '../../../engine/attribution.ts';

/** The pieces of L'(s; ·): a = gradient on the smooth coordinates (u-entries at kinks set to 0) and the kink slopes. */
function pieces(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number) {
  const os = uOneSided(prob, s, mult, gamma);
  const a = gradG(prob, s, mult ? mult.xi : null, gamma);
  for (let i = 0; i < a.h.length; i++) a.h[i] += os.kappa[i];
  for (let i = 0; i < a.u.length; i++) a.u[i] = os.kink[i] ? 0 : os.right[i];
  return { a, os };
}

/** L'(s, ξ, ζ, γ; d), exact (one-sided at kinks u_i = 0). */
export const directionalDerivative = oracleFn(function directionalDerivative(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, d: BlockVector): number {
  const { a, os } = pieces(prob, s, mult, gamma);
  let v = blockDot(a, d);
  for (let i = 0; i < d.u.length; i++) {
    if (!os.kink[i]) continue;
    const di = d.u[i];
    v += di >= 0 ? os.right[i] * di : os.left[i] * di;
  }
  return v;
});

/** Result of {@link minDirectionalDerivative}. */
export interface MinDirectional {
  /** inf over ‖d‖ ≤ 1 of L'(s; d) = −‖β⁺‖ (≤ 0; 0 iff d-stationary). */
  value: number;
  /** A unit minimizing direction (zero when value = 0). */
  direction: BlockVector;
  /** Number of kink coordinates (u_i = 0 with σ'(0⁻) ≠ σ'(0⁺)). */
  kinkCount: number;
  /** Kinks with left_i > right_i (−κ_iσ locally concave): never d-stationary there unless left = right = 0. */
  concaveKinkCount: number;
}

/** Exact inf_{‖d‖≤1} L'(s, ξ, ζ, γ; d) and a minimizing direction (see the module comment for the derivation). */
export const minDirectionalDerivative = oracleFn(function minDirectionalDerivative(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number): MinDirectional {
  const d = prob.data.dims;
  const { a, os } = pieces(prob, s, mult, gamma);
  const dir = zeroBlock(d);
  const src = [a.z.W, a.z.V, a.z.b, a.z.A, a.z.c, a.h, a.u];
  const dst = [dir.z.W, dir.z.V, dir.z.b, dir.z.A, dir.z.c, dir.h, dir.u];
  let sq = 0, kinkCount = 0, concave = 0;
  for (let k = 0; k < src.length; k++) {
    for (let i = 0; i < src[k].length; i++) {
      dst[k][i] = -src[k][i];
      sq += src[k][i] * src[k][i];
    }
  }
  for (let i = 0; i < dir.u.length; i++) {
    if (!os.kink[i]) continue;
    kinkCount++;
    if (os.left[i] > os.right[i]) concave++;
    // descent rate of +e_i is −right_i, of −e_i is left_i
    const up = -os.right[i], down = os.left[i];
    const beta = Math.max(up, down, 0);
    dir.u[i] = beta === 0 ? 0 : up >= down ? beta : -beta;
    sq += beta * beta;
  }
  const norm = Math.sqrt(sq);
  if (norm > 0) for (const v of dst) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return { value: -norm, direction: dir, kinkCount, concaveKinkCount: concave };
});

/** Result of {@link isDStationary}. */
export interface DStationarity {
  /** violation ≤ tol·scale. */
  stationary: boolean;
  /** Worst per-coordinate descent rate max_j β_j⁺ (‖β⁺‖∞); 0 at a d-stationary point. */
  violation: number;
  /** max(1, largest magnitude among the terms that make up β), the scale of the relative test. */
  scale: number;
}

/**
 * d-stationarity test of s for min_s L(s, ξ, ζ, γ) (3.5): stationary iff L'(s; d) ≥ 0 for all d, i.e. β⁺ = 0.
 * `tol` is relative to `scale` because β is a difference of terms of that size.
 */
export const isDStationary = oracleFn(function isDStationary(prob: Problem, s: Iterate, mult: Multipliers | null, gamma: number, tol: number = 1e-9): DStationarity {
  const { a, os } = pieces(prob, s, mult, gamma);
  let viol = 0, scale = 1;
  for (const v of [a.z.W, a.z.V, a.z.b, a.z.A, a.z.c, a.h, a.u]) {
    for (let i = 0; i < v.length; i++) viol = Math.max(viol, Math.abs(v[i]));
  }
  for (let i = 0; i < os.gu.length; i++) {
    scale = Math.max(scale, Math.abs(os.gu[i]), Math.abs(os.kappa[i]));
    if (os.kink[i]) viol = Math.max(viol, -os.right[i], os.left[i]);
  }
  return { stationary: viol <= tol * scale, violation: viol, scale };
});
