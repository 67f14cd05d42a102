/**
 * Instance families of the u-step claims: coordinates of the u-subproblem (3.16) as the solver's uStepInto sees
 * them ((3.19), (4.34), (4.37)), exact ties φ(u⁺) = φ(u⁻) for Remark 3.4, and single scalar problems in the
 * paper's own parameters θ1, θ2, θ3 for the literal formulas (4.35), (4.39). Every family mixes uniform grid draws
 * with coordinates built from the case analysis of its closed form (uStepCases.ts), so each case is drawn on
 * purpose; test/papers/wzc/claims/_internals/uStepCases.test.ts counts the hits per case.
 */
import fc from 'fast-check';
import { gridArray, gridValue, positiveArb } from '../../../../engine/arbitraries.ts';
import { arr, f64, type Json, num, obj } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily, Scale } from '../../../../engine/types.ts';
import type { Activation } from '../../problem/types.ts';
import { eluArb, leakyArb } from './activationArbs.ts';
import { activationFromJSON, actText } from './codecs.ts';
import { type CaseParams, caseParamsArb, type CaseTheta, caseThetaArb, eluInflections } from './uStepCases.ts';

/**
 * k coordinates of the u-step (3.16) with shared γ, μ, λ6: θ1 = Pw − ξ/γ, θ2 = h + ζ/γ, θ3 = uPrev.
 */
export interface UStepCase {
  act: Activation;
  gamma: number;
  mu: number;
  lambda6: number;
  Pw: Float64Array;
  h: Float64Array;
  xi: Float64Array;
  zeta: Float64Array;
  uPrev: Float64Array;
}

/** Uniform draws: every input on the grid [−5, 5], γ, μ, λ6 as mantissa·10^e. */
function uniformUStepArb(act: fc.Arbitrary<Activation>, scale: Scale): fc.Arbitrary<UStepCase> {
  const kMax = scale === 'deep' ? 16 : 4;
  return fc.integer({ min: 1, max: kMax }).chain((k) =>
    fc.record({
      act,
      gamma: positiveArb(-2, 2),
      mu: positiveArb(-3, 1),
      lambda6: positiveArb(-8, 1),
      Pw: gridArray(k, 5), h: gridArray(k, 5), xi: gridArray(k, 5), zeta: gridArray(k, 5), uPrev: gridArray(k, 5),
    }),
  );
}

/**
 * The u-step inputs with θ1 = Pw − ξ/γ, θ2 = h + ζ/γ, θ3 = uPrev equal to the constructed θ: up to rounding in
 * general, exactly for an `exact` case (there ξ = 0 and Pw = θ1, or Pw = ξ/γ when θ1 = 0, so the solver's
 * Pw − ξ/γ is θ1 bit for bit; likewise h, ζ).
 */
function inputsFromThetas(act: Activation, p: CaseParams, coords: { t: CaseTheta; xi: number; zeta: number }[]): UStepCase {
  const k = coords.length;
  const c: UStepCase = {
    act, gamma: p.gamma, mu: p.mu, lambda6: p.lambda6,
    Pw: new Float64Array(k), h: new Float64Array(k), xi: new Float64Array(k), zeta: new Float64Array(k), uPrev: new Float64Array(k),
  };
  coords.forEach(({ t, xi, zeta }, i) => {
    const [t1, t2, t3] = t.th;
    const x = !t.exact || t1 === 0 ? xi : 0;
    const z = !t.exact || t2 === 0 ? zeta : 0;
    c.xi[i] = x;
    c.zeta[i] = z;
    c.Pw[i] = t.exact && t1 === 0 ? x / p.gamma : t1 + x / p.gamma;
    c.h[i] = t.exact && t2 === 0 ? -(z / p.gamma) : t2 - z / p.gamma;
    c.uPrev[i] = t3;
  });
  return c;
}

/** Coordinates built from the case analysis of the activation's closed form (uStepCases.ts), one case each. */
function caseUStepArb(act: fc.Arbitrary<Activation>, scale: Scale): fc.Arbitrary<UStepCase> {
  const kMax = scale === 'deep' ? 16 : 4;
  return act.chain((a) =>
    caseParamsArb(a).chain((p) =>
      fc
        .array(fc.record({ t: caseThetaArb(a, p), xi: gridValue(5), zeta: gridValue(5) }), { minLength: 1, maxLength: kMax })
        .map((coords) => inputsFromThetas(a, p, coords)),
    ),
  );
}

/**
 * u-step coordinates: half uniform draws, half built from the case analysis (every case of (3.20)–(3.22),
 * (4.35)–(4.36), (4.37)–(4.38) on purpose), and for ReLU and leaky ReLU an exact tie of Remark 3.4 in one draw
 * of ten.
 */
function uStepArb(act: fc.Arbitrary<Activation>, scale: Scale, ties: 'relu' | 'leaky-relu' | null): fc.Arbitrary<UStepCase> {
  const arbs = [
    { weight: 5, arbitrary: uniformUStepArb(act, scale) },
    { weight: 4, arbitrary: caseUStepArb(act, scale) },
  ];
  if (ties) arbs.push({ weight: 1, arbitrary: tieArb(scale, ties) });
  return fc.oneof(...arbs);
}

/** Activation arbitraries of the u-step families (ϖ over (0, 1), α over (0, 4]: activationArbs.ts). */
export const ACT_ARBS = {
  relu: fc.constant<Activation>({ kind: 'relu' }),
  leaky: leakyArb(),
  elu: eluArb(),
} as const;

function uStepCaseToJSON(c: UStepCase): Json {
  return {
    act: c.act, gamma: c.gamma, mu: c.mu, lambda6: c.lambda6,
    Pw: arr(c.Pw), h: arr(c.h), xi: arr(c.xi), zeta: arr(c.zeta), uPrev: arr(c.uPrev),
  };
}

function uStepCaseFromJSON(j: unknown): UStepCase {
  const o = obj(j, 'instance');
  const c: UStepCase = {
    act: activationFromJSON(o.act), gamma: num(o.gamma, 'gamma'), mu: num(o.mu, 'mu'), lambda6: num(o.lambda6, 'lambda6'),
    Pw: f64(o.Pw, 'Pw'), h: f64(o.h, 'h'), xi: f64(o.xi, 'xi'), zeta: f64(o.zeta, 'zeta'), uPrev: f64(o.uPrev, 'uPrev'),
  };
  const k = c.Pw.length;
  if ([c.h, c.xi, c.zeta, c.uPrev].some((a) => a.length !== k)) throw new Error('Pw, h, xi, zeta, uPrev: lengths differ');
  return c;
}

function uStepDescribe(c: UStepCase): string {
  return `${actText(c.act)} k=${c.Pw.length} γ=${c.gamma} μ=${c.mu} λ6=${c.lambda6}`;
}

/**
 * u-step coordinates for the activation(s) drawn by `act`: uniform and case-built draws, plus exact ties of
 * Remark 3.4 for `ties` (the kind of `act`, ReLU or leaky ReLU; ties are constructed for those two only).
 */
export function uStepFamily(name: string, act: fc.Arbitrary<Activation>, ties: 'relu' | 'leaky-relu' | null = null): InstanceFamily<UStepCase> {
  return { name, arbitrary: (scale) => uStepArb(act, scale, ties), toJSON: uStepCaseToJSON, fromJSON: uStepCaseFromJSON, describe: uStepDescribe };
}

/**
 * Exact ties φ(u⁺) = φ(u⁻) (constructed by hand): ReLU γ=7, μ=1, λ6=½, θ=(−1, 3, −2) with u⁺ = 0.75, u⁻ = −1,
 * φ = 32.5 for both; leaky ReLU ϖ=½, γ=12, μ=½, λ6=¼, θ=(−22, 30, 8) with u⁺ = 4, u⁻ = −5. Scaling θ by 2^k
 * scales u± by 2^k and φ by 4^k; scaling (γ, μ, λ6) by 2^j scales φ by 2^j: every number stays a short dyadic
 * rational, so every operation of the u-step is exact and the tie survives in floating point.
 */
export const TIE_BASES = [
  { act: { kind: 'relu' } as Activation, gamma: 7, mu: 1, lambda6: 0.5, th: [-1, 3, -2] as const, uPlus: 0.75, uMinus: -1 },
  { act: { kind: 'leaky-relu', slope: 0.5 } as Activation, gamma: 12, mu: 0.5, lambda6: 0.25, th: [-22, 30, 8] as const, uPlus: 4, uMinus: -5 },
] as const;

function tieArb(scale: Scale, kind: Activation['kind'] | null = null): fc.Arbitrary<UStepCase> {
  const kMax = scale === 'deep' ? 8 : 3;
  const bases = TIE_BASES.map((b, i) => ({ b, i })).filter(({ b }) => kind === null || b.act.kind === kind).map(({ i }) => i);
  const coord = fc.record({
    k: fc.integer({ min: -6, max: 6 }),
    q1: fc.integer({ min: -16, max: 16 }).map((v) => v / 4),
    q2: fc.integer({ min: -16, max: 16 }).map((v) => v / 4),
  });
  return fc
    .record({ base: fc.integer({ min: 0, max: bases.length - 1 }).map((i) => bases[i]), j: fc.integer({ min: -6, max: 6 }), coords: fc.array(coord, { minLength: 1, maxLength: kMax }) })
    .map(({ base, j, coords }) => {
      const b = TIE_BASES[base];
      const p = 2 ** j;
      const gamma = b.gamma * p;
      const n = coords.length;
      const c: UStepCase = {
        act: b.act, gamma, mu: b.mu * p, lambda6: b.lambda6 * p,
        Pw: new Float64Array(n), h: new Float64Array(n), xi: new Float64Array(n), zeta: new Float64Array(n), uPrev: new Float64Array(n),
      };
      coords.forEach(({ k, q1, q2 }, i) => {
        const f = 2 ** k;
        // ξ = γ q1 and ζ = γ q2 exactly, so ξ/γ = q1, ζ/γ = q2 exactly and θ1 = Pw − q1, θ2 = h + q2 exactly.
        c.xi[i] = gamma * q1 * f;
        c.zeta[i] = gamma * q2 * f;
        c.Pw[i] = b.th[0] * f + q1 * f;
        c.h[i] = b.th[1] * f - q2 * f;
        c.uPrev[i] = b.th[2] * f;
      });
      return c;
    });
}

/** Exact-tie u-step coordinates (Remark 3.4). */
export function tieFamily(name: string): InstanceFamily<UStepCase> {
  return { name, arbitrary: (scale) => tieArb(scale), toJSON: uStepCaseToJSON, fromJSON: uStepCaseFromJSON, describe: uStepDescribe };
}

/** One scalar u-subproblem in the paper's parameters; `u` is an evaluation point where a claim needs one. */
export interface ScalarPhiCase {
  act: Activation;
  th1: number;
  th2: number;
  th3: number;
  gamma: number;
  mu: number;
  lambda6: number;
  u?: number;
}

/** u < 0 strictly, away from the kink: −5 … −0.01. */
const negativeU = fc.integer({ min: 1, max: 500 }).map((k) => -k / 100);

function uniformScalarArb(act: fc.Arbitrary<Activation>, withU: boolean): fc.Arbitrary<ScalarPhiCase> {
  return fc
    .record({
      act, th1: gridValue(10), th2: gridValue(10), th3: gridValue(10),
      gamma: positiveArb(-2, 2), mu: positiveArb(-3, 1), lambda6: positiveArb(-8, 1),
      u: withU ? negativeU : fc.constant(undefined),
    })
    .map((c) => (withU ? c : { act: c.act, th1: c.th1, th2: c.th2, th3: c.th3, gamma: c.gamma, mu: c.mu, lambda6: c.lambda6 }));
}

/**
 * A point u < 0 where φ_ELU'' is hardest to get right: an inflection point (φ'' = 0, (4.40)'s roots) or the
 * middle of the concave piece between them, when it lies in [−5, −0.01]; else `fallback`.
 */
function curvaturePoint(c: ScalarPhiCase, pick: number, fallback: number): number {
  if (c.act.kind !== 'elu') return fallback;
  const infl = eluInflections(c.th2, c.gamma, c.gamma + c.mu + 2 * c.lambda6, c.act.alpha);
  if (infl === null) return fallback;
  const u = pick === 0 ? infl[0] : pick === 1 ? infl[1] : 0.5 * (infl[0] + infl[1]);
  return u >= -5 && u <= -0.01 ? u : fallback;
}

/** Scalar problems built from the case analysis (uStepCases.ts); with `withU`, u at ELU's inflection points. */
function caseScalarArb(act: fc.Arbitrary<Activation>, withU: boolean): fc.Arbitrary<ScalarPhiCase> {
  return act.chain((a) =>
    caseParamsArb(a).chain((p) =>
      fc.record({ t: caseThetaArb(a, p), pick: fc.integer({ min: 0, max: 3 }), u: negativeU }).map(({ t, pick, u }) => {
        const c: ScalarPhiCase = { act: a, th1: t.th[0], th2: t.th[1], th3: t.th[2], gamma: p.gamma, mu: p.mu, lambda6: p.lambda6 };
        if (withU) c.u = curvaturePoint(c, pick, u);
        return c;
      }),
    ),
  );
}

/** Half uniform draws, half built from the case analysis. */
function scalarArb(act: fc.Arbitrary<Activation>, withU: boolean): fc.Arbitrary<ScalarPhiCase> {
  return fc.oneof(uniformScalarArb(act, withU), caseScalarArb(act, withU));
}

/** Scalar problems {act, θ1, θ2, θ3, γ, μ, λ6} (with a point u < 0 when `withU`). */
export function scalarFamily(name: string, act: fc.Arbitrary<Activation>, withU = false): InstanceFamily<ScalarPhiCase> {
  return {
    name,
    arbitrary: () => scalarArb(act, withU),
    toJSON: (c) => ({ ...c }),
    fromJSON: (j) => {
      const o = obj(j, 'instance');
      const c: ScalarPhiCase = {
        act: activationFromJSON(o.act), th1: num(o.th1, 'th1'), th2: num(o.th2, 'th2'), th3: num(o.th3, 'th3'),
        gamma: num(o.gamma, 'gamma'), mu: num(o.mu, 'mu'), lambda6: num(o.lambda6, 'lambda6'),
      };
      if (o.u !== undefined) c.u = num(o.u, 'u');
      return c;
    },
    describe: (c) => `${actText(c.act)} θ=(${c.th1}, ${c.th2}, ${c.th3}) γ=${c.gamma} μ=${c.mu} λ6=${c.lambda6}${c.u === undefined ? '' : ` u=${c.u}`}`,
  };
}
