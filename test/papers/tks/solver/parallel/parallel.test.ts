import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Supervisor, WorkerFailureError } from '../../../../../src/engine/parallel/transport.ts';
import { initParamsInto } from '../../../../../src/papers/tks/problem/init.ts';
import { prepareText, textDims } from '../../../../../src/papers/tks/problem/text.ts';
import { zeroParams, type Params } from '../../../../../src/papers/tks/problem/types.ts';
import { sequenceLoss } from '../../../../../src/papers/tks/problem/rnn.ts';
import { DEFAULT_HYPER } from '../../../../../src/papers/tks/solver/defaults.ts';
import { outputOnlyFloor } from '../../../../../src/papers/tks/solver/outputOnly.ts';
import { trainText } from '../../../../../src/papers/tks/solver/train.ts';
import { ParallelWorkers, trainParallel } from '../../../../../src/papers/tks/solver/parallel/master.ts';
import { compareParallelVariants, smoothed } from '../../../../../src/papers/tks/solver/parallel/compare.ts';
import { PARALLEL_FAULT_IDS } from '../../../../../src/papers/tks/solver/parallel/faults.ts';
import { wordText as textOf } from '../../../../helpers/wordText.ts';

// Word text (test/helpers/wordText.ts): short-range structure that only a trained recurrent layer can exploit.

// Hidden 6 with weak random recurrent features: the output-only floor of the initial RNN (0.81 nats/char) is
// well above what a trained recurrent layer supports (≈ 0.61). Vanilla itself does not beat the floor of the
// *initial* RNN in a test's few seconds here (0.94 after 2 epochs: its readout is not refitted exactly), so the
// check that a variant trained the recurrent layer is the floor of its *final* RNN: the readout refitted on the
// trained u, w, b. A variant that only trains the readout leaves that floor where it was.
const task = prepareText(textOf(6000, 7), 8, 8, 0.9);
const dims = textDims(task, 6);
function init(seed = 1): Params {
  const p = zeroParams(dims);
  initParamsInto(p, dims, seed, { input: 0.2, recurrent: 0.2, output: 0.1 });
  return p;
}
const hp = { ...DEFAULT_HYPER, nu: 1e-3, rho1: 1e-2, rho2: 1e-2, rho3: 1e-2, r: 1e-3 };
const K = 2 * task.J;
const FLOOR_ITERATIONS = 300;

// one pair of workers for every run that plants no failure (start-up is the slow part)
let pool: ParallelWorkers;
beforeAll(async () => {
  pool = await ParallelWorkers.start(task, dims.h);
}, 120_000);
afterAll(() => pool.close());

describe('SP- and AP-ADMMiRNN on two worker threads (tiny word text)', () => {
  const floor = outputOnlyFloor(task, init(), { maxIterations: FLOOR_ITERATIONS });
  const vanilla = trainText(task, init(), { hyper: hp, iterations: K });
  const initial = sequenceLoss(init(), task.heldOut, dims, 1).loss;

  for (const variant of ['sp', 'ap'] as const) {
    it(`${variant}: trains the recurrent layer (the floor of its final RNN is below the initial one's), trace and report complete`, async () => {
      const r = await pool.run(init(), { variant, workers: 2, hyper: hp, iterations: K });
      expect(r.stop).toBe('iterations');
      expect(r.iterations).toBe(K);
      expect(r.trace.map((x) => x.k)).toEqual(Array.from({ length: K }, (_, i) => i + 1));
      const trained = outputOnlyFloor(task, r.params, { maxIterations: FLOOR_ITERATIONS });
      expect(trained.heldOutLoss).toBeLessThan(floor.heldOutLoss - 0.1);
      // it trains: far below the initial RNN. Per iteration it stays behind vanilla (one fit stale, half steps):
      // 0.996 against 0.942 here; the bench measures the gap at full size (README, "TKS parallel variants")
      expect(r.heldOutLoss).toBeLessThan(initial - 1);
      expect(Number.isFinite(vanilla.heldOutLoss)).toBe(true);
      const p = r.parallel;
      expect(p.variant).toBe(variant);
      expect(p.perWorker.map((w) => w.role)).toEqual(['parameters', 'states']);
      expect(p.staleness.bound).toBe(1);
      expect(p.staleness.max).toBeLessThanOrEqual(1);
      if (variant === 'sp') expect(p.staleness.mean).toBeGreaterThan(0.9); // exactly 1 from k = 2 on
      const sum = Object.values(p.blockFractions).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 9);
      expect(p.time.computeMs).toBeGreaterThan(0);
    });
  }

  it('sp is deterministic (the slot parity fixes what every unit reads)', async () => {
    const a = await pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: 6 });
    const b = await pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: 6 });
    for (const k of ['u', 'w', 'b', 'v', 'c'] as const) expect(Array.from(a.params[k])).toEqual(Array.from(b.params[k]));
  });

  it('stops on a time budget with a consistent trace', async () => {
    for (const variant of ['sp', 'ap'] as const) {
      const r = await pool.run(init(), { variant, workers: 2, hyper: hp, iterations: 1e6, timeBudgetMs: 1 });
      expect(r.stop).toBe('time-budget');
      expect(r.iterations).toBeGreaterThanOrEqual(1);
      expect(r.trace.length).toBe(r.iterations);
    }
  });

  it('ap: a time budget that lowers the limit while the state worker waits for a feasible start does not hang it', async () => {
    // the parameter worker skips the start of a batch beyond the lowered limit; the state worker must then make it
    // itself (found as a hang at the second of these runs)
    for (let i = 0; i < 30; i++) {
      const r = await pool.run(init(), { variant: 'ap', workers: 2, hyper: hp, iterations: 1e6, timeBudgetMs: 1 + (i % 7) });
      expect(r.stop).toBe('time-budget');
      expect(r.trace.length).toBe(r.iterations);
    }
  }, 60_000);

  it('a non-finite block ends the run as diverged with the last complete parameters (not as a worker failure)', async () => {
    // a readout of 1e200: vᵀv overflows in the s-step
    const bad = init();
    bad.v.forEach((x, i) => (bad.v[i] = x * 1e200));
    for (const variant of ['sp', 'ap'] as const) {
      const r = await pool.run(bad, { variant, workers: 2, hyper: hp, iterations: 5 });
      expect(r.stop).toBe('diverged');
      expect(r.divergence).toMatch(/^ADMMiRNN diverged: .* \(states worker\) at iteration 1$/);
      for (const k of ['u', 'w', 'b', 'v', 'c'] as const) expect(r.params[k].every(Number.isFinite)).toBe(true);
    }
    // the pool survives a divergence
    const ok = await pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: 2 });
    expect(ok.stop).toBe('iterations');
  });

  it('refuses bad settings in one line', async () => {
    await expect(trainParallel(task, init(), { variant: 'sp', workers: 3, hyper: hp, iterations: 1 })).rejects.toThrow(/2 workers/);
    await expect(trainParallel(task, init(), { variant: 'ap', workers: 2, hyper: hp, iterations: 1, maxDelay: -1 })).rejects.toThrow(/maxDelay/);
    await expect(pool.run(init(), { variant: 'ap', workers: 2, hyper: hp, iterations: 1, maxDelay: 2 })).rejects.toThrow(/maxDelay must be an integer in \[0, 1\]/);
    await expect(trainParallel(task, init(), { variant: 'sp', workers: 2, hyper: { ...hp, r: 0 }, iterations: 1 })).rejects.toThrow(/r must be/);
  });
});

describe('a worker that throws, exits or hangs stops the run with one line naming the worker and its block', () => {
  const cases: [string, RegExp][] = [
    ['worker-throw', /^worker 1 \(states: blocks o, c, v, s, a; in block s of iteration 2\) threw: planted worker-throw$/],
    ['worker-exit', /^worker 0 \(parameters: blocks b, w, u; in block w of iteration 1\) exited \(code 3\)$/],
    ['worker-hang', /^worker 1 \(states: blocks o, c, v, s, a; in block a of iteration 2\) hung: no heartbeat for \d+ ms \(timeout 400 ms\)$/],
  ];
  it('covers the catalogue', () => expect(cases.map((c) => c[0])).toEqual(PARALLEL_FAULT_IDS));
  for (const [fault, message] of cases) {
    it(fault, async () => {
      const run = trainParallel(task, init(), { variant: 'sp', workers: 2, hyper: hp, iterations: 4, timeoutMs: 400, faults: new Set([fault]) });
      const e = await run.then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(WorkerFailureError);
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).not.toContain('\n');
    });
  }
  it('the message names the blocks of the run\'s groups (kind)', async () => {
    const run = trainParallel(task, init(), { variant: 'sp', workers: 2, hyper: hp, iterations: 4, timeoutMs: 400, groups: 'kind', faults: new Set(['worker-throw']) });
    await expect(run).rejects.toThrow(/^worker 1 \(states: blocks o, s, a; in block s of iteration 2\) threw: planted worker-throw$/);
  });
  it('ap detects them too (no run result, so nothing to write)', async () => {
    const run = trainParallel(task, init(), { variant: 'ap', workers: 2, hyper: hp, iterations: 4, timeoutMs: 400, faults: new Set(['worker-throw']) });
    await expect(run).rejects.toThrow(/^worker 1 \(states: .*\) threw: planted worker-throw$/);
  });
});

describe('the shared buffer is shared', () => {
  it("a worker's write is seen by the master without a message", async () => {
    const sab = new SharedArrayBuffer(16);
    const cells = new Int32Array(sab);
    const entry = new URL('./sharedProbe.ts', import.meta.url).href;
    const sup = new Supervisor<{ go: number }, string>(entry, [{ sab }], { timeoutMs: 30_000 });
    try {
      expect(await sup.next(0, 120_000)).toBe('ready');
      sup.send(0, { go: 41 });
      // the probe writes, then waits for our answer on the same memory, and only then posts a message
      const deadline = Date.now() + 30_000;
      while (Atomics.load(cells, 0) !== 41 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(Atomics.load(cells, 0)).toBe(41);
      Atomics.store(cells, 1, 1);
      Atomics.notify(cells, 1);
      expect(await sup.next(0)).toBe('saw 1');
    } finally {
      await sup.close();
    }
  });
});

describe('compareParallelVariants (the question of Figs 11–12)', () => {
  it('measures each variant from one initialization against the same loss', async () => {
    const rows = await compareParallelVariants({ task, init: init(), hyper: hp, variants: ['vanilla', 'sp'], iterations: 12, window: 4, pool });
    expect(rows.map((r) => r.variant)).toEqual(['vanilla', 'sp']);
    const target = Math.max(...rows.map((r) => r.finalLoss));
    for (const r of rows) {
      expect(r.iterations).toBe(12);
      expect(r.itersPerSec).toBeGreaterThan(0);
      expect(r.targetLoss).toBe(target);
      expect(r.itersToLoss).not.toBeNull(); // every variant reached the worst final loss
      expect(r.curve.map((c) => c[0])).toEqual([4, 8, 12]);
    }
    expect(rows[1].parallel?.variant).toBe('sp');
    expect(smoothed([1, 2, 3, 4], 2)).toEqual([1, 1.5, 2.5, 3.5]);
  });
});
