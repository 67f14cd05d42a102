/**
 * TKS instance files as tasks of the gradient baselines (`src/models/task.ts`): the same data, windows, batches
 * and held-out part as `tks-admmirnn`, so that `lagrangelab train --method adam fixtures/tks/text.json` trains the
 * tanh RNN (4) on the loss R of Problem 1 and records a held-out loss comparable with ADMMiRNN's.
 *
 * Text (`problem/text.ts`): the training text is cut into B streams of L characters; window j of stream i
 * predicts characters iL + jN + 1 .. iL + jN + N from the N before them. The training windows are stored in
 * ADMMiRNN's batch order — window j·B + i is window j of stream i — so the baselines' mini-batch k of B windows
 * (src/baselines/batches.ts) is exactly ADMMiRNN's batch j = k: the same B·N characters and targets. Every window
 * starts from s_0 = 0, as ADMMiRNN's default (`carry: 'zero'`). Only the visiting order differs: ADMMiRNN cycles
 * j = 0, 1, …, J−1; a stochastic baseline visits the J batches in a fresh random order each epoch (full-batch
 * methods use all J·B windows per step). The held-out text is one window of all its characters from the zero
 * state (`sequenceLoss(…, 1)`: nats per character), and the training loss is measured as ADMMiRNN reports it —
 * the B streams each run from the zero state over its L characters.
 *
 * Window tasks (`problem/windows.ts`: S&P 500 volatility, synthetic classification): the training windows ADMMiRNN
 * uses (those left out to fill whole batches are left out here too), in its batch order; the loss R(o_N) at the
 * last step; held out: the task's held-out windows (accuracy recorded for the classification).
 *
 * Initialization: `problem/init.ts` from the instance's `seed`, else the run's, exactly as `tks-admmirnn`.
 */
import { FieldError } from '../../core/fields.ts';
import { isObject } from '../../core/shape.ts';
import type { ReadTask, TanhRnnTask, TanhRnnTaskReader } from '../../models/task.ts';
import type { WindowSet } from '../../models/tanhRnn.ts';
import { initParamsInto } from './problem/init.ts';
import { loadTextTask, loadWindowTask, parseTksInstance } from './problem/instance.ts';
import { sliceWindows, type WindowTask } from './problem/windows.ts';
import type { TextTask } from './problem/text.ts';
import { zeroParams } from './problem/types.ts';
import { DEFAULT_BATCH } from './solver/defaults.ts';
import { packTksParams } from './windows/pack.ts';

/** The one initialization of `tks-admmirnn` (problem/init.ts). */
const TKS_INIT = 'tks';

/** Reads TKS instance files for the baselines. */
export const tksTaskReader: TanhRnnTaskReader = {
  paper: 'TKS',
  model: 'tanh-rnn',
  format: 'TKS instance files (key task: "text", "sp500-volatility" or "synthetic-classification"; sequenceLength, hidden)',
  recognizes: (json) => isObject(json) && 'task' in json,
  initSchemes: [TKS_INIT],
  defaultInit: TKS_INIT,
  read(file, text): ReadTask<TanhRnnTask> {
    const inst = parseTksInstance(text);
    const ignored = (['nu', 'rho1', 'rho2', 'rho3', 'r', 'omega', 'iterations', 'sweeps'] as const).filter((k) => inst.params[k] !== undefined);
    const warnings = ignored.length > 0 ? [`params: ${ignored.join(', ')} are ADMMiRNN settings; the baselines ignore them`] : [];
    if (inst.task !== 'text') {
      const w = loadWindowTask(inst, inst.params.batch);
      if (w.dropped > 0) warnings.push(`${w.dropped} of ${w.train.count} training windows left out: batches of ${w.B} (problem/windows.ts)`);
      return { task: windowTask(w, inst.hidden, file, inst.seed), warnings };
    }
    const { task } = loadTextTask(inst, file, inst.params.batch ?? DEFAULT_BATCH);
    return { task: textWindows(task, inst.hidden, file, inst.seed), warnings };
  },
  initialize(task, scheme, seed) {
    if (scheme !== TKS_INIT) throw new FieldError('--init', `unknown initialization "${scheme}" for a TKS instance (expected ${TKS_INIT})`);
    const p = zeroParams(task.dims);
    initParamsInto(p, task.dims, task.seed ?? seed);
    return packTksParams(task.dims, p);
  },
};

/** `count` windows of `N` steps: window k predicts symbols[start(k) + 1 ..] from symbols[start(k) ..]. */
function symbolWindows(symbols: Int32Array, N: number, count: number, start: (k: number) => number, V: number): WindowSet {
  const idx = new Int32Array(count * N), y = new Int32Array(count * N);
  for (let k = 0; k < count; k++) {
    const s = start(k);
    for (let t = 0; t < N; t++) {
      idx[k * N + t] = symbols[s + t];
      y[k * N + t] = symbols[s + t + 1];
    }
  }
  return { N, count, d: V, q: V, scored: 'all', x: { kind: 'onehot', idx }, y: { kind: 'classes', y } };
}

/** The text task's windows in ADMMiRNN's batch order (module header). */
export function textWindows(task: TextTask, hidden: number, file: string, seed?: number): TanhRnnTask {
  const { N, B, L, J } = task;
  const V = task.vocab.length;
  return {
    kind: 'tanh-rnn', paper: 'TKS', source: { kind: 'instance', file }, setting: 'text',
    dims: { d: V, h: hidden, q: V },
    train: symbolWindows(task.train, N, J * B, (k) => (k % B) * L + Math.floor(k / B) * N, V),
    batch: B,
    heldOut: symbolWindows(task.heldOut, task.heldOut.length - 1, 1, () => 0, V),
    trainEval: symbolWindows(task.train, L, B, (i) => i * L, V),
    description: `next character, ${V} symbols: ${B} streams of ${L} training characters, ${J} windows of ${N} each, `
      + `batch j = window j of every stream, s0 = 0; held out: the last ${task.heldOut.length} characters as one sequence`,
    ...(seed !== undefined ? { seed } : {}),
  };
}

/** A window task (problem/windows.ts) as the baselines' task: the windows ADMMiRNN trains on, in its order. */
export function windowTask(w: WindowTask, hidden: number, file: string, seed?: number): TanhRnnTask {
  return {
    kind: 'tanh-rnn', paper: 'TKS', source: { kind: 'instance', file }, setting: w.setting,
    dims: { ...w.dims, h: hidden },
    train: sliceWindows(w.train, w.dropped, w.J * w.B),
    batch: w.B,
    heldOut: w.heldOut,
    description: w.description,
    ...(seed !== undefined ? { seed } : {}),
  };
}
