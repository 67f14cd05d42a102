/**
 * The u-block (3.16) of WZC Algorithm 3.2. It separates into rT scalar problems (3.19), (4.34), (4.37):
 *
 *   φ(u) = γ/2 (u − θ1)² + γ/2 (θ2 − σ(u))² + μ/2 (u − θ3)² + λ6 u²,
 *   θ1 = (Ψ(h)w)_i − ξ_i/γ,  θ2 = h_i + ζ_i/γ,  θ3 = u_i^{prev},
 *
 * each solved here to GLOBAL optimality as u* = u⁺ if φ(u⁺) ≤ φ(u⁻), else u⁻ (Remark 3.4's tie rule), with
 * u⁺ = argmin over [0, ∞) and u⁻ = argmin over (−∞, 0]. On [0, ∞) all three activations are the identity,
 * so u⁺ is (3.21) for each of them.
 *
 * - ReLU: u⁻ is (3.22).
 * - Leaky ReLU σ(u) = ϖu (u < 0): φ is a convex quadratic on (−∞, 0] with
 *   φ'(u) = (γ + γϖ² + μ + 2λ6)u − (γθ1 + γϖθ2 + μθ3), so u⁻ = min{0, (γθ1+γϖθ2+μθ3)/(γ+γϖ²+2λ6+μ)}.
 *   The paper's (4.35) has this value but the condition "γθ1 + μθ3 < 0" carried over from (3.22); that
 *   condition is wrong (see fixtures/counterexamples/wzc/wzc.eq4.35.leaky-uminus--hand-derived.json).
 *   {@link uMinusLeakyPaper435} keeps the literal version for the claims engine.
 * - ELU σ(u) = α(eᵘ − 1) (u < 0): no closed form; see {@link eluUMinus} for the provably global 1-D search.
 */
import type { Activation } from '../../../models/elman.ts';
import { sigma } from '../../../models/activations/piecewise.ts';
import { NO_FAULTS, type WzcFault } from './mutants.ts';
import { wzcSimdFor } from './simdSteps.ts';

const EPS = Number.EPSILON;
/** Cap on safeguarded-Newton steps; bisection alone needs ≤ ~1100 halvings to exhaust a double range, Newton far fewer. */
const MAX_NEWTON = 200;

// Planted-bug switches, resolved once per call (see mutants.ts).
const TIE_REVERSED = 1;
const NO_PROX = 2;
const UMINUS_BUG = 4;

function faultFlags(faults: ReadonlySet<WzcFault>): number {
  if (faults.size === 0) return 0;
  return (faults.has('tie-reversed') ? TIE_REVERSED : 0) | (faults.has('no-prox') ? NO_PROX : 0)
    | (faults.has('u-minus-gamma-theta2') ? UMINUS_BUG : 0);
}

/** φ(u) of (3.19)/(4.34)/(4.37) for activation `act`. */
export function phiScalar(
  act: Activation, u: number, th1: number, th2: number, th3: number, gamma: number, mu: number, lambda6: number,
): number {
  return phiS(u, sigma(act, u), th1, th2, th3, gamma, mu, lambda6);
}

/** φ with σ(u) = s already evaluated. */
function phiS(u: number, s: number, th1: number, th2: number, th3: number, g: number, mu: number, l6: number): number {
  const d1 = u - th1;
  const d2 = th2 - s;
  const d3 = u - th3;
  return 0.5 * g * d1 * d1 + 0.5 * g * d2 * d2 + 0.5 * mu * d3 * d3 + l6 * u * u;
}

/** u⁺ of (3.21): the minimizer of φ over [0, ∞), identical for ReLU, leaky ReLU and ELU. */
export function uPlus(th1: number, th2: number, th3: number, gamma: number, mu: number, lambda6: number): number {
  const num = gamma * th1 + gamma * th2 + mu * th3;
  return num > 0 ? num / (2 * gamma + 2 * lambda6 + mu) : 0;
}

/** u⁻ of (3.22) for ReLU: the minimizer of φ over (−∞, 0]. */
export function uMinusRelu(th1: number, th3: number, gamma: number, mu: number, lambda6: number): number {
  const num = gamma * th1 + mu * th3;
  return num < 0 ? num / (gamma + 2 * lambda6 + mu) : 0;
}

/** u⁻ for leaky ReLU with slope ϖ, corrected condition: (4.35)'s value, taken only when its numerator is < 0. */
export function uMinusLeaky(
  th1: number, th2: number, th3: number, gamma: number, mu: number, lambda6: number, slope: number,
): number {
  const num = gamma * th1 + gamma * slope * th2 + mu * th3;
  return num < 0 ? num / (gamma + gamma * slope * slope + 2 * lambda6 + mu) : 0;
}

/**
 * The paper's literal (4.35): value (γθ1+γϖθ2+μθ3)/(γ+γϖ²+2λ6+μ) if γθ1 + μθ3 < 0, else 0. Not the argmin over
 * (−∞, 0] in general (it can be positive, or 0 when the true u⁻ is negative). For the claims engine only.
 */
export function uMinusLeakyPaper435(
  th1: number, th2: number, th3: number, gamma: number, mu: number, lambda6: number, slope: number,
): number {
  const num = gamma * th1 + gamma * slope * th2 + mu * th3;
  return gamma * th1 + mu * th3 < 0 ? num / (gamma + gamma * slope * slope + 2 * lambda6 + mu) : 0;
}

/** The planted 'u-minus-gamma-theta2' bug: u⁻ borrowing u⁺'s γθ2 term. */
function uMinusMutant(th1: number, th2: number, th3: number, g: number, mu: number, l6: number): number {
  const num = g * th1 + g * th2 + mu * th3;
  return num < 0 ? num / (g + 2 * l6 + mu) : 0;
}

/** ReLU u⁺, u⁻ of (3.20)–(3.22) and their objective values (paper-literal, for the claims engine). */
export function uPlusMinus(
  th1: number, th2: number, th3: number, gamma: number, mu: number, lambda6: number,
): { uPlus: number; uMinus: number; phiPlus: number; phiMinus: number } {
  const up = uPlus(th1, th2, th3, gamma, mu, lambda6);
  const um = uMinusRelu(th1, th3, gamma, mu, lambda6);
  return {
    uPlus: up,
    uMinus: um,
    phiPlus: phiS(up, up, th1, th2, th3, gamma, mu, lambda6),
    phiMinus: phiS(um, 0, th1, th2, th3, gamma, mu, lambda6),
  };
}

/**
 * φ'' on u < 0 for ELU with general α, re-derived from (4.37):
 *   φ''(u) = 2γα² e^{2u} − γα(θ2 + α) eᵘ + γ + μ + 2λ6.
 * For α = 1 this is the paper's (4.39); in z = eᵘ it is the quadratic ψ(z) = 2γα²z² − γα(θ2+α)z + γ+μ+2λ6 (4.40).
 */
export function eluPhiSecond(u: number, th2: number, gamma: number, mu: number, lambda6: number, alpha: number): number {
  const e = Math.exp(u);
  return 2 * gamma * alpha * alpha * e * e - gamma * alpha * (th2 + alpha) * e + gamma + mu + 2 * lambda6;
}

/**
 * φ(u) − φ(0) = a/2 u² − b u + γ/2 σ(σ − 2θ2), with a = γ+μ+2λ6, b = γθ1+μθ3, s = σ(u).
 * All comparisons between candidates use this shifted form: φ itself carries the constant
 * φ(0) = γθ1²/2 + γθ2²/2 + μθ3²/2, which can exceed the differences being compared by far more than 1/ε
 * (e.g. μ = 1e-8, θ3 = 1e13), and then rounding, not φ, would decide the winner.
 */
function phiShift(u: number, s: number, a: number, b: number, g: number, th2: number): number {
  return (0.5 * a * u - b) * u + 0.5 * g * s * (s - 2 * th2);
}

/** φ'(u), u ≤ 0, ELU: a u − b − γα eᵘ (θ2 − σ(u)), the derivative of phiShift. */
function eluD1(u: number, a: number, b: number, g: number, th2: number, al: number): number {
  return a * u - b - g * al * Math.exp(u) * (th2 - al * Math.expm1(u));
}

/** φ''(u), u ≤ 0, ELU: a − γα eᵘ (θ2 − σ(u)) + γα² e^{2u} (equal to {@link eluPhiSecond}). */
function eluD2(u: number, a: number, g: number, th2: number, al: number): number {
  const e = Math.exp(u);
  return a - g * al * e * (th2 - al * Math.expm1(u)) + g * al * al * e * e;
}

/**
 * Minimizer of the ELU φ over [l, r] on which φ'' ≥ 0, so φ' is nondecreasing: an endpoint if φ' does not
 * change sign, else the root of φ' by Newton safeguarded with bisection on a maintained sign bracket.
 */
function eluConvexMin(l: number, r: number, a: number, b: number, g: number, th2: number, al: number): number {
  if (!(l < r)) return r;
  if (eluD1(l, a, b, g, th2, al) >= 0) return l;
  if (eluD1(r, a, b, g, th2, al) <= 0) return r;
  let lo = l;
  let hi = r;
  // Far left the exponential terms vanish and φ' ≈ a u − b: a good first guess there.
  let x = b / a;
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  for (let it = 0; it < MAX_NEWTON; it++) {
    const d = eluD1(x, a, b, g, th2, al);
    if (d === 0) return x;
    if (d < 0) lo = x;
    else hi = x;
    let xn = x - d / eluD2(x, a, g, th2, al);
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi); // Newton left the bracket (or φ'' ≈ 0 near an inflection)
    if (Math.abs(xn - x) <= 2 * EPS * Math.abs(x) || hi - lo <= 2 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) {
      return xn;
    }
    x = xn;
  }
  return x;
}

/**
 * u⁻ for ELU: a global minimizer of (4.37) over (−∞, 0], by the scheme of (4.38)–(4.40):
 * 1. Bracket. On u < 0, φ(u) ≥ a/2 u² − b u + C with a = γ+μ+2λ6, b = γθ1+μθ3, C = γθ1²/2 + μθ3²/2, while
 *    φ(0) = C + γθ2²/2. So φ(u) > φ(0) whenever a u² − 2bu − γθ2² > 0, i.e. for u < u_lo = (b − √(b²+aγθ2²))/a,
 *    and the minimum over (−∞, 0] is attained on [u_lo, 0].
 * 2. Split. φ''(u) = ψ(eᵘ) with ψ(z) = 2γα²z² − γα(θ2+α)z + a (see {@link eluPhiSecond}); its roots z1 ≤ z2
 *    give u1 = ln z1 ≤ u2 = ln z2, and φ is convex on (−∞, u1] ∪ [u2, 0], concave between. No real positive roots
 *    (θ2 + α ≤ 0, or (θ2+α)² ≤ 8a/γ) means φ is convex on all of (−∞, 0].
 * 3. A local minimizer inside (u_lo, 0) has φ'' ≥ 0, so it lies in a convex piece; the global minimizer over
 *    [u_lo, 0] is therefore 0, u_lo (never strictly better than 0, by step 1) or a convex piece's minimizer.
 */
export function eluUMinus(
  th1: number, th2: number, th3: number, gamma: number, mu: number, lambda6: number, alpha: number,
): number {
  const g = gamma;
  const a = g + mu + 2 * lambda6;
  const b = g * th1 + mu * th3;
  const c = g * th2 * th2;
  const s = Math.sqrt(b * b + a * c);
  // Both forms of the negative root, each free of cancellation in its own sign range of b.
  const uLo = b < 0 ? (b - s) / a : b + s > 0 ? -c / (b + s) : 0;
  if (!(uLo < 0)) return 0;

  // Inflection points: ψ(z)/(γα) = 2α z² − B z + a/(γα), B = θ2 + α; discriminant B² − 8a/γ.
  let u1 = 0;
  let u2 = 0;
  let convexEverywhere = true;
  const B = th2 + alpha;
  if (B > 0) {
    const disc = B * B - (8 * a) / g;
    if (disc > 0) {
      const q = 0.5 * (B + Math.sqrt(disc)); // stable pair of roots: z2 = q/(2α), z1 = (a/(γα))/q
      u1 = Math.log(a / (g * alpha) / q);
      u2 = Math.log(q / (2 * alpha));
      convexEverywhere = false;
    }
  }

  let m1 = NaN;
  let m2 = NaN;
  if (convexEverywhere || u1 >= 0) {
    m1 = eluConvexMin(uLo, 0, a, b, g, th2, alpha);
  } else {
    if (u1 > uLo) m1 = eluConvexMin(uLo, u1, a, b, g, th2, alpha);
    if (u2 < 0) m2 = eluConvexMin(Math.max(u2, uLo), 0, a, b, g, th2, alpha);
  }
  let best = 0;
  let fBest = 0; // phiShift(0) = 0
  if (!Number.isNaN(m1)) {
    const f = phiShift(m1, alpha * Math.expm1(m1), a, b, g, th2);
    if (f < fBest) {
      best = m1;
      fBest = f;
    }
  }
  if (!Number.isNaN(m2)) {
    const f = phiShift(m2, alpha * Math.expm1(m2), a, b, g, th2);
    if (f < fBest) best = m2;
  }
  return best;
}

/** Remark 3.4 on shifted values: u⁺ unless φ(u⁻) is strictly smaller (reversed by the 'tie-reversed' mutant). */
function choose(up: number, fUp: number, um: number, fUm: number, flags: number): number {
  if (flags & TIE_REVERSED) return fUp < fUm ? up : um;
  return fUp <= fUm ? up : um;
}

function reluMin(th1: number, th2: number, th3: number, g: number, mu: number, l6: number, flags: number): number {
  const a = g + mu + 2 * l6;
  const b = g * th1 + mu * th3;
  const up = uPlus(th1, th2, th3, g, mu, l6);
  const um = flags & UMINUS_BUG ? uMinusMutant(th1, th2, th3, g, mu, l6) : uMinusRelu(th1, th3, g, mu, l6);
  return choose(up, phiShift(up, up, a, b, g, th2), um, phiShift(um, 0, a, b, g, th2), flags);
}

function leakyMin(
  th1: number, th2: number, th3: number, g: number, mu: number, l6: number, slope: number, flags: number,
): number {
  const a = g + mu + 2 * l6;
  const b = g * th1 + mu * th3;
  const up = uPlus(th1, th2, th3, g, mu, l6);
  const um = flags & UMINUS_BUG ? uMinusMutant(th1, th2, th3, g, mu, l6) : uMinusLeaky(th1, th2, th3, g, mu, l6, slope);
  return choose(up, phiShift(up, up, a, b, g, th2), um, phiShift(um, slope * um, a, b, g, th2), flags);
}

function eluMin(
  th1: number, th2: number, th3: number, g: number, mu: number, l6: number, alpha: number, flags: number,
): number {
  const a = g + mu + 2 * l6;
  const b = g * th1 + mu * th3;
  const up = uPlus(th1, th2, th3, g, mu, l6);
  const um = flags & UMINUS_BUG ? uMinusMutant(th1, th2, th3, g, mu, l6) : eluUMinus(th1, th2, th3, g, mu, l6, alpha);
  const fUm = phiShift(um, alpha * Math.expm1(um), a, b, g, th2);
  return choose(up, phiShift(up, up, a, b, g, th2), um, fUm, flags);
}

function checkParams(gamma: number, mu: number, lambda6: number): void {
  if (!(gamma > 0) || !(mu >= 0) || !(lambda6 >= 0)) {
    throw new RangeError(`u-step needs γ > 0, μ ≥ 0, λ6 ≥ 0 (got γ=${gamma}, μ=${mu}, λ6=${lambda6})`);
  }
}

/**
 * A global minimizer of φ (3.19)/(4.34)/(4.37), with Remark 3.4's tie rule (u⁺ on φ(u⁺) = φ(u⁻)).
 * Requires γ > 0, μ ≥ 0, λ6 ≥ 0. `faults` (test harness only) may switch on the planted bugs 'tie-reversed',
 * 'no-prox', 'u-minus-gamma-theta2' (the last replaces u⁻ for every activation).
 */
export function uScalarMin(
  act: Activation, th1: number, th2: number, th3: number, gamma: number, mu: number, lambda6: number,
  faults: ReadonlySet<WzcFault> = NO_FAULTS,
): number {
  checkParams(gamma, mu, lambda6);
  const flags = faultFlags(faults);
  const m = flags & NO_PROX ? 0 : mu;
  switch (act.kind) {
    case 'relu':
      return reluMin(th1, th2, th3, gamma, m, lambda6, flags);
    case 'leaky-relu':
      return leakyMin(th1, th2, th3, gamma, m, lambda6, act.slope, flags);
    case 'elu':
      return eluMin(th1, th2, th3, gamma, m, lambda6, act.alpha, flags);
  }
}

/**
 * The u-step (3.16), all rT coordinates: out_i = uScalarMin(σ, θ1_i, θ2_i, θ3_i, γ, μ, λ6) with
 * θ1 = Pw − ξ/γ, θ2 = h + ζ/γ, θ3 = uPrev (all T×r flat; Pw = Ψ(h)w from the caller). No allocation.
 *
 * Aliasing: each coordinate reads its inputs before writing out_i, so `out` may be the very same array as
 * `uPrev` (or any other input) — an in-place update is safe. Overlapping views at different offsets are not.
 * ReLU and leaky ReLU run in the SIMD kernel of `simdSteps.ts` (same bits) when all six arrays lie in one arena
 * and no planted bug other than 'no-prox' is on.
 */
export function uStepInto(
  act: Activation,
  Pw: Float64Array,
  h: Float64Array,
  xi: Float64Array,
  zeta: Float64Array,
  uPrev: Float64Array,
  gamma: number,
  mu: number,
  lambda6: number,
  out: Float64Array,
  faults: ReadonlySet<WzcFault> = NO_FAULTS,
): void {
  uStep(act, Pw, h, xi, zeta, uPrev, gamma, mu, lambda6, out, faults, false);
}

/**
 * {@link uStepInto} with ξ/γ and ζ/γ given instead of ξ and ζ (each entry divided as uStepInto divides it, so
 * the same θ1, θ2 and the same u). The BCD divides once per run rather than once per coordinate and sweep:
 * the divisions were a third of the SIMD u-step's time.
 */
export function uStepScaledInto(
  act: Activation, Pw: Float64Array, h: Float64Array, xiOverGamma: Float64Array, zetaOverGamma: Float64Array,
  uPrev: Float64Array, gamma: number, mu: number, lambda6: number, out: Float64Array,
  faults: ReadonlySet<WzcFault> = NO_FAULTS,
): void {
  uStep(act, Pw, h, xiOverGamma, zetaOverGamma, uPrev, gamma, mu, lambda6, out, faults, true);
}

/** θ1 = Pw − ξ/γ and θ2 = h + ζ/γ from xa, za holding ξ, ζ (scaled = false) or ξ/γ, ζ/γ (scaled = true). */
function uStep(
  act: Activation, Pw: Float64Array, h: Float64Array, xa: Float64Array, za: Float64Array, uPrev: Float64Array,
  gamma: number, mu: number, lambda6: number, out: Float64Array, faults: ReadonlySet<WzcFault>, scaled: boolean,
): void {
  const n = out.length;
  if (Pw.length !== n || h.length !== n || xa.length !== n || za.length !== n || uPrev.length !== n) {
    throw new RangeError('uStepInto: Pw, h, xi, zeta, uPrev and out must all have length T·r');
  }
  checkParams(gamma, mu, lambda6);
  const flags = faultFlags(faults);
  const m = flags & NO_PROX ? 0 : mu;
  const done = (flags & ~NO_PROX) === 0 ? uStepSimd(act, Pw, h, xa, za, uPrev, gamma, m, lambda6, out, scaled) : 0;
  // one division per entry when not scaled: g = γ; when scaled, dividing by 1 leaves ξ/γ, ζ/γ unchanged
  const g = scaled ? 1 : gamma;
  switch (act.kind) {
    case 'relu':
      for (let i = done; i < n; i++) {
        out[i] = reluMin(Pw[i] - xa[i] / g, h[i] + za[i] / g, uPrev[i], gamma, m, lambda6, flags);
      }
      return;
    case 'leaky-relu': {
      const sl = act.slope;
      for (let i = done; i < n; i++) {
        out[i] = leakyMin(Pw[i] - xa[i] / g, h[i] + za[i] / g, uPrev[i], gamma, m, lambda6, sl, flags);
      }
      return;
    }
    case 'elu': {
      const al = act.alpha;
      for (let i = 0; i < n; i++) {
        out[i] = eluMin(Pw[i] - xa[i] / g, h[i] + za[i] / g, uPrev[i], gamma, m, lambda6, al, flags);
      }
      return;
    }
  }
}

/**
 * The SIMD u-step on the leading pairs of coordinates; returns how many it did (0 when the kernel does not
 * apply). The constants are those reluMin/leakyMin compute per coordinate, evaluated the same way.
 */
function uStepSimd(
  act: Activation, Pw: Float64Array, h: Float64Array, xa: Float64Array, za: Float64Array, uPrev: Float64Array,
  g: number, m: number, l6: number, out: Float64Array, scaled: boolean,
): number {
  if (act.kind === 'elu') return 0;
  const k = wzcSimdFor(Pw, h, xa, za, uPrev, out);
  if (k === null) return 0;
  const pairs = out.length >> 1;
  const a = g + m + 2 * l6;
  const leaky = act.kind === 'leaky-relu';
  const sl = leaky ? act.slope : 0;
  const dMinus = leaky ? g + g * sl * sl + 2 * l6 + m : g + 2 * l6 + m;
  (scaled ? k.uStepScaled : k.uStep)(pairs, Pw.byteOffset, h.byteOffset, xa.byteOffset, za.byteOffset, uPrev.byteOffset,
    out.byteOffset, g, m, 0.5 * a, 0.5 * g, 2 * g + 2 * l6 + m, dMinus, g * sl, sl, leaky ? 1 : 0);
  return 2 * pairs;
}
