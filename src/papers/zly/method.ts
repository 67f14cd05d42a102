/**
 * `zly-admm`: ZLY's ADMM with local linear approximation (Algorithm 1) for N-layer MLPs with smooth activations,
 * as a {@link TrainingMethod}: `lagrangelab train --method zly-admm --instance FILE [--iterations K] [--lla demo]`.
 *
 * Design choices (README, "ZLY"):
 * - Settings: the instance's `params` (λ, β; absent = the authors' demo λ = 1e-6, β_i = 1), then the flags
 *   --iterations (default 100) and --lla (default `paper`: h, μ by (20)–(22); `demo`: ‖B‖_max as in the authors'
 *   MATLAB demo).
 * - Initialization: the instance's `init.W`, else N(0, 1/d_{i−1}) entries drawn from mulberry32(seed XOR
 *   0x5bd1e995) (problem/demo.ts); V⁰, Λ⁰ by (7).
 * - Warnings: which of Theorem 3's conditions (42)–(47) the run's parameters and W⁰ fail (the theorems then say
 *   nothing about the run); `lagrangelab conditions zly` gives the smallest parameters that meet them.
 * - Deterministic: the run file holds no wall-clock data unless --timing is given.
 */
import { FieldError, parseInteger } from '../../core/fields.ts';
import type { Prepared, PrepareInput, RunOptions, TrainingMethod } from '../../engine/method.ts';
import { checkConditions, conditionsInput } from './problem/conditions.ts';
import { zlyDefaultInit, zlyInitSeed } from './problem/demo.ts';
import { parseZlyInstance } from './problem/instance.ts';
import { targetVariance } from './problem/network.ts';
import type { ZlyProblem } from './problem/types.ts';
import { runZlyAdmm } from './solver/admm.ts';
import type { LlaRule, ZlyResult } from './solver/types.ts';
import { buildZlyRunFile, readZlyRunFile, zlyRunOutcome, ZLY_RUN_FILE_VERSION, type ZlyRunFile } from './runFile.ts';

/** Default number of iterations of Algorithm 1. */
export const DEFAULT_ITERATIONS = 100;
const MAX_ITERATIONS = 1e8;

/** Parsed values of the `zly-admm` flags. */
export interface ZlyFlags {
  iterations: number;
  lla: LlaRule;
}

/** What one `zly-admm` run trains on. */
export interface ZlyMethodInstance {
  readonly prob: ZlyProblem;
  /** The instance file as the user named it. */
  readonly file: string;
  /** W⁰ from the instance file; absent = drawn from the run's seed. */
  readonly init?: Float64Array[];
  readonly iterations: number;
  readonly lla: LlaRule;
  readonly warnings: readonly string[];
}

/** What a `zly-admm` run returns. */
export interface ZlyMethodResult {
  readonly result: ZlyResult;
  readonly initName: 'instance' | 'default';
  readonly warnings: readonly string[];
  readonly targetVariance: number;
}

/** ZLY Algorithm 1 as a training method. */
export const zlyAdmm: TrainingMethod<ZlyMethodInstance, ZlyMethodResult, ZlyRunFile, ZlyFlags> = {
  id: 'zly-admm',
  paper: 'ZLY',
  description: 'N-layer MLP by ZLY nonlinearly constrained ADMM with local linear approximation (Algorithm 1)',
  flags: {
    iterations: {
      arg: 'K',
      help: `iterations of Algorithm 1 (default ${DEFAULT_ITERATIONS})`,
      parse: (s, flag) => parseInteger(s, flag, 1, MAX_ITERATIONS),
    },
    lla: {
      arg: 'rule',
      help: 'h, μ of the local linear approximation: paper = 𝕃(‖B‖_max) of (20)–(22) (default), demo = ‖B‖_max (authors\' demo)',
      parse: (s, flag) => {
        if (s !== 'paper' && s !== 'demo') throw new FieldError(flag, `expected "paper" or "demo", got "${s}"`);
        return s;
      },
    },
  },
  progressLabels: { bar: 'ADMM', unit: 'iteration', metrics: ['L', 'MSE', '‖∇L‖'] },
  runFileVersion: ZLY_RUN_FILE_VERSION,
  prepare,
  run,
  runFile: buildZlyRunFile,
  outcome: zlyRunOutcome,
  readRunFile: readZlyRunFile,
};

function prepare(input: PrepareInput<ZlyFlags>): Prepared<ZlyMethodInstance> {
  if (input.instance === undefined) throw new FieldError('--instance', 'missing (give --instance FILE: a ZLY instance, see the README)');
  const inst = parseZlyInstance(input.instance.text);
  const prob: ZlyProblem = { dims: inst.dims, X: inst.X, Y: inst.Y, activation: inst.activation, lambda: inst.lambda, beta: inst.beta };
  const warnings: string[] = [];
  if (!inst.given.lambda || !inst.given.beta) {
    warnings.push(`params: ${[inst.given.lambda ? '' : 'λ = 1e-6', inst.given.beta ? '' : 'β_i = 1'].filter(Boolean).join(', ')} (the authors' demo defaults)`);
  }
  const instance: ZlyMethodInstance = {
    prob, file: input.instance.file, init: inst.init,
    iterations: input.flags.iterations ?? DEFAULT_ITERATIONS, lla: input.flags.lla ?? 'paper', warnings,
  };
  return { instance, warnings };
}

function run(inst: ZlyMethodInstance, options: RunOptions): ZlyMethodResult {
  const { prob } = inst;
  const W0 = inst.init ?? zlyDefaultInit(prob.dims, zlyInitSeed(options.seed));
  const warnings = conditionWarnings(prob, W0, inst.lla);
  const observer = options.observer;
  for (const w of warnings) observer?.warning?.(w);
  observer?.start?.(inst.iterations);
  const result = runZlyAdmm(prob, W0, inst.iterations, { lla: inst.lla, faults: options.faults }, (row) => {
    observer?.progress?.({
      iteration: row.k, of: inst.iterations,
      metrics: { L: row.L, MSE: row.mseNet ?? NaN, '‖∇L‖': row.gradNorm ?? NaN },
    });
  });
  return { result, initName: inst.init ? 'instance' : 'default', warnings, targetVariance: targetVariance(prob.dims, prob.Y) };
}

/** One warning naming the conditions of Theorem 3 this run fails, and one for the demo LLA rule. */
function conditionWarnings(prob: ZlyProblem, W0: readonly Float64Array[], lla: LlaRule): string[] {
  const inp = conditionsInput(prob, W0);
  const failed = checkConditions(inp, prob.beta, prob.lambda).strong.filter((c) => !c.holds);
  const out: string[] = [];
  if (inp.gamma === 0) {
    out.push("W⁰ = 0: γ = 0 in (37), and Theorem 3's constants divide by powers of γ: its conditions are undefined");
  } else if (failed.length > 0) {
    const ids = [...new Set(failed.map((c) => c.id.split(' ')[0]))].join(', ');
    out.push(`Theorem 3's conditions ${ids} fail for these parameters and W⁰: its conclusions do not cover this run (see \`lagrangelab conditions zly\`)`);
  }
  if (lla === 'demo') out.push('--lla demo: h, μ = ‖B‖_max (the authors\' demo), not 𝕃(‖B‖_max) of (22): Lemma 2 no longer applies');
  return out;
}
