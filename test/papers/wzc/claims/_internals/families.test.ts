import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  almFamily, bcdFamily, NEAR_SINGULAR_PERTURBATION, pointArb, pointFamily,
} from '../../../../../src/papers/wzc/claims/_internals/families.ts';
import type { Problem } from '../../../../../src/papers/wzc/problem/types.ts';
import { alParts } from '../../../../../src/papers/wzc/problem/lagrangian.ts';

describe('WZC instance families', () => {
  it('points are valid, spread out, and survive a JSON round trip', () => {
    const fam = pointFamily('t', { kinks: true });
    const pts = fc.sample(fam.arbitrary('ci'), { numRuns: 200, seed: 1 });
    let nonzero = 0, kinks = 0, total = 0;
    for (const p of pts) {
      const d = p.prob.data.dims;
      expect(p.s.u.length).toBe(d.T * d.r);
      expect(p.prob.lambda.every((l) => l > 0)).toBe(true);
      expect(p.gamma).toBeGreaterThan(0);
      for (const v of p.s.h) { total++; if (Math.abs(v) > 1e-3) nonzero++; }
      for (const v of p.s.u) if (v === 0) kinks++;
      const back = fam.fromJSON(JSON.parse(JSON.stringify(fam.toJSON(p))));
      expect(alParts(back.prob, back.s, back.mult, back.gamma).L).toBe(alParts(p.prob, p.s, p.mult, p.gamma).L);
    }
    // guard against the fc.double pitfall: data must not be almost all zeros
    expect(nonzero / total).toBeGreaterThan(0.5);
    expect(kinks).toBeGreaterThan(50);
  });
  it('feasible points with kinks are exactly feasible and have u = 0 entries', () => {
    const pts = fc.sample(pointFamily('f', { feasible: true, kinks: true }).arbitrary('ci'), { numRuns: 100, seed: 2 });
    let kinks = 0;
    for (const p of pts) {
      const parts = alParts(p.prob, p.s, null, 1);
      expect(parts.c1).toBeLessThanOrEqual(1e-12 * (1 + parts.R));
      expect(parts.c2).toBe(0);
      for (let i = 0; i < p.prob.data.dims.r; i++) if (p.s.u[i] === 0) kinks++;
    }
    expect(kinks).toBeGreaterThan(20);
  });
  it('BCD and ALM cases round-trip', () => {
    for (const fam of [bcdFamily('b'), almFamily('a')] as const) {
      for (const c of fc.sample(fam.arbitrary('ci') as fc.Arbitrary<unknown>, { numRuns: 20, seed: 3 })) {
        const j = JSON.stringify((fam.toJSON as (x: unknown) => unknown)(c));
        expect(JSON.stringify((fam.toJSON as (x: unknown) => unknown)((fam.fromJSON as (x: unknown) => unknown)(JSON.parse(j))))).toBe(j);
      }
    }
  });
  it('near-singular X: last column = first column + at most 1e-9, and it survives a JSON round trip', () => {
    /** max_t |X[t, n−1] − X[t, 0]|, or null when n < 2. */
    const gap = (p: Problem): number | null => {
      const { T, n } = p.data.dims;
      if (n < 2) return null;
      let g = 0;
      for (let t = 0; t < T; t++) g = Math.max(g, Math.abs(p.data.X[t * n + n - 1] - p.data.X[t * n]));
      return g;
    };
    const fam = pointFamily('ns', { kinks: true, data: 'near-singular' });
    let perturbed = 0, wide = 0;
    for (const p of fc.sample(fam.arbitrary('ci'), { numRuns: 200, seed: 4 })) {
      const g = gap(p.prob);
      expect(g).not.toBeNull();
      expect(g as number).toBeLessThanOrEqual(NEAR_SINGULAR_PERTURBATION * (1 + 1e-6));
      if ((g as number) > 0) perturbed++;
      if (p.prob.data.dims.T < p.prob.data.dims.n) wide++;
      const back = fam.fromJSON(JSON.parse(JSON.stringify(fam.toJSON(p))));
      expect(Array.from(back.prob.data.X)).toEqual(Array.from(p.prob.data.X));
    }
    expect(perturbed).toBeGreaterThan(100);
    expect(wide).toBeGreaterThan(20);
    // bcd cases draw the same data; 'mixed' draws both kinds
    for (const c of fc.sample(bcdFamily('b', { data: 'near-singular' }).arbitrary('ci'), { numRuns: 50, seed: 5 })) {
      expect(gap(c.prob) as number).toBeLessThanOrEqual(NEAR_SINGULAR_PERTURBATION * (1 + 1e-6));
    }
    const mixed = fc.sample(pointArb('ci', { data: 'mixed' }), { numRuns: 200, seed: 6 }).map((p) => gap(p.prob));
    const tiny = mixed.filter((g) => g !== null && g > 0 && g <= NEAR_SINGULAR_PERTURBATION * (1 + 1e-6)).length;
    const coarse = mixed.filter((g) => g === null || g >= 0.005).length;
    expect(tiny).toBeGreaterThan(40);
    expect(coarse).toBeGreaterThan(40);
  });
  it('kernels: one draw in k has kernel-path dimensions, SIMD on or off, and simd: false survives JSON', () => {
    const pts = fc.sample(pointFamily('k', { kernels: 5 }).arbitrary('ci'), { numRuns: 300, seed: 7 });
    const large = pts.filter((p) => p.simd !== undefined);
    expect(large.length).toBeGreaterThan(30);
    expect(large.length).toBeLessThan(100);
    for (const p of large) {
      const { T, n, r } = p.prob.data.dims;
      expect(T >= 5 && n >= 4 && r >= 5).toBe(true);
    }
    expect(large.some((p) => p.prob.data.dims.r + p.prob.data.dims.n + 1 >= 20)).toBe(true);
    for (const p of pts.filter((x) => x.simd === undefined)) expect(p.prob.data.dims.r).toBeLessThanOrEqual(4);
    const off = large.find((p) => p.simd === false)!;
    const fam = pointFamily('k', { kernels: 5 });
    expect(fam.fromJSON(JSON.parse(JSON.stringify(fam.toJSON(off)))).simd).toBe(false);
    expect('simd' in (fam.toJSON(large.find((p) => p.simd === true)!) as object)).toBe(false);
    expect(() => fam.fromJSON({ ...(fam.toJSON(off) as object), simd: 'no' })).toThrow(/^simd:/);
    const bcd = bcdFamily('kb', { kernels: 5 });
    const c = fc.sample(bcd.arbitrary('ci'), { numRuns: 100, seed: 8 }).find((x) => x.simd === false)!;
    expect(bcd.fromJSON(JSON.parse(JSON.stringify(bcd.toJSON(c)))).simd).toBe(false);
  });
});
