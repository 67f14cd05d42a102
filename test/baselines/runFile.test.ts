/** baselines/runFile.ts: the reader accepts what the builder writes (RNN, MLP, tuned, diverged) and names the first bad field. */
import { describe, expect, it } from 'vitest';
import { baselineMethods } from '../../src/baselines/method.ts';
import { readBaselineRunFile, type BaselineRunFile } from '../../src/baselines/runFile.ts';
import { formatJson } from '../../src/core/json.ts';
import { wzcTaskReader } from '../../src/papers/wzc/baselineTask.ts';
import { zlyTaskReader } from '../../src/papers/zly/baselineTask.ts';
import { tksTaskReader } from '../../src/papers/tks/baselineTask.ts';
import { zlyDemoData } from '../../src/papers/zly/problem/demo.ts';
import { zlyInstanceToJson } from '../../src/papers/zly/problem/instance.ts';

const methods = baselineMethods([wzcTaskReader, zlyTaskReader]);
const byId = (id: string) => methods.find((m) => m.id === id)!;

function runFile(id: string, flags: Record<string, number | string>, instance?: { file: string; text: string }): BaselineRunFile {
  const m = byId(id);
  const p = m.prepare({ flags, seed: 3, ...(instance ? { instance } : {}) });
  return JSON.parse(formatJson(m.runFile(p.instance, m.run(p.instance, { seed: 3 }), { command: ['x'], seed: 3 })));
}

const demo = zlyDemoData('square', 2, 12);
const zly = { file: 'z.json', text: zlyInstanceToJson({ dims: { n: 12, d: [1, 3, 1] }, X: demo.X, Y: demo.Y, activation: 'sigmoid' }) };

describe('baseline run files', () => {
  const rnn = runFile('gdc', { generate: 'synthetic-T10', epochs: 2, tune: 1 });
  const mlp = runFile('rmsprop', { epochs: 2, batch: 5 }, zly);
  const diverged = runFile('gd', { generate: 'synthetic-T10', epochs: 2, lr: 1e308 });

  it('round-trip: the reader returns exactly what was written', () => {
    for (const f of [rnn, mlp, diverged]) expect(readBaselineRunFile(JSON.stringify(f))).toEqual(f);
    expect(rnn.tuning?.rows).toHaveLength(40);
    expect(mlp).toMatchObject({ model: 'mlp', dims: { n: 12, d: [1, 3, 1] }, settings: { history: null, batch: 5, batchesPerEpoch: 3, rho: 0.9 } });
    expect(Object.keys(mlp.params)).toEqual(['W1', 'W2']);
    expect(diverged).toMatchObject({ status: 'diverged', epochs: 0 });
  });

  const bad: [string, (f: Record<string, unknown>) => void, RegExp][] = [
    ['version', (f) => { f.version = 2; }, /^version: expected run-file version 1, got 2$/],
    ['method', (f) => { f.method = 'lbfgs'; }, /^method: expected one of/],
    ['dims', (f) => { f.dims = { T: 0, n: 3, m: 2, r: 5 }; }, /^dims\.T: expected an integer ≥ 1, got 0$/],
    ['params shape', (f) => { (f.params as Record<string, unknown>).b = [1]; }, /^params\.b: expected 5 entries, got 1$/],
    ['trace row', (f) => { (f.trace as Record<string, unknown>[])[1].norms = [1]; }, /^trace\[1\]\.norms: expected 5 entries, got 1$/],
    ['missing divergence', (f) => { f.status = 'diverged'; }, /^divergence: missing/],
    ['missing split', (f) => { delete f.split; }, /^split: missing/],
    ['split flag', (f) => { f.split = { T1: 9, T2: 1, standardized: 'no' }; }, /^split\.standardized: expected true or false$/],
    ['source', (f) => { f.source = { kind: 'web' }; }, /^source\.kind: expected "instance" or "generate", got "web"$/],
    ['settings', (f) => { f.settings = [1]; }, /^settings: expected an object$/],
    ['a hyperparameter', (f) => { (f.settings as Record<string, unknown>).clip = 'big'; }, /^settings\.clip: expected a finite number/],
    ['tuning', (f) => { (f.tuning as Record<string, unknown>).criterion = 'vibes'; }, /^tuning\.criterion: expected one of/],
    ['unknown key', (f) => { f.extra = 1; }, /^extra: unknown key$/],
  ];
  it.each(bad)('names a bad %s', (_what, spoil, msg) => {
    const f = structuredClone(rnn) as unknown as Record<string, unknown>;
    spoil(f);
    expect(() => readBaselineRunFile(JSON.stringify(f))).toThrow(msg);
  });

  it('names bad MLP dims', () => {
    const f = structuredClone(mlp) as unknown as Record<string, unknown>;
    f.dims = { n: 12, d: [1, 1] };
    expect(() => readBaselineRunFile(JSON.stringify(f))).toThrow(/^dims\.d: expected at least 3 widths/);
  });
});

describe('baseline run files of a TKS tanh-RNN task', () => {
  const tks = baselineMethods([tksTaskReader]);
  const inst = { file: 's.json', text: JSON.stringify({ task: 'synthetic-classification', sequenceLength: 4, classes: 3, inputs: 2, samples: 60, hidden: 3, params: { batch: 9 } }) };
  const m = tks.find((x) => x.id === 'sgd')!;
  const p = m.prepare({ flags: { epochs: 1 }, seed: 2, instance: inst });
  const file: BaselineRunFile = JSON.parse(formatJson(m.runFile(p.instance, m.run(p.instance, { seed: 2 }), { command: ['x'], seed: 2 })));

  it('round-trips with its windows and metrics', () => {
    expect(readBaselineRunFile(JSON.stringify(file))).toEqual(file);
    expect(file).toMatchObject({ model: 'tanh-rnn', dims: { N: 4, inputs: 2, hidden: 3, outputs: 3 }, windows: { batch: 9, train: 54, scored: 'last' } });
    expect(p.warnings).toEqual([]);
  });

  it.each([
    ['no windows', (f: Record<string, unknown>) => { delete f.windows; }, /^windows: missing \(a TKS run records its windows\)$/],
    ['a bad scored', (f: Record<string, unknown>) => { (f.windows as Record<string, unknown>).scored = 'some'; }, /^windows\.scored/],
    ['a null held-out loss is allowed', (f: Record<string, unknown>) => { (f.metrics as Record<string, unknown>).heldOutLoss = null; }, null],
    ['a bad accuracy', (f: Record<string, unknown>) => { (f.metrics as Record<string, unknown>).heldOutAccuracy = 'x'; }, /^metrics\.heldOutAccuracy/],
    ['bad dims', (f: Record<string, unknown>) => { f.dims = { N: 4, inputs: 0, hidden: 3, outputs: 3 }; }, /^dims\.inputs/],
  ])('%s', (_, patch, msg) => {
    const f = JSON.parse(JSON.stringify(file));
    patch(f);
    if (msg === null) expect(readBaselineRunFile(JSON.stringify(f)).metrics?.heldOutLoss).toBeNull();
    else expect(() => readBaselineRunFile(JSON.stringify(f))).toThrow(msg);
  });
});
