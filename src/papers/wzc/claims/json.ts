/**
 * Readers and writers of the JSON forms of WZC instances (fixtures, replays, counterexamples in reports). A
 * reader throws with the field's name when the input is malformed, so a broken fixture says what is wrong.
 */
import type { Activation, Dims, Multipliers } from '../problem/types.ts';
import { arr, f64, num, obj, type Json } from '../../../engine/jsonReaders.ts';

/** An activation, checked against the three the paper treats. */
export function activationFromJSON(j: unknown): Activation {
  const o = obj(j, 'act');
  if (o.kind === 'relu') return { kind: 'relu' };
  if (o.kind === 'leaky-relu') return { kind: 'leaky-relu', slope: num(o.slope, 'act.slope') };
  if (o.kind === 'elu') return { kind: 'elu', alpha: num(o.alpha, 'act.alpha') };
  throw new Error('act.kind: expected relu, leaky-relu or elu');
}

/** Multipliers (ξ, ζ) → JSON. */
export function multToJSON(m: Multipliers): Json {
  return { xi: arr(m.xi), zeta: arr(m.zeta) };
}

/** JSON → multipliers (ξ, ζ). */
export function multFromJSON(j: unknown): Multipliers {
  const o = obj(j, 'mult');
  return { xi: f64(o.xi, 'xi'), zeta: f64(o.zeta, 'zeta') };
}

/** `T=… n=… m=… r=…` for descriptions. */
export function dimsText(d: Dims): string {
  return `T=${d.T} n=${d.n} m=${d.m} r=${d.r}`;
}

/** `relu`, `leaky(ϖ)` or `elu(α)` for descriptions. */
export function actText(a: Activation): string {
  return a.kind === 'relu' ? 'relu' : a.kind === 'leaky-relu' ? `leaky(${a.slope})` : `elu(${a.alpha})`;
}
