// Worker of bench/tks-parallel.ts --sync: answers pings by message and by Atomics on a shared Int32Array.
import { connectThread } from '../src/engine/parallel/transportWorker.ts';

const side = connectThread<{ kind: 'message' | 'atomics'; n: number }, string>();
const cell = new Int32Array((side.init as { sab: SharedArrayBuffer }).sab);
side.onCommand((cmd) => {
  if (cmd.kind === 'message') {
    side.post('pong');
    return;
  }
  // Atomics ping-pong: the master writes odd values, we answer with the next even one
  for (let i = 0; i < cmd.n; i++) {
    while (Atomics.load(cell, 0) % 2 === 0) Atomics.wait(cell, 0, Atomics.load(cell, 0));
    Atomics.add(cell, 0, 1);
    Atomics.notify(cell, 0);
  }
  side.post('done');
});
side.post('ready');
