/**
 * `tks-admmirnn`: TKS ADMMiRNN (Algorithm 1, with the corrected updates of `solver/blocks.ts`) on the text task
 * and on the window tasks (S&P 500 volatility, synthetic classification: `problem/windows.ts`, trained by
 * `windows/train.ts`), as a {@link TrainingMethod}:
 *
 *   lagrangelab train --method tks-admmirnn --instance fixtures/tks/text.json [--iterations K] [--time-budget SEC]
 *                     [--parallel sp|ap --workers 2 | --parallel data --workers P]
 *
 * Window tasks: the defaults relative to H (`windows/train.ts`), B = all training windows for the S&P series and
 * 32 for the synthetic one, 1000 iterations, held-out loss once per epoch; their run file is `windows/runFile.ts`.
 *
 * Design choices (README, "TKS"):
 * - Settings: the defaults of `solver/defaults.ts` (ν, ρ1–ρ3, r, ω per output row, divided by N·B; B = 32; one
 *   sweep per visit; 1000 iterations), then the instance's `params`, then the flags.
 * - The instance names its text file (relative to the instance file); `prepare` reads it, so a missing or too
 *   short text is reported on `textFile` before training starts, like every other input.
 * - Initialization: `problem/init.ts` (u ~ N(0, 0.1²), w ~ N(0, 0.5²/h), v ~ N(0, 0.1²/h)) from the instance's
 *   `seed`, or the run's --seed when the instance has none.
 * - Determinism: without --time-budget, one command gives a byte-identical file (no wall-clock data unless
 *   --timing). A time budget makes the number of iterations depend on the machine; the file records it.
 * - The held-out loss is evaluated once per epoch (trace) and at the end (metrics), not counted in the budget.
 * - Progress: about 100 events per run (once per epoch when only a time budget bounds it).
 * - Parallel (`--parallel sp|ap`, `solver/parallel/`): SP- and AP-ADMMiRNN on 2 worker threads; the run resolves
 *   asynchronously, the held-out loss is evaluated at the end only, and AP's trajectory depends on thread timing
 *   (its file is not reproducible byte for byte). A worker failure stops the run with an error: no file.
 *   `--parallel data --workers P` (`solver/parallel/dataMaster.ts`): every block split across P threads, the file
 *   identical to vanilla's except its `parallel` key (and the timing with --timing); held-out loss once per epoch.
 */
import { FieldError, parseInteger } from '../../core/fields.ts';
import type { Prepared, PrepareInput, RunOptions, TrainingMethod } from '../../engine/method.ts';
import { initParamsInto } from './problem/init.ts';
import { loadTextTask, loadWindowTask, parseTksInstance } from './problem/instance.ts';
import type { WindowTask } from './problem/windows.ts';
import { sequenceLoss } from './problem/rnn.ts';
import { textDims, unigramEntropy, type TextTask } from './problem/text.ts';
import type { Dims, Hyper } from './problem/types.ts';
import { zeroParams } from './problem/types.ts';
import { DEFAULT_BATCH, defaultHyper } from './solver/defaults.ts';
import { checkHyper } from './solver/iteration.ts';
import { trainText, type TextTrainResult } from './solver/train.ts';
import { buildTksRunFile, readTksAnyRunFile, tksAnyRunOutcome, TKS_RUN_FILE_VERSION, type TksAnyRunFile } from './runFile.ts';
import { trainWindows, windowHyper, windowMetrics, type WindowTrainResult } from './windows/train.ts';
import { buildWindowRunFile } from './windows/runFile.ts';
import { trainParallel, type ParallelReport } from './solver/parallel/master.ts';
import { GROUPS, type Groups } from './solver/parallel/roles.ts';
import { checkDataWorkers, MAX_DATA_THREADS, trainDataParallel, type DataParallelReport } from './solver/parallel/dataMaster.ts';

/** Default number of iterations (batches visited): about 7.5 epochs of the text at B = 32. */
export const DEFAULT_TKS_ITERATIONS = 1000;
const MAX_ITERATIONS = 1e9;
const MAX_BUDGET_SEC = 7 * 24 * 3600;

/** Parsed values of the `tks-admmirnn` flags. */
export interface TksFlags {
  iterations: number;
  'time-budget': number;
  parallel: ParallelVariant;
  workers: number;
  groups: Groups;
}

/** The parallel variants of `--parallel`: SP, AP (TKS Algorithms 2–4) and the data-parallel split (vanilla's trajectory). */
export type ParallelVariant = 'sp' | 'ap' | 'data';
const PARALLEL_VARIANTS: readonly ParallelVariant[] = ['sp', 'ap', 'data'];

/** What every `tks-admmirnn` run resolves before it starts: the instance file, the RNN's size and the settings. */
interface TksRunInstance {
  readonly file: string;
  readonly hidden: number;
  readonly hyper: Hyper;
  readonly iterations: number;
  readonly timeBudgetSec?: number;
  readonly sweeps: number;
  readonly seed?: number;
  readonly warnings: readonly string[];
}

/** What one `tks-admmirnn` run on a text trains on. */
export interface TksTextMethodInstance extends TksRunInstance {
  readonly kind: 'text';
  readonly textFile: string;
  readonly task: TextTask;
  /** `--parallel` and `--workers`, when given. */
  readonly parallel?: { readonly variant: ParallelVariant; readonly workers: number; readonly groups?: Groups };
}

/** What one `tks-admmirnn` run on a window task trains on (its windows built in `prepare`). */
export interface TksWindowMethodInstance extends TksRunInstance {
  readonly kind: 'windows';
  readonly task: WindowTask;
}

/** Either instance. */
export type TksMethodInstance = TksTextMethodInstance | TksWindowMethodInstance;

/** What a `tks-admmirnn` run on a window task returns. */
export interface TksWindowMethodResult {
  readonly windowResult: WindowTrainResult;
  readonly initSeed: number;
  readonly initialHeldOutLoss: number;
}

/** What a `tks-admmirnn` run on a text returns. */
export interface TksMethodResult {
  readonly result: TextTrainResult;
  readonly initSeed: number;
  readonly initialHeldOutLoss: number;
  readonly unigramEntropy: number;
  /** What the parallel run reports (variant, staleness, where the time went). */
  readonly parallel?: ParallelReport | DataParallelReport;
}

/** TKS Algorithm 1 as a training method. */
export const tksAdmmirnn: TrainingMethod<TksMethodInstance, TksMethodResult | TksWindowMethodResult, TksAnyRunFile, TksFlags> = {
  id: 'tks-admmirnn',
  paper: 'TKS',
  description: 'unrolled tanh RNN on a text, the S&P 500 volatility or a synthetic sequence classification by TKS ADMMiRNN (Algorithm 1, corrected updates)',
  flags: {
    iterations: {
      arg: 'K',
      help: `iterations = batches of windows visited (default ${DEFAULT_TKS_ITERATIONS}, or the instance's params.iterations)`,
      parse: (s, flag) => parseInteger(s, flag, 1, MAX_ITERATIONS),
    },
    'time-budget': {
      arg: 'SEC',
      help: 'stop once training has taken SEC seconds (evaluation not counted); the iteration count then depends on the machine',
      parse: (s, flag) => {
        const x = Number(s);
        if (!/^\s*\d+(\.\d*)?\s*$/.test(s) || !(x > 0) || x > MAX_BUDGET_SEC) throw new FieldError(flag, `must be a number of seconds in (0, ${MAX_BUDGET_SEC}], got "${s}"`);
        return x;
      },
    },
    parallel: {
      arg: 'VARIANT',
      help: 'sp | ap | data: SP- or AP-ADMMiRNN (TKS Algorithms 2–4) on 2 worker threads, a parameter and a state worker (which blocks: --groups); or data: every block split across the batch\'s rows on --workers threads (this one included), vanilla\'s exact trajectory',
      parse: (s, flag) => {
        if (!(PARALLEL_VARIANTS as readonly string[]).includes(s)) throw new FieldError(flag, `must be one of ${PARALLEL_VARIANTS.join(' | ')}, got "${s}"`);
        return s as ParallelVariant;
      },
    },
    workers: {
      arg: 'K',
      help: `threads of --parallel (sp and ap: 2, the parameter and the state worker; data: 2 to ${MAX_DATA_THREADS}, the main thread computing too)`,
      parse: (s, flag) => parseInteger(s, flag, 1, 64),
    },
    groups: {
      arg: 'G',
      help: 'with --parallel sp|ap: how TKS Fig. 3\'s groups {u, w, b}, {a, s}, {o, v, c} share the 2 workers: output (default) = u, w, b | a, s, o, v, c (the output group whole: faster than vanilla to the same loss, no drift of the readout); kind = u, w, b, v, c | o, s, a (what the ledger\'s Figs 11–12 claims judge; README, "TKS parallel variants")',
      parse: (s, flag) => {
        if (!(GROUPS as readonly string[]).includes(s)) throw new FieldError(flag, `must be one of ${GROUPS.join(' | ')}, got "${s}"`);
        return s as Groups;
      },
    },
  },
  progressLabels: { bar: 'ADMMiRNN', unit: 'iteration', metrics: ['R', 'held-out'] },
  runFileVersion: TKS_RUN_FILE_VERSION,
  prepare,
  run,
  runAsync,
  runFile: (inst, result, meta) => {
    if (inst.kind === 'text' && 'result' in result) return buildTksRunFile(inst, result, meta);
    if (inst.kind === 'windows' && 'windowResult' in result) {
      return buildWindowRunFile(inst, result.windowResult, result.initSeed, result.initialHeldOutLoss, meta);
    }
    throw new TypeError('tks-admmirnn: a result of another instance kind');
  },
  outcome: tksAnyRunOutcome,
  readRunFile: readTksAnyRunFile,
};

function prepare(input: PrepareInput<TksFlags>): Prepared<TksMethodInstance> {
  if (input.instance === undefined) throw new FieldError('--instance', 'missing (give --instance FILE: a TKS instance, e.g. fixtures/tks/text.json)');
  const inst = parseTksInstance(input.instance.text);
  const { params } = inst;
  if (inst.task !== 'text') {
    const task = loadWindowTask(inst, params.batch);
    return windowPrepare(input, task, inst.hidden, params, inst.seed);
  }
  const B = params.batch ?? DEFAULT_BATCH;
  const dflt = defaultHyper(inst.sequenceLength * B);
  const hyper: Hyper = {
    nu: params.nu ?? dflt.nu, rho1: params.rho1 ?? dflt.rho1, rho2: params.rho2 ?? dflt.rho2,
    rho3: params.rho3 ?? dflt.rho3, r: params.r ?? dflt.r, omega: params.omega ?? dflt.omega,
  };
  const bad = checkHyper(hyper);
  if (bad) throw new FieldError('params', bad);
  const { task } = loadTextTask(inst, input.instance.file, B);
  const warnings: string[] = [];
  const H = 1 / (2 * task.N * task.B);
  const low = (['rho1', 'rho2', 'rho3'] as const).filter((k) => !(hyper[k] > 2 * H));
  if (low.length) warnings.push(`${low.join(', ')} ≤ 2H = ${(2 * H).toPrecision(3)}: Theorems 1–2 (ρ_i > 2H) do not cover this run`);
  const timeBudgetSec = input.flags['time-budget'];
  const variant = input.flags.parallel;
  if (input.flags.workers !== undefined && variant === undefined) throw new FieldError('--workers', 'only with --parallel sp|ap|data');
  const workers = input.flags.workers ?? 2;
  if ((variant === 'sp' || variant === 'ap') && workers !== 2) throw new FieldError('--workers', `sp and ap run on 2 workers (the parameter and the state worker), got ${workers}`);
  const badWorkers = variant === 'data' ? checkDataWorkers(workers) : null;
  if (badWorkers) throw new FieldError('--workers', badWorkers);
  const groups = input.flags.groups;
  if (groups !== undefined && variant !== 'sp' && variant !== 'ap') throw new FieldError('--groups', 'only with --parallel sp|ap');
  const sweeps = params.sweeps ?? 1;
  if (variant !== undefined && sweeps !== 1) throw new FieldError('--parallel', `the parallel variants run one sweep per visit, but params.sweeps = ${sweeps}`);
  return {
    instance: {
      kind: 'text', file: input.instance.file, textFile: inst.textFile, task, hidden: inst.hidden, hyper,
      iterations: input.flags.iterations ?? params.iterations ?? (timeBudgetSec !== undefined ? MAX_ITERATIONS : DEFAULT_TKS_ITERATIONS),
      ...(timeBudgetSec !== undefined ? { timeBudgetSec } : {}),
      sweeps,
      ...(inst.seed !== undefined ? { seed: inst.seed } : {}),
      warnings,
      ...(variant !== undefined ? { parallel: { variant, workers, ...(groups !== undefined ? { groups } : {}) } } : {}),
    },
    warnings,
  };
}

function run(inst: TksMethodInstance, options: RunOptions): TksMethodResult | TksWindowMethodResult {
  if (inst.kind === 'windows') return windowRun(inst, options);
  if (inst.parallel) throw new FieldError('--parallel', 'runs on worker threads: call runAsync (the CLI does)');
  return runVanilla(inst, options);
}

function runAsync(inst: TksMethodInstance, options: RunOptions): Promise<TksMethodResult | TksWindowMethodResult> {
  if (inst.kind === 'windows') return Promise.resolve(windowRun(inst, options));
  return inst.parallel ? runParallel(inst, options) : Promise.resolve(runVanilla(inst, options));
}

/**
 * What every run starts with: the initial RNN from the instance's seed (else the run's), and the progress plan —
 * with only a time budget the number of iterations is unknown: 0, and progress once per epoch of J batches.
 */
function startRun(inst: TksRunInstance, options: RunOptions, dims: Pick<Dims, 'd' | 'h' | 'q'>, J: number) {
  const initSeed = inst.seed ?? options.seed;
  const init = zeroParams(dims);
  initParamsInto(init, dims, initSeed);
  const observer = options.observer;
  const of = inst.timeBudgetSec !== undefined && inst.iterations >= MAX_ITERATIONS ? 0 : inst.iterations;
  const every = of === 0 ? J : Math.max(1, Math.floor(of / 100));
  observer?.start?.(of);
  return { initSeed, init, observer, of, every };
}

/** The initialization and the progress reporting both text runs share. */
function setup(inst: TksTextMethodInstance, options: RunOptions) {
  const { task } = inst;
  const dims = textDims(task, inst.hidden);
  const { initSeed, init, observer, of, every } = startRun(inst, options, dims, task.J);
  const finish = (result: TextTrainResult, parallel?: ParallelReport | DataParallelReport): TksMethodResult => ({
    result, initSeed,
    initialHeldOutLoss: sequenceLoss(init, task.heldOut, dims, 1).loss,
    unigramEntropy: unigramEntropy(Int32Array.from([...task.train, ...task.heldOut]), task.vocab.length),
    ...(parallel ? { parallel } : {}),
  });
  return { init, of, every, observer, finish };
}

async function runParallel(inst: TksTextMethodInstance, options: RunOptions): Promise<TksMethodResult> {
  const { init, of, every, observer, finish } = setup(inst, options);
  const par = inst.parallel as NonNullable<TksTextMethodInstance['parallel']>;
  if (par.variant === 'data') {
    let lastHeld: number | undefined; // shown as '-' until the first evaluation
    const d = await trainDataParallel(inst.task, init, par.workers, {
      hyper: inst.hyper, iterations: inst.iterations, evalEvery: inst.task.J,
      ...(inst.timeBudgetSec !== undefined ? { timeBudgetMs: inst.timeBudgetSec * 1000 } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
      onRow: (row) => {
        if (row.heldOutLoss !== undefined) lastHeld = row.heldOutLoss;
        if (row.k % every !== 0 && row.k !== of) return;
        observer?.progress?.({ iteration: row.k, of, detail: `epoch ${row.epoch}, ${par.workers} threads`, metrics: { R: row.batchLoss, ...(lastHeld === undefined ? {} : { 'held-out': lastHeld }) } });
      },
    });
    return finish(d, d.parallel);
  }
  const r = await trainParallel(inst.task, init, {
    variant: par.variant, workers: par.workers, hyper: inst.hyper, iterations: inst.iterations,
    ...(par.groups !== undefined ? { groups: par.groups } : {}),
    ...(inst.timeBudgetSec !== undefined ? { timeBudgetMs: inst.timeBudgetSec * 1000 } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    onRow: (row) => {
      if (row.k % every !== 0 && row.k !== of) return;
      observer?.progress?.({ iteration: row.k, of, detail: `epoch ${row.epoch}, staleness ${row.staleness}`, metrics: { R: row.batchLoss } }); // held out at the end only
    },
  });
  return finish(r, r.parallel);
}

function runVanilla(inst: TksTextMethodInstance, options: RunOptions): TksMethodResult {
  const { init, of, every, observer, finish } = setup(inst, options);
  let lastHeld: number | undefined; // shown as '-' until the first evaluation
  const result = trainText(inst.task, init, {
    hyper: inst.hyper, iterations: inst.iterations, sweeps: inst.sweeps, evalEvery: inst.task.J,
    ...(inst.timeBudgetSec !== undefined ? { timeBudgetMs: inst.timeBudgetSec * 1000 } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    onRow: (row) => {
      if (row.heldOutLoss !== undefined) lastHeld = row.heldOutLoss;
      if (row.k % every !== 0 && row.k !== of) return;
      observer?.progress?.({ iteration: row.k, of, detail: `epoch ${row.epoch}`, metrics: { R: row.batchLoss, ...(lastHeld === undefined ? {} : { 'held-out': lastHeld }) } });
    },
  });
  return finish(result);
}

/** Resolve the settings of a window task: the defaults relative to H, then the instance's params, then the flags. */
function windowPrepare(
  input: PrepareInput<TksFlags>, task: WindowTask, hidden: number, params: ReturnType<typeof parseTksInstance>['params'], seed: number | undefined,
): Prepared<TksMethodInstance> {
  if (input.flags.parallel !== undefined || input.flags.workers !== undefined) {
    throw new FieldError(input.flags.parallel !== undefined ? '--parallel' : '--workers', `the parallel variants train the text task only, not ${task.setting}`);
  }
  const dflt = windowHyper(task);
  const hyper: Hyper = {
    nu: params.nu ?? dflt.nu, rho1: params.rho1 ?? dflt.rho1, rho2: params.rho2 ?? dflt.rho2,
    rho3: params.rho3 ?? dflt.rho3, r: params.r ?? dflt.r, omega: params.omega ?? dflt.omega,
  };
  const bad = checkHyper(hyper);
  if (bad) throw new FieldError('params', bad);
  const warnings: string[] = [];
  const H = task.loss === 'cross-entropy' ? 1 / (2 * task.B) : 1 / task.B;
  const low = (['rho1', 'rho2', 'rho3'] as const).filter((k) => !(hyper[k] > 2 * H));
  if (low.length) warnings.push(`${low.join(', ')} ≤ 2H = ${(2 * H).toPrecision(3)}: Theorems 1–2 (ρ_i > 2H) do not cover this run`);
  if (task.dropped > 0) warnings.push(`${task.dropped} of ${task.train.count} training windows left out: batches of ${task.B} (problem/windows.ts)`);
  const timeBudgetSec = input.flags['time-budget'];
  const file = (input.instance as { file: string }).file;
  return {
    instance: {
      kind: 'windows', file, task, hidden, hyper,
      iterations: input.flags.iterations ?? params.iterations ?? (timeBudgetSec !== undefined ? MAX_ITERATIONS : DEFAULT_TKS_ITERATIONS),
      ...(timeBudgetSec !== undefined ? { timeBudgetSec } : {}),
      sweeps: params.sweeps ?? 1,
      ...(seed !== undefined ? { seed } : {}),
      warnings,
    },
    warnings,
  };
}

function windowRun(inst: TksWindowMethodInstance, options: RunOptions): TksWindowMethodResult {
  const { task } = inst;
  const dims = { ...task.dims, h: inst.hidden };
  const { initSeed, init, observer, of, every } = startRun(inst, options, dims, task.J);
  let lastHeld: number | undefined; // shown as '-' until the first evaluation
  const windowResult = trainWindows(task, init, {
    hyper: inst.hyper, iterations: inst.iterations, sweeps: inst.sweeps, evalEvery: task.J,
    ...(inst.timeBudgetSec !== undefined ? { timeBudgetMs: inst.timeBudgetSec * 1000 } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    onRow: (row) => {
      if (row.heldOutLoss !== undefined) lastHeld = row.heldOutLoss;
      if (row.k % every !== 0 && row.k !== of) return;
      observer?.progress?.({ iteration: row.k, of, detail: `epoch ${row.epoch}`, metrics: { R: row.batchLoss, ...(lastHeld === undefined ? {} : { 'held-out': lastHeld }) } });
    },
  });
  return { windowResult, initSeed, initialHeldOutLoss: windowMetrics(task, init).heldOutLoss };
}
