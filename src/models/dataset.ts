/**
 * Dataset preparation of §5.1: the ≈ 9:1 train/test split in time order, and standardization to zero mean and
 * unit variance per column (the S&P text), fitted on the training rows only so no test information leaks.
 *
 * Choices:
 * - the first T1 = round(0.9·T) time steps train, the remaining T2 = T − T1 test (for T = 437 this gives the
 *   paper's 393/44; T1 is clamped to [1, T−1] when T ≥ 2 so both parts are non-empty);
 * - the scale is the population standard deviation (divide by T1); a column whose training rows are constant
 *   (std ≤ 1e-12·max(1, |mean|)) is only centred (scale 1), so it becomes 0 instead of NaN.
 * The test part is never trained on, but its hidden states continue the training sequence: TestErr runs the
 * RNN from x_1 over all T steps and averages the errors of steps T1+1..T (§5.2).
 */
import type { Data, Dims } from './elman.ts';

/** The paper's train fraction (§5.1: "about 9 : 1"). */
export const TRAIN_FRACTION = 0.9;

/** Per-column affine map x ↦ (x − mean)/scale. */
export interface ColumnScaler {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/** A dataset made ready for training. */
export interface PreparedData {
  /** The whole (possibly standardized) sequence, T rows. */
  full: Data;
  /** Its first T1 rows: what the solver sees. */
  train: Data;
  /** Training and test lengths (T2 = 0 when no split was asked for). */
  T1: number;
  T2: number;
  /** The fitted scalers, when standardization was asked for. */
  xScaler?: ColumnScaler;
  yScaler?: ColumnScaler;
}

/** Number of training steps T1 for a sequence of length T and a train fraction in (0, 1]. */
export function splitPoint(T: number, fraction = TRAIN_FRACTION): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`train fraction must be in (0, 1], got ${fraction}`);
  if (fraction === 1 || T < 2) return T;
  return Math.min(T - 1, Math.max(1, Math.round(fraction * T)));
}

/** Rows [from, to) of a dataset (copies). */
export function sliceRows(data: Data, from: number, to: number): Data {
  const { n, m } = data.dims;
  const dims: Dims = { ...data.dims, T: to - from };
  return { dims, X: data.X.slice(from * n, to * n), Y: data.Y.slice(from * m, to * m) };
}

/** Fit a column scaler on the first `rows` rows of a row-major matrix with `cols` columns. */
export function fitScaler(M: Float64Array, cols: number, rows: number): ColumnScaler {
  if (rows < 1) throw new RangeError('fitScaler: need at least one row');
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let t = 0; t < rows; t++) for (let j = 0; j < cols; j++) mean[j] += M[t * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let t = 0; t < rows; t++) {
    for (let j = 0; j < cols; j++) {
      const e = M[t * cols + j] - mean[j];
      scale[j] += e * e;
    }
  }
  for (let j = 0; j < cols; j++) {
    const sd = Math.sqrt(scale[j] / rows);
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(mean[j])) ? sd : 1;
  }
  return { mean, scale };
}

/** Apply a scaler to every row of M (returns a new array). */
export function applyScaler(M: Float64Array, cols: number, s: ColumnScaler): Float64Array {
  const out = new Float64Array(M.length);
  for (let i = 0; i < M.length; i++) {
    const j = i % cols;
    out[i] = (M[i] - s.mean[j]) / s.scale[j];
  }
  return out;
}

/** Undo a scaler: x = mean + scale·x̃ (returns a new array). */
export function invertScaler(M: Float64Array, cols: number, s: ColumnScaler): Float64Array {
  const out = new Float64Array(M.length);
  for (let i = 0; i < M.length; i++) {
    const j = i % cols;
    out[i] = s.mean[j] + s.scale[j] * M[i];
  }
  return out;
}

/**
 * Split (time order kept) and optionally standardize. `trainFraction` null/undefined means no split (all T
 * steps train, T2 = 0). Standardization is fitted on the training rows and applied to all rows.
 */
export function prepareData(data: Data, opts: { trainFraction?: number | null; standardize?: boolean } = {}): PreparedData {
  const { T, n, m } = data.dims;
  const T1 = opts.trainFraction == null ? T : splitPoint(T, opts.trainFraction);
  let full = data;
  let xScaler: ColumnScaler | undefined;
  let yScaler: ColumnScaler | undefined;
  if (opts.standardize) {
    xScaler = fitScaler(data.X, n, T1);
    yScaler = fitScaler(data.Y, m, T1);
    full = { dims: { ...data.dims }, X: applyScaler(data.X, n, xScaler), Y: applyScaler(data.Y, m, yScaler) };
  }
  const train = T1 === T ? full : sliceRows(full, 0, T1);
  const out: PreparedData = { full, train, T1, T2: T - T1 };
  if (xScaler) out.xScaler = xScaler;
  if (yScaler) out.yScaler = yScaler;
  return out;
}
