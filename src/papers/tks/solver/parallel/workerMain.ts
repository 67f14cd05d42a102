/**
 * What a worker of SP-/AP-ADMMiRNN does (`worker.ts` runs it in a thread; tests run it in-process on a fake
 * {@link WorkerSide}): builds its private solver state (in its own SIMD arena) and views of the shared buffer,
 * then runs units on command (`roles.ts`). `reset` starts a run (settings, initial parameters); SP: one unit per
 * `unit` command (the master waits for both workers each round); AP: a `run` command runs units until the state
 * worker's limit, posting each; `finish` reports where the time went.
 */
import { performance } from 'node:perf_hooks';
import { inArena } from '../../../../linalg/index.ts';
import type { WorkerSide } from '../../../../engine/parallel/transportWorker.ts';
import { lossLipschitz } from '../../problem/loss.ts';
import { textDims } from '../../problem/text.ts';
import type { Aux, Multipliers, Params } from '../../problem/types.ts';
import { cloneParams, copyParamsInto } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { flagsOf } from '../faults.ts';
import type { BlockName } from '../iteration.ts';
import { allocWorkspace } from '../workspace.ts';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.ts';
import { Aborted, newReadState, parameterUnit, stateUnit, UnitDivergence, type Private, type UnitEnv } from './roles.ts';
import { ACTIVITY, viewShared, type Activity } from './shared.ts';

/** Serve one worker on `side` (its init is a {@link WorkerInit}); posts 'ready' once set up. */
export function serveWorker(side: WorkerSide<ToWorker, FromWorker>): void {
  const init = side.init as WorkerInit;
  const dims = textDims(init.task, init.h);
  const { N, B, h, q } = dims;
  const M = N * B;
  const V = dims.d;
  const faults = new Set(init.faults);
  const ctx: BlockContext = { dims, hp: { nu: 1, rho1: 1, rho2: 1, rho3: 1, r: 1, omega: 0 }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(faults) };

  const mem = inArena((alloc) => ({
    p: { u: alloc(h * V), w: alloc(h * h), b: alloc(h), v: alloc(q * h), c: alloc(q) } as Params,
    aux: { a: alloc(M * h), s: alloc(M * h), o: alloc(M * q) } as Aux,
    mult: { l1: alloc(B * h), l2: alloc(B * h), l3: alloc(B * q) } as Multipliers,
    s0: alloc(B * h),
    ws: allocWorkspace(dims, false, alloc),
    fwd: { wT: alloc(h * h), vT: alloc(h * q) },
  }), init.simd);
  const pv: Private = {
    st: { p: mem.p, aux: mem.aux, mult: mem.mult, batch: { dims, s0: mem.s0, x: { kind: 'onehot', idx: new Int32Array(M) }, y: { kind: 'classes', y: new Int32Array(M) } } },
    ws: mem.ws,
    fwd: mem.fwd,
  };
  const ms = Object.fromEntries(ACTIVITY.map((a) => [a, 0])) as Record<Activity, number>;
  const env: UnitEnv = {
    mode: 'sp', worker: side.worker, ctx, task: init.task, shared: viewShared(init.shared), tau: 1, stepScale: 1, groups: 'kind', beat: side.beat, ms,
    beforeBlock: faults.size ? plantedFailure : undefined,
  };
  let rs = newReadState(pv.st.p);
  /** The parameter worker's θ^j (the fits run on `pv.st.p`, from the parameters each batch was visited with). */
  let theta = cloneParams(pv.st.p);

  /** The planted worker failures of `faults.ts`: they act here, inside the thread, and nowhere else. */
  function plantedFailure(name: BlockName, unit: number): void {
    if (init.role === 'states' && unit === 2 && name === 's' && faults.has('worker-throw')) throw new Error('planted worker-throw');
    if (init.role === 'parameters' && unit === 1 && name === 'w' && faults.has('worker-exit')) process.exit(3);
    if (init.role === 'states' && unit === 2 && name === 'a' && faults.has('worker-hang')) for (;;) { /* planted hang: no beat, no message */ }
  }

  /** Run one unit; false when the parameter worker has nothing left to fit (AP stop). */
  function unit(k: number): boolean {
    if (init.role === 'states') {
      const r = stateUnit(env, pv, k, rs);
      side.post({ type: 'unit', k, batchLoss: r.batchLoss, staleness: r.staleness });
      return true;
    }
    if (!parameterUnit(env, pv, theta, k)) return false;
    side.post({ type: 'unit', k });
    return true;
  }

  function guarded(k: () => number, body: () => void): void {
    try {
      body();
    } catch (e) {
      if (e instanceof Aborted) {
        side.post({ type: 'done', ms });
        return;
      }
      if (e instanceof UnitDivergence) side.post({ type: 'diverged', k: k(), block: e.block, message: e.message });
      else if (e instanceof Error && e.name === 'NotPositiveDefiniteError') side.post({ type: 'diverged', k: k(), block: 'solve', message: e.message });
      else side.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  // SP: the time from the end of one unit to the next command is this worker waiting at the master's barrier
  let lastEnd = -1;
  side.onCommand((cmd) => {
    if (cmd.type === 'reset') {
      // a new run on the same workers: its settings and initial parameters, fresh accounting
      env.mode = cmd.mode;
      env.tau = cmd.tau;
      env.stepScale = cmd.stepScale;
      env.groups = cmd.groups;
      ctx.hp = cmd.hyper;
      copyParamsInto(pv.st.p, cmd.init);
      theta = cloneParams(cmd.init);
      rs = newReadState(pv.st.p);
      for (const a of ACTIVITY) ms[a] = 0;
      lastEnd = -1;
      return;
    }
    if (lastEnd >= 0) ms.idle += performance.now() - lastEnd;
    if (cmd.type === 'finish') {
      side.post({ type: 'done', ms });
      return;
    }
    if (cmd.type === 'unit') {
      guarded(() => cmd.k, () => {
        unit(cmd.k);
      });
      lastEnd = performance.now();
      return;
    }
    let k = cmd.from;
    guarded(() => k, () => {
      const { ctl, at } = env.shared;
      if (init.role === 'states') {
        for (; k <= Atomics.load(ctl, at.limit) && Atomics.load(ctl, at.abort) === 0; k++) unit(k);
        Atomics.store(ctl, at.produced, k - 1);
        Atomics.notify(ctl, at.fitted);
        for (let i = 0; i < env.shared.states.length; i++) Atomics.notify(ctl, at.statePub + i);
      } else while (unit(k)) k++;
      side.post({ type: 'done', ms });
    });
  });
  side.post({ type: 'ready' });
}
