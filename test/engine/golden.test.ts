/** engine/golden.ts: what a golden trace pins, the rounding-level perturbation, band derivation and comparison. */
import { describe, expect, it } from 'vitest';
import { compareGolden, deriveBands, formatMove, goldenQuantities, perturbInstanceText } from '../../src/engine/golden.ts';

describe('golden traces (engine)', () => {
  it('pins numbers, the first rows of each table, short arrays by entry and matrices by their norm', () => {
    const run = {
      version: 1, seed: 3, command: ['x'], settings: { lr: 1 }, warnings: ['w'], status: 'completed', trainErr: 0.5, testErr: null,
      params: { W: [[3, 4], [0, 0]], b: [1, 2], layers: [[[1, 0]], [[0, 2]]] },
      trace: [{ k: 0, L: 2, norms: [1, 2], timeMs: 9 }, { k: 1, L: 1, norms: [3, 4], timeMs: 9 }, { k: 2, L: 0.5, norms: [5, 6] }],
    };
    const q = goldenQuantities(run, 2);
    expect(Object.fromEntries(q)).toEqual({
      trainErr: 0.5, testErr: null, '‖params.W‖': 5, 'params.b[0]': 1, 'params.b[1]': 2, '‖params.layers[0]‖': 1, '‖params.layers[1]‖': 2,
      'trace[0].k': 0, 'trace[0].L': 2, 'trace[0].norms[0]': 1, 'trace[0].norms[1]': 2,
      'trace[1].k': 1, 'trace[1].L': 1, 'trace[1].norms[0]': 3, 'trace[1].norms[1]': 4,
    });
    expect(goldenQuantities({ v: Array.from({ length: 17 }, () => 1) }, 5).get('‖v‖')).toBeCloseTo(Math.sqrt(17), 15);
    expect(goldenQuantities({ M: [[1, null]] }, 5).get('‖M‖')).toBeNull();
  });

  it('perturbs every non-integer number by at most rtol (relative), integers not at all, reproducibly', () => {
    const text = JSON.stringify({ hidden: 5, X: [[0.5, 2, -1.25]], p: { a: 0.1, n: 3 }, s: 'relu', f: true });
    const a = JSON.parse(perturbInstanceText(text, 1e-9, 7));
    expect(a).toMatchObject({ hidden: 5, p: { n: 3 }, s: 'relu', f: true });
    expect(a.X[0][1]).toBe(2);
    for (const [x, y] of [[a.X[0][0], 0.5], [a.X[0][2], -1.25], [a.p.a, 0.1]]) {
      expect(x).not.toBe(y);
      expect(Math.abs(x / y - 1)).toBeLessThanOrEqual(1e-9 * (1 + 1e-6));
    }
    expect(perturbInstanceText(text, 1e-9, 7)).toBe(perturbInstanceText(`\ufeff${text}`, 1e-9, 7));
    expect(perturbInstanceText(text, 1e-9, 8)).not.toBe(perturbInstanceText(text, 1e-9, 7));
  });

  it('band = rtol·max(1, |v|) + the largest deviation of a perturbed run; unbounded where a perturbed run lacks the value', () => {
    const ref = new Map<string, number | null>([['a', 10], ['b', 0.5], ['c', 1], ['d', null]]);
    const p1 = new Map<string, number | null>([['a', 10 + 3e-8], ['b', 0.5], ['c', 1], ['d', null]]);
    const p2 = new Map<string, number | null>([['a', 10 - 5e-8], ['b', 0.5 + 1e-12], ['d', 2]]);
    const bands = deriveBands(ref, [p1, p2], 1e-9);
    expect(bands.a[0]).toBe(10);
    expect(bands.a[1]).toBeCloseTo(1e-8 + 5e-8, 14);
    expect(bands.b[1]).toBeCloseTo(1e-9 + 1e-12, 14);
    expect(bands.c).toEqual([1, null]);
    expect(bands.d).toEqual([null, null]);
  });

  it('reports values beyond their band with the iteration row, and keys only one side has', () => {
    const golden = { 'trace[3].loss': [1, 1e-9], 'trace[3].gradNorm': [2, 1e-9], trainErr: [0.5, null], 'trace[4].x': [1, 1], gone: [1, 1], nan: [null, null] } as const;
    const now = new Map<string, number | null>([['trace[3].loss', 1 + 2e-9], ['trace[3].gradNorm', 2 + 5e-10], ['trainErr', 7], ['trace[4].x', 1], ['nan', 3], ['extra', 1]]);
    const moves = compareGolden(golden, now);
    expect(moves.map((m) => m.key)).toEqual(['trace[3].loss', 'gone', 'nan', 'extra']);
    expect(compareGolden({ z: [1, 0], 'trace[5].a': [1, 0], 'trace[2].a': [1, 0] }, new Map([['z', 2], ['trace[5].a', 2], ['trace[2].a', 2]])).map((m) => m.key))
      .toEqual(['trace[2].a', 'trace[5].a', 'z']);
    expect(moves[0]).toMatchObject({ row: 3, golden: 1, now: 1 + 2e-9 });
    expect(formatMove(moves[0])).toBe('iteration row 3, trace[3].loss: golden 1.00000000000, now 1.00000000200, moved 2.00e-9 (band 1.00e-9 = 2.00 bands)');
    expect(formatMove(moves[1])).toBe('gone: missing (golden 1.00000000000)');
    expect(formatMove(moves[2])).toBe('nan: golden non-finite, now 3.00000000000');
    expect(formatMove(moves[3])).toBe('extra: new quantity 1.00000000000 (not in the golden file)');
  });
});
