// The data worker's code run in-process on a fake transport (so coverage sees it): the barrier's other thread is
// played by the control words alone — thread 0's counter set far ahead, so this thread never waits.
import { describe, expect, it } from 'vitest';
import type { WorkerSide } from '../../../../../src/engine/parallel/transportWorker.ts';
import { createSharedArena } from '../../../../../src/linalg/index.ts';
import { prepareText, textDims } from '../../../../../src/papers/tks/problem/text.ts';
import { DEFAULT_HYPER } from '../../../../../src/papers/tks/solver/defaults.ts';
import { dataLayout } from '../../../../../src/papers/tks/solver/parallel/dataSplit.ts';
import { controlLength, CTL, Tickets } from '../../../../../src/papers/tks/solver/parallel/dataSync.ts';
import { dataInts, serveDataWorker, type DataFromWorker, type DataToWorker, type DataWorkerInit } from '../../../../../src/papers/tks/solver/parallel/dataWorker.ts';

const task = prepareText('the cat sat on a mat and the dog ran on the mat '.repeat(40), 6, 4, 0.9);
const dims = textDims(task, 5);
const M = dims.N * dims.B;

function worker(faults: string[] = []) {
  const { spec } = createSharedArena(dataLayout(dims, 2), 2);
  const ints = new SharedArrayBuffer(4 * (2 * M + controlLength(2)));
  const { ctl } = dataInts(ints, M);
  const init: DataWorkerInit = { arena: spec, ints, dims, threads: 2, index: 1, chunks: 4, task, faults, spinUs: 0 };
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
  return { ctl, posted, run, beats: () => beats, openAll: () => (ctl[CTL.visit] = 1e9) };
}

describe('data worker in process', () => {
  it("posts ready; on a stop word while it waits for the next visit it ends the run with its times", () => {
    const w = worker();
    expect(w.posted).toEqual([{ type: 'ready' }]);
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
  it('alone, it runs every chunk of whole visits; the planted worker-throw posts the error and sets the abort word for the others', () => {
    const w = worker(['worker-throw']);
    w.openAll();
    expect(w.run()).toEqual([{ type: 'error', message: 'planted worker-throw' }]);
    expect(w.ctl[CTL.stop]).toBe(2);
    expect(w.ctl[CTL.activity + 1]).toBe(4); // the s phase
  });
  it('the scheduler: a thread runs its own block of a phase first, then claims what the others have not', () => {
    const ctl = new Int32Array(controlLength(2));
    const a = new Tickets(ctl, 0, 2, 0), b = new Tickets(ctl, 1, 2, 0);
    const seen: string[] = [];
    // thread 0 alone: its block 0, 1, then thread 1's from the end: 3, 2; thread 1 finds nothing left
    expect(a.runChunks(4, (c) => seen.push(`a${c}`))).toBe(4);
    expect(b.runChunks(4, (c) => seen.push(`b${c}`))).toBe(0);
    expect(seen).toEqual(['a0', 'a1', 'a3', 'a2']);
    expect(ctl[CTL.done]).toBe(4);
    expect(a.start).toBe(4);
    expect(a.doneSpin(4)).toBe(true);
    expect(a.doneSpin(5)).toBe(false);
    expect(a.waitMaster(4, () => {}, () => Promise.resolve())).toBeNull();
    b.waitBlocking(4, () => {});
    // next phase (the other claim slot): thread 1 first takes its block 1, 2, then 0; a gets nothing
    seen.length = 0;
    expect(b.runChunks(3, (c) => seen.push(`b${c}`))).toBe(3);
    expect(a.runChunks(3, (c) => seen.push(`a${c}`))).toBe(0);
    expect(seen).toEqual(['b1', 'b2', 'b0']);
    // the phase after reuses the first slot: tags grow, so old claims do not block it
    seen.length = 0;
    expect(a.runChunks(2, (c) => seen.push(`a${c}`))).toBe(2);
    expect(() => a.runChunks(1000, () => {})).toThrow(/at most 260/);
    a.reset();
    expect(a.start).toBe(0);
  });
});
