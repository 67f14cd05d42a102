/**
 * The run file of the `wzc-alm` method (format version 1): its TypeScript type, how a run becomes one, and a
 * validating reader. Key order is part of the format (the file is diffed and compared byte for byte), so the
 * builders below write keys in the order of the types.
 *
 * A run that diverged writes the same header with `status: "diverged"` and the last finite iterate instead of
 * the result; both are {@link WzcRunFile}s, told apart by `status`.
 */
import type { Activation, Dims, Weights } from '../../models/elman.ts';
import { activationName } from '../../models/activations/piecewise.ts';
import { predictionError } from '../../models/elman.ts';
import { toRows } from '../../core/json.ts';
import { FieldError } from '../../core/fields.ts';
import { bool, count, list, matrix, num, numOrNull, oneOf, parseJsonText, record, str, type Reader } from '../../core/shape.ts';
import type { RunMeta, RunOutcome } from '../../engine/method.ts';
import type { AlmParams, AlmStatus, OuterRow, TraceRow } from './solver/index.ts';
import { ALM_SETTINGS, type AlmSetting } from './solver/index.ts';
import type { Iterate } from './problem/types.ts';
import { INIT_SCHEMES, type InitScheme } from './problem/init.ts';
import { SYNTHETIC_SETTINGS, type SyntheticSetting } from './problem/synthetic.ts';
import type { WzcInstance, WzcResult } from './method.ts';

/** Format version of the run file. */
export const RUN_FILE_VERSION = 1;

/** Weights as nested arrays: W r×r, V r×n, b [r], A m×r, c [m]. */
export interface WeightsJson {
  W: number[][];
  V: number[][];
  b: number[];
  A: number[][];
  c: number[];
}

/** Where the data came from. */
export type WzcSource = { kind: 'generate'; setting: SyntheticSetting } | { kind: 'instance'; file: string };

/** A trace row as written: `timeMs` only with timing. */
export type TraceRowJson = Omit<TraceRow, 'timeMs'> & { timeMs?: number };

/** Keys every run file starts with. */
export interface WzcRunHeader {
  version: typeof RUN_FILE_VERSION;
  /** Argument vector that reproduces the run (output-only flags left out). */
  command: string[];
  seed: number;
  source: WzcSource;
  /** Table 2 row that supplied the defaults. */
  setting: AlmSetting;
  /** Sizes of the training problem (T = T1 when split). */
  dims: Dims;
  split: { T1: number; T2: number; standardized: boolean };
  activation: Activation & { name: string };
  init: InitScheme | 'instance';
  lambda: number[];
  settings: AlmParams;
  warnings: string[];
}

/** A finished run. */
export interface WzcFinishedRun extends WzcRunHeader {
  status: AlmStatus;
  /** Final γ_K and ε_K. */
  gamma: number;
  eps: number;
  trainErr: number;
  /** Only when there is a test part (T2 > 0). */
  testErr?: number;
  params: WeightsJson;
  h: number[][];
  u: number[][];
  multipliers: { xi: number[][]; zeta: number[][] };
  outer: OuterRow[];
  trace: TraceRowJson[];
  /** Only with timing. */
  elapsedMs?: number;
}

/** A run whose iterates became non-finite at outer iteration k, inner iteration j. */
export interface WzcDivergedRun extends WzcRunHeader {
  status: 'diverged';
  k: number;
  j: number;
  /** The block that became non-finite. */
  block: string;
  /** The last finite iterate (h and u hold null where the very first forward pass already overflowed). */
  lastFinite: { params: WeightsJson; h: (number | null)[][]; u: (number | null)[][] };
  trace: TraceRowJson[];
}

/** The file `wzc-alm` writes for a run. */
export type WzcRunFile = WzcFinishedRun | WzcDivergedRun;

// ---------------------------------------------------------------------------------------------------------------
// Building.

/** The run file of `result` (the diverged form when it diverged). */
export function buildRunFile(inst: WzcInstance, result: WzcResult, meta: RunMeta): WzcRunFile {
  const head = header(inst, result, meta);
  if (result.status === 'diverged') {
    const e = result.error;
    return {
      ...head, status: 'diverged', k: e.k, j: e.j, block: e.block,
      lastFinite: iterateJson(inst.prob.data.dims, e.lastFinite), trace: e.trace.map((row) => traceJson(row, false)),
    };
  }
  const { alm } = result;
  const d = inst.prob.data.dims;
  const { prob, full, T1, T2 } = inst;
  const z = alm.s.z;
  const withTime = meta.elapsedMs !== undefined;
  return {
    ...head, status: alm.status, gamma: alm.gamma, eps: alm.eps,
    trainErr: predictionError(d, prob.data, z, prob.activation),
    ...(T2 > 0 ? { testErr: predictionError(full.dims, full, z, prob.activation, T1, T1 + T2) } : {}),
    ...iterateJson(d, alm.s),
    multipliers: { xi: toRows(alm.mult.xi, d.T, d.r), zeta: toRows(alm.mult.zeta, d.T, d.r) },
    outer: alm.outer.map((row) => ({ ...row })),
    trace: alm.trace.map((row) => traceJson(row, withTime)),
    ...(meta.elapsedMs !== undefined ? { elapsedMs: meta.elapsedMs } : {}),
  };
}

function header(inst: WzcInstance, result: WzcResult, meta: RunMeta): WzcRunHeader {
  const { prob } = inst;
  return {
    version: RUN_FILE_VERSION,
    command: [...meta.command],
    seed: meta.seed,
    source: { ...inst.source },
    setting: inst.setting,
    dims: { ...prob.data.dims },
    split: { T1: inst.T1, T2: inst.T2, standardized: inst.standardized },
    activation: { ...prob.activation, name: activationName(prob.activation) },
    init: result.initName,
    lambda: [...prob.lambda],
    settings: { ...inst.settings },
    warnings: [...inst.warnings, ...result.warnings],
  };
}

function iterateJson(d: Dims, s: Iterate): { params: WeightsJson; h: number[][]; u: number[][] } {
  return { params: weightsJson(d, s.z), h: toRows(s.h, d.T, d.r), u: toRows(s.u, d.T, d.r) };
}

function weightsJson(d: Dims, z: Weights): WeightsJson {
  const { n, m, r } = d;
  return { W: toRows(z.W, r, r), V: toRows(z.V, r, n), b: Array.from(z.b), A: toRows(z.A, m, r), c: Array.from(z.c) };
}

function traceJson(row: TraceRow, withTime: boolean): TraceRowJson {
  const { timeMs, ...rest } = row;
  return withTime ? { ...rest, timeMs } : rest;
}

/** One line about a run, read off its file. */
export function runOutcome(file: WzcRunFile): RunOutcome {
  if (file.status === 'diverged') {
    return { diverged: true, message: `solver diverged: non-finite ${file.block} at outer iteration ${file.k}, inner iteration ${file.j}` };
  }
  const last = file.outer[file.outer.length - 1];
  const errs = `TrainErr ${fmt(file.trainErr)}${file.testErr !== undefined ? `, TestErr ${fmt(file.testErr)}` : ''}`;
  return { diverged: false, summary: `${file.outer.length} outer iterations, FeasVio ${fmt(last?.feasVio ?? NaN)}, ${errs}` };
}

/** Scalars in messages: 4 significant digits. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? x.toExponential(3) : String(x);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

const HEADER_KEYS = ['version', 'command', 'seed', 'source', 'setting', 'dims', 'split', 'activation', 'init', 'lambda', 'settings', 'warnings'];
const FINISHED_KEYS = ['status', 'gamma', 'eps', 'trainErr', 'params', 'h', 'u', 'multipliers', 'outer', 'trace'];
const DIVERGED_KEYS = ['status', 'k', 'j', 'block', 'lastFinite', 'trace'];
const PARAM_KEYS: readonly (keyof AlmParams)[] = ['gamma0', 'mu', 'eps0', 'Gamma', 'eta1', 'eta2', 'eta3', 'eta4', 'outer', 'inner'];
const STATUSES: readonly AlmStatus[] = ['max-outer'];

/**
 * Parse and validate a run file: every key, type and matrix size (sizes from `dims`). Throws a FieldError naming
 * the first bad field, e.g. `outer[2].feasVio: expected a finite number, got "x"`.
 */
export function readRunFile(text: string): WzcRunFile {
  const v = parseJsonText(text, 'run file');
  const top = record(v, '', [...HEADER_KEYS, 'status'], [...FINISHED_KEYS, ...DIVERGED_KEYS, 'testErr', 'elapsedMs']);
  if (top.version !== RUN_FILE_VERSION) {
    throw new FieldError('version', `expected run-file version ${RUN_FILE_VERSION}, got ${JSON.stringify(top.version) ?? 'nothing'}`);
  }
  const diverged = top.status === 'diverged';
  const o = record(v, '', [...HEADER_KEYS, ...(diverged ? DIVERGED_KEYS : FINISHED_KEYS)], diverged ? [] : ['testErr', 'elapsedMs']);
  const dims = readDims(o.dims, 'dims');
  const { T, r } = dims;
  const head: WzcRunHeader = {
    version: RUN_FILE_VERSION,
    command: list(str)(o.command, 'command'),
    seed: count(o.seed, 'seed'),
    source: readSource(o.source, 'source'),
    setting: oneOf(ALM_SETTINGS)(o.setting, 'setting'),
    dims,
    split: readSplit(o.split, 'split', T),
    activation: readActivation(o.activation, 'activation'),
    init: oneOf<InitScheme | 'instance'>([...INIT_SCHEMES, 'instance'])(o.init, 'init'),
    lambda: list(num, 6)(o.lambda, 'lambda'),
    settings: readSettings(o.settings, 'settings'),
    warnings: list(str)(o.warnings, 'warnings'),
  };
  const trace = list((x, at) => readTraceRow(x, at))(o.trace, 'trace');
  if (diverged) {
    const lf = record(o.lastFinite, 'lastFinite', ['params', 'h', 'u']);
    return {
      ...head, status: 'diverged', k: count(o.k, 'k'), j: count(o.j, 'j'), block: str(o.block, 'block'),
      lastFinite: {
        params: readWeights(lf.params, 'lastFinite.params', dims),
        h: matrix(T, r, numOrNull)(lf.h, 'lastFinite.h'),
        u: matrix(T, r, numOrNull)(lf.u, 'lastFinite.u'),
      },
      trace,
    };
  }
  const mult = record(o.multipliers, 'multipliers', ['xi', 'zeta']);
  const file: WzcFinishedRun = {
    ...head,
    status: oneOf(STATUSES)(o.status, 'status'),
    gamma: num(o.gamma, 'gamma'),
    eps: num(o.eps, 'eps'),
    trainErr: num(o.trainErr, 'trainErr'),
    ...(o.testErr !== undefined ? { testErr: num(o.testErr, 'testErr') } : {}),
    params: readWeights(o.params, 'params', dims),
    h: matrix(T, r)(o.h, 'h'),
    u: matrix(T, r)(o.u, 'u'),
    multipliers: { xi: matrix(T, r)(mult.xi, 'multipliers.xi'), zeta: matrix(T, r)(mult.zeta, 'multipliers.zeta') },
    outer: list(readOuterRow)(o.outer, 'outer'),
    trace,
    ...(o.elapsedMs !== undefined ? { elapsedMs: num(o.elapsedMs, 'elapsedMs') } : {}),
  };
  return file;
}

const positive: Reader<number> = (v, at) => {
  const x = count(v, at);
  if (x < 1) throw new FieldError(at, `expected an integer ≥ 1, got ${x}`);
  return x;
};

function readDims(v: unknown, at: string): Dims {
  const o = record(v, at, ['T', 'n', 'm', 'r']);
  return { T: positive(o.T, `${at}.T`), n: positive(o.n, `${at}.n`), m: positive(o.m, `${at}.m`), r: positive(o.r, `${at}.r`) };
}

function readSource(v: unknown, at: string): WzcSource {
  const kind = oneOf(['generate', 'instance'] as const)(record(v, at, ['kind'], ['setting', 'file']).kind, `${at}.kind`);
  if (kind === 'generate') return { kind, setting: oneOf(SYNTHETIC_SETTINGS)(record(v, at, ['kind', 'setting']).setting, `${at}.setting`) };
  return { kind, file: str(record(v, at, ['kind', 'file']).file, `${at}.file`) };
}

function readSplit(v: unknown, at: string, T: number): WzcRunHeader['split'] {
  const o = record(v, at, ['T1', 'T2', 'standardized']);
  const T1 = count(o.T1, `${at}.T1`);
  if (T1 !== T) throw new FieldError(`${at}.T1`, `${T1} differs from dims.T = ${T} (the training part)`);
  return { T1, T2: count(o.T2, `${at}.T2`), standardized: bool(o.standardized, `${at}.standardized`) };
}

function readActivation(v: unknown, at: string): WzcRunHeader['activation'] {
  const kind = oneOf(['relu', 'leaky-relu', 'elu'] as const)(record(v, at, ['kind', 'name'], ['slope', 'alpha']).kind, `${at}.kind`);
  const name = (o: Record<string, unknown>) => str(o.name, `${at}.name`);
  if (kind === 'relu') return { kind, name: name(record(v, at, ['kind', 'name'])) };
  if (kind === 'leaky-relu') {
    const o = record(v, at, ['kind', 'slope', 'name']);
    return { kind, slope: num(o.slope, `${at}.slope`), name: name(o) };
  }
  const o = record(v, at, ['kind', 'alpha', 'name']);
  return { kind, alpha: num(o.alpha, `${at}.alpha`), name: name(o) };
}

function readSettings(v: unknown, at: string): AlmParams {
  const o = record(v, at, PARAM_KEYS);
  const p = Object.fromEntries(PARAM_KEYS.map((k) => [k, num(o[k], `${at}.${k}`)])) as unknown as AlmParams;
  positive(p.outer, `${at}.outer`);
  positive(p.inner, `${at}.inner`);
  return p;
}

function readWeights(v: unknown, at: string, d: Dims): WeightsJson {
  const o = record(v, at, ['W', 'V', 'b', 'A', 'c']);
  return {
    W: matrix(d.r, d.r)(o.W, `${at}.W`),
    V: matrix(d.r, d.n)(o.V, `${at}.V`),
    b: list(num, d.r)(o.b, `${at}.b`),
    A: matrix(d.m, d.r)(o.A, `${at}.A`),
    c: list(num, d.m)(o.c, `${at}.c`),
  };
}

function readOuterRow(v: unknown, at: string): OuterRow {
  const o = record(v, at, ['k', 'inner', 'bcdStatus', 'restarted', 'rhat', 'L1', 'L2', 'feasVio', 'gamma', 'gammaIncreased', 'eps']);
  return {
    k: count(o.k, `${at}.k`),
    inner: count(o.inner, `${at}.inner`),
    bcdStatus: oneOf(['converged', 'max-inner'] as const)(o.bcdStatus, `${at}.bcdStatus`),
    restarted: bool(o.restarted, `${at}.restarted`),
    rhat: num(o.rhat, `${at}.rhat`),
    L1: num(o.L1, `${at}.L1`),
    L2: num(o.L2, `${at}.L2`),
    feasVio: num(o.feasVio, `${at}.feasVio`),
    gamma: num(o.gamma, `${at}.gamma`),
    gammaIncreased: bool(o.gammaIncreased, `${at}.gammaIncreased`),
    eps: num(o.eps, `${at}.eps`),
  };
}

function readTraceRow(v: unknown, at: string): TraceRowJson {
  const o = record(v, at, ['k', 'j', 'L', 'feasVio', 'step', 'gamma', 'eps'], ['timeMs']);
  const row: TraceRowJson = {
    k: count(o.k, `${at}.k`),
    j: count(o.j, `${at}.j`),
    L: num(o.L, `${at}.L`),
    feasVio: num(o.feasVio, `${at}.feasVio`),
    step: num(o.step, `${at}.step`),
    gamma: num(o.gamma, `${at}.gamma`),
    eps: num(o.eps, `${at}.eps`),
  };
  if (o.timeMs !== undefined) row.timeMs = num(o.timeMs, `${at}.timeMs`);
  return row;
}
