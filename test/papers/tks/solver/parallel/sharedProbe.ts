// Worker of the shared-memory test: writes into the shared buffer, then waits (on that memory, no message) for
// the master's answer before posting anything.
import { connectThread } from '../../../../../src/engine/parallel/transportWorker.ts';

const side = connectThread<{ go: number }, string>();
const cells = new Int32Array((side.init as { sab: SharedArrayBuffer }).sab);
side.onCommand((cmd) => {
  Atomics.store(cells, 0, cmd.go);
  while (Atomics.load(cells, 1) === 0) Atomics.wait(cells, 1, 0, 100);
  side.post(`saw ${Atomics.load(cells, 1)}`);
});
side.post('ready');
