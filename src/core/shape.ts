/**
 * Readers for JSON files we write ourselves (run files): each checks one value's shape and returns it typed, or
 * throws a {@link FieldError} whose field is the JSON path (`outer[3].feasVio`), so a bad file is reported in one
 * line. `at` is the path of the value being read; top-level keys have no prefix.
 */
import { FieldError } from './fields.ts';
import { describeJsonError } from './json.ts';

/** A reader of one value at a JSON path. */
export type Reader<T> = (v: unknown, at: string) => T;

/** `JSON.parse`, with a syntax error reported on field `what` (e.g. `run file`). */
export function parseJsonText(text: string, what: string): unknown {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(src);
  } catch (e) {
    throw new FieldError(what, `not valid JSON (${describeJsonError(src, e)})`);
  }
}

/** Short description of a JSON value for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)})`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const join = (at: string, key: string) => (at ? `${at}.${key}` : key);

/**
 * An object with exactly the `required` keys and any of the `optional` ones (unknown keys are errors: a file of
 * another format or version should not half-read).
 */
export function record(v: unknown, at: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FieldError(at || 'file', `expected an object, got ${describeValue(v)}`);
  const o = v as Record<string, unknown>;
  for (const k of required) if (!(k in o)) throw new FieldError(join(at, k), 'missing');
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) throw new FieldError(join(at, k), 'unknown key');
  }
  return o;
}

/** A finite number. */
export const num: Reader<number> = (v, at) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const why = v === null ? ' (null stands for a non-finite value)' : '';
  throw new FieldError(at, `expected a finite number, got ${describeValue(v)}${why}`);
};

/** A finite number, or null (JSON's stand-in for NaN and ±Infinity). */
export const numOrNull: Reader<number | null> = (v, at) => (v === null ? null : num(v, at));

/** An integer ≥ 0. */
export const count: Reader<number> = (v, at) => {
  if (Number.isInteger(v) && (v as number) >= 0) return v as number;
  throw new FieldError(at, `expected an integer ≥ 0, got ${describeValue(v)}`);
};

export const str: Reader<string> = (v, at) => {
  if (typeof v === 'string') return v;
  throw new FieldError(at, `expected a string, got ${describeValue(v)}`);
};

export const bool: Reader<boolean> = (v, at) => {
  if (typeof v === 'boolean') return v;
  throw new FieldError(at, `expected true or false, got ${describeValue(v)}`);
};

/** One of the given strings. */
export function oneOf<T extends string>(values: readonly T[]): Reader<T> {
  return (v, at) => {
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    throw new FieldError(at, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${describeValue(v)}`);
  };
}

/** An array of items (of exactly `length` items when given). */
export function list<T>(item: Reader<T>, length?: number): Reader<T[]> {
  return (v, at) => {
    if (!Array.isArray(v)) throw new FieldError(at, `expected an array, got ${describeValue(v)}`);
    if (length !== undefined && v.length !== length) throw new FieldError(at, `expected ${length} entries, got ${v.length}`);
    return v.map((x, i) => item(x, `${at}[${i}]`));
  };
}

/** A rows×cols matrix as nested arrays, one array per row. */
export function matrix<T = number>(rows: number, cols: number, cell: Reader<T> = num as Reader<T>): Reader<T[][]> {
  return (v, at) => {
    if (!Array.isArray(v) || v.length !== rows) {
      throw new FieldError(at, `expected ${rows}×${cols} nested arrays, got ${describeValue(v)}`);
    }
    return list(list(cell, cols))(v, at);
  };
}

/** A plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The first key of `v` that is not in `allowed`, with a hint for the message: the closest allowed key when one is
 * within edit distance 2 (case-insensitive; a typo), else the allowed keys; null when every key is allowed.
 */
export function unknownKey(v: Record<string, unknown>, allowed: readonly string[]): { key: string; hint: string } | null {
  for (const k of Object.keys(v)) {
    if (allowed.includes(k)) continue;
    let near: string | undefined;
    let best = Math.min(3, k.length);
    for (const a of allowed) {
      const dist = editDistance(a.toLowerCase(), k.toLowerCase());
      if (dist < best) [near, best] = [a, dist];
    }
    return { key: k, hint: near ? `did you mean "${near}"?` : `expected one of ${allowed.join(', ')}` };
  }
  return null;
}

/** Levenshtein distance (insertions, deletions, substitutions), one row of memory. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
