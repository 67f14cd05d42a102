/**
 * `wzc-alm`: the WZC augmented Lagrangian method (Algorithm 3.1, subproblems by the BCD of Algorithm 3.2) for
 * ReLU Elman RNNs, as a {@link TrainingMethod}. This is the paper's top layer: it reads instance files
 * (instance.ts), resolves settings, runs the solver and builds the run file (runFile.ts).
 *
 * Design choices (README, "lagrangelab train"):
 * - Settings: Table 2 defaults (`tableTwo`) for the setting — the generated one, the instance's `setting`, or for
 *   instance files without one 'sp500' (= the synthetic-T10 η's with τ = 1) — then the instance's `params`, then
 *   the flags --outer/--inner/--eps0.
 * - Seeds: `--generate` data draw from mulberry32(S); the initialization, when the run draws one, from
 *   mulberry32(S XOR 0x5bd1e995), so the two streams never coincide.
 * - The ALM is deterministic given the instance and s⁰: the run file holds no wall-clock data unless asked for.
 */
import { FieldError } from '../../core/fields.ts';
import { parseInteger } from '../../core/fields.ts';
import type { MethodObserver, Prepared, PrepareInput, RunOptions, TrainingMethod } from '../../engine/method.ts';
import type { Activation, Data, Weights } from '../../models/elman.ts';
import { forward } from '../../models/elman.ts';
import { prepareData, TRAIN_FRACTION } from '../../models/dataset.ts';
import { runAlm, tableTwo, checkAlmHypotheses, DivergenceError } from './solver/index.ts';
import type { AlmObserver, AlmParams, AlmResult, AlmSetting } from './solver/index.ts';
import type { Lambda, Problem } from './problem/types.ts';
import { startParts } from './problem/lagrangian.ts';
import { generateSetting, isSyntheticSetting, SYNTHETIC_SETTINGS, type SyntheticSetting } from './problem/synthetic.ts';
import { INIT_SCHEMES, initSeedFor, initWeights, isInitScheme, type InitScheme } from './problem/init.ts';
import { eta3Warning, parseInstance, type InstanceParams } from './instance.ts';
import { buildRunFile, fmt, readRunFile, runOutcome, RUN_FILE_VERSION, type WzcRunFile, type WzcSource } from './runFile.ts';

/** Default initialization: §5.3's N(0, 0.1) with standard deviation 0.1. */
export const DEFAULT_INIT: InitScheme = 'normal-1e-1';

/** Parsed values of the `wzc-alm` flags. */
export interface WzcFlags {
  /** Train on a synthetic dataset of §5.1 instead of an instance file. */
  generate: SyntheticSetting;
  outer: number;
  inner: number;
  eps0: number;
  init: InitScheme;
}

/** What one `wzc-alm` run trains on, every input validated and every setting resolved. */
export interface WzcInstance {
  /** The training problem (2.6): the training rows (standardized if asked), σ and λ. */
  readonly prob: Problem;
  /** The whole sequence (standardized if asked), for TestErr. */
  readonly full: Data;
  /** Training steps T1 and test steps T2 (T2 = 0: no test part). */
  readonly T1: number;
  readonly T2: number;
  readonly standardized: boolean;
  readonly settings: AlmParams;
  readonly setting: AlmSetting;
  readonly source: WzcSource;
  /** s⁰'s weights from the instance file; used unless `initScheme` is set. */
  readonly init?: Weights;
  /** Draw s⁰'s weights with this scheme from the run's seed (--init; the default when there is no `init`). */
  readonly initScheme?: InitScheme;
  readonly warnings: readonly string[];
}

/** What a `wzc-alm` run returns: the ALM result, or the divergence with the last finite iterate. */
export type WzcResult =
  | { readonly status: 'done'; readonly alm: AlmResult; readonly initName: InitScheme | 'instance'; readonly warnings: readonly string[] }
  | { readonly status: 'diverged'; readonly error: DivergenceError; readonly initName: InitScheme | 'instance'; readonly warnings: readonly string[] };

const MAX_ITERS = 1e8;

/** The WZC ALM + BCD as a training method. */
export const wzcAlm: TrainingMethod<WzcInstance, WzcResult, WzcRunFile, WzcFlags> = {
  id: 'wzc-alm',
  paper: 'WZC',
  description: 'Elman RNN by the WZC augmented Lagrangian method + BCD (Algorithms 3.1/3.2)',
  flags: {
    generate: {
      arg: 'setting',
      help: `generate synthetic data (§5.1): ${SYNTHETIC_SETTINGS.join(' | ')}`,
      source: true,
      parse: (s, flag) => {
        if (!isSyntheticSetting(s)) throw new FieldError(flag, `unknown setting "${s}" (expected ${SYNTHETIC_SETTINGS.join(', ')})`);
        return s;
      },
    },
    outer: { arg: 'K', help: 'maximum ALM (outer) iterations', parse: (s, flag) => parseInteger(s, flag, 1, MAX_ITERS) },
    inner: { arg: 'J', help: 'maximum BCD (inner) iterations per subproblem', parse: (s, flag) => parseInteger(s, flag, 1, MAX_ITERS) },
    eps0: {
      arg: 'E',
      help: 'initial tolerance ε0 (≥ 0; 0 = exact stop test (4.9))',
      parse: (s, flag) => {
        const x = Number(s);
        if (s.trim() === '' || !Number.isFinite(x) || x < 0) throw new FieldError(flag, `must be a finite number ≥ 0, got "${s}"`);
        return x;
      },
    },
    init: {
      arg: 'scheme',
      help: `initialization (§5.4): ${INIT_SCHEMES.join(' | ')} (default ${DEFAULT_INIT}, or the instance's init)`,
      parse: (s, flag) => {
        if (!isInitScheme(s)) throw new FieldError(flag, `unknown initialization "${s}" (expected ${INIT_SCHEMES.join(', ')})`);
        return s;
      },
    },
  },
  // The order of run files written before --method existed.
  commandOrder: ['instance', 'generate', 'outer', 'inner', 'eps0', 'seed', 'init'],
  progressLabels: { bar: 'ALM', unit: 'outer', metrics: ['L', 'FeasVio', 'γ'] },
  runFileVersion: RUN_FILE_VERSION,
  prepare,
  run,
  runFile: buildRunFile,
  outcome: runOutcome,
  readRunFile,
};

/** Validate the data source, resolve the settings and prepare the data (split, standardization). */
function prepare(input: PrepareInput<WzcFlags>): Prepared<WzcInstance> {
  const { flags, seed } = input;
  if ((input.instance === undefined) === (flags.generate === undefined)) {
    throw new FieldError('--instance', 'give exactly one of --instance FILE or --generate SETTING');
  }
  const warnings: string[] = [];
  let data: Data;
  let activation: Activation = { kind: 'relu' };
  let setting: AlmSetting;
  let split: number | undefined = TRAIN_FRACTION;
  let standardize = false;
  let lambda: Lambda | undefined;
  let instParams: InstanceParams = {};
  let init: Weights | undefined;
  let source: WzcSource;
  if (flags.generate !== undefined) {
    data = generateSetting(flags.generate, seed).data;
    setting = flags.generate;
    source = { kind: 'generate', setting: flags.generate };
  } else {
    const file = input.instance as { file: string; text: string };
    const inst = parseInstance(file.text);
    data = inst.problem.data;
    activation = inst.problem.activation;
    setting = inst.setting ?? 'sp500';
    split = inst.split;
    standardize = inst.standardize ?? false;
    if (inst.lambdaGiven) lambda = inst.problem.lambda;
    instParams = inst.params ?? {};
    init = inst.init;
    warnings.push(...inst.warnings);
    source = { kind: 'instance', file: file.file };
  }
  const prep = prepareData(data, { trainFraction: split ?? null, standardize });
  const table = tableTwo(setting, prep.train.dims);
  const { outer, inner, eps0 } = flags;
  const settings: AlmParams = { ...table.params, ...definedOnly(instParams), ...definedOnly({ outer, inner, eps0 }) };
  const prob: Problem = { data: prep.train, activation, lambda: lambda ?? table.lambda };
  if (settings.eta3 <= 1 && instParams.eta3 === undefined) {
    warnings.push(eta3Warning(`η3 (Table 2, ${setting})`, settings.eta3));
  }
  // η3 ≤ 1 already has its own, more specific warning; the rest of the solver's hypothesis check warns here
  // (the paper's own Table 2 breaks η3 > 1, so violations are accepted).
  warnings.push(...checkAlmHypotheses(settings, prob.lambda).filter((w) => !w.startsWith('η3')));
  const instance: WzcInstance = {
    prob, full: prep.full, T1: prep.T1, T2: prep.T2, standardized: standardize, settings, setting, source,
    init, initScheme: flags.init, warnings,
  };
  return { instance, warnings };
}

/** Draw or take s⁰'s weights, check (3.10) Γ ≥ L(s⁰), and run Algorithm 3.1. */
function run(inst: WzcInstance, options: RunOptions): WzcResult {
  const observer = options.observer;
  const dims = inst.prob.data.dims;
  let init: Weights;
  let initName: InitScheme | 'instance';
  if (inst.initScheme !== undefined || inst.init === undefined) {
    initName = inst.initScheme ?? DEFAULT_INIT;
    init = initWeights(dims, initName, initSeedFor(options.seed));
  } else {
    init = inst.init;
    initName = 'instance';
  }
  const warnings: string[] = [];
  const L0 = startParts(inst.prob, init).L; // the lower bound (3.10) puts on Γ
  if (L0 > inst.settings.Gamma) {
    warnings.push(`Γ = ${inst.settings.Gamma} < L(s⁰, ξ⁰, ζ⁰, γ0) = ${fmt(L0)}: (3.10) asks Γ ≥ L(s⁰); set params.Gamma`);
  }
  for (const w of warnings) observer?.warning?.(w);
  observer?.start?.(inst.settings.outer);
  try {
    const alm = runAlm(inst.prob, init, inst.settings, almObserver(inst.settings.outer, observer));
    return { status: 'done', alm, initName, warnings };
  } catch (e) {
    if (e instanceof DivergenceError) return { status: 'diverged', error: e, initName, warnings };
    throw e;
  }
}

/** Progress per outer iteration; none at all (so the inner loop allocates nothing) without a progress observer. */
function almObserver(outer: number, observer: MethodObserver | undefined): AlmObserver | undefined {
  const progress = observer?.progress?.bind(observer);
  if (!progress) return undefined;
  let L = NaN;
  return {
    onTrace: (row) => {
      L = row.L;
    },
    onOuter: (e) => {
      const r = e.row;
      progress({
        iteration: e.k, of: outer, detail: `inner ${r.inner} (${r.bcdStatus})`,
        metrics: { L, FeasVio: r.feasVio, γ: r.gamma }, marks: r.restarted ? ['restarted'] : [],
      });
    },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
