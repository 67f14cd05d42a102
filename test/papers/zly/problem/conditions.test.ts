/** Constants (36)–(41), conditions (42)–(47), (77)–(81), the smallest parameters, and ξ/η/ζ of (90)–(96). */
import { describe, expect, it } from 'vitest';
import {
  checkConditions, conditionsInput, descentWeights, smallestParameters, zlyConstants, type ConditionsInput,
} from '../../../../src/papers/zly/problem/conditions.ts';
import { zlyDemoData, zlyDefaultInit } from '../../../../src/papers/zly/problem/demo.ts';
import type { ZlyProblem } from '../../../../src/papers/zly/problem/types.ts';

function demoInput(widths: number[], act: 'sigmoid' | 'tanh' = 'sigmoid', n = 200): { prob: ZlyProblem; inp: ConditionsInput } {
  const data = zlyDemoData('product', 1, n);
  const d = [2, ...widths, 1];
  const prob: ZlyProblem = { dims: { n, d }, X: data.X, Y: data.Y, activation: act, lambda: 1e-6, beta: d.slice(1).map(() => 1) };
  return { prob, inp: conditionsInput(prob, zlyDefaultInit(prob.dims, 2)) };
}

const holdsAll = (rows: { id: string; holds: boolean }[], skip: RegExp) => rows.filter((r) => !skip.test(r.id)).every((r) => r.holds);

describe('ZLY constants', () => {
  it('L3 (36), f_min (39), α3 (40), C3 (41) by hand for sigmoid', () => {
    const { inp } = demoInput([10, 8]);
    const c = zlyConstants(inp, 3.5);
    const L1 = 0.25, L2 = Math.sqrt(3) / 18;
    expect(c.L3).toBeCloseTo(2 * (L1 * L1 + L2 + L2), 15);
    expect(c.dMin).toBe(8);
    expect(c.fMin).toBeCloseTo(Math.sqrt(6) * (Math.sqrt(0.75) + 2 * Math.sqrt(c.L3) * (200 * 8) ** 0.25), 12);
    expect(c.alpha3).toBeCloseTo((c.fMin / L1) ** 2, 9);
    const g = inp.gamma;
    const act = Math.max(2 * Math.sqrt(200 * 10), (2 * Math.sqrt(200 * 8)) / g);
    expect(c.C3).toBeCloseTo(Math.max(act, inp.normY / (0.5 * g * g)), 9);
  });
});

describe('smallest parameters', () => {
  for (const widths of [[20], [20, 15], [10, 10, 10]]) {
    for (const which of ['strong', 'weak'] as const) {
      it(`${which}, widths ${widths.join(',')}: every β/λ condition holds, and is tight`, () => {
        const { inp } = demoInput(widths, 'tanh');
        const s = smallestParameters(inp, which);
        const N = widths.length + 1;
        const pick = (r: ReturnType<typeof checkConditions>) => (which === 'strong' ? r.strong : r.weak);
        const at = pick(checkConditions(inp, s.beta, s.lambda));
        expect(holdsAll(at, /\((46|47|81)\)/)).toBe(true);
        expect(s.beta[N - 1]).toBe(3.5);
        // λ is the least: 0.1% less breaks (45)/(80)
        const lessLam = pick(checkConditions(inp, s.beta, s.lambda * 0.999));
        expect(lessLam.find((r) => /^\((45|80)\)/.test(r.id))?.holds).toBe(false);
        // each β_i (i < N) is the least given β_{i+1}: its ratio condition fails 0.1% below
        for (let i = 1; i <= N - 1; i++) {
          const b = [...s.beta];
          b[i - 1] *= 0.999;
          const rows = pick(checkConditions(inp, b, s.lambda));
          const id = i === N - 1 ? (which === 'strong' ? '(43)' : '(78)') : `${which === 'strong' ? '(44)' : '(79)'} i=${i}`;
          expect(rows.find((r) => r.id === id)?.holds, id).toBe(false);
        }
      });
    }
  }

  it('the weak conditions ask no more than the strong ones', () => {
    const { inp } = demoInput([20, 15]);
    const strong = smallestParameters(inp, 'strong'), weak = smallestParameters(inp, 'weak');
    weak.beta.forEach((b, i) => expect(b).toBeLessThanOrEqual(strong.beta[i]));
    expect(weak.lambda).toBeLessThanOrEqual(strong.lambda);
  });

  it('the demo parameters (β = 1, λ = 1e-6) fail (42)–(45)', () => {
    const { prob, inp } = demoInput([20, 15]);
    const r = checkConditions(inp, prob.beta, prob.lambda);
    for (const id of ['(42)', '(43)', '(44) i=1', '(45)']) expect(r.strong.find((x) => x.id === id)?.holds).toBe(false);
  });
});

describe('descent weights (90)–(96)', () => {
  it('N = 2: ξ_1 is (92) (empty sum: 0), ξ_2 = 3γ²β_2²/β_1', () => {
    const { inp } = demoInput([20]);
    const w = descentWeights(inp, [50, 4], 10);
    expect(w.xi[0]).toBe(0);
    expect(w.xi[1]).toBeCloseTo((3 * inp.gamma ** 2 * 16) / 50, 12);
    expect(w.zeta[0]).toBe(5);
    expect(w.a).toBe(Math.min(...w.zeta, ...w.eta.map((e, i) => e - w.xi[i])));
  });

  it('N = 4: every weight finite', () => {
    const { inp } = demoInput([10, 10, 10]);
    const s = smallestParameters(inp, 'strong');
    const w = descentWeights(inp, s.beta, s.lambda);
    for (const x of [...w.xi, ...w.eta, ...w.zeta, w.a]) expect(Number.isFinite(x)).toBe(true);
  });
});
