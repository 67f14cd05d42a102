/**
 * The worker's end of the transport (`transport.ts`): its start-up data, sending messages to the master,
 * receiving commands, and heartbeats. The worker_threads implementation; a broker client would implement the
 * same {@link WorkerSide}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadWorkerData } from './transport.ts';

/** What worker code sees of its transport. */
export interface WorkerSide<Cmd, Msg> {
  readonly worker: number;
  readonly init: unknown;
  post(m: Msg): void;
  onCommand(handler: (cmd: Cmd) => void): void;
  /** Tell the master this worker is alive (cheap: call it every block and while waiting). */
  beat(): void;
}

/** Connect a worker thread started by `threadTransport`. Throws outside a worker thread. */
export function connectThread<Cmd, Msg>(): WorkerSide<Cmd, Msg> {
  const port = parentPort;
  if (port === null) throw new Error('connectThread: not running in a worker thread');
  const data = workerData as ThreadWorkerData;
  const beats = data.beats;
  return {
    worker: data.worker,
    init: data.init,
    post: (m: Msg) => port.postMessage(m),
    onCommand: (handler: (cmd: Cmd) => void) => {
      port.on('message', handler);
    },
    beat: () => {
      Atomics.add(beats, 0, 1);
    },
  };
}
