/**
 * Seeded random TKS points for tests: small dimensions, an infeasible iterate (the RNN's feasible point plus
 * noise), nonzero multipliers, and hyperparameters with a wide spread.
 */
import { gaussian, mulberry32 } from '../../src/core/rng.ts';
import type { Batch, Dims, Hyper, LossKind } from '../../src/papers/tks/problem/types.ts';
import { zeroAux, zeroMultipliers, zeroParams } from '../../src/papers/tks/problem/types.ts';
import { forwardInto, forwardScratch } from '../../src/papers/tks/problem/rnn.ts';
import type { TksPoint } from '../../src/papers/tks/theory/lagrangian.ts';

/** Options of {@link randomPoint}. */
export interface PointOptions {
  dims?: Partial<Dims>;
  loss?: LossKind;
  inputs?: 'onehot' | 'dense';
  /** Standard deviation of the noise added to the feasible a, s, o (0 = feasible). */
  noise?: number;
  /** Multipliers' standard deviation (0 = zero multipliers). */
  lambda?: number;
  hyper?: Partial<Hyper>;
}

/** A random point of (8) from `seed`. */
export function randomPoint(seed: number, opts: PointOptions = {}): TksPoint {
  const rnd = mulberry32(seed);
  const g = gaussian(rnd);
  const dims: Dims = { N: 4, B: 3, d: 5, h: 6, q: 4, ...opts.dims };
  const { N, B, d, h, q } = dims;
  const M = N * B;
  const loss = opts.loss ?? 'cross-entropy';
  const inputs = opts.inputs ?? 'onehot';
  const logu = (lo: number, hi: number): number => Math.exp(Math.log(lo) + rnd() * (Math.log(hi) - Math.log(lo)));
  const hp: Hyper = {
    nu: logu(0.01, 1), rho1: logu(0.01, 1), rho2: logu(0.01, 1), rho3: logu(0.01, 1), r: logu(0.01, 1),
    omega: rnd() < 0.5 ? 0 : logu(0.01, 1), ...opts.hyper,
  };
  const p = zeroParams(dims);
  for (const a of [p.u, p.w, p.b, p.v, p.c]) for (let k = 0; k < a.length; k++) a[k] = 0.7 * g();
  const batch: Batch = {
    dims,
    s0: Float64Array.from({ length: B * h }, () => 0.5 * g()),
    x: inputs === 'onehot'
      ? { kind: 'onehot', idx: Int32Array.from({ length: M }, () => Math.floor(rnd() * d)) }
      : { kind: 'dense', x: Float64Array.from({ length: M * d }, () => g()) },
    y: loss === 'cross-entropy'
      ? { kind: 'classes', y: Int32Array.from({ length: M }, () => Math.floor(rnd() * q)) }
      : { kind: 'values', y: Float64Array.from({ length: M * q }, () => g()) },
  };
  const aux = zeroAux(dims);
  forwardInto(aux, p, batch, forwardScratch(dims));
  const noise = opts.noise ?? 0.3;
  for (const a of [aux.a, aux.s, aux.o]) for (let k = 0; k < a.length; k++) a[k] += noise * g();
  const mult = zeroMultipliers(dims);
  const lam = opts.lambda ?? 0.5;
  for (const a of [mult.l1, mult.l2, mult.l3]) for (let k = 0; k < a.length; k++) a[k] = lam * g();
  return { batch, hp, p, aux, mult };
}

export { clonePoint } from '../../src/papers/tks/theory/lagrangian.ts';
