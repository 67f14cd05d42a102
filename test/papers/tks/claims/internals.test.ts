/**
 * The TKS claims' shared parts on their own: instance families round-trip through JSON and name the bad field of a
 * malformed instance, the hypothesis of Theorems 1–2 says which ρ_i fails, the AP constants are what the paper's
 * formulas give, and a diverging run is a violation of every run claim, not an engine error.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RTOL } from '../../../../src/engine/tolerance.ts';
import type { CheckContext, RegisteredClaim } from '../../../../src/engine/types.ts';
import { lemma1RhoBar, strongConvexityEstimate, theorem4RhoMax } from '../../../../src/papers/tks/claims/_internals/ap.ts';
import { rhoOver2H } from '../../../../src/papers/tks/claims/_internals/common.ts';
import { apCases, apRuns, points, runs, scalarsA, smallACases, type RunCase } from '../../../../src/papers/tks/claims/_internals/families.ts';
import { buildPoint, type PointSpec } from '../../../../src/papers/tks/claims/_internals/points.ts';
import { tksLedger } from '../../../../src/papers/tks/claims/ledger.ts';
import { bySeed, empiricalSeeds } from '../../../../src/papers/tks/claims/_internals/empirical.ts';

const SPEC: PointSpec = {
  dims: { N: 2, B: 1, d: 2, h: 2, q: 2 }, loss: 'squared', inputs: 'dense', seed: 7,
  hyper: { nu: 1, rho1: 1, rho2: 1, rho3: 1, r: 1, omega: 0 }, paramScale: 0.5, noise: 0.3, lambda: 0.5,
};
const CTX: CheckContext = { rtol: DEFAULT_RTOL, faults: new Set() };
const claim = (id: string): RegisteredClaim => {
  const c = tksLedger().claims.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

describe('TKS claim families', () => {
  it('round-trip through JSON and describe themselves', () => {
    const j = points.toJSON(SPEC);
    expect(points.fromJSON(JSON.parse(JSON.stringify(j)))).toEqual(SPEC);
    const run: RunCase = { point: SPEC, K: 3 };
    expect(runs.fromJSON(runs.toJSON(run))).toEqual(run);
    expect(apCases.fromJSON(apCases.toJSON({ point: SPEC, tau: 4 }))).toEqual({ point: SPEC, tau: 4 });
    for (const delays of ['worst', 12] as const) {
      const ap = { run, tau: 3, delays };
      expect(apRuns.fromJSON(JSON.parse(JSON.stringify(apRuns.toJSON(ap))))).toEqual(ap);
    }
    expect(apRuns.describe?.({ run, tau: 3, delays: 'worst' })).toMatch(/K=3 τ=3 delays=worst$/);
    expect(smallACases.fromJSON(smallACases.toJSON({ point: SPEC, abar: 0.1 }))).toEqual({ point: SPEC, abar: 0.1 });
    expect(scalarsA.fromJSON(scalarsA.toJSON(0.25))).toBe(0.25);
    expect(points.describe?.(SPEC)).toMatch(/^N=2 B=1 d=2 h=2 q=2 squared dense seed=7/);
    expect(runs.describe?.(run)).toMatch(/K=3$/);
    expect(apCases.describe?.({ point: SPEC, tau: 4 })).toBe('2 rows squared τ=4');
    expect(smallACases.describe?.({ point: SPEC, abar: 0.1 })).toMatch(/ā=0\.1$/);
    expect(scalarsA.describe?.(0.25)).toBe('a=0.25');
  });

  it('name the bad field of a malformed instance', () => {
    const j = points.toJSON(SPEC) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>): unknown => ({ ...j, ...patch });
    expect(() => points.fromJSON(bad({ dims: { ...SPEC.dims, N: 0 } }))).toThrow(/instance\.dims\.N: expected an integer ≥ 1/);
    expect(() => points.fromJSON(bad({ dims: { ...SPEC.dims, q: 1.5 } }))).toThrow(/instance\.dims\.q/);
    expect(() => points.fromJSON(bad({ loss: 'hinge' }))).toThrow(/instance\.loss: expected cross-entropy or squared/);
    expect(() => points.fromJSON(bad({ inputs: 'sparse' }))).toThrow(/instance\.inputs: expected onehot or dense/);
    expect(() => points.fromJSON(bad({ hyper: { ...SPEC.hyper, rho2: 0 } }))).toThrow(/instance\.hyper\.rho2: expected a finite number > 0/);
    expect(() => points.fromJSON(bad({ hyper: { ...SPEC.hyper, omega: -1 } }))).toThrow(/instance\.hyper\.omega: expected a number ≥ 0/);
    expect(() => points.fromJSON(bad({ noise: 'x' }))).toThrow(/instance\.noise: expected a finite number/);
    expect(() => runs.fromJSON({ point: j, K: 0 })).toThrow(/K: expected an integer ≥ 1/);
    expect(() => runs.fromJSON({ K: 2 })).toThrow(/point: expected an object/);
    expect(() => apCases.fromJSON({ point: j, tau: 0 })).toThrow(/tau: expected an integer ≥ 1/);
    expect(() => apRuns.fromJSON({ run: { point: j, K: 2 }, tau: 0, delays: 'worst' })).toThrow(/tau: expected an integer ≥ 1/);
    expect(() => apRuns.fromJSON({ run: { point: j, K: 2 }, tau: 2, delays: 'best' })).toThrow(/delays: expected "worst" or an integer ≥ 0, got "best"/);
    expect(() => smallACases.fromJSON({ point: j, abar: 0 })).toThrow(/abar: expected a finite number > 0/);
    expect(() => scalarsA.fromJSON({})).toThrow(/a: expected a finite number/);
  });

  it('build the same point from the same spec, with one-hot inputs and classes for cross-entropy', () => {
    const s: PointSpec = { ...SPEC, loss: 'cross-entropy', inputs: 'onehot' };
    const a = buildPoint(s), b = buildPoint(s);
    expect(Array.from(a.aux.a)).toEqual(Array.from(b.aux.a));
    expect(a.batch.x.kind).toBe('onehot');
    expect(a.batch.y.kind).toBe('classes');
  });
});

describe('TKS hypotheses and constants', () => {
  it('ρ_i > 2H names the multipliers that fail', () => {
    const h = rhoOver2H((c: PointSpec) => c.hyper, () => 0.5);
    expect(h.test(SPEC)).toBe('rho1, rho2, rho3 ≤ 2H = 1.00');
    expect(h.test({ ...SPEC, hyper: { ...SPEC.hyper, rho1: 2, rho2: 2, rho3: 2 } })).toBe(true);
  });

  it('Lemma 1\'s (16) on AP runs names the ρ_i at or below ρ̄(H)', () => {
    const bar = lemma1RhoBar(1 / 2); // H of the squared loss at M = 2
    const ap = (rho: number[]) => ({ run: { point: { ...SPEC, hyper: { ...SPEC.hyper, rho1: rho[0], rho2: rho[1], rho3: rho[2] } }, K: 2 }, tau: 2, delays: 'worst' as const });
    const c = claim('tks.lemma1.ap-kkt');
    expect(c.hypothesisNames).toEqual(['ρ_i > ρ̄(H) (16), i = 1, 2, 3']);
    expect(c.evaluate(ap([2 * bar, bar, 0.5]), CTX)).toEqual({ status: 'hypotheses-unmet', unmet: [`ρ_i > ρ̄(H) (16), i = 1, 2, 3: rho2, rho3 ≤ ρ̄(H) = ${bar.toPrecision(4)}`] });
    expect(c.evaluate(ap([1.01 * bar, 2 * bar, 3 * bar]), CTX)).not.toMatchObject({ status: 'hypotheses-unmet' });
  });

  it('(16) gives ρ̄(0) = 1; Theorem 4 with δ = 0 gives the empty range; R\'s modulus is 0 for cross-entropy, 1/M for squared', () => {
    expect(lemma1RhoBar(0)).toBe(1);
    expect(lemma1RhoBar(0.5)).toBeCloseTo((1.75 + Math.sqrt(1.75 ** 2 + 2)) / 2, 14);
    expect(theorem4RhoMax(0, 3)).toBe(0);
    expect(theorem4RhoMax(1, 1)).toBe(1 / 4);
    expect(theorem4RhoMax(1, 3)).toBe(1 / (12 * 6));
    expect(strongConvexityEstimate(buildPoint({ ...SPEC, loss: 'cross-entropy' }), 1)).toBeLessThan(1e-9);
    expect(strongConvexityEstimate(buildPoint(SPEC), 1)).toBeCloseTo(1 / 2, 6);
  });
});

describe('TKS run claims on a diverging run', () => {
  for (const id of ['tks.lemma1.ap-bounded', 'tks.lemma1.ap-kkt']) {
    it(`${id}: violated, naming the divergence and τ`, () => {
      const v = claim(id).evaluate({ run: { point: { ...SPEC, paramScale: 1e200, hyper: { ...SPEC.hyper, rho1: 3, rho2: 3, rho3: 3 } }, K: 3 }, tau: 2, delays: 5 }, CTX);
      expect(v).toMatchObject({ status: 'violated' });
      expect('detail' in v ? v.detail : '').toMatch(/diverged .*τ = 2/);
    });
  }
  // parameters of size 1e200 overflow the first products: the solver stops with a divergence error
  const diverging: RunCase = { point: { ...SPEC, paramScale: 1e200, hyper: { ...SPEC.hyper, rho1: 3, rho2: 3, rho3: 3 } }, K: 3 };
  for (const id of ['tks.assumption2.bounded-gradient.corrected', 'tks.thm1.descent', 'tks.thm1.descent.corrected', 'tks.thm1.lower-bounded', 'tks.thm1.subgradient', 'tks.thm2.bounded', 'tks.thm2.kkt', 'tks.thm3.rate', 'tks.thm3.rate.corrected']) {
    it(`${id}: violated, naming the divergence`, () => {
      const v = claim(id).evaluate(diverging, CTX);
      expect(v).toMatchObject({ status: 'violated' });
      expect('detail' in v ? v.detail : '').toMatch(/diverged/);
    });
  }
});

describe('the empirical claims\' shared pieces (_internals/empirical.ts)', () => {
  it('bySeed: one evaluation per seed, the oldest dropped beyond `keep`', () => {
    let calls = 0;
    const f = bySeed((s) => { calls++; return { s }; }, 2);
    const a = f(1);
    expect(f(1)).toBe(a);
    f(2);
    f(3); // drops seed 1
    expect(calls).toBe(3);
    expect(f(1)).not.toBe(a);
    expect(calls).toBe(4);
  });

  it('tks.empirical-seed: JSON round trip, one-line description, a field error naming the seed', () => {
    expect(empiricalSeeds.fromJSON(empiricalSeeds.toJSON({ seed: 7 }))).toEqual({ seed: 7 });
    expect(empiricalSeeds.describe?.({ seed: 7 })).toBe('seed 7');
    expect(() => empiricalSeeds.fromJSON({ seed: 'x' })).toThrow(/seed/);
  });
});
