/**
 * The smooth activations of ZLY (Proposition 1: sigmoid and tanh), the constants L0, L1, L2 of Assumption 1
 * ("|σ(u)| ≤ L0, |σ′(u)| ≤ L1 and |σ″(u)| ≤ L2 for any u ∈ ℝ"), and the curvature bound 𝕃 of (22).
 *
 * Derivation of the constants (the independent symbolic check is `theory/assumption1.ts`, with mathjs):
 * - sigmoid s(u) = 1/(1 + e^{−u}) ∈ (0, 1): L0 = sup|s| = 1 (approached as u → ∞, never attained).
 *   s′ = s(1 − s) ≤ 1/4 with equality at u = 0: L1 = 1/4.
 *   s″ = s(1 − s)(1 − 2s) =: f(s); f′(s) = 6s² − 6s + 1 = 0 at s = (3 ∓ √3)/6, where s(1 − s) = 1/6 and
 *   |1 − 2s| = √3/3: L2 = √3/18 ≈ 0.0962, at u = ln(s/(1 − s)) = ln(2 ∓ √3) ≈ ∓1.317.
 * - tanh t(u) ∈ (−1, 1): L0 = 1. t′ = 1 − t² ≤ 1 at u = 0: L1 = 1.
 *   t″ = −2t(1 − t²); d/dt [2t(1 − t²)] = 2 − 6t² = 0 at t = ±1/√3: L2 = 2·(1/√3)·(2/3) = 4/(3√3) ≈ 0.7698, at
 *   u = ±atanh(1/√3) ≈ ±0.6585.
 *
 * 𝕃(|c|) = 2L2(L0 + |c|) + 2L1² (22) bounds |f_c″| for f_c(u) = (σ(u) − c)²: f_c″ = 2σ′² + 2(σ − c)σ″.
 *
 * The hot loops use the fused {@link sigmaAndSlopeInto}: one exp per entry gives σ and σ′ (s′ = s(1 − s),
 * tanh′ = 1 − t²), which is what every LLA step needs.
 */

/** Activation names accepted by ZLY (Proposition 1). */
export const ZLY_ACTIVATIONS = ['sigmoid', 'tanh'] as const;

/** A smooth hidden-layer activation of ZLY. */
export type ZlyActivation = (typeof ZLY_ACTIVATIONS)[number];

/** The constants of Assumption 1: sup|σ|, sup|σ′|, sup|σ″|. */
export interface Assumption1Constants {
  readonly L0: number;
  readonly L1: number;
  readonly L2: number;
}

const SQRT3 = Math.sqrt(3);

/** L0, L1, L2 of Assumption 1 for `act` (derived in the module header). */
export function assumption1(act: ZlyActivation): Assumption1Constants {
  return act === 'sigmoid' ? { L0: 1, L1: 0.25, L2: SQRT3 / 18 } : { L0: 1, L1: 1, L2: 4 / (3 * SQRT3) };
}

/** 𝕃(|c|) = 2L2(L0 + |c|) + 2L1² of (22). */
export function curvatureBound(k: Assumption1Constants, c: number): number {
  return 2 * k.L2 * (k.L0 + Math.abs(c)) + 2 * k.L1 * k.L1;
}

/** σ(u) for one scalar. */
export function sigma(act: ZlyActivation, u: number): number {
  return act === 'sigmoid' ? 1 / (1 + Math.exp(-u)) : Math.tanh(u);
}

/** σ′(u) for one scalar. */
export function sigmaPrime(act: ZlyActivation, u: number): number {
  const s = sigma(act, u);
  return act === 'sigmoid' ? s * (1 - s) : 1 - s * s;
}

/** σ″(u) for one scalar. */
export function sigmaSecond(act: ZlyActivation, u: number): number {
  const s = sigma(act, u);
  return act === 'sigmoid' ? s * (1 - s) * (1 - 2 * s) : -2 * s * (1 - s * s);
}

/** out_i = σ(u_i) for i < len. `out` may alias `u`. */
export function sigmaInto(act: ZlyActivation, u: Float64Array, out: Float64Array, len = u.length): void {
  if (act === 'sigmoid') for (let i = 0; i < len; i++) out[i] = 1 / (1 + Math.exp(-u[i]));
  else for (let i = 0; i < len; i++) out[i] = Math.tanh(u[i]);
}

/** s_i = σ(u_i) and ds_i = σ′(u_i) for i < len, one exp per entry. `s` may alias `u`; `ds` must not. */
export function sigmaAndSlopeInto(act: ZlyActivation, u: Float64Array, s: Float64Array, ds: Float64Array, len = u.length): void {
  if (act === 'sigmoid') {
    for (let i = 0; i < len; i++) {
      const v = 1 / (1 + Math.exp(-u[i]));
      s[i] = v;
      ds[i] = v * (1 - v);
    }
  } else {
    for (let i = 0; i < len; i++) {
      const v = Math.tanh(u[i]);
      s[i] = v;
      ds[i] = 1 - v * v;
    }
  }
}

/** Whether `s` names a ZLY activation. */
export function isZlyActivation(s: unknown): s is ZlyActivation {
  return typeof s === 'string' && (ZLY_ACTIVATIONS as readonly string[]).includes(s);
}
