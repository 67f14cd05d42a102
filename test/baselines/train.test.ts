/**
 * baselines/objective.ts + train.ts: the trainer's gradients are the models' exact ones, an epoch of full-history
 * mini-batches averages to the gradient of (1.1) / (4), GD steps are exactly θ − η∇, divergence keeps the last
 * finite iterate, and small steps descend.
 */
import { describe, expect, it } from 'vitest';
import { BatchSchedule } from '../../src/baselines/batches.ts';
import { mlpObjective, rnnObjective } from '../../src/baselines/objective.ts';
import { trainBaseline } from '../../src/baselines/train.ts';
import { elmanLayout, elmanLoss, elmanViews, elmanWorkspace } from '../../src/models/bptt.ts';
import { mlpLayout } from '../../src/models/mlp.ts';
import type { MlpTask, RnnTask } from '../../src/models/task.ts';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';
import { expectClose } from '../helpers/assert.ts';

function rnnTask(seed: number, T = 13, T1 = 11): { task: RnnTask; theta: Float64Array } {
  const g = gaussian(mulberry32(seed));
  const dims = { T, n: 3, m: 2, r: 4 };
  const X = Float64Array.from({ length: T * 3 }, () => g()), Y = Float64Array.from({ length: T * 2 }, () => g());
  const task: RnnTask = { kind: 'rnn', paper: 'test', source: { kind: 'instance', file: 'x' }, full: { dims, X, Y }, T1, T2: T - T1, standardized: false, activation: { kind: 'tanh' } };
  return { task, theta: Float64Array.from({ length: elmanLayout(dims).size }, () => 0.3 * g()) };
}

function mlpTask(seed: number): { task: MlpTask; theta: Float64Array } {
  const g = gaussian(mulberry32(seed));
  const dims = { n: 17, d: [2, 5, 3, 1] };
  const task: MlpTask = {
    kind: 'mlp', paper: 'test', source: { kind: 'instance', file: 'y' }, activation: { kind: 'sigmoid' }, lambda: 0.3,
    data: { dims, X: Float64Array.from({ length: 34 }, () => g()), Y: Float64Array.from({ length: 17 }, () => g()) },
  };
  return { task, theta: Float64Array.from({ length: mlpLayout(dims).size }, () => g()) };
}

describe('baseline objectives and the training loop', () => {
  it('RNN: an epoch of full-history blocks averages (weights |S_k|/T1) to the gradient of (1.1); truncation changes it', () => {
    const { task, theta } = rnnTask(1);
    const obj = rnnObjective(task, task.activation, theta, Infinity);
    const full = (obj.fullLoss(true), obj.grad.slice());
    const s = new BatchSchedule(task.T1, 3, true, 5);
    s.nextEpoch();
    const sum = new Float64Array(theta.length);
    let loss = 0;
    for (let k = 0; k < s.count; k++) {
      const w = (s.to(k) - s.from(k)) / task.T1;
      loss += w * obj.batchLoss(s, k);
      for (let i = 0; i < sum.length; i++) sum[i] += w * obj.grad[i];
    }
    expectClose(sum, full, 1e-13);
    expect(loss).toBeCloseTo(obj.fullLoss(false), 13);
    const trunc = rnnObjective(task, task.activation, theta, 1);
    trunc.batchLoss(s, s.count - 1);
    obj.batchLoss(s, s.count - 1);
    expect(Array.from(trunc.grad)).not.toEqual(Array.from(obj.grad));
  });

  it('MLP: an epoch of shuffled batches averages to the gradient of (4)', () => {
    const { task, theta } = mlpTask(2);
    const obj = mlpObjective(task, task.activation, theta, 5);
    const full = (obj.fullLoss(true), obj.grad.slice());
    const s = new BatchSchedule(17, 5, false, 9);
    s.nextEpoch();
    const sum = new Float64Array(theta.length);
    for (let k = 0; k < s.count; k++) {
      obj.batchLoss(s, k);
      for (let i = 0; i < sum.length; i++) sum[i] += ((s.to(k) - s.from(k)) / 17) * obj.grad[i];
    }
    expectClose(sum, full, 1e-13);
    let reg = 0;
    for (const x of theta) reg += x * x;
    expect(obj.trainErr()).toBeCloseTo(obj.fullLoss(false) - (0.3 / 17) * reg, 12);
    expect(obj.testErr()).toBeNaN();
  });

  it('full-batch GD: row 0 is θ⁰ with ‖∇ℓ‖, each epoch is exactly θ ← θ − η∇ℓ(θ)', () => {
    const { task, theta } = rnnTask(3);
    const d = task.full.dims;
    const run = trainBaseline('gd', rnnObjective(task, task.activation, theta, Infinity), { lr: 0.05, epochs: 2, batch: 99 }, 1);
    const ws = elmanWorkspace(d);
    const x = theta.slice(), g = new Float64Array(x.length);
    const data = task.full;
    const l0 = elmanLoss(data, elmanViews(d, x), task.activation, ws, 0, task.T1, g);
    expect(run.trace[0]).toMatchObject({ epoch: 0, updates: 0, loss: l0 });
    expect(run.trace[0].gradNorm).toBeCloseTo(Math.hypot(...g), 14);
    for (let e = 0; e < 2; e++) {
      elmanLoss(data, elmanViews(d, x), task.activation, ws, 0, task.T1, g);
      for (let i = 0; i < x.length; i++) x[i] -= 0.05 * g[i];
    }
    expect(Array.from(run.theta)).toEqual(Array.from(x));
    expect(run.trace.map((r) => r.updates)).toEqual([0, 1, 2]);
    expect(run.testErr).toBe(elmanLoss(data, elmanViews(d, x), task.activation, ws, task.T1, d.T));
    expect(run.trace[2].testErr).toBe(run.testErr);
  });

  it('small steps descend (GD on the RNN, SGD epochs on the MLP trend down); the seed fixes a stochastic run', () => {
    const { task, theta } = rnnTask(4);
    const gd = trainBaseline('gd', rnnObjective(task, task.activation, theta, Infinity), { lr: 0.01, epochs: 30, batch: 99 }, 1);
    for (let e = 1; e < gd.trace.length; e++) expect(gd.trace[e].loss).toBeLessThan(gd.trace[e - 1].loss);
    const m = mlpTask(5);
    const run = (seed: number) => trainBaseline('sgd', mlpObjective(m.task, m.task.activation, m.theta, 4), { lr: 0.02, epochs: 40, batch: 4 }, seed);
    const a = run(1);
    expect(a.trace[40].loss).toBeLessThan(a.trace[0].loss);
    expect(a.batchesPerEpoch).toBe(5);
    expect(run(1).theta).toEqual(a.theta);
    expect(run(2).theta).not.toEqual(a.theta);
  });

  it('a step that overflows stops the run as diverged, keeping the last finite iterate', () => {
    const { task, theta } = rnnTask(6);
    const run = trainBaseline('gd', rnnObjective(task, { kind: 'relu' }, theta, Infinity), { lr: 1e300, epochs: 50, batch: 99 }, 1);
    expect(run.status).toBe('diverged');
    expect(run.divergence).toMatch(/^non-finite training objective \(NaN\) after update 1 \(epoch 1\); kept the iterate before it$/);
    expect(Array.from(run.theta)).toEqual(Array.from(theta));
    expect(run.theta.every(Number.isFinite)).toBe(true);
    expect(run.trace.every((r) => Number.isFinite(r.loss))).toBe(true);
    const sgd = trainBaseline('sgd', rnnObjective(task, { kind: 'relu' }, theta, Infinity), { lr: 1e300, epochs: 5, batch: 2 }, 1);
    expect(sgd.divergence).toMatch(/^non-finite mini-batch loss \(.*\) after update \d+ \(epoch 1\); kept the iterate before it$/);
    const big = theta.map((x) => x * 1e10);
    const inf = trainBaseline('gd', rnnObjective(task, { kind: 'relu' }, big, Infinity), { lr: 1e308, epochs: 5, batch: 99 }, 1);
    expect(inf).toMatchObject({ status: 'diverged', divergence: 'non-finite parameters after update 1 (epoch 1); kept the iterate before it', updates: 0, epochs: 0 });
    expect(Array.from(inf.theta)).toEqual(Array.from(big));
    const bad = rnnTask(7);
    bad.theta[0] = Infinity;
    const r0 = trainBaseline('adam', rnnObjective(bad.task, { kind: 'relu' }, bad.theta, Infinity), { lr: 1, epochs: 3, batch: 2 }, 1);
    expect(r0).toMatchObject({ status: 'diverged', epochs: 0, updates: 0 });
    expect(r0.divergence).toMatch(/^non-finite training objective \(.*\) at θ⁰$/);
  });
});
