/**
 * The tanh RNN of TKS (Problem 1, (4)) as an unconstrained loss, with its exact gradient by backpropagation
 * through time written out for this model: the objective the gradient baselines train on TKS tasks.
 *
 *   a_t = u x_t + w s_{t−1} + b,   s_t = tanh(a_t),   o_t = v s_t + c,   s_0 = 0,   t = 1..N
 *
 * with u (h×d), w (h×h), b (h), v (q×h), c (q) — TKS's symbols, not WZC's. The data are *windows* of N steps,
 * each run from s_0 = 0 (the state ADMMiRNN's text trainer starts every window from by default). The loss is the
 * same R as TKS's `problem/loss.ts`: the mean over the scored outputs of softmax cross-entropy (class targets:
 * nats per output) or of ½‖o − y‖² (value targets). Scored outputs are every step (`scored: 'all'`, next-symbol
 * prediction) or only t = N (`scored: 'last'`, R(o_N) of a sequence label).
 *
 * θ = [u, w, b, v, c] in one flat vector. A mini-batch is a contiguous range of windows; inside it the arrays are
 * time-major (row t·B + i = window i at step t+1), so every step's products are one matrix product over the
 * batch, as in TKS's solver. Nothing allocates per step or per batch after the workspace.
 */
import { gemmNNo, gemmNTo, gemmTNo } from '../linalg/blocked.ts';
import { heapAlloc, type Alloc } from '../linalg/simd.ts';

/** Inputs of a window set, window-major: row w·N + t is window w at step t+1. */
export type WindowInputs = { readonly kind: 'onehot'; readonly idx: Int32Array } | { readonly kind: 'dense'; readonly x: Float64Array };

/** Targets: rows w·N + t (scored 'all') or w (scored 'last'); classes give cross-entropy, values ½‖o − y‖². */
export type WindowTargets = { readonly kind: 'classes'; readonly y: Int32Array } | { readonly kind: 'values'; readonly y: Float64Array };

/** A set of equally long windows. */
export interface WindowSet {
  /** Steps per window and number of windows. */
  readonly N: number;
  readonly count: number;
  /** Input width d and output width q. */
  readonly d: number;
  readonly q: number;
  readonly x: WindowInputs;
  readonly y: WindowTargets;
  readonly scored: 'all' | 'last';
}

/** Sizes of the model. */
export interface TanhRnnDims {
  readonly d: number;
  readonly h: number;
  readonly q: number;
}

/** Names of the blocks of θ, in order. */
export const TANH_RNN_BLOCKS = ['u', 'w', 'b', 'v', 'c'] as const;

/** Length of θ and the offset and size of each block u, w, b, v, c. */
export function tanhRnnLayout(dm: TanhRnnDims): { size: number; offsets: readonly number[]; sizes: readonly number[] } {
  const { d, h, q } = dm;
  const sizes = [h * d, h * h, h, q * h, q];
  const offsets = [0, h * d, h * d + h * h, h * d + h * h + h, h * d + h * h + h + q * h];
  return { size: offsets[4] + q, offsets, sizes };
}

/** Scored outputs of a window set (the denominator of its mean loss). */
export function scoredRows(set: WindowSet, count = set.count): number {
  return set.scored === 'all' ? count * set.N : count;
}

/** Buffers for batches of up to `maxBatch` windows of `N` steps. */
export interface TanhRnnWorkspace {
  readonly dims: TanhRnnDims;
  readonly N: number;
  readonly maxBatch: number;
  /** States s_t, adjoints ∂ℓ/∂a_t (N·B×h), outputs then ∂ℓ/∂o (N·B×q), dense inputs (N·B×d). */
  readonly S: Float64Array;
  readonly D: Float64Array;
  readonly O: Float64Array;
  readonly X: Float64Array;
  /** ∂ℓ/∂s_t of one step (B×h); a chunk's gradient (θ-sized), for full-set gradients accumulated by chunks. */
  readonly dS: Float64Array;
  readonly gChunk: Float64Array;
}

/** A workspace; allocate from the arena of θ and its gradient (`inArena`) so the products run in SIMD. */
export function tanhRnnWorkspace(dims: TanhRnnDims, N: number, maxBatch: number, dense: boolean, alloc: Alloc = heapAlloc): TanhRnnWorkspace {
  const { d, h, q } = dims;
  const M = N * maxBatch;
  return {
    dims, N, maxBatch, S: alloc(M * h), D: alloc(M * h), O: alloc(M * q), X: alloc(dense ? M * d : 0),
    dS: alloc(maxBatch * h), gChunk: alloc(tanhRnnLayout(dims).size),
  };
}

/**
 * Mean loss R over the scored outputs of windows [w0, w1) of `set` at θ, with at most `ws.maxBatch` windows
 * (they must have the workspace's N). With `grad`, writes α·∇ℓ there (α = 1: the batch's gradient), or adds it
 * when `accumulate`.
 */
export function tanhRnnBatchLoss(
  set: WindowSet, theta: Float64Array, ws: TanhRnnWorkspace, w0: number, w1: number,
  grad?: Float64Array, alpha = 1, accumulate = false,
): number {
  const Bw = w1 - w0;
  if (Bw < 1 || Bw > ws.maxBatch || set.N !== ws.N) throw new RangeError(`tanhRnnBatchLoss: ${Bw} windows of ${set.N} steps do not fit a workspace of ${ws.maxBatch} × ${ws.N}`);
  forward(set, theta, ws, w0, Bw);
  const loss = outputLoss(set, theta, ws, w0, Bw, grad !== undefined);
  if (grad) backward(set, theta, ws, w0, Bw, grad, alpha, accumulate);
  return loss;
}

/**
 * Mean loss over windows [w0, w1) (any number, run in chunks of the workspace's size); with `grad`, its exact
 * gradient: the chunks' gradients weighted by their share of the scored outputs.
 */
export function tanhRnnLoss(set: WindowSet, theta: Float64Array, ws: TanhRnnWorkspace, w0: number, w1: number, grad?: Float64Array): number {
  const total = scoredRows(set, w1 - w0);
  let loss = 0;
  for (let c = w0; c < w1; c += ws.maxBatch) {
    const e = Math.min(w1, c + ws.maxBatch);
    const share = scoredRows(set, e - c) / total;
    loss += share * tanhRnnBatchLoss(set, theta, ws, c, e, grad, share, c > w0);
  }
  return loss;
}

function forward(set: WindowSet, theta: Float64Array, ws: TanhRnnWorkspace, w0: number, Bw: number): void {
  const { d, h } = ws.dims;
  const [ou, ow, ob] = tanhRnnLayout(ws.dims).offsets;
  const { N } = set;
  const { S } = ws;
  const x = set.x;
  if (x.kind === 'dense') {
    for (let t = 0; t < N; t++) {
      for (let i = 0; i < Bw; i++) {
        const src = ((w0 + i) * N + t) * d, dst = (t * Bw + i) * d;
        for (let k = 0; k < d; k++) ws.X[dst + k] = x.x[src + k];
      }
    }
  }
  for (let t = 0; t < N; t++) {
    const off = t * Bw * h;
    // (4): s_{t−1} wᵀ (zero at t = 1: s_0 = 0), then u x_t, then b and tanh
    if (t === 0) S.fill(0, 0, Bw * h);
    else gemmNTo(S, off, h, S, off - Bw * h, h, theta, ow, h, Bw, h, h);
    if (x.kind === 'dense') gemmNTo(S, off, h, ws.X, t * Bw * d, d, theta, ou, d, Bw, d, h, 1, 1);
    for (let i = 0; i < Bw; i++) {
      const o = off + i * h;
      if (x.kind === 'onehot') {
        const col = ou + x.idx[(w0 + i) * N + t];
        for (let j = 0; j < h; j++) S[o + j] += theta[col + j * d];
      }
      for (let j = 0; j < h; j++) S[o + j] = Math.tanh(S[o + j] + theta[ob + j]);
    }
  }
}

/** First state row of the scored steps and how many rows they are. */
function scoredSpan(set: WindowSet, Bw: number): { first: number; rows: number } {
  return set.scored === 'all' ? { first: 0, rows: set.N * Bw } : { first: (set.N - 1) * Bw, rows: Bw };
}

/** o = v s + c on the scored rows into ws.O; returns R, with ∂R/∂o written over ws.O when `withGrad`. */
function outputLoss(set: WindowSet, theta: Float64Array, ws: TanhRnnWorkspace, w0: number, Bw: number, withGrad: boolean): number {
  const { h, q } = ws.dims;
  const [, , , ov, oc] = tanhRnnLayout(ws.dims).offsets;
  const { first, rows } = scoredSpan(set, Bw);
  const { O } = ws;
  gemmNTo(O, 0, q, ws.S, first * h, h, theta, ov, h, rows, h, q);
  const inv = 1 / rows;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const off = r * q;
    for (let k = 0; k < q; k++) O[off + k] += theta[oc + k];
    // row r of the span is window i at step t; its target row in the set
    const i = r % Bw;
    const yRow = set.scored === 'all' ? (w0 + i) * set.N + Math.floor(r / Bw) : w0 + i;
    if (set.y.kind === 'classes') {
      let mx = -Infinity;
      for (let k = 0; k < q; k++) if (O[off + k] > mx) mx = O[off + k];
      let z = 0;
      for (let k = 0; k < q; k++) z += Math.exp(O[off + k] - mx);
      const yi = set.y.y[yRow];
      total += Math.log(z) + mx - O[off + yi];
      if (withGrad) {
        for (let k = 0; k < q; k++) O[off + k] = (Math.exp(O[off + k] - mx) / z) * inv;
        O[off + yi] -= inv;
      }
    } else {
      for (let k = 0; k < q; k++) {
        const e = O[off + k] - set.y.y[yRow * q + k];
        total += 0.5 * e * e;
        if (withGrad) O[off + k] = e * inv;
      }
    }
  }
  return total * inv;
}

/** BPTT from t = N down to 1, then the weight gradients as products over the batch. */
function backward(set: WindowSet, theta: Float64Array, ws: TanhRnnWorkspace, w0: number, Bw: number, grad: Float64Array, alpha: number, accumulate: boolean): void {
  const { d, h, q } = ws.dims;
  const [ou, ow, ob, ov, oc] = tanhRnnLayout(ws.dims).offsets;
  const { N } = set;
  const { S, D, O, dS } = ws;
  const { first, rows } = scoredSpan(set, Bw);
  const g = accumulate ? ws.gChunk : grad;
  for (let t = N - 1; t >= 0; t--) {
    const off = t * Bw * h;
    // ∂ℓ/∂s_t = (∂ℓ/∂o_t) v + (∂ℓ/∂a_{t+1}) w
    const scored = t * Bw >= first;
    if (scored) gemmNNo(dS, 0, h, O, (t * Bw - first) * q, q, theta, ov, h, Bw, q, h);
    // (t = N is always scored, so dS is written before it is read)
    if (t < N - 1) gemmNNo(dS, 0, h, D, off + Bw * h, h, theta, ow, h, Bw, h, h, 1, scored ? 1 : 0);
    for (let k = 0; k < Bw * h; k++) {
      const s = S[off + k];
      D[off + k] = dS[k] * (1 - s * s);
    }
  }
  // ∇v = Σ (∂ℓ/∂o)ᵀ s, ∇c = Σ ∂ℓ/∂o over the scored rows
  gemmTNo(g, ov, h, O, 0, q, S, first * h, h, rows, q, h);
  g.fill(0, oc, oc + q);
  for (let r = 0; r < rows; r++) for (let k = 0; k < q; k++) g[oc + k] += O[r * q + k];
  // ∇w = Σ_{t ≥ 2} δa_tᵀ s_{t−1} (s_0 = 0), ∇b = Σ δa_t, ∇u = Σ δa_t x_tᵀ
  if (N > 1) gemmTNo(g, ow, h, D, Bw * h, h, S, 0, h, (N - 1) * Bw, h, h);
  else g.fill(0, ow, ow + h * h);
  g.fill(0, ob, ob + h);
  for (let k = 0; k < N * Bw; k++) for (let j = 0; j < h; j++) g[ob + j] += D[k * h + j];
  const x = set.x;
  if (x.kind === 'dense') gemmTNo(g, ou, d, D, 0, h, ws.X, 0, d, N * Bw, h, d);
  else {
    g.fill(0, ou, ou + h * d);
    for (let t = 0; t < N; t++) {
      for (let i = 0; i < Bw; i++) {
        const col = ou + x.idx[(w0 + i) * N + t], r = (t * Bw + i) * h;
        for (let j = 0; j < h; j++) g[col + j * d] += D[r + j];
      }
    }
  }
  if (accumulate) for (let k = 0; k < grad.length; k++) grad[k] += alpha * g[k];
  else if (alpha !== 1) for (let k = 0; k < grad.length; k++) grad[k] *= alpha;
}

/** Loss, and accuracy for class targets (NaN for values), of a whole window set: see {@link tanhRnnEvaluate}. */
export interface TanhRnnEvaluation {
  readonly loss: number;
  readonly accuracy: number;
}

/**
 * Evaluate θ on any window set (any N), streaming: two state rows per window, nothing stored per step, so a
 * held-out text run as one window of thousands of steps costs O(h) memory. Accuracy: argmax of o = the target.
 */
export function tanhRnnEvaluate(set: WindowSet, theta: Float64Array, dims: TanhRnnDims): TanhRnnEvaluation {
  const { d, h, q } = dims;
  const [ou, ow, ob, ov, oc] = tanhRnnLayout(dims).offsets;
  const { N } = set;
  let prev = new Float64Array(h), cur = new Float64Array(h);
  const o = new Float64Array(q);
  let total = 0, hits = 0;
  for (let w = 0; w < set.count; w++) {
    prev.fill(0);
    for (let t = 0; t < N; t++) {
      const row = w * N + t;
      for (let j = 0; j < h; j++) {
        let a = theta[ob + j];
        const wr = ow + j * h;
        for (let k = 0; k < h; k++) a += theta[wr + k] * prev[k];
        if (set.x.kind === 'onehot') a += theta[ou + j * d + set.x.idx[row]];
        else for (let k = 0; k < d; k++) a += theta[ou + j * d + k] * set.x.x[row * d + k];
        cur[j] = Math.tanh(a);
      }
      if (set.scored === 'all' || t === N - 1) {
        for (let k = 0; k < q; k++) {
          let s = theta[oc + k];
          for (let j = 0; j < h; j++) s += theta[ov + k * h + j] * cur[j];
          o[k] = s;
        }
        const yRow = set.scored === 'all' ? row : w;
        const r = rowLoss(o, set.y, yRow, q);
        total += r.loss;
        hits += r.hit;
      }
      const tmp = prev;
      prev = cur;
      cur = tmp;
    }
  }
  const M = scoredRows(set);
  return { loss: total / M, accuracy: set.y.kind === 'classes' ? hits / M : NaN };
}

function rowLoss(o: Float64Array, y: WindowTargets, row: number, q: number): { loss: number; hit: number } {
  if (y.kind === 'values') {
    let s = 0;
    for (let k = 0; k < q; k++) s += 0.5 * (o[k] - y.y[row * q + k]) ** 2;
    return { loss: s, hit: 0 };
  }
  let mx = -Infinity, arg = 0;
  for (let k = 0; k < q; k++) {
    if (o[k] > mx) {
      mx = o[k];
      arg = k;
    }
  }
  let z = 0;
  for (let k = 0; k < q; k++) z += Math.exp(o[k] - mx);
  const yi = y.y[row];
  return { loss: Math.log(z) + mx - o[yi], hit: arg === yi ? 1 : 0 };
}
