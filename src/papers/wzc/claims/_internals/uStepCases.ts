/**
 * u-step coordinates built from the geometry of each closed form's case analysis, so that every case of (3.20)–
 * (3.22), (4.35)–(4.36) and (4.37)–(4.38) is drawn on purpose instead of by luck (issue #6). Each constructor picks
 * the quantities the case conditions are written in — the numerators of u⁺ and u⁻, the inflection points of φ_ELU,
 * the minimizer of a convex piece — and solves back for θ1, θ2, θ3 given γ, μ, λ6 and the activation.
 *
 * With a = γ + μ + 2λ6 and b = γθ1 + μθ3, shifting φ by φ(0) gives on u ≥ 0 and u < 0 (any σ):
 *   φ(u) − φ(0) = a/2 u² − b u + γ/2 σ(u)(σ(u) − 2θ2),
 * so ReLU's u⁺ = (b + γθ2)₊/(a + γ) with value −(b + γθ2)₊²/2(a + γ), u⁻ = −(b)₋/a with value −b₋²/2a, and leaky
 * ReLU's u⁻ has numerator p = b + γϖθ2 and denominator a + γϖ².
 */
import fc from 'fast-check';
import { gridValue, positiveArb } from '../../../../engine/arbitraries.ts';
import type { Activation } from '../../problem/types.ts';

/** θ1, θ2, θ3 of one coordinate; `exact` when the case sits on a boundary that rounding must not move. */
export interface CaseTheta {
  th: readonly [number, number, number];
  exact: boolean;
}

/** γ, μ, λ6 shared by the coordinates of a case. */
export interface CaseParams {
  gamma: number;
  mu: number;
  lambda6: number;
}

/** β ∈ (0, 10] on the grid k/100: the size of a numerator, in units of γ. */
const beta = fc.integer({ min: 1, max: 1000 }).map((k) => k / 100);

/**
 * ρ for a contest between u⁺ and u⁻: the ratio of √(−2·φ-drop) of the two. ρ < 1: u⁻ wins, ρ > 1: u⁺ wins;
 * ρ = 1 ± 1e-9 is a tie to rounding (Remark 3.4's rule decides it, either answer is a global minimizer).
 */
const rho = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(1 - 1e-9, 1 + 1e-9, 1 - 1e-4, 1 + 1e-4) },
  { weight: 3, arbitrary: fc.integer({ min: 5, max: 300 }).map((k) => k / 100) },
);

/** θ3 on the grid [−5, 5] and θ1 solving γθ1 + μθ3 = b. */
function thetaFromB(p: CaseParams, b: number, th2: number, exact = false): fc.Arbitrary<CaseTheta> {
  return gridValue(5).map((th3) => ({ th: [(b - p.mu * th3) / p.gamma, th2, th3] as const, exact }));
}

/** The ReLU cases of (3.20)–(3.22), by the signs of b (u⁻'s numerator) and b + γθ2 (u⁺'s). */
export const RELU_CASES = ['zero', 'plus-only', 'minus-only', 'contest', 'b-zero', 'plus-numerator-zero'] as const;

function reluCase(p: CaseParams, which: (typeof RELU_CASES)[number]): fc.Arbitrary<CaseTheta> {
  const g = p.gamma, a = g + p.mu + 2 * p.lambda6;
  switch (which) {
    case 'zero': // b ≥ 0, b + γθ2 ≤ 0: u⁺ = u⁻ = 0
      return fc.tuple(beta, beta).chain(([b1, b2]) => thetaFromB(p, g * b1, -(b1 + b2)));
    case 'plus-only': // b ≥ 0 < b + γθ2
      return fc.tuple(beta, gridValue(5)).chain(([b1, t2]) => thetaFromB(p, g * b1, t2));
    case 'minus-only': // b < 0, b + γθ2 ≤ 0
      return fc.tuple(beta, beta).chain(([b1, b2]) => thetaFromB(p, -g * b1, b1 - b2));
    case 'contest': // b < 0 < b + γθ2, (b + γθ2)²/(a + γ) = ρ²·b²/a
      return fc.tuple(beta, rho).chain(([b1, r]) => thetaFromB(p, -g * b1, b1 + b1 * r * Math.sqrt((a + g) / a)));
    case 'b-zero': // θ1 = θ3 = 0: b = 0 exactly, the boundary of (3.22)'s condition
      return gridValue(5).map((t2) => ({ th: [0, t2, 0] as const, exact: true }));
    case 'plus-numerator-zero': // θ3 = 0, θ2 = −θ1: γθ1 + γθ2 + μθ3 = 0 exactly, the boundary of (3.21)'s
      return gridValue(5).map((t1) => ({ th: [t1, -t1, 0] as const, exact: true }));
  }
}

/**
 * The leaky-ReLU cases of (4.34)–(4.36), by the signs of p = b + γϖθ2 (u⁻'s numerator) and q = b + γθ2 (u⁺'s),
 * plus the two regions where the printed condition of (4.35) (b < 0) disagrees with the sign of p (erratum
 * wzc-E-4.35): b < 0 ≤ p and p < 0 ≤ b. From (p, q): θ2 = (q − p)/(γ(1 − ϖ)), b = (p − ϖq)/(1 − ϖ).
 */
export const LEAKY_CASES = ['zero', 'plus-only', 'minus-only', 'contest', 'b-negative-p-nonnegative', 'p-negative-b-nonnegative'] as const;

function leakyCase(p: CaseParams, slope: number, which: (typeof LEAKY_CASES)[number]): fc.Arbitrary<CaseTheta> {
  const g = p.gamma, a = g + p.mu + 2 * p.lambda6, w = slope;
  const fromPQ = (pp: number, q: number) => thetaFromB(p, (pp - w * q) / (1 - w), (q - pp) / (g * (1 - w)));
  switch (which) {
    case 'zero':
      return fc.tuple(beta, beta).chain(([b1, b2]) => fromPQ(g * b1, -g * b2));
    case 'plus-only':
      return fc.tuple(beta, beta).chain(([b1, b2]) => fromPQ(g * b1, g * b2));
    case 'minus-only':
      return fc.tuple(beta, beta).chain(([b1, b2]) => fromPQ(-g * b1, -g * b2));
    case 'contest':
      return fc.tuple(beta, rho).chain(([b1, r]) => fromPQ(-g * b1, g * b1 * r * Math.sqrt((a + g) / (a + g * w * w))));
    case 'b-negative-p-nonnegative': // p ≥ 0 and q > p/ϖ make b < 0: (4.35) as printed returns p/(a + γϖ²) ≥ 0
      return fc.tuple(beta, beta).chain(([b1, b2]) => fromPQ(g * b1, (g * b1) / w + g * b2));
    case 'p-negative-b-nonnegative': // p < 0 and q ≤ p/ϖ make b ≥ 0: (4.35) as printed returns 0, u⁻ is p/(a + γϖ²)
      return fc.tuple(beta, beta).chain(([b1, b2]) => fromPQ(-g * b1, (-g * b1) / w - g * b2));
  }
}

/**
 * The ELU cases of (4.37)–(4.38). φ'' = ψ(eᵘ), ψ(z) = 2γα²z² − γα(θ2 + α)z + a, so φ is non-convex on (−∞, 0]
 * exactly when ψ has roots z1 < z2 < 1; then the convex pieces are (−∞, u1] and [u2, 0], u_i = ln z_i. Given α,
 * γ, a and z2 ∈ (√(a/2γα²), 1), z1 = a/(2γα² z2) and θ2 = 2α(z1 + z2) − α. A chosen point m in a convex piece is
 * made a stationary point of φ by b = a m − γα eᵐ(θ2 − α(eᵐ − 1)) (φ'(m) = 0); in the right piece it is then its
 * minimizer, below φ(0), and often the global one (uStep.ts:221).
 *
 * - `zeros`: θ1 = θ2 = θ3 = 0 exactly through nonzero Pw, h, ξ, ζ (b = 0 and θ2 = 0: uStep.ts:184's last arm).
 * - `convex`: θ2 ≤ −α (ψ has no positive root), b < 0: u⁻ is the one interior minimizer.
 * - `right-piece`, `left-piece`: φ non-convex, b makes a point of that piece stationary.
 * - `inflection`: b puts the stationary point exactly at u2 (φ' and φ'' both 0 there: a flat inflection).
 * Non-convex cases need α² > a/(2γ); below that they fall back to `convex`.
 */
export const ELU_CASES = ['zeros', 'convex', 'right-piece', 'left-piece', 'inflection'] as const;

/** Grid fraction in (0, 1). */
const frac = fc.integer({ min: 1, max: 99 }).map((k) => k / 100);

/**
 * The inflection points u1 < u2 of φ_ELU on (−∞, 0) (roots of ψ(eᵘ) = 0, (4.40) for general α), or null when
 * φ_ELU is convex on all of (−∞, 0] (no root z ∈ (0, 1)). A root u ≥ 0 is returned as is; callers check u < 0.
 */
export function eluInflections(th2: number, gamma: number, a: number, alpha: number): [number, number] | null {
  const B = th2 + alpha, disc = B * B - (8 * a) / gamma;
  if (!(B > 0 && disc > 0)) return null;
  const q = 0.5 * (B + Math.sqrt(disc));
  return [Math.log(a / (gamma * alpha) / q), Math.log(q / (2 * alpha))];
}

/** b that makes φ'_ELU(m) = 0 (m < 0). */
export function eluStationaryB(m: number, th2: number, gamma: number, a: number, alpha: number): number {
  const e = Math.exp(m);
  return a * m - gamma * alpha * e * (th2 - alpha * (e - 1));
}

function eluCase(p: CaseParams, alpha: number, which: (typeof ELU_CASES)[number]): fc.Arbitrary<CaseTheta> {
  const g = p.gamma, a = g + p.mu + 2 * p.lambda6;
  const zMin = Math.sqrt(a / (2 * g * alpha * alpha));
  if (which === 'zeros') return fc.constant({ th: [0, 0, 0] as const, exact: true });
  if (which === 'convex' || !(zMin < 1)) {
    return fc.tuple(beta, beta).chain(([b1, t]) => thetaFromB(p, -g * b1, -alpha - t));
  }
  return fc.tuple(frac, frac).chain(([s, t]) => {
    // the right piece wins most often when the two inflections are close (z2 near zMin) and m is near 0
    const z2 = zMin + (which === 'right-piece' ? 0.4 * s : s) * (1 - zMin) * 0.999;
    const z1 = a / (2 * g * alpha * alpha * z2);
    const th2 = 2 * alpha * (z1 + z2) - alpha;
    const u1 = Math.log(z1), u2 = Math.log(z2);
    // a point of the right piece (u2, 0), of the left piece (u1 − 3, u1), or u2 itself
    const m = which === 'right-piece' ? u2 * (0.7 - 0.7 * t) : which === 'left-piece' ? u1 - 3 * t : u2;
    return thetaFromB(p, eluStationaryB(m, th2, g, a, alpha), th2);
  });
}

/**
 * γ, μ, λ6 for the case-built coordinates. For ELU, μ ≤ 0.9γ and λ6 ≤ 0.09γ keep a/γ < 2α² for α ≥ 1 (φ_ELU can
 * then be non-convex); otherwise as the uniform draws (mantissa·10^e).
 */
export function caseParamsArb(act: Activation): fc.Arbitrary<CaseParams> {
  if (act.kind !== 'elu') return fc.record({ gamma: positiveArb(-2, 2), mu: positiveArb(-3, 1), lambda6: positiveArb(-8, 1) });
  return fc
    .record({ gamma: positiveArb(-2, 2), mu: positiveArb(-4, -1), lambda6: positiveArb(-8, -2) })
    .map(({ gamma, mu, lambda6 }) => ({ gamma, mu: gamma * mu, lambda6: gamma * lambda6 }));
}

/** The case names of an activation's closed form. */
export function casesOf(act: Activation): readonly string[] {
  return act.kind === 'relu' ? RELU_CASES : act.kind === 'leaky-relu' ? LEAKY_CASES : ELU_CASES;
}

/** θ for one coordinate in a case drawn uniformly among the activation's cases. */
export function caseThetaArb(act: Activation, p: CaseParams): fc.Arbitrary<CaseTheta> {
  switch (act.kind) {
    case 'relu':
      return fc.constantFrom(...RELU_CASES).chain((c) => reluCase(p, c));
    case 'leaky-relu':
      return fc.constantFrom(...LEAKY_CASES).chain((c) => leakyCase(p, act.slope, c));
    case 'elu':
      return fc.constantFrom(...ELU_CASES).chain((c) => eluCase(p, act.alpha, c));
  }
}
