/**
 * The run file of the `zly-admm` method (format version 1): its type, how a run becomes one, and a validating
 * reader. Key order is part of the format (files are diffed and compared byte for byte).
 *
 * Layers are in order everywhere: `params.W` = [W_1, …, W_N], `V` = [V_1, …, V_N], `Lambda` = [Λ_1, …, Λ_N], each
 * a nested array (one array per row; samples are columns). A diverged run writes the same keys with
 * `status: "diverged"` and the last finite iterate Q^k (k = `iterations`).
 */
import { toRows } from '../../core/json.ts';
import { FieldError } from '../../core/fields.ts';
import { count, list, matrix, num, oneOf, parseJsonText, record, str, type Reader } from '../../core/shape.ts';
import type { RunMeta, RunOutcome } from '../../engine/method.ts';
import { ZLY_ACTIVATIONS, type ZlyActivation } from './problem/activation.ts';
import type { ZlyDims, ZlyIterate } from './problem/types.ts';
import type { LlaRule, ZlyTraceRow } from './solver/types.ts';
import type { ZlyMethodInstance, ZlyMethodResult } from './method.ts';

/** Format version of the run file. */
export const ZLY_RUN_FILE_VERSION = 1;

/** A trace row as written: `timeMs` only with timing. */
export type ZlyTraceRowJson = Omit<ZlyTraceRow, 'timeMs'> & { timeMs?: number };

/** The file `zly-admm` writes for a run. */
export interface ZlyRunFile {
  version: typeof ZLY_RUN_FILE_VERSION;
  /** Argument vector that reproduces the run (output-only flags left out). */
  command: string[];
  seed: number;
  source: { kind: 'instance'; file: string };
  dims: { n: number; d: number[] };
  activation: ZlyActivation;
  /** Where W⁰ came from: the instance, or the default scheme drawn from the seed (problem/demo.ts). */
  init: 'instance' | 'default';
  lambda: number;
  beta: number[];
  settings: { iterations: number; lla: LlaRule };
  warnings: string[];
  status: 'completed' | 'diverged';
  /** Only for a diverged run: what stopped it (a non-finite value, or a system not positive definite). */
  divergence?: string;
  /** Completed iterations K (for a diverged run: those before the failing one). */
  iterations: number;
  /** ξ of the Lyapunov function (26) in the trace. */
  xi: number[];
  /** At Q⁰ of (7). */
  initial: { L: number; mseVN: number; mseNet: number };
  /** At Q^K: the network's own training MSE, that of V_N, and the variance of Y (the MSE of a constant). */
  final: { mseNet: number; mseVN: number; targetVariance: number };
  params: { W: number[][][] };
  V: number[][][];
  Lambda: number[][][];
  trace: ZlyTraceRowJson[];
  /** Only with timing. */
  elapsedMs?: number;
}

/** The run file of `result`. */
export function buildZlyRunFile(inst: ZlyMethodInstance, result: ZlyMethodResult, meta: RunMeta): ZlyRunFile {
  const { prob } = inst;
  const d = prob.dims;
  const res = result.result;
  const withTime = meta.elapsedMs !== undefined;
  const last = res.trace[res.trace.length - 1];
  return {
    version: ZLY_RUN_FILE_VERSION,
    command: [...meta.command],
    seed: meta.seed,
    source: { kind: 'instance', file: inst.file },
    dims: { n: d.n, d: [...d.d] },
    activation: prob.activation,
    init: result.initName,
    lambda: prob.lambda,
    beta: [...prob.beta],
    settings: { iterations: inst.iterations, lla: inst.lla },
    warnings: [...inst.warnings, ...result.warnings],
    status: res.status,
    ...(res.status === 'diverged' ? { divergence: res.divergence ?? 'non-finite value' } : {}),
    iterations: res.iterations,
    xi: [...res.xi],
    initial: { L: res.initial.L, mseVN: res.initial.mseVN, mseNet: res.initial.mseNet },
    final: { mseNet: last?.mseNet ?? res.initial.mseNet, mseVN: last?.mseVN ?? res.initial.mseVN, targetVariance: result.targetVariance },
    ...iterateJson(d, res.final),
    trace: res.trace.map((row) => {
      const { timeMs, ...rest } = row;
      return withTime ? { ...rest, timeMs } : rest;
    }),
    ...(withTime ? { elapsedMs: meta.elapsedMs } : {}),
  };
}

function iterateJson(d: ZlyDims, q: ZlyIterate): Pick<ZlyRunFile, 'params' | 'V' | 'Lambda'> {
  const { n } = d;
  return {
    params: { W: q.W.map((w, i) => toRows(w, d.d[i + 1], d.d[i])) },
    V: q.V.map((v, i) => toRows(v, d.d[i + 1], n)),
    Lambda: q.Lambda.map((l, i) => toRows(l, d.d[i + 1], n)),
  };
}

/** One line about a run, read off its file. */
export function zlyRunOutcome(file: ZlyRunFile): RunOutcome {
  if (file.status === 'diverged') {
    return { diverged: true, message: `solver diverged: ${file.divergence ?? 'non-finite value'} (last finite iterate: ${file.iterations})` };
  }
  const f = file.final;
  return { diverged: false, summary: `${file.iterations} iterations, training MSE ${fmt(f.mseNet)} (V_N: ${fmt(f.mseVN)}; variance of Y ${fmt(f.targetVariance)})` };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toExponential(3) : String(x);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading.

const KEYS = ['version', 'command', 'seed', 'source', 'dims', 'activation', 'init', 'lambda', 'beta', 'settings', 'warnings', 'status', 'iterations', 'xi', 'initial', 'final', 'params', 'V', 'Lambda', 'trace'];

const positive: Reader<number> = (v, at) => {
  const x = count(v, at);
  if (x < 1) throw new FieldError(at, `expected an integer ≥ 1, got ${x}`);
  return x;
};

/**
 * Parse and validate a `zly-admm` run file: every key, type and matrix size (sizes from `dims`). Throws a
 * FieldError naming the first bad field, e.g. `trace[3].stepW[1]: expected a finite number, got "x"`.
 */
export function readZlyRunFile(text: string): ZlyRunFile {
  const v = parseJsonText(text, 'run file');
  const o = record(v, '', KEYS, ['elapsedMs', 'divergence']);
  if (o.version !== ZLY_RUN_FILE_VERSION) {
    throw new FieldError('version', `expected run-file version ${ZLY_RUN_FILE_VERSION}, got ${JSON.stringify(o.version) ?? 'nothing'}`);
  }
  const dr = record(o.dims, 'dims', ['n', 'd']);
  const n = positive(dr.n, 'dims.n');
  const d = list(positive)(dr.d, 'dims.d');
  if (d.length < 3) throw new FieldError('dims.d', `expected d0, at least one hidden width, and dN (N ≥ 2), got ${d.length} entries`);
  const N = d.length - 1;
  const src = record(o.source, 'source', ['kind', 'file']);
  const settings = record(o.settings, 'settings', ['iterations', 'lla']);
  const layered = (x: unknown, at: string) => {
    if (!Array.isArray(x) || x.length !== N) throw new FieldError(at, `expected ${N} matrices (layers 1..${N})`);
    return x.map((m, i) => matrix(d[i + 1], n)(m, `${at}[${i}]`));
  };
  const params = record(o.params, 'params', ['W']);
  if (!Array.isArray(params.W) || params.W.length !== N) throw new FieldError('params.W', `expected ${N} matrices [W1, …, W${N}]`);
  const initial = record(o.initial, 'initial', ['L', 'mseVN', 'mseNet']);
  const final = record(o.final, 'final', ['mseNet', 'mseVN', 'targetVariance']);
  const file: ZlyRunFile = {
    version: ZLY_RUN_FILE_VERSION,
    command: list(str)(o.command, 'command'),
    seed: count(o.seed, 'seed'),
    source: { kind: oneOf(['instance'] as const)(src.kind, 'source.kind'), file: str(src.file, 'source.file') },
    dims: { n, d },
    activation: oneOf(ZLY_ACTIVATIONS)(o.activation, 'activation'),
    init: oneOf(['instance', 'default'] as const)(o.init, 'init'),
    lambda: num(o.lambda, 'lambda'),
    beta: list(num, N)(o.beta, 'beta'),
    settings: { iterations: positive(settings.iterations, 'settings.iterations'), lla: oneOf(['paper', 'demo'] as const)(settings.lla, 'settings.lla') },
    warnings: list(str)(o.warnings, 'warnings'),
    status: oneOf(['completed', 'diverged'] as const)(o.status, 'status'),
    ...(o.divergence !== undefined ? { divergence: str(o.divergence, 'divergence') } : {}),
    iterations: count(o.iterations, 'iterations'),
    xi: list(num, N)(o.xi, 'xi'),
    initial: { L: num(initial.L, 'initial.L'), mseVN: num(initial.mseVN, 'initial.mseVN'), mseNet: num(initial.mseNet, 'initial.mseNet') },
    final: { mseNet: num(final.mseNet, 'final.mseNet'), mseVN: num(final.mseVN, 'final.mseVN'), targetVariance: num(final.targetVariance, 'final.targetVariance') },
    params: { W: params.W.map((w, i) => matrix(d[i + 1], d[i])(w, `params.W[${i}]`)) },
    V: layered(o.V, 'V'),
    Lambda: layered(o.Lambda, 'Lambda'),
    trace: list((x, at) => readTraceRow(x, at, N))(o.trace, 'trace'),
  };
  if (o.elapsedMs !== undefined) file.elapsedMs = num(o.elapsedMs, 'elapsedMs');
  if (file.trace.length !== file.iterations) throw new FieldError('trace', `${file.trace.length} rows but iterations = ${file.iterations}`);
  return file;
}

function readTraceRow(v: unknown, at: string, N: number): ZlyTraceRowJson {
  const o = record(v, at, ['k', 'L', 'lyapunov', 'mseVN', 'stepW', 'stepV', 'stepLambda', 'residual', 'h', 'mu'], ['mseNet', 'gradNorm', 'timeMs']);
  const row: ZlyTraceRowJson = {
    k: positive(o.k, `${at}.k`),
    L: num(o.L, `${at}.L`),
    lyapunov: num(o.lyapunov, `${at}.lyapunov`),
    mseVN: num(o.mseVN, `${at}.mseVN`),
    ...(o.mseNet !== undefined ? { mseNet: num(o.mseNet, `${at}.mseNet`) } : {}),
    ...(o.gradNorm !== undefined ? { gradNorm: num(o.gradNorm, `${at}.gradNorm`) } : {}),
    stepW: list(num, N)(o.stepW, `${at}.stepW`),
    stepV: list(num, N)(o.stepV, `${at}.stepV`),
    stepLambda: list(num, N)(o.stepLambda, `${at}.stepLambda`),
    residual: list(num, N)(o.residual, `${at}.residual`),
    h: list(num, N - 1)(o.h, `${at}.h`),
    mu: list(num, Math.max(0, N - 2))(o.mu, `${at}.mu`),
  };
  if (o.timeMs !== undefined) row.timeMs = num(o.timeMs, `${at}.timeMs`);
  return row;
}
