import { describe, it, expect } from 'vitest';
import { hStepInto, hStepWorkspace, inputDriveInto } from '../../../../src/papers/wzc/solver/hStep.ts';
import { gradHInto, gradWorkspace } from '../../../../src/papers/wzc/problem/gradients.ts';
import { psiW } from '../../../../src/models/elman.ts';
import type { Activation, Dims } from '../../../../src/papers/wzc/problem/types.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { randomIterate, randomMultipliers, randomProblem } from '../../../helpers/wzcInstance.ts';

function maxAbs(a: Float64Array): number {
  let s = 0;
  for (const v of a) s = Math.max(s, Math.abs(v));
  return s;
}

const cases: [Dims, Activation][] = [
  [{ T: 5, n: 3, m: 2, r: 4 }, { kind: 'relu' }],
  [{ T: 8, n: 2, m: 3, r: 6 }, { kind: 'leaky-relu', slope: 0.2 }],
  [{ T: 6, n: 4, m: 1, r: 9 }, { kind: 'elu', alpha: 1 }],
  [{ T: 1, n: 2, m: 2, r: 3 }, { kind: 'relu' }],
  [{ T: 2, n: 1, m: 1, r: 1 }, { kind: 'relu' }],
];

describe('h-step (3.18)', () => {
  cases.forEach(([d, act], k) => {
    for (const gamma of [0.3, 4, 50]) {
      it(`zeroes ∇_h L: T=${d.T} r=${d.r} ${act.kind} γ=${gamma}`, () => {
        const prob = randomProblem(d, 40 + k, act);
        const s = randomIterate(d, 50 + k);
        const mult = randomMultipliers(d, 60 + k);
        const gws = gradWorkspace(d);
        const g0 = new Float64Array(d.T * d.r);
        gradHInto(prob, s, mult, gamma, gws, g0);
        hStepInto(prob, hStepWorkspace(prob), s.z, s.u, mult.xi, mult.zeta, gamma, s.h);
        const g = new Float64Array(d.T * d.r);
        gradHInto(prob, s, mult, gamma, gws, g);
        // backward-stable SPD solves: residual ~ ε·cond·scale; 1e-10 relative is far above that
        expect(maxAbs(g)).toBeLessThan(1e-10 * Math.max(1, maxAbs(g0)));
      });
    }
  });

  it('leaves XVᵀ + 1bᵀ in ws.Bx (the u-step reuses it for Ψ(h)w)', () => {
    const d: Dims = { T: 6, n: 3, m: 2, r: 5 };
    const prob = randomProblem(d, 1);
    const s = randomIterate(d, 2);
    const mult = randomMultipliers(d, 3);
    const ws = hStepWorkspace(prob);
    hStepInto(prob, ws, s.z, s.u, mult.xi, mult.zeta, 2, s.h);
    const ref = new Float64Array(d.T * d.r);
    psiW(d, prob.data.X, s.z, new Float64Array(d.T * d.r), ref);
    expectClose(ws.Bx, ref, 1e-13);
    const again = new Float64Array(d.T * d.r);
    inputDriveInto(hStepWorkspace(prob), s.z, again);
    expect(Array.from(again)).toEqual(Array.from(ws.Bx));
  });

  it("fault 'hT-uses-D1' changes only h_T and leaves a nonzero ∇_{h_T}", () => {
    const d: Dims = { T: 5, n: 2, m: 2, r: 4 };
    const prob = randomProblem(d, 7);
    const s = randomIterate(d, 8);
    const mult = randomMultipliers(d, 9);
    const good = new Float64Array(d.T * d.r), bad = new Float64Array(d.T * d.r);
    hStepInto(prob, hStepWorkspace(prob), s.z, s.u, mult.xi, mult.zeta, 2, good);
    hStepInto(prob, hStepWorkspace(prob), s.z, s.u, mult.xi, mult.zeta, 2, bad, undefined, new Set(['hT-uses-D1']));
    expect(Array.from(bad.subarray(0, (d.T - 1) * d.r))).toEqual(Array.from(good.subarray(0, (d.T - 1) * d.r)));
    s.h.set(bad);
    const g = new Float64Array(d.T * d.r);
    gradHInto(prob, s, mult, 2, gradWorkspace(d), g);
    expect(maxAbs(g.subarray((d.T - 1) * d.r))).toBeGreaterThan(1e-3);
  });
});
