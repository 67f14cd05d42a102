/**
 * Field-level input errors shared by every layer. A {@link FieldError} names the offending field — a JSON path
 * in a file (`params.lambda[2]`) or a flag (`--outer`) — so the CLI can print one line without a stack trace.
 * It lives in core/ because the papers and the engine must not import from cli/.
 */

/** A problem with one field of what the user gave; the message is `<field>: <detail>`. */
export class FieldError extends Error {
  /** JSON path or flag of the offending field, e.g. `params.lambda[2]`, `--out`, or `instance` for a whole file. */
  readonly field: string;
  /** The message without the field prefix. */
  readonly detail: string;
  constructor(field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = 'FieldError';
    this.field = field;
    this.detail = detail;
  }
}

/** Parse an integer flag in [min, max]; anything else is a FieldError naming the flag. */
export function parseInteger(s: string, flag: string, min: number, max: number): number {
  const x = Number(s);
  if (!/^\s*\d+\s*$/.test(s) || !Number.isInteger(x) || x < min || x > max) {
    throw new FieldError(flag, `must be an integer in ${min}..${max}, got "${s}"`);
  }
  return x;
}
