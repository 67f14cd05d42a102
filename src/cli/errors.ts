/** A problem with what the user gave (a file, a field, a flag). The message names the field. */
export class UsageError extends Error {
  /** Dotted path of the offending field, e.g. `params.lambda[2]` or `--out`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'UsageError';
    this.field = field;
  }
}
