/**
 * One training run of WZC §5.4 as the experiments (and the empirical claims) need it: a method (the ALM or one
 * of the paper's five baselines), a dataset (a §5.1 synthetic setting drawn from a data seed), an initialization
 * scheme of §5.4 drawn from a repetition seed, a budget — and back the final TrainErr and TestErr (§5.2), and on
 * request the errors against time (Fig. 2) and FeasVio per ALM iteration (Fig. 1).
 *
 * The ALM and the baselines start from the same s⁰ on the same data: the data from the data seed (exactly
 * `lagrangelab train --generate <setting> --seed <data seed>`), the weights by `initWeights(scheme,
 * initSeedFor(repetition seed))` — what `train --init <scheme> --seed <repetition seed>` draws.
 *
 * Time: wall-clock ms of the training work only. The ALM's clock stops while this module evaluates the errors
 * after an outer iteration; the baselines' is their trace's `timeMs` (updates and the gradients they used).
 */
import { performance } from 'node:perf_hooks';
import { rnnObjective, trainBaseline, type BaselineId } from '../../../../baselines/index.ts';
import { packElman } from '../../../../models/bptt.ts';
import { predictionError, type Data, type Weights } from '../../../../models/elman.ts';
import type { Problem } from '../../problem/types.ts';
import { INIT_SCHEMES, initSeedFor, initWeights, type InitScheme } from '../../problem/init.ts';
import { generateSetting, type SyntheticSetting } from '../../problem/synthetic.ts';
import { DivergenceError, runAlm, tableTwo, type AlmParams } from '../../solver/index.ts';
import { prepareData, TRAIN_FRACTION } from '../../../../models/dataset.ts';
import { loadSp500Volatility } from '../../../../models/datasets/sp500.ts';
import type { RnnTask } from '../../../../models/task.ts';
import { TABLE4 } from './sec5Tables.ts';

/** The methods of Table 3, in its row order. */
export const TABLE3_METHODS = ['alm', 'gd', 'gdc', 'gdnm', 'sgd', 'adam'] as const;
export type Table3Method = (typeof TABLE3_METHODS)[number];

/** Display names (the paper's). */
export const METHOD_NAMES: Readonly<Record<Table3Method, string>> = { alm: 'ALM', gd: 'GD', gdc: 'GDC', gdnm: 'GDNM', sgd: 'SGD', adam: 'Adam' };

/** Budget of one run: ALM outer/inner iterations, baseline epochs. */
export interface RunBudget {
  outer: number;
  inner: number;
  epochs: number;
}

/** The datasets of §5: the two synthetic ones and the S&P volatility series (src/models/datasets/sp500.ts). */
export type Sec5Setting = SyntheticSetting | 'sp500';

/** Hidden units on the S&P series (§5.1: r = 20). */
export const SP500_HIDDEN = 20;

/** What one run asks for. */
export interface RunSpec {
  method: Table3Method;
  /** The dataset; `dataSeed` draws the synthetic ones and is ignored for `sp500`. */
  setting: Sec5Setting;
  dataSeed: number;
  init: InitScheme;
  repSeed: number;
  budget: RunBudget;
  /** Record the errors after every ALM iteration / baseline epoch, against time (Fig. 2). */
  curve?: boolean;
  /** Record FeasVio after every ALM iteration (Fig. 1). */
  feasVio?: boolean;
}

/** One point of an error-against-time curve. */
export interface CurvePoint {
  ms: number;
  trainErr: number | null;
  testErr: number | null;
}

/** What one run gives back (plain JSON; non-finite numbers as null). */
export interface RunOutcome {
  status: 'completed' | 'diverged';
  trainErr: number | null;
  testErr: number | null;
  /** Total training time, ms (wall, training work only). */
  ms: number;
  curve?: CurvePoint[];
  /** FeasVio(s⁰), then FeasVio(s^k) for k = 1.. (ALM only). */
  feasVio?: number[];
  /** Learning rate (and GDC's clipping norm) used: Table 4's. */
  lr?: number;
  clip?: number;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Run one method once. */
export function runMethod(spec: RunSpec): RunOutcome {
  return spec.method === 'alm' ? runAlmOnce(spec) : runBaselineOnce(spec, spec.method);
}

let sp500Data: Data | undefined;

/**
 * The whole sequence of a dataset: a synthetic set of §5.1 drawn from the seed, or the S&P volatility series
 * (already standardized with its training rows' statistics, 90/10 in time order) with r = 20 hidden units.
 */
export function sec5Data(setting: Sec5Setting, dataSeed: number): Data {
  if (setting !== 'sp500') return generateSetting(setting, dataSeed).data;
  if (!sp500Data) {
    const v = loadSp500Volatility();
    sp500Data = { dims: { T: v.T, n: v.n, m: 1, r: SP500_HIDDEN }, X: v.inputs, Y: v.target };
  }
  return sp500Data;
}

/**
 * The ALM's problem for a dataset: what `train --generate <setting>` builds for the synthetic ones (90% split,
 * ReLU, Table 2's row for the setting with the budget's outer/inner), the same with Table 2's S&P row for `sp500`.
 */
export function almProblem(setting: Sec5Setting, dataSeed: number, budget: Pick<RunBudget, 'outer' | 'inner'>): { prob: Problem; full: Data; T1: number; T2: number; settings: AlmParams } {
  const prep = prepareData(sec5Data(setting, dataSeed), { trainFraction: TRAIN_FRACTION, standardize: false });
  const table = tableTwo(setting, prep.train.dims);
  return {
    prob: { data: prep.train, activation: { kind: 'relu' }, lambda: table.lambda },
    full: prep.full, T1: prep.T1, T2: prep.T2,
    settings: { ...table.params, outer: budget.outer, inner: budget.inner },
  };
}

/** The baselines' task on the same data and split as {@link almProblem}. */
function baselineTask(setting: Sec5Setting, dataSeed: number): RnnTask {
  const prep = prepareData(sec5Data(setting, dataSeed), { trainFraction: TRAIN_FRACTION, standardize: false });
  return {
    kind: 'rnn', paper: 'WZC', source: { kind: 'generate', setting }, full: prep.full, T1: prep.T1, T2: prep.T2,
    standardized: setting === 'sp500', activation: { kind: 'relu' }, setting,
  };
}

function runAlmOnce(spec: RunSpec): RunOutcome {
  const { prob, full, T1, T2, settings } = almProblem(spec.setting, spec.dataSeed, spec.budget);
  const d = prob.data.dims;
  const errors = (z: Weights) => ({
    trainErr: predictionError(d, prob.data, z, prob.activation),
    testErr: T2 > 0 ? predictionError(full.dims, full, z, prob.activation, T1, T1 + T2) : NaN,
  });
  const z0 = initWeights(d, spec.init, initSeedFor(spec.repSeed));
  const curve: CurvePoint[] = [];
  const point = (ms: number, z: Weights): CurvePoint => cleanPoint({ ms, ...errors(z) });
  const feas: number[] = [0]; // s⁰ is feasible by construction: h⁰ = σ(u⁰), u⁰ = Ψ(h⁰)w⁰
  let paused = 0;
  const t0 = performance.now();
  if (spec.curve) curve.push(point(0, z0));
  const observer = spec.curve || spec.feasVio
    ? {
      onOuter: (e: { s: Readonly<{ z: Weights }>; row: { feasVio: number } }) => {
        const p0 = performance.now();
        if (spec.feasVio) feas.push(e.row.feasVio);
        if (spec.curve) curve.push(point(p0 - t0 - paused, e.s.z));
        paused += performance.now() - p0;
      },
    }
    : undefined;
  let z: Weights;
  let status: RunOutcome['status'] = 'completed';
  try {
    z = runAlm(prob, z0, settings, observer).s.z;
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    z = e.lastFinite.z;
    status = 'diverged';
  }
  const ms = performance.now() - t0 - paused;
  const err = errors(z);
  return {
    status, trainErr: finite(err.trainErr), testErr: finite(err.testErr), ms,
    ...(spec.curve ? { curve: curve } : {}), ...(spec.feasVio ? { feasVio: feas } : {}),
  };
}

function runBaselineOnce(spec: RunSpec, id: Exclude<Table3Method, 'alm'>): RunOutcome {
  const task = baselineTask(spec.setting, spec.dataSeed);
  const theta0 = packElman(task.full.dims, initWeights(task.full.dims, spec.init, initSeedFor(spec.repSeed)));
  const obj = rnnObjective(task, { kind: 'relu' }, theta0, Infinity);
  const { lr, clip } = TABLE4[spec.setting][id][spec.init];
  const stochastic = id === 'sgd' || id === 'adam';
  const batch = stochastic ? BATCH[spec.setting] : task.T1;
  const run = trainBaseline(id as BaselineId, obj, { lr, epochs: spec.budget.epochs, batch, ...(clip !== undefined ? { clip } : {}) }, spec.repSeed);
  const last = run.trace[run.trace.length - 1];
  return {
    status: run.status, trainErr: finite(run.trainErr), testErr: finite(run.testErr), ms: last?.timeMs ?? 0, lr, ...(clip !== undefined ? { clip } : {}),
    ...(spec.curve ? { curve: run.trace.map((r) => cleanPoint({ ms: r.timeMs, trainErr: r.loss, testErr: r.testErr ?? NaN })) } : {}),
  };
}

/** §5.4's mini-batch sizes (lines 701–703), in time steps. */
const BATCH: Readonly<Record<Sec5Setting, number>> = { 'synthetic-T10': 2, sp500: 50, 'synthetic-T500': 100 };

function cleanPoint(p: { ms: number; trainErr: number; testErr: number }): CurvePoint {
  return { ms: p.ms, trainErr: finite(p.trainErr), testErr: finite(p.testErr) };
}

/**
 * The runs of Table 3 on one dataset: every method × initialization × `reps` repetitions (repetition i draws from
 * dataSeed + i). The last few results are kept (the empirical claims decide several statements on one set of runs;
 * the runs take no planted faults, so a cached set is never stale).
 */
export function table3Runs(setting: Sec5Setting, dataSeed: number, reps: number, budget: RunBudget): { method: Table3Method; init: InitScheme; outcome: RunOutcome }[] {
  const key = JSON.stringify([setting, dataSeed, reps, budget]);
  const hit = runsCache.get(key);
  if (hit) return hit;
  const runs = TABLE3_METHODS.flatMap((method) => INIT_SCHEMES.flatMap((init) => Array.from({ length: reps }, (_, r) => ({
    method, init, outcome: runMethod({ method, setting, dataSeed, init, repSeed: (dataSeed + r) >>> 0, budget }),
  }))));
  if (runsCache.size >= 4) runsCache.delete(runsCache.keys().next().value as string);
  runsCache.set(key, runs);
  return runs;
}

const runsCache = new Map<string, { method: Table3Method; init: InitScheme; outcome: RunOutcome }[]>();
