// Data-parallel ADMMiRNN (`--parallel data`): vanilla's trajectory bit for bit — in process (the threads' shares
// interleaved at the barriers, in both orders, so a share that read another's rows before the barrier would
// show) and on real worker threads — and a worker that throws, exits or hangs stops the run naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerFailureError } from '../../../../../src/engine/parallel/transport.ts';
import { createSharedArena } from '../../../../../src/linalg/index.ts';
import { lossLipschitz } from '../../../../../src/papers/tks/problem/loss.ts';
import { initParamsInto } from '../../../../../src/papers/tks/problem/init.ts';
import { prepareText, textDims, type TextTask } from '../../../../../src/papers/tks/problem/text.ts';
import { copyParamsInto, zeroParams, type Dims, type Params } from '../../../../../src/papers/tks/problem/types.ts';
import { DEFAULT_HYPER } from '../../../../../src/papers/tks/solver/defaults.ts';
import { flagsOf } from '../../../../../src/papers/tks/solver/faults.ts';
import { trainText } from '../../../../../src/papers/tks/solver/train.ts';
import { checkDataWorkers, DataParallelWorkers, trainDataParallel } from '../../../../../src/papers/tks/solver/parallel/dataMaster.ts';
import { dataLayout, dataParts, ownScratch } from '../../../../../src/papers/tks/solver/parallel/dataSplit.ts';
import { phaseEnv, visitPhases } from '../../../../../src/papers/tks/solver/parallel/dataPhases.ts';
import { PARALLEL_FAULT_IDS } from '../../../../../src/papers/tks/solver/parallel/faults.ts';
import { wordText as textOf } from '../../../../helpers/wordText.ts';


// windows of 8, batches of 7 (odd: the row and window splits are uneven), hidden 37 (kernel tiles and trapezoids uneven too)
const task = prepareText(textOf(6000, 7), 8, 7, 0.9);
const dims = textDims(task, 37);
function init(seed = 1): Params {
  const p = zeroParams(dims);
  initParamsInto(p, dims, seed, { input: 0.5, recurrent: 0.5, output: 0.1 });
  return p;
}
const hp = { ...DEFAULT_HYPER, nu: 1e-3, rho1: 1e-2, rho2: 1e-2, rho3: 1e-2, r: 1e-5 };
const K = 24;

function sameBits(a: Params, b: Params): boolean {
  for (const k of ['u', 'w', 'b', 'v', 'c'] as const) {
    const x = a[k], y = b[k];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  return true;
}

/**
 * The phases in this thread, each phase's chunks run in forward or reverse order, chunk c on thread c mod P's own
 * scratch: a chunk that read another chunk's output of the same phase would show as different bits.
 */
function inProcess(t: TextTask, d: Dims, p0: Params, P: number, iterations: number, reverse: boolean, faults: string[] = [], chunks = 4 * P) {
  const { made } = createSharedArena(dataLayout(d, P), P);
  copyParamsInto(made.p, p0);
  const M = d.N * d.B;
  const st = { p: made.p, aux: made.aux, mult: made.mult, batch: { dims: d, s0: made.s0, x: { kind: 'onehot' as const, idx: new Int32Array(M) }, y: { kind: 'classes' as const, y: new Int32Array(M) } } };
  const ctx = { dims: d, hp: { ...hp }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(new Set(faults)) };
  const env = phaseEnv(ctx, st, made, t, chunks, P);
  const owns = Array.from({ length: P }, (_, i) => ownScratch(made, i));
  const losses: number[] = [];
  for (let k = 1; k <= iterations; k++) {
    for (const ph of visitPhases(env, k)) {
      for (let i = 0; i < ph.n; i++) {
        const c = reverse ? ph.n - 1 - i : i;
        ph.run(c, owns[c % P]);
      }
    }
    losses.push(made.rowLoss[M]);
  }
  return { params: made.p, losses };
}

describe('data-parallel split in process: vanilla bit for bit', () => {
  const vanilla = trainText(task, init(), { hyper: hp, iterations: K });
  for (const P of [2, 3]) {
    for (const reverse of [false, true]) {
      it(`${P} threads, chunks in ${reverse ? 'reverse' : 'forward'} order: ${K} iterations, parameters and batch losses identical`, () => {
        const r = inProcess(task, dims, init(), P, K, reverse);
        expect(sameBits(r.params, vanilla.params)).toBe(true);
        expect(r.losses).toEqual(vanilla.trace.map((x) => x.batchLoss));
      });
    }
  }
  it("a failing s-step inverse on any share is raised on thread 0 with vanilla's message (the first failing class)", () => {
    const bad = init();
    bad.v.forEach((x, i) => (bad.v[i] = x * 1e200));
    const v = trainText(task, bad, { hyper: hp, iterations: 1 });
    for (const P of [2, 3]) expect(() => inProcess(task, dims, bad, P, 1, true)).toThrow(v.divergence?.replace(/ at iteration 1$/, ''));
  });
  it('one chunk per phase, and more chunks than windows or Gram rows (empty chunks), give the same bits', () => {
    const v = trainText(task, init(), { hyper: hp, iterations: 4 });
    for (const chunks of [1, 64]) expect(sameBits(inProcess(task, dims, init(), 2, 4, true, [], chunks).params, v.params)).toBe(true);
  });
  it('with a planted solver fault too (the split runs the same faulty code: w-off-by-one, s-no-coupling)', () => {
    const faults = ['w-off-by-one', 's-no-coupling', 'o-printed'];
    const v = trainText(task, init(), { hyper: hp, iterations: 6, faults: new Set(faults) });
    expect(sameBits(inProcess(task, dims, init(), 2, 6, true, faults).params, v.params)).toBe(true);
  });
  it('the shares partition the rows, the windows and the Gram and right-hand-side rows; the Gram trapezoids hold equal work', () => {
    for (const P of [2, 3, 5]) {
      const parts = dataParts(dims, P);
      const M = dims.N * dims.B;
      expect(parts[0].r0).toBe(0);
      expect(parts[P - 1].r1).toBe(M);
      expect(parts[P - 1].g1).toBe(dims.h);
      expect(parts[P - 1].e1).toBe(dims.h);
      for (let p = 1; p < P; p++) {
        expect(parts[p].r0).toBe(parts[p - 1].r1);
        expect(parts[p].g0).toBe(parts[p - 1].g1);
        expect(parts[p].e0).toBe(parts[p - 1].e1);
      }
      const work = parts.map((x) => {
        let n = 0;
        for (let i = x.g0; i < x.g1; i++) n += dims.h - i;
        return n;
      });
      const total = (dims.h * (dims.h + 1)) / 2;
      for (const w of work) expect(Math.abs(w - total / P)).toBeLessThanOrEqual(dims.h);
    }
    // thread 0 lighter by 10 rows
    const [a, b] = dataParts(dims, 2, 10);
    expect(b.r1 - b.r0 - (a.r1 - a.r0)).toBe(10);
  });
});

describe('data-parallel ADMMiRNN on worker threads', () => {
  let pool: DataParallelWorkers;
  beforeAll(async () => {
    pool = await DataParallelWorkers.start(task, dims.h, 2);
  }, 120_000);
  afterAll(() => pool.close());
  const vanilla = trainText(task, init(), { hyper: hp, iterations: K, evalEvery: task.J });

  it(`2 threads: ${K} iterations with vanilla's parameters, batch losses and held-out evaluations, bit for bit; the pool runs again`, async () => {
    for (let rep = 0; rep < 2; rep++) {
      const r = await pool.run(init(), { hyper: hp, iterations: K, evalEvery: task.J });
      expect(r.stop).toBe('iterations');
      expect(r.iterations).toBe(K);
      expect(sameBits(r.params, vanilla.params)).toBe(true);
      expect(r.trace.map((x) => x.batchLoss)).toEqual(vanilla.trace.map((x) => x.batchLoss));
      expect(r.trace.map((x) => x.heldOutLoss)).toEqual(vanilla.trace.map((x) => x.heldOutLoss));
      expect(r.heldOutLoss).toBe(vanilla.heldOutLoss);
      expect(r.trainLoss).toBe(vanilla.trainLoss);
      const rep0 = r.parallel;
      expect(rep0.variant).toBe('data');
      expect(rep0.workers).toBe(2);
      expect(rep0.perThread.map((t) => t.thread)).toEqual([0, 1]);
      expect(rep0.time.copyMs).toBe(0);
      expect(rep0.time.computeMs).toBeGreaterThan(0);
      expect(rep0.phasesPerVisit).toBeGreaterThan(20);
      expect(rep0.chunks).toBe(8);
      expect(rep0.masterChunks).toBeGreaterThan(0);
    }
  });

  it('stops at a time budget, and a run in progress refuses a second one', async () => {
    const first = pool.run(init(), { hyper: hp, iterations: 1000, timeBudgetMs: 30 });
    await expect(pool.run(init(), { hyper: hp, iterations: 1 })).rejects.toThrow(/in progress/);
    const r = await first;
    expect(r.stop).toBe('time-budget');
    expect(r.iterations).toBeLessThan(1000);
    expect(r.trace.length).toBe(r.iterations);
  });

  it('a non-finite block ends the run as diverged with the last complete parameters; the pool survives', async () => {
    const bad = init();
    bad.v.forEach((x, i) => (bad.v[i] = x * 1e200));
    const v = trainText(task, bad, { hyper: hp, iterations: 3 });
    const r = await pool.run(bad, { hyper: hp, iterations: 3 });
    expect(r.stop).toBe('diverged');
    expect(r.divergence).toBe(v.divergence);
    expect(sameBits(r.params, v.params)).toBe(true);
    const ok = await pool.run(init(), { hyper: hp, iterations: 2 });
    expect(ok.stop).toBe('iterations');
  });

  it('refuses bad settings in one line', async () => {
    expect(checkDataWorkers(2)).toBeNull();
    expect(checkDataWorkers(1)).toMatch(/2 to 8 threads/);
    expect(checkDataWorkers(2.5)).toMatch(/got 2.5/);
    await expect(trainDataParallel(task, init(), 9, { hyper: hp, iterations: 1 })).rejects.toThrow(/2 to 8 threads/);
    await expect(trainDataParallel(task, init(), 2, { hyper: hp, iterations: 1, chunks: 0 })).rejects.toThrow(/chunks must be/);
    await expect(pool.run(init(), { hyper: { ...hp, r: 0 }, iterations: 1 })).rejects.toThrow(/r must be/);
  });
});

describe('data: a worker that throws, exits or hangs stops the run with one line naming it, its block and iteration', () => {
  const cases: [string, RegExp][] = [
    ['worker-throw', new RegExp(`^worker 0 \\(data: thread 1 of 2; in block s of iteration 2\\) threw: planted worker-throw$`)],
    ['worker-exit', new RegExp(`^worker 0 \\(data: thread 1 of 2; in block w of iteration 1\\) exited \\(code 3\\)$`)],
    ['worker-hang', new RegExp(`^worker 0 \\(data: thread 1 of 2; in block a of iteration 2\\) hung: no heartbeat for \\d+ ms \\(timeout 400 ms\\)$`)],
  ];
  it('covers the catalogue', () => expect(cases.map((c) => c[0])).toEqual(PARALLEL_FAULT_IDS));
  for (const [fault, message] of cases) {
    it(fault, async () => {
      const run = trainDataParallel(task, init(), 2, { hyper: hp, iterations: 4, timeoutMs: 400, faults: new Set([fault]) });
      const e = await run.then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(WorkerFailureError);
      expect((e as Error).message).toMatch(message);
    });
  }
});
