/**
 * What both TKS run files carry alike (text runs: runFile.ts; window runs: windows/runFile.ts): the `settings`
 * block (the hyperparameters of (8) and the stopping rules) and the run's header and outcome fields, each written
 * or read by one function.
 */
import { FieldError } from '../../core/fields.ts';
import { count, list, num, oneOf, record, str, type Reader } from '../../core/shape.ts';
import type { Hyper } from './problem/types.ts';

/** Settings of a `tks-admmirnn` run as recorded. */
export type TksRunSettings = Hyper & { iterations: number; timeBudgetSec: number | null; sweeps: number };

/** What an instance knows of its settings. */
export interface TksSettingsSource {
  readonly hyper: Hyper;
  readonly iterations: number;
  readonly timeBudgetSec?: number;
  readonly sweeps: number;
}

/** An integer ≥ 1 (run-file readers). */
export const positive: Reader<number> = (v, at) => {
  const x = count(v, at);
  if (x < 1) throw new FieldError(at, `expected an integer ≥ 1, got ${x}`);
  return x;
};

/** The settings block of a run file. */
export function runSettings(inst: TksSettingsSource): TksRunSettings {
  return { ...inst.hyper, iterations: inst.iterations, timeBudgetSec: inst.timeBudgetSec ?? null, sweeps: inst.sweeps };
}

/** Read a settings block back (errors name the field, e.g. `settings.rho1`). */
export function readRunSettings(value: unknown): TksRunSettings {
  const s = record(value, 'settings', ['nu', 'rho1', 'rho2', 'rho3', 'r', 'omega', 'iterations', 'timeBudgetSec', 'sweeps']);
  return {
    nu: num(s.nu, 'settings.nu'), rho1: num(s.rho1, 'settings.rho1'), rho2: num(s.rho2, 'settings.rho2'), rho3: num(s.rho3, 'settings.rho3'),
    r: num(s.r, 'settings.r'), omega: num(s.omega, 'settings.omega'), iterations: positive(s.iterations, 'settings.iterations'),
    timeBudgetSec: s.timeBudgetSec === null ? null : num(s.timeBudgetSec, 'settings.timeBudgetSec'), sweeps: positive(s.sweeps, 'settings.sweeps'),
  };
}

/** The command and seed of a run file (fields `command`, `seed`). */
export function readRunHeader(o: Record<string, unknown>): { command: string[]; seed: number } {
  return { command: list(str)(o.command, 'command'), seed: count(o.seed, 'seed') };
}

/** How a run ended, as a run file records it. */
export interface TksRunOutcomeFields {
  initSeed: number;
  warnings: string[];
  status: 'completed' | 'diverged';
  divergence?: string;
  stop: 'iterations' | 'time-budget' | 'diverged';
  iterations: number;
}

/** Read the outcome fields of a run file (errors name the field). */
export function readRunOutcome(o: Record<string, unknown>): TksRunOutcomeFields {
  return {
    initSeed: count(o.initSeed, 'initSeed'),
    warnings: list(str)(o.warnings, 'warnings'),
    status: oneOf(['completed', 'diverged'] as const)(o.status, 'status'),
    ...(o.divergence !== undefined ? { divergence: str(o.divergence, 'divergence') } : {}),
    stop: oneOf(['iterations', 'time-budget', 'diverged'] as const)(o.stop, 'stop'),
    iterations: count(o.iterations, 'iterations'),
  };
}
