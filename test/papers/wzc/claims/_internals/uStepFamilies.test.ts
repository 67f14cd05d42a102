import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACT_ARBS, scalarFamily, tieFamily, uStepFamily, TIE_BASES,
} from '../../../../../src/papers/wzc/claims/_internals/uStepFamilies.ts';
import { phiScalar } from '../../../../../src/papers/wzc/solver/uStep.ts';
import type { InstanceFamily } from '../../../../../src/engine/types.ts';

function roundTrips<I>(fam: InstanceFamily<I>, seed: number): void {
  for (const x of fc.sample(fam.arbitrary('ci'), { numRuns: 30, seed })) {
    const j = JSON.stringify(fam.toJSON(x));
    expect(JSON.stringify(fam.toJSON(fam.fromJSON(JSON.parse(j))))).toBe(j);
  }
}

describe('u-step instance families', () => {
  it('round-trip through JSON', () => {
    roundTrips(uStepFamily('u', ACT_ARBS.elu), 3);
    roundTrips(tieFamily('t'), 4);
    roundTrips(scalarFamily('s', ACT_ARBS.leaky, true), 5);
  });
  it('tie instances are exact ties of φ in floating point', () => {
    for (const b of TIE_BASES) {
      const f = (u: number) => phiScalar(b.act, u, b.th[0], b.th[1], b.th[2], b.gamma, b.mu, b.lambda6);
      expect(f(b.uPlus)).toBe(f(b.uMinus));
    }
    for (const c of fc.sample(tieFamily('t').arbitrary('ci'), { numRuns: 50, seed: 7 })) {
      for (let i = 0; i < c.Pw.length; i++) {
        const t1 = c.Pw[i] - c.xi[i] / c.gamma, t2 = c.h[i] + c.zeta[i] / c.gamma;
        const base = TIE_BASES.find((b) => b.gamma * (c.mu / b.mu) === c.gamma)!;
        const k = c.uPrev[i] / base.th[2];
        expect([t1, t2]).toEqual([base.th[0] * k, base.th[1] * k]);
      }
    }
  });
});
