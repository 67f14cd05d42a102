/**
 * The run file of `tks-admmirnn` on a window task (S&P 500 volatility, synthetic classification): the text run
 * file's layout (`runFile.ts`, same version) with a `task` that describes windows instead of a text, and metrics
 * in the task's loss — ½(o_N − y)² of the standardized volatility, or nats per sequence and accuracy.
 */
import { positive, readRunHeader, readRunOutcome, readRunSettings, runSettings, type TksRunSettings } from '../runSettings.ts';
import { toRows } from '../../../core/json.ts';
import { FieldError } from '../../../core/fields.ts';
import { count, list, matrix, num, oneOf, record, str } from '../../../core/shape.ts';
import type { RunMeta, RunOutcome } from '../../../engine/method.ts';
import type { Hyper, LossKind } from '../problem/types.ts';
import type { WindowTask } from '../problem/windows.ts';
import type { WindowTraceRow, WindowTrainResult } from './train.ts';

/** Format version (shared with the text run file). */
export const TKS_WINDOW_RUN_FILE_VERSION = 1;

/** A trace row as written: `timeMs` only with timing. */
export type WindowTraceRowJson = Omit<WindowTraceRow, 'timeMs'> & { timeMs?: number };

/** The file `tks-admmirnn` writes for a window task. */
export interface TksWindowRunFile {
  version: typeof TKS_WINDOW_RUN_FILE_VERSION;
  command: string[];
  seed: number;
  source: { kind: 'instance'; file: string };
  task: {
    setting: WindowTask['setting']; description: string; loss: LossKind; sequenceLength: number; inputs: number; outputs: number; hidden: number;
    batch: number; batchesPerEpoch: number; trainWindows: number; droppedWindows: number; heldOutWindows: number;
  };
  settings: TksRunSettings;
  initSeed: number;
  warnings: string[];
  status: 'completed' | 'diverged';
  divergence?: string;
  stop: WindowTrainResult['stop'];
  iterations: number;
  /** Mean R(o_N) of the final RNN on the held-out and training windows, of the initial one on the held-out. */
  metrics: { heldOutLoss: number; trainLoss: number; initialHeldOutLoss: number; heldOutAccuracy?: number };
  params: { u: number[][]; w: number[][]; b: number[]; v: number[][]; c: number[] };
  trace: WindowTraceRowJson[];
  elapsedMs?: number;
}

/** What the builder needs of a prepared window run. */
export interface WindowRunInput {
  file: string;
  task: WindowTask;
  hidden: number;
  hyper: Hyper;
  iterations: number;
  timeBudgetSec?: number;
  sweeps: number;
  warnings: readonly string[];
}

/** The run file of a window run. */
export function buildWindowRunFile(inst: WindowRunInput, res: WindowTrainResult, initSeed: number, initialHeldOutLoss: number, meta: RunMeta): TksWindowRunFile {
  const { task, hidden: h } = inst;
  const { d, q } = task.dims;
  const withTime = meta.elapsedMs !== undefined;
  const p = res.params;
  return {
    version: TKS_WINDOW_RUN_FILE_VERSION,
    command: [...meta.command],
    seed: meta.seed,
    source: { kind: 'instance', file: inst.file },
    task: {
      setting: task.setting, description: task.description, loss: task.loss, sequenceLength: task.train.N, inputs: d, outputs: q, hidden: h,
      batch: task.B, batchesPerEpoch: task.J, trainWindows: task.J * task.B, droppedWindows: task.dropped, heldOutWindows: task.heldOut.count,
    },
    settings: runSettings(inst),
    initSeed,
    warnings: [...inst.warnings],
    status: res.stop === 'diverged' ? 'diverged' : 'completed',
    ...(res.divergence ? { divergence: res.divergence } : {}),
    stop: res.stop,
    iterations: res.iterations,
    metrics: {
      heldOutLoss: res.heldOutLoss, trainLoss: res.trainLoss, initialHeldOutLoss,
      ...(res.heldOutAccuracy !== undefined ? { heldOutAccuracy: res.heldOutAccuracy } : {}),
    },
    params: { u: toRows(p.u, h, d), w: toRows(p.w, h, h), b: Array.from(p.b), v: toRows(p.v, q, h), c: Array.from(p.c) },
    trace: res.trace.map((row) => {
      const { timeMs, ...rest } = row;
      return withTime ? { ...rest, timeMs } : rest;
    }),
    ...(withTime ? { elapsedMs: meta.elapsedMs } : {}),
  };
}

/** One line about a window run. */
export function windowRunOutcome(file: TksWindowRunFile): RunOutcome {
  if (file.status === 'diverged') {
    return { diverged: true, message: `solver diverged: ${file.divergence ?? 'non-finite value'} (last finite parameters: iteration ${file.iterations})` };
  }
  const m = file.metrics;
  const acc = m.heldOutAccuracy !== undefined ? `, accuracy ${m.heldOutAccuracy.toFixed(3)}` : '';
  const epochs = (file.iterations / file.task.batchesPerEpoch).toFixed(1);
  return {
    diverged: false,
    summary: `${file.iterations} iterations (${epochs} epochs, ${file.stop}), held-out ${m.heldOutLoss.toFixed(4)}${acc}, train ${m.trainLoss.toFixed(4)} (initial held-out ${m.initialHeldOutLoss.toFixed(4)})`,
  };
}

const KEYS = ['version', 'command', 'seed', 'source', 'task', 'settings', 'initSeed', 'warnings', 'status', 'stop', 'iterations', 'metrics', 'params', 'trace'];
const TASK_KEYS = ['setting', 'description', 'loss', 'sequenceLength', 'inputs', 'outputs', 'hidden', 'batch', 'batchesPerEpoch', 'trainWindows', 'droppedWindows', 'heldOutWindows'];


/** Validate a parsed window run file (the version already checked); throws a FieldError naming the first bad field. */
export function readWindowRunFile(v: unknown): TksWindowRunFile {
  const o = record(v, '', KEYS, ['elapsedMs', 'divergence']);
  const src = record(o.source, 'source', ['kind', 'file']);
  const t = record(o.task, 'task', TASK_KEYS);
  const at = (k: string) => `task.${k}`;
  const task: TksWindowRunFile['task'] = {
    setting: oneOf(['sp500-volatility', 'synthetic-classification'] as const)(t.setting, at('setting')), description: str(t.description, at('description')),
    loss: oneOf(['squared', 'cross-entropy'] as const)(t.loss, at('loss')), sequenceLength: positive(t.sequenceLength, at('sequenceLength')),
    inputs: positive(t.inputs, at('inputs')), outputs: positive(t.outputs, at('outputs')), hidden: positive(t.hidden, at('hidden')),
    batch: positive(t.batch, at('batch')), batchesPerEpoch: positive(t.batchesPerEpoch, at('batchesPerEpoch')),
    trainWindows: positive(t.trainWindows, at('trainWindows')), droppedWindows: count(t.droppedWindows, at('droppedWindows')),
    heldOutWindows: positive(t.heldOutWindows, at('heldOutWindows')),
  };
  const { inputs: d, outputs: q, hidden: h } = task;
  const m = record(o.metrics, 'metrics', ['heldOutLoss', 'trainLoss', 'initialHeldOutLoss'], ['heldOutAccuracy']);
  const p = record(o.params, 'params', ['u', 'w', 'b', 'v', 'c']);
  const file: TksWindowRunFile = {
    version: TKS_WINDOW_RUN_FILE_VERSION,
    ...readRunHeader(o),
    source: { kind: oneOf(['instance'] as const)(src.kind, 'source.kind'), file: str(src.file, 'source.file') },
    task,
    settings: readRunSettings(o.settings),
    ...readRunOutcome(o),
    metrics: {
      heldOutLoss: num(m.heldOutLoss, 'metrics.heldOutLoss'), trainLoss: num(m.trainLoss, 'metrics.trainLoss'),
      initialHeldOutLoss: num(m.initialHeldOutLoss, 'metrics.initialHeldOutLoss'),
      ...(m.heldOutAccuracy !== undefined ? { heldOutAccuracy: num(m.heldOutAccuracy, 'metrics.heldOutAccuracy') } : {}),
    },
    params: {
      u: matrix(h, d)(p.u, 'params.u'), w: matrix(h, h)(p.w, 'params.w'), b: list(num, h)(p.b, 'params.b'),
      v: matrix(q, h)(p.v, 'params.v'), c: list(num, q)(p.c, 'params.c'),
    },
    trace: list(readTraceRow)(o.trace, 'trace'),
  };
  if (o.elapsedMs !== undefined) file.elapsedMs = num(o.elapsedMs, 'elapsedMs');
  if (file.trace.length !== file.iterations) throw new FieldError('trace', `${file.trace.length} rows but iterations = ${file.iterations}`);
  return file;
}

function readTraceRow(v: unknown, at: string): WindowTraceRowJson {
  const o = record(v, at, ['k', 'epoch', 'batch', 'batchLoss'], ['heldOutLoss', 'timeMs']);
  const row: WindowTraceRowJson = {
    k: positive(o.k, `${at}.k`), epoch: count(o.epoch, `${at}.epoch`), batch: count(o.batch, `${at}.batch`), batchLoss: num(o.batchLoss, `${at}.batchLoss`),
  };
  if (o.heldOutLoss !== undefined) row.heldOutLoss = num(o.heldOutLoss, `${at}.heldOutLoss`);
  if (o.timeMs !== undefined) row.timeMs = num(o.timeMs, `${at}.timeMs`);
  return row;
}
