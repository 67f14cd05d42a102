/**
 * The synchronization of data-parallel ADMMiRNN, in a small shared Int32Array (beside the batch's symbols): the
 * control words and the chunk scheduler ({@link Tickets}). Worker threads block (`Atomics.wait` in short slices,
 * beating the supervisor's heartbeat and watching the abort word); the master spins briefly, blocks in slices, and
 * between slices returns to the event loop so the transport can report a worker that threw, exited or hung
 * ({@link Tickets.waitMaster}).
 */

/**
 * How long (µs) a thread spins on the done counter before it blocks in the kernel (the default of {@link Tickets}).
 * A blocked thread is woken through a futex and, on a loaded machine, may then wait for a core: measured with the
 * first version (fixed shares, barriers) on the 2-core machines at load 2.3–2.6 (h 100, 40 iterations): 20 µs gave
 * 0.85–0.91× vanilla's iterations per second, 200 µs 1.53×, 500 µs 1.51×, 1000 µs 0.54× (the spinning thread then
 * took the core its partner needed); at other loads 1000 µs did as well as 300. See README, "TKS data-parallel".
 */
export const SPIN_US = 300;

/** Indices of the control words. */
export const CTL = {
  /** 0 while running; 1 = stop at the next visit (a normal end); 2 = abort (a thread failed). */
  stop: 0,
  /** The visit (iteration, 1-based) the threads may work on: the master opens each (a worker's failure message names it). */
  visit: 1,
  /** Tickets taken (chunks handed out) and chunks done in this run, over all phases (`Tickets`). */
  grab: 2,
  done: 3,
  /** Thread i's current phase (index into PHASE_LABELS) at activity + i, the visit it is in at activity + P + i. */
  activity: 4,
} as const;

/** Control words for P threads: the fixed words, then P phase and P visit words. */
export function controlLength(P: number): number {
  return CTL.activity + 2 * P;
}

/**
 * The chunk scheduler of a run: one ticket counter and one done counter over all phases, in the control words.
 * Phase g's chunks are tickets [S_g, S_g + n_g) (S_g = chunks of the phases before it, the same in every thread).
 * A thread starts a phase once every earlier chunk is done, then takes tickets and runs their chunks until it holds
 * one beyond the phase, which it keeps for the phase it belongs to. Whoever runs is never held up by a thread the
 * scheduler put aside, except for a chunk that thread holds.
 */
export class Tickets {
  private held = -1;
  private base = 0;
  /** Milliseconds this thread waited for other threads' chunks. */
  waitedMs = 0;

  constructor(private readonly ctl: Int32Array, private readonly spinUs = SPIN_US) {}

  /** Start of a run (every thread, before the run's first phase). */
  reset(): void {
    this.held = -1;
    this.base = 0;
    this.waitedMs = 0;
  }

  /** Chunks done before the current phase: wait until the done counter reaches it. */
  get start(): number {
    return this.base;
  }

  /** Whether every chunk before `target` is done (spinning up to the spin time). */
  doneSpin(target: number): boolean {
    if (Atomics.load(this.ctl, CTL.done) >= target) return true;
    const end = performance.now() + this.spinUs / 1000;
    do {
      for (let n = 0; n < 64; n++) if (Atomics.load(this.ctl, CTL.done) >= target) return true;
    } while (performance.now() < end);
    return false;
  }

  /** Block until every chunk before `target` is done, in slices, beating; throws {@link Aborted}. */
  waitBlocking(target: number, beat: () => void, sliceMs = 50): void {
    const t0 = performance.now();
    while (!this.doneSpin(target)) {
      beat();
      if (Atomics.load(this.ctl, CTL.stop) === 2) throw new Aborted();
      const d = Atomics.load(this.ctl, CTL.done);
      if (d < target) Atomics.wait(this.ctl, CTL.done, d, sliceMs);
    }
    this.waitedMs += performance.now() - t0;
  }

  /** The master's wait: as {@link waitBlocking}, but between slices the event loop gets a turn and `check` may throw. */
  waitMaster(target: number, check: () => void, yieldLoop: () => Promise<void>, sliceMs = 20): Promise<void> | null {
    const t0 = performance.now();
    if (this.doneSpin(target)) {
      this.waitedMs += performance.now() - t0;
      return null;
    }
    return (async () => {
      for (;;) {
        if (Atomics.load(this.ctl, CTL.stop) === 2) throw new Aborted();
        const d = Atomics.load(this.ctl, CTL.done);
        if (d >= target) break;
        Atomics.wait(this.ctl, CTL.done, d, sliceMs);
        if (Atomics.load(this.ctl, CTL.done) >= target) break;
        await yieldLoop();
        check();
      }
      this.waitedMs += performance.now() - t0;
    })();
  }

  /**
   * Run this thread's chunks of a phase of `n` chunks (call once the phase may start: every chunk before
   * {@link start} done). `run(c)` does chunk c; returns the chunks this thread ran.
   */
  runChunks(n: number, run: (c: number) => void): number {
    const end = this.base + n;
    let ran = 0;
    for (;;) {
      if (this.held < 0) this.held = Atomics.add(this.ctl, CTL.grab, 1);
      if (this.held >= end) break;
      run(this.held - this.base);
      ran++;
      this.held = -1;
      if (Atomics.add(this.ctl, CTL.done, 1) + 1 === end) Atomics.notify(this.ctl, CTL.done);
    }
    this.base = end;
    return ran;
  }
}

/** Raised in a thread that finds the abort word set while it waits. */
export class Aborted extends Error {
  constructor() {
    super('data-parallel run aborted');
    this.name = 'Aborted';
  }
}

