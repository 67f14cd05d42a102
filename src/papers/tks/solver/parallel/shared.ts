/**
 * The shared state of the parallel variants: one SharedArrayBuffer that the master and both workers view as
 * Float64Arrays/Int32Arrays (no copy of it is ever made; views only).
 *
 * - Parameter slots (2 × u, w, b, v, c): SP double-buffers them by parity (θ^j lives in slot j mod 2, so the
 *   parameter worker writes θ^j while the state worker reads θ^{j−1} from the other slot); AP publishes every
 *   block into slot 0 under a per-block seqlock (odd sequence number = being written), tagged with j.
 * - State slots (R × parameters, s0, a, s, o, inputs, targets): the state worker publishes batch k, and the
 *   parameters its visit used, into slot k mod R; the parameter worker reads it from there; R = τ + 2 slots for
 *   the delay bound τ (see `roles.ts`).
 * - Control (Int32): abort flag, the last complete θ^j, the batch published in each state slot, the seqlocks and
 *   tags of the published blocks, each worker's current block (for the failure message), and the last batch whose
 *   feasible start the parameter worker has written (after fit j it runs the recurrence of (4) for batch j + 1 + τ
 *   into that batch's state slot, free by then: it held batch j − 1, already fitted).
 *
 * The multipliers are not shared: with one sweep per visit they start at 0 and are reset before any block reads
 * them again (`roles.ts`), so each worker keeps its own.
 */
import type { Dims, Params } from '../../problem/types.ts';

/** The parameter blocks, in the order of the seqlock and tag arrays. */
export const PARAM_BLOCKS = ['u', 'w', 'b', 'v', 'c'] as const;
/** A parameter block. */
export type ParamBlock = (typeof PARAM_BLOCKS)[number];

/**
 * Codes of what a worker is doing, stored in its control slot (for the failure message); also the keys of its
 * time accounting ('idle' = between units, waiting for the master's next command).
 */
export const ACTIVITY = ['idle', 'forward', 'o', 'c', 'v', 's', 'a', 'b', 'w', 'u', 'waiting', 'copying'] as const;
/** What a worker is doing. */
export type Activity = (typeof ACTIVITY)[number];

/** The batch stored in one state slot, with the parameters its visit ended with (the base of the fit's step). */
export interface StateSlot {
  p: Params;
  s0: Float64Array;
  a: Float64Array;
  s: Float64Array;
  o: Float64Array;
  idx: Int32Array;
  y: Int32Array;
}

/** Indices into the control array. */
export interface ControlIndex {
  abort: number;
  fitted: number;
  statePub: number;
  seq: number;
  tag: number;
  /** Worker i's activity code at activity + 2i, the iteration it works on at activity + 2i + 1. */
  activity: number;
  /** AP: the number of batches the state worker is to produce (lowered by the master at a time budget). */
  limit: number;
  /** AP: the number of batches the state worker produced, once it has stopped (0 before). */
  produced: number;
  /** The last batch whose feasible start (a, s of (4)) the parameter worker has written into its state slot. */
  forwarded: number;
}

/** Typed views of the shared buffer. */
export interface SharedViews {
  params: [Params, Params];
  states: StateSlot[];
  ctl: Int32Array;
  at: ControlIndex;
}

/** What a worker needs to build the same views: the buffer and its shape. */
export interface SharedSpec {
  sab: SharedArrayBuffer;
  dims: Dims;
  /** State slots. */
  R: number;
  workers: number;
}

function paramLengths(d: Dims): Record<ParamBlock, number> {
  return { u: d.h * d.d, w: d.h * d.h, b: d.h, v: d.q * d.h, c: d.q };
}

function layout(spec: Omit<SharedSpec, 'sab'>): { f64: number; i32: number; at: ControlIndex } {
  const { dims: d, R, workers } = spec;
  const M = d.N * d.B;
  const pl = paramLengths(d);
  const perParams = PARAM_BLOCKS.reduce((n, k) => n + pl[k], 0);
  const perState = perParams + d.B * d.h + 2 * M * d.h + M * d.q;
  const at: ControlIndex = { abort: 0, fitted: 1, limit: 2, produced: 3, statePub: 4, seq: 4 + R, tag: 4 + R + 5, activity: 4 + R + 10, forwarded: 4 + R + 10 + 2 * workers };
  return { f64: 2 * perParams + R * perState, i32: R * 2 * M + at.forwarded + 1, at };
}

/** Allocate the shared buffer (zeroed; every state slot marked empty, θ^0 = nothing yet). */
export function allocShared(dims: Dims, R: number, workers: number): SharedSpec {
  const l = layout({ dims, R, workers });
  const sab = new SharedArrayBuffer(l.f64 * 8 + l.i32 * 4);
  const spec = { sab, dims, R, workers };
  const v = viewShared(spec);
  for (let r = 0; r < R; r++) v.ctl[v.at.statePub + r] = -1;
  return spec;
}

/** The views of a shared buffer (in the master or a worker). */
export function viewShared(spec: SharedSpec): SharedViews {
  const { sab, dims: d, R } = spec;
  const l = layout(spec);
  const M = d.N * d.B;
  let off = 0;
  const f = (n: number): Float64Array => {
    const a = new Float64Array(sab, off * 8, n);
    off += n;
    return a;
  };
  const pl = paramLengths(d);
  const slot = (): Params => ({ u: f(pl.u), w: f(pl.w), b: f(pl.b), v: f(pl.v), c: f(pl.c) });
  const params: [Params, Params] = [slot(), slot()];
  const states: StateSlot[] = [];
  for (let r = 0; r < R; r++) states.push({ p: slot(), s0: f(d.B * d.h), a: f(M * d.h), s: f(M * d.h), o: f(M * d.q), idx: new Int32Array(0), y: new Int32Array(0) });
  let ioff = l.f64 * 8;
  const i = (n: number): Int32Array => {
    const a = new Int32Array(sab, ioff, n);
    ioff += n * 4;
    return a;
  };
  for (const s of states) {
    s.idx = i(M);
    s.y = i(M);
  }
  return { params, states, ctl: i(l.i32 - R * 2 * M), at: l.at };
}
