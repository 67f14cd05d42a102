/**
 * The baselines as training methods: `lagrangelab train --method gd|gdc|gdnm|sgd|adam|rmsprop|adagrad|momentum`
 * on the papers' own instance files — WZC files (an Elman RNN, loss (1.1)), ZLY files (an MLP, loss (4)) and TKS
 * files (the tanh RNN (4) on windows, loss R of Problem 1), told apart by their keys — through readers the papers provide (src/models/task.ts), which
 * `src/cli/registry.ts` passes in. The baselines never import a paper.
 *
 * Settings resolve as for every method: the catalogue's defaults (Keras' learning rates, §5.4 batch sizes), then
 * the flags. The initial weights are the paper's own: the instance's `init`, else the scheme of `--init` (default:
 * the paper's default) drawn from the run's seed exactly as the paper's method draws it, so a baseline and the
 * paper's method given the same instance, seed and --init start from the same point.
 *
 * `--tune R` runs the §5.4 search first (grid.ts; R repetitions per point, `scaled` = 3, `full` = 30; repetition
 * i uses seed + i for its initialization and batch order) and trains the final run with the chosen point.
 */
import { FieldError, parseInteger } from '../core/fields.ts';
import { parseJsonText } from '../core/shape.ts';
import type { MethodFlag, Prepared, PrepareInput, RunMeta, RunOptions, TrainingMethod } from '../engine/method.ts';
import { elmanActivationName, packElman, type ElmanActivation } from '../models/bptt.ts';
import { packMlp } from '../models/mlp.ts';
import type { SmoothActivation } from '../models/activations/smooth.ts';
import type { ReadTask, TanhRnnTask, TaskReader, TrainingTask } from '../models/task.ts';
import { tanhRnnEvaluate } from '../models/tanhRnn.ts';
import { BASELINES, DEFAULT_EPOCHS, defaultBatch, type BaselineSpec, type HyperName } from './catalogue.ts';
import { selectByGrid, TUNE_REPS, wzcGrid, type GridSelection } from './grid.ts';
import { mlpObjective, rnnObjective, tanhRnnObjective, type Objective } from './objective.ts';
import { OPTIMIZER_DEFAULTS } from './optimizers.ts';
import {
  BASELINE_RUN_FILE_VERSION, baselineOutcome, fileMeta, paramsJson, readBaselineRunFile, traceRowJson, tuningJson,
  type BaselineDims, type BaselineRunFile, type BaselineSettingsJson,
} from './runFile.ts';
import { trainBaseline, type BaselineRun, type TrainSettings } from './train.ts';

/** Parsed flag values of a baseline (each method declares a subset). */
export type BaselineFlags = Record<string, number | string>;

/** What one baseline run trains on. */
export interface BaselineInstance {
  readonly task: TrainingTask;
  readonly reader: TaskReader;
  readonly activation: ElmanActivation | SmoothActivation;
  readonly settings: TrainSettings;
  /** BPTT history K (RNN; Infinity = full). */
  readonly history: number;
  /** Draw the initial weights with this scheme (else the instance's own). */
  readonly initScheme?: string;
  /** Repetitions of a §5.4 search before the run (0 = none). */
  readonly tuneReps: number;
  readonly warnings: readonly string[];
}

/** What a baseline run returns. */
export interface BaselineResult {
  readonly run: BaselineRun;
  readonly settings: TrainSettings;
  readonly initName: string;
  readonly tuning?: { selection: GridSelection; criterion: 'testErr' | 'loss' };
  /** TKS tasks: the final θ measured as the paper's method measures its own (run file `metrics`). */
  readonly metrics?: TanhRnnMetrics;
}

/** The metrics of a TKS tanh-RNN run, comparable with `tks-admmirnn`'s. */
export interface TanhRnnMetrics {
  /** Mean loss on the held-out part (nats per output for classes) and on the training part as TKS reports it. */
  readonly heldOutLoss: number;
  readonly trainLoss: number;
  /** Class targets only. */
  readonly heldOutAccuracy?: number;
}

const MAX_EPOCHS = 1e8;

/** The eight baselines as training methods over the given readers. */
export function baselineMethods(readers: readonly TaskReader[]): TrainingMethod<BaselineInstance, BaselineResult, BaselineRunFile, BaselineFlags>[] {
  return BASELINES.map((spec) => baselineMethod(spec, readers));
}

function baselineMethod(spec: BaselineSpec, readers: readonly TaskReader[]): TrainingMethod<BaselineInstance, BaselineResult, BaselineRunFile, BaselineFlags> {
  const settings = readers.flatMap((r) => (r.model === 'rnn' ? r.settings : []));
  const flags: Record<string, MethodFlag<number | string>> = {};
  if (settings.length > 0) {
    flags.generate = { arg: 'setting', help: `generate a paper's synthetic data: ${settings.join(' | ')}`, source: true, parse: (s) => s };
  }
  Object.assign(flags, {
    epochs: { arg: 'E', help: `passes over the training data (default ${DEFAULT_EPOCHS})`, parse: (s: string, f: string) => parseInteger(s, f, 1, MAX_EPOCHS) },
    lr: { arg: 'η', help: 'learning rate (default: Keras\')', parse: positive },
    batch: { arg: 'B', help: 'mini-batch size in time steps (RNN), samples (MLP) or windows (TKS), or "full"', parse: parseBatch },
    history: { arg: 'K', help: 'RNN: truncate BPTT K steps before a mini-batch (default: full history)', parse: (s: string, f: string) => parseInteger(s, f, 0, MAX_EPOCHS) },
    init: { arg: 'scheme', help: "initialization, one of the paper's (default: the instance's init, else the paper's default)", parse: (s: string) => s },
    activation: { arg: 'σ', help: 'override σ: relu | leaky-relu | elu | tanh (RNN), sigmoid | tanh (MLP)', parse: (s: string) => s },
    tune: { arg: 'R', help: `first search the WZC §5.4 grid with R repetitions per point (scaled = ${TUNE_REPS.scaled}, full = ${TUNE_REPS.full})`, parse: parseReps },
  });
  for (const h of spec.hypers) flags[h] = HYPER_FLAGS[h];
  return {
    id: spec.id,
    paper: 'baseline',
    description: `${spec.name}: ${spec.description}, on the loss (1.1) of WZC (RNN), (4) of ZLY (MLP) or R of TKS (tanh RNN)`,
    flags,
    progressLabels: { bar: spec.name, unit: 'epoch', metrics: ['loss', '‖∇‖', 'TestErr'] },
    runFileVersion: BASELINE_RUN_FILE_VERSION,
    prepare: (input) => prepare(spec, readers, input),
    run: (inst, options) => run(spec, inst, options),
    runFile: (inst, result, meta) => buildRunFile(spec, inst, result, meta),
    outcome: baselineOutcome,
    readRunFile: readBaselineRunFile,
  };
}

const HYPER_FLAGS: Record<HyperName, MethodFlag<number>> = {
  clip: { arg: 'c', help: `gdc: clipping norm (default ${OPTIMIZER_DEFAULTS.clip})`, parse: positive },
  momentum: { arg: 'μ', help: `momentum μ ∈ [0, 1) (default ${OPTIMIZER_DEFAULTS.momentum})`, parse: unit },
  beta1: { arg: 'β1', help: `adam: β1 ∈ [0, 1) (default ${OPTIMIZER_DEFAULTS.beta1})`, parse: unit },
  beta2: { arg: 'β2', help: `adam: β2 ∈ [0, 1) (default ${OPTIMIZER_DEFAULTS.beta2})`, parse: unit },
  rho: { arg: 'ρ', help: `rmsprop: ρ ∈ [0, 1) (default ${OPTIMIZER_DEFAULTS.rho})`, parse: unit },
  epsilon: { arg: 'ε', help: `ε > 0 (default ${OPTIMIZER_DEFAULTS.epsilon})`, parse: positive },
};

function positive(s: string, flag: string): number {
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x) || x <= 0) throw new FieldError(flag, `must be a finite number > 0, got "${s}"`);
  return x;
}

function unit(s: string, flag: string): number {
  const x = Number(s);
  if (s.trim() === '' || !(x >= 0 && x < 1)) throw new FieldError(flag, `must be a number in [0, 1), got "${s}"`);
  return x;
}

function parseBatch(s: string, flag: string): number {
  return s === 'full' ? Infinity : parseInteger(s, flag, 1, MAX_EPOCHS);
}

function parseReps(s: string, flag: string): number {
  if (s === 'scaled' || s === 'full') return TUNE_REPS[s];
  return parseInteger(s, flag, 1, 1000);
}

// ---------------------------------------------------------------------------------------------------------------

function prepare(spec: BaselineSpec, readers: readonly TaskReader[], input: PrepareInput<BaselineFlags>): Prepared<BaselineInstance> {
  const f = input.flags;
  const { reader, read } = readTask(readers, input);
  const task = read.task;
  const warnings = [...read.warnings];
  const activation = resolveActivation(task, f.activation);
  const units = task.kind === 'rnn' ? task.T1 : task.kind === 'mlp' ? task.data.dims.n : task.train.count;
  const stochasticBatch = task.kind === 'tanh-rnn' ? task.batch : defaultBatch(task.kind === 'rnn' ? task.setting : undefined, units);
  const batch = Math.min(units, f.batch !== undefined ? Number(f.batch) : spec.stochastic ? stochasticBatch : units);
  if (task.kind === 'mlp' && f.history !== undefined) throw new FieldError('--history', 'only for RNN tasks (an MLP has no time steps)');
  if (task.kind === 'tanh-rnn' && f.history !== undefined) throw new FieldError('--history', 'not for TKS tasks: every window starts from s0 = 0, so the gradient has no earlier history to truncate');
  if (f.init !== undefined && !reader.initSchemes.includes(String(f.init))) {
    throw new FieldError('--init', `unknown initialization "${f.init}" for a ${reader.paper} instance (expected ${reader.initSchemes.join(', ')})`);
  }
  const hyper: Record<string, number> = {};
  for (const h of spec.hypers) if (f[h] !== undefined) hyper[h] = Number(f[h]);
  const settings: TrainSettings = { lr: f.lr !== undefined ? Number(f.lr) : spec.lr, epochs: f.epochs !== undefined ? Number(f.epochs) : DEFAULT_EPOCHS, batch, ...hyper };
  const tuneReps = f.tune !== undefined ? Number(f.tune) : 0;
  if (tuneReps > 0 && f.lr !== undefined) warnings.push('--lr is the fallback only: --tune chooses the learning rate');
  const ownInit = task.kind !== 'tanh-rnn' && task.init !== undefined;
  const initScheme = f.init !== undefined ? String(f.init) : ownInit ? undefined : reader.defaultInit;
  const instance: BaselineInstance = {
    task, reader, activation, settings, history: f.history !== undefined ? Number(f.history) : Infinity, initScheme, tuneReps, warnings,
  };
  return { instance, warnings };
}

/** The task from --instance (the reader whose format it has) or --generate. */
function readTask(readers: readonly TaskReader[], input: PrepareInput<BaselineFlags>): { reader: TaskReader; read: ReadTask } {
  const gen = input.flags.generate;
  if ((input.instance === undefined) === (gen === undefined)) {
    throw new FieldError('--instance', 'give exactly one of --instance FILE or --generate SETTING');
  }
  if (gen !== undefined) {
    const reader = readers.find((r) => r.model === 'rnn' && r.settings.includes(String(gen)));
    if (!reader || reader.model !== 'rnn') {
      const all = readers.flatMap((r) => (r.model === 'rnn' ? r.settings : []));
      throw new FieldError('--generate', `unknown setting "${gen}" (expected ${all.join(', ')})`);
    }
    return { reader, read: reader.generate(String(gen), input.seed) };
  }
  const file = input.instance as { file: string; text: string };
  const json = parseJsonText(file.text, 'instance');
  const reader = readers.find((r) => r.recognizes(json));
  if (!reader) throw new FieldError('instance', `not an instance file the baselines read; expected one of: ${readers.map((r) => r.format).join('; ')}`);
  return { reader, read: reader.read(file.file, file.text) };
}

function resolveActivation(task: TrainingTask, flag: number | string | undefined): ElmanActivation | SmoothActivation {
  const s = flag === undefined ? undefined : String(flag);
  if (task.kind === 'tanh-rnn') {
    if (s === undefined || s === 'tanh') return { kind: 'tanh' };
    throw new FieldError('--activation', `"${s}" is not the activation of TKS's RNN (4), which is tanh`);
  }
  if (s === undefined) return task.activation;
  if (task.kind === 'mlp') {
    if (s === 'sigmoid' || s === 'tanh') return { kind: s };
    throw new FieldError('--activation', `"${s}" is not an MLP activation of ZLY (expected sigmoid or tanh)`);
  }
  const a = task.activation;
  switch (s) {
    case 'relu':
    case 'tanh':
      return { kind: s };
    case 'leaky-relu':
      return a.kind === 'leaky-relu' ? a : { kind: 'leaky-relu', slope: 0.01 };
    case 'elu':
      return a.kind === 'elu' ? a : { kind: 'elu', alpha: 1 };
  }
  throw new FieldError('--activation', `"${s}" is not an RNN activation (expected relu, leaky-relu, elu or tanh)`);
}

// ---------------------------------------------------------------------------------------------------------------

function initialTheta(inst: BaselineInstance, seed: number): { theta: Float64Array; initName: string } {
  const { task, reader, initScheme } = inst;
  if (task.kind === 'rnn' && reader.model === 'rnn') {
    if (initScheme === undefined && task.init) return { theta: packElman(task.full.dims, task.init), initName: 'instance' };
    return { theta: packElman(task.full.dims, reader.initialize(task, initScheme ?? reader.defaultInit, seed)), initName: initScheme ?? reader.defaultInit };
  }
  if (task.kind === 'mlp' && reader.model === 'mlp') {
    if (initScheme === undefined && task.init) return { theta: packMlp(task.data.dims, task.init), initName: 'instance' };
    return { theta: packMlp(task.data.dims, reader.initialize(task, initScheme ?? reader.defaultInit, seed)), initName: initScheme ?? reader.defaultInit };
  }
  if (task.kind === 'tanh-rnn' && reader.model === 'tanh-rnn') {
    const scheme = initScheme ?? reader.defaultInit;
    return { theta: reader.initialize(task, scheme, seed), initName: scheme };
  }
  throw new Error(`reader ${reader.paper} (${reader.model}) returned a ${task.kind} task`);
}

function objectiveFor(inst: BaselineInstance, theta0: Float64Array, batch: number): Objective {
  const { task, activation } = inst;
  if (task.kind === 'rnn') return rnnObjective(task, activation as ElmanActivation, theta0, inst.history);
  if (task.kind === 'tanh-rnn') return tanhRnnObjective(task, theta0, batch);
  return mlpObjective(task, activation as SmoothActivation, theta0, batch);
}

function run(spec: BaselineSpec, inst: BaselineInstance, options: RunOptions): BaselineResult {
  let settings = inst.settings;
  let tuning: BaselineResult['tuning'];
  const observer = options.observer;
  if (inst.tuneReps > 0) {
    const criterion = (inst.task.kind === 'rnn' && inst.task.T2 > 0) || inst.task.kind === 'tanh-rnn' ? 'testErr' : 'loss';
    const selection = selectByGrid(wzcGrid(spec.id === 'gdc'), inst.tuneReps, (p, rep) => {
      const seed = (options.seed + rep) >>> 0;
      const r = trainBaseline(spec.id, objectiveFor(inst, initialTheta(inst, seed).theta, settings.batch), { ...settings, ...p }, seed);
      if (r.status === 'diverged') return Infinity;
      return criterion === 'testErr' ? r.testErr : r.trace[r.trace.length - 1].loss;
    });
    tuning = { selection, criterion };
    if (selection.best >= 0) settings = { ...settings, ...selection.rows[selection.best].point };
    else observer?.warning?.('--tune: every grid point diverged; training with the flags\' learning rate');
  }
  const { theta, initName } = initialTheta(inst, options.seed);
  observer?.start?.(settings.epochs);
  const progress = observer?.progress?.bind(observer);
  const res = trainBaseline(spec.id, objectiveFor(inst, theta, settings.batch), settings, options.seed, progress && ((row, of) => {
    if (row.epoch > 0) progress({ iteration: row.epoch, of, metrics: { loss: row.loss, '‖∇‖': row.gradNorm, TestErr: row.testErr ?? NaN } });
  }));
  const metrics = inst.task.kind === 'tanh-rnn' ? tanhRnnMetrics(inst.task, res.theta) : undefined;
  return { run: res, settings, initName, ...(tuning ? { tuning } : {}), ...(metrics ? { metrics } : {}) };
}

/** The final θ on the held-out part and on the training part as the paper's method reports them. */
export function tanhRnnMetrics(task: TanhRnnTask, theta: Float64Array): TanhRnnMetrics {
  const held = tanhRnnEvaluate(task.heldOut, theta, task.dims);
  const trainLoss = tanhRnnEvaluate(task.trainEval ?? task.train, theta, task.dims).loss;
  return { heldOutLoss: held.loss, trainLoss, ...(Number.isNaN(held.accuracy) ? {} : { heldOutAccuracy: held.accuracy }) };
}

// ---------------------------------------------------------------------------------------------------------------

const OBJECTIVES = {
  rnn: 'WZC (1.1): (1/T1) Σ_{t ≤ T1} ‖y_t − (A h_t + c)‖², h_t = σ(W h_{t−1} + V x_t + b), h_0 = 0',
  mlp: "ZLY (4): (1/n) Σ_j ‖Φ(x_j; W) − y_j‖² + λ′ Σ_i ½‖W_i‖²_F with λ′ = 2λ/n",
  'tanh-rnn': 'TKS R: mean over the scored outputs of softmax cross-entropy (classes) or ½‖o_t − y_t‖² (values), '
    + 'a_t = u x_t + w s_{t−1} + b, s_t = tanh(a_t), o_t = v s_t + c, s_0 = 0 in every window',
};

function dimsOf(task: TrainingTask): BaselineDims {
  if (task.kind === 'rnn') return { ...task.full.dims };
  if (task.kind === 'mlp') return { n: task.data.dims.n, d: [...task.data.dims.d] };
  return { N: task.train.N, inputs: task.dims.d, hidden: task.dims.h, outputs: task.dims.q };
}

/** The window layout and the metrics of a TKS run, for its file. */
function tanhRnnJson(task: TanhRnnTask, metrics: TanhRnnMetrics | undefined): Pick<BaselineRunFile, 'windows' | 'metrics'> {
  const fin = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    windows: {
      setting: task.setting, description: task.description, N: task.train.N, train: task.train.count, batch: task.batch,
      heldOut: task.heldOut.count, heldOutSteps: task.heldOut.N, scored: task.train.scored,
    },
    ...(metrics ? {
      metrics: {
        heldOutLoss: fin(metrics.heldOutLoss), trainLoss: fin(metrics.trainLoss),
        ...(metrics.heldOutAccuracy !== undefined ? { heldOutAccuracy: metrics.heldOutAccuracy } : {}),
      },
    } : {}),
  };
}

function buildRunFile(spec: BaselineSpec, inst: BaselineInstance, result: BaselineResult, meta: RunMeta): BaselineRunFile {
  const { task } = inst;
  const r = result.run;
  const s = result.settings;
  const dims = dimsOf(task);
  const settings: BaselineSettingsJson = {
    lr: s.lr, epochs: s.epochs, batch: s.batch, batchesPerEpoch: r.batchesPerEpoch,
    history: task.kind === 'rnn' && Number.isFinite(inst.history) ? inst.history : null,
  };
  for (const h of spec.hypers) settings[h] = s[h] ?? OPTIMIZER_DEFAULTS[h];
  const timing = meta.elapsedMs !== undefined;
  return {
    version: BASELINE_RUN_FILE_VERSION,
    ...fileMeta(meta),
    method: spec.id,
    name: spec.name,
    model: task.kind === 'rnn' ? 'elman-rnn' : task.kind,
    paper: task.paper,
    source: task.source,
    dims,
    ...(task.kind === 'rnn' ? { split: { T1: task.T1, T2: task.T2, standardized: task.standardized } } : {}),
    ...(task.kind === 'tanh-rnn' ? tanhRnnJson(task, result.metrics) : {}),
    activation: inst.activation.kind === 'sigmoid' ? 'sigmoid' : elmanActivationName(inst.activation),
    objective: OBJECTIVES[task.kind],
    init: result.initName,
    settings,
    ...(result.tuning ? { tuning: tuningJson(result.tuning.selection, result.tuning.criterion, inst.tuneReps) } : {}),
    warnings: [...inst.warnings],
    status: r.status,
    ...(r.divergence !== undefined ? { divergence: r.divergence } : {}),
    epochs: r.epochs,
    updates: r.updates,
    trainErr: Number.isFinite(r.trainErr) ? r.trainErr : null,
    ...(Number.isNaN(r.testErr) ? {} : { testErr: Number.isFinite(r.testErr) ? r.testErr : null }),
    params: paramsJson(dims, r.theta),
    trace: r.trace.map((row) => traceRowJson(row, timing)),
    ...(timing ? { elapsedMs: meta.elapsedMs } : {}),
  };
}
