/**
 * A worker thread of data-parallel ADMMiRNN (`dataMaster.ts`): attaches the shared arena on its own scratch slot,
 * then on each `run` command executes its share of every visit (`dataSplit.ts`) in step with the master through
 * the barrier, until the master stops the run (or aborts it). It never computes anything serial, so it needs
 * neither the text nor the task: the master fills the batch in shared memory.
 */
import { performance } from 'node:perf_hooks';
import { attachSharedArena, type SharedArenaSpec } from '../../../../linalg/index.ts';
import type { WorkerSide } from '../../../../engine/parallel/transportWorker.ts';
import { lossLipschitz } from '../../problem/loss.ts';
import type { Dims, Hyper } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { flagsOf } from '../faults.ts';
import { dataLayout, dataParts, dataVisit, freshValid, ownScratch, PHASE_LABELS, type DataEnv, type PhaseLabel } from './dataSplit.ts';
import { Aborted, Barrier, CTL } from './dataSync.ts';

/** A data worker's start-up data. */
export interface DataWorkerInit {
  arena: SharedArenaSpec;
  /** Int32 words: the batch's symbols x (M), targets y (M), then the control words (`dataSync.ts`). */
  ints: SharedArrayBuffer;
  dims: Dims;
  /** Threads in all (the master is thread 0) and this worker's thread index. */
  threads: number;
  index: number;
  faults: string[];
  /** µs to spin at a barrier before blocking. */
  spinUs: number;
}

/** Where a thread's time went (ms): per phase (its share of each block), and waiting at barriers. */
export type DataTime = Record<PhaseLabel | 'waiting', number>;

/** Master → data worker. */
export type DataToWorker = { type: 'run'; hyper: Hyper };

/** Data worker → master. */
export type DataFromWorker =
  | { type: 'ready' }
  | { type: 'done'; ms: DataTime; aborted: boolean }
  | { type: 'error'; message: string };

/** Zeroed time accounting. */
export function zeroTime(): DataTime {
  return Object.fromEntries([...PHASE_LABELS, 'waiting'].map((k) => [k, 0])) as DataTime;
}

/** The int views of the batch and control buffer. */
export function dataInts(ints: SharedArrayBuffer, M: number): { idx: Int32Array; y: Int32Array; ctl: Int32Array } {
  return { idx: new Int32Array(ints, 0, M), y: new Int32Array(ints, 4 * M, M), ctl: new Int32Array(ints, 8 * M) };
}

/** Serve one data worker on `side` (its init is a {@link DataWorkerInit}); posts 'ready' once attached. */
export function serveDataWorker(side: WorkerSide<DataToWorker, DataFromWorker>): void {
  const init = side.init as DataWorkerInit;
  const { dims } = init;
  const M = dims.N * dims.B;
  const arrays = attachSharedArena(dataLayout(dims, init.threads), init.arena, init.index);
  const { idx, y, ctl } = dataInts(init.ints, M);
  const faults = new Set(init.faults);
  const ctx: BlockContext = { dims, hp: { nu: 1, rho1: 1, rho2: 1, rho3: 1, r: 1, omega: 0 }, H: lossLipschitz('cross-entropy', M), faults: flagsOf(faults) };
  const env: DataEnv = {
    ctx,
    st: { p: arrays.p, aux: arrays.aux, mult: arrays.mult, batch: { dims, s0: arrays.s0, x: { kind: 'onehot', idx }, y: { kind: 'classes', y } } },
    ws: arrays.ws,
    part: dataParts(dims, init.threads)[init.index],
    valid: freshValid(),
    batchLoss: NaN,
    own: ownScratch(arrays, init.index),
  };
  const bar = new Barrier(ctl, init.threads, init.index, init.spinUs);
  const act = CTL.activity + init.index;

  /** The planted worker failures (`faults.ts`), acting inside this thread only (the first worker thread). */
  function planted(label: PhaseLabel, visit: number): void {
    if (init.index !== 1) return;
    if (visit === 2 && label === 's' && faults.has('worker-throw')) throw new Error('planted worker-throw');
    if (visit === 1 && label === 'w' && faults.has('worker-exit')) process.exit(3);
    if (visit === 2 && label === 'a' && faults.has('worker-hang')) for (;;) { /* planted hang: no beat, no message */ }
  }

  function run(hyper: Hyper): { ms: DataTime; aborted: boolean } {
    ctx.hp = hyper;
    const ms = zeroTime();
    bar.reset();
    bar.waitedMs = 0;
    for (let visit = 1; ; visit++) {
      const gen = dataVisit(env, null, init.threads, arrays.rowLoss);
      let t = performance.now();
      for (let r = gen.next(); !r.done; r = gen.next()) {
        const label = r.value;
        ms[label] += performance.now() - t;
        Atomics.store(ctl, act, PHASE_LABELS.indexOf(label));
        planted(label, visit);
        try {
          bar.passBlocking(bar.arrive(), side.beat);
        } catch (e) {
          if (e instanceof Aborted) return { ms, aborted: true };
          throw e;
        }
        side.beat();
        // the master sets the stop word before it arrives at a visit's first barrier
        if (label === 'forward' && Atomics.load(ctl, CTL.stop) !== 0) {
          ms.waiting = bar.waitedMs;
          return { ms, aborted: Atomics.load(ctl, CTL.stop) === 2 };
        }
        t = performance.now();
      }
    }
  }

  side.onCommand((cmd) => {
    try {
      const r = run(cmd.hyper);
      side.post({ type: 'done', ms: r.ms, aborted: r.aborted });
    } catch (e) {
      // tell the other threads first: they stop waiting for this one
      Atomics.store(ctl, CTL.stop, 2);
      for (let i = 0; i < ctl.length; i++) Atomics.notify(ctl, i);
      side.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
  side.post({ type: 'ready' });
}
