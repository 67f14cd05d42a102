/**
 * `lagrangelab train`: train an Elman RNN with the WZC ALM (Algorithm 3.1, subproblems by the BCD of
 * Algorithm 3.2) on an instance file or a generated synthetic dataset, and write a run file.
 *
 * Design choices (documented in the README section "lagrangelab train"):
 * - Settings: Table 2 defaults (`tableTwo`) for the setting — the generated one, the instance's `setting`, or for
 *   instance files without one 'sp500' (= the synthetic-T10 η's with τ = 1) — then the instance's `params`, then
 *   the flags --outer/--inner/--eps0.
 * - Seeds: the synthetic data draws from mulberry32(S), the initialization from mulberry32(S XOR 0x5bd1e995),
 *   so the two streams never coincide.
 * - Determinism: the run file holds no wall-clock data unless --timing is given (then `elapsedMs` and each trace
 *   row's `timeMs` are added), so one seed and one command give a byte-identical file.
 * - Safety: every input (flags, instance file, --out) is validated before training starts; the run file is
 *   written atomically (temp file + rename) after success only. On divergence nothing is written to --out; the
 *   last finite iterate goes to a sibling `<out>.diverged.json` (unless that exists and --force is absent) and
 *   the command exits with code 3.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { UsageError } from './errors.ts';
import { checkOut, errCode, parseInteger, writeAtomic } from './files.ts';
import { runAlm, tableTwo, checkAlmHypotheses, DivergenceError } from '../papers/wzc/solver/index.ts';
import type { AlmObserver, AlmParams, AlmResult, OuterRow, TraceRow } from '../papers/wzc/solver/index.ts';
import type { Activation, Data, Dims, Iterate, Lambda, Problem, Weights } from '../papers/wzc/problem/types.ts';
import { predictionError } from '../models/elman.ts';
import { startParts } from '../papers/wzc/problem/lagrangian.ts';
import { activationName } from '../models/activations/piecewise.ts';
import { generateSetting, isSyntheticSetting, SYNTHETIC_SETTINGS } from '../papers/wzc/problem/synthetic.ts';
import { INIT_SCHEMES, initSeedFor, initWeights, isInitScheme, type InitScheme } from '../papers/wzc/problem/init.ts';
import { prepareData, TRAIN_FRACTION } from '../models/dataset.ts';
import { eta3Warning, InstanceError, parseInstance, type InstanceParams, type InstanceSetting } from '../papers/wzc/problem/instance.ts';
import { formatJson, toRows } from '../core/json.ts';

/** Format version of the run file. */
export const RUN_FILE_VERSION = 1;
/** Exit code of a run that diverged (usage errors exit 2). */
export const EXIT_DIVERGED = 3;
/** Default initialization: §5.3's N(0, 0.1) with standard deviation 0.1. */
export const DEFAULT_INIT: InitScheme = 'normal-1e-1';

interface TrainFlags {
  instance?: string;
  generate?: string;
  outer?: string;
  inner?: string;
  eps0?: string;
  seed?: string;
  init?: string;
  out?: string;
  force?: boolean;
  quiet?: boolean;
  timing?: boolean;
}

/** Register `lagrangelab train` on the program. */
export function registerTrain(program: Command, setExit: (code: number) => void): void {
  program
    .command('train')
    .description('train an Elman RNN with the WZC ALM + BCD (Algorithms 3.1/3.2) and write a run file')
    .option('--instance <file>', 'instance JSON file (X, Y, hidden, optional activation/init/params)')
    .option('--generate <setting>', `generate synthetic data (§5.1): ${SYNTHETIC_SETTINGS.join(' | ')}`)
    .option('--outer <K>', 'maximum ALM (outer) iterations')
    .option('--inner <J>', 'maximum BCD (inner) iterations per subproblem')
    .option('--eps0 <E>', 'initial tolerance ε0 (≥ 0; 0 = exact stop test (4.9))')
    .option('--seed <S>', 'seed of data generation and initialization (integer 0..4294967295)', '1')
    .option('--init <scheme>', `initialization (§5.4): ${INIT_SCHEMES.join(' | ')} (default ${DEFAULT_INIT}, or the instance's init)`)
    .option('--out <file>', 'run file to write (default runs/train-<seed>.json)')
    .option('--force', 'overwrite an existing run file')
    .option('--quiet', 'no progress, summary or warnings')
    .option('--timing', 'record wall-clock times (elapsedMs, trace timeMs): the file then differs run to run')
    .action(async (flags: TrainFlags) => {
      setExit(await train(flags));
    });
}

/** What a run trains on, after every input was validated. */
interface Plan {
  prob: Problem;
  full: Data;
  T1: number;
  T2: number;
  standardized: boolean;
  init: Weights;
  initName: string;
  settings: AlmParams;
  setting: InstanceSetting;
  source: Record<string, string>;
  warnings: string[];
  seed: number;
  out: string;
}

/** Run `train` with parsed flags; resolves to the exit code. Throws UsageError for bad input. */
export async function train(flags: TrainFlags): Promise<number> {
  const plan = makePlan(flags);
  const argv = canonicalCommand(flags);
  const say = (s: string) => {
    if (!flags.quiet) process.stderr.write(s);
  };
  for (const w of plan.warnings) say(`lagrangelab: warning: ${w}\n`);
  const started = Date.now();
  const progress = makeProgress(plan.settings.outer, !flags.quiet);
  let res: AlmResult;
  try {
    res = runAlm(plan.prob, plan.init, plan.settings, progress.observer);
  } catch (e) {
    progress.stop();
    if (!(e instanceof DivergenceError)) throw e;
    process.stderr.write(`lagrangelab: ${e.message}; ${writeDiverged(plan, e, argv, !!flags.force)}\n`);
    return EXIT_DIVERGED;
  }
  progress.stop();
  const run = runFile(plan, res, argv, flags.timing ? Date.now() - started : undefined);
  writeAtomic(plan.out, formatJson(run) + '\n');
  const errs = `TrainErr ${fmt(run.trainErr as number)}${run.testErr !== undefined ? `, TestErr ${fmt(run.testErr as number)}` : ''}`;
  const last = res.outer[res.outer.length - 1];
  if (!flags.quiet) process.stdout.write(`wrote ${plan.out} (${res.outer.length} outer iterations, FeasVio ${fmt(last?.feasVio ?? NaN)}, ${errs})\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: everything the user gave, before any training.

function makePlan(flags: TrainFlags): Plan {
  const seed = parseInteger(flags.seed ?? '1', '--seed', 0, 0xffffffff);
  const outer = flags.outer === undefined ? undefined : parseInteger(flags.outer, '--outer', 1, 1e8);
  const inner = flags.inner === undefined ? undefined : parseInteger(flags.inner, '--inner', 1, 1e8);
  let eps0: number | undefined;
  if (flags.eps0 !== undefined) {
    eps0 = Number(flags.eps0);
    if (flags.eps0.trim() === '' || !Number.isFinite(eps0) || eps0 < 0) throw new UsageError('--eps0', `must be a finite number ≥ 0, got "${flags.eps0}"`);
  }
  if (flags.init !== undefined && !isInitScheme(flags.init)) {
    throw new UsageError('--init', `unknown initialization "${flags.init}" (expected ${INIT_SCHEMES.join(', ')})`);
  }
  if ((flags.instance === undefined) === (flags.generate === undefined)) {
    throw new UsageError('--instance', 'give exactly one of --instance FILE or --generate SETTING');
  }
  const warnings: string[] = [];
  let data: Data;
  let activation: Activation = { kind: 'relu' };
  let setting: InstanceSetting;
  let split: number | undefined = TRAIN_FRACTION;
  let standardize = false;
  let lambda: Lambda | undefined;
  let instParams: InstanceParams = {};
  let instInit: Weights | undefined;
  let source: Record<string, string>;
  if (flags.generate !== undefined) {
    if (!isSyntheticSetting(flags.generate)) {
      throw new UsageError('--generate', `unknown setting "${flags.generate}" (expected ${SYNTHETIC_SETTINGS.join(', ')})`);
    }
    data = generateSetting(flags.generate, seed).data;
    setting = flags.generate;
    source = { kind: 'generate', setting: flags.generate };
  } else {
    const file = flags.instance as string;
    const inst = loadInstance(file);
    data = inst.problem.data;
    activation = inst.problem.activation;
    setting = inst.setting ?? 'sp500';
    split = inst.split;
    standardize = inst.standardize ?? false;
    if (inst.lambdaGiven) lambda = inst.problem.lambda;
    instParams = inst.params ?? {};
    instInit = inst.init;
    warnings.push(...inst.warnings);
    source = { kind: 'instance', file };
  }
  const prep = prepareData(data, { trainFraction: split ?? null, standardize });
  const dims = prep.train.dims;
  const table = tableTwo(setting, dims);
  const settings: AlmParams = { ...table.params, ...definedOnly(instParams), ...definedOnly({ outer, inner, eps0 }) };
  const prob: Problem = { data: prep.train, activation, lambda: lambda ?? table.lambda };
  if (settings.eta3 <= 1 && instParams.eta3 === undefined) {
    warnings.push(eta3Warning(`η3 (Table 2, ${setting})`, settings.eta3));
  }
  warnings.push(...hypothesisWarnings(settings, prob.lambda));
  let init: Weights;
  let initName: string;
  if (flags.init !== undefined || instInit === undefined) {
    const scheme = (flags.init ?? DEFAULT_INIT) as InitScheme;
    init = initWeights(dims, scheme, initSeedFor(seed));
    initName = scheme;
  } else {
    init = instInit;
    initName = 'instance';
  }
  const L0 = startParts(prob, init).L; // the lower bound (3.10) puts on Γ
  if (L0 > settings.Gamma) {
    warnings.push(`Γ = ${settings.Gamma} < L(s⁰, ξ⁰, ζ⁰, γ0) = ${fmt(L0)}: (3.10) asks Γ ≥ L(s⁰); set params.Gamma`);
  }
  const out = checkOut(flags.out ?? path.join('runs', `train-${seed}.json`), flags.out !== undefined, !!flags.force);
  return { prob, full: prep.full, T1: prep.T1, T2: prep.T2, standardized: standardize, init, initName, settings, setting, source, warnings, seed, out };
}

function loadInstance(file: string) {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError('--instance', `cannot read "${file}" (${errCode(e)})`);
  }
  try {
    return parseInstance(text);
  } catch (e) {
    if (e instanceof InstanceError) throw new UsageError(e.field, e.detail);
    throw e;
  }
}

/** The solver's own hypothesis check; its complaints are warnings here (the paper's Table 2 breaks η3 > 1). */
function hypothesisWarnings(params: AlmParams, lambda: Lambda): string[] {
  // η3 ≤ 1 already has its own, more specific warning.
  return checkAlmHypotheses(params, lambda).filter((w) => !w.startsWith('η3'));
}

// ---------------------------------------------------------------------------------------------------------------
// Output.

function runFile(plan: Plan, res: AlmResult, argv: readonly string[], elapsedMs: number | undefined): Record<string, unknown> {
  const d = plan.prob.data.dims;
  const { z } = res.s;
  const o = header(plan, argv);
  o.status = res.status;
  o.gamma = res.gamma;
  o.eps = res.eps;
  o.trainErr = predictionError(d, plan.prob.data, z, plan.prob.activation);
  if (plan.T2 > 0) o.testErr = predictionError(plan.full.dims, plan.full, z, plan.prob.activation, plan.T1, plan.T1 + plan.T2);
  Object.assign(o, iterateJson(d, res.s));
  o.multipliers = { xi: toRows(res.mult.xi, d.T, d.r), zeta: toRows(res.mult.zeta, d.T, d.r) };
  o.outer = res.outer.map((row: OuterRow) => ({ ...row }));
  o.trace = res.trace.map((row) => traceJson(row, elapsedMs !== undefined));
  if (elapsedMs !== undefined) o.elapsedMs = elapsedMs;
  return o;
}

function header(plan: Plan, argv: readonly string[]): Record<string, unknown> {
  return {
    version: RUN_FILE_VERSION,
    command: argv,
    seed: plan.seed,
    source: plan.source,
    setting: plan.setting,
    dims: { ...plan.prob.data.dims },
    split: { T1: plan.T1, T2: plan.T2, standardized: plan.standardized },
    activation: { ...plan.prob.activation, name: activationName(plan.prob.activation) },
    init: plan.initName,
    lambda: [...plan.prob.lambda],
    settings: { ...plan.settings },
    warnings: plan.warnings,
  };
}

function iterateJson(d: Dims, s: Iterate): Record<string, unknown> {
  const { n, m, r, T } = d;
  const { W, V, b, A, c } = s.z;
  return {
    params: { W: toRows(W, r, r), V: toRows(V, r, n), b: Array.from(b), A: toRows(A, m, r), c: Array.from(c) },
    h: toRows(s.h, T, r),
    u: toRows(s.u, T, r),
  };
}

function traceJson(row: TraceRow, withTime: boolean): Record<string, number> {
  const { timeMs, ...rest } = row;
  return withTime ? { ...rest, timeMs } : rest;
}

/** Write the last finite iterate of a diverged run next to --out; returns what happened, for the message. */
function writeDiverged(plan: Plan, e: DivergenceError, argv: readonly string[], force: boolean): string {
  const file = plan.out.replace(/\.json$/i, '') + '.diverged.json';
  if (fs.existsSync(file) && !force) return `"${file}" exists, not overwritten (use --force); nothing written`;
  const o = header(plan, argv);
  Object.assign(o, { status: 'diverged', k: e.k, j: e.j, block: e.block, lastFinite: iterateJson(plan.prob.data.dims, e.lastFinite) });
  o.trace = e.trace.map((row) => traceJson(row, false));
  try {
    writeAtomic(file, formatJson(o) + '\n');
  } catch (err) {
    return `could not write the last finite iterate (${errCode(err)}); nothing written`;
  }
  return `nothing written to --out; last finite iterate in "${file}"`;
}

/** Progress over outer iterations: a cli-progress bar on a TTY, one plain line per iteration otherwise. */
function makeProgress(total: number, enabled: boolean): { observer: AlmObserver | undefined; stop: () => void } {
  if (!enabled) return { observer: undefined, stop: () => {} };
  let L = NaN;
  const onTrace = (row: TraceRow) => {
    L = row.L;
  };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'ALM {bar} {value}/{total} | L {L} | FeasVio {feas} | γ {gamma}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { L: '-', feas: '-', gamma: '-' });
    return {
      observer: { onTrace, onOuter: (e) => bar.update(e.k, { L: fmt(L), feas: fmt(e.row.feasVio), gamma: fmt(e.row.gamma) }) },
      stop: () => bar.stop(),
    };
  }
  return {
    observer: {
      onTrace,
      onOuter: (e) => {
        const r = e.row;
        process.stderr.write(`outer ${r.k}/${total}  inner ${r.inner} (${r.bcdStatus})  L ${fmt(L)}  FeasVio ${fmt(r.feasVio)}  γ ${fmt(r.gamma)}${r.restarted ? '  restarted' : ''}\n`);
      },
    },
    stop: () => {},
  };
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The flags that determine the result, as an argument vector in a fixed order. Output-only flags (--out,
 * --force, --quiet) are left out so a run file does not depend on where it was written or how it was typed.
 */
function canonicalCommand(flags: TrainFlags): string[] {
  const out = ['lagrangelab', 'train'];
  for (const k of ['instance', 'generate', 'outer', 'inner', 'eps0', 'seed', 'init'] as const) {
    const v = flags[k];
    if (v !== undefined) out.push(`--${k}`, v);
  }
  if (flags.timing) out.push('--timing');
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toExponential(3) : String(x);
}
