// Entry of a worker thread of SP-/AP-ADMMiRNN (started by `master.ts` through the transport's bootstrap).
import { connectThread } from '../../../../engine/parallel/transportWorker.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { serveWorker } from './workerMain.ts';

serveWorker(connectThread<ToWorker, FromWorker>());
