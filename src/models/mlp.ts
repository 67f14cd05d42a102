/**
 * The MLP loss (4) of ZLY with squared loss and ℓ2 regularization, and its exact gradient by backpropagation:
 * the objective of the gradient baselines on ZLY instances.
 *
 *   R_S(W) = (1/|S|) Σ_{j∈S} ‖Φ(x_j; W) − y_j‖² + (λ/n) Σ_i ‖W_i‖²_F,   Φ(x; W) = W_N σ(W_{N−1} ⋯ σ(W_1 x))
 *
 * With S = all n samples this is (4) with ℓ = ‖·‖², r_i = ½‖W_i‖²_F and λ′ = 2λ/n: exactly 2/n times the
 * objective of problem (5) at its feasible point, the correspondence ZLY Theorem 1(b) states ("a stationary
 * point of problem (4) with λ′ = 2λ/n"). A mini-batch S keeps the whole regularizer, so E_S[∇R_S] = ∇R_all.
 *
 * ZLY's layout: samples are COLUMNS (X is d0×n, Y is dN×n), W_i is d_i×d_{i−1}, flat row-major; no biases. The
 * weights live in one flat vector θ = [W_1, …, W_N] ({@link mlpLayout}). Nothing allocates after the workspace.
 */
import { gemmNNo, gemmNTo, gemmTNo } from '../linalg/blocked.ts';
import { heapAlloc, type Alloc } from '../linalg/simd.ts';
import type { SmoothActivation } from './activations/smooth.ts';

/** Sizes: n samples and the widths d = (d0, d1, …, dN); N = d.length − 1 layers (ZLY's `ZlyDims`). */
export interface MlpDims {
  readonly n: number;
  readonly d: readonly number[];
}

/** Training data of (4): X (d0×n), Y (dN×n), samples as columns. */
export interface MlpData {
  readonly dims: MlpDims;
  readonly X: Float64Array;
  readonly Y: Float64Array;
}

/** Length of θ and the offset and size of each W_i (index i−1). */
export function mlpLayout(d: MlpDims): { size: number; offsets: readonly number[]; sizes: readonly number[] } {
  const sizes: number[] = [];
  const offsets: number[] = [];
  let p = 0;
  for (let i = 1; i < d.d.length; i++) {
    offsets.push(p);
    sizes.push(d.d[i] * d.d[i - 1]);
    p += d.d[i] * d.d[i - 1];
  }
  return { size: p, offsets, sizes };
}

/** θ holding copies of W_1..W_N. */
export function packMlp(d: MlpDims, W: readonly Float64Array[]): Float64Array {
  const { size, offsets } = mlpLayout(d);
  const theta = new Float64Array(size);
  W.forEach((w, i) => theta.set(w, offsets[i]));
  return theta;
}

/** W_1..W_N as copies out of θ. */
export function unpackMlp(d: MlpDims, theta: Float64Array): Float64Array[] {
  const { offsets, sizes } = mlpLayout(d);
  return offsets.map((o, i) => theta.slice(o, o + sizes[i]));
}

/** Buffers for batches of up to `batch` samples: the batch's X and Y, every layer's V_i, two adjoint buffers. */
export interface MlpWorkspace {
  readonly dims: MlpDims;
  readonly batch: number;
  readonly offsets: readonly number[];
  readonly Xb: Float64Array;
  readonly Yb: Float64Array;
  /** V_1..V_N of the batch (d_i×B, leading dimension B). */
  readonly V: readonly Float64Array[];
  readonly G: readonly [Float64Array, Float64Array];
}

/** A workspace for batches of up to `batch` samples (arrays from `alloc`, see models/bptt.ts). */
export function mlpWorkspace(d: MlpDims, batch: number, alloc: Alloc = heapAlloc): MlpWorkspace {
  const wMax = Math.max(...d.d.slice(1));
  const V: Float64Array[] = [];
  for (let i = 1; i < d.d.length; i++) V.push(alloc(d.d[i] * batch));
  return {
    dims: d, batch, offsets: mlpLayout(d).offsets,
    Xb: alloc(d.d[0] * batch), Yb: alloc(d.d[d.d.length - 1] * batch), V,
    G: [alloc(wMax * batch), alloc(wMax * batch)],
  };
}

/**
 * R_S at θ for the samples `order[from..to)` (or samples from..to−1 when `order` is null); with `grad` (θ-shaped)
 * also writes ∇R_S there.
 */
export function mlpLoss(
  data: MlpData, theta: Float64Array, act: SmoothActivation, lambda: number, ws: MlpWorkspace,
  order: Int32Array | null, from: number, to: number, grad?: Float64Array,
): number {
  const { n, d } = data.dims;
  const N = d.length - 1;
  const B = to - from;
  const { Xb, Yb, V, G, offsets } = ws;
  gather(data.X, d[0], n, order, from, to, Xb);
  gather(data.Y, d[N], n, order, from, to, Yb);
  for (let i = 1; i <= N; i++) {
    const prev = i === 1 ? Xb : V[i - 2];
    gemmNNo(V[i - 1], 0, B, theta, offsets[i - 1], d[i - 1], prev, 0, B, d[i], d[i - 1], B);
    if (i < N) activate(act, V[i - 1], d[i] * B);
  }
  const out = V[N - 1];
  const g = G[0];
  const w = 2 / B;
  let loss = 0;
  for (let k = 0; k < d[N] * B; k++) {
    const err = out[k] - Yb[k];
    loss += err * err;
    g[k] = w * err; // ∂R_S/∂V_N
  }
  loss /= B;
  let reg = 0;
  for (let k = 0; k < theta.length; k++) reg += theta[k] * theta[k];
  loss += (lambda / n) * reg;
  if (grad) backward(data.dims, theta, act, lambda, ws, B, grad);
  return loss;
}

function backward(dims: MlpDims, theta: Float64Array, act: SmoothActivation, lambda: number, ws: MlpWorkspace, B: number, grad: Float64Array): void {
  const { n, d } = dims;
  const N = d.length - 1;
  const { Xb, V, G, offsets } = ws;
  let g = G[0], gPrev = G[1];
  for (let i = N; i >= 1; i--) {
    const prev = i === 1 ? Xb : V[i - 2];
    // ∇W_i = G_i V_{i−1}ᵀ + (2λ/n) W_i
    gemmNTo(grad, offsets[i - 1], d[i - 1], g, 0, B, prev, 0, B, d[i], B, d[i - 1]);
    const o = offsets[i - 1], c = (2 * lambda) / n;
    for (let k = o; k < o + d[i] * d[i - 1]; k++) grad[k] += c * theta[k];
    if (i === 1) break;
    // G_{i−1} = (W_iᵀ G_i) ⊙ σ′(W_{i−1}V_{i−2}), σ′ read off V_{i−1} = σ(·)
    gemmTNo(gPrev, 0, B, theta, offsets[i - 1], d[i - 1], g, 0, B, d[i], d[i - 1], B);
    const v = V[i - 2];
    const len = d[i - 1] * B;
    if (act.kind === 'sigmoid') for (let k = 0; k < len; k++) gPrev[k] *= v[k] * (1 - v[k]);
    else for (let k = 0; k < len; k++) gPrev[k] *= 1 - v[k] * v[k];
    const t = g;
    g = gPrev;
    gPrev = t;
  }
}

/** Columns order[from..to) (or from..to−1) of a rows×n matrix into out (rows×(to−from)). */
function gather(M: Float64Array, rows: number, n: number, order: Int32Array | null, from: number, to: number, out: Float64Array): void {
  const B = to - from;
  for (let r = 0; r < rows; r++) {
    const mo = r * n, oo = r * B;
    if (order === null) for (let j = 0; j < B; j++) out[oo + j] = M[mo + from + j];
    else for (let j = 0; j < B; j++) out[oo + j] = M[mo + order[from + j]];
  }
}

/** σ in place on the first len entries; the sigmoid in its overflow-free form (models/activations/smooth.ts). */
function activate(act: SmoothActivation, a: Float64Array, len: number): void {
  if (act.kind === 'tanh') {
    for (let k = 0; k < len; k++) a[k] = Math.tanh(a[k]);
    return;
  }
  for (let k = 0; k < len; k++) {
    const u = a[k];
    const e = Math.exp(-Math.abs(u));
    const q = 1 / (1 + e);
    a[k] = u >= 0 ? q : e * q;
  }
}
