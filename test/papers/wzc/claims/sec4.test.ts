import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InstanceFamily } from '../../../../src/engine/types.ts';
import {
  almLevelFamily, pointDirectionFamily, syntheticStartFamily, tableTwoFamily,
} from '../../../../src/papers/wzc/claims/sec4Families.ts';
import {
  almParams, feasibleStart, FirstViolation, initialLevel, IterationChecks, onesidedPolyDerivative, runAlmCase, runChecked,
} from '../../../../src/papers/wzc/claims/sec4Runs.ts';
import { alParts } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import { wzcLedger } from '../../../../src/papers/wzc/claims/ledger.ts';
import { runClaim } from '../../../../src/engine/runner.ts';
import { replayPath } from '../../../../src/engine/replay.ts';
import { uOneSided, zeroBlock } from '../../../../src/papers/wzc/theory/gradient.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { randomIterate, randomMult, randomProblem } from '../../../helpers/theory.ts';

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

describe('one-sided derivative from the degree-4 polynomial form', () => {
  const dims = { T: 3, n: 2, m: 2, r: 2 };
  const prob = randomProblem(11, dims, { kind: 'relu' });
  const s = randomIterate(dims, 12, [1, 4]);
  const mult = randomMult(dims, 13);

  it('is positively homogeneous in d', () => {
    const d = randomIterate(dims, 14);
    const scaled = { z: { W: d.z.W.map((x) => 2 * x), V: d.z.V.map((x) => 2 * x), b: d.z.b.map((x) => 2 * x), A: d.z.A.map((x) => 2 * x), c: d.z.c.map((x) => 2 * x) }, h: d.h.map((x) => 2 * x), u: d.u.map((x) => 2 * x) };
    expectClose([onesidedPolyDerivative(prob, s, mult, 1.5, scaled).value], [2 * onesidedPolyDerivative(prob, s, mult, 1.5, d).value], 1e-9);
  });

  it('gives the right and left u-derivatives at a kink', () => {
    const os = uOneSided(prob, s, mult, 1.5);
    const e = zeroBlock(dims);
    e.u[4] = 1;
    expectClose([onesidedPolyDerivative(prob, s, mult, 1.5, e).value], [os.right[4]], 1e-9);
    e.u[4] = -1;
    expectClose([onesidedPolyDerivative(prob, s, mult, 1.5, e).value], [-os.left[4]], 1e-9);
  });
});

describe('IterationChecks', () => {
  it('keeps the tightest hold, counts sub-checks, and stops at the first violation', () => {
    const checks = new IterationChecks();
    const v = runChecked(checks, () => {
      checks.add({ status: 'holds', margin: 2 });
      checks.add({ status: 'holds', margin: 1 });
    }, { status: 'hypotheses-unmet', unmet: ['none'] });
    expect(v).toMatchObject({ status: 'holds', margin: 1 });
    expect(v.status === 'holds' && v.note).toMatch(/^2 sub-checks/);

    const stop = new IterationChecks();
    let after = false;
    const w = runChecked(stop, () => {
      stop.add({ status: 'violated', detail: 'first at k=1, j=2' });
      after = true;
    }, { status: 'holds' });
    expect(w).toEqual({ status: 'violated', detail: 'first at k=1, j=2' });
    expect(after).toBe(false);
    expect(() => new IterationChecks().add({ status: 'violated', detail: 'x' })).toThrow(FirstViolation);
  });

  it('reports the empty verdict when nothing was checked', () => {
    expect(runChecked(new IterationChecks(), () => undefined, { status: 'hypotheses-unmet', unmet: ['none'] }).status).toBe('hypotheses-unmet');
  });
});

describe('solver exceptions in the §4 claims', () => {
  const claim = (id: string) => {
    const c = wzcLedger().claims.find((x) => x.id === id);
    if (!c) throw new Error(`missing ${id}`);
    return c;
  };

  it('a divergence where the block systems are beyond double precision is inconclusive, not a violation', () => {
    // deep run 960: γ reaches 3e12 with λ4 = 3e-8 and the z-step's Cholesky fails at k = 8
    const r = replayPath(claim('wzc.thm4.7.feasibility'), { seed: 20261122, path: '960', scale: 'deep' });
    expect(r.verdict?.status).toBe('inconclusive');
    expect(r.verdict && 'detail' in r.verdict ? r.verdict.detail : '').toMatch(/^solver diverged: non-finite z at outer iteration 8.*beyond double precision$/);
  });

  it("any other divergence is a violation: the planted fault 'diverge-on-data' is caught at ci", () => {
    const r = runClaim(claim('wzc.eqA.14.descent'), { runs: 20, faults: new Set(['diverge-on-data']) });
    expect(r.verdict).toBe('violated');
    expect(r.counterexample?.verdict).toMatchObject({ status: 'violated' });
    expect('detail' in (r.counterexample?.verdict ?? {}) ? (r.counterexample?.verdict as { detail: string }).detail : '')
      .toMatch(/^the code under test threw DivergenceError: solver diverged: non-finite u at outer iteration 1, inner iteration 1$/);
    expect(runClaim(claim('wzc.eqA.14.descent'), { runs: 20 }).verdict).toBe('holds');
  });
});
