/**
 * A worker thread of data-parallel ADMMiRNN (`dataMaster.ts`): attaches the shared arena on its own scratch slot,
 * then on each `run` command walks the phases of every visit the master opens (`dataPhases.ts`), taking chunks as
 * they come, until the master stops the run (or a thread aborts it).
 */
import { performance } from 'node:perf_hooks';
import { attachSharedArena, type SharedArenaSpec } from '../../../../linalg/index.ts';
import type { WorkerSide } from '../../../../engine/parallel/transportWorker.ts';
import { lossLipschitz } from '../../problem/loss.ts';
import type { Dims, Hyper } from '../../problem/types.ts';
import type { BlockContext } from '../blocks.ts';
import { flagsOf } from '../faults.ts';
import { dataLayout, ownScratch, PHASE_LABELS, type PhaseLabel } from './dataSplit.ts';
import { phaseEnv, visitPhases } from './dataPhases.ts';
import type { TextTask } from '../../problem/text.ts';
import { TksDivergenceError } from '../iteration.ts';
import { Aborted, CTL, Tickets } from './dataSync.ts';

/** A data worker's start-up data. */
export interface DataWorkerInit {
  arena: SharedArenaSpec;
  /** Int32 words: the batch's symbols x (M), targets y (M), then the control words (`dataSync.ts`). */
  ints: SharedArrayBuffer;
  dims: Dims;
  /** Threads in all (the master is thread 0), this worker's thread index, chunks per split phase. */
  threads: number;
  index: number;
  chunks: number;
  /** The text task: any thread may fill a batch. */
  task: TextTask;
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
  | { type: 'diverged'; message: string }
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
  const st = { p: arrays.p, aux: arrays.aux, mult: arrays.mult, batch: { dims, s0: arrays.s0, x: { kind: 'onehot' as const, idx }, y: { kind: 'classes' as const, y } } };
  const env = phaseEnv(ctx, st, arrays, init.task, init.chunks, init.threads);
  const own = ownScratch(arrays, init.index);
  const tickets = new Tickets(ctl, init.index, init.threads, init.spinUs);
  const act = CTL.activity + init.index;

  /** The planted worker failures (`faults.ts`), acting inside this thread only (the first worker thread). */
  function planted(label: PhaseLabel, visit: number): void {
    if (init.index !== 1) return;
    if (visit === 2 && label === 's' && faults.has('worker-throw')) throw new Error('planted worker-throw');
    if (visit === 1 && label === 'w' && faults.has('worker-exit')) process.exit(3);
    if (visit === 2 && label === 'a' && faults.has('worker-hang')) for (;;) { /* planted hang: no beat, no message */ }
  }

  /** Wait until the master opens visit k: true, or false when it stopped the run instead; throws {@link Aborted}. */
  function gate(k: number): boolean {
    const t0 = performance.now();
    for (;;) {
      side.beat();
      const stop = Atomics.load(ctl, CTL.stop);
      if (stop === 2) throw new Aborted();
      const open = Atomics.load(ctl, CTL.visit);
      if (open >= k) break;
      if (stop === 1) return false;
      Atomics.wait(ctl, CTL.visit, open, 50);
    }
    tickets.waitedMs += performance.now() - t0;
    return true;
  }

  function run(hyper: Hyper): DataFromWorker {
    ctx.hp = hyper;
    const ms = zeroTime();
    tickets.reset();
    try {
      for (let visit = 1; gate(visit); visit++) {
        for (const ph of visitPhases(env, visit)) {
          Atomics.store(ctl, act, PHASE_LABELS.indexOf(ph.label));
          Atomics.store(ctl, act + init.threads, visit);
          planted(ph.label, visit);
          tickets.waitBlocking(tickets.start, side.beat);
          const t = performance.now();
          tickets.runChunks(ph.n, (c) => ph.run(c, own));
          ms[ph.label] += performance.now() - t;
        }
      }
    } catch (e) {
      if (!(e instanceof Aborted)) throw e;
      ms.waiting = tickets.waitedMs;
      return { type: 'done', ms, aborted: true };
    }
    ms.waiting = tickets.waitedMs;
    return { type: 'done', ms, aborted: false };
  }

  side.onCommand((cmd) => {
    try {
      side.post(run(cmd.hyper));
    } catch (e) {
      // tell the other threads first: they stop waiting for this one's chunks
      Atomics.store(ctl, CTL.stop, 2);
      Atomics.notify(ctl, CTL.done);
      Atomics.notify(ctl, CTL.visit);
      if (e instanceof TksDivergenceError) side.post({ type: 'diverged', message: e.message });
      else side.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
  side.post({ type: 'ready' });
}
