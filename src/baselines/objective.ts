/**
 * A task's loss as the trainer sees it: θ and its gradient in one memory (the SIMD arena of `inArena`, with the
 * data copied in, so the products run in the WebAssembly kernel), the loss of one mini-batch, the full training
 * objective, and the errors of §5.2. RNN: (1.1) over the T1 training steps (models/bptt.ts); MLP: (4)
 * (models/mlp.ts). TKS tanh RNN: the mean R over the training windows (models/tanhRnn.ts); a mini-batch is a range
 * of consecutive windows, TestErr is the held-out loss.
 */
import { inArena } from '../linalg/simd.ts';
import { ELMAN_BLOCKS, elmanContinueError, elmanLayout, elmanLoss, elmanViews, elmanWorkspace, type ElmanActivation } from '../models/bptt.ts';
import { mlpLayout, mlpLoss, mlpWorkspace } from '../models/mlp.ts';
import type { SmoothActivation } from '../models/activations/smooth.ts';
import type { MlpTask, RnnTask, TanhRnnTask } from '../models/task.ts';
import { TANH_RNN_BLOCKS, tanhRnnEvaluate, tanhRnnLayout, tanhRnnLoss, tanhRnnWorkspace } from '../models/tanhRnn.ts';
import type { BatchSchedule } from './batches.ts';

/** What the trainer needs of a loss. */
export interface Objective {
  readonly model: 'rnn' | 'mlp' | 'tanh-rnn';
  /** Parameter blocks of θ: names (`W`, `V`, … or `W1`, `W2`, …), offsets, sizes. */
  readonly blocks: readonly string[];
  readonly offsets: readonly number[];
  readonly sizes: readonly number[];
  /** Units a mini-batch draws from: T1 time steps (RNN), n samples (MLP) or training windows (tanh RNN). */
  readonly units: number;
  /** θ (the trainer updates it in place) and the gradient the last evaluation wrote. */
  readonly theta: Float64Array;
  readonly grad: Float64Array;
  /** Loss of batch k of the schedule's epoch; its gradient goes to `grad`. */
  batchLoss(schedule: BatchSchedule, k: number): number;
  /** The training objective at θ (RNN (1.1) = TrainErr; MLP (4)); with `withGrad` its exact gradient to `grad`. */
  fullLoss(withGrad: boolean): number;
  /** TrainErr: RNN (1.1) itself; MLP the data term (1/n) Σ_j ‖Φ(x_j) − y_j‖² of (4). */
  trainErr(): number;
  /**
   * TestErr of §5.2 (RNN with a test part), else NaN, at θ as the last {@link Objective.fullLoss} saw it (it
   * continues that call's forward pass through the test steps).
   */
  testErr(): number;
}

/** The objective of an RNN task starting from θ⁰ (copied), truncating BPTT `history` steps before a block. */
export function rnnObjective(task: RnnTask, act: ElmanActivation, theta0: Float64Array, history: number, simd = true): Objective {
  const d = task.full.dims;
  const layout = elmanLayout(d);
  const m = inArena((alloc) => ({
    X: alloc(task.full.X.length), Y: alloc(task.full.Y.length), theta: alloc(layout.size), grad: alloc(layout.size), ws: elmanWorkspace(d, alloc),
  }), simd);
  m.X.set(task.full.X);
  m.Y.set(task.full.Y);
  m.theta.set(theta0);
  const data = { dims: d, X: m.X, Y: m.Y };
  const z = elmanViews(d, m.theta);
  const { T1, T2 } = task;
  const full = (grad?: Float64Array) => elmanLoss(data, z, act, m.ws, 0, T1, grad, history);
  return {
    model: 'rnn', blocks: ELMAN_BLOCKS, offsets: layout.offsets, sizes: layout.sizes, units: T1, theta: m.theta, grad: m.grad,
    batchLoss: (s, k) => elmanLoss(data, z, act, m.ws, s.from(k), s.to(k), m.grad, history),
    fullLoss: (withGrad) => full(withGrad ? m.grad : undefined),
    trainErr: () => full(),
    testErr: () => (T2 > 0 ? elmanContinueError(data, z, act, m.ws, T1, T1, T1 + T2) : NaN),
  };
}

/** The objective of an MLP task starting from θ⁰ (copied), for batches of up to `batch` samples. */
export function mlpObjective(task: MlpTask, act: SmoothActivation, theta0: Float64Array, batch: number, simd = true): Objective {
  const dims = task.data.dims;
  const layout = mlpLayout(dims);
  const B = Math.min(batch, dims.n);
  const m = inArena((alloc) => ({
    X: alloc(task.data.X.length), Y: alloc(task.data.Y.length), theta: alloc(layout.size), grad: alloc(layout.size),
    ws: mlpWorkspace(dims, B, alloc), full: B === dims.n ? null : mlpWorkspace(dims, dims.n, alloc),
  }), simd);
  m.X.set(task.data.X);
  m.Y.set(task.data.Y);
  m.theta.set(theta0);
  const data = { dims, X: m.X, Y: m.Y };
  const wsFull = m.full ?? m.ws;
  const { lambda } = task;
  const full = (grad?: Float64Array) => mlpLoss(data, m.theta, act, lambda, wsFull, null, 0, dims.n, grad);
  return {
    model: 'mlp', blocks: layout.sizes.map((_, i) => `W${i + 1}`), offsets: layout.offsets, sizes: layout.sizes, units: dims.n,
    theta: m.theta, grad: m.grad,
    batchLoss: (s, k) => mlpLoss(data, m.theta, act, lambda, m.ws, s.order, s.from(k), s.to(k), m.grad),
    fullLoss: (withGrad) => full(withGrad ? m.grad : undefined),
    trainErr: () => mlpLoss(data, m.theta, act, 0, wsFull, null, 0, dims.n),
    testErr: () => NaN,
  };
}

/** Most windows one tanh-RNN workspace holds (text, h = 100: 256 windows of 25 steps ≈ 5 MB per state array). */
export const TANH_RNN_CHUNK = 256;

/**
 * The objective of a TKS tanh-RNN task starting from θ⁰ (copied), for mini-batches of up to `batch` windows. The
 * full objective and its gradient run over the training windows in chunks of that size (exact: the chunks are
 * weighted by their scored outputs). TestErr is the held-out loss (nats per output for classes).
 */
export function tanhRnnObjective(task: TanhRnnTask, theta0: Float64Array, batch: number, simd = true): Objective {
  const { dims, train } = task;
  const layout = tanhRnnLayout(dims);
  // the workspace holds one chunk; larger batches (full batch: every window) run in chunks, exactly
  const B = Math.max(1, Math.min(batch, train.count, TANH_RNN_CHUNK));
  const m = inArena((alloc) => ({
    theta: alloc(layout.size), grad: alloc(layout.size), ws: tanhRnnWorkspace(dims, train.N, B, train.x.kind === 'dense', alloc),
  }), simd);
  m.theta.set(theta0);
  const full = (grad?: Float64Array) => tanhRnnLoss(train, m.theta, m.ws, 0, train.count, grad);
  return {
    model: 'tanh-rnn', blocks: TANH_RNN_BLOCKS, offsets: layout.offsets, sizes: layout.sizes, units: train.count, theta: m.theta, grad: m.grad,
    batchLoss: (s, k) => tanhRnnLoss(train, m.theta, m.ws, s.from(k), s.to(k), m.grad),
    fullLoss: (withGrad) => full(withGrad ? m.grad : undefined),
    trainErr: () => full(),
    testErr: () => tanhRnnEvaluate(task.heldOut, m.theta, dims).loss,
  };
}
