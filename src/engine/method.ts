/**
 * The contract every training method implements: the WZC ALM today; ZLY ADMM, TKS ADMMiRNN and gradient baselines
 * (GD, Adam, ...) next. `lagrangelab train --method <id>` and experiments drive methods only through it:
 *
 *   prepare(instance file text | the method's own data flags, flag values, seed) → Instance   (validated, pure)
 *   run(Instance, { seed, observer }) → Result                                              (the training)
 *   runFile(Instance, Result, meta) → RunFile → outcome(RunFile)                              (what is written)
 *   readRunFile(text) → RunFile                                                             (read one back)
 *
 * Paper-agnostic: the engine never imports a paper; papers implement this and `src/cli/registry.ts` lists them.
 * Errors about user input are {@link FieldError}s naming the field (a JSON path, or a flag such as `--outer`).
 */
import { FieldError } from '../core/fields.ts';

export { FieldError };

/**
 * A flag of one method (`--<name> <arg>`), declared as data so the CLI registers every method's flags
 * generically. Flags the method does not declare are refused when it is selected.
 */
export interface MethodFlag<T> {
  /** Value placeholder for the help text, e.g. `K` in `--outer <K>`. */
  readonly arg: string;
  /** One line for the help text. */
  readonly help: string;
  /** Turn the raw string into a value; bad input throws a {@link FieldError} naming `flag` (`--outer`). */
  parse(raw: string, flag: string): T;
  /**
   * The flag supplies the training data instead of `--instance` (WZC: `--generate`). Exactly one of
   * `--instance` and the source flags must be given; source flags are parsed after that check.
   */
  readonly source?: boolean;
}

/** The flags of a method whose parsed values have type `F` (one key per flag, in help order). */
export type MethodFlags<F> = { readonly [K in keyof F]-?: MethodFlag<F[K]> };

/** What {@link TrainingMethod.prepare} gets. */
export interface PrepareInput<F> {
  /** The instance file, when one was given: its path as the user wrote it and its text. */
  readonly instance?: { readonly file: string; readonly text: string };
  /** Parsed values of the method's own flags; a missing key = flag not given. */
  readonly flags: Partial<F>;
  /** The run's seed (methods that generate data draw it from this seed). */
  readonly seed: number;
}

/** A validated instance and the warnings about it (shown before training, kept in the run file). */
export interface Prepared<I> {
  readonly instance: I;
  readonly warnings: readonly string[];
}

/** Progress after one (outer) iteration, for a progress bar or a log line. */
export interface ProgressEvent {
  /** Iterations done (1-based) and the planned maximum. */
  readonly iteration: number;
  readonly of: number;
  /** Short text shown right after the counter, e.g. `inner 10 (max-inner)`. */
  readonly detail?: string;
  /** A few scalars by display name (those of the method's `progressLabels.metrics`), e.g. `{ L, FeasVio, γ }`. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Words shown last, e.g. `restarted`. */
  readonly marks?: readonly string[];
}

/** Receives what a run reports as it goes; every member is optional. */
export interface MethodObserver {
  /** A warning found once the run's own inputs (e.g. the initialization) are known, before training starts. */
  warning?(message: string): void;
  /** Training starts with at most `of` iterations. */
  start?(of: number): void;
  progress?(e: ProgressEvent): void;
}

/** Options of one run. */
export interface RunOptions {
  /** Seed of the run's own randomness (WZC: the initialization s⁰ when the instance has none). */
  readonly seed: number;
  readonly observer?: MethodObserver;
  /**
   * Planted solver bugs to switch on, by id. Reserved for the mutant machinery; the CLI never sets it (users
   * cannot switch planted bugs on) and no method reads it yet.
   */
  readonly faults?: ReadonlySet<string>;
}

/** What only the caller knows when the run file is built. */
export interface RunMeta {
  /** The command that reproduces the run, as an argument vector (output-only flags left out). */
  readonly command: readonly string[];
  readonly seed: number;
  /** Wall time of the run in ms; only when timing was asked for (the file then differs run to run). */
  readonly elapsedMs?: number;
}

/** How a run ended, read off its run file: a one-line summary, or why it diverged. */
export type RunOutcome =
  | { readonly diverged: false; readonly summary: string }
  | { readonly diverged: true; readonly message: string };

/**
 * A training method. `Instance` is what one run trains on (data, model, resolved settings), `Result` what
 * `run` returns, `RunFile` the JSON-ready file it writes (typed, with {@link TrainingMethod.readRunFile} as
 * its validating reader), `Flags` the parsed values of its own flags.
 *
 * Settings resolve in one order for every method: the method's defaults, then the instance's own settings,
 * then flags. A run whose iterates become non-finite is a Result too (not an exception), so that the last
 * finite state can still be written; {@link TrainingMethod.outcome} tells the two apart.
 */
export interface TrainingMethod<Instance, Result, RunFile, Flags = Record<string, unknown>> {
  /** Stable id used by `--method`, e.g. `wzc-alm`. */
  readonly id: string;
  /** The paper it implements, e.g. `WZC`. */
  readonly paper: string;
  /** One line for listings and help. */
  readonly description: string;
  /** Its own flags, in help order. Common flags (--instance, --seed, --out, ...) belong to the CLI. */
  readonly flags: MethodFlags<Flags>;
  /**
   * Order of the flags in the run file's `command`: names of its own flags and of `instance` and `seed`.
   * Default: `instance`, the own flags in declaration order, `seed`.
   */
  readonly commandOrder?: readonly string[];
  /**
   * The progress display: `bar` labels the bar (`ALM`), `unit` precedes `k/K` in log lines (`outer`), `metrics`
   * are the display names of {@link ProgressEvent.metrics}, in order.
   */
  readonly progressLabels: { readonly bar: string; readonly unit: string; readonly metrics: readonly string[] };
  /** Format version written in, and required of, its run files. */
  readonly runFileVersion: number;

  /** Validate everything and resolve the settings; throws {@link FieldError} naming the field. Reads no files. */
  prepare(input: PrepareInput<Flags>): Prepared<Instance>;
  /** Train. Deterministic given the instance and `options.seed`. */
  run(instance: Instance, options: RunOptions): Result;
  /**
   * Train, possibly on worker threads (the CLI calls this when a method has it; in-process callers such as the
   * golden cases call {@link TrainingMethod.run}). Same result as `run` for instances `run` accepts.
   */
  runAsync?(instance: Instance, options: RunOptions): Promise<Result>;
  /** The file of a run (also of a diverged one: then its last finite state). */
  runFile(instance: Instance, result: Result, meta: RunMeta): RunFile;
  outcome(file: RunFile): RunOutcome;
  /** Parse and validate a run file's text; throws {@link FieldError} naming the first bad field. */
  readRunFile(text: string): RunFile;
}

/**
 * Any training method, as the registry and the CLI hold them. Methods are written against their own types;
 * this view is sound because a method only ever receives the values its own `prepare`, `run` and flag parsers
 * produced.
 */
export type AnyTrainingMethod = TrainingMethod<unknown, unknown, unknown, Record<string, unknown>>;

/** The method with `id`, or a FieldError on `field` listing the known ids. */
export function findMethod<M extends { readonly id: string }>(methods: readonly M[], id: string, field = '--method'): M {
  const m = methods.find((x) => x.id === id);
  if (m) return m;
  throw new FieldError(field, `unknown method "${id}" (known: ${methods.map((x) => x.id).join(', ')})`);
}

/**
 * A synthetic-dataset generator a paper offers (`lagrangelab generate`): it writes an instance file that the
 * paper's methods train on with `train --instance FILE`. Same inputs, same file.
 */
export interface DatasetGenerator {
  /** Paper id, e.g. `WZC`. */
  readonly paper: string;
  /** Names `--setting` accepts. */
  readonly settings: readonly string[];
  /** Initialization schemes `--init` accepts (empty when the paper stores none). */
  readonly inits: readonly string[];
  /**
   * The instance file text for a setting and seed (validated by the caller against `settings`/`inits`), the
   * default output path and a one-line summary.
   */
  generate(input: { setting: string; seed: number; init?: string }): { text: string; defaultOut: string; summary: string };
}

/** The generator that offers `setting`, or a FieldError on `--setting` listing every setting. */
export function findGenerator(generators: readonly DatasetGenerator[], setting: string): DatasetGenerator {
  const g = generators.find((x) => x.settings.includes(setting));
  if (g) return g;
  const all = generators.flatMap((x) => x.settings);
  throw new FieldError('--setting', `unknown setting "${setting}" (expected ${all.join(' | ')})`);
}
