/**
 * The run file of a gradient baseline (format version 1): its type, how a run becomes one, and a validating
 * reader. Key order is part of the format (files are diffed and compared byte for byte). A diverged run writes
 * the same keys with `status: "diverged"`, `divergence`, and the last finite θ in `params`.
 */
import { toRows } from '../core/json.ts';
import { FieldError } from '../core/fields.ts';
import { count, list, matrix, num, numOrNull, oneOf, parseJsonText, record, str, type Reader } from '../core/shape.ts';
import type { RunMeta, RunOutcome } from '../engine/method.ts';
import type { TaskSource } from '../models/task.ts';
import { BASELINE_IDS, type BaselineId } from './optimizers.ts';
import type { BaselineTraceRow } from './train.ts';
import type { GridSelection } from './grid.ts';

/** Format version of the run file. */
export const BASELINE_RUN_FILE_VERSION = 1;

/** Sizes: Elman RNN (T = all steps, train and test), MLP, or TKS tanh RNN (N steps per training window). */
export type BaselineDims =
  | { T: number; n: number; m: number; r: number }
  | { n: number; d: number[] }
  | { N: number; inputs: number; hidden: number; outputs: number };

/** How a TKS task's windows were laid out (tanh-rnn runs). */
export interface WindowsJson {
  setting: string;
  description: string;
  /** Steps per training window, training windows, windows per batch of TKS's method. */
  N: number;
  train: number;
  batch: number;
  /** Held-out windows and their steps (a held-out text is one window). */
  heldOut: number;
  heldOutSteps: number;
  scored: 'all' | 'last';
}

/** The final θ measured as `tks-admmirnn` measures its own (tanh-rnn runs). */
export interface TanhRnnMetricsJson {
  heldOutLoss: number | null;
  trainLoss: number | null;
  heldOutAccuracy?: number;
}

/** The settings a run used (after tuning). `history` null = full BPTT (RNN) or not applicable (MLP). */
export interface BaselineSettingsJson {
  lr: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  history: number | null;
  [hyper: string]: number | null;
}

/** The §5.4 search, when `--tune` ran one. */
export interface TuningJson {
  /** What was averaged: TestErr of the split, or the training objective when there is no test part. */
  criterion: 'testErr' | 'loss';
  reps: number;
  /** One row per grid point; null stands for +∞ (a diverged repetition). */
  rows: { lr: number; clip?: number; mean: number | null; std: number | null; diverged: number; values: (number | null)[] }[];
  /** The chosen point; null when every point diverged (then the flags' values were used). */
  chosen: { lr: number; clip?: number } | null;
}

/** A trace row as written: `timeMs` only with timing. */
export type BaselineTraceRowJson = Omit<BaselineTraceRow, 'timeMs' | 'norms'> & { norms: number[]; timeMs?: number };

/** The file a baseline writes for a run. */
export interface BaselineRunFile {
  version: typeof BASELINE_RUN_FILE_VERSION;
  command: string[];
  seed: number;
  method: BaselineId;
  /** The paper's name for the method (GD, GDC, GDNM, SGD, Adam) or the usual one (RMSProp, AdaGrad, heavy ball). */
  name: string;
  model: 'elman-rnn' | 'mlp' | 'tanh-rnn';
  /** Whose instance format the data came in. */
  paper: string;
  source: TaskSource;
  dims: BaselineDims;
  /** RNN only. */
  split?: { T1: number; T2: number; standardized: boolean };
  /** tanh RNN only. */
  windows?: WindowsJson;
  metrics?: TanhRnnMetricsJson;
  activation: string;
  /** The loss minimized, in one line. */
  objective: string;
  init: string;
  settings: BaselineSettingsJson;
  tuning?: TuningJson;
  warnings: string[];
  status: 'completed' | 'diverged';
  divergence?: string;
  epochs: number;
  updates: number;
  /** At the final θ; null where it is not finite (a diverged run). */
  trainErr: number | null;
  testErr?: number | null;
  /** Parameter blocks by name: matrices as nested rows, vectors (b, c) flat. */
  params: Record<string, number[][] | number[]>;
  trace: BaselineTraceRowJson[];
  elapsedMs?: number;
}

/** Block names and shapes ([rows, cols]; cols 0 = a vector) for dims. */
export function blockShapes(dims: BaselineDims): [string, number, number][] {
  if ('d' in dims) return dims.d.slice(1).map((di, i) => [`W${i + 1}`, di, dims.d[i]]);
  if ('hidden' in dims) {
    const { inputs: d, hidden: h, outputs: q } = dims;
    return [['u', h, d], ['w', h, h], ['b', h, 0], ['v', q, h], ['c', q, 0]];
  }
  const { n, m, r } = dims;
  return [['W', r, r], ['V', r, n], ['b', r, 0], ['A', m, r], ['c', m, 0]];
}

/** θ as named blocks for the file. */
export function paramsJson(dims: BaselineDims, theta: Float64Array): Record<string, number[][] | number[]> {
  const out: Record<string, number[][] | number[]> = {};
  let p = 0;
  for (const [name, rows, cols] of blockShapes(dims)) {
    const len = rows * Math.max(1, cols);
    const block = theta.subarray(p, p + len);
    out[name] = cols === 0 ? Array.from(block) : toRows(block, rows, cols);
    p += len;
  }
  return out;
}

/** The tuning record of a search. */
export function tuningJson(sel: GridSelection, criterion: TuningJson['criterion'], reps: number): TuningJson {
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    criterion, reps,
    rows: sel.rows.map((r) => ({ ...r.point, mean: fin(r.mean), std: fin(r.std), diverged: r.diverged, values: r.values.map(fin) })),
    chosen: sel.best < 0 ? null : { ...sel.rows[sel.best].point },
  };
}

/** A trace row for the file (`timeMs` only when timing was asked for). */
export function traceRowJson(row: BaselineTraceRow, timing: boolean): BaselineTraceRowJson {
  const { epoch, updates, loss, gradNorm, paramNorm, norms, testErr, timeMs } = row;
  return { epoch, updates, loss, gradNorm, paramNorm, norms: [...norms], ...(testErr !== undefined ? { testErr } : {}), ...(timing ? { timeMs } : {}) };
}

/** How a run ended. */
export function baselineOutcome(file: BaselineRunFile): RunOutcome {
  if (file.status === 'diverged') return { diverged: true, message: `${file.name} diverged: ${file.divergence ?? 'non-finite value'}` };
  const e = (x: number | null | undefined) => (typeof x === 'number' ? x.toExponential(4) : String(x));
  const test = file.testErr !== undefined ? `, TestErr ${e(file.testErr)}` : '';
  return { diverged: false, summary: `${file.name}: ${file.epochs} epochs, ${file.updates} updates, TrainErr ${e(file.trainErr)}${test}` };
}

/** The meta part every builder shares. */
export function fileMeta(meta: RunMeta): Pick<BaselineRunFile, 'command' | 'seed'> {
  return { command: [...meta.command], seed: meta.seed };
}

// ---------------------------------------------------------------------------------------------------------------
// Reader.

const REQUIRED = [
  'version', 'command', 'seed', 'method', 'name', 'model', 'paper', 'source', 'dims', 'activation', 'objective', 'init',
  'settings', 'warnings', 'status', 'epochs', 'updates', 'trainErr', 'params', 'trace',
];
const OPTIONAL = ['split', 'windows', 'metrics', 'tuning', 'divergence', 'testErr', 'elapsedMs'];

/** Parse and validate a baseline run file; throws a FieldError naming the first bad field. */
export function readBaselineRunFile(text: string): BaselineRunFile {
  const o = record(parseJsonText(text, 'run file'), '', REQUIRED, OPTIONAL);
  if (o.version !== BASELINE_RUN_FILE_VERSION) {
    throw new FieldError('version', `expected run-file version ${BASELINE_RUN_FILE_VERSION}, got ${JSON.stringify(o.version) ?? 'nothing'}`);
  }
  const model = oneOf(['elman-rnn', 'mlp', 'tanh-rnn'] as const)(o.model, 'model');
  const dims = readDims(o.dims, model);
  const shapes = blockShapes(dims);
  const status = oneOf(['completed', 'diverged'] as const)(o.status, 'status');
  if (status === 'diverged' && o.divergence === undefined) throw new FieldError('divergence', 'missing (a diverged run says why)');
  const p = record(o.params, 'params', shapes.map(([name]) => name));
  const params: Record<string, number[][] | number[]> = {};
  for (const [name, rows, cols] of shapes) params[name] = cols === 0 ? list(num, rows)(p[name], `params.${name}`) : matrix(rows, cols)(p[name], `params.${name}`);
  const file: BaselineRunFile = {
    version: BASELINE_RUN_FILE_VERSION,
    command: list(str)(o.command, 'command'),
    seed: count(o.seed, 'seed'),
    method: oneOf(BASELINE_IDS)(o.method, 'method'),
    name: str(o.name, 'name'),
    model,
    paper: str(o.paper, 'paper'),
    source: readSource(o.source),
    dims,
    ...(o.split !== undefined ? { split: readSplit(o.split) } : {}),
    ...(o.windows !== undefined ? { windows: readWindows(o.windows) } : {}),
    ...(o.metrics !== undefined ? { metrics: readMetrics(o.metrics) } : {}),
    activation: str(o.activation, 'activation'),
    objective: str(o.objective, 'objective'),
    init: str(o.init, 'init'),
    settings: readSettings(o.settings),
    ...(o.tuning !== undefined ? { tuning: readTuning(o.tuning) } : {}),
    warnings: list(str)(o.warnings, 'warnings'),
    status,
    ...(o.divergence !== undefined ? { divergence: str(o.divergence, 'divergence') } : {}),
    epochs: count(o.epochs, 'epochs'),
    updates: count(o.updates, 'updates'),
    trainErr: numOrNull(o.trainErr, 'trainErr'),
    ...(o.testErr !== undefined ? { testErr: numOrNull(o.testErr, 'testErr') } : {}),
    params,
    trace: list((x, at) => readTraceRow(x, at, shapes.length))(o.trace, 'trace'),
    ...(o.elapsedMs !== undefined ? { elapsedMs: num(o.elapsedMs, 'elapsedMs') } : {}),
  };
  if (model === 'elman-rnn' && file.split === undefined) throw new FieldError('split', 'missing (an RNN run records its split)');
  if (model === 'tanh-rnn' && file.windows === undefined) throw new FieldError('windows', 'missing (a TKS run records its windows)');
  return file;
}

const positive: Reader<number> = (v, at) => {
  const x = count(v, at);
  if (x < 1) throw new FieldError(at, `expected an integer ≥ 1, got ${x}`);
  return x;
};

function readDims(v: unknown, model: 'elman-rnn' | 'mlp' | 'tanh-rnn'): BaselineDims {
  if (model === 'tanh-rnn') {
    const o = record(v, 'dims', ['N', 'inputs', 'hidden', 'outputs']);
    return { N: positive(o.N, 'dims.N'), inputs: positive(o.inputs, 'dims.inputs'), hidden: positive(o.hidden, 'dims.hidden'), outputs: positive(o.outputs, 'dims.outputs') };
  }
  if (model === 'mlp') {
    const o = record(v, 'dims', ['n', 'd']);
    const d = list(positive)(o.d, 'dims.d');
    if (d.length < 3) throw new FieldError('dims.d', `expected at least 3 widths (d0, a hidden layer, dN), got ${d.length}`);
    return { n: positive(o.n, 'dims.n'), d };
  }
  const o = record(v, 'dims', ['T', 'n', 'm', 'r']);
  return { T: positive(o.T, 'dims.T'), n: positive(o.n, 'dims.n'), m: positive(o.m, 'dims.m'), r: positive(o.r, 'dims.r') };
}

function readSource(v: unknown): TaskSource {
  const kind = record(v, 'source', ['kind'], ['file', 'setting']).kind;
  if (kind === 'instance') return { kind, file: str(record(v, 'source', ['kind', 'file']).file, 'source.file') };
  if (kind === 'generate') return { kind, setting: str(record(v, 'source', ['kind', 'setting']).setting, 'source.setting') };
  throw new FieldError('source.kind', `expected "instance" or "generate", got ${JSON.stringify(kind)}`);
}

function readSplit(v: unknown): { T1: number; T2: number; standardized: boolean } {
  const o = record(v, 'split', ['T1', 'T2', 'standardized']);
  if (typeof o.standardized !== 'boolean') throw new FieldError('split.standardized', 'expected true or false');
  return { T1: positive(o.T1, 'split.T1'), T2: count(o.T2, 'split.T2'), standardized: o.standardized };
}

function readWindows(v: unknown): WindowsJson {
  const o = record(v, 'windows', ['setting', 'description', 'N', 'train', 'batch', 'heldOut', 'heldOutSteps', 'scored']);
  return {
    setting: str(o.setting, 'windows.setting'), description: str(o.description, 'windows.description'), N: positive(o.N, 'windows.N'),
    train: positive(o.train, 'windows.train'), batch: positive(o.batch, 'windows.batch'), heldOut: positive(o.heldOut, 'windows.heldOut'),
    heldOutSteps: positive(o.heldOutSteps, 'windows.heldOutSteps'), scored: oneOf(['all', 'last'] as const)(o.scored, 'windows.scored'),
  };
}

function readMetrics(v: unknown): TanhRnnMetricsJson {
  const o = record(v, 'metrics', ['heldOutLoss', 'trainLoss'], ['heldOutAccuracy']);
  return {
    heldOutLoss: numOrNull(o.heldOutLoss, 'metrics.heldOutLoss'), trainLoss: numOrNull(o.trainLoss, 'metrics.trainLoss'),
    ...(o.heldOutAccuracy !== undefined ? { heldOutAccuracy: num(o.heldOutAccuracy, 'metrics.heldOutAccuracy') } : {}),
  };
}

function readSettings(v: unknown): BaselineSettingsJson {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FieldError('settings', 'expected an object');
  const o = record(v, 'settings', ['lr', 'epochs', 'batch', 'batchesPerEpoch', 'history'], Object.keys(v).filter((k) => !['lr', 'epochs', 'batch', 'batchesPerEpoch', 'history'].includes(k)));
  const out: BaselineSettingsJson = {
    lr: num(o.lr, 'settings.lr'), epochs: count(o.epochs, 'settings.epochs'), batch: positive(o.batch, 'settings.batch'),
    batchesPerEpoch: positive(o.batchesPerEpoch, 'settings.batchesPerEpoch'), history: o.history === null ? null : count(o.history, 'settings.history'),
  };
  for (const k of Object.keys(o)) if (!(k in out)) out[k] = num(o[k], `settings.${k}`);
  return out;
}

function readTuning(v: unknown): TuningJson {
  const o = record(v, 'tuning', ['criterion', 'reps', 'rows', 'chosen']);
  const point = (x: unknown, at: string) => {
    const p = record(x, at, ['lr'], ['clip']);
    return { lr: num(p.lr, `${at}.lr`), ...(p.clip !== undefined ? { clip: num(p.clip, `${at}.clip`) } : {}) };
  };
  return {
    criterion: oneOf(['testErr', 'loss'] as const)(o.criterion, 'tuning.criterion'),
    reps: positive(o.reps, 'tuning.reps'),
    rows: list((x, at) => {
      const r = record(x, at, ['lr', 'mean', 'std', 'diverged', 'values'], ['clip']);
      return {
        ...point({ lr: r.lr, ...(r.clip !== undefined ? { clip: r.clip } : {}) }, at),
        mean: numOrNull(r.mean, `${at}.mean`), std: numOrNull(r.std, `${at}.std`), diverged: count(r.diverged, `${at}.diverged`),
        values: list(numOrNull)(r.values, `${at}.values`),
      };
    })(o.rows, 'tuning.rows'),
    chosen: o.chosen === null ? null : point(o.chosen, 'tuning.chosen'),
  };
}

function readTraceRow(v: unknown, at: string, blocks: number): BaselineTraceRowJson {
  const o = record(v, at, ['epoch', 'updates', 'loss', 'gradNorm', 'paramNorm', 'norms'], ['testErr', 'timeMs']);
  return {
    epoch: count(o.epoch, `${at}.epoch`), updates: count(o.updates, `${at}.updates`), loss: num(o.loss, `${at}.loss`),
    gradNorm: num(o.gradNorm, `${at}.gradNorm`), paramNorm: num(o.paramNorm, `${at}.paramNorm`), norms: list(num, blocks)(o.norms, `${at}.norms`),
    ...(o.testErr !== undefined ? { testErr: num(o.testErr, `${at}.testErr`) } : {}),
    ...(o.timeMs !== undefined ? { timeMs: num(o.timeMs, `${at}.timeMs`) } : {}),
  };
}
