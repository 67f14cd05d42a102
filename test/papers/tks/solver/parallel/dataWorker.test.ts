// The data worker's code run in-process on a fake transport (so coverage sees it): the barrier's other thread is
// played by the control words alone — thread 0's counter set far ahead, so this thread never waits.
import { describe, expect, it } from 'vitest';
import type { WorkerSide } from '../../../../../src/engine/parallel/transportWorker.ts';
import { createSharedArena } from '../../../../../src/linalg/index.ts';
import { prepareText, textDims } from '../../../../../src/papers/tks/problem/text.ts';
import { DEFAULT_HYPER } from '../../../../../src/papers/tks/solver/defaults.ts';
import { dataLayout } from '../../../../../src/papers/tks/solver/parallel/dataSplit.ts';
import { Barrier, controlLength, CTL } from '../../../../../src/papers/tks/solver/parallel/dataSync.ts';
import { dataInts, serveDataWorker, type DataFromWorker, type DataToWorker, type DataWorkerInit } from '../../../../../src/papers/tks/solver/parallel/dataWorker.ts';

const task = prepareText('the cat sat on a mat and the dog ran on the mat '.repeat(40), 6, 4, 0.9);
const dims = textDims(task, 5);
const M = dims.N * dims.B;

function worker(faults: string[] = []) {
  const { spec } = createSharedArena(dataLayout(dims, 2), 2);
  const ints = new SharedArrayBuffer(4 * (2 * M + controlLength(2)));
  const { ctl } = dataInts(ints, M);
  const init: DataWorkerInit = { arena: spec, ints, dims, threads: 2, index: 1, faults, spinUs: 0 };
  const posted: DataFromWorker[] = [];
  let handler: ((c: DataToWorker) => void) | null = null;
  let beats = 0;
  const side: WorkerSide<DataToWorker, DataFromWorker> = { worker: 0, init, post: (m) => posted.push(m), onCommand: (f) => (handler = f), beat: () => beats++ };
  serveDataWorker(side);
  const run = (): DataFromWorker[] => {
    const from = posted.length;
    (handler as (c: DataToWorker) => void)({ type: 'run', hyper: { ...DEFAULT_HYPER } });
    return posted.slice(from);
  };
  const base = CTL.activity + 2;
  return { ctl, posted, run, beats: () => beats, aheadOfAll: () => (ctl[base] = 1e9) };
}

describe('data worker in process', () => {
  it("posts ready; on a stop word at a visit's first barrier it ends the run with its times", () => {
    const w = worker();
    expect(w.posted).toEqual([{ type: 'ready' }]);
    w.aheadOfAll();
    w.ctl[CTL.stop] = 1;
    const [m] = w.run();
    expect(m).toMatchObject({ type: 'done', aborted: false });
    expect(m.type === 'done' && Object.keys(m.ms)).toContain('waiting');
  });
  it('an abort word while it waits: the run ends as aborted (beating while it waited)', () => {
    const w = worker();
    w.ctl[CTL.stop] = 2;
    expect(w.run()).toEqual([expect.objectContaining({ type: 'done', aborted: true })]);
    expect(w.beats()).toBeGreaterThan(0);
  });
  it('runs its share of whole visits; the planted worker-throw posts the error and sets the abort word for the others', () => {
    const w = worker(['worker-throw']);
    w.aheadOfAll();
    expect(w.run()).toEqual([{ type: 'error', message: 'planted worker-throw' }]);
    expect(w.ctl[CTL.stop]).toBe(2);
    expect(w.ctl[CTL.activity + 1]).toBe(4); // the s phase
  });
  it('the barrier: a thread passes once every counter reached its number', () => {
    const ctl = new Int32Array(controlLength(3));
    const [a, b, c] = [0, 1, 2].map((i) => new Barrier(ctl, 3, i, 0));
    const g = a.arrive();
    expect(a.passedSpin(g, 0)).toBe(false);
    b.arrive();
    expect(a.passedSpin(g, 5)).toBe(false);
    c.arrive();
    expect(a.passedSpin(g, 0)).toBe(true);
    expect(a.passMaster(g, () => {}, () => Promise.resolve())).toBeNull();
    a.reset();
    expect(a.arrive()).toBe(1);
  });
});
