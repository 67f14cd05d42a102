import { describe, expect, it } from 'vitest';
import { initParamsInto } from '../../../../src/papers/tks/problem/init.ts';
import { lossLipschitz } from '../../../../src/papers/tks/problem/loss.ts';
import { cloneParams, zeroParams } from '../../../../src/papers/tks/problem/types.ts';
import { sp500Windows, syntheticClassification } from '../../../../src/papers/tks/problem/windows.ts';
import { windowFloor } from '../../../../src/papers/tks/windows/floor.ts';
import { packTksParams, unpackTksParams } from '../../../../src/papers/tks/windows/pack.ts';
import { trainWindows, windowHyper, windowMetrics } from '../../../../src/papers/tks/windows/train.ts';
import { buildWindowRunFile, readWindowRunFile, windowRunOutcome } from '../../../../src/papers/tks/windows/runFile.ts';
import { readTksAnyRunFile, tksAnyRunOutcome } from '../../../../src/papers/tks/runFile.ts';

const task = syntheticClassification({ N: 5, classes: 3, inputs: 2, samples: 100, split: 0.8 }, 4, 16);
const h = 6;
const dims = { ...task.dims, h };
const init = zeroParams(dims);
initParamsInto(init, dims, 2);

describe('ADMMiRNN on window tasks', () => {
  it('defaults ρ_i = 4H, ν = 0.16H, r = 0.0128H for either loss', () => {
    for (const t of [task, sp500Windows(6, 0.9, 50)]) {
      const H = lossLipschitz(t.loss, t.B);
      const hp = windowHyper(t);
      expect(hp.rho1 / H).toBeCloseTo(4, 12);
      expect(hp.rho3 / H).toBeCloseTo(4, 12);
      expect(hp.nu / H).toBeCloseTo(0.16, 12);
      expect(hp.r / H).toBeCloseTo(0.0128, 12);
    }
  });

  it('visits batch k mod J from the feasible point, evaluates each epoch, is deterministic and leaves init alone', () => {
    const before = cloneParams(init);
    const opts = { hyper: windowHyper(task), iterations: 12, evalEvery: task.J, simd: false };
    const a = trainWindows(task, init, opts);
    const b = trainWindows(task, init, { ...opts, simd: true });
    expect(init).toEqual(before);
    expect(a.trace.map((r) => r.batch)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]);
    expect(a.trace.filter((r) => r.heldOutLoss !== undefined).map((r) => r.k)).toEqual([5, 10]);
    expect(a.params).toEqual(b.params);
    expect(a.stop).toBe('iterations');
    expect(a.trace[0].batchLoss).toBeCloseTo(windowMetrics(task, init).trainLoss, 1);
    expect(a.heldOutAccuracy).toBeGreaterThanOrEqual(0);
    expect(a).toMatchObject(windowMetrics(task, a.params));
    expect(trainWindows(task, init, { ...opts, timeBudgetMs: 0 })).toMatchObject({ iterations: 0, stop: 'time-budget' });
    expect(() => trainWindows(task, init, { ...opts, hyper: { ...opts.hyper, rho1: -1 } })).toThrow(RangeError);
  });

  it('stops on a non-finite iterate and keeps the last finite parameters', () => {
    const bad = cloneParams(init);
    bad.w[0] = Infinity;
    const r = trainWindows(task, bad, { hyper: windowHyper(task), iterations: 10 });
    expect(r).toMatchObject({ stop: 'diverged', iterations: 0, trace: [] });
    expect(r.divergence).toMatch(/ at iteration 1$/);
    expect(r.params.w[0]).toBe(Infinity); // the parameters before the failing iteration: here the start itself
  });

  it('the output-only floor fits the readout alone to a small gradient and keeps u, w, b', () => {
    const f = windowFloor(task, init);
    expect(f.fit.gradInf).toBeLessThan(1e-6);
    expect(f.params.u).toEqual(init.u);
    expect(f.params.w).toEqual(init.w);
    expect(f.trainLoss).toBeLessThanOrEqual(windowMetrics(task, init).trainLoss);
    const reg = sp500Windows(6, 0.9);
    const d2 = { ...reg.dims, h: 4 };
    const p2 = zeroParams(d2);
    initParamsInto(p2, d2, 1);
    const f2 = windowFloor(reg, p2);
    expect(f2.heldOutAccuracy).toBeUndefined();
    expect(f2.trainLoss).toBeLessThan(windowMetrics(reg, p2).trainLoss);
  });

  it('packs and unpacks θ = [u, w, b, v, c]', () => {
    expect(unpackTksParams(dims, packTksParams(dims, init))).toEqual(init);
  });
});

describe('the window run file', () => {
  const res = trainWindows(task, init, { hyper: windowHyper(task), iterations: 3 });
  const input = { file: 'x.json', task, hidden: h, hyper: windowHyper(task), iterations: 3, sweeps: 1, warnings: ['w'] };

  it('round-trips through its reader and through the reader of either family', () => {
    const file = buildWindowRunFile(input, res, 2, 1.1, { command: ['lagrangelab'], seed: 1, elapsedMs: 5 });
    const text = JSON.stringify(file);
    expect(readWindowRunFile(JSON.parse(text))).toEqual(file);
    expect(readTksAnyRunFile(text)).toEqual(file);
    expect(file.task).toMatchObject({ setting: 'synthetic-classification', loss: 'cross-entropy', batch: 16, batchesPerEpoch: 5, trainWindows: 80, droppedWindows: 0 });
    expect(file.trace[0].timeMs).toBeGreaterThanOrEqual(0);
    expect(windowRunOutcome(file)).toMatchObject({ diverged: false, summary: expect.stringMatching(/^3 iterations \(0\.6 epochs, iterations\), held-out .*, accuracy 0\.\d{3}, train/) });
    expect(tksAnyRunOutcome(file)).toEqual(windowRunOutcome(file));
    const bare = buildWindowRunFile(input, res, 2, 1.1, { command: ['lagrangelab'], seed: 1 });
    expect(bare.trace[0].timeMs).toBeUndefined();
    expect(bare.elapsedMs).toBeUndefined();
  });

  it('says a diverged run diverged; bad fields are named', () => {
    const file = buildWindowRunFile(input, { ...res, stop: 'diverged', divergence: 'NaN in v' }, 2, 1.1, { command: [], seed: 1 });
    expect(windowRunOutcome(file)).toEqual({ diverged: true, message: 'solver diverged: NaN in v (last finite parameters: iteration 3)' });
    const good = JSON.parse(JSON.stringify(file));
    const bad = (patch: (o: Record<string, any>) => void) => {
      const o = JSON.parse(JSON.stringify(good));
      patch(o);
      return () => readTksAnyRunFile(JSON.stringify(o));
    };
    expect(bad((o) => { o.version = 2; })).toThrow(/^version: expected run-file version 1, got 2/);
    expect(bad((o) => { o.task.setting = 'mnist'; })).toThrow(/^task\.setting/);
    expect(bad((o) => { o.trace.pop(); })).toThrow(/^trace: 2 rows but iterations = 3/);
    expect(bad((o) => { o.params.v = [[1]]; })).toThrow(/^params\.v/);
    expect(bad((o) => { o.metrics.heldOutAccuracy = 'x'; })).toThrow(/^metrics\.heldOutAccuracy/);
    expect(bad((o) => { o.settings.timeBudgetSec = 3; o.elapsedMs = 4; o.trace[0].heldOutLoss = 1; })).not.toThrow();
  });
});
