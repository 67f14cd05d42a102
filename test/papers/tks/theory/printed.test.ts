import { describe, expect, it } from 'vitest';
import type { Hyper } from '../../../../src/papers/tks/problem/types.ts';
import { zeroAux, zeroMultipliers, zeroParams } from '../../../../src/papers/tks/problem/types.ts';
import { alValue, type TksPoint } from '../../../../src/papers/tks/theory/lagrangian.ts';
import { withBlock } from '../../../../src/papers/tks/theory/models.ts';
import {
  exactB, exactC, printedAObjective, printedATrick, printedO, printedPhi3, printedS, printedU, printedV, printedW,
} from '../../../../src/papers/tks/theory/printed.ts';
import { lossLipschitz } from '../../../../src/papers/tks/problem/loss.ts';
import { flagsOf } from '../../../../src/papers/tks/solver/faults.ts';
import { invalidateProducts, runBlock } from '../../../../src/papers/tks/solver/iteration.ts';
import { allocWorkspace } from '../../../../src/papers/tks/solver/workspace.ts';
import { clonePoint, randomPoint } from '../../../helpers/tksInstance.ts';

const ONES: Hyper = { nu: 1, rho1: 1, rho2: 1, rho3: 1, r: 1, omega: 0 };

/** A scalar instance (d = h = q = 1, B = 1, one-hot x = 1, squared loss with target y) with every array zero. */
function scalar(N: number, y: number[]): TksPoint {
  const dims = { N, B: 1, d: 1, h: 1, q: 1 };
  return {
    batch: { dims, s0: new Float64Array(1), x: { kind: 'onehot', idx: new Int32Array(N) }, y: { kind: 'values', y: Float64Array.from(y) } },
    hp: { ...ONES }, p: zeroParams(dims), aux: zeroAux(dims), mult: zeroMultipliers(dims),
  };
}

function solverStep(pt: TksPoint, X: 'u' | 'w' | 'b' | 'v' | 'c' | 'a' | 's' | 'o'): TksPoint {
  const q = clonePoint(pt);
  const { N, B } = q.batch.dims;
  const ws = allocWorkspace(q.batch.dims, q.batch.x.kind === 'dense');
  invalidateProducts(ws);
  const kind = q.batch.y.kind === 'classes' ? 'cross-entropy' : 'squared';
  runBlock({ dims: q.batch.dims, hp: q.hp, H: lossLipschitz(kind, N * B), faults: flagsOf(undefined) }, X, { ...q, batch: q.batch }, ws);
  return q;
}

describe('TKS printed updates: counterexamples (each raises (8), the corrected step lowers it)', () => {
  it('(10) u-step: wrong sign of the linear term. N = 1, a_1 = 1, s_1 = tanh 1, u^k = 0: L goes ½ → 2 (corrected: ⅛)', () => {
    const pt = scalar(1, [0]);
    pt.aux.a[0] = 1;
    pt.aux.s[0] = Math.tanh(1);
    const L0 = alValue(pt).L;
    const printed = printedU(pt);
    expect(printed[0]).toBe(-1);
    expect(L0).toBeCloseTo(0.5, 14);
    expect(alValue(withBlock(pt, 'u', printed)).L).toBeCloseTo(2, 14);
    const fixed = solverStep(pt, 'u');
    expect(fixed.p.u[0]).toBeCloseTo(0.5, 14);
    expect(alValue(fixed).L).toBeCloseTo(0.125, 14);
  });

  it('(13) s-step: wrong sign of the vᵀ(o − v s − c) term. N = 2, v = 1, o_1 = 1: L goes ¾ → 1.5 (corrected: 19/36)', () => {
    const pt = scalar(2, [0, 0]);
    pt.p.v[0] = 1;
    pt.aux.o[0] = 1;
    const L0 = alValue(pt).L;
    expect(L0).toBeCloseTo(0.75, 14); // R = (½·1² + 0)/2 = ¼ and ν/2·r3_1² = ½
    const printed = printedS(pt);
    expect(printed[0]).toBeCloseTo(-0.5, 14);
    expect(alValue(withBlock(pt, 's', printed)).L).toBeCloseTo(1.5, 14);
    const fixed = solverStep(pt, 's');
    // min ½s² + ½(1 − s)² + ½s² (r = 1): s_1 = ⅓, L = 1/18 + 2/9 + ¼
    expect(fixed.aux.s[0]).toBeCloseTo(1 / 3, 14);
    expect(alValue(fixed).L).toBeCloseTo(19 / 36, 14);
  });

  it('(24) o_N-step: the shift −λ3/ρ3 has the wrong sign. N = 1, λ3 = 1: the printed target raises (8) from 0 to ¾', () => {
    const pt = scalar(1, [0]);
    pt.mult.l3[0] = 1;
    // (8) in o: ½o² + λ3·o + ½o² (R with M = 1, and ρ3 = 1), minimized at o = −½
    const L0 = alValue(pt).L;
    expect(L0).toBe(0);
    // the printed subproblem with o in the penalty, min ½o² + ½(o − λ3/ρ3)², is solved by o = ½
    expect(alValue(withBlock(pt, 'o', Float64Array.of(0.5))).L).toBeCloseTo(0.75, 14);
    expect(alValue(withBlock(pt, 'o', Float64Array.of(-0.5))).L).toBeCloseTo(-0.25, 14);
    const fixed = solverStep(pt, 'o');
    expect(alValue(fixed).L).toBeLessThan(0);
  });

  it('(23)/(24) as printed: the penalty is a constant, so the o-step is min R alone (cross-entropy: no minimizer)', () => {
    expect(printedO(randomPoint(1, { loss: 'cross-entropy' }))).toBeNull();
    const pt = randomPoint(2, { loss: 'squared' });
    expect(Array.from(printedO(pt)!)).toEqual(Array.from(pt.batch.y.kind === 'values' ? pt.batch.y.y : []));
  });

  it('on random instances every printed update raises (8) somewhere, and the corrected one never does', () => {
    const printed: [string, 'u' | 'w' | 'v' | 's' | 'a', (pt: TksPoint) => Float64Array][] = [
      ['(10) u', 'u', printedU], ['(19) w', 'w', printedW], ['(21) v', 'v', printedV], ['(13)/(14) s', 's', printedS],
      ['(11)/(12) a with f(a) = a', 'a', printedATrick],
    ];
    for (const [name, X, f] of printed) {
      let raised = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const pt = randomPoint(seed, { dims: { N: 2, B: 1, d: 2, h: 1, q: 2 }, hyper: { ...ONES, nu: 0.5, rho1: 0.5, rho2: 0.5, rho3: 0.5 } });
        const L0 = alValue(pt).L;
        if (alValue(withBlock(pt, X, f(pt))).L > L0 + 1e-9) raised++;
        expect(alValue(solverStep(pt, X)).L, `${name}, seed ${seed}`).toBeLessThanOrEqual(L0);
      }
      expect(raised, name).toBeGreaterThan(5);
    }
  });
});

describe('TKS (20)/(22): the exact b and c of the oracle equal the solver steps', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, () => {
      const pt = randomPoint(seed, { loss: seed === 2 ? 'squared' : 'cross-entropy' });
      const b = solverStep(pt, 'b').p.b, c = solverStep(pt, 'c').p.c;
      const eb = exactB(pt), ec = exactC(pt);
      for (let k = 0; k < b.length; k++) expect(b[k]).toBeCloseTo(eb[k], 12);
      for (let k = 0; k < c.length; k++) expect(c[k]).toBeCloseTo(ec[k], 12);
    });
  }
});

describe('TKS (11)/(12) as printed: the "small a_t" trick is not the minimizer of the printed subproblem', () => {
  it('a per-entry brute-force minimization of the printed objective (with tanh) beats the trick\'s closed form', () => {
    const pt = randomPoint(5, { dims: { N: 2, B: 1, d: 2, h: 3, q: 2 }, hyper: { ...ONES } });
    const trick = printedATrick(pt);
    const fTrick = printedAObjective(pt, trick);
    // the objective is separable per entry: minimize each on a fine grid around the trick's value
    const best = trick.slice();
    for (let k = 0; k < best.length; k++) {
      let bestF = Infinity, bestA = trick[k];
      for (let i = -4000; i <= 4000; i++) {
        const a = trick[k] + i * 1e-3;
        const cand = best.slice();
        cand[k] = a;
        const f = printedAObjective(pt, cand);
        if (f < bestF) [bestF, bestA] = [f, a];
      }
      best[k] = bestA;
    }
    expect(printedAObjective(pt, best)).toBeLessThan(fTrick - 1e-6);
    expect(printedAObjective(pt, pt.aux.a)).toBeGreaterThanOrEqual(printedAObjective(pt, best));
  });
});

describe('TKS (3) against (4)', () => {
  it('(3) nests the output v s + c into w where (4) uses the state: h = q = 1, u = w = 1, v = 2, x = (1, 0) gives 1.818 vs 1.284', () => {
    const p = { u: Float64Array.of(1), w: Float64Array.of(1), b: Float64Array.of(0), v: Float64Array.of(2), c: Float64Array.of(0) };
    const phi = printedPhi3(p, [Float64Array.of(1), Float64Array.of(0)], { d: 1, h: 1, q: 1 })[0];
    expect(phi).toBeCloseTo(2 * Math.tanh(2 * Math.tanh(1)), 14);
    const o2 = 2 * Math.tanh(Math.tanh(1)); // (4): s_1 = tanh 1, s_2 = tanh(w s_1), o_2 = v s_2
    expect(phi).toBeCloseTo(1.8185, 4);
    expect(o2).toBeCloseTo(1.2840, 4);
    // with v = 1, c = 0 the two agree (the output is the state)
    const same = { ...p, v: Float64Array.of(1) };
    expect(printedPhi3(same, [Float64Array.of(1), Float64Array.of(0)], { d: 1, h: 1, q: 1 })[0]).toBeCloseTo(Math.tanh(Math.tanh(1)), 14);
  });
});
