import { describe, expect, it } from 'vitest';
import { compile, derivative, parse, type EvalFunction } from 'mathjs';
import {
  smoothBounds, smoothSigma, smoothSigmaPrime, smoothSigmaSecond, smoothSigmaThird, smoothSigmaInto,
  smoothSigmaPrimeInto, smoothSigmaSecondInto, smoothSigmaThirdInto, smoothActivationName,
  type SmoothActivation,
} from '../../../src/models/activations/index.ts';
import { FLOAT64_EPS as EPS } from '../../../src/engine/tolerance.ts';
import { mulberry32 } from '../../helpers/rng.ts';

const SIGMOID: SmoothActivation = { kind: 'sigmoid' };
const TANH: SmoothActivation = { kind: 'tanh' };
const ACTS = [SIGMOID, TANH];

/** σ^{(k)} for k = 0…3. */
const D = [smoothSigma, smoothSigmaPrime, smoothSigmaSecond, smoothSigmaThird];

/**
 * sup|tanh^{(k)}|, k = 0…5, maximising the polynomials P_k(t) with P_0 = t, P_{k+1} = P_k′(t)(1 − t²) over
 * t ∈ [−1, 1]: 1, 1, 4/(3√3), 2, 4.0859, 16. The sigmoid's are 2^{−k−1} times these (σ(u) = (1 + tanh(u/2))/2),
 * so these bound both activations; the finite-difference tolerances below use k = 3, 4, 5.
 */
const M3 = 2, M4 = 4.086, M5 = 16;

/**
 * Absolute error of one evaluation of σ^{(k)}: values are ≤ 2 in magnitude (sup above, k ≤ 3) and each form
 * takes ≤ 6 roundings of relative size ε/2 (exp, 1 + e, division, products), so ≤ 6ε covers it.
 */
const EVAL_ERR = 6 * EPS;

/**
 * Central differences of f = σ^{(k−1)} at u, with u on the grid j/64 and h a power of 2 so that u ± h, u ± 2h
 * are exact and the only errors are truncation and the rounding of the f values (EVAL_ERR each):
 *   D1 = (f(u+h) − f(u−h))/(2h)              = f′ − h²f‴/6,   |rounding| ≤ EVAL_ERR/h;   h = 2^−17 ≈ ε^{1/3}
 *   D2 = (f(u+h) − 2f(u) + f(u−h))/h²         = f″ − h²f⁗/12,  |rounding| ≤ 4·EVAL_ERR/h²; h = 2^−13 = ε^{1/4}
 *   D3 = (f(u+2h) − 2f(u+h) + 2f(u−h) − f(u−2h))/(2h³) = f‴ + h²f⁽⁵⁾/4, |rounding| ≤ 3·EVAL_ERR/h³; h = 2^−10 ≈ ε^{1/5}
 * Each h balances the two terms (h ≈ ε^{1/(n+2)} for the n-th difference); the bound is their sum. The
 * checks differentiate σ itself (not the module's lower derivatives), so each derivative is tested against σ.
 */
const FD = [
  {
    order: 1, h: 2 ** -17,
    apply: (f: (u: number) => number, u: number, h: number) => (f(u + h) - f(u - h)) / (2 * h),
    tol: (h: number) => (h * h * M3) / 6 + EVAL_ERR / h,
  },
  {
    order: 2, h: 2 ** -13,
    apply: (f: (u: number) => number, u: number, h: number) => (f(u + h) - 2 * f(u) + f(u - h)) / (h * h),
    tol: (h: number) => (h * h * M4) / 12 + (4 * EVAL_ERR) / (h * h),
  },
  {
    order: 3, h: 2 ** -10,
    apply: (f: (u: number) => number, u: number, h: number) =>
      (f(u + 2 * h) - 2 * f(u + h) + 2 * f(u - h) - f(u - 2 * h)) / (2 * h * h * h),
    tol: (h: number) => (h * h * M5) / 4 + (3 * EVAL_ERR) / (h * h * h),
  },
];

/** Grid u = j/64, |u| ≤ 8: exactly representable, and so are u ± h, u ± 2h for the steps above. */
const GRID = Array.from({ length: 1025 }, (_, i) => (i - 512) / 64);

/** Symbolic σ^{(k)}, k = 1…3, by mathjs from the definitions: an oracle independent of the module's forms. */
function symbolic(expr: string): EvalFunction[] {
  const out: EvalFunction[] = [];
  let e = parse(expr);
  for (let k = 1; k <= 3; k++) {
    e = derivative(e, 'u');
    out.push(compile(e.toString()));
  }
  return out;
}
const SYMBOLIC = { sigmoid: symbolic('1 / (1 + exp(-u))'), tanh: symbolic('tanh(u)') };

describe('smooth activations: derivatives', () => {
  for (const act of ACTS) {
    for (const fd of FD) {
      it(`${act.kind}: σ^(${fd.order}) agrees with the order-${fd.order} central difference of σ`, () => {
        const f = (u: number): number => smoothSigma(act, u);
        const tol = fd.tol(fd.h);
        let worst = 0;
        for (const u of GRID) {
          const exact = D[fd.order](act, u);
          const err = Math.abs(fd.apply(f, u, fd.h) - exact) / Math.max(1, Math.abs(exact));
          worst = Math.max(worst, err);
          if (!(err <= tol)) throw new Error(`${act.kind} σ^(${fd.order})(${u}): error ${err} > ${tol}`);
        }
        // The bound is not vacuous: the observed worst error sits within two orders of it.
        expect(worst).toBeGreaterThan(tol / 100);
      });
    }
  }

  it('σ′, σ″, σ‴ agree with mathjs symbolic derivatives (seed 71)', () => {
    // On |u| ≤ 8 the symbolic forms are rational in e^{−u} (sigmoid) or polynomial in tanh, sech (tanh) with
    // terms of magnitude ≤ ~10 after division by the denominator and ≤ ~20 roundings each: ≤ 200·10·ε/2 ≈ 2e−13.
    const rng = mulberry32(71);
    for (const act of ACTS) {
      for (let i = 0; i < 500; i++) {
        const u = 16 * rng() - 8;
        for (let k = 1; k <= 3; k++) {
          const ref = SYMBOLIC[act.kind][k - 1].evaluate({ u }) as number;
          expect(Math.abs(D[k](act, u) - ref)).toBeLessThanOrEqual(2e-13 * Math.max(1, Math.abs(ref)));
        }
      }
    }
  });

  it('tanh derivatives equal the polynomial forms in t (T1)–(T3) where those do not cancel', () => {
    // |u| ≤ 3: 1 − t² ≥ 0.0099, the polynomial forms lose ≤ a few ε/0.0099 relative; 1e−13 absolute covers it.
    for (const u of GRID.filter((x) => Math.abs(x) <= 3)) {
      const t = Math.tanh(u);
      expect(Math.abs(smoothSigmaPrime(TANH, u) - (1 - t * t))).toBeLessThanOrEqual(1e-13);
      expect(Math.abs(smoothSigmaSecond(TANH, u) - -2 * t * (1 - t * t))).toBeLessThanOrEqual(1e-13);
      expect(Math.abs(smoothSigmaThird(TANH, u) - -2 * (1 - t * t) * (1 - 3 * t * t))).toBeLessThanOrEqual(1e-13);
    }
  });

  it('σ″ keeps relative precision near u = 0: σ″(u) ≈ −u/8 (sigmoid), −2u (tanh)', () => {
    // Next Taylor terms are O(u³), relative O(u²) ≤ 1e−20 for |u| ≤ 1e−10: the references are exact to ε.
    for (const u of [1e-300, 1e-100, 1e-20, 3e-11, -1e-10, -5e-200]) {
      expect(Math.abs(smoothSigmaSecond(SIGMOID, u) / (-u / 8) - 1)).toBeLessThanOrEqual(4 * EPS);
      expect(Math.abs(smoothSigmaSecond(TANH, u) / (-2 * u) - 1)).toBeLessThanOrEqual(4 * EPS);
    }
  });
});

describe('smooth activations: ZLY Assumption 1 constants', () => {
  it('closed forms: sigmoid (1, 1/4, √3/18), tanh (1, 1, 4√3/9)', () => {
    const s = smoothBounds(SIGMOID), t = smoothBounds(TANH);
    expect([s.L0, s.L1]).toEqual([1, 0.25]);
    expect(s.L2).toBeCloseTo(1 / (6 * Math.sqrt(3)), 15);
    expect([t.L0, t.L1]).toEqual([1, 1]);
    expect(t.L2).toBeCloseTo(4 / (3 * Math.sqrt(3)), 15);
    expect(t.L2).toBeCloseTo(8 * s.L2, 15); // t″(u) = 8s″(2u)
    expect(s.argmaxD2).toBeCloseTo(-Math.log(2 - Math.sqrt(3)), 15);
    expect(t.argmaxD2).toBeCloseTo(Math.atanh(1 / Math.sqrt(3)), 15);
    expect(Math.tanh(t.argmaxD2) ** 2).toBeCloseTo(1 / 3, 15);
  });

  for (const act of ACTS) {
    it(`${act.kind}: L0, L1, L2 are the maxima of |σ|, |σ′|, |σ″| over a dense grid`, () => {
      // Grid on [−20, 20], step δ = 1e−4 (400 001 points). A grid point lies within δ/2 of each maximiser u*,
      // where (|σ^(k)|)′ = 0, so the grid maximum is below sup|σ^(k)| by at most sup|σ^(k+2)|·(δ/2)²/2:
      // ≤ M3·1.25e−9 = 2.5e−9 for L1 (and 0: u* = 0 is a grid point), ≤ M4·1.25e−9 ≈ 5.2e−9 for L2.
      // Beyond |u| = 20, |σ′| and |σ″| decay monotonically (below 16e^{−20} there). |σ| < 1 everywhere and its
      // grid maximum is within 1 − s(20) = e^{−20}/(1 + e^{−20}) ≈ 2.1e−9 of 1: loss 1e−8.
      const n = 400_001, delta = 1e-4;
      const u = Float64Array.from({ length: n }, (_, i) => -20 + i * delta);
      const out = new Float64Array(n);
      const b = smoothBounds(act);
      const cases = [
        { into: smoothSigmaInto, L: b.L0, loss: 1e-8 },
        { into: smoothSigmaPrimeInto, L: b.L1, loss: M3 * 1.25e-9 },
        { into: smoothSigmaSecondInto, L: b.L2, loss: M4 * 1.25e-9 },
      ];
      const argmax: number[] = [];
      for (const c of cases) {
        c.into(act, u, out);
        let max = 0, at = 0;
        for (let i = 0; i < n; i++) if (Math.abs(out[i]) > max) { max = Math.abs(out[i]); at = u[i]; }
        expect(max).toBeLessThanOrEqual(c.L * (1 + 4 * EPS));
        expect(max).toBeGreaterThanOrEqual(c.L - c.loss);
        argmax.push(at);
      }
      expect(Math.abs(smoothSigma(act, 40))).toBeGreaterThanOrEqual(b.L0 - EPS); // sup |σ| approached
      expect(Math.abs(argmax[1] - b.argmaxD1)).toBeLessThanOrEqual(delta);
      expect(Math.abs(Math.abs(argmax[2]) - b.argmaxD2)).toBeLessThanOrEqual(delta);
    });

    it(`${act.kind}: stationary points: σ″ = 0 at argmax|σ′|, σ‴ = 0 at ±argmax|σ″| (module and mathjs)`, () => {
      const b = smoothBounds(act);
      expect(smoothSigmaPrime(act, b.argmaxD1)).toBe(b.L1);
      expect(Math.abs(smoothSigmaSecond(act, b.argmaxD1))).toBe(0);
      for (const sign of [1, -1]) {
        const u2 = sign * b.argmaxD2;
        // |σ″(u2)| = L2 up to the evaluation error and the rounding of u2 (σ‴ = 0 there: second order).
        expect(Math.abs(Math.abs(smoothSigmaSecond(act, u2)) - b.L2)).toBeLessThanOrEqual(EVAL_ERR);
        expect(Math.sign(smoothSigmaSecond(act, u2))).toBe(-sign); // σ″ > 0 for u < 0 (convex branch)
        // σ‴ = c·σ′(1 − 6σ′) with σ′ = 1/6 + O(ε): |σ‴| ≤ c·(1/6)·6·EVAL_ERR, c = 16 for tanh.
        expect(Math.abs(smoothSigmaThird(act, u2))).toBeLessThanOrEqual(16 * EVAL_ERR);
        expect(Math.abs(SYMBOLIC[act.kind][2].evaluate({ u: u2 }) as number)).toBeLessThanOrEqual(2e-13);
      }
    });
  }
});

describe('smooth activations: identities', () => {
  const rng = mulberry32(29);
  const us = Array.from({ length: 2000 }, () => 60 * rng() - 30);

  it('σ(−u) = 1 − σ(u); σ′, σ‴ even and σ″ odd (bitwise); tanh odd (bitwise)', () => {
    for (const u of us) {
      // Both sides carry ≤ 2 roundings of values ≤ 1, plus the subtraction.
      expect(Math.abs(smoothSigma(SIGMOID, -u) - (1 - smoothSigma(SIGMOID, u)))).toBeLessThanOrEqual(3 * EPS);
      for (const act of ACTS) {
        expect(smoothSigmaPrime(act, -u)).toBe(smoothSigmaPrime(act, u));
        expect(smoothSigmaSecond(act, -u)).toBe(-smoothSigmaSecond(act, u));
        expect(smoothSigmaThird(act, -u)).toBe(smoothSigmaThird(act, u));
      }
      expect(smoothSigma(TANH, -u)).toBe(-smoothSigma(TANH, u));
    }
  });

  it('tanh(u) = 2σ(2u) − 1', () => {
    // Math.tanh ≤ 1 ulp, σ(2u) ≤ 3ε/2 absolute, doubled, then one subtraction: ≤ 5ε absolute (values ≤ 1).
    for (const u of us) {
      expect(Math.abs(smoothSigma(TANH, u) - (2 * smoothSigma(SIGMOID, 2 * u) - 1))).toBeLessThanOrEqual(5 * EPS);
    }
  });

  it('sigmoid equals the textbook form 1/(1 + e^{−u}) to relative precision', () => {
    // 1/(1 + e^{−u}) is itself accurate to ~2ε relative for every u (it only overflows harmlessly to 0).
    for (const u of [...us, -700, -300, 300, 700]) {
      const ref = 1 / (1 + Math.exp(-u));
      expect(Math.abs(smoothSigma(SIGMOID, u) / ref - 1)).toBeLessThanOrEqual(4 * EPS);
    }
  });

  it('array forms equal the scalar forms bitwise, also when out aliases u', () => {
    const scalar = [smoothSigma, smoothSigmaPrime, smoothSigmaSecond, smoothSigmaThird];
    const into = [smoothSigmaInto, smoothSigmaPrimeInto, smoothSigmaSecondInto, smoothSigmaThirdInto];
    for (const act of ACTS) {
      for (let k = 0; k < 4; k++) {
        const u = Float64Array.from(us);
        const out = new Float64Array(u.length);
        into[k](act, u, out);
        into[k](act, u, u);
        for (let i = 0; i < us.length; i++) {
          expect(out[i]).toBe(scalar[k](act, us[i]));
          expect(u[i]).toBe(out[i]);
        }
      }
    }
  });

  it('names', () => {
    expect(ACTS.map(smoothActivationName)).toEqual(['sigmoid', 'tanh']);
  });
});

describe('smooth activations: large |u|', () => {
  it('sigmoid at ±800 and tanh at ±400 (and ±∞): saturated values, zero derivatives, no NaN', () => {
    for (const [act, a] of [[SIGMOID, 800], [TANH, 400]] as const) {
      for (const u of [a, -a, Infinity, -Infinity]) {
        for (const f of D) expect(Number.isFinite(f(act, u))).toBe(true);
        for (const f of D.slice(1)) expect(Math.abs(f(act, u))).toBe(0); // e^{−800} < 2^{−1074}
      }
    }
    expect([smoothSigma(SIGMOID, 800), smoothSigma(SIGMOID, -800)]).toEqual([1, 0]);
    expect([smoothSigma(TANH, 400), smoothSigma(TANH, -400)]).toEqual([1, -1]);
  });

  it('tails keep relative precision: σ′ ≈ e^{−|u|}, σ″ ≈ ∓e^{−|u|}, σ‴ ≈ e^{−|u|} (sigmoid), ×4, 8, 16 at 2u (tanh)', () => {
    // References: the exact rational forms in e = e^{−a}, q = 1/(1 + e) (s = e·q for u = −a), each evaluated
    // with ≤ 6 roundings and no cancellation for a ≥ 20 (1 − e, 1 − 6e·q² ∈ (1 − 1e−8, 1]); the module must
    // match them to relative precision down to e^{−700} ≈ 1e−304, where a form like 1 − t² is long 0.
    for (const a of [20, 40, 100, 300, 700]) {
      const e = Math.exp(-a), q = 1 / (1 + e);
      const ref = [e * q, e * q * q, -e * q * q * (1 - e) * q, e * q * q * (1 - 6 * e * q * q)];
      for (const [u, sgn] of [[a, 1], [-a, -1]] as const) {
        expect(Math.abs(smoothSigmaPrime(SIGMOID, u) / ref[1] - 1)).toBeLessThanOrEqual(4 * EPS);
        expect(Math.abs(smoothSigmaSecond(SIGMOID, u) / (sgn * ref[2]) - 1)).toBeLessThanOrEqual(6 * EPS);
        expect(Math.abs(smoothSigmaThird(SIGMOID, u) / ref[3] - 1)).toBeLessThanOrEqual(6 * EPS);
      }
      expect(Math.abs(smoothSigma(SIGMOID, -a) / ref[0] - 1)).toBeLessThanOrEqual(4 * EPS);
      // tanh at a/2: t^{(k)} = 2^{k+1}s^{(k)}(a), and 1 − t² has long cancelled to 0 there (t rounds to ±1).
      const t = Math.tanh(a / 2);
      if (a >= 40) expect(1 - t * t).toBe(0);
      expect(Math.abs(smoothSigmaPrime(TANH, a / 2) / (4 * ref[1]) - 1)).toBeLessThanOrEqual(4 * EPS);
      expect(Math.abs(smoothSigmaSecond(TANH, -a / 2) / (-8 * ref[2]) - 1)).toBeLessThanOrEqual(6 * EPS);
      expect(Math.abs(smoothSigmaThird(TANH, a / 2) / (16 * ref[3]) - 1)).toBeLessThanOrEqual(6 * EPS);
    }
  });

  it('underflow is graceful: σ′ is positive, non-increasing in |u| and reaches 0 only in the subnormal range', () => {
    for (const act of ACTS) {
      const scale = act.kind === 'sigmoid' ? 1 : 0.5;
      let prev = Infinity;
      for (let a = 690; a <= 760; a += 0.25) {
        const d1 = smoothSigmaPrime(act, scale * a);
        expect(d1).toBeGreaterThanOrEqual(0);
        expect(d1).toBeLessThanOrEqual(prev);
        if (d1 === 0) expect(a).toBeGreaterThan(744); // e^{−745.2} is the smallest subnormal, 2^{−1074}
        prev = d1;
      }
      expect(prev).toBe(0);
    }
  });
});
