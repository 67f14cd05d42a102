/**
 * The data contract between the papers' instance files and the model-level trainers that do not belong to a
 * paper (the gradient baselines of `src/baselines/`): a {@link TrainingTask} is what one training run fits — an
 * Elman RNN on one sequence (WZC's (1.1)) or an MLP on n samples (ZLY's (4)) — in this layer's types only.
 *
 * A tanh RNN of TKS on windows (Problem 1's loss R, models/tanhRnn.ts) is the third kind.
 *
 * A paper reads its own instance files into a task with a {@link TaskReader} that lives in the paper's folder;
 * `src/cli/registry.ts` hands the readers to the baselines. So the baselines never import a paper, and a paper
 * never imports the baselines.
 */
import type { Data, Weights } from './elman.ts';
import type { ElmanActivation } from './bptt.ts';
import type { MlpData } from './mlp.ts';
import type { SmoothActivation } from './activations/smooth.ts';
import type { TanhRnnDims, WindowSet } from './tanhRnn.ts';

/** Where a task's data came from (recorded in run files). */
export type TaskSource = { readonly kind: 'instance'; readonly file: string } | { readonly kind: 'generate'; readonly setting: string };

/** An Elman RNN fitted to the first T1 steps of one sequence; TestErr on the remaining T2 (§5.2 of WZC). */
export interface RnnTask {
  readonly kind: 'rnn';
  /** The paper whose instance format it came from, e.g. `WZC`. */
  readonly paper: string;
  readonly source: TaskSource;
  /** The whole sequence (standardized if the instance asked for it); hidden size in `full.dims.r`. */
  readonly full: Data;
  readonly T1: number;
  readonly T2: number;
  readonly standardized: boolean;
  readonly activation: ElmanActivation;
  /** Initial weights from the instance file. */
  readonly init?: Weights;
  /** The paper's name for the setting (e.g. `synthetic-T10`, `sp500`), when known: it picks §5.4 defaults. */
  readonly setting?: string;
}

/** An MLP fitted to n samples (no test part). */
export interface MlpTask {
  readonly kind: 'mlp';
  readonly paper: string;
  readonly source: TaskSource;
  readonly data: MlpData;
  readonly activation: SmoothActivation;
  /** λ of the paper's problem; the loss (4) uses λ′ = 2λ/n (models/mlp.ts). */
  readonly lambda: number;
  /** W_1⁰..W_N⁰ from the instance file. */
  readonly init?: readonly Float64Array[];
}

/**
 * TKS's tanh RNN (4) fitted to windows that each start from s_0 = 0 (models/tanhRnn.ts), with a held-out part
 * never trained on. Mini-batches are ranges of consecutive windows: the reader orders the training windows so
 * that windows [kB, (k+1)B) are batch k of the paper's own method.
 */
export interface TanhRnnTask {
  readonly kind: 'tanh-rnn';
  readonly paper: string;
  readonly source: TaskSource;
  /** The paper's name for the task, e.g. `text`, `sp500-volatility`, `synthetic-classification`. */
  readonly setting: string;
  readonly dims: TanhRnnDims;
  readonly train: WindowSet;
  /** Windows per mini-batch of the paper's method (B). */
  readonly batch: number;
  readonly heldOut: WindowSet;
  /**
   * What the paper's method reports as its training loss, when it differs from the mean over `train` (for a
   * text: the training text as B streams run from the zero state).
   */
  readonly trainEval?: WindowSet;
  /** One line on how the windows were made and what the loss is, for run files. */
  readonly description: string;
  /** The instance's own seed for the initialization (overrides the run's, as in the paper's method). */
  readonly seed?: number;
}

/** Any task. */
export type TrainingTask = RnnTask | MlpTask | TanhRnnTask;

/** A task and the warnings about it. */
export interface ReadTask<T extends TrainingTask = TrainingTask> {
  readonly task: T;
  readonly warnings: readonly string[];
}

interface ReaderBase {
  /** The paper whose instance files it reads, e.g. `WZC`. */
  readonly paper: string;
  /** One line naming the format, e.g. `WZC instance files (X, Y, hidden)`. */
  readonly format: string;
  /** Does this parsed JSON look like the paper's format (its required keys)? Decides which reader reads a file. */
  recognizes(json: unknown): boolean;
  /** Initialization schemes of the paper (`--init`) and the one used when the file has no initial weights. */
  readonly initSchemes: readonly string[];
  readonly defaultInit: string;
}

/** Reads a paper's RNN instance files (and may generate its synthetic ones). */
export interface RnnTaskReader extends ReaderBase {
  readonly model: 'rnn';
  /** Parse and validate; throws a FieldError naming the JSON path. */
  read(file: string, text: string): ReadTask<RnnTask>;
  /** Settings `--generate` accepts (empty: none). */
  readonly settings: readonly string[];
  /** The synthetic dataset of `setting` drawn from `seed` (same data as the paper's own method draws). */
  generate(setting: string, seed: number): ReadTask<RnnTask>;
  /** The paper's initial weights for `scheme` and the run's seed: the s⁰ its own method starts from. */
  initialize(task: RnnTask, scheme: string, seed: number): Weights;
}

/** Reads a paper's MLP instance files. */
export interface MlpTaskReader extends ReaderBase {
  readonly model: 'mlp';
  read(file: string, text: string): ReadTask<MlpTask>;
  /** The paper's W⁰ for `scheme` and the run's seed: the one its own method starts from. */
  initialize(task: MlpTask, scheme: string, seed: number): Float64Array[];
}

/** Reads a paper's tanh-RNN instance files (TKS). */
export interface TanhRnnTaskReader extends ReaderBase {
  readonly model: 'tanh-rnn';
  read(file: string, text: string): ReadTask<TanhRnnTask>;
  /** θ = [u, w, b, v, c] (models/tanhRnn.ts) the paper's method starts from for `scheme` and the run's seed. */
  initialize(task: TanhRnnTask, scheme: string, seed: number): Float64Array;
}

/** Any reader. */
export type TaskReader = RnnTaskReader | MlpTaskReader | TanhRnnTaskReader;
