import { describe, it, expect } from 'vitest';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';
import { inArena } from '../../src/linalg/index.ts';
import {
  scoredRows, tanhRnnBatchLoss, tanhRnnEvaluate, tanhRnnLayout, tanhRnnLoss, tanhRnnWorkspace,
  type TanhRnnDims, type WindowSet,
} from '../../src/models/tanhRnn.ts';
import { lossValue } from '../../src/papers/tks/problem/loss.ts';
import { forwardInto, forwardScratch, sequenceLoss } from '../../src/papers/tks/problem/rnn.ts';
import { zeroAux, type Params } from '../../src/papers/tks/problem/types.ts';
import { centralGradient } from '../helpers/fd.ts';

function randomSet(seed: number, N: number, count: number, d: number, q: number, dense: boolean, classes: boolean, scored: 'all' | 'last'): WindowSet {
  const rng = mulberry32(seed);
  const g = gaussian(rng);
  const rows = N * count;
  const yRows = scored === 'all' ? rows : count;
  return {
    N, count, d, q, scored,
    x: dense ? { kind: 'dense', x: Float64Array.from({ length: rows * d }, () => g()) } : { kind: 'onehot', idx: Int32Array.from({ length: rows }, () => Math.floor(rng() * d)) },
    y: classes ? { kind: 'classes', y: Int32Array.from({ length: yRows }, () => Math.floor(rng() * q)) } : { kind: 'values', y: Float64Array.from({ length: yRows * q }, () => g()) },
  };
}

function randomTheta(dims: TanhRnnDims, seed: number, scale = 0.6): Float64Array {
  const g = gaussian(mulberry32(seed));
  return Float64Array.from({ length: tanhRnnLayout(dims).size }, () => scale * g());
}

/** θ's blocks as TKS Params views. */
function params(dims: TanhRnnDims, theta: Float64Array): Params {
  const { offsets: o, sizes: s } = tanhRnnLayout(dims);
  const v = (i: number) => theta.subarray(o[i], o[i] + s[i]);
  return { u: v(0), w: v(1), b: v(2), v: v(3), c: v(4) };
}

describe('tanh RNN loss (TKS (4) and R) and its BPTT gradient', () => {
  const cases: [string, number, boolean, boolean, 'all' | 'last'][] = [
    ['one-hot inputs, classes at every step', 4, false, true, 'all'],
    ['dense inputs, values at the last step', 5, true, false, 'last'],
    ['dense inputs, classes at the last step', 3, true, true, 'last'],
    ['one-hot inputs, values at every step', 3, false, false, 'all'],
    ['one step', 1, true, true, 'all'],
  ];
  it.each(cases)('%s: gradient = central differences', (_, N, dense, classes, scored) => {
    const dims = { d: 3, h: 4, q: 3 };
    const set = randomSet(N * 7 + 1, N, 5, dims.d, dims.q, dense, classes, scored);
    const theta = randomTheta(dims, 11 + N);
    const ws = tanhRnnWorkspace(dims, N, 3, dense);
    const grad = new Float64Array(theta.length);
    const f = (th: Float64Array) => tanhRnnBatchLoss(set, th, ws, 1, 4);
    const l = tanhRnnBatchLoss(set, theta, ws, 1, 4, grad);
    expect(l).toBe(f(theta));
    const fd = centralGradient(f, theta);
    for (let k = 0; k < theta.length; k++) expect(Math.abs(grad[k] - fd[k])).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd[k])));
  });

  it('over many windows in chunks: the mean loss and gradient of the whole range, exactly as one batch', () => {
    const dims = { d: 4, h: 5, q: 4 };
    const set = randomSet(5, 6, 7, dims.d, dims.q, false, true, 'all');
    const theta = randomTheta(dims, 3);
    const big = tanhRnnWorkspace(dims, 6, 7, false);
    const small = tanhRnnWorkspace(dims, 6, 3, false);
    const g1 = new Float64Array(theta.length), g2 = new Float64Array(theta.length);
    const l1 = tanhRnnBatchLoss(set, theta, big, 0, 7, g1);
    const l2 = tanhRnnLoss(set, theta, small, 0, 7, g2);
    expect(Math.abs(l1 - l2)).toBeLessThan(1e-14);
    for (let k = 0; k < theta.length; k++) expect(Math.abs(g1[k] - g2[k])).toBeLessThan(1e-14);
    expect(tanhRnnLoss(set, theta, small, 0, 7)).toBeCloseTo(l1, 14);
    const last = randomSet(5, 6, 7, dims.d, dims.q, true, false, 'last');
    const g3 = new Float64Array(theta.length), g4 = new Float64Array(theta.length);
    expect(tanhRnnLoss(last, theta, tanhRnnWorkspace(dims, 6, 2, true), 0, 7, g3)).toBeCloseTo(
      tanhRnnBatchLoss(last, theta, tanhRnnWorkspace(dims, 6, 7, true), 0, 7, g4), 14);
    for (let k = 0; k < theta.length; k++) expect(Math.abs(g3[k] - g4[k])).toBeLessThan(1e-14);
  });

  it('is the R of TKS problem/loss.ts on the RNN of problem/rnn.ts (same windows, s0 = 0)', () => {
    const dims = { d: 5, h: 6, q: 5 };
    const N = 4, B = 3;
    for (const classes of [true, false]) {
      const set = randomSet(9, N, B, dims.d, dims.q, false, classes, 'all');
      const theta = randomTheta(dims, 4);
      const p = params(dims, theta);
      // TKS batches are time-major: row t·B + i = window i at step t+1
      const idx = new Int32Array(N * B);
      for (let t = 0; t < N; t++) for (let i = 0; i < B; i++) idx[t * B + i] = set.x.kind === 'onehot' ? set.x.idx[i * N + t] : 0;
      const y = set.y;
      const yT = y.kind === 'classes' ? new Int32Array(N * B) : new Float64Array(N * B * dims.q);
      for (let t = 0; t < N; t++) {
        for (let i = 0; i < B; i++) {
          if (y.kind === 'classes') yT[t * B + i] = y.y[i * N + t];
          else for (let k = 0; k < dims.q; k++) yT[(t * B + i) * dims.q + k] = y.y[(i * N + t) * dims.q + k];
        }
      }
      const tdims = { N, B, ...dims };
      const batch = { dims: tdims, s0: new Float64Array(B * dims.h), x: { kind: 'onehot' as const, idx }, y: y.kind === 'classes' ? { kind: 'classes' as const, y: yT as Int32Array } : { kind: 'values' as const, y: yT as Float64Array } };
      const aux = zeroAux(tdims);
      forwardInto(aux, p, batch, forwardScratch(dims));
      const R = lossValue(aux.o, batch.y, N * B, dims.q);
      const mine = tanhRnnBatchLoss(set, theta, tanhRnnWorkspace(dims, N, B, false), 0, B);
      expect(Math.abs(mine - R)).toBeLessThan(1e-13 * Math.max(1, R));
      expect(Math.abs(tanhRnnEvaluate(set, theta, dims).loss - R)).toBeLessThan(1e-13 * Math.max(1, R));
    }
  });

  it('evaluates a long text as one window exactly as TKS sequenceLoss (held-out nats/char)', () => {
    const dims = { d: 7, h: 5, q: 7 };
    const rng = mulberry32(2);
    const symbols = Int32Array.from({ length: 301 }, () => Math.floor(rng() * 7));
    const set: WindowSet = { N: 300, count: 1, d: 7, q: 7, scored: 'all', x: { kind: 'onehot', idx: symbols.subarray(0, 300) }, y: { kind: 'classes', y: symbols.subarray(1) } };
    const theta = randomTheta(dims, 8);
    const ref = sequenceLoss(params(dims, theta), symbols, dims, 1).loss;
    const ev = tanhRnnEvaluate(set, theta, dims);
    expect(Math.abs(ev.loss - ref)).toBeLessThan(1e-13);
    expect(ev.accuracy).toBeGreaterThanOrEqual(0);
    expect(scoredRows(set)).toBe(300);
  });

  it('accuracy counts argmax hits; values have none (NaN)', () => {
    const dims = { d: 2, h: 2, q: 2 };
    const theta = new Float64Array(tanhRnnLayout(dims).size);
    theta[tanhRnnLayout(dims).offsets[4]] = 1; // c = (1, 0): always predicts class 0
    const set: WindowSet = { N: 2, count: 4, d: 2, q: 2, scored: 'last', x: { kind: 'onehot', idx: new Int32Array(8) }, y: { kind: 'classes', y: Int32Array.from([0, 1, 0, 0]) } };
    expect(tanhRnnEvaluate(set, theta, dims).accuracy).toBe(0.75);
    const vals: WindowSet = { ...set, q: 2, y: { kind: 'values', y: new Float64Array(8) } };
    const ev = tanhRnnEvaluate(vals, theta, dims);
    expect(ev.accuracy).toBeNaN();
    expect(ev.loss).toBeCloseTo(0.5, 14);
  });

  it('runs bit-identically in the SIMD arena', () => {
    const dims = { d: 6, h: 9, q: 6 };
    for (const dense of [false, true]) {
      const set = randomSet(3, 5, 8, dims.d, dims.q, dense, !dense, dense ? 'last' : 'all');
      const theta0 = randomTheta(dims, 6);
      const heap = { theta: theta0.slice(), grad: new Float64Array(theta0.length), ws: tanhRnnWorkspace(dims, 5, 8, dense) };
      const arena = inArena((alloc) => ({ theta: alloc(theta0.length), grad: alloc(theta0.length), ws: tanhRnnWorkspace(dims, 5, 8, dense, alloc) }));
      arena.theta.set(theta0);
      const a = tanhRnnBatchLoss(set, heap.theta, heap.ws, 0, 8, heap.grad);
      const b = tanhRnnBatchLoss(set, arena.theta, arena.ws, 0, 8, arena.grad);
      expect(b).toBe(a);
      expect(Array.from(arena.grad)).toEqual(Array.from(heap.grad));
    }
  });

  it('refuses a batch that does not fit its workspace', () => {
    const dims = { d: 2, h: 2, q: 2 };
    const set = randomSet(1, 3, 4, 2, 2, false, true, 'all');
    const ws = tanhRnnWorkspace(dims, 3, 2, false);
    expect(() => tanhRnnBatchLoss(set, new Float64Array(tanhRnnLayout(dims).size), ws, 0, 3)).toThrow(/3 windows of 3 steps do not fit a workspace of 2 × 3/);
    expect(() => tanhRnnBatchLoss({ ...set, N: 2 }, new Float64Array(tanhRnnLayout(dims).size), ws, 0, 1)).toThrow(RangeError);
  });
});
