/**
 * Who is to blame when a claim's evaluation throws. The contract (see also `Claim` in types.ts):
 *
 * - An exception from the CODE UNDER TEST — the solver, the paper's formula being checked, anything a check
 *   calls that is not marked as an oracle — on an instance whose hypotheses held is a failure of that run: the
 *   run is `violated` (detail `… threw …`), shrunk and given a replay command like any other violation. This is
 *   the default: a check need not do anything for it.
 * - An exception from an ORACLE (a paper's `theory/`, `engine/oracles/`, an independent library computation
 *   inside a check) is an engine error: the checker, not the checked code, failed. Oracles say so by throwing
 *   {@link OracleError}: oracle modules wrap their exports in {@link oracleFn}, and a check wraps an inline oracle
 *   computation in {@link oracle}.
 * - An exception from instance generation (a family's arbitrary) or from a hypothesis test is an engine error
 *   too: the instance never reached the code under test.
 *
 * Engine errors never become a verdict. The runner counts them apart (`Tally.errors`) and records the first with
 * its replay command; any engine error fails the verify run (report `summary.engineErrors`, a CLI line, exit 1).
 */

/** An oracle (independent reference computation) failed; thrown by {@link oracle} and {@link oracleFn}. */
export class OracleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OracleError';
  }
}

/**
 * The engine could not evaluate an instance: an oracle, a hypothesis test or instance generation failed. Thrown
 * by `RegisteredClaim.evaluate`; the runner catches it and records an engine error instead of a verdict.
 */
export class EngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
  }
}

/** `Name: message` of any thrown value. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

function asOracleError(e: unknown, label: string | undefined): OracleError {
  if (e instanceof OracleError) return e;
  return new OracleError(`oracle${label ? ` ${label}` : ''} failed: ${describeError(e)}`, { cause: e });
}

/**
 * Run an oracle computation: any exception it throws (or, for a Promise, any rejection) becomes an
 * {@link OracleError}, so that the engine reports an engine error instead of blaming the code under test.
 */
export function oracle<T>(fn: () => T, label?: string): T {
  let r: T;
  try {
    r = fn();
  } catch (e) {
    throw asOracleError(e, label);
  }
  if (isThenable(r)) {
    return Promise.resolve(r).then(undefined, (e: unknown) => {
      throw asOracleError(e, label);
    }) as T;
  }
  return r;
}

const ORACLE_MARK: unique symbol = Symbol('lagrangelab.oracle');

/** A function marked as an oracle by {@link oracleFn}. */
export type OracleFn<F> = F & { readonly [ORACLE_MARK]: true };

/**
 * Mark a function as an oracle: calls go through {@link oracle} (exceptions become {@link OracleError}, labelled
 * with the function's name). Oracle modules export their functions wrapped this way.
 */
export function oracleFn<A extends unknown[], R>(fn: (...args: A) => R): OracleFn<(...args: A) => R> {
  const label = fn.name || undefined;
  const wrapped = (...args: A): R => oracle(() => fn(...args), label);
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  Object.defineProperty(wrapped, ORACLE_MARK, { value: true });
  return wrapped as OracleFn<(...args: A) => R>;
}

/** Was `f` marked by {@link oracleFn}? (Tests use it to keep every export of an oracle module marked.) */
export function isOracleFn(f: unknown): boolean {
  return typeof f === 'function' && (f as { [ORACLE_MARK]?: true })[ORACLE_MARK] === true;
}
