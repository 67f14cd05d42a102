/** Errors of the linear-algebra layer. */

/** Raised when a matrix handed to {@link cholesky} is not (numerically) symmetric positive definite. */
export class NotPositiveDefiniteError extends Error {
  /** Index of the failing pivot. */
  readonly pivot: number;
  /** The non-positive (or non-finite) value found at that pivot. */
  readonly value: number;
  constructor(pivot: number, value: number, what = 'matrix') {
    super(`${what} is not positive definite: pivot ${pivot} is ${value}`);
    this.name = 'NotPositiveDefiniteError';
    this.pivot = pivot;
    this.value = value;
  }
}
