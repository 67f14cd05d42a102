import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InstanceFamily } from '../../../../../src/engine/types.ts';
import {
  almLevelFamily, pointDirectionFamily, syntheticStartFamily, tableTwoFamily,
} from '../../../../../src/papers/wzc/claims/_internals/sec4Families.ts';
import { almParams, initialLevel, runAlmCase } from '../../../../../src/papers/wzc/claims/_internals/runs.ts';
import { alParts, feasibleStart } from '../../../../../src/papers/wzc/problem/lagrangian.ts';

function roundTrips<I>(fam: InstanceFamily<I>, seed: number): void {
  for (const inst of fc.sample(fam.arbitrary('ci'), { seed, numRuns: 8 })) {
    const json = JSON.parse(JSON.stringify(fam.toJSON(inst)));
    expect(fam.toJSON(fam.fromJSON(json))).toEqual(json);
  }
}

describe('§4 instance families', () => {
  it('round-trip through JSON', () => {
    roundTrips(almLevelFamily('t.level'), 1);
    roundTrips(pointDirectionFamily('t.pd'), 2);
    roundTrips(tableTwoFamily('t.t2'), 3);
    roundTrips(syntheticStartFamily('t.syn'), 4);
  });

  it('reject malformed instances', () => {
    expect(() => tableTwoFamily('t').fromJSON({ setting: 'mnist' })).toThrow(/setting/);
    expect(() => syntheticStartFamily('t').fromJSON({ setting: 'synthetic-T10', scheme: 'xavier', dataSeed: 1, initSeed: 1 })).toThrow(/scheme/);
  });

  it('ALM level cases: Γ = L(s⁰) + slack, and the run starts from the case\'s ξ⁰, ζ⁰', () => {
    const [c] = fc.sample(almLevelFamily('t').arbitrary('ci'), { seed: 7, numRuns: 1 });
    expect(almParams(c).Gamma).toBe(initialLevel(c) + c.gammaSlack);
    expect(initialLevel(c)).toBe(alParts(c.prob, feasibleStart(c.prob, c.z0), null, 1).R); // s⁰ feasible: L = R
    let seen: Float64Array | null = null;
    runAlmCase({ ...c, outer: 1 }, { faults: new Set() }, { onBcdStart: (e) => { seen = e.mult.xi.slice(); } });
    expect(Array.from(seen as unknown as Float64Array)).toEqual(Array.from(c.mult0.xi));
  });
});
