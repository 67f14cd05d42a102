/** baselines/grid.ts: the §5.4 grids and the selection rule (best mean over repetitions, divergence disqualifies, ties to grid order). */
import { describe, expect, it } from 'vitest';
import { selectByGrid, wzcGrid, WZC_CLIP_GRID, WZC_LR_GRID } from '../../src/baselines/grid.ts';

describe('§5.4 grid search', () => {
  it('the grids are the paper\'s: 5 learning rates, ×8 clipping norms for GDC', () => {
    expect(WZC_LR_GRID).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(WZC_CLIP_GRID).toEqual([0.5, 1, 1.5, 2, 3, 4, 5, 6]);
    expect(wzcGrid(false)).toHaveLength(5);
    expect(wzcGrid(true)).toHaveLength(40);
    expect(wzcGrid(true)[9]).toEqual({ lr: 1e-3, clip: 1 });
  });

  it('selects the smallest mean; one diverged repetition (±∞, NaN) disqualifies a point', () => {
    const values: Record<number, number[]> = { 1e-4: [3, 3], 1e-3: [1, 2], 1e-2: [0.1, NaN], 1e-1: [0.5, Infinity], 1: [2, 2] };
    const sel = selectByGrid(wzcGrid(false), 2, (p, rep) => values[p.lr][rep]);
    expect(sel.best).toBe(1);
    expect(sel.rows[1]).toMatchObject({ mean: 1.5, std: 0.5, diverged: 0 });
    expect(sel.rows[2]).toMatchObject({ mean: Infinity, diverged: 1, values: [0.1, Infinity] });
  });

  it('ties go to the earlier grid point; every point diverged → best −1; reps must be ≥ 1', () => {
    expect(selectByGrid([{ lr: 1 }, { lr: 2 }], 1, () => 4).best).toBe(0);
    expect(selectByGrid([{ lr: 1 }], 3, () => NaN).best).toBe(-1);
    expect(() => selectByGrid([{ lr: 1 }], 0, () => 1)).toThrow(/reps/);
  });
});
