import { describe, it, expect } from 'vitest';
import { dataNorms, lipschitzArgs, lipschitzL1L2, lipschitzL1L2Paper, type LipschitzArgs } from '../../../../src/papers/wzc/solver/constants.ts';
import { runAlm } from '../../../../src/papers/wzc/solver/alm.ts';
import { tableTwo } from '../../../../src/papers/wzc/solver/defaults.ts';
import { gradHInto, gradWorkspace, gradZInto } from '../../../../src/papers/wzc/problem/gradients.ts';
import { alParts } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import type { Dims, Iterate, Multipliers } from '../../../../src/papers/wzc/problem/types.ts';
import { cloneIterate, zeroWeights } from '../../../../src/papers/wzc/problem/types.ts';
import { normals, randomWeights, teacherProblem } from '../../../helpers/wzcInstance.ts';

describe('Lipschitz constants (3.4)', () => {
  const a: LipschitzArgs = {
    dims: { T: 4, n: 2, m: 3, r: 5 }, lambda: [0.1, 0.2, 0.3, 0.4, 0.5, 0.01],
    gamma: 2, rhat: 1.5, xiNorm: 2, zetaNorm: 4, xNorm: 3, yMaxNorm: 1.25,
  };

  it('matches a hand evaluation of the printed formulas', () => {
    const delta = 1.5 + 4 / 4 + 16 / 4; // r̂ + ‖ξ‖²/2γ + ‖ζ‖²/2γ = 6.5
    const delta0 = Math.sqrt(2 * delta / 2) + Math.sqrt(delta / 0.01) + 4 / 2;
    const delta1 = Math.sqrt(5 * (delta * delta + 9 + 4));
    const delta2 = 2 * 2 * delta1 * Math.sqrt(5 * delta / 0.2);
    const delta3 = Math.sqrt(5) * 2 + 2 * Math.sqrt(5 * delta / 0.01);
    const delta4 = (2 * Math.sqrt(3) / 2) * (2 * Math.sqrt(3 * (delta0 ** 2 + 1)) * Math.sqrt(delta / 0.1) + 1.25);
    const delta5 = Math.sqrt(delta * 3 / 0.2) + 2;
    const c = lipschitzL1L2Paper(a);
    for (const [got, want] of [[c.delta, delta], [c.delta0, delta0], [c.delta1, delta1], [c.delta2, delta2], [c.delta3, delta3], [c.delta4, delta4], [c.delta5, delta5]]) {
      expect(got).toBeCloseTo(want, 10);
    }
    expect(c.L1).toBeCloseTo(Math.SQRT2 * Math.max(2 * delta1, delta2 + delta3 + delta4), 8);
    expect(c.L2).toBeCloseTo(2 * delta5, 10);
  });

  it('the (A.12) variant changes δ1 only: δ0² in place of δ²', () => {
    const p = lipschitzL1L2Paper(a), v = lipschitzL1L2(a);
    expect(v.delta1).toBeCloseTo(Math.sqrt(5 * (p.delta0 ** 2 + 9 + 4)), 10);
    expect([v.delta, v.delta0, v.delta3, v.delta4, v.delta5, v.L2]).toEqual([p.delta, p.delta0, p.delta3, p.delta4, p.delta5, p.L2]);
  });

  it('both bound the observed ratios (3.2), (3.3) on BCD iterates of a Table 2 run (level set Ω_L(r̂))', () => {
    const d: Dims = { T: 10, n: 3, m: 2, r: 6 };
    const { params, lambda } = tableTwo('synthetic-T10', d);
    const prob = { ...teacherProblem(d, 3), lambda };
    const norms = dataNorms(prob);
    const g = normals(9);
    const gws = gradWorkspace(d);
    let ctx: { mult: Multipliers; gamma: number; rhat: number } | null = null;
    let checked = 0;
    runAlm(prob, randomWeights(d, 4, 0.3), { ...params, outer: 4, inner: 6 }, {
      onBcdStart: (e) => { ctx = { mult: { xi: e.mult.xi.slice(), zeta: e.mult.zeta.slice() }, gamma: e.gamma, rhat: e.rhat }; },
      onBcdStep: (e) => {
        if (!ctx) return;
        const { mult, gamma, rhat } = ctx;
        const args = lipschitzArgs(prob, mult, gamma, rhat, norms);
        const L = [lipschitzL1L2Paper(args), lipschitzL1L2(args)];
        const s: Iterate = cloneIterate(e.s), t: Iterate = cloneIterate(e.s);
        for (let q = 0; q < t.h.length; q++) {
          t.h[q] += 1e-2 * g();
          t.u[q] += 1e-2 * g();
        }
        if (alParts(prob, t, mult, gamma).L > rhat || alParts(prob, s, mult, gamma).L > rhat) return;
        const g1 = zeroWeights(d), g2 = zeroWeights(d);
        gradZInto(prob, s, mult, gamma, gws, g1);
        gradZInto(prob, t, mult, gamma, gws, g2);
        let num = 0, den = 0;
        for (const k of ['W', 'V', 'b', 'A', 'c'] as const) for (let q = 0; q < g1[k].length; q++) num += (g1[k][q] - g2[k][q]) ** 2;
        for (let q = 0; q < s.h.length; q++) den += (s.h[q] - t.h[q]) ** 2 + (s.u[q] - t.u[q]) ** 2;
        const t2 = cloneIterate(s);
        t2.u.set(t.u);
        const h1 = new Float64Array(s.h.length), h2 = new Float64Array(s.h.length);
        gradHInto(prob, s, mult, gamma, gws, h1);
        gradHInto(prob, t2, mult, gamma, gws, h2);
        let n2 = 0, d2 = 0;
        for (let q = 0; q < h1.length; q++) {
          n2 += (h1[q] - h2[q]) ** 2;
          d2 += (s.u[q] - t2.u[q]) ** 2;
        }
        for (const c of L) {
          expect(Math.sqrt(num / den)).toBeLessThanOrEqual(c.L1);
          if (alParts(prob, t2, mult, gamma).L <= rhat) expect(Math.sqrt(n2 / d2)).toBeLessThanOrEqual(c.L2);
        }
        checked++;
      },
    });
    expect(checked).toBeGreaterThan(5);
  });
});
