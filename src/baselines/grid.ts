/**
 * The hyperparameter search of WZC §5.4: "We search the learning rates for GDs and SGDs over {10⁻⁴, 10⁻³,
 * 10⁻², 10⁻¹, 1}, as well as the clipping norm of GDC over {0.5, 1, 1.5, 2, 3, 4, 5, 6}. … repeated each method
 * 30 trials … We then select the learning rates and clipping norm with the best test error averaged over 30
 * trials" (lines 696–701).
 *
 * Selection rule ({@link selectByGrid}, pure): the grid point with the smallest mean criterion over its
 * repetitions; a repetition that diverged (or gave NaN) counts +∞, so one divergence disqualifies the point; ties
 * go to the earlier point in grid order (smaller learning rate, then smaller clipping norm).
 *
 * Differences from the paper, on purpose: the paper's "leave-P-out cross validation" is not specified further for
 * a single sequence; here the criterion is the TestErr of the instance's own time split (the last T2 steps), and
 * the training objective where there is no test part (ZLY instances). Scaled down by default: 3 repetitions
 * ({@link TUNE_REPS}.scaled) instead of 30 (`full`).
 */

/** The learning rates of §5.4. */
export const WZC_LR_GRID: readonly number[] = [1e-4, 1e-3, 1e-2, 1e-1, 1];
/** The clipping norms of §5.4 (GDC). */
export const WZC_CLIP_GRID: readonly number[] = [0.5, 1, 1.5, 2, 3, 4, 5, 6];
/** Repetitions per grid point: the paper's 30, and the scaled-down default. */
export const TUNE_REPS = { scaled: 3, full: 30 } as const;

/** One grid point. */
export interface GridPoint {
  readonly lr: number;
  readonly clip?: number;
}

/** The §5.4 grid of a method: learning rates, times clipping norms for `gdc`. */
export function wzcGrid(withClip: boolean): GridPoint[] {
  return WZC_LR_GRID.flatMap((lr) => (withClip ? WZC_CLIP_GRID.map((clip) => ({ lr, clip })) : [{ lr }]));
}

/** One grid point's repetitions and their summary. */
export interface GridRow {
  readonly point: GridPoint;
  /** The criterion of each repetition (+∞ where it diverged). */
  readonly values: readonly number[];
  /** Mean and (population) standard deviation over the repetitions; +∞ when any diverged. */
  readonly mean: number;
  readonly std: number;
  readonly diverged: number;
}

/** The outcome of a search: every row, and the index of the chosen one (−1: every point diverged). */
export interface GridSelection {
  readonly rows: readonly GridRow[];
  readonly best: number;
}

/**
 * Evaluate `criterion(point, rep)` for every point and repetition 0..reps−1 and select by the §5.4 rule (module
 * header). Non-finite criteria count as diverged (+∞).
 */
export function selectByGrid(points: readonly GridPoint[], reps: number, criterion: (p: GridPoint, rep: number) => number): GridSelection {
  if (!(Number.isInteger(reps) && reps >= 1)) throw new RangeError(`reps must be an integer ≥ 1, got ${reps}`);
  const rows = points.map((point): GridRow => {
    const values: number[] = [];
    for (let r = 0; r < reps; r++) {
      const v = criterion(point, r);
      values.push(Number.isFinite(v) ? v : Infinity);
    }
    const diverged = values.filter((v) => v === Infinity).length;
    if (diverged > 0) return { point, values, mean: Infinity, std: Infinity, diverged };
    const mean = values.reduce((a, b) => a + b, 0) / reps;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / reps);
    return { point, values, mean, std, diverged };
  });
  let best = -1;
  rows.forEach((row, i) => {
    if (row.mean < Infinity && (best < 0 || row.mean < rows[best].mean)) best = i;
  });
  return { rows, best };
}
