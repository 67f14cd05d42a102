// The worker code (`workerMain.ts`, `roles.ts`) run in-process on fake transports, the two roles one after the
// other in the order SP's barrier allows: the threaded SP run must give the same bits (the trajectory does not
// depend on the threads), and every command and failure path is reached where coverage can see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerSide } from '../../../../../src/engine/parallel/transportWorker.ts';
import { initParamsInto } from '../../../../../src/papers/tks/problem/init.ts';
import { prepareText, textDims } from '../../../../../src/papers/tks/problem/text.ts';
import { zeroParams, type Params } from '../../../../../src/papers/tks/problem/types.ts';
import { DEFAULT_HYPER } from '../../../../../src/papers/tks/solver/defaults.ts';
import { DEFAULT_STEP_SCALE, ParallelWorkers } from '../../../../../src/papers/tks/solver/parallel/master.ts';
import type { FromWorker, ToWorker, WorkerInit } from '../../../../../src/papers/tks/solver/parallel/protocol.ts';
import type { Groups, Mode, Role } from '../../../../../src/papers/tks/solver/parallel/roles.ts';
import { allocShared, PARAM_BLOCKS, viewShared } from '../../../../../src/papers/tks/solver/parallel/shared.ts';
import { serveWorker } from '../../../../../src/papers/tks/solver/parallel/workerMain.ts';
import { runSpSequential } from '../../../../../src/papers/tks/solver/parallel/spSequential.ts';

const task = prepareText('the cat sat on a mat and the dog ran on the mat '.repeat(40), 6, 4, 0.9);
const dims = textDims(task, 5);
function init(): Params {
  const p = zeroParams(dims);
  initParamsInto(p, dims, 3);
  return p;
}
const hp = { ...DEFAULT_HYPER, nu: 1e-3, rho1: 1e-2, rho2: 1e-2, rho3: 1e-2, r: 1e-3 };

/** Two workers on fake sides sharing one buffer, driven by hand. */
function inProcess(mode: Mode, K: number, faults: string[] = [], groups: Groups = 'kind') {
  const spec = allocShared(dims, 3, 2);
  const sh = viewShared(spec);
  for (const slot of sh.params) for (const key of PARAM_BLOCKS) slot[key].set(init()[key]);
  sh.ctl[sh.at.limit] = K;
  const sides = (['parameters', 'states'] as Role[]).map((role, worker) => {
    const posted: FromWorker[] = [];
    let handler: ((c: ToWorker) => void) | null = null;
    const wi: WorkerInit = { role, shared: spec, task, h: dims.h, faults, simd: true };
    const side: WorkerSide<ToWorker, FromWorker> = { worker, init: wi, post: (m) => posted.push(m), onCommand: (f) => (handler = f), beat: () => {} };
    serveWorker(side);
    const send = (c: ToWorker): FromWorker[] => {
      const from = posted.length;
      (handler as (c: ToWorker) => void)(c);
      return posted.slice(from);
    };
    expect(posted).toEqual([{ type: 'ready' }]);
    send({ type: 'reset', mode, hyper: hp, tau: 1, stepScale: DEFAULT_STEP_SCALE, groups, init: init() });
    return { send, posted };
  });
  return { sh, P: sides[0], S: sides[1] };
}

let pool: ParallelWorkers;
beforeAll(async () => {
  pool = await ParallelWorkers.start(task, dims.h);
}, 120_000);
afterAll(() => pool.close());

describe('the worker code in-process', () => {
  it('SP by hand gives the threaded SP run bit for bit', async () => {
    const K = 7;
    const { sh, P, S } = inProcess('sp', K);
    for (let r = 1; r <= K + 1; r++) {
      if (r <= K) expect(S.send({ type: 'unit', k: r })[0]).toMatchObject({ type: 'unit', k: r });
      if (r >= 2) expect(P.send({ type: 'unit', k: r - 1 })).toEqual([{ type: 'unit', k: r - 1 }]);
    }
    const threaded = await pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: K, groups: 'kind' });
    for (const key of PARAM_BLOCKS) expect(Array.from(sh.params[K % 2][key])).toEqual(Array.from(threaded.params[key]));
    const done = P.send({ type: 'finish' })[0];
    expect(done.type).toBe('done');
    if (done.type === 'done') expect(done.ms.w).toBeGreaterThan(0);
  });

  it('groups = output: SP by hand gives the threaded run bit for bit; v, c are the state worker\'s, never one fit late', async () => {
    const K = 7;
    const { sh, P, S } = inProcess('sp', K, [], 'output');
    const v1: number[][] = [];
    for (let r = 1; r <= K + 1; r++) {
      if (r <= K) {
        expect(S.send({ type: 'unit', k: r })[0]).toMatchObject({ type: 'unit', k: r, staleness: Math.min(1, r - 1) });
        v1.push(Array.from(sh.params[0].v));
      }
      if (r >= 2) expect(P.send({ type: 'unit', k: r - 1 })).toEqual([{ type: 'unit', k: r - 1 }]);
    }
    // the state worker publishes its v after every visit, to both slots; the parameter worker never writes it
    expect(v1[1]).not.toEqual(v1[0]);
    expect(Array.from(sh.params[1].v)).toEqual(v1[K - 1]);
    const threaded = await pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: K, groups: 'output' });
    expect(threaded.parallel.groups).toBe('output');
    expect(threaded.parallel.perWorker.map((w) => w.blocks)).toEqual([['b', 'w', 'u', 'u', 'w', 'b'], ['o', 'c', 'v', 's', 'a', 'a', 's', 'v', 'c', 'o']]);
    for (const key of PARAM_BLOCKS) expect(Array.from(sh.params[K % 2][key])).toEqual(Array.from(threaded.params[key]));
    // and it is not the kind split's trajectory
    const kind = await pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: K, groups: 'kind' });
    expect(Array.from(kind.params.v)).not.toEqual(Array.from(threaded.params.v));
  });

  it('groups = output, AP: the state worker reads only u, w, b from the parameter worker; a run ends with its own v, c', async () => {
    const { sh, P, S } = inProcess('ap', 3, [], 'output');
    S.send({ type: 'unit', k: 1 });
    P.send({ type: 'unit', k: 1 });
    // u, w, b published once each, v and c never (their seqlocks untouched)
    expect(PARAM_BLOCKS.map((_k, bi) => sh.ctl[sh.at.seq + bi])).toEqual([2, 2, 2, 0, 0]);
    const r = await pool.run(init(), { variant: 'ap', workers: 2, hyper: hp, iterations: 5, groups: 'output' });
    expect(r.iterations).toBe(5);
    expect(r.parallel.groups).toBe('output');
    expect(Number.isFinite(r.heldOutLoss)).toBe(true);
    await expect(pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: 2, groups: 'rows' as never })).rejects.toThrow(/groups must be one of kind, output, got rows/);
  });

  it('the threaded SP equals the one-thread reference written from Algorithm 1 (spSequential.ts), both groups, two η', async () => {
    // the by-hand runs above share the worker code with the threads; this reference does not
    for (const groups of ['kind', 'output'] as const) {
      for (const stepScale of [DEFAULT_STEP_SCALE, 0.5]) {
        const K = 9;
        const ref = runSpSequential(task, init(), { hyper: hp, iterations: K, groups, stepScale });
        const threaded = await pool.run(init(), { variant: 'sp', workers: 2, hyper: hp, iterations: K, groups, stepScale });
        for (const key of PARAM_BLOCKS) expect(Array.from(threaded.params[key]), `${groups} η ${stepScale} ${key}`).toEqual(Array.from(ref.params[key]));
        expect(threaded.trace.map((r) => r.batchLoss)).toEqual(ref.losses);
      }
    }
  });

  it('AP units by hand: blocks published under their seqlocks, staleness within the bound', () => {
    const { sh, P, S } = inProcess('ap', 4);
    const m1 = S.send({ type: 'unit', k: 1 })[0];
    expect(m1).toMatchObject({ type: 'unit', k: 1, staleness: 0 });
    P.send({ type: 'unit', k: 1 });
    // every block published once per final update: even sequence numbers, tagged with fit 1
    for (let bi = 0; bi < PARAM_BLOCKS.length; bi++) {
      expect(sh.ctl[sh.at.seq + bi]).toBe(2);
      expect(sh.ctl[sh.at.tag + bi]).toBe(1);
    }
    const m2 = S.send({ type: 'unit', k: 2 })[0];
    expect(m2).toMatchObject({ type: 'unit', k: 2, staleness: 0 }); // read θ^1, the freshest possible
    const m3 = S.send({ type: 'unit', k: 3 })[0]; // θ^2 not fitted: staleness 1 = τ
    expect(m3).toMatchObject({ type: 'unit', k: 3, staleness: 1 });
  });

  it("AP 'run': the state worker stops at its limit and the parameter worker fits up to what was produced", () => {
    const { sh, P, S } = inProcess('ap', 2);
    expect(S.send({ type: 'run', from: 1 }).map((m) => m.type)).toEqual(['unit', 'unit', 'done']);
    expect(sh.ctl[sh.at.produced]).toBe(2);
    expect(P.send({ type: 'run', from: 1 }).map((m) => m.type)).toEqual(['unit', 'unit', 'done']);
    expect(sh.ctl[sh.at.fitted]).toBe(2);
  });

  it('an abort ends a waiting worker quietly; a throwing block is reported as an error; a non-finite one as divergence', () => {
    const a = inProcess('ap', 3);
    a.sh.ctl[a.sh.at.abort] = 1;
    expect(a.P.send({ type: 'run', from: 1 }).map((m) => m.type)).toEqual(['done']);
    const b = inProcess('sp', 3, ['worker-throw']);
    b.S.send({ type: 'unit', k: 1 });
    expect(b.S.send({ type: 'unit', k: 2 })).toEqual([{ type: 'error', message: 'planted worker-throw' }]);
    const c = inProcess('sp', 3);
    c.S.send({ type: 'reset', mode: 'sp', hyper: hp, tau: 1, stepScale: 0.5, groups: 'kind', init: { ...init(), v: init().v.map((x) => x * 1e200) } });
    for (const key of PARAM_BLOCKS) c.sh.params[0][key].set(key === 'v' ? init().v.map((x) => x * 1e200) : init()[key]);
    const m = c.S.send({ type: 'unit', k: 1 })[0];
    expect(m).toMatchObject({ type: 'diverged', k: 1 });
  });
});
