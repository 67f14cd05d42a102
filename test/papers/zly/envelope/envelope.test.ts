/**
 * The ZLY envelope on a tiny grid: the path runs from the authors' demo parameters to the smallest meeting (42)–(45),
 * the hypotheses hold exactly at its end (and fail at its start), every cell scores the five conclusions, the
 * outputs agree with each other, and the chart renders to SVG through vega.
 */
import { describe, expect, it } from 'vitest';
import { CONCLUSIONS, runZlyEnvelope } from '../../../../src/papers/zly/envelope/index.ts';
import { envelopeCells } from '../../../../src/papers/zly/envelope/cells.ts';
import { conditionsInput, smallestParameters } from '../../../../src/papers/zly/problem/conditions.ts';
import { renderVegaLiteSvg } from '../../../../src/report/vega.ts';

const TINY = { n: 12, width: 3, K: 8, points: 3 };

describe('ZLY envelope', () => {
  it('spans the demo parameters (t = 0) to the smallest meeting (42)–(45) (t = 1), geometrically', () => {
    const cells = envelopeCells(1, TINY);
    expect(cells.map((c) => `${c.activation}${c.N}`)).toEqual(['sigmoid2', 'sigmoid2', 'sigmoid2', 'sigmoid3', 'sigmoid3', 'sigmoid3', 'tanh2', 'tanh2', 'tanh2', 'tanh3', 'tanh3', 'tanh3']);
    for (let g = 0; g < 4; g++) {
      const [a, m, b] = cells.slice(3 * g, 3 * g + 3);
      expect(a.prob.lambda).toBe(1e-6);
      expect(a.prob.beta.every((x) => x === 1)).toBe(true);
      const star = smallestParameters(conditionsInput(b.prob, b.W0), 'strong');
      expect(b.prob.beta).toEqual(star.beta);
      expect(b.prob.lambda).toBe(star.lambda);
      expect(m.prob.lambda).toBeCloseTo(Math.sqrt(1e-6 * star.lambda), 6);
    }
  });

  it('scores every cell; Theorem 3 applies exactly at t = 1, where every conclusion holds and the network is ~0', async () => {
    const { cells, result } = runZlyEnvelope(1, TINY);
    expect(cells).toHaveLength(12);
    for (const c of cells) {
      expect(Object.keys(c.conclusions)).toEqual([...CONCLUSIONS]);
      if (c.t === 1) {
        expect(c.unmet).toEqual([]);
        expect(c.a).toBeGreaterThan(0);
        for (const k of CONCLUSIONS) expect(c.conclusions[k].holds, `${c.activation} N=${c.N} ${k}: ${c.conclusions[k].detail}`).toBe(true);
        expect(Math.max(...c.weightNorms)).toBeLessThan(1e-3);
      }
      if (c.t === 0) {
        expect(c.unmet.length).toBeGreaterThan(0);
        expect(c.conclusions.descent.holds).toBe(false);
      }
    }
    expect(result.markdown).toContain('## tanh, N = 3');
    expect((result.json as { cells: unknown[] }).cells).toHaveLength(12);
    const svg = await renderVegaLiteSvg(result.chart);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('sigmoid, N = 2');
  }, 60_000);
});
