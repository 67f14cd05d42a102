import { describe, expect, it } from 'vitest';
import { loadSp500Volatility } from '../../../../src/models/datasets/sp500.ts';
import { tanhRnnBatchLoss, tanhRnnLayout, tanhRnnWorkspace } from '../../../../src/models/tanhRnn.ts';
import { gaussian, mulberry32 } from '../../../../src/core/rng.ts';
import { lossGradInto, lossValue, scoredRowCount } from '../../../../src/papers/tks/problem/loss.ts';
import { forwardInto, forwardScratch } from '../../../../src/papers/tks/problem/rnn.ts';
import { zeroAux } from '../../../../src/papers/tks/problem/types.ts';
import {
  fillWindowBatch, sliceWindows, sp500Windows, SYNTHETIC_NOISE, syntheticClassification, windowBatch,
} from '../../../../src/papers/tks/problem/windows.ts';
import { unpackTksParams } from '../../../../src/papers/tks/windows/pack.ts';

const data = loadSp500Volatility();

describe('S&P 500 volatility windows', () => {
  it('window k is months k..k+N−1 with the last one\'s volatility as target; held-out windows end in the test months', () => {
    const task = sp500Windows(12, 0.9);
    expect(task.train.count).toBe(217 - 11);
    expect(task.heldOut.count).toBe(24);
    expect([task.B, task.J, task.dropped]).toEqual([206, 1, 0]);
    expect(task.loss).toBe('squared');
    expect(task.train.scored).toBe('last');
    const { x, y } = task.train;
    if (x.kind !== 'dense' || y.kind !== 'values') throw new Error('dense inputs and values');
    const k = 37;
    expect(Array.from(x.x.subarray(k * 12 * 4, (k + 1) * 12 * 4))).toEqual(Array.from(data.inputs.subarray(k * 4, (k + 12) * 4)));
    expect(y.y[k]).toBe(data.target[k + 11]);
    const h = task.heldOut;
    if (h.y.kind !== 'values') throw new Error('values');
    expect(Array.from(h.y.y)).toEqual(Array.from(data.target.subarray(217)));
    expect(task.description).toMatch(/2000-03\.\.2020-03: windows of 12 months/);
  });

  it('batches of B leave out the oldest windows; sizes that do not fit throw', () => {
    const task = sp500Windows(12, 0.9, 32);
    expect([task.B, task.J, task.dropped]).toEqual([32, 6, 14]);
    const batch = windowBatch(task, 3);
    fillWindowBatch(task, 0, batch);
    const { x } = task.train;
    if (x.kind !== 'dense' || batch.x.kind !== 'dense') throw new Error('dense');
    // row t·B + i of batch 0 is window 14 + i at step t + 1
    expect(Array.from(batch.x.x.subarray((5 * 32 + 2) * 4, (5 * 32 + 3) * 4))).toEqual(Array.from(x.x.subarray(((14 + 2) * 12 + 5) * 4, ((14 + 2) * 12 + 6) * 4)));
    expect(() => sp500Windows(218, 0.9)).toThrow(/windows of 218 months do not fit the 217 training months/);
    expect(() => sp500Windows(12, 0.9, 207)).toThrow(/^batch 207 is larger than the 206 training windows/);
  });
});

describe('synthetic sequence classification', () => {
  const spec = { N: 10, classes: 3, inputs: 2, samples: 600, split: 0.9 };

  it('is drawn from the seed alone, with labels in range and the split in sample order', () => {
    const a = syntheticClassification(spec, 5), b = syntheticClassification(spec, 5), c = syntheticClassification(spec, 6);
    expect(a.train).toEqual(b.train);
    expect(a.train.x).not.toEqual(c.train.x);
    expect([a.train.count, a.heldOut.count, a.B, a.J, a.dropped]).toEqual([540, 60, 32, 16, 28]);
    if (a.train.y.kind !== 'classes') throw new Error('classes');
    expect(Math.max(...a.train.y.y)).toBe(2);
    expect(Math.min(...a.train.y.y)).toBe(0);
    expect(a.description).toMatch(/3 classes, 2 inputs, 10 steps, the label's prototype at one of the first 2 steps/);
    expect(syntheticClassification(spec, 5, 600 * 0.9).J).toBe(1);
  });

  it('carries the label only in the first ⌈N/5⌉ steps: later steps are noise of σ = 0.5 whatever the class', () => {
    const t = syntheticClassification({ ...spec, samples: 3000 }, 2);
    const { x, y } = t.train;
    if (x.kind !== 'dense' || y.kind !== 'classes') throw new Error('dense, classes');
    // per class, the mean input over the first two steps is far from 0 (the prototype, half the time), later ≈ 0
    const early = new Float64Array(3 * 2), late = new Float64Array(3 * 2), n = new Float64Array(3);
    let sq = 0, cnt = 0;
    for (let s = 0; s < t.train.count; s++) {
      const c = y.y[s];
      n[c]++;
      for (let tt = 0; tt < 10; tt++) {
        for (let j = 0; j < 2; j++) {
          const v = x.x[(s * 10 + tt) * 2 + j];
          if (tt < 2) early[c * 2 + j] += v / 2;
          else {
            late[c * 2 + j] += v / 8;
            sq += v * v;
            cnt++;
          }
        }
      }
    }
    for (let c = 0; c < 3; c++) {
      expect(Math.hypot(early[c * 2] / n[c], early[c * 2 + 1] / n[c])).toBeGreaterThan(0.4); // ‖μ_c‖/2 = 0.71
      expect(Math.hypot(late[c * 2] / n[c], late[c * 2 + 1] / n[c])).toBeLessThan(0.05);
    }
    expect(Math.sqrt(sq / cnt)).toBeCloseTo(SYNTHETIC_NOISE, 1);
  });

  it('refuses a split that leaves a part empty', () => {
    expect(() => syntheticClassification({ ...spec, samples: 5, split: 0.1 }, 1)).toThrow(/^split 0.1 of 5 samples leaves an empty/);
  });
});

describe('R(o_N): the loss on the last B rows of an ADMM batch', () => {
  it('scores only the rows from `from`, averages over them, and equals the model-level loss with scored = last', () => {
    const task = syntheticClassification({ N: 4, classes: 3, inputs: 2, samples: 40, split: 0.5 }, 3, 5);
    const h = 4;
    const batch = windowBatch(task, h);
    fillWindowBatch(task, 1, batch);
    expect(batch.y.from).toBe(15);
    expect(scoredRowCount(batch.y, 20)).toBe(5);
    const dims = { ...task.dims, h };
    const g = gaussian(mulberry32(9));
    const theta = Float64Array.from({ length: tanhRnnLayout(dims).size }, () => 0.5 * g());
    const p = unpackTksParams(dims, theta);
    const aux = zeroAux(batch.dims);
    forwardInto(aux, p, batch, forwardScratch(dims));
    const R = lossValue(aux.o, batch.y, 20, 3);
    const used = sliceWindows(task.train, task.dropped, task.J * task.B);
    expect(R).toBeCloseTo(tanhRnnBatchLoss(used, theta, tanhRnnWorkspace(dims, 4, 5, true), 5, 10), 13);
    const grad = new Float64Array(20 * 3);
    expect(lossGradInto(grad, aux.o, batch.y, 20, 3)).toBeCloseTo(R, 14);
    expect(grad.subarray(0, 45).every((v) => v === 0)).toBe(true);
    let rowSum = 0;
    for (let k = 45; k < 48; k++) rowSum += grad[k];
    expect(rowSum).toBeCloseTo(0, 14); // softmax − one-hot sums to 0
  });

  it('for values: ½‖o − y‖² over the scored rows only', () => {
    const o = Float64Array.from([9, 9, 1, 2]), y = { kind: 'values' as const, y: Float64Array.from([0, 0, 0, 0]), from: 2 };
    expect(lossValue(o, y, 4, 1)).toBe((0.5 + 2) / 2);
    const g = new Float64Array(4).fill(7);
    lossGradInto(g, o, y, 4, 1);
    expect(Array.from(g)).toEqual([0, 0, 0.5, 1]);
  });
});

describe('window slices and batches', () => {
  it('slices any window set (one-hot inputs, a target per step)', () => {
    const set = {
      N: 2, count: 3, d: 4, q: 4, scored: 'all' as const,
      x: { kind: 'onehot' as const, idx: Int32Array.from([0, 1, 2, 3, 0, 1]) }, y: { kind: 'classes' as const, y: Int32Array.from([1, 2, 3, 0, 1, 2]) },
    };
    const s = sliceWindows(set, 1, 2);
    expect(s).toMatchObject({ count: 2, x: { idx: Int32Array.from([2, 3, 0, 1]) }, y: { y: Int32Array.from([3, 0, 1, 2]) } });
    const vals = { ...set, y: { kind: 'values' as const, y: Float64Array.from({ length: 24 }, (_, i) => i) } };
    expect(Array.from((sliceWindows(vals, 2, 1).y.y))).toEqual(Array.from({ length: 8 }, (_, i) => 16 + i));
  });

  it('refuses to fill a batch of another shape', () => {
    const t = syntheticClassification({ N: 3, classes: 2, inputs: 2, samples: 20, split: 0.5 }, 1, 5);
    const b = windowBatch(sp500Windows(3, 0.9, 10), 2);
    expect(() => fillWindowBatch(t, 0, b)).toThrow(/a batch of windowBatch\(task\) is needed/);
  });
});
