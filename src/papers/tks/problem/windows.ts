/**
 * The two window tasks of TKS beside the text: the S&P 500 volatility regression and a synthetic sequence
 * classification standing in for sequential MNIST and IMDB (not downloadable here). Each becomes a set of
 * windows of N steps (models/tanhRnn.ts `WindowSet`) with **one target per window, scored at t = N**: the loss
 * is R(o_N).
 *
 * Why R(o_N): TKS's RNN (3) is a map Φ(x_1, …, x_N) = v f(u x_N + w(…)) + c to the output of the last step; the
 * relaxation (6) keeps exactly the t = N constraints (with multipliers λ1–λ3) and only penalizes t < N, so the
 * output that is fitted is o_N; and §4.2.3 says of the text task only, "Here, we adopt the average loss of the
 * input sequence as our target" — the exception, next to MNIST and IMDB, whose label belongs to the whole
 * sequence. In ADMM's batch the scored rows are the last B (`Targets.from` = (N−1)·B, problem/loss.ts).
 *
 * S&P 500 (`models/datasets/sp500.ts`): the monthly rows (inputs known at the end of month m − 1: lagged
 * realized volatility, return, range, volume change; target RV_m), standardized with the training rows'
 * statistics. Window k is rows k..k+N−1 (stride 1) and its target is RV of its last row: N months of inputs,
 * squared loss on the next month's volatility. Training windows end in the training rows (the first 90%);
 * held-out windows end in the test rows (their inputs may reach back into the training months, which is no
 * look-ahead: those months are past).
 *
 * Synthetic classification: k classes with prototypes μ_c ∈ R^d (Gaussian, scaled to ‖μ_c‖ = √d); sample j has
 * a uniform label c, a signal step τ uniform in the first ⌈N/5⌉ steps where x_τ = μ_c + ε_τ, and pure noise
 * x_t = ε_t elsewhere, ε ~ N(0, σ² I) with σ = 0.5. The label is visible only at τ, early, so a model that reads
 * only the last steps is at chance (1/k): the recurrent layer must carry it through N − τ noisy steps. The first
 * ⌊split·n⌋ samples train, the rest are held out. Drawn from one mulberry32 stream seeded seed XOR 0x9e3779b9.
 *
 * Batches: windows [jB, (j+1)B) are batch j, in data order. When the training windows are not a multiple of B,
 * the first (count mod B) are left out (for the S&P series: the oldest), for ADMMiRNN and the baselines alike.
 */
import { gaussian, mulberry32 } from '../../../core/rng.ts';
import { loadSp500Volatility, type Sp500Volatility } from '../../../models/datasets/sp500.ts';
import type { TanhRnnDims, WindowSet } from '../../../models/tanhRnn.ts';
import type { Batch, LossKind } from './types.ts';

/** A window task: training and held-out windows, the batch size B, and what was left out. */
export interface WindowTask {
  readonly setting: 'sp500-volatility' | 'synthetic-classification';
  readonly dims: Omit<TanhRnnDims, 'h'>;
  readonly loss: LossKind;
  /** All training windows (before leaving out `dropped`). */
  readonly train: WindowSet;
  readonly heldOut: WindowSet;
  /** Windows per batch and batches per epoch J; the training windows used are [dropped, dropped + J·B). */
  readonly B: number;
  readonly J: number;
  readonly dropped: number;
  /** One line for run files. */
  readonly description: string;
}

/** Salt of the synthetic data's stream: seed XOR it, so the data never share the initialization's stream. */
export const SYNTHETIC_SALT = 0x9e3779b9;

/** Noise standard deviation σ of the synthetic task. */
export const SYNTHETIC_NOISE = 0.5;

/** Train windows [from, from + count) of a set, as a new set (shares nothing). */
export function sliceWindows(set: WindowSet, from: number, count: number): WindowSet {
  const { N, d, q } = set;
  const x = set.x.kind === 'onehot'
    ? { kind: 'onehot' as const, idx: set.x.idx.slice(from * N, (from + count) * N) }
    : { kind: 'dense' as const, x: set.x.x.slice(from * N * d, (from + count) * N * d) };
  const yRows = set.scored === 'all' ? N : 1;
  const y = set.y.kind === 'classes'
    ? { kind: 'classes' as const, y: set.y.y.slice(from * yRows, (from + count) * yRows) }
    : { kind: 'values' as const, y: set.y.y.slice(from * yRows * q, (from + count) * yRows * q) };
  return { N, count, d, q, scored: set.scored, x, y };
}

/** Batches per epoch and the windows left out for `count` training windows in batches of B. */
function batching(count: number, B: number): { B: number; J: number; dropped: number } {
  if (B > count) throw new RangeError(`batch ${B} is larger than the ${count} training windows`);
  const J = Math.floor(count / B);
  return { B, J, dropped: count - J * B };
}

/** Windows of N months over rows [first, last] of the series' ends (window k ends at row k + N − 1). */
function sp500Set(data: Sp500Volatility, N: number, endFrom: number, endTo: number): WindowSet {
  const { n } = data;
  const count = endTo - endFrom;
  const x = new Float64Array(count * N * n), y = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const start = endFrom + k - N + 1;
    x.set(data.inputs.subarray(start * n, (start + N) * n), k * N * n);
    y[k] = data.target[endFrom + k];
  }
  return { N, count, d: n, q: 1, scored: 'last', x: { kind: 'dense', x }, y: { kind: 'values', y } };
}

/**
 * The S&P 500 volatility task with windows of N months, `split` of the rows training; B windows per batch
 * (default: all training windows — the series is small). Throws RangeError when N leaves no training window.
 */
export function sp500Windows(N: number, split: number, batch?: number, data: Sp500Volatility = loadSp500Volatility({ trainFraction: split })): WindowTask {
  const { T } = data;
  const { T1 } = data.split;
  if (N > T1) throw new RangeError(`windows of ${N} months do not fit the ${T1} training months`);
  const train = sp500Set(data, N, N - 1, T1);
  const heldOut = sp500Set(data, N, T1, T);
  const { B, J, dropped } = batching(train.count, batch ?? train.count);
  return {
    setting: 'sp500-volatility', dims: { d: data.n, q: 1 }, loss: 'squared', train, heldOut, B, J, dropped,
    description: `S&P 500 monthly realized volatility (standardized), ${data.months[0]}..${data.months[T - 1]}: windows of ${N} months `
      + `(${data.names.join(', ')}), squared loss on the last month's volatility; train ${data.months[N - 1]}..${data.months[T1 - 1]}, `
      + `held out ${data.months[T1]}..${data.months[T - 1]}`,
  };
}

/** Sizes of the synthetic classification task. */
export interface SyntheticSpec {
  readonly N: number;
  readonly classes: number;
  readonly inputs: number;
  readonly samples: number;
  readonly split: number;
}

/** The synthetic classification task drawn from `seed` (module header); B windows per batch (default 32). */
export function syntheticClassification(spec: SyntheticSpec, seed: number, batch?: number): WindowTask {
  const { N, classes: k, inputs: d, samples: n } = spec;
  const n1 = Math.floor(spec.split * n);
  if (n1 < 1 || n - n1 < 1) throw new RangeError(`split ${spec.split} of ${n} samples leaves an empty training or held-out part`);
  const rng = mulberry32((seed ^ SYNTHETIC_SALT) >>> 0);
  const g = gaussian(rng);
  const mu = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += (mu[c * d + j] = g()) ** 2;
    const scale = Math.sqrt(d / sq);
    for (let j = 0; j < d; j++) mu[c * d + j] *= scale;
  }
  const early = Math.max(1, Math.ceil(N / 5));
  const x = new Float64Array(n * N * d), y = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const c = Math.floor(rng() * k);
    const tau = Math.floor(rng() * early);
    y[s] = c;
    for (let t = 0; t < N; t++) {
      const off = (s * N + t) * d;
      for (let j = 0; j < d; j++) x[off + j] = SYNTHETIC_NOISE * g() + (t === tau ? mu[c * d + j] : 0);
    }
  }
  const all: WindowSet = { N, count: n, d, q: k, scored: 'last', x: { kind: 'dense', x }, y: { kind: 'classes', y } };
  const train = sliceWindows(all, 0, n1);
  const { B, J, dropped } = batching(n1, Math.min(batch ?? 32, n1));
  return {
    setting: 'synthetic-classification', dims: { d, q: k }, loss: 'cross-entropy', train, heldOut: sliceWindows(all, n1, n - n1), B, J, dropped,
    description: `synthetic sequence classification: ${k} classes, ${d} inputs, ${N} steps, the label's prototype at one of the first ${early} steps, `
      + `noise σ = ${SYNTHETIC_NOISE} at every step; cross-entropy at t = N; ${n1} training and ${n - n1} held-out sequences`,
  };
}

/**
 * Fill ADMM batch j (windows dropped + jB .. + B) time-major — row t·B + i is window i at step t+1 — with s0 = 0
 * and the targets in the last B rows (`from` = (N−1)·B: R(o_N)).
 */
export function fillWindowBatch(task: WindowTask, j: number, batch: Batch): void {
  const { N } = task.train;
  const { B, dropped } = task;
  const { d, q } = task.dims;
  const { x, y } = task.train;
  if (x.kind !== 'dense' || batch.x.kind !== 'dense' || y.kind !== batch.y.kind) throw new TypeError('fillWindowBatch: a batch of windowBatch(task) is needed');
  const w0 = dropped + j * B;
  batch.s0.fill(0);
  const bx = batch.x.x;
  for (let t = 0; t < N; t++) {
    for (let i = 0; i < B; i++) {
      const src = ((w0 + i) * N + t) * d, dst = (t * B + i) * d;
      for (let k = 0; k < d; k++) bx[dst + k] = x.x[src + k];
    }
  }
  const from = (N - 1) * B;
  // one target per window, scored at t = N only: the class or the q values
  const per = y.kind === 'classes' ? 1 : q;
  for (let k = 0; k < B * per; k++) batch.y.y[from * per + k] = y.y[w0 * per + k];
}

/** A batch with buffers sized for the task and h hidden units (filled by {@link fillWindowBatch}). */
export function windowBatch(task: WindowTask, h: number): Batch {
  const { N } = task.train;
  const { B } = task;
  const { d, q } = task.dims;
  const M = N * B;
  const from = (N - 1) * B;
  return {
    dims: { N, B, d, h, q },
    s0: new Float64Array(B * h),
    x: { kind: 'dense', x: new Float64Array(M * d) },
    y: task.loss === 'cross-entropy' ? { kind: 'classes', y: new Int32Array(M), from } : { kind: 'values', y: new Float64Array(M * q), from },
  };
}
