/**
 * Smooth activations of ZLY and TKS: sigmoid and tanh, their first three derivatives, and the constants of
 * ZLY Assumption 1, which reads (001_*.txt, l. 168):
 *
 *   "Let σ : ℝ → ℝ be a twice-differentiable bounded function with bounded first- and second-order
 *    derivatives, namely, there exist positive constants L0, L1, L2 such that: |σ(u)| ≤ L0, |σ′(u)| ≤ L1 and
 *    |σ″(u)| ≤ L2 for any u ∈ ℝ."
 *
 * So L0, L1, L2 bound the values of |σ|, |σ′|, |σ″| (not Lipschitz constants of σ′ or σ″; L1 and L2 are the
 * Lipschitz constants of σ and σ′ only as a consequence). The smallest valid constants are the suprema, derived
 * below; ZLY Proposition 1 (App. D) only states that they exist.
 *
 * Sigmoid s(u) = 1/(1 + e^{−u}).
 *  (S0) 0 < s < 1 and s → 1 as u → ∞, so sup|s| = 1 =: L0 (a supremum, not attained).
 *  (S1) s′ = e^{−u}/(1 + e^{−u})² = s(1 − s). On s ∈ (0,1), s(1 − s) ≤ 1/4 with equality iff s = 1/2 ⇔ u = 0,
 *       so L1 = 1/4.
 *  (S2) s″ = s′(1 − 2s) = p(s) with p(s) = s − 3s² + 2s³. p(0) = p(1) = 0; p′(s) = 1 − 6s + 6s² vanishes at
 *       s± = (3 ± √3)/6, where s(1 − s) = 1/6 and |1 − 2s| = 1/√3, so |s″| = 1/(6√3) = √3/18 =: L2
 *       (≈ 0.0962250). There u = ln(s/(1 − s)) = ln((3 ± √3)/(3 ∓ √3)) = ln(2 ± √3) = ±ln(2 + √3) ≈ ±1.316958.
 *  (S3) s‴ = (s′(1 − 2s))′ = s′(1 − 2s)² − 2s′² = s′(1 − 6s′), using (1 − 2s)² = 1 − 4s(1 − s). It vanishes iff
 *       s′ = 1/6 ⇔ s = s±: the stationary points of s″ are exactly u = ±ln(2 + √3).
 *  Numerics. With a = |u|, e = e^{−a} ∈ [0, 1] and q = 1/(1 + e) ∈ [1/2, 1], {s, 1 − s} = {q, e·q} (s = q for
 *  u ≥ 0). Neither is formed by a subtraction, so s′ = e·q² keeps full relative precision until e^{−a} itself
 *  leaves the normal range (a ≳ 708) and underflows to 0 past a ≈ 745. 1 − 2s = −sgn(u)·(1 − e)·q with
 *  1 − e = −expm1(−a), exact to relative precision near u = 0; hence s″ = −sgn(u)·s′·(1 − e)·q. e ≤ 1 for all
 *  u (±∞ included), so nothing overflows.
 *
 * Hyperbolic tangent t(u) = tanh u = (1 − e^{−2u})/(1 + e^{−2u}) = 2s(2u) − 1, so t^{(k)}(u) = 2^{k+1}·s^{(k)}(2u)
 * for k ≥ 1, and every supremum scales by 2^{k+1}:
 *  (T0) |t| < 1 and t → ±1, so L0 = 1 (not attained).
 *  (T1) t′ = 4s′(2u) = 1 − t² ≤ 1, equality at u = 0: L1 = 1.
 *  (T2) t″ = 8s″(2u) = −2t(1 − t²): L2 = 8·√3/18 = 4√3/9 = 4/(3√3) (≈ 0.769800), attained at
 *       2u = ±ln(2 + √3), i.e. u = ±½·ln(2 + √3) = ±atanh(1/√3) ≈ ±0.658479 (where t² = 1/3).
 *  (T3) t‴ = 16s‴(2u) = −2(1 − t²)(1 − 3t²), zero at t² = 1/3: again the stationary points of t″.
 *  Numerics. The value is Math.tanh (saturates to ±1). The derivatives use the sigmoid forms at 2u: 1 − t²
 *  cancels to 0 once t rounds to 1 (|u| ≳ 19) although t′ ≈ 4e^{−2|u|} is still far above the underflow
 *  threshold. 2u and the factors 2^{k+1} are exact multiplications.
 */

/** A smooth activation of ZLY (Assumption 1, Proposition 1) and TKS (f = tanh in (4)). */
export type SmoothActivation = { readonly kind: 'sigmoid' } | { readonly kind: 'tanh' };

/**
 * Constants of ZLY Assumption 1 for one activation, |σ| ≤ L0, |σ′| ≤ L1, |σ″| ≤ L2 on ℝ, at their smallest
 * (the suprema), with where the last two are attained.
 */
export interface SmoothBounds {
  /** sup |σ(u)| (not attained: approached as u → ±∞). */
  readonly L0: number;
  /** sup |σ′(u)|, attained at u = `argmaxD1`. */
  readonly L1: number;
  /** sup |σ″(u)|, attained at u = ±`argmaxD2`, where σ‴ = 0. */
  readonly L2: number;
  /** The maximiser of |σ′| (0 for both). */
  readonly argmaxD1: number;
  /** The positive maximiser of |σ″|; the other is its negative. */
  readonly argmaxD2: number;
}

const SQRT3 = Math.sqrt(3);
/** ln(2 + √3), the sigmoid's (S2) maximiser of |s″|. */
const LN_2_PLUS_SQRT3 = Math.log(2 + SQRT3);

const SIGMOID_BOUNDS: SmoothBounds = {
  L0: 1, // (S0)
  L1: 1 / 4, // (S1)
  L2: SQRT3 / 18, // (S2)
  argmaxD1: 0,
  argmaxD2: LN_2_PLUS_SQRT3,
};

const TANH_BOUNDS: SmoothBounds = {
  L0: 1, // (T0)
  L1: 1, // (T1)
  L2: (4 * SQRT3) / 9, // (T2)
  argmaxD1: 0,
  argmaxD2: LN_2_PLUS_SQRT3 / 2,
};

/** The constants L0, L1, L2 of ZLY Assumption 1 for `act` (see the module header for their derivation). */
export function smoothBounds(act: SmoothActivation): SmoothBounds {
  return act.kind === 'sigmoid' ? SIGMOID_BOUNDS : TANH_BOUNDS;
}

// Sigmoid kernels on a = |u|, e = e^{−a}, q = 1/(1 + e) (module header, "Numerics").

function sigmoid(u: number): number {
  const e = Math.exp(-Math.abs(u));
  const q = 1 / (1 + e);
  return u >= 0 ? q : e * q;
}

/** (S1) s′ = s(1 − s) = e·q². */
function sigmoidD1(u: number): number {
  const e = Math.exp(-Math.abs(u));
  const q = 1 / (1 + e);
  return e * q * q;
}

/** (S2) s″ = s′·(1 − 2s) = −sgn(u)·s′·(1 − e)·q. */
function sigmoidD2(u: number): number {
  const a = Math.abs(u);
  const e = Math.exp(-a);
  const q = 1 / (1 + e);
  const m = e * q * q * -Math.expm1(-a) * q;
  return u >= 0 ? -m : m;
}

/** (S3) s‴ = s′(1 − 6s′). */
function sigmoidD3(u: number): number {
  const d1 = sigmoidD1(u);
  return d1 * (1 - 6 * d1);
}

/** σ(u) for one scalar. */
export function smoothSigma(act: SmoothActivation, u: number): number {
  return act.kind === 'sigmoid' ? sigmoid(u) : Math.tanh(u);
}

/** σ′(u) for one scalar; (S1), (T1). */
export function smoothSigmaPrime(act: SmoothActivation, u: number): number {
  return act.kind === 'sigmoid' ? sigmoidD1(u) : 4 * sigmoidD1(2 * u);
}

/** σ″(u) for one scalar; (S2), (T2). */
export function smoothSigmaSecond(act: SmoothActivation, u: number): number {
  return act.kind === 'sigmoid' ? sigmoidD2(u) : 8 * sigmoidD2(2 * u);
}

/** σ‴(u) for one scalar; (S3), (T3). */
export function smoothSigmaThird(act: SmoothActivation, u: number): number {
  return act.kind === 'sigmoid' ? sigmoidD3(u) : 16 * sigmoidD3(2 * u);
}

/** out_i = σ(u_i). `out` may alias `u`. */
export function smoothSigmaInto(act: SmoothActivation, u: Float64Array, out: Float64Array): void {
  if (act.kind === 'sigmoid') for (let i = 0; i < u.length; i++) out[i] = sigmoid(u[i]);
  else for (let i = 0; i < u.length; i++) out[i] = Math.tanh(u[i]);
}

/** out_i = σ′(u_i). `out` may alias `u`. */
export function smoothSigmaPrimeInto(act: SmoothActivation, u: Float64Array, out: Float64Array): void {
  if (act.kind === 'sigmoid') for (let i = 0; i < u.length; i++) out[i] = sigmoidD1(u[i]);
  else for (let i = 0; i < u.length; i++) out[i] = 4 * sigmoidD1(2 * u[i]);
}

/** out_i = σ″(u_i). `out` may alias `u`. */
export function smoothSigmaSecondInto(act: SmoothActivation, u: Float64Array, out: Float64Array): void {
  if (act.kind === 'sigmoid') for (let i = 0; i < u.length; i++) out[i] = sigmoidD2(u[i]);
  else for (let i = 0; i < u.length; i++) out[i] = 8 * sigmoidD2(2 * u[i]);
}

/** out_i = σ‴(u_i). `out` may alias `u`. */
export function smoothSigmaThirdInto(act: SmoothActivation, u: Float64Array, out: Float64Array): void {
  if (act.kind === 'sigmoid') for (let i = 0; i < u.length; i++) out[i] = sigmoidD3(u[i]);
  else for (let i = 0; i < u.length; i++) out[i] = 16 * sigmoidD3(2 * u[i]);
}

/** Human-readable name, used in reports. */
export function smoothActivationName(act: SmoothActivation): string {
  return act.kind;
}
