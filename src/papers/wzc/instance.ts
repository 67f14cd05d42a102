/**
 * The instance file: a JSON object describing one training problem (2.6), validated field by field.
 *
 *   { "X": [[…n numbers…], …T rows…], "Y": [[…m…], …T rows…], "hidden": r,
 *     "activation": "relu" | "leaky-relu" | "elu" | {"kind": "leaky-relu", "slope": 0.01} | {"kind": "elu", "alpha": 1},
 *     "init": {"W": r×r, "V": r×n, "b": [r], "A": m×r, "c": [m]},
 *     "params": {"gamma0", "mu", "lambda": [6], "eps0", "eta1", "eta2", "eta3", "eta4", "Gamma", "outer", "inner"},
 *     "split": 0.9, "standardize": true, "setting": "synthetic-T10" | "sp500" | "synthetic-T500", "comment": "…" }
 *
 * Only X, Y and hidden are required. Every failure throws {@link InstanceError} (a FieldError) whose `field` is
 * the JSON path of the offending value (`X[3]`, `params.lambda[2]`, `init.W`); the CLI prints it as one line.
 *
 * The format is the input of the `wzc-alm` training method (method.ts), so it sits beside it, above solver/:
 * `setting` names a Table 2 row and `params` are solver parameters, both typed by the solver's own definitions.
 */
import type { Activation, Data, Dims, Weights } from '../../models/elman.ts';
import type { Lambda, Problem } from './problem/types.ts';
import { describeJsonError, formatJson, toRows } from '../../core/json.ts';
import { FieldError } from '../../core/fields.ts';
import { ALM_SETTINGS, type AlmParams, type AlmSetting } from './solver/index.ts';
import { isObject } from '../../core/shape.ts';
import { fieldReaders } from '../../core/fieldReaders.ts';

export { formatJson, toRows } from '../../core/json.ts';

/** A problem with the instance file; `field` is the JSON path of the offending value, or `instance` for the file. */
export class InstanceError extends FieldError {
  constructor(field: string, detail: string) {
    super(field, detail);
    this.name = 'InstanceError';
  }
}

/** Field readers naming the JSON path in their errors (src/core/fieldReaders.ts), throwing InstanceError. */
const {
  describe, checkKeys, number: readNumber, vector: readVector, matrix: readMatrix, positiveInt: readInt,
} = fieldReaders((field, detail) => new InstanceError(field, detail));

/** Table 2 rows whose defaults an instance may ask for: the solver's settings. */
export type InstanceSetting = AlmSetting;

/** Solver parameters an instance may set (every one optional; `lambda` is read separately). */
export type InstanceParams = Partial<AlmParams>;

/** A validated instance. */
export interface ParsedInstance {
  /** Data as given (neither split nor standardized), activation, and λ (given, or Table 2's form with τ = 1). */
  problem: Problem;
  /** Whether `params.lambda` was given (if not, callers may substitute their own default). */
  lambdaGiven: boolean;
  init?: Weights;
  params?: InstanceParams;
  /** `split`: train fraction in (0, 1); absent = train on all T steps. */
  split?: number;
  standardize?: boolean;
  setting?: InstanceSetting;
  comment?: string;
  warnings: string[];
}

/** What {@link instanceToJson} writes. */
export interface InstanceInput {
  data: Data;
  activation?: Activation;
  init?: Weights;
  params?: InstanceParams & { lambda?: Lambda };
  split?: number;
  standardize?: boolean;
  setting?: InstanceSetting;
  comment?: string;
}

const SETTINGS: readonly InstanceSetting[] = ALM_SETTINGS;
const TOP_KEYS = ['X', 'Y', 'hidden', 'activation', 'init', 'params', 'split', 'standardize', 'setting', 'comment'];
const PARAM_KEYS = ['gamma0', 'mu', 'lambda', 'eps0', 'eta1', 'eta2', 'eta3', 'eta4', 'Gamma', 'outer', 'inner'];
/** Largest accepted r: r² doubles of W alone must stay far below memory (1e8 × 8 B = 800 MB). */
const MAX_HIDDEN = 10_000;
const MAX_ITERS = 100_000_000;

/** Table 2's regularization λ = (τ/rm, τ/r², τ/rn, τ/r, τ/m, 1e−8) (the default when `params.lambda` is absent, τ = 1). */
export function defaultLambda(d: Dims, tau = 1): Lambda {
  const { n, m, r } = d;
  return [tau / (r * m), tau / (r * r), tau / (r * n), tau / r, tau / m, 1e-8];
}

/** Parse and validate the text of an instance file. */
export function parseInstance(text: string): ParsedInstance {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch (e) {
    throw new InstanceError('instance', `not valid JSON (${describeJsonError(src, e)})`);
  }
  return validateInstance(value);
}

/** Validate an already-parsed JSON value as an instance. */
export function validateInstance(v: unknown): ParsedInstance {
  if (!isObject(v)) throw new InstanceError('instance', `expected a JSON object with keys X, Y, hidden; got ${describe(v)}`);
  checkKeys(v, TOP_KEYS, '');
  const warnings: string[] = [];
  if (!('X' in v)) throw new InstanceError('X', 'missing (T×n inputs, one row per time step)');
  const X = readMatrix(v.X, 'X');
  if (X.rows === 0) throw new InstanceError('X', 'empty sequence (T = 0); need at least one time step');
  if (X.cols === 0) throw new InstanceError('X', 'rows are empty (n = 0 inputs); need at least one input');
  if (!('Y' in v)) throw new InstanceError('Y', 'missing (T×m outputs, one row per time step)');
  if (!Array.isArray(v.Y)) throw new InstanceError('Y', `expected T×m nested arrays, got ${describe(v.Y)}`);
  if (v.Y.length !== X.rows) throw new InstanceError('Y', `${v.Y.length} rows but X has ${X.rows}`);
  const Y = readMatrix(v.Y, 'Y');
  if (Y.cols === 0) throw new InstanceError('Y', 'rows are empty (m = 0 outputs); need at least one output');
  if (!('hidden' in v)) throw new InstanceError('hidden', 'missing (number r of hidden units, a positive integer)');
  const r = readInt(v.hidden, 'hidden', MAX_HIDDEN);
  const dims: Dims = { T: X.rows, n: X.cols, m: Y.cols, r };
  const activation = 'activation' in v ? readActivation(v.activation, warnings) : { kind: 'relu' as const };
  const out: ParsedInstance = {
    problem: { data: { dims, X: X.data, Y: Y.data }, activation, lambda: defaultLambda(dims) },
    lambdaGiven: false,
    warnings,
  };
  if ('init' in v) out.init = readInit(v.init, dims);
  if ('params' in v) {
    const p = readParams(v.params, warnings);
    if (p.lambda) {
      out.problem = { ...out.problem, lambda: p.lambda };
      out.lambdaGiven = true;
    }
    out.params = p.params;
  }
  if ('split' in v) {
    const s = readNumber(v.split, 'split');
    if (!(s > 0 && s < 1)) throw new InstanceError('split', `train fraction must be in (0, 1), got ${s}`);
    if (dims.T < 2) throw new InstanceError('split', `needs T ≥ 2 time steps to leave a test part, got T = ${dims.T}`);
    out.split = s;
  }
  if ('standardize' in v) {
    if (typeof v.standardize !== 'boolean') throw new InstanceError('standardize', `expected true or false, got ${describe(v.standardize)}`);
    out.standardize = v.standardize;
  }
  if ('setting' in v) {
    const s = v.setting;
    if (typeof s !== 'string' || !(SETTINGS as readonly string[]).includes(s)) {
      throw new InstanceError('setting', `expected one of ${SETTINGS.map((x) => `"${x}"`).join(', ')}, got ${describe(s)}`);
    }
    out.setting = s as InstanceSetting;
  }
  if ('comment' in v) {
    if (typeof v.comment !== 'string') throw new InstanceError('comment', `expected a string, got ${describe(v.comment)}`);
    out.comment = v.comment;
  }
  return out;
}

/**
 * Serialize an instance (e.g. a generated one) in the format {@link parseInstance} reads: one matrix row per
 * line, numbers in shortest round-trip form, so parsing gives back the same doubles.
 */
export function instanceToJson(inst: InstanceInput, hidden: number): string {
  const { T, n, m } = inst.data.dims;
  const o: Record<string, unknown> = {};
  if (inst.comment !== undefined) o.comment = inst.comment;
  if (inst.setting !== undefined) o.setting = inst.setting;
  o.hidden = hidden;
  if (inst.activation) o.activation = inst.activation.kind === 'relu' ? 'relu' : inst.activation;
  if (inst.split !== undefined) o.split = inst.split;
  if (inst.standardize !== undefined) o.standardize = inst.standardize;
  if (inst.params) o.params = inst.params;
  o.X = toRows(inst.data.X, T, n);
  o.Y = toRows(inst.data.Y, T, m);
  if (inst.init) {
    const z = inst.init;
    o.init = { W: toRows(z.W, hidden, hidden), V: toRows(z.V, hidden, n), b: Array.from(z.b), A: toRows(z.A, m, hidden), c: Array.from(z.c) };
  }
  return formatJson(o) + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// Field readers. Each names the JSON path it was given in its errors.






function readActivation(v: unknown, warnings: string[]): Activation {
  const names = '"relu", "leaky-relu" or "elu"';
  if (typeof v === 'string') {
    if (v === 'relu') return { kind: 'relu' };
    if (v === 'leaky-relu') return { kind: 'leaky-relu', slope: 0.01 };
    if (v === 'elu') return { kind: 'elu', alpha: 1 };
    throw new InstanceError('activation', `unknown activation "${v}" (expected ${names})`);
  }
  if (!isObject(v)) throw new InstanceError('activation', `expected ${names} or an object {"kind": …}, got ${describe(v)}`);
  const kind = v.kind;
  if (kind === undefined) throw new InstanceError('activation.kind', `missing (${names})`);
  if (kind === 'relu') {
    checkKeys(v, ['kind'], 'activation');
    return { kind: 'relu' };
  }
  if (kind === 'leaky-relu') {
    checkKeys(v, ['kind', 'slope'], 'activation');
    const slope = 'slope' in v ? readNumber(v.slope, 'activation.slope') : 0.01;
    if (!(slope > 0 && slope < 1)) throw new InstanceError('activation.slope', `must be in (0, 1), got ${slope}`);
    return { kind: 'leaky-relu', slope };
  }
  if (kind === 'elu') {
    checkKeys(v, ['kind', 'alpha'], 'activation');
    const alpha = 'alpha' in v ? readNumber(v.alpha, 'activation.alpha') : 1;
    if (!(alpha > 0)) throw new InstanceError('activation.alpha', `must be > 0, got ${alpha}`);
    if (alpha > 1) warnings.push(`activation.alpha = ${alpha} > 1: σ is then ${alpha}-Lipschitz; the paper's §4.3 takes α = 1, and its L1, L2 (3.4) behind the stop test (3.17) assume a 1-Lipschitz σ (violated for α > 1, e.g. L2 at T = 1, r = 1, α = 1.01)`);
    return { kind: 'elu', alpha };
  }
  throw new InstanceError('activation.kind', `unknown activation ${describe(kind)} (expected ${names})`);
}

function readInit(v: unknown, d: Dims): Weights {
  if (!isObject(v)) throw new InstanceError('init', `expected an object {W, V, b, A, c}, got ${describe(v)}`);
  checkKeys(v, ['W', 'V', 'b', 'A', 'c'], 'init');
  for (const k of ['W', 'V', 'b', 'A', 'c']) {
    if (!(k in v)) throw new InstanceError(`init.${k}`, 'missing (init needs all of W, V, b, A, c)');
  }
  const { n, m, r } = d;
  return {
    W: readMatrix(v.W, 'init.W', { rows: r, cols: r }).data,
    V: readMatrix(v.V, 'init.V', { rows: r, cols: n }).data,
    b: readVector(v.b, 'init.b', r),
    A: readMatrix(v.A, 'init.A', { rows: m, cols: r }).data,
    c: readVector(v.c, 'init.c', m),
  };
}

function readParams(v: unknown, warnings: string[]): { params: InstanceParams; lambda?: Lambda } {
  if (!isObject(v)) throw new InstanceError('params', `expected an object, got ${describe(v)}`);
  checkKeys(v, PARAM_KEYS, 'params');
  const p: InstanceParams = {};
  const pos = (k: 'gamma0' | 'mu' | 'Gamma') => {
    if (!(k in v)) return;
    const x = readNumber(v[k], `params.${k}`);
    if (!(x > 0)) throw new InstanceError(`params.${k}`, `must be > 0, got ${x}`);
    p[k] = x;
  };
  const unit = (k: 'eta1' | 'eta2' | 'eta4') => {
    if (!(k in v)) return;
    const x = readNumber(v[k], `params.${k}`);
    if (!(x > 0 && x < 1)) throw new InstanceError(`params.${k}`, `must be in (0, 1), got ${x}`);
    p[k] = x;
  };
  pos('gamma0');
  pos('mu');
  pos('Gamma');
  unit('eta1');
  unit('eta2');
  unit('eta4');
  if ('eps0' in v) {
    const x = readNumber(v.eps0, 'params.eps0');
    if (!(x >= 0)) throw new InstanceError('params.eps0', `must be ≥ 0 (0 selects the exact stop test (4.9)), got ${x}`);
    p.eps0 = x;
  }
  if ('eta3' in v) {
    const x = readNumber(v.eta3, 'params.eta3');
    if (!(x > 0)) throw new InstanceError('params.eta3', `must be > 0, got ${x}`);
    if (x <= 1) warnings.push(eta3Warning('params.eta3', x));
    p.eta3 = x;
  }
  if ('outer' in v) p.outer = readInt(v.outer, 'params.outer', MAX_ITERS);
  if ('inner' in v) p.inner = readInt(v.inner, 'params.inner', MAX_ITERS);
  if (!('lambda' in v)) return { params: p };
  const l = v.lambda;
  if (!Array.isArray(l)) throw new InstanceError('params.lambda', `expected 6 numbers (λ1..λ6), got ${describe(l)}`);
  if (l.length !== 6) throw new InstanceError('params.lambda', `expected 6 numbers (λ1..λ6), got ${l.length}`);
  const lam = l.map((x, i) => {
    const y = readNumber(x, `params.lambda[${i}]`);
    if (!(y > 0)) throw new InstanceError(`params.lambda[${i}]`, `must be > 0 (λ${i + 1} of (2.5)), got ${y}`);
    return y;
  });
  return { params: p, lambda: [lam[0], lam[1], lam[2], lam[3], lam[4], lam[5]] };
}

/** The warning for 0 < η3 ≤ 1 (accepted: the paper's own Table 2 uses such values). */
export function eta3Warning(field: string, eta3: number): string {
  return `${field} = ${eta3} ≤ 1: Algorithm 3.1 asks η3 > 1, but the paper's Table 2 uses 0.01 and 0.015; accepted`;
}

// ---------------------------------------------------------------------------------------------------------------




