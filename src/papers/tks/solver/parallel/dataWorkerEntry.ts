// Entry of a worker thread of data-parallel ADMMiRNN (started by `dataMaster.ts` through the transport's bootstrap).
import { connectThread } from '../../../../engine/parallel/transportWorker.ts';
import { serveDataWorker, type DataFromWorker, type DataToWorker } from './dataWorker.ts';

serveDataWorker(connectThread<DataToWorker, DataFromWorker>());
