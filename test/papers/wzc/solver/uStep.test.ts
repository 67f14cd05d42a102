import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Activation } from '../../../../src/models/elman.ts';
import { sigma, sigmaSlopes } from '../../../../src/models/activations/piecewise.ts';
import {
  eluPhiSecond, phiScalar, uMinusLeakyPaper435, uPlus, uPlusMinus, uScalarMin, uStepInto,
} from '../../../../src/papers/wzc/solver/uStep.ts';
import type { WzcFault } from '../../../../src/papers/wzc/solver/mutants.ts';
import { bruteGlobalMin1D } from '../../../../src/engine/oracles/brute1d.ts';
import { mulberry32 } from '../../../helpers/rng.ts';
import { gaussian } from '../../../../src/core/rng.ts';

interface Inst { th1: number; th2: number; th3: number; g: number; mu: number; l6: number }

const ACTS: readonly Activation[] = [
  { kind: 'relu' },
  { kind: 'leaky-relu', slope: 0.01 },
  { kind: 'leaky-relu', slope: 0.5 },
  { kind: 'leaky-relu', slope: 0.9 },
  { kind: 'elu', alpha: 1 },
  { kind: 'elu', alpha: 0.3 },
  { kind: 'elu', alpha: 2.5 },
];

/** φ written out here, independently of src (only σ is shared). */
function phiRef(act: Activation, u: number, p: Inst): number {
  const s = sigma(act, u);
  return 0.5 * p.g * (u - p.th1) ** 2 + 0.5 * p.g * (p.th2 - s) ** 2 + 0.5 * p.mu * (u - p.th3) ** 2 + p.l6 * u * u;
}

/**
 * φ with every term's magnitude added up (|u|+|θ|): the scale of the rounding error of one evaluation of φ.
 * All tolerances below are multiples of ε·phiAbs, because φ(u*) itself can be ≪ its terms' sizes.
 */
function phiAbs(act: Activation, u: number, p: Inst): number {
  const s = Math.abs(sigma(act, u));
  const au = Math.abs(u);
  return 0.5 * p.g * (au + Math.abs(p.th1)) ** 2 + 0.5 * p.g * (Math.abs(p.th2) + s) ** 2 +
    0.5 * p.mu * (au + Math.abs(p.th3)) ** 2 + p.l6 * u * u;
}

/** One-sided derivative of φ at u (side −1: left, +1: right) and its rounding scale. */
function dphi(act: Activation, u: number, p: Inst, side: -1 | 1): { d: number; scale: number } {
  const sl = sigmaSlopes(act, u);
  const ds = side < 0 ? sl.left : sl.right;
  const s = sigma(act, u);
  const d = p.g * (u - p.th1) - p.g * (p.th2 - s) * ds + p.mu * (u - p.th3) + 2 * p.l6 * u;
  const scale = p.g * (Math.abs(u) + Math.abs(p.th1)) + p.g * (Math.abs(p.th2) + Math.abs(s)) * Math.abs(ds) +
    p.mu * (Math.abs(u) + Math.abs(p.th3)) + 2 * p.l6 * Math.abs(u);
  return { d, scale };
}

/**
 * An interval that provably holds every global minimizer: dropping the σ-term, φ(u) ≥ a/2 u² − bu + C with
 * a = γ+μ+2λ6, b = γθ1+μθ3, C = γθ1²/2+μθ3²/2, and φ(u*) ≤ φ(0); solve a/2 u² − bu + C ≤ φ(0).
 */
function searchInterval(act: Activation, p: Inst): [number, number] {
  const a = p.g + p.mu + 2 * p.l6;
  const b = p.g * p.th1 + p.mu * p.th3;
  const C = 0.5 * p.g * p.th1 ** 2 + 0.5 * p.mu * p.th3 ** 2;
  const disc = b * b + 2 * a * Math.max(0, phiRef(act, 0, p) - C);
  const r = Math.sqrt(disc);
  const pad = 1e-9 * (Math.abs(b) + r) / a + 1e-300;
  return [(b - r) / a - pad, (b + r) / a + pad];
}

/** 10^U(lo, hi). */
function logU(rand: () => number, lo: number, hi: number): number {
  return 10 ** (lo + (hi - lo) * rand());
}

/** Seeded instance mix: generic wide-scale, moderate (ELU non-convex regime), near-kink, zero, degenerate μ/λ6. */
function instances(seed: number, count: number): Inst[] {
  const rand = mulberry32(seed);
  const gauss = gaussian(rand);
  const out: Inst[] = [];
  for (let k = 0; k < count; k++) {
    const kind = k % 6;
    let g = logU(rand, -8, 4);
    let mu = rand() < 0.15 ? 0 : logU(rand, -8, 4);
    let l6 = rand() < 0.15 ? 0 : logU(rand, -8, 4);
    let th1 = gauss() * logU(rand, -2, 2);
    let th2 = gauss() * logU(rand, -2, 2);
    let th3 = gauss() * logU(rand, -2, 2);
    if (kind === 1) {
      // Moderate scales; θ2 large positive makes the ELU branch non-convex (inflection points exist).
      g = logU(rand, -1, 1);
      mu = logU(rand, -3, 0.5);
      l6 = logU(rand, -3, 0);
      th1 = 3 * gauss();
      th2 = 25 * rand() - 2;
      th3 = 3 * gauss();
    } else if (kind === 2) {
      // u⁻'s numerator γθ1 + μθ3 at (or a hair off) 0: the kink decision.
      th3 = mu > 0 ? (-g * th1 + (rand() - 0.5) * 1e-12 * g * Math.abs(th1)) / mu : th3;
    } else if (kind === 3) {
      // u⁺'s numerator γθ1 + γθ2 + μθ3 at (or a hair off) 0.
      th2 = -th1 - (mu * th3) / g + (rand() < 0.5 ? 0 : (rand() - 0.5) * 1e-12);
    } else if (kind === 4 && k % 12 === 4) {
      th1 = 0;
      th2 = 0;
      th3 = 0;
    }
    out.push({ th1, th2, th3, g, mu, l6 });
  }
  return out;
}

function solve(act: Activation, p: Inst, faults?: ReadonlySet<WzcFault>): number {
  return uScalarMin(act, p.th1, p.th2, p.th3, p.g, p.mu, p.l6, faults);
}

describe('uScalarMin is a global minimizer (vs. brute-force oracle)', () => {
  for (const act of ACTS) {
    it(`${act.kind} ${JSON.stringify(act)}`, () => {
      let worstBrute = 0;
      for (const p of instances(0x5eed + ACTS.indexOf(act), 700)) {
        const u = solve(act, p);
        const f = phiRef(act, u, p);
        const [lo, hi] = searchInterval(act, p);
        expect(u >= lo && u <= hi, `u*=${u} outside [${lo}, ${hi}] for ${JSON.stringify(p)}`).toBe(true);
        const br = bruteGlobalMin1D((x) => phiRef(act, x, p), lo, hi);
        // Rounding in one φ evaluation is a few ε·phiAbs (measured worst φ(u*) − brute: 6.6e-16·phiAbs over these
        // seeds); 1e-12·phiAbs leaves >1000× margin. Anything above that would be a missed basin, not rounding.
        const tol = 1e-12 * Math.max(phiAbs(act, u, p), phiAbs(act, br.argmin, p));
        expect(f <= br.min + tol, `φ(u*)=${f} > brute ${br.min} at ${br.argmin}; ${JSON.stringify(p)}`).toBe(true);
        // The oracle is not vacuous: it reaches the same value (measured gap ≤ 3e-11·phiAbs over 42k seeded
        // instances; Brent stops at √ε in x, so its φ error is O(ε) at smooth minima, larger at kinks).
        worstBrute = Math.max(worstBrute, (br.min - f) / Math.max(1e-300, phiAbs(act, u, p)));
      }
      expect(worstBrute).toBeLessThan(1e-8);
    });
  }
});

describe('adversarial families vs. brute force', () => {
  function checkGlobal(act: Activation, p: Inst): void {
    const u = solve(act, p);
    const [lo, hi] = searchInterval(act, p);
    const br = bruteGlobalMin1D((x) => phiRef(act, x, p), lo, hi);
    const tol = 1e-12 * Math.max(phiAbs(act, u, p), phiAbs(act, br.argmin, p)); // as above
    expect(phiRef(act, u, p) <= br.min + tol, `${JSON.stringify(act)} ${JSON.stringify(p)}`).toBe(true);
  }

  it('near-ties: θ1 bisected to where u* jumps between the half-lines', () => {
    const rand = mulberry32(0x71e);
    const gauss = gaussian(rand);
    let tested = 0;
    for (const act of ACTS) {
      for (let k = 0; k < 25; k++) {
        const base = { g: 10 ** (2 * rand() - 1), mu: 10 ** (2 * rand() - 2), l6: 10 ** (2 * rand() - 3), th2: 1 + 20 * rand(), th3: 3 * gauss() };
        const positive = (th1: number) => solve(act, { ...base, th1 }) > 0;
        let lo = -200;
        let hi = 200;
        if (positive(lo) || !positive(hi)) continue;
        for (let i = 0; i < 200; i++) {
          const m = 0.5 * (lo + hi);
          if (m === lo || m === hi) break;
          if (positive(m)) hi = m;
          else lo = m;
        }
        checkGlobal(act, { ...base, th1: lo });
        checkGlobal(act, { ...base, th1: hi });
        tested += 2;
      }
    }
    expect(tested).toBeGreaterThan(250);
  });

  it('ELU with two inflection points inside (−∞, 0) (α = 2.5, θ2 ≈ 2)', () => {
    const act: Activation = { kind: 'elu', alpha: 2.5 };
    // ψ(z)/(γα) = 5z² − 4.5z + a/(γα): roots z ≈ 0.10 and 0.80 for a/γ ≈ 1, i.e. u ≈ −2.3 and −0.22.
    expect(eluPhiSecond(-1, 2, 1, 0.01, 0, 2.5)).toBeLessThan(0);
    expect(eluPhiSecond(-0.05, 2, 1, 0.01, 0, 2.5)).toBeGreaterThan(0);
    expect(eluPhiSecond(-3, 2, 1, 0.01, 0, 2.5)).toBeGreaterThan(0);
    for (let i = 0; i <= 200; i++) {
      for (const th3 of [-3, 0, 2]) checkGlobal(act, { th1: -6 + 0.05 * i, th2: 2, th3, g: 1, mu: 0.01, l6: 0 });
    }
  });
});

describe('first-order conditions at u*', () => {
  for (const act of ACTS) {
    it(`${act.kind} ${JSON.stringify(act)}`, () => {
      for (const p of instances(0xf0c + ACTS.indexOf(act), 4000)) {
        const u = solve(act, p);
        // Closed forms are exact up to a few ε; the ELU Newton stops at a 2ε-relative step. Measured worst
        // |φ'|/scale over these seeds: 1.6e-15 (ELU, α = 2.5); 1e-13 leaves ~60× margin.
        if (u !== 0) {
          const { d, scale } = dphi(act, u, p, 1);
          expect(Math.abs(d) <= 1e-13 * scale, `φ'(${u})=${d}, scale ${scale}; ${JSON.stringify(p)}`).toBe(true);
        } else {
          const r = dphi(act, 0, p, 1);
          const l = dphi(act, 0, p, -1);
          expect(r.d >= -1e-13 * r.scale, `φ'(0+)=${r.d}; ${JSON.stringify(p)}`).toBe(true);
          expect(l.d <= 1e-13 * l.scale, `φ'(0-)=${l.d}; ${JSON.stringify(p)}`).toBe(true);
        }
      }
    });
  }
});

describe('ReLU closed forms (3.21), (3.22) and Remark 3.4', () => {
  it('u⁺, u⁻ are the half-line minimizers', () => {
    const r = uPlusMinus(1, 2, -1, 2, 1, 0.5);
    expect(r.uPlus).toBe((2 + 4 - 1) / (4 + 1 + 1));
    expect(r.uMinus).toBe(0); // γθ1 + μθ3 = 1 ≥ 0
    const r2 = uPlusMinus(-3, 1, 1, 2, 1, 0.5);
    expect(r2.uPlus).toBe(0); // −6 + 2 + 1 < 0
    expect(r2.uMinus).toBe(-5 / 4);
    expect(r2.phiMinus).toBe(phiScalar({ kind: 'relu' }, -5 / 4, -3, 1, 1, 2, 1, 0.5));
  });

  // Exact tie with dyadic numbers: a = γ+μ+2λ6 = 9, a' = 2γ+μ+2λ6 = 16, b = −9, b' = 12, so
  // φ(u⁺) − φ(u⁻) = b²/(2a) − b'²/(2a') = 4.5 − 4.5 = 0, and every quantity is exact in binary.
  const tie = { th1: -1, th2: 3, th3: -2, g: 7, mu: 1, l6: 0.5 };
  it('exact tie φ(u⁺) = φ(u⁻) picks u⁺; the tie-reversed fault picks u⁻', () => {
    const relu: Activation = { kind: 'relu' };
    for (let k = -3; k <= 3; k++) {
      for (let j = -3; j <= 3; j++) {
        const s = 2 ** k;
        const q = 2 ** j;
        const p = { th1: tie.th1 * s, th2: tie.th2 * s, th3: tie.th3 * s, g: tie.g * q, mu: tie.mu * q, l6: tie.l6 * q };
        const r = uPlusMinus(p.th1, p.th2, p.th3, p.g, p.mu, p.l6);
        expect(r.uPlus).toBe(0.75 * s);
        expect(r.uMinus).toBe(-1 * s);
        expect(r.phiPlus).toBe(r.phiMinus);
        expect(r.phiPlus).toBe(32.5 * s * s * q);
        expect(solve(relu, p)).toBe(0.75 * s);
        expect(solve(relu, p, new Set(['tie-reversed']))).toBe(-1 * s);
      }
    }
  });

  it('exact leaky-ReLU tie (ϖ = 1/2) also picks u⁺', () => {
    // a⁻ = γ(1+ϖ²)+μ+2λ6 = 16, a⁺ = 25, b⁻ = −80, b⁺ = 100: u⁻ = −5, u⁺ = 4, φ = 8120 on both.
    const leaky: Activation = { kind: 'leaky-relu', slope: 0.5 };
    const p = { th1: -22, th2: 30, th3: 8, g: 12, mu: 0.5, l6: 0.25 };
    expect(phiScalar(leaky, 4, p.th1, p.th2, p.th3, p.g, p.mu, p.l6)).toBe(8120);
    expect(phiScalar(leaky, -5, p.th1, p.th2, p.th3, p.g, p.mu, p.l6)).toBe(8120);
    expect(solve(leaky, p)).toBe(4);
    expect(solve(leaky, p, new Set(['tie-reversed']))).toBe(-5);
  });

  it('all-zero θ: u⁺ = u⁻ = 0 for every activation', () => {
    for (const act of ACTS) expect(uScalarMin(act, 0, 0, 0, 1, 1, 1)).toBe(0);
  });
});

describe('leaky ReLU (4.35): the stated condition is wrong', () => {
  // the engine-format fixture (src/engine/fixtures.ts): { claim, instance: { act, th1, th2, th3, gamma, mu, lambda6 }, expected }
  const cx = JSON.parse(
    readFileSync(new URL('../../../../fixtures/counterexamples/wzc/wzc.eq4.35.leaky-uminus--hand-derived.json', import.meta.url), 'utf8'),
  ) as { claim: string; instance: { act: { kind: 'leaky-relu'; slope: number }; th1: number; th2: number; th3: number; gamma: number; mu: number; lambda6: number } };
  const inst = cx.instance;
  const act: Activation = inst.act;
  const slope = inst.act.slope;
  const p = { th1: inst.th1, th2: inst.th2, th3: inst.th3, g: inst.gamma, mu: inst.mu, l6: inst.lambda6 };
  // hand-derived values of the note: (4.35) gives u⁻ = 0 with φ = 74; the global minimizer is −1 with φ = 70
  const expected: Record<string, number> = { paperValue: 0, paperPhi: 74, globalMin: -1, globalPhi: 70 };
  const n = (k: string): number => expected[k];

  it('fixture instance: literal (4.35) gives 0 (φ = 74), the global minimizer is −1 (φ = 70)', () => {
    expect(cx.claim).toBe('wzc.eq4.35.leaky-uminus');
    const um = uMinusLeakyPaper435(p.th1, p.th2, p.th3, p.g, p.mu, p.l6, slope);
    expect(um).toBe(n('paperValue'));
    const up = uPlus(p.th1, p.th2, p.th3, p.g, p.mu, p.l6);
    expect(up).toBe(0);
    expect(phiRef(act, um, p)).toBe(n('paperPhi'));
    expect(solve(act, p)).toBe(n('globalMin'));
    expect(phiRef(act, n('globalMin'), p)).toBe(n('globalPhi'));
    const [lo, hi] = searchInterval(act, p);
    const br = bruteGlobalMin1D((x) => phiRef(act, x, p), lo, hi);
    expect(br.argmin).toBeCloseTo(-1, 6);
    expect(br.min).toBeLessThan(n('paperPhi') - 3.9);
  });

  it('the paper scheme fails exactly when γθ1+μθ3 ≥ 0 > γθ1+γϖθ2+μθ3', () => {
    let failures = 0;
    let positiveUMinus = 0;
    for (const slope of [0.1, 0.5, 0.9]) {
      const a: Activation = { kind: 'leaky-relu', slope };
      for (const q of instances(0x435 + Math.round(slope * 10), 3000)) {
        const up = uPlus(q.th1, q.th2, q.th3, q.g, q.mu, q.l6);
        const um = uMinusLeakyPaper435(q.th1, q.th2, q.th3, q.g, q.mu, q.l6, slope);
        if (um > 0) positiveUMinus++;
        const paper = phiRef(a, up, q) <= phiRef(a, um, q) ? up : um;
        const best = solve(a, q);
        const fp = phiRef(a, paper, q);
        const fb = phiRef(a, best, q);
        if (fp > fb + 1e-12 * phiAbs(a, best, q)) {
          failures++;
          expect(q.g * q.th1 + q.mu * q.th3 >= 0).toBe(true);
          expect(q.g * q.th1 + q.g * slope * q.th2 + q.mu * q.th3 < 0).toBe(true);
        }
      }
    }
    expect(failures).toBeGreaterThan(50);
    expect(positiveUMinus).toBeGreaterThan(50); // (4.35)'s "u⁻" leaves (−∞, 0]; harmless for u* (φ(u⁺) ≤ φ(u⁻))
  });
});

describe('ELU: φ\'\' of (4.39) and its general-α form', () => {
  it('matches central differences of φ; the paper (4.39) is exact for α = 1 only', () => {
    const rand = mulberry32(0x439);
    for (let k = 0; k < 300; k++) {
      const alpha = k % 2 === 0 ? 1 : 0.2 + 2 * rand();
      const act: Activation = { kind: 'elu', alpha };
      const p = { th1: 4 * rand() - 2, th2: 10 * rand() - 3, th3: 4 * rand() - 2, g: 0.1 + 5 * rand(), mu: rand(), l6: rand() };
      const u = -0.05 - 4 * rand();
      const hstep = 1e-4;
      const fd = (phiRef(act, u + hstep, p) - 2 * phiRef(act, u, p) + phiRef(act, u - hstep, p)) / (hstep * hstep);
      const ours = eluPhiSecond(u, p.th2, p.g, p.mu, p.l6, alpha);
      // O(h²) truncation plus ε·φ/h² rounding: ~1e-6 relative at these scales.
      expect(Math.abs(fd - ours)).toBeLessThan(1e-4 * Math.max(1, Math.abs(ours)));
      const e = Math.exp(u);
      const paper = 2 * p.g * e * e - p.g * (p.th2 + 1) * e + p.mu + p.g + 2 * p.l6; // (4.39)
      if (alpha === 1) expect(Math.abs(paper - ours)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ours)));
    }
  });
});

describe('uStepInto', () => {
  function arrays(seed: number, n: number) {
    const rand = mulberry32(seed);
    const gauss = gaussian(rand);
    const mk = (s: number) => Float64Array.from({ length: n }, () => s * gauss());
    return { Pw: mk(2), h: Float64Array.from({ length: n }, () => 3 * rand()), xi: mk(1), zeta: mk(1), uPrev: mk(2) };
  }

  it('equals uScalarMin coordinate by coordinate, also in place (out === uPrev) and under each fault', () => {
    const n = 7 * 11;
    const { Pw, h, xi, zeta, uPrev } = arrays(0xabc, n);
    const gamma = 1.7;
    const mu = 0.3;
    const l6 = 0.01;
    for (const act of ACTS) {
      for (const fault of [null, 'tie-reversed', 'no-prox', 'u-minus-gamma-theta2'] as const) {
        const faults: ReadonlySet<WzcFault> = new Set(fault === null ? [] : [fault]);
        const out = new Float64Array(n);
        uStepInto(act, Pw, h, xi, zeta, uPrev, gamma, mu, l6, out, faults);
        for (let i = 0; i < n; i++) {
          const ref = uScalarMin(act, Pw[i] - xi[i] / gamma, h[i] + zeta[i] / gamma, uPrev[i], gamma, mu, l6, faults);
          expect(out[i]).toBe(ref);
        }
        const inPlace = uPrev.slice();
        uStepInto(act, Pw, h, xi, zeta, inPlace, gamma, mu, l6, inPlace, faults);
        expect(Array.from(inPlace)).toEqual(Array.from(out));
      }
    }
  });

  it('rejects mismatched lengths and invalid γ, μ, λ6', () => {
    const a = new Float64Array(4);
    expect(() => uStepInto({ kind: 'relu' }, a, a, a, a, new Float64Array(3), 1, 1, 1, a)).toThrow(RangeError);
    expect(() => uStepInto({ kind: 'relu' }, a, a, a, a, a, 0, 1, 1, a)).toThrow(RangeError);
    expect(() => uScalarMin({ kind: 'relu' }, 0, 0, 0, 1, -1, 1)).toThrow(RangeError);
  });
});

describe('planted faults are visible', () => {
  const relu: Activation = { kind: 'relu' };
  it('no-prox solves the μ = 0 problem', () => {
    for (const act of ACTS) {
      for (const p of instances(0x9e0 + ACTS.indexOf(act), 200)) {
        const m = solve(act, p, new Set(['no-prox']));
        expect(m).toBe(uScalarMin(act, p.th1, p.th2, p.th3, p.g, 0, p.l6));
      }
    }
    // θ3 pulls u toward 4 only through μ.
    expect(uScalarMin(relu, 0, 0, 4, 1, 2, 0)).toBe(2);
    expect(uScalarMin(relu, 0, 0, 4, 1, 2, 0, new Set(['no-prox']))).toBe(0);
  });

  it('u-minus-gamma-theta2 returns a non-global point', () => {
    // γ = 1, μ = λ6 = 0, θ = (−1, −1, 0): u* = −1 (φ = 1/2); the mutant's u⁻ = −2 has φ = 1 and loses to u⁺ = 0.
    expect(uScalarMin(relu, -1, -1, 0, 1, 0, 0)).toBe(-1);
    const m = uScalarMin(relu, -1, -1, 0, 1, 0, 0, new Set(['u-minus-gamma-theta2']));
    expect(m).toBe(0);
    expect(phiScalar(relu, m, -1, -1, 0, 1, 0, 0)).toBe(1);
    for (const act of ACTS.slice(1)) {
      const good = uScalarMin(act, -1, -3, 0, 1, 0, 0);
      const bad = uScalarMin(act, -1, -3, 0, 1, 0, 0, new Set(['u-minus-gamma-theta2']));
      expect(phiScalar(act, bad, -1, -3, 0, 1, 0, 0)).toBeGreaterThan(phiScalar(act, good, -1, -3, 0, 1, 0, 0) + 1e-3);
    }
  });
});
