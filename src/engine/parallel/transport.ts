/**
 * Master–worker transport: the one small interface between a master and its workers (start a worker, send it a
 * command, receive its messages, learn that it failed, end it), a `node:worker_threads` implementation, and a
 * {@link Supervisor} that turns a worker's throw, exit or silence (heartbeat timeout) into one error naming the
 * worker. A message broker could replace threads by implementing {@link Transport} and {@link WorkerSide}
 * (`transportWorker.ts`): the supervisor and the code on both sides only see these interfaces.
 *
 * Heartbeats: a worker calls `beat()` often (each solver block, and while it waits); a busy worker that stops
 * beating for `timeoutMs` is declared hung. Threads beat through a shared Int32Array (no message per beat, so a
 * beat costs one atomic add); a broker would send heartbeat messages instead.
 */
import { Worker } from 'node:worker_threads';

/** How a worker failed. */
export type FailureKind = 'threw' | 'exited' | 'hung' | 'failed-to-start';

/** A failure of one worker, as the transport reports it. */
export interface LinkFailure {
  readonly worker: number;
  readonly kind: FailureKind;
  readonly message: string;
}

/** What the master hears from one worker. */
export interface LinkHandlers<Msg> {
  onMessage(worker: number, m: Msg): void;
  onFailure(f: LinkFailure): void;
}

/** The master's end of one worker. */
export interface WorkerLink<Cmd> {
  readonly worker: number;
  send(cmd: Cmd): void;
  /** Heartbeats received so far (monotone; compared over time by the supervisor). */
  heartbeats(): number;
  /** End the worker (also one that hangs); resolves when it is gone. */
  close(): Promise<void>;
}

/** Starts workers. */
export interface Transport {
  start<Cmd, Msg>(worker: number, entry: string, init: unknown, handlers: LinkHandlers<Msg>): WorkerLink<Cmd>;
}

/** `workerData` of a thread started by {@link threadTransport}: what `bootstrap.mjs` and `transportWorker.ts` read. */
export interface ThreadWorkerData {
  /** Module the bootstrap imports (a .ts entry makes it register tsx first). */
  entry: string;
  worker: number;
  init: unknown;
  /** One Int32 heartbeat counter, shared with the master. */
  beats: Int32Array;
}

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/** The worker_threads transport: one thread per worker, started through `bootstrap.mjs`. */
export const threadTransport: Transport = {
  start<Cmd, Msg>(worker: number, entry: string, init: unknown, h: LinkHandlers<Msg>): WorkerLink<Cmd> {
    const beats = new Int32Array(new SharedArrayBuffer(4));
    const data: ThreadWorkerData = { entry, worker, init, beats };
    // execArgv: [] keeps the parent's loader flags (a test runner's, say) out of the worker.
    const w = new Worker(BOOTSTRAP, { workerData: data, execArgv: [] });
    let closing = false;
    w.on('message', (m: Msg) => h.onMessage(worker, m));
    w.on('error', (e: Error) => {
      if (!closing) h.onFailure({ worker, kind: 'threw', message: `threw: ${e.message}` });
    });
    w.on('exit', (code) => {
      if (!closing) h.onFailure({ worker, kind: 'exited', message: `exited (code ${code})` });
    });
    return {
      worker,
      send: (cmd: Cmd) => w.postMessage(cmd),
      heartbeats: () => Atomics.load(beats, 0),
      close: async () => {
        closing = true;
        await w.terminate();
      },
    };
  },
};

/** The error that stops a supervised run: one line naming the worker (and, through `where`, what it was doing). */
export class WorkerFailureError extends Error {
  readonly worker: number;
  readonly kind: FailureKind;
  constructor(f: LinkFailure, where: string) {
    super(`worker ${f.worker}${where ? ` (${where})` : ''} ${f.message}`);
    this.name = 'WorkerFailureError';
    this.worker = f.worker;
    this.kind = f.kind;
  }
}

/** Options of a {@link Supervisor}. */
export interface SupervisorOptions {
  /** A busy worker silent (no heartbeat, no message) this long is hung. */
  timeoutMs: number;
  /** What worker `i` was doing when it failed (e.g. its current block); read at failure time. */
  where?: (worker: number) => string;
  /** The transport (default: threads). */
  transport?: Transport;
}

/**
 * Workers under watch. {@link Supervisor.next} waits for a worker's next message; any worker's failure or a
 * heartbeat timeout rejects every pending and future wait with a {@link WorkerFailureError}, and ends all workers.
 */
export class Supervisor<Cmd, Msg> {
  private readonly links: WorkerLink<Cmd>[] = [];
  private readonly queues: Msg[][] = [];
  private readonly waiting: ({ resolve: (m: Msg) => void; reject: (e: Error) => void } | null)[] = [];
  private readonly seen: { beats: number; at: number; timeoutMs: number }[] = [];
  private failure: WorkerFailureError | null = null;
  private readonly timer: NodeJS.Timeout;

  /** Start one worker per element of `inits`, each running `entry`. */
  constructor(entry: string, inits: readonly unknown[], private readonly opts: SupervisorOptions) {
    const transport = opts.transport ?? threadTransport;
    const handlers: LinkHandlers<Msg> = { onMessage: (i, m) => this.onMessage(i, m), onFailure: (f) => this.fail(f) };
    inits.forEach((init, i) => {
      this.queues.push([]);
      this.waiting.push(null);
      this.seen.push({ beats: 0, at: Date.now(), timeoutMs: opts.timeoutMs });
      this.links.push(transport.start<Cmd, Msg>(i, entry, init, handlers));
    });
    this.timer = setInterval(() => this.watch(), Math.max(10, Math.min(250, opts.timeoutMs / 4)));
  }

  /** Number of workers. */
  get size(): number {
    return this.links.length;
  }

  /** The failure that stopped the run, if any. */
  get failed(): WorkerFailureError | null {
    return this.failure;
  }

  send(worker: number, cmd: Cmd): void {
    if (this.failure) throw this.failure;
    this.links[worker].send(cmd);
  }

  /**
   * The next message of `worker`; rejects on any worker's failure. The heartbeat clock runs only while waited on,
   * with `timeoutMs` (default: the supervisor's; a longer one for a worker's start-up, which cannot beat).
   */
  next(worker: number, timeoutMs = this.opts.timeoutMs): Promise<Msg> {
    if (this.failure) return Promise.reject(this.failure);
    const q = this.queues[worker];
    if (q.length > 0) return Promise.resolve(q.shift() as Msg);
    this.seen[worker] = { beats: this.links[worker].heartbeats(), at: Date.now(), timeoutMs };
    return new Promise<Msg>((resolve, reject) => {
      this.waiting[worker] = { resolve, reject };
    });
  }

  /** Report a failure found by the caller (e.g. a worker's error message) as this worker's. */
  fail(f: LinkFailure): void {
    if (this.failure) return;
    this.failure = new WorkerFailureError(f, this.opts.where?.(f.worker) ?? '');
    const e = this.failure;
    for (let i = 0; i < this.waiting.length; i++) {
      this.waiting[i]?.reject(e);
      this.waiting[i] = null;
    }
    void this.close();
  }

  /** End every worker and the watchdog. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.links.map((l) => l.close()));
  }

  private onMessage(i: number, m: Msg): void {
    if (this.failure) return;
    const w = this.waiting[i];
    if (w) {
      this.waiting[i] = null;
      w.resolve(m);
    } else this.queues[i].push(m);
  }

  private watch(): void {
    if (this.failure) return;
    const now = Date.now();
    for (let i = 0; i < this.links.length; i++) {
      if (!this.waiting[i]) continue;
      const b = this.links[i].heartbeats();
      const s = this.seen[i];
      if (b !== s.beats) this.seen[i] = { beats: b, at: now, timeoutMs: s.timeoutMs };
      else if (now - s.at > s.timeoutMs) {
        this.fail({ worker: i, kind: 'hung', message: `hung: no heartbeat for ${now - s.at} ms (timeout ${s.timeoutMs} ms)` });
        return;
      }
    }
  }
}
