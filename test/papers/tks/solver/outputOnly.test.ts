import { describe, expect, it } from 'vitest';
import { lbfgs } from '../../../../src/papers/tks/solver/lbfgs.ts';
import { outputOnlyFloor } from '../../../../src/papers/tks/solver/outputOnly.ts';
import { initParamsInto } from '../../../../src/papers/tks/problem/init.ts';
import { sequenceLoss } from '../../../../src/papers/tks/problem/rnn.ts';
import { prepareText, textDims } from '../../../../src/papers/tks/problem/text.ts';
import { zeroParams } from '../../../../src/papers/tks/problem/types.ts';

describe('L-BFGS', () => {
  it('minimizes an ill-conditioned quadratic to its solution', () => {
    const n = 20;
    const target = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const f = (x: Float64Array, g: Float64Array): number => {
      let v = 0;
      for (let i = 0; i < n; i++) {
        const w = 1 + 100 * (i / n), e = x[i] - target[i];
        v += 0.5 * w * e * e;
        g[i] = w * e;
      }
      return v;
    };
    const x = new Float64Array(n);
    const res = lbfgs(f, x, { gradTol: 1e-10, fTol: 0 });
    expect(res.stop).toBe('gradient');
    for (let i = 0; i < n; i++) expect(x[i]).toBeCloseTo(target[i], 9);
  });
  it('minimizes the Rosenbrock function', () => {
    const f = (x: Float64Array, g: Float64Array): number => {
      const [a, b] = [x[0], x[1]];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const x = Float64Array.of(-1.2, 1);
    const res = lbfgs(f, x, { gradTol: 1e-9, maxIterations: 500 });
    expect(res.f).toBeLessThan(1e-12);
    expect(x[0]).toBeCloseTo(1, 5);
  });
  it('stops on iterations, time and a stalled objective', () => {
    const f = (x: Float64Array, g: Float64Array): number => {
      g[0] = 4 * x[0] ** 3;
      return x[0] ** 4;
    };
    expect(lbfgs(f, Float64Array.of(3), { maxIterations: 2, gradTol: 0 }).stop).toBe('iterations');
    expect(lbfgs(f, Float64Array.of(3), { timeBudgetMs: -1 }).stop).toBe('time-budget');
    expect(['stalled', 'gradient', 'line-search']).toContain(lbfgs(f, Float64Array.of(3), { gradTol: 0, maxIterations: 10_000 }).stop);
  });
});

describe('TKS output-only floor', () => {
  const text = 'the cat sat on the mat and the dog ran to the cat '.repeat(60);
  const task = prepareText(text, 5, 4, 0.9);
  const dims = textDims(task, 10);
  const p = zeroParams(dims);
  initParamsInto(p, dims, 2, { input: 1, recurrent: 0.9, output: 0.1 });
  const res = outputOnlyFloor(task, p, { gradTol: 1e-8 });
  it('fits the readout to a stationary point and leaves the recurrent layer alone', () => {
    expect(res.fit.gradInf).toBeLessThanOrEqual(1e-8);
    expect(Array.from(res.params.w)).toEqual(Array.from(p.w));
    expect(Array.from(res.params.u)).toEqual(Array.from(p.u));
    expect(Array.from(res.params.b)).toEqual(Array.from(p.b));
  });
  it('its training loss is the streams\' mean cross-entropy of the fitted RNN, lower than the random readout\'s', () => {
    expect(res.trainLoss).toBeCloseTo(sequenceLoss(res.params, task.train.slice(0, task.B * task.L + 1), dims, task.B).loss, 9);
    expect(res.trainLoss).toBeLessThan(sequenceLoss(p, task.train, dims, task.B).loss - 1);
    expect(res.heldOutLoss).toBeCloseTo(sequenceLoss(res.params, task.heldOut, dims, 1).loss, 12);
  });
  it('gives the same fit with and without the SIMD arena', () => {
    const a = outputOnlyFloor(task, p, { maxIterations: 15, gradTol: 0 });
    const b = outputOnlyFloor(task, p, { maxIterations: 15, gradTol: 0, simd: false });
    expect(a.fit.iterations).toBe(15);
    expect(b.trainLoss).toBe(a.trainLoss);
    expect(Array.from(b.params.v)).toEqual(Array.from(a.params.v));
  });
});
