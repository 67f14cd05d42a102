import { describe, expect, it } from 'vitest';
import { initParamsInto } from '../../../../src/papers/tks/problem/init.ts';
import { forwardScratch, sequenceLoss } from '../../../../src/papers/tks/problem/rnn.ts';
import { prepareText, textBatch, textDims, unigramEntropy } from '../../../../src/papers/tks/problem/text.ts';
import { zeroAux, zeroParams, type Params } from '../../../../src/papers/tks/problem/types.ts';
import { DEFAULT_HYPER } from '../../../../src/papers/tks/solver/defaults.ts';
import { startVisit, trainText } from '../../../../src/papers/tks/solver/train.ts';
import { checkHyper } from '../../../../src/papers/tks/solver/iteration.ts';
import { wordText as textOf } from '../../../helpers/wordText.ts';

// A text with short-range structure: a model that learns anything beats its unigram entropy.

const TEXT = textOf(6000, 7);
const task = prepareText(TEXT, 8, 8, 0.9);
const dims = textDims(task, 12);
function init(seed = 1): Params {
  const p = zeroParams(dims);
  initParamsInto(p, dims, seed, { input: 0.5, recurrent: 0.5, output: 0.1 });
  return p;
}
const hp = { ...DEFAULT_HYPER, nu: 1e-3, rho1: 1e-2, rho2: 1e-2, rho3: 1e-2, r: 1e-5 };

describe('TKS trainText on a small word text', () => {
  const res = trainText(task, init(), { hyper: hp, iterations: 3 * task.J, evalEvery: task.J, recordLagrangian: true });
  it('learns: held-out loss far below the unigram entropy, and below the random start', () => {
    const H0 = unigramEntropy(task.heldOut, task.vocab.length);
    const start = sequenceLoss(init(), task.heldOut, dims, 1).loss;
    expect(res.heldOutLoss).toBeLessThan(0.75 * H0);
    expect(res.heldOutLoss).toBeLessThan(start - 1);
    expect(res.trainLoss).toBeLessThan(0.75 * H0);
  });
  it('trace: one row per iteration, epochs and batches in order, held-out on evaluation rows, (8) lowered by the visit', () => {
    expect(res.trace.length).toBe(3 * task.J);
    expect(res.trace.map((r) => r.k)).toEqual(Array.from({ length: 3 * task.J }, (_, i) => i + 1));
    expect(res.trace[task.J].epoch).toBe(1);
    expect(res.trace[task.J].batch).toBe(0);
    expect(res.trace.filter((r) => r.heldOutLoss !== undefined).length).toBe(3);
    for (const r of res.trace) expect(r.Lend!).toBeLessThan(r.Lstart!);
  });
  it('is deterministic, and the SIMD arena gives bit-identical results', () => {
    const a = trainText(task, init(), { hyper: hp, iterations: 20 });
    const b = trainText(task, init(), { hyper: hp, iterations: 20, simd: false });
    for (const k of ['u', 'w', 'b', 'v', 'c'] as const) expect(Array.from(a.params[k])).toEqual(Array.from(b.params[k]));
  });
  it('stops on the time budget', () => {
    const r = trainText(task, init(), { hyper: hp, iterations: 1000, timeBudgetMs: 0 });
    expect(r.stop).toBe('time-budget');
    expect(r.iterations).toBe(0);
  });
  it('refuses bad hyperparameters', () => {
    expect(() => trainText(task, init(), { hyper: { ...hp, nu: 0 }, iterations: 1 })).toThrow(/nu must be a positive/);
    expect(checkHyper({ ...hp, omega: -1 })).toMatch(/omega/);
    expect(checkHyper(hp)).toBeNull();
  });
});

describe('TKS startVisit: what carries over between windows', () => {
  it('s0 of batch j is the RNN state after windows 0..j−1 of each stream; batch 0 starts from zero', () => {
    const p = init(3);
    const batch = textBatch(task, dims.h);
    const aux = zeroAux(dims);
    const carry = new Float64Array(dims.B * dims.h).fill(7); // garbage: batch 0 must reset it
    const fwd = forwardScratch(dims);
    const s0s: Float64Array[] = [];
    for (let j = 0; j < 3; j++) {
      startVisit(task, j, p, batch, aux, carry, fwd);
      s0s.push(batch.s0.slice());
    }
    const { h, d } = dims;
    for (let i = 0; i < task.B; i++) {
      // the stream's state, run naively from zero over its first 2N characters
      let s = new Float64Array(h);
      for (let t = 0; t < 2 * task.N; t++) {
        const x = task.train[i * task.L + t];
        const next = new Float64Array(h);
        for (let a = 0; a < h; a++) {
          let z = p.b[a] + p.u[a * d + x];
          for (let k = 0; k < h; k++) z += p.w[a * h + k] * s[k];
          next[a] = Math.tanh(z);
        }
        s = next;
        if (t === task.N - 1) for (let a = 0; a < h; a++) expect(s0s[1][i * h + a]).toBeCloseTo(s[a], 13);
      }
      for (let a = 0; a < h; a++) {
        expect(s0s[0][i * h + a]).toBe(0);
        expect(s0s[2][i * h + a]).toBeCloseTo(s[a], 13);
      }
    }
  });
});

describe('TKS trainText: the measured alternatives of the data pipeline', () => {
  it("aux 'kept' resumes each batch from its previous visit; carry 'state' starts a window where the previous one ended", () => {
    const fresh = trainText(task, init(), { hyper: hp, iterations: 2 * task.J });
    const kept = trainText(task, init(), { hyper: hp, iterations: 2 * task.J, aux: 'kept' });
    const zero = trainText(task, init(), { hyper: hp, iterations: 2 * task.J, carry: 'state' });
    // identical through the first epoch's first batch, different after
    expect(kept.trace[0].batchLoss).toBe(fresh.trace[0].batchLoss);
    expect(kept.params.w).not.toEqual(fresh.params.w);
    expect(zero.trace[0].batchLoss).toBe(fresh.trace[0].batchLoss);
    expect(zero.trace[1].batchLoss).not.toBe(fresh.trace[1].batchLoss);
    for (const r of [kept, zero]) expect(r.heldOutLoss).toBeLessThan(unigramEntropy(task.heldOut, task.vocab.length));
  });
});
