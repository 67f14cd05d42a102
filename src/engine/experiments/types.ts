/**
 * The experiment contract: a paper's reproduced experiment (a table, a figure) as cells that can be computed,
 * stored and reused independently, and a pure summary over their results.
 *
 *   cells(scale, seed) → cells                        (what to compute: inputs only, JSON)
 *   runCell(cell, ctx) → result                       (one unit of work, pure of globals, JSON result)
 *   summarize(results, info) → tables, figures, …     (pure: the same cells give the same summary)
 *
 * The runner (run.ts) stores each cell's result under a key hashed from the experiment, the cell's inputs and the
 * code version, so an interrupted run resumes where it stopped. Papers implement this in
 * `src/papers/<paper>/experiments/`; `src/cli/registry.ts` lists them. The engine never imports a paper.
 */

/** `scaled` (the default: each experiment in about a minute on one core) or `full` (the paper's sizes). */
export type ExperimentScale = 'scaled' | 'full';

/** The scales, for validators. */
export const EXPERIMENT_SCALES: readonly ExperimentScale[] = ['scaled', 'full'];

/** One unit of work: a file-name-safe id (unique in the experiment) and its inputs (plain JSON). */
export interface ExperimentCell<I> {
  readonly id: string;
  readonly inputs: I;
}

/** What a cell gets besides its inputs (nothing global: a cell must not read the clock for its result's identity). */
export interface CellContext {
  readonly scale: ExperimentScale;
  readonly seed: number;
}

/** A table, already formatted for a reader. */
export interface SummaryTable {
  title: string;
  columns: string[];
  rows: string[][];
  note?: string;
}

/**
 * A figure: a Vega-Lite specification whose data are `rows` (the writer puts them in as inline values) and the file
 * name (no extension) of its SVG/PNG/data files.
 */
export interface SummaryFigure {
  file: string;
  title: string;
  spec: Record<string, unknown>;
  rows: Record<string, string | number | null>[];
}

/** A number the paper prints beside ours. */
export interface SummaryComparison {
  quantity: string;
  paper: string;
  ours: string;
  note?: string;
}

/** An empirical claim of the paper decided by the experiment (its id is the ledger's claim id). */
export interface SummaryVerdict {
  claimId: string;
  statement: string;
  status: 'holds' | 'violated' | 'inconclusive' | 'vacuous' | 'unsatisfiable';
  detail: string;
}

/**
 * Costs of methods across problems for a Dolan–Moré performance profile (engine/profiles.ts): `costs[p][s] > 0`,
 * smaller is better, null where method s failed on problem p.
 */
export interface SummaryProfile {
  title: string;
  measure: string;
  solvers: string[];
  problems: string[];
  costs: (number | null)[][];
}

/** What {@link Experiment.summarize} returns. */
export interface ExperimentSummary {
  tables: SummaryTable[];
  figures: SummaryFigure[];
  paperComparisons: SummaryComparison[];
  empirical: SummaryVerdict[];
  notes: string[];
  /** Optional: when the experiment compares methods across problems. */
  profiles?: SummaryProfile[];
}

/** One cell with its (stored, JSON round-tripped) result. */
export interface CellResult<I, R> {
  readonly cell: ExperimentCell<I>;
  readonly result: R;
}

/** A reproduced experiment. `I`: a cell's inputs, `R`: a cell's result (both plain JSON). */
export interface Experiment<I, R> {
  /** Stable name, e.g. `wzc-table3a`. */
  readonly name: string;
  /** Paper id, e.g. `WZC`. */
  readonly paper: string;
  readonly title: string;
  /**
   * Bump when `runCell` would give a different result for the same inputs without any source file changing
   * (the code version in the cell key already covers source changes).
   */
  readonly version: number;
  cells(scale: ExperimentScale, seed: number): ExperimentCell<I>[];
  /** A Promise for a cell that runs asynchronously (worker threads); such an experiment runs with `runExperimentAsync`. */
  runCell(cell: ExperimentCell<I>, ctx: CellContext): R | Promise<R>;
  summarize(results: readonly CellResult<I, R>[], ctx: CellContext): ExperimentSummary;
}

/**
 * Any experiment, as the registry and the CLI hold them. Sound because the runner only ever hands an experiment
 * the cells its own `cells` made and the results its own `runCell` returned.
 */
export type AnyExperiment = Experiment<unknown, unknown>;

/** Erase an experiment's types for the registry. */
export function anyExperiment<I, R>(e: Experiment<I, R>): AnyExperiment {
  return e as unknown as AnyExperiment;
}
