/**
 * The unconstrained loss (1.1) of WZC for the Elman RNN and its exact gradient by backpropagation through time
 * (BPTT), written out for this model (no autodiff): the objective of the gradient baselines.
 *
 *   ℓ_S(z) = (1/|S|) Σ_{t∈S} ‖y_t − (A h_t + c)‖²,  h_t = σ(W h_{t−1} + V x_t + b), h_0 = 0,   S = {s+1, …, e}
 *
 * (paper time, 1-based; rows s..e−1 here). S = {1, …, T1} is (1.1) itself, i.e. TrainErr of §5.2; a block of
 * consecutive steps is a mini-batch of the single training sequence (src/baselines/batches.ts). Hidden states
 * always run from x_1: the loss of a block depends on every earlier step.
 *
 * Truncation (`history` = K): the backward pass stops K steps before the block, i.e. at paper time
 * max(1, s − K + 1); h at the step before that is treated as a constant. K = ∞ (or K ≥ s) is the exact
 * gradient of ℓ_S; K = 0 keeps only the block's own steps. The forward pass is never truncated.
 *
 * σ′ at a kink (u = 0 exactly) is the left slope for ReLU (0) and leaky ReLU (ϖ), 1 for ELU — TensorFlow's
 * conventions, which the paper's Keras baselines used. Everywhere else the gradient is exact.
 *
 * All arrays are flat row-major, time-indexed blocks T×k with row t−1 = time t (models/elman.ts). The
 * parameters live in one flat vector θ = [W (r×r), V (r×n), b (r), A (m×r), c (m)] so optimizers treat them
 * as one array; {@link elmanViews} gives the five blocks as views. Nothing allocates after the workspace.
 */
import { gemmNNo, gemmNTo, gemmTNo } from '../linalg/blocked.ts';
import { heapAlloc, type Alloc } from '../linalg/simd.ts';
import { activationName, sigma, type Activation } from './activations/piecewise.ts';
import type { Data, Dims, Weights } from './elman.ts';

/** σ of the baselines' Elman RNN: the piecewise activations of WZC and tanh (the usual RNN baseline). */
export type ElmanActivation = Activation | { readonly kind: 'tanh' };

/** Names of the parameter blocks of θ, in order. */
export const ELMAN_BLOCKS = ['W', 'V', 'b', 'A', 'c'] as const;

/** Length of θ and the offset of each block: W, V, b, A, c. */
export function elmanLayout(d: Dims): { size: number; offsets: readonly number[]; sizes: readonly number[] } {
  const sizes = [d.r * d.r, d.r * d.n, d.r, d.m * d.r, d.m];
  const offsets: number[] = [];
  let p = 0;
  for (const s of sizes) {
    offsets.push(p);
    p += s;
  }
  return { size: p, offsets, sizes };
}

/** The five blocks of θ as {@link Weights} views (writing a view writes θ). */
export function elmanViews(d: Dims, theta: Float64Array): Weights {
  const { offsets: o, sizes: s } = elmanLayout(d);
  const v = (i: number) => theta.subarray(o[i], o[i] + s[i]);
  return { W: v(0), V: v(1), b: v(2), A: v(3), c: v(4) };
}

/** θ holding a copy of `z`. */
export function packElman(d: Dims, z: Weights): Float64Array {
  const theta = new Float64Array(elmanLayout(d).size);
  const v = elmanViews(d, theta);
  v.W.set(z.W);
  v.V.set(z.V);
  v.b.set(z.b);
  v.A.set(z.A);
  v.c.set(z.c);
  return theta;
}

/**
 * Buffers of one sequence length: pre-activations U, states H, output errors E and adjoints D (T×·). Allocated
 * from `alloc`: with the arena of `inArena` (and θ, its gradient and the data in the same arena) the products
 * run in the WebAssembly SIMD kernel, bit-identical to the JS path.
 */
export interface ElmanWorkspace {
  readonly dims: Dims;
  /** Offsets of W, V, b, A, c in θ. */
  readonly offsets: readonly number[];
  readonly U: Float64Array;
  readonly H: Float64Array;
  readonly E: Float64Array;
  readonly D: Float64Array;
  /** Aᵀ(∂ℓ/∂o_t) for every step of the block (T×r). */
  readonly P: Float64Array;
  /** δh of one step (r). */
  readonly dh: Float64Array;
}

/** A workspace for sequences of up to `d.T` steps. */
export function elmanWorkspace(d: Dims, alloc: Alloc = heapAlloc): ElmanWorkspace {
  const { T, m, r } = d;
  return { dims: d, offsets: elmanLayout(d).offsets, U: alloc(T * r), H: alloc(T * r), E: alloc(T * m), D: alloc(T * r), P: alloc(T * r), dh: alloc(r) };
}

/**
 * Forward pass over rows from..e−1 into ws.U, ws.H; rows before `from` must already hold this z's pass (from = 0:
 * the whole pass).
 */
export function elmanForward(data: Data, z: Weights, act: ElmanActivation, ws: ElmanWorkspace, e: number, from = 0): void {
  const { n, r } = data.dims;
  const { U, H } = ws;
  const { W, b } = z;
  // V x_t for every step in one product; the recursion adds b + W h_{t−1} step by step (1.1).
  gemmNTo(U, from * r, r, data.X, from * n, n, z.V, 0, n, e - from, n, r);
  const r4 = r - (r & 3);
  for (let t = from; t < e; t++) {
    const o = t * r;
    for (let i = 0; i < r; i++) U[o + i] += b[i];
    if (t > 0) {
      // W h_{t−1}, four rows at a time: one load of h_{t−1} serves four multiply-adds
      const ho = o - r;
      let i = 0;
      for (; i < r4; i += 4) {
        const w0 = i * r, w1 = w0 + r, w2 = w1 + r, w3 = w2 + r;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let k = 0; k < r; k++) {
          const h = H[ho + k];
          s0 += W[w0 + k] * h;
          s1 += W[w1 + k] * h;
          s2 += W[w2 + k] * h;
          s3 += W[w3 + k] * h;
        }
        U[o + i] += s0;
        U[o + i + 1] += s1;
        U[o + i + 2] += s2;
        U[o + i + 3] += s3;
      }
      for (; i < r; i++) {
        const wi = i * r;
        let s0 = 0;
        for (let k = 0; k < r; k++) s0 += W[wi + k] * H[ho + k];
        U[o + i] += s0;
      }
    }
    activate(act, U, H, o, r);
  }
}

/**
 * Σ_{t∈[s,e)} ‖y_t − (A h_t + c)‖² from the states in ws.H (a forward pass through row e−1 must be there), with
 * w·(o_t − y_t) written to rows [s, e) of ws.E.
 */
function outputErrors(data: Data, z: Weights, ws: ElmanWorkspace, s: number, e: number, w: number): number {
  const { m, r } = data.dims;
  const { H, E } = ws;
  const Y = data.Y, c = z.c;
  // o_t = A h_t + c for the block in one product
  gemmNTo(E, s * m, m, H, s * r, r, z.A, 0, r, e - s, r, m);
  let sum = 0;
  for (let t = s; t < e; t++) {
    const eo = t * m;
    for (let j = 0; j < m; j++) {
      const err = E[eo + j] + c[j] - Y[eo + j];
      sum += err * err;
      E[eo + j] = w * err;
    }
  }
  return sum;
}

/**
 * Continue the forward pass held in ws (through row `done` − 1, for this z) to row e − 1 and return the mean
 * squared error over rows [s, e): TestErr of §5.2 after the training objective, without re-running the training
 * steps.
 */
export function elmanContinueError(data: Data, z: Weights, act: ElmanActivation, ws: ElmanWorkspace, done: number, s: number, e: number): number {
  elmanForward(data, z, act, ws, e, done);
  return outputErrors(data, z, ws, s, e, 0) / (e - s);
}

/**
 * ℓ_S of the block S = rows [s, e) (module header) at z; with `grad` (a θ-shaped array, see
 * {@link elmanLayout}) also writes ∇ℓ_S there, truncated `history` steps before the block.
 */
export function elmanLoss(
  data: Data, z: Weights, act: ElmanActivation, ws: ElmanWorkspace, s: number, e: number,
  grad?: Float64Array, history = Infinity,
): number {
  elmanForward(data, z, act, ws, e);
  // E_t = ∂ℓ_S/∂o_t = (2/|S|)(o_t − y_t)
  const loss = outputErrors(data, z, ws, s, e, 2 / (e - s)) / (e - s);
  if (grad) backward(data, z, act, ws, s, e, grad, Math.max(0, s - history));
  return loss;
}

/** BPTT from row e−1 down to row lo (δu rows [lo, e) in ws.D), then the weight gradients as products. */
function backward(data: Data, z: Weights, act: ElmanActivation, ws: ElmanWorkspace, s: number, e: number, grad: Float64Array, lo: number): void {
  const { n, m, r } = data.dims;
  const { U, H, E, D, P, dh } = ws;
  const W = z.W;
  const r4 = r - (r & 3);
  // Aᵀ ∂ℓ/∂o_t for the whole block at once (rows s..e−1 of P)
  gemmNNo(P, s * r, r, E, s * m, m, z.A, 0, r, e - s, m, r);
  for (let t = e - 1; t >= lo; t--) {
    const o = t * r;
    if (t >= s) for (let i = 0; i < r; i++) dh[i] = P[o + i];
    else for (let i = 0; i < r; i++) dh[i] = 0;
    if (t + 1 < e) {
      // δh_t += Wᵀ δu_{t+1}, four rows of W at a time: one load and store of δh serves four multiply-adds
      const no = o + r;
      let k = 0;
      for (; k < r4; k += 4) {
        const d0 = D[no + k], d1 = D[no + k + 1], d2 = D[no + k + 2], d3 = D[no + k + 3];
        const w0 = k * r, w1 = w0 + r, w2 = w1 + r, w3 = w2 + r;
        for (let i = 0; i < r; i++) dh[i] += W[w0 + i] * d0 + W[w1 + i] * d1 + W[w2 + i] * d2 + W[w3 + i] * d3;
      }
      for (; k < r; k++) {
        const dk = D[no + k], wk = k * r;
        for (let i = 0; i < r; i++) dh[i] += W[wk + i] * dk;
      }
    }
    for (let i = 0; i < r; i++) D[o + i] = dh[i] * sigmaPrime(act, U[o + i], H[o + i]);
  }
  const [oW, oV, ob, oA, oc] = ws.offsets;
  // ∇A = Σ_{t∈S} (∂ℓ/∂o_t) h_tᵀ, ∇c = Σ_{t∈S} ∂ℓ/∂o_t
  gemmTNo(grad, oA, r, E, s * m, m, H, s * r, r, e - s, m, r);
  grad.fill(0, oc, oc + m);
  for (let t = s; t < e; t++) for (let j = 0; j < m; j++) grad[oc + j] += E[t * m + j];
  // ∇V = Σ δu_t x_tᵀ, ∇b = Σ δu_t over rows [lo, e); ∇W = Σ δu_t h_{t−1}ᵀ over rows ≥ 1 (h_0 = 0)
  gemmTNo(grad, oV, n, D, lo * r, r, data.X, lo * n, n, e - lo, r, n);
  grad.fill(0, ob, ob + r);
  for (let t = lo; t < e; t++) for (let i = 0; i < r; i++) grad[ob + i] += D[t * r + i];
  const w0 = Math.max(lo, 1);
  if (w0 < e) gemmTNo(grad, oW, r, D, w0 * r, r, H, (w0 - 1) * r, r, e - w0, r, r);
  else grad.fill(0, oW, oW + r * r);
}

/** H[o..o+r) = σ(U[o..o+r)). */
function activate(act: ElmanActivation, U: Float64Array, H: Float64Array, o: number, r: number): void {
  switch (act.kind) {
    case 'relu':
      for (let i = o; i < o + r; i++) H[i] = U[i] > 0 ? U[i] : 0;
      return;
    case 'leaky-relu': {
      const a = act.slope;
      for (let i = o; i < o + r; i++) H[i] = U[i] >= 0 ? U[i] : a * U[i];
      return;
    }
    case 'elu': {
      const a = act.alpha;
      for (let i = o; i < o + r; i++) H[i] = U[i] >= 0 ? U[i] : a * Math.expm1(U[i]);
      return;
    }
    case 'tanh':
      for (let i = o; i < o + r; i++) H[i] = Math.tanh(U[i]);
      return;
  }
}

/** σ′(u) given h = σ(u) (ELU: α e^u = h + α; tanh: 1 − h²), kinks as in the module header. */
function sigmaPrime(act: ElmanActivation, u: number, h: number): number {
  switch (act.kind) {
    case 'relu':
      return u > 0 ? 1 : 0;
    case 'leaky-relu':
      return u > 0 ? 1 : act.slope;
    case 'elu':
      return u >= 0 ? 1 : h + act.alpha;
    case 'tanh':
      return 1 - h * h;
  }
}

/** σ of one scalar (for oracles and tests). */
export function elmanSigma(act: ElmanActivation, u: number): number {
  return act.kind === 'tanh' ? Math.tanh(u) : sigma(act, u);
}

/** Name for run files and reports: `relu`, `leaky-relu(0.01)`, `elu(1)`, `tanh`. */
export function elmanActivationName(act: ElmanActivation): string {
  return act.kind === 'tanh' ? 'tanh' : activationName(act);
}
