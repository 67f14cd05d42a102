import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tksTaskReader } from '../../../src/papers/tks/baselineTask.ts';
import { packTksParams as packTks } from '../../../src/papers/tks/windows/pack.ts';
import { initParamsInto } from '../../../src/papers/tks/problem/init.ts';
import { loadTextTask, parseTksInstance } from '../../../src/papers/tks/problem/instance.ts';
import { sequenceLoss } from '../../../src/papers/tks/problem/rnn.ts';
import { fillBatch } from '../../../src/papers/tks/problem/text.ts';
import { zeroParams } from '../../../src/papers/tks/problem/types.ts';
import { tanhRnnEvaluate, tanhRnnLayout } from '../../../src/models/tanhRnn.ts';
import type { TanhRnnTask } from '../../../src/models/task.ts';
import { mulberry32 } from '../../../src/core/rng.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-tks-reader-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const rng = mulberry32(4);
fs.writeFileSync(path.join(root, 'text.txt'), Array.from({ length: 1500 }, () => 'abcdefg '[Math.floor(rng() * 8)]).join(''));
const instance = (extra: Record<string, unknown> = {}) => JSON.stringify({ task: 'text', textFile: 'text.txt', sequenceLength: 5, hidden: 6, split: 0.9, params: { batch: 4 }, ...extra });
const file = path.join(root, 'inst.json');

function read(text = instance()): { task: TanhRnnTask; warnings: readonly string[] } {
  return tksTaskReader.read(file, text);
}

describe('TKS text instances for the baselines', () => {
  it('recognizes TKS files by their task key', () => {
    expect(tksTaskReader.recognizes({ task: 'text' })).toBe(true);
    expect(tksTaskReader.recognizes({ X: [], hidden: 3 })).toBe(false);
    expect(tksTaskReader.recognizes([])).toBe(false);
  });

  it('mini-batch k of B windows is exactly ADMMiRNN\'s batch k (fillBatch), each window from s0 = 0', () => {
    const { task } = read();
    const inst = parseTksInstance(instance());
    const text = loadTextTask(inst, file, 4).task;
    expect(task.batch).toBe(4);
    expect(task.train.count).toBe(text.J * 4);
    expect(task.train.N).toBe(5);
    const x = new Int32Array(20), y = new Int32Array(20);
    const set = task.train;
    if (set.x.kind !== 'onehot' || set.y.kind !== 'classes') throw new Error('text windows are one-hot with classes');
    for (let j = 0; j < text.J; j++) {
      fillBatch(text, j, x, y);
      for (let t = 0; t < 5; t++) {
        for (let i = 0; i < 4; i++) {
          // ADMMiRNN row t·B + i is window i of the batch at step t+1; ours is window j·B + i, row (j·B + i)·N + t
          expect(set.x.idx[(j * 4 + i) * 5 + t]).toBe(x[t * 4 + i]);
          expect(set.y.y[(j * 4 + i) * 5 + t]).toBe(y[t * 4 + i]);
        }
      }
    }
  });

  it('measures held-out and training loss as tks-admmirnn does (sequenceLoss with 1 and B streams)', () => {
    const { task } = read();
    const text = loadTextTask(parseTksInstance(instance()), file, 4).task;
    const p = zeroParams(task.dims);
    initParamsInto(p, task.dims, 3);
    const theta = packTks(task.dims, p);
    expect(tanhRnnEvaluate(task.heldOut, theta, task.dims).loss).toBeCloseTo(sequenceLoss(p, text.heldOut, task.dims, 1).loss, 13);
    if (!task.trainEval) throw new Error('a text task has a trainEval set');
    expect(tanhRnnEvaluate(task.trainEval, theta, task.dims).loss).toBeCloseTo(sequenceLoss(p, text.train, task.dims, 4).loss, 13);
    expect(task.description).toMatch(/4 streams of \d+ training characters/);
  });

  it('starts from tks-admmirnn\'s initialization: the instance seed first, else the run\'s', () => {
    const dims = read().task.dims;
    const expected = (seed: number) => {
      const p = zeroParams(dims);
      initParamsInto(p, dims, seed);
      return packTks(dims, p);
    };
    expect(tksTaskReader.initialize(read().task, 'tks', 9)).toEqual(expected(9));
    expect(tksTaskReader.initialize(read(instance({ seed: 2 })).task, 'tks', 9)).toEqual(expected(2));
    expect(tksTaskReader.initialize(read().task, 'tks', 9).length).toBe(tanhRnnLayout(dims).size);
    expect(() => tksTaskReader.initialize(read().task, 'he', 1)).toThrow(/--init: unknown initialization "he" for a TKS instance \(expected tks\)/);
  });

  it('warns that ADMMiRNN settings do not apply; bad files fail on the field', () => {
    expect(read(instance({ params: { batch: 4, rho1: 0.1, iterations: 5 } })).warnings).toEqual(['params: rho1, iterations are ADMMiRNN settings; the baselines ignore them']);
    expect(read().warnings).toEqual([]);
    expect(() => read(instance({ textFile: 'missing.txt' }))).toThrow(/^textFile: cannot read/);
    expect(() => read(instance({ hidden: 0 }))).toThrow(/^hidden:/);
  });
});
