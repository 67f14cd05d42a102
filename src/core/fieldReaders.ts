/**
 * Readers of user-written JSON fields (instance files), shared by every paper. Each reader names the JSON path it
 * was given in its errors, and each paper throws its own {@link FieldError} subclass through `fail`, so the CLI
 * prints one line (`X[3][1]: not a finite number (null; …)`) and callers can still tell whose file was wrong.
 */
import type { FieldError } from './fields.ts';
import { unknownKey } from './shape.ts';

/** A rows×cols matrix read from nested arrays (row-major data). */
export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** The readers, all reporting through one error factory. */
export interface FieldReaders {
  /** Short description of a JSON value for messages. */
  describe(v: unknown): string;
  /** A finite number. JSON has no NaN/Infinity, but strings "NaN", nulls (JSON.stringify's NaN) and 1e400 occur. */
  number(v: unknown, path: string): number;
  /** An integer in 1..max. */
  positiveInt(v: unknown, path: string, max: number): number;
  /** An array of exactly `len` finite numbers. */
  vector(v: unknown, path: string, len: number): Float64Array;
  /** A matrix as nested arrays (one array per row); with `shape` given the sizes must match it. */
  matrix(v: unknown, path: string, shape?: { rows: number; cols: number }): Mat;
  /** Throws on the first key of `v` outside `allowed`, with a typo hint when one is close. */
  checkKeys(v: Record<string, unknown>, allowed: readonly string[], prefix: string): void;
}

/** The readers, throwing `make(field, detail)`. */
export function fieldReaders(make: (field: string, detail: string) => FieldError): FieldReaders {
  const fail = (field: string, detail: string): never => {
    throw make(field, detail);
  };
  const describe = (v: unknown): string => {
    if (v === null) return 'null';
    if (Array.isArray(v)) return `an array of ${v.length}`;
    if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)})`;
    if (typeof v === 'object') return 'an object';
    if (typeof v === 'number') return String(v);
    return `${typeof v} ${String(v)}`;
  };
  const number = (v: unknown, path: string): number => {
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      return fail(path, `not a finite number (${v > 0 ? '' : '-'}Infinity: magnitude beyond the double range)`);
    }
    if (v === null) return fail(path, 'not a finite number (null; JSON.stringify writes NaN and Infinity as null)');
    if (typeof v === 'string' && /^\s*[+-]?(nan|inf|infinity)\s*$/i.test(v)) return fail(path, `not a finite number (${v.trim()})`);
    return fail(path, `expected a number, got ${describe(v)}`);
  };
  return {
    describe,
    number,
    positiveInt(v, path, max) {
      const x = number(v, path);
      if (!Number.isInteger(x) || x < 1) fail(path, `must be a positive integer, got ${x}`);
      if (x > max) fail(path, `${x} is too large (at most ${max})`);
      return x;
    },
    vector(v, path, len) {
      if (!Array.isArray(v)) return fail(path, `expected an array of ${len} numbers, got ${describe(v)}`);
      if (v.length !== len) fail(path, `expected ${len} entries, got ${v.length}`);
      const out = new Float64Array(len);
      for (let i = 0; i < len; i++) out[i] = number(v[i], `${path}[${i}]`);
      return out;
    },
    matrix(v, path, shape) {
      const want = shape ? `${shape.rows}×${shape.cols}` : '';
      if (!Array.isArray(v)) return fail(path, `expected ${want ? want + ' ' : ''}nested arrays (one array per row), got ${describe(v)}`);
      v.forEach((row, i) => {
        if (!Array.isArray(row)) fail(`${path}[${i}]`, `expected a row (an array of numbers), got ${describe(row)}`);
      });
      const rows = v as unknown[][];
      const rect = rows.every((row) => row.length === rows[0].length);
      const got = rect ? `${rows.length}×${rows.length ? rows[0].length : 0}` : `${rows.length} rows`;
      if (shape && rows.length !== shape.rows) fail(path, `expected ${want}, got ${got}`);
      const cols = shape ? shape.cols : rows.length ? rows[0].length : 0;
      if (shape && rect && rows.length > 0 && rows[0].length !== cols) fail(path, `expected ${want}, got ${got}`);
      const data = new Float64Array(rows.length * cols);
      rows.forEach((row, i) => {
        if (row.length !== cols) fail(`${path}[${i}]`, `row has ${row.length} entries, expected ${cols}`);
        for (let j = 0; j < cols; j++) data[i * cols + j] = number(row[j], `${path}[${i}][${j}]`);
      });
      return { rows: rows.length, cols, data };
    },
    checkKeys(v, allowed, prefix) {
      const u = unknownKey(v, allowed);
      if (u !== null) fail(prefix ? `${prefix}.${u.key}` : u.key, `unknown key (${u.hint})`);
    },
  };
}
