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
  /** Chunks done in this run, over all phases (`Tickets`); word 2 is unused. */
  done: 3,
  /** Thread i's current phase (index into PHASE_LABELS) at activity + i, the visit it is in at activity + P + i. */
  activity: 4,
} as const;

/** The most chunks a phase may have (the s-step's phase has the row chunks + 3). */
export const MAX_PHASE_CHUNKS = 260;

/** Control words for P threads: the fixed words, P phase and P visit words, then the chunk claims of two phases. */
export function controlLength(P: number): number {
  return CTL.activity + 2 * P + 2 * MAX_PHASE_CHUNKS;
}

/**
 * The chunk scheduler of a run, in the control words: a done counter over all phases and a claim word per chunk.
 * Phase g's chunks are done-counts [S_g, S_g + n_g) (S_g = chunks of the phases before it, the same in every
 * thread). A thread starts a phase once every earlier chunk is done, then claims chunks (compare-and-swap of the
 * chunk's word to g + 1): first its own block of the phase (thread p: chunks p·n/P … (p+1)·n/P − 1, the same rows
 * every phase, so they stay in its caches), then the others' from their ends. A thread the scheduler put aside holds
 * up the others by at most the chunk it is running: they take the rest of its block. Claim words of phase g and
 * g + 2 share a slot; claims only grow, and phase g + 2 cannot start before every chunk of g was claimed.
 */
export class Tickets {
  private phase = 0;
  private base = 0;
  private readonly claims: number;
  /** Milliseconds this thread waited for other threads' chunks. */
  waitedMs = 0;

  constructor(private readonly ctl: Int32Array, private readonly me: number, private readonly P: number, private readonly spinUs = SPIN_US) {
    this.claims = CTL.activity + 2 * P;
  }

  /** Start of a run (every thread, before the run's first phase). */
  reset(): void {
    this.phase = 0;
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
   * {@link start} done): its own block, then whatever the others have not claimed. Returns the chunks it ran.
   */
  runChunks(n: number, run: (c: number) => void): number {
    if (n > MAX_PHASE_CHUNKS) throw new RangeError(`a phase of ${n} chunks (at most ${MAX_PHASE_CHUNKS})`);
    const tag = ++this.phase;
    const slot = this.claims + (tag % 2) * MAX_PHASE_CHUNKS;
    const end = this.base + n;
    const lo = Math.floor((this.me * n) / this.P), hi = Math.floor(((this.me + 1) * n) / this.P);
    let ran = 0;
    const tryRun = (c: number): void => {
      for (;;) {
        const v = Atomics.load(this.ctl, slot + c);
        if (v >= tag) return;
        if (Atomics.compareExchange(this.ctl, slot + c, v, tag) === v) break;
      }
      run(c);
      ran++;
      if (Atomics.add(this.ctl, CTL.done, 1) + 1 === end) Atomics.notify(this.ctl, CTL.done);
    };
    for (let c = lo; c < hi; c++) tryRun(c);
    // the others' blocks from their ends (their owners work forward from their starts)
    for (let c = n - 1; c >= hi; c--) tryRun(c);
    for (let c = lo - 1; c >= 0; c--) tryRun(c);
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

