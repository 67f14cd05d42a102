import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alPointFamily, pairFamily } from '../../../../../src/papers/wzc/claims/_internals/pairFamilies.ts';
import { alParts } from '../../../../../src/papers/wzc/problem/lagrangian.ts';
import type { InstanceFamily } from '../../../../../src/engine/types.ts';

function roundTrips<I>(fam: InstanceFamily<I>, seed: number): void {
  for (const x of fc.sample(fam.arbitrary('ci'), { numRuns: 30, seed })) {
    const j = JSON.stringify(fam.toJSON(x));
    expect(JSON.stringify(fam.toJSON(fam.fromJSON(JSON.parse(j))))).toBe(j);
  }
}

describe('Lemma 3.1–3.2 instance families', () => {
  it('round-trip through JSON', () => {
    roundTrips(pairFamily('p'), 1);
    roundTrips(alPointFamily('a'), 2);
  });
  it('pairs share z, and aligned points sit on C1 = −ξ/γ, C2 = −ζ/γ (L = R − ‖ξ‖²/2γ − ‖ζ‖²/2γ)', () => {
    let aligned = 0;
    for (const p of fc.sample(pairFamily('p').arbitrary('ci'), { numRuns: 200, seed: 6 })) {
      expect(p.h2.length).toBe(p.s.h.length);
      if (p.mode !== 'aligned') continue;
      aligned++;
      const parts = alParts(p.prob, p.s, p.mult, p.gamma);
      let sh = 0;
      for (const v of p.mult.xi) sh += v * v;
      for (const v of p.mult.zeta) sh += v * v;
      sh /= 2 * p.gamma;
      expect(Math.abs(parts.L - (parts.R - sh))).toBeLessThanOrEqual(1e-9 * (1 + sh));
    }
    expect(aligned).toBeGreaterThan(50);
  });
});
