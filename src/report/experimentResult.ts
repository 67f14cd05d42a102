/**
 * What one reproduced experiment leaves on disk for the report (`lagrangelab reproduce <name>` writes it,
 * `lagrangelab report` reads it): `<out>/<name>/result.json` in this shape, beside the figures it names. Paths are
 * relative to the folder holding result.json, so a results folder can be moved or archived whole.
 *
 * The shape is small on purpose: tables as strings already formatted for a reader (the writer knows the units and
 * precision), figures as files plus the data behind them (a figure whose data is empty is a bug the report's test
 * catches), and the provenance a reader needs to rerun the item.
 */

/** Format version of result.json; bump on an incompatible change. */
export const EXPERIMENT_RESULT_VERSION = 1;

/** One table: a header row and rows of already formatted cells. */
export interface ExperimentTable {
  title: string;
  columns: string[];
  rows: string[][];
  /** Optional note under the table (what a cell means, what differs from the paper). */
  note?: string;
}

/** One figure: an SVG (and optionally a PNG) file, and the data it plots. */
export interface ExperimentFigure {
  title: string;
  /** Path of the SVG, relative to result.json's folder. */
  svg: string;
  /** Path of the PNG rendering, when one was written. */
  png?: string;
  /** Number of data points plotted (0 means an empty figure). */
  points: number;
  /** Path of the plotted data (JSON rows), relative to result.json's folder. */
  data?: string;
}

/** A number the paper prints beside ours. */
export interface PaperComparison {
  /** What is compared, e.g. `Table 3a, ALM, init 1, TrainErr`. */
  quantity: string;
  paper: string;
  ours: string;
  /** Why they differ (scale, data, a paper error), when they do. */
  note?: string;
}

/**
 * The costs behind a Dolan–Moré performance profile (src/engine/profiles.ts): methods compared across problems
 * (instances, initializations, repetitions) on one cost where smaller is better (CPU seconds, final TrainErr).
 * Optional: an experiment that compares methods across problems writes it, and the report draws the profile.
 */
export interface ExperimentProfileData {
  title: string;
  /** What the cost is, with its unit, e.g. `CPU seconds to TrainErr ≤ 1e-2`. */
  measure: string;
  /** Method names, in column order. */
  solvers: string[];
  /** Problem labels, in row order. */
  problems: string[];
  /** costs[p][s] > 0, or null where method s failed on problem p (JSON has no ∞). */
  costs: (number | null)[][];
}

/** An empirical claim decided by this experiment (its id is the ledger's claim id). */
export interface EmpiricalVerdict {
  claimId: string;
  statement: string;
  status: 'holds' | 'violated' | 'inconclusive' | 'vacuous' | 'unsatisfiable';
  /** The statistic behind the verdict, in words and numbers. */
  detail: string;
}

/** result.json of one experiment. */
export interface ExperimentResult {
  version: typeof EXPERIMENT_RESULT_VERSION;
  /** Experiment name, e.g. `wzc-table3a`. */
  name: string;
  /** Paper id: `WZC`, `ZLY`, `TKS`. */
  paper: string;
  title: string;
  /** `scaled` (default) or `full` (the paper's sizes). */
  scale: 'scaled' | 'full';
  seed: number;
  /** The command that reproduces this result. */
  command: string;
  /** Versions: lagrangelab, node, and the packages that shaped the numbers. */
  versions: Record<string, string>;
  startedAt: string;
  finishedAt: string;
  /** Cells computed this run and cells reused from an earlier, interrupted run. */
  cells: { total: number; computed: number; reused: number };
  tables: ExperimentTable[];
  figures: ExperimentFigure[];
  paperComparisons: PaperComparison[];
  empirical: EmpiricalVerdict[];
  /** Honest notes: what stands in for unavailable data, where the scaled run departs from the paper. */
  notes: string[];
  /** Costs for Dolan–Moré performance profiles, when the experiment compares methods across problems. */
  profiles?: ExperimentProfileData[];
}
