/**
 * The unrolled tanh RNN (4) run forward: the feasible point of (6) for given parameters (every residual of (8)
 * zero), and the per-character loss of a long symbol sequence, which is what held-out evaluation measures.
 */
import { gemmNNo, transpose } from '../../../linalg/index.ts';
import type { Aux, Batch, Dims, Inputs, Params } from './types.ts';
import { rowCrossEntropy } from './loss.ts';

/** Scratch for {@link forwardInto}: the transposes wᵀ (h×h) and vᵀ (h×q). */
export interface ForwardScratch {
  wT: Float64Array;
  vT: Float64Array;
}

/** Scratch buffers for {@link forwardInto}. */
export function forwardScratch(d: Pick<Dims, 'h' | 'q'>): ForwardScratch {
  return { wT: new Float64Array(d.h * d.h), vT: new Float64Array(d.h * d.q) };
}

/** Rows [row0, row0+rows) of `out` (width h) = u x for those rows of the inputs (a gather for one-hot inputs). */
export function addInputTerm(
  out: Float64Array, outOff: number, u: Float64Array, x: Inputs, row0: number, rows: number, d: number, h: number,
  alpha = 1,
): void {
  if (x.kind === 'onehot') {
    for (let i = 0; i < rows; i++) {
      const col = x.idx[row0 + i];
      const o = outOff + i * h;
      for (let j = 0; j < h; j++) out[o + j] += alpha * u[j * d + col];
    }
  } else {
    for (let i = 0; i < rows; i++) {
      const xo = (row0 + i) * d, o = outOff + i * h;
      for (let j = 0; j < h; j++) {
        let acc = 0;
        const uo = j * d;
        for (let k = 0; k < d; k++) acc += u[uo + k] * x.x[xo + k];
        out[o + j] += alpha * acc;
      }
    }
  }
}

/** Run (4) over the batch from s0: writes the feasible a, s, o into `aux`. */
export function forwardInto(aux: Aux, p: Params, batch: Batch, scratch: ForwardScratch): void {
  forwardStatesInto(aux, p, batch, scratch);
  forwardOutputInto(aux, p, batch, scratch);
}

/** The recurrence of (4) alone: a_t = u x_t + w s_{t−1} + b, s_t = tanh(a_t) from s0 (reads u, w, b only). */
export function forwardStatesInto(aux: Pick<Aux, 'a' | 's'>, p: Params, batch: Batch, scratch: ForwardScratch): void {
  const { N, B, d, h } = batch.dims;
  transpose(scratch.wT, p.w, h, h);
  for (let t = 0; t < N; t++) {
    const off = t * B * h;
    // a_t = s_{t−1} wᵀ + u x_t + b, row-wise
    if (t === 0) gemmNNo(aux.a, off, h, batch.s0, 0, h, scratch.wT, 0, h, B, h, h);
    else gemmNNo(aux.a, off, h, aux.s, off - B * h, h, scratch.wT, 0, h, B, h, h);
    addInputTerm(aux.a, off, p.u, batch.x, t * B, B, d, h);
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < h; j++) {
        const k = off + i * h + j;
        aux.a[k] += p.b[j];
        aux.s[k] = Math.tanh(aux.a[k]);
      }
    }
  }
}

/** The output layer of (4) alone: o_t = v s_t + c for every row (reads v, c and aux.s). */
export function forwardOutputInto(aux: Pick<Aux, 's' | 'o'>, p: Params, batch: Batch, scratch: ForwardScratch): void {
  const { N, B, h, q } = batch.dims;
  transpose(scratch.vT, p.v, q, h);
  gemmNNo(aux.o, 0, q, aux.s, 0, h, scratch.vT, 0, q, N * B, h, q);
  for (let r = 0; r < N * B; r++) for (let k = 0; k < q; k++) aux.o[r * q + k] += p.c[k];
}

/**
 * Mean cross-entropy (nats per prediction) of predicting symbols[k+1] from symbols[0..k], the sequence cut
 * into `streams` contiguous parts each run from the zero state (streams = 1: the whole text as one sequence;
 * a tail shorter than one part per stream is dropped).
 */
export function sequenceLoss(
  p: Params, symbols: Int32Array, dims: Pick<Dims, 'd' | 'h' | 'q'>, streams = 1,
): { loss: number; predictions: number } {
  const { d, h, q } = dims;
  const len = Math.floor((symbols.length - 1) / streams);
  if (len < 1) return { loss: NaN, predictions: 0 };
  const wT = new Float64Array(h * h), vT = new Float64Array(h * q);
  transpose(wT, p.w, h, h);
  transpose(vT, p.v, q, h);
  let s = new Float64Array(streams * h), next = new Float64Array(streams * h);
  const o = new Float64Array(streams * q);
  let total = 0;
  for (let t = 0; t < len; t++) {
    gemmNNo(next, 0, h, s, 0, h, wT, 0, h, streams, h, h);
    for (let i = 0; i < streams; i++) {
      const col = symbols[i * len + t];
      const off = i * h;
      for (let j = 0; j < h; j++) next[off + j] = Math.tanh(next[off + j] + p.u[j * d + col] + p.b[j]);
    }
    gemmNNo(o, 0, q, next, 0, h, vT, 0, q, streams, h, q);
    for (let i = 0; i < streams; i++) {
      for (let k = 0; k < q; k++) o[i * q + k] += p.c[k];
      total += rowCrossEntropy(o, i * q, q, symbols[i * len + t + 1]);
    }
    const tmp = s;
    s = next;
    next = tmp;
  }
  return { loss: total / (len * streams), predictions: len * streams };
}
