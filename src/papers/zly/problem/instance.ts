/**
 * The ZLY instance file: a JSON object describing one problem (5), validated field by field.
 *
 *   { "X": d0×n nested arrays (one row per input coordinate, one COLUMN per sample),
 *     "Y": dN×n, "widths": [d1, …, d_{N−1}] (at least one hidden layer: N ≥ 2),
 *     "activation": "sigmoid" | "tanh",
 *     "init": {"W": [W1 (d1×d0), …, WN (dN×d_{N−1})]},            optional (default: seeded, see demo.ts)
 *     "params": {"lambda": λ > 0, "beta": [β1, …, βN] all > 0},    optional (default: the authors' demo,
 *                                                                   λ = 1e-6, β_i = 1; either key may be given alone)
 *     "comment": "…" }
 *
 * Every failure throws {@link ZlyInstanceError} whose `field` is the JSON path of the offending value (`X[3][1]`,
 * `init.W[1]`, `params.beta[0]`); the CLI turns it into a one-line usage error.
 */
import { describeJsonError, formatJson, toRows } from '../../../core/json.ts';
import { FieldError } from '../../../core/fields.ts';
import { isZlyActivation, ZLY_ACTIVATIONS, type ZlyActivation } from './activation.ts';
import type { ZlyDims } from './types.ts';
import { isObject } from '../../../core/shape.ts';
import { fieldReaders } from '../../../core/fieldReaders.ts';

/** A problem with the instance file; `field` is the JSON path (`init.W[1]`), or `instance` for the whole file. */
export class ZlyInstanceError extends FieldError {
  constructor(field: string, detail: string) {
    super(field, detail);
    this.name = 'ZlyInstanceError';
  }
}

/** Field readers naming the JSON path in their errors (src/core/fieldReaders.ts), throwing ZlyInstanceError. */
const {
  describe, checkKeys, number: readNumber, matrix: readMatrix, positiveInt: readInt,
} = fieldReaders((field, detail) => new ZlyInstanceError(field, detail));

/** The authors' demo parameters (λ = 1e-6, β_i = 1), the defaults of an instance without `params`. */
export const DEMO_LAMBDA = 1e-6;
/** β_i of the authors' demo. */
export const DEMO_BETA = 1;

/** A validated instance. */
export interface ZlyInstance {
  dims: ZlyDims;
  X: Float64Array;
  Y: Float64Array;
  activation: ZlyActivation;
  /** W_1⁰..W_N⁰ if given. */
  init?: Float64Array[];
  lambda: number;
  beta: number[];
  /** Which of λ, β came from the file (the rest are the demo defaults). */
  given: { lambda: boolean; beta: boolean };
  comment?: string;
}

const TOP_KEYS = ['X', 'Y', 'widths', 'activation', 'init', 'params', 'comment'];
/** Largest accepted width: a d×d Gram and n×d transposes must fit far below memory. */
const MAX_WIDTH = 10_000;

/** Parse and validate the text of a ZLY instance file. */
export function parseZlyInstance(text: string): ZlyInstance {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch (e) {
    throw new ZlyInstanceError('instance', `not valid JSON (${describeJsonError(src, e)})`);
  }
  return validateZlyInstance(value);
}

/** Validate an already-parsed JSON value as a ZLY instance. */
export function validateZlyInstance(v: unknown): ZlyInstance {
  if (!isObject(v)) throw new ZlyInstanceError('instance', `expected a JSON object with keys X, Y, widths, activation; got ${describe(v)}`);
  checkKeys(v, TOP_KEYS, '');
  if (!('X' in v)) throw new ZlyInstanceError('X', 'missing (d0×n inputs: one row per input coordinate, one column per sample)');
  const X = readMatrix(v.X, 'X');
  if (X.rows === 0) throw new ZlyInstanceError('X', 'empty (d0 = 0 rows); need at least one input coordinate');
  if (X.cols === 0) throw new ZlyInstanceError('X', 'rows are empty (n = 0 samples); need at least one sample');
  if (!('Y' in v)) throw new ZlyInstanceError('Y', 'missing (dN×n targets: one row per output, one column per sample)');
  const Y = readMatrix(v.Y, 'Y');
  if (Y.rows === 0) throw new ZlyInstanceError('Y', 'empty (dN = 0 rows); need at least one output');
  if (Y.cols !== X.cols) {
    const hint = Y.rows === X.rows ? '; samples are columns: were X and Y written one row per sample?' : '';
    throw new ZlyInstanceError('Y', `${Y.cols} columns (samples) but X has ${X.cols}${hint}`);
  }
  if (!('widths' in v)) throw new ZlyInstanceError('widths', 'missing (hidden widths [d1, …, d_{N−1}], at least one)');
  const widths = readWidths(v.widths);
  if (!('activation' in v)) throw new ZlyInstanceError('activation', `missing (${ZLY_ACTIVATIONS.map((a) => `"${a}"`).join(' or ')})`);
  const activation = readActivation(v.activation);
  const dims: ZlyDims = { n: X.cols, d: [X.rows, ...widths, Y.rows] };
  const N = dims.d.length - 1;
  const out: ZlyInstance = {
    dims, X: X.data, Y: Y.data, activation, lambda: DEMO_LAMBDA, beta: new Array<number>(N).fill(DEMO_BETA),
    given: { lambda: false, beta: false },
  };
  if ('init' in v) out.init = readInit(v.init, dims);
  if ('params' in v) readParams(v.params, out);
  if ('comment' in v) {
    if (typeof v.comment !== 'string') throw new ZlyInstanceError('comment', `expected a string, got ${describe(v.comment)}`);
    out.comment = v.comment;
  }
  return out;
}

/** What {@link zlyInstanceToJson} writes. */
export interface ZlyInstanceInput {
  dims: ZlyDims;
  X: Float64Array;
  Y: Float64Array;
  activation: ZlyActivation;
  init?: readonly Float64Array[];
  lambda?: number;
  beta?: readonly number[];
  comment?: string;
}

/** Serialize an instance in the format {@link parseZlyInstance} reads (one matrix row per line, exact doubles). */
export function zlyInstanceToJson(inst: ZlyInstanceInput): string {
  const { d, n } = inst.dims;
  const N = d.length - 1;
  const o: Record<string, unknown> = {};
  if (inst.comment !== undefined) o.comment = inst.comment;
  o.activation = inst.activation;
  o.widths = d.slice(1, N);
  if (inst.lambda !== undefined || inst.beta !== undefined) {
    const p: Record<string, unknown> = {};
    if (inst.lambda !== undefined) p.lambda = inst.lambda;
    if (inst.beta !== undefined) p.beta = [...inst.beta];
    o.params = p;
  }
  o.X = toRows(inst.X, d[0], n);
  o.Y = toRows(inst.Y, d[N], n);
  if (inst.init) o.init = { W: inst.init.map((w, i) => toRows(w, d[i + 1], d[i])) };
  return formatJson(o) + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// Field readers. Each names the JSON path it was given in its errors.




function readPositive(v: unknown, path: string, what: string): number {
  const x = readNumber(v, path);
  if (!(x > 0)) throw new ZlyInstanceError(path, `must be > 0 (${what}), got ${x}`);
  return x;
}

function readWidths(v: unknown): number[] {
  if (!Array.isArray(v)) throw new ZlyInstanceError('widths', `expected an array of hidden widths [d1, …, d_{N−1}], got ${describe(v)}`);
  if (v.length === 0) throw new ZlyInstanceError('widths', 'empty: ZLY needs at least one hidden layer (N ≥ 2)');
  return v.map((w, i) => readInt(w, `widths[${i}]`, MAX_WIDTH));
}

function readActivation(v: unknown): ZlyActivation {
  const names = ZLY_ACTIVATIONS.map((a) => `"${a}"`).join(' or ');
  if (isZlyActivation(v)) return v;
  if (typeof v === 'string') {
    const why = ['relu', 'leaky-relu', 'elu'].includes(v) ? ' is not twice differentiable; Assumption 1 needs a smooth σ:' : ' is unknown;';
    throw new ZlyInstanceError('activation', `"${v}"${why} expected ${names}`);
  }
  throw new ZlyInstanceError('activation', `expected ${names}, got ${describe(v)}`);
}

function readInit(v: unknown, d: ZlyDims): Float64Array[] {
  if (!isObject(v)) throw new ZlyInstanceError('init', `expected an object {"W": [W1, …, WN]}, got ${describe(v)}`);
  checkKeys(v, ['W'], 'init');
  if (!('W' in v)) throw new ZlyInstanceError('init.W', 'missing (the list [W1, …, WN] of initial weights)');
  const N = d.d.length - 1;
  const W = v.W;
  if (!Array.isArray(W)) throw new ZlyInstanceError('init.W', `expected a list of ${N} matrices [W1, …, WN], got ${describe(W)}`);
  if (W.length !== N) throw new ZlyInstanceError('init.W', `expected ${N} matrices (N = ${N} layers from widths), got ${W.length}`);
  return W.map((w, i) => readMatrix(w, `init.W[${i}]`, { rows: d.d[i + 1], cols: d.d[i] }).data);
}

function readParams(v: unknown, out: ZlyInstance): void {
  if (!isObject(v)) throw new ZlyInstanceError('params', `expected an object {"lambda": λ, "beta": [β1, …, βN]}, got ${describe(v)}`);
  checkKeys(v, ['lambda', 'beta'], 'params');
  const N = out.dims.d.length - 1;
  if ('lambda' in v) {
    out.lambda = readPositive(v.lambda, 'params.lambda', 'ridge weight λ of (5)');
    out.given.lambda = true;
  }
  if ('beta' in v) {
    const b = v.beta;
    if (!Array.isArray(b)) throw new ZlyInstanceError('params.beta', `expected ${N} numbers [β1, …, βN], got ${describe(b)}`);
    if (b.length !== N) throw new ZlyInstanceError('params.beta', `expected ${N} numbers (one per layer, N = ${N}), got ${b.length}`);
    out.beta = b.map((x, i) => readPositive(x, `params.beta[${i}]`, `penalty β${i + 1} of (6)`));
    out.given.beta = true;
  }
}

// ---------------------------------------------------------------------------------------------------------------




