/**
 * The TKS instance file: a JSON object describing a training problem, validated field by field. Three tasks:
 *
 *   { "task": "text", "textFile": "../data/metamorphosis.txt", "sequenceLength": 25, "hidden": 100,
 *     "split": 0.9, "params": { "nu", "rho1", "rho2", "rho3", "r", "omega", "batch", "iterations", "sweeps" },
 *     "seed": 1, "comment": "…" }
 *   { "task": "sp500-volatility", "sequenceLength": 12, "hidden": 16, "split": 0.9, "params": {…}, "seed": 1 }
 *   { "task": "synthetic-classification", "sequenceLength": 20, "classes": 4, "inputs": 3, "samples": 1000,
 *     "hidden": 32, "split": 0.9 (optional, default 0.9), "params": {…}, "seed": 1 }
 *
 * (problem/text.ts, problem/windows.ts). `textFile` is relative to the instance file. Every failure throws a
 * `FieldError` whose `field` is the JSON path of the offending value (`params.rho2`, `textFile`); the CLI prints
 * it as one line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FieldError } from '../../../core/fields.ts';
import { describeJsonError } from '../../../core/json.ts';
import { prepareText, type TextTask } from './text.ts';
import { sp500Windows, syntheticClassification, type WindowTask } from './windows.ts';
import type { Hyper } from './types.ts';
import { isObject } from '../../../core/shape.ts';
import { fieldReaders } from '../../../core/fieldReaders.ts';

/** Field readers naming the JSON path in their errors (src/core/fieldReaders.ts). */
const { describe, checkKeys, number: readNumber, positiveInt: readInt } = fieldReaders((field, detail) => new FieldError(field, detail));

/** Solver settings an instance may give. */
export interface TksInstanceParams extends Partial<Hyper> {
  /** Windows per batch B. */
  batch?: number;
  /** Iterations (batches visited). */
  iterations?: number;
  /** Algorithm 1 iterations per visit of a batch. */
  sweeps?: number;
}

/** What every instance has. */
interface InstanceBase {
  sequenceLength: number;
  hidden: number;
  /** Train fraction (time order / sample order). */
  split: number;
  params: TksInstanceParams;
  seed?: number;
  comment?: string;
}

/** A validated text instance (the text not yet read). */
export interface TextInstance extends InstanceBase {
  task: 'text';
  /** The text file's path as written in the instance (relative to it). */
  textFile: string;
}

/** The S&P 500 realized-volatility regression (problem/windows.ts). */
export interface Sp500Instance extends InstanceBase {
  task: 'sp500-volatility';
}

/** The synthetic sequence classification (problem/windows.ts). */
export interface SyntheticInstance extends InstanceBase {
  task: 'synthetic-classification';
  classes: number;
  inputs: number;
  samples: number;
}

/** Any TKS instance. */
export type TksInstance = TextInstance | Sp500Instance | SyntheticInstance;

/** The task names, in the order error messages list them. */
export const TKS_TASKS = ['text', 'sp500-volatility', 'synthetic-classification'] as const;

const COMMON_KEYS = ['task', 'sequenceLength', 'hidden', 'split', 'params', 'seed', 'comment'];
const TOP_KEYS: Record<TksInstance['task'], string[]> = {
  text: [...COMMON_KEYS, 'textFile'],
  'sp500-volatility': COMMON_KEYS,
  'synthetic-classification': [...COMMON_KEYS, 'classes', 'inputs', 'samples'],
};
const HYPER_KEYS = ['nu', 'rho1', 'rho2', 'rho3', 'r', 'omega'] as const;
const PARAM_KEYS = [...HYPER_KEYS, 'batch', 'iterations', 'sweeps'];
/** Largest accepted sizes: h² doubles of w and N·B·h of each auxiliary block must stay far below memory. */
const MAX_HIDDEN = 4096;
const MAX_SEQUENCE = 10_000;
const MAX_BATCH = 100_000;
const MAX_ITERATIONS = 100_000_000;
const MAX_CLASSES = 1000;
const MAX_INPUTS = 10_000;
const MAX_SAMPLES = 10_000_000;

/** Parse and validate the text of an instance file. */
export function parseTksInstance(text: string): TksInstance {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let v: unknown;
  try {
    v = JSON.parse(src);
  } catch (e) {
    throw new FieldError('instance', `not valid JSON (${describeJsonError(src, e)})`);
  }
  if (!isObject(v)) throw new FieldError('instance', `expected a JSON object with keys task, sequenceLength, hidden, split (and textFile for a text); got ${describe(v)}`);
  const tasks = TKS_TASKS.map((t) => `"${t}"`).join(', ');
  if (!('task' in v)) throw new FieldError('task', `missing (one of ${tasks})`);
  const task = TKS_TASKS.find((t) => t === v.task);
  if (task === undefined) throw new FieldError('task', `expected one of ${tasks}, got ${describe(v.task)}`);
  checkKeys(v, TOP_KEYS[task], '');
  const base: InstanceBase = {
    sequenceLength: 'sequenceLength' in v ? readInt(v.sequenceLength, 'sequenceLength', MAX_SEQUENCE) : missing('sequenceLength', 'steps N per window, e.g. 25'),
    hidden: 'hidden' in v ? readInt(v.hidden, 'hidden', MAX_HIDDEN) : missing('hidden', 'number of hidden units, e.g. 100'),
    split: 'split' in v ? readSplit(v.split) : task === 'synthetic-classification' ? 0.9 : missing('split', 'train fraction in (0, 1), e.g. 0.9'),
    params: 'params' in v ? readParams(v.params) : {},
  };
  let out: TksInstance;
  if (task === 'text') {
    if (!('textFile' in v)) throw new FieldError('textFile', 'missing (path of the text, relative to the instance file)');
    if (typeof v.textFile !== 'string' || v.textFile.length === 0) throw new FieldError('textFile', `expected a non-empty path string, got ${describe(v.textFile)}`);
    out = { task, textFile: v.textFile, ...base };
  } else if (task === 'sp500-volatility') out = { task, ...base };
  else {
    out = {
      task, ...base,
      classes: 'classes' in v ? readInt(v.classes, 'classes', MAX_CLASSES) : missing('classes', 'number of classes k ≥ 2, e.g. 4'),
      inputs: 'inputs' in v ? readInt(v.inputs, 'inputs', MAX_INPUTS) : missing('inputs', 'input width d per step, e.g. 3'),
      samples: 'samples' in v ? readInt(v.samples, 'samples', MAX_SAMPLES) : missing('samples', 'number of sequences, e.g. 1000'),
    };
    if (out.classes < 2) throw new FieldError('classes', `need at least 2 classes, got ${out.classes}`);
  }
  if ('seed' in v) {
    const s = readNumber(v.seed, 'seed');
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) throw new FieldError('seed', `expected an integer 0..4294967295, got ${s}`);
    out.seed = s;
  }
  if ('comment' in v) {
    if (typeof v.comment !== 'string') throw new FieldError('comment', `expected a string, got ${describe(v.comment)}`);
    out.comment = v.comment;
  }
  return out;
}

/** Read the instance's text (relative to `instancePath`) and prepare the task with B windows per batch. */
export function loadTextTask(inst: TksInstance, instancePath: string, B: number): { task: TextTask; textPath: string } {
  if (inst.task !== 'text') throw new FieldError('task', `"${inst.task}" has no text file`);
  const textPath = path.resolve(path.dirname(instancePath), inst.textFile);
  let text: string;
  try {
    text = fs.readFileSync(textPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FieldError('textFile', `cannot read ${textPath}${code ? ` (${code})` : ''}`);
  }
  if (text.length === 0) throw new FieldError('textFile', `${textPath} is empty`);
  try {
    return { task: prepareText(text, inst.sequenceLength, B, inst.split), textPath };
  } catch (e) {
    throw new FieldError('textFile', `${textPath} (${text.length} characters, split ${inst.split}): ${(e as Error).message}`);
  }
}

/** Seed of the synthetic data when the instance has none. */
export const DEFAULT_DATA_SEED = 1;

/**
 * Build the window task of an S&P 500 or synthetic instance with B windows per batch (undefined: the task's
 * default); a size that does not fit is reported on the field that set it. The synthetic data are a property of
 * the instance file: drawn from its `seed` (default {@link DEFAULT_DATA_SEED}) whatever the run's --seed, so
 * every method given the file trains on the same sequences (--seed then only moves the initialization).
 */
export function loadWindowTask(inst: Sp500Instance | SyntheticInstance, B: number | undefined): WindowTask {
  try {
    if (inst.task === 'sp500-volatility') return sp500Windows(inst.sequenceLength, inst.split, B);
    const spec = { N: inst.sequenceLength, classes: inst.classes, inputs: inst.inputs, samples: inst.samples, split: inst.split };
    return syntheticClassification(spec, inst.seed ?? DEFAULT_DATA_SEED, B);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const field = /^batch/.test(e.message) ? 'params.batch' : /^split/.test(e.message) ? 'split' : 'sequenceLength';
    throw new FieldError(field, e.message);
  }
}

function missing(field: string, what: string): never {
  throw new FieldError(field, `missing (${what})`);
}

function readSplit(v: unknown): number {
  const s = readNumber(v, 'split');
  if (!(s > 0 && s < 1)) throw new FieldError('split', `train fraction must be in (0, 1), got ${s}`);
  return s;
}

function readParams(v: unknown): TksInstanceParams {
  if (!isObject(v)) throw new FieldError('params', `expected an object with keys among ${PARAM_KEYS.join(', ')}; got ${describe(v)}`);
  checkKeys(v, PARAM_KEYS, 'params');
  const out: TksInstanceParams = {};
  for (const k of HYPER_KEYS) {
    if (!(k in v)) continue;
    const x = readNumber(v[k], `params.${k}`);
    if (k === 'omega' ? !(x >= 0) : !(x > 0)) throw new FieldError(`params.${k}`, `must be ${k === 'omega' ? '≥ 0' : '> 0'}, got ${x}`);
    out[k] = x;
  }
  if ('batch' in v) out.batch = readInt(v.batch, 'params.batch', MAX_BATCH);
  if ('iterations' in v) out.iterations = readInt(v.iterations, 'params.iterations', MAX_ITERATIONS);
  if ('sweeps' in v) out.sweeps = readInt(v.sweeps, 'params.sweeps', 1000);
  return out;
}
