/**
 * The TKS problem (Problems 1/2, (4)–(8)) on flat row-major arrays. Symbols follow the paper, not WZC:
 *
 *   a_t = u x_t + w s_{t−1} + b,   s_t = tanh(a_t),   o_t = v s_t + c,   t = 1..N   (4)
 *
 * with u (h×d), w (h×h), b (h), v (q×h), c (q). ADMM sees a *batch* of B windows of N steps at once: every
 * time-indexed array holds N·B rows, row t·B + i being window i at step t+1 (time-major, so the rows of one
 * step are contiguous and each step's products are one matrix product). s0 (B×h) is the state the windows
 * start from — data, not a variable (zero, or carried over from the previous windows: see `text.ts`).
 *
 * The loss R is the mean over the N·B outputs (nats per character for cross-entropy), so ν, ρ and r are
 * relative to a per-output loss; see `lagrangian.ts`.
 */

/** Sizes: N steps per window, B windows per batch, d inputs, h hidden units, q outputs. */
export interface Dims {
  N: number;
  B: number;
  d: number;
  h: number;
  q: number;
}

/** Trainable parameters of (4), paper shapes: u h×d, w h×h, b h, v q×h, c q. */
export interface Params {
  u: Float64Array;
  w: Float64Array;
  b: Float64Array;
  v: Float64Array;
  c: Float64Array;
}

/** The auxiliary (ADMM) variables of one batch: a, s (N·B×h), o (N·B×q); row t·B + i = window i, step t+1. */
export interface Aux {
  a: Float64Array;
  s: Float64Array;
  o: Float64Array;
}

/** The multipliers of the t = N constraints in (8): λ1, λ2 (B×h), λ3 (B×q). */
export interface Multipliers {
  l1: Float64Array;
  l2: Float64Array;
  l3: Float64Array;
}

/** Inputs x_t: one-hot symbols (the text task; u x_t is a column of u) or dense rows. */
export type Inputs =
  | { kind: 'onehot'; idx: Int32Array }
  | { kind: 'dense'; x: Float64Array };

/**
 * Targets of R: class indices for softmax cross-entropy, values (N·B×q) for the squared loss. `from`: the rows
 * before it carry no loss and R is the mean over the rest — R(o_N) of a sequence label (one target per window,
 * from = (N−1)·B: `problem/windows.ts`); absent = 0, every row scored (next-character prediction). Entries of
 * `y` before `from` are ignored.
 */
export type Targets =
  | { kind: 'classes'; y: Int32Array; from?: number }
  | { kind: 'values'; y: Float64Array; from?: number };

/** The loss R of Problem 1: softmax cross-entropy (classification, next character) or ½‖o − y‖² (regression). */
export type LossKind = 'cross-entropy' | 'squared';

/** One batch of windows: what one ADMM iterate is fitted to. */
export interface Batch {
  dims: Dims;
  /** Initial states s_0 of the B windows (B×h). */
  s0: Float64Array;
  x: Inputs;
  y: Targets;
}

/**
 * Penalty parameters of (8) and the proximal weight r of the updates. ν weighs the t < N constraints (6),
 * ρ1–ρ3 the t = N ones; ω is the weight of the regularizer Ω(w) = ω/2‖w‖².
 */
export interface Hyper {
  nu: number;
  rho1: number;
  rho2: number;
  rho3: number;
  r: number;
  omega: number;
}

/** Fresh zero parameters for the given sizes. */
export function zeroParams(d: Pick<Dims, 'd' | 'h' | 'q'>): Params {
  return {
    u: new Float64Array(d.h * d.d),
    w: new Float64Array(d.h * d.h),
    b: new Float64Array(d.h),
    v: new Float64Array(d.q * d.h),
    c: new Float64Array(d.q),
  };
}

/** A deep copy of parameters. */
export function cloneParams(p: Params): Params {
  return { u: p.u.slice(), w: p.w.slice(), b: p.b.slice(), v: p.v.slice(), c: p.c.slice() };
}

/** Copy parameters into existing buffers of the same sizes. */
export function copyParamsInto(dst: Params, src: Params): void {
  dst.u.set(src.u);
  dst.w.set(src.w);
  dst.b.set(src.b);
  dst.v.set(src.v);
  dst.c.set(src.c);
}

/** Fresh zero auxiliary variables for one batch. */
export function zeroAux(d: Dims): Aux {
  const M = d.N * d.B;
  return { a: new Float64Array(M * d.h), s: new Float64Array(M * d.h), o: new Float64Array(M * d.q) };
}

/** A deep copy of auxiliary variables. */
export function cloneAux(x: Aux): Aux {
  return { a: x.a.slice(), s: x.s.slice(), o: x.o.slice() };
}

/** Zero multipliers for one batch. */
export function zeroMultipliers(d: Dims): Multipliers {
  return { l1: new Float64Array(d.B * d.h), l2: new Float64Array(d.B * d.h), l3: new Float64Array(d.B * d.q) };
}

/** A deep copy of multipliers. */
export function cloneMultipliers(m: Multipliers): Multipliers {
  return { l1: m.l1.slice(), l2: m.l2.slice(), l3: m.l3.slice() };
}
