/**
 * The run file of the `tks-admmirnn` method (format version 1): its type, how a run becomes one, and a validating
 * reader. Key order is part of the format. Parameters are nested arrays in the paper's shapes (u h×d, w h×h,
 * v q×h); `metrics.heldOutLoss` and `metrics.trainLoss` are in nats per character. A diverged run writes the same
 * keys with `status: "diverged"` and the last finite parameters.
 */
import { positive, readRunHeader, readRunOutcome, readRunSettings, runSettings, type TksRunSettings } from './runSettings.ts';
import { toRows } from '../../core/json.ts';
import { FieldError } from '../../core/fields.ts';
import { count, isObject, list, matrix, num, oneOf, parseJsonText, record, str, type Reader } from '../../core/shape.ts';
import type { RunMeta, RunOutcome } from '../../engine/method.ts';
import type { TextStop, TextTraceRow } from './solver/train.ts';
import type { TksMethodInstance, TksMethodResult } from './method.ts';
import { readWindowRunFile, windowRunOutcome, type TksWindowRunFile } from './windows/runFile.ts';
import type { ParallelReport } from './solver/parallel/master.ts';
import type { DataParallelReport } from './solver/parallel/dataMaster.ts';

/** Format version of the run file. */
export const TKS_RUN_FILE_VERSION = 1;

/** A trace row as written: `timeMs` only with timing; `staleness` only in parallel runs. */
export type TksTraceRowJson = Omit<TextTraceRow, 'timeMs' | 'Lstart' | 'Lend'> & { timeMs?: number; staleness?: number };

/**
 * What a parallel run records (`--parallel`): the variant, its workers and delay bound, the staleness observed
 * (in fits, see `solver/parallel/roles.ts`; 0 for `data`, which reads no stale value), and with `--timing` where the time went: per worker and activity
 * (blocks, forward pass, waiting, copying) in ms, each block's fraction of the compute time, and the totals.
 */
export interface TksParallelJson {
  variant: 'sp' | 'ap' | 'data';
  workers: number;
  maxDelay: number;
  /** sp and ap: how Fig. 3's groups shared the two workers (`solver/parallel/roles.ts`); absent for data and in older files. */
  groups?: 'kind' | 'output';
  staleness: { bound: number; max: number; mean: number };
  timing?: {
    perWorker: { worker: number; role: string; blocks: string[]; ms: Record<string, number> }[];
    blockFractions: Record<string, number>;
    time: { computeMs: number; waitMs: number; copyMs: number; wallMs: number };
  };
}

/** The file `tks-admmirnn` writes for a run. */
export interface TksRunFile {
  version: typeof TKS_RUN_FILE_VERSION;
  command: string[];
  seed: number;
  source: { kind: 'instance'; file: string; textFile: string };
  task: { chars: number; vocab: string; train: number; heldOut: number; sequenceLength: number; batch: number; batchesPerEpoch: number; hidden: number };
  settings: TksRunSettings;
  /** Seed of the initialization (the instance's, else the run's). */
  initSeed: number;
  warnings: string[];
  status: 'completed' | 'diverged';
  divergence?: string;
  stop: TextStop;
  iterations: number;
  /** Nats per character: held-out and training loss of the final RNN, held-out loss of the initial one, unigram entropy of the whole text. */
  metrics: { heldOutLoss: number; trainLoss: number; initialHeldOutLoss: number; unigramEntropy: number };
  params: { u: number[][]; w: number[][]; b: number[]; v: number[][]; c: number[] };
  trace: TksTraceRowJson[];
  parallel?: TksParallelJson;
  elapsedMs?: number;
}

/** The run file of `result`. */
export function buildTksRunFile(inst: TksMethodInstance, result: TksMethodResult, meta: RunMeta): TksRunFile {
  if (inst.kind !== 'text') throw new TypeError('buildTksRunFile: a text run (windows/runFile.ts writes window runs)');
  const { task, hidden: h } = inst;
  const V = task.vocab.length;
  const res = result.result;
  const withTime = meta.elapsedMs !== undefined;
  const p = res.params;
  return {
    version: TKS_RUN_FILE_VERSION,
    command: [...meta.command],
    seed: meta.seed,
    source: { kind: 'instance', file: inst.file, textFile: inst.textFile },
    task: {
      chars: task.train.length + task.heldOut.length, vocab: task.vocab.join(''), train: task.train.length, heldOut: task.heldOut.length,
      sequenceLength: task.N, batch: task.B, batchesPerEpoch: task.J, hidden: h,
    },
    settings: runSettings(inst),
    initSeed: result.initSeed,
    warnings: [...inst.warnings],
    status: res.stop === 'diverged' ? 'diverged' : 'completed',
    ...(res.divergence ? { divergence: res.divergence } : {}),
    stop: res.stop,
    iterations: res.iterations,
    metrics: { heldOutLoss: res.heldOutLoss, trainLoss: res.trainLoss, initialHeldOutLoss: result.initialHeldOutLoss, unigramEntropy: result.unigramEntropy },
    params: { u: toRows(p.u, h, V), w: toRows(p.w, h, h), b: Array.from(p.b), v: toRows(p.v, V, h), c: Array.from(p.c) },
    trace: res.trace.map((row) => {
      const { timeMs, Lstart: _s, Lend: _e, ...rest } = row;
      return withTime ? { ...rest, timeMs } : rest;
    }),
    ...(result.parallel ? { parallel: parallelJson(result.parallel, withTime) } : {}),
    ...(withTime ? { elapsedMs: meta.elapsedMs } : {}),
  };
}

function parallelJson(p: ParallelReport | DataParallelReport, withTime: boolean): TksParallelJson {
  if (p.variant === 'data') return dataParallelJson(p, withTime);
  return {
    variant: p.variant, workers: p.workers, maxDelay: p.maxDelay, groups: p.groups, staleness: { ...p.staleness },
    ...(withTime ? {
      timing: {
        perWorker: p.perWorker.map((w) => ({ worker: w.worker, role: w.role, blocks: [...w.blocks], ms: { ...w.ms } })),
        blockFractions: { ...p.blockFractions }, time: { ...p.time },
      },
    } : {}),
  };
}

/**
 * A data-parallel run in the same shape: no staleness (every block reads the current iterate: bound 0), one
 * `perWorker` entry per thread (role "data": chunks of every block, taken as they come), copying 0 by design.
 */
function dataParallelJson(p: DataParallelReport, withTime: boolean): TksParallelJson {
  const blocks = ['forward', 'o', 'c', 'v', 's', 'a', 'b', 'w', 'u', 'multipliers'] as const;
  const per: Record<string, number> = {};
  for (const t of p.perThread) for (const b of blocks) per[b] = (per[b] ?? 0) + t.ms[b];
  const c = p.time.computeMs;
  return {
    variant: 'data', workers: p.workers, maxDelay: 0, staleness: { bound: 0, max: 0, mean: 0 },
    ...(withTime ? {
      timing: {
        perWorker: p.perThread.map((t) => ({ worker: t.thread, role: 'data', blocks: [...blocks], ms: { ...t.ms } })),
        blockFractions: Object.fromEntries(blocks.map((b) => [b, c > 0 ? per[b] / c : 0])), time: { ...p.time },
      },
    } : {}),
  };
}

/** One line about a run, read off its file. */
export function tksRunOutcome(file: TksRunFile): RunOutcome {
  if (file.status === 'diverged') {
    return { diverged: true, message: `solver diverged: ${file.divergence ?? 'non-finite value'} (last finite parameters: iteration ${file.iterations})` };
  }
  const m = file.metrics;
  const epochs = (file.iterations / file.task.batchesPerEpoch).toFixed(1);
  return { diverged: false, summary: `${file.iterations} iterations (${epochs} epochs, ${file.stop}), held-out ${m.heldOutLoss.toFixed(4)} nats/char, train ${m.trainLoss.toFixed(4)} (unigram entropy ${m.unigramEntropy.toFixed(3)})` };
}

/** A run file of either task family: a text, or windows (`windows/runFile.ts`). */
export type TksAnyRunFile = TksRunFile | TksWindowRunFile;

/** Is this a window run's file? */
export function isWindowRunFile(file: TksAnyRunFile): file is TksWindowRunFile {
  return 'setting' in file.task;
}

/** One line about a run of either family. */
export function tksAnyRunOutcome(file: TksAnyRunFile): RunOutcome {
  return isWindowRunFile(file) ? windowRunOutcome(file) : tksRunOutcome(file);
}

/** Parse and validate a run file of either family (a window run's `task` has a `setting`). */
export function readTksAnyRunFile(text: string): TksAnyRunFile {
  const v = parseJsonText(text, 'run file');
  if (!isObject(v) || !isObject(v.task) || !('setting' in v.task)) return readTksRunFile(text);
  if (v.version !== TKS_RUN_FILE_VERSION) throw new FieldError('version', `expected run-file version ${TKS_RUN_FILE_VERSION}, got ${JSON.stringify(v.version) ?? 'nothing'}`);
  return readWindowRunFile(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

const KEYS = ['version', 'command', 'seed', 'source', 'task', 'settings', 'initSeed', 'warnings', 'status', 'stop', 'iterations', 'metrics', 'params', 'trace'];


/** Parse and validate a `tks-admmirnn` run file; throws a FieldError naming the first bad field. */
export function readTksRunFile(text: string): TksRunFile {
  const v = parseJsonText(text, 'run file');
  const o = record(v, '', KEYS, ['elapsedMs', 'divergence', 'parallel']);
  if (o.version !== TKS_RUN_FILE_VERSION) {
    throw new FieldError('version', `expected run-file version ${TKS_RUN_FILE_VERSION}, got ${JSON.stringify(o.version) ?? 'nothing'}`);
  }
  const src = record(o.source, 'source', ['kind', 'file', 'textFile']);
  const t = record(o.task, 'task', ['chars', 'vocab', 'train', 'heldOut', 'sequenceLength', 'batch', 'batchesPerEpoch', 'hidden']);
  const task = {
    chars: positive(t.chars, 'task.chars'), vocab: str(t.vocab, 'task.vocab'), train: positive(t.train, 'task.train'),
    heldOut: positive(t.heldOut, 'task.heldOut'), sequenceLength: positive(t.sequenceLength, 'task.sequenceLength'),
    batch: positive(t.batch, 'task.batch'), batchesPerEpoch: positive(t.batchesPerEpoch, 'task.batchesPerEpoch'), hidden: positive(t.hidden, 'task.hidden'),
  };
  const V = task.vocab.length, h = task.hidden;
  if (V < 1) throw new FieldError('task.vocab', 'empty vocabulary');
  const m = record(o.metrics, 'metrics', ['heldOutLoss', 'trainLoss', 'initialHeldOutLoss', 'unigramEntropy']);
  const p = record(o.params, 'params', ['u', 'w', 'b', 'v', 'c']);
  const file: TksRunFile = {
    version: TKS_RUN_FILE_VERSION,
    ...readRunHeader(o),
    source: { kind: oneOf(['instance'] as const)(src.kind, 'source.kind'), file: str(src.file, 'source.file'), textFile: str(src.textFile, 'source.textFile') },
    task,
    settings: readRunSettings(o.settings),
    ...readRunOutcome(o),
    metrics: {
      heldOutLoss: num(m.heldOutLoss, 'metrics.heldOutLoss'), trainLoss: num(m.trainLoss, 'metrics.trainLoss'),
      initialHeldOutLoss: num(m.initialHeldOutLoss, 'metrics.initialHeldOutLoss'), unigramEntropy: num(m.unigramEntropy, 'metrics.unigramEntropy'),
    },
    params: {
      u: matrix(h, V)(p.u, 'params.u'), w: matrix(h, h)(p.w, 'params.w'), b: list(num, h)(p.b, 'params.b'),
      v: matrix(V, h)(p.v, 'params.v'), c: list(num, V)(p.c, 'params.c'),
    },
    trace: list(readTraceRow)(o.trace, 'trace'),
  };
  if (o.parallel !== undefined) file.parallel = readParallel(o.parallel, 'parallel');
  if (o.elapsedMs !== undefined) file.elapsedMs = num(o.elapsedMs, 'elapsedMs');
  if (file.trace.length !== file.iterations) throw new FieldError('trace', `${file.trace.length} rows but iterations = ${file.iterations}`);
  return file;
}

function readTraceRow(v: unknown, at: string): TksTraceRowJson {
  const o = record(v, at, ['k', 'epoch', 'batch', 'batchLoss'], ['heldOutLoss', 'timeMs', 'staleness']);
  const row: TksTraceRowJson = {
    k: positive(o.k, `${at}.k`), epoch: count(o.epoch, `${at}.epoch`), batch: count(o.batch, `${at}.batch`), batchLoss: num(o.batchLoss, `${at}.batchLoss`),
  };
  if (o.heldOutLoss !== undefined) row.heldOutLoss = num(o.heldOutLoss, `${at}.heldOutLoss`);
  if (o.timeMs !== undefined) row.timeMs = num(o.timeMs, `${at}.timeMs`);
  if (o.staleness !== undefined) row.staleness = count(o.staleness, `${at}.staleness`);
  return row;
}

const numbers: Reader<Record<string, number>> = (v, at) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new FieldError(at, 'expected an object of numbers');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, num(x, `${at}.${k}`)]));
};

function readParallel(v: unknown, at: string): TksParallelJson {
  const o = record(v, at, ['variant', 'workers', 'maxDelay', 'staleness'], ['timing', 'groups']);
  const st = record(o.staleness, `${at}.staleness`, ['bound', 'max', 'mean']);
  const out: TksParallelJson = {
    variant: oneOf(['sp', 'ap', 'data'] as const)(o.variant, `${at}.variant`), workers: positive(o.workers, `${at}.workers`),
    maxDelay: count(o.maxDelay, `${at}.maxDelay`),
    staleness: { bound: count(st.bound, `${at}.staleness.bound`), max: count(st.max, `${at}.staleness.max`), mean: num(st.mean, `${at}.staleness.mean`) },
  };
  if (o.groups !== undefined) out.groups = oneOf(['kind', 'output'] as const)(o.groups, `${at}.groups`);
  if (o.timing !== undefined) {
    const t = record(o.timing, `${at}.timing`, ['perWorker', 'blockFractions', 'time']);
    const time = record(t.time, `${at}.timing.time`, ['computeMs', 'waitMs', 'copyMs', 'wallMs']);
    out.timing = {
      perWorker: list((w, wat) => {
        const r = record(w, wat, ['worker', 'role', 'blocks', 'ms']);
        return { worker: count(r.worker, `${wat}.worker`), role: str(r.role, `${wat}.role`), blocks: list(str)(r.blocks, `${wat}.blocks`), ms: numbers(r.ms, `${wat}.ms`) };
      })(t.perWorker, `${at}.timing.perWorker`),
      blockFractions: numbers(t.blockFractions, `${at}.timing.blockFractions`),
      time: {
        computeMs: num(time.computeMs, `${at}.timing.time.computeMs`), waitMs: num(time.waitMs, `${at}.timing.time.waitMs`),
        copyMs: num(time.copyMs, `${at}.timing.time.copyMs`), wallMs: num(time.wallMs, `${at}.timing.time.wallMs`),
      },
    };
  }
  return out;
}
