/**
 * JSON forms of the WZC types (problem, weights, multipliers, activation) for fixtures, replays and
 * counterexamples in reports, and the one-line descriptions of instances. Built on the engine's readers, which
 * throw with the field's name when the input is malformed, so a broken fixture says what is wrong.
 */
import { arr, f64, type Json, num, obj } from '../../../../engine/jsonReaders.ts';
import type { Activation, Dims, Multipliers, Problem, Weights } from '../../problem/types.ts';

/** Problem → JSON. */
export function problemToJSON(p: Problem): Json {
  return { dims: { ...p.data.dims }, X: arr(p.data.X), Y: arr(p.data.Y), activation: p.activation, lambda: [...p.lambda] };
}

/** JSON → Problem. */
export function problemFromJSON(j: unknown): Problem {
  const o = obj(j, 'prob');
  const dd = obj(o.dims, 'prob.dims');
  const dims: Dims = { T: num(dd.T, 'T'), n: num(dd.n, 'n'), m: num(dd.m, 'm'), r: num(dd.r, 'r') };
  const lam = f64(o.lambda, 'prob.lambda');
  if (lam.length !== 6) throw new Error('prob.lambda: expected 6 numbers');
  return {
    data: { dims, X: f64(o.X, 'prob.X'), Y: f64(o.Y, 'prob.Y') },
    activation: o.activation as Activation,
    lambda: [lam[0], lam[1], lam[2], lam[3], lam[4], lam[5]],
  };
}

/** Weights → JSON. */
export function weightsToJSON(z: Weights): Json {
  return { W: arr(z.W), V: arr(z.V), b: arr(z.b), A: arr(z.A), c: arr(z.c) };
}

/** JSON → Weights. */
export function weightsFromJSON(j: unknown): Weights {
  const o = obj(j, 'z');
  return { W: f64(o.W, 'W'), V: f64(o.V, 'V'), b: f64(o.b, 'b'), A: f64(o.A, 'A'), c: f64(o.c, 'c') };
}

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
