/** baselines/batches.ts: every epoch covers every unit once; RNN batches are blocks of consecutive steps; seeds reproduce. */
import { describe, expect, it } from 'vitest';
import { BatchSchedule } from '../../src/baselines/batches.ts';

function epochs(s: BatchSchedule, count: number): number[][][] {
  const out: number[][][] = [];
  for (let e = 0; e < count; e++) {
    s.nextEpoch();
    const batches: number[][] = [];
    for (let k = 0; k < s.count; k++) {
      const units: number[] = [];
      for (let i = s.from(k); i < s.to(k); i++) units.push(i);
      batches.push(units);
    }
    out.push(batches);
  }
  return out;
}

describe('mini-batch schedule', () => {
  it('RNN: ⌈T1/B⌉ blocks of consecutive steps, each visited once per epoch in a fresh order', () => {
    const s = new BatchSchedule(11, 3, true, 7);
    expect(s.count).toBe(4);
    const orders = new Set<string>();
    for (const batches of epochs(s, 6)) {
      const blocks = batches.map((b) => b.join(',')).sort();
      expect(blocks).toEqual(['0,1,2', '3,4,5', '6,7,8', '9,10']);
      orders.add(batches.map((b) => b[0]).join(' '));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('MLP: a fresh permutation of the samples per epoch, cut into batches of B', () => {
    const s = new BatchSchedule(10, 4, false, 3);
    expect(s.count).toBe(3);
    for (const batches of epochs(s, 4)) {
      expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
      const samples = batches.flat().map((p) => s.order[p]).sort((a, b) => a - b);
      expect(samples).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it('full batch (B ≥ units) is one unshuffled batch; the same seed gives the same batches', () => {
    const f = new BatchSchedule(5, 99, false, 1);
    expect(f.full).toBe(true);
    expect(epochs(f, 2)).toEqual([[[0, 1, 2, 3, 4]], [[0, 1, 2, 3, 4]]]);
    expect(Array.from(f.order)).toEqual([0, 1, 2, 3, 4]);
    const a = new BatchSchedule(20, 3, true, 42), b = new BatchSchedule(20, 3, true, 42), c = new BatchSchedule(20, 3, true, 43);
    expect(epochs(a, 3)).toEqual(epochs(b, 3));
    expect(epochs(a, 3)).not.toEqual(epochs(c, 3));
  });
});
