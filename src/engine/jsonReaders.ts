/**
 * Readers and writers of plain JSON for instance families (fixtures, replays, counterexamples in reports). A
 * reader throws with the field's name when the input is malformed, so a broken fixture says what is wrong.
 * Paper-agnostic; each ledger builds the codecs of its own types from these.
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** A Float64Array as a plain array. */
export function arr(a: Float64Array): number[] {
  return Array.from(a);
}

/** An array of numbers as a Float64Array. */
export function f64(j: unknown, field: string): Float64Array {
  if (!Array.isArray(j) || !j.every((v) => typeof v === 'number')) throw new Error(`${field}: expected an array of numbers`);
  return Float64Array.from(j as number[]);
}

/** A JSON object (not null, not an array). */
export function obj(j: unknown, field: string): Json {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) throw new Error(`${field}: expected an object`);
  return j as Json;
}

/** A finite number. */
export function num(j: unknown, field: string): number {
  if (typeof j !== 'number' || !Number.isFinite(j)) throw new Error(`${field}: expected a finite number`);
  return j;
}

/** A finite number > 0. */
export function positive(j: unknown, field: string): number {
  if (typeof j !== 'number' || !(j > 0) || !Number.isFinite(j)) throw new Error(`${field}: expected a finite number > 0`);
  return j;
}
