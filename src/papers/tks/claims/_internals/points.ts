/**
 * Seeded points of (8) for the TKS claims: small dimensions, the RNN's feasible point (4) from seeded parameters
 * plus noise (an infeasible iterate), seeded multipliers. The instance stores the seed and the scales, not the
 * arrays: fixtures stay short, and the draw shrinks towards small sizes and round scales.
 */
import { gaussian, mulberry32 } from '../../../../core/rng.ts';
import { forwardInto, forwardScratch } from '../../problem/rnn.ts';
import type { Batch, Dims, Hyper, LossKind } from '../../problem/types.ts';
import { zeroAux, zeroMultipliers, zeroParams } from '../../problem/types.ts';
import type { TksPoint } from '../../theory/lagrangian.ts';

/** Everything a point is built from. */
export interface PointSpec {
  dims: Dims;
  loss: LossKind;
  inputs: 'onehot' | 'dense';
  seed: number;
  hyper: Hyper;
  /** Scale of the parameters' entries. */
  paramScale: number;
  /** Standard deviation of the noise added to the feasible a, s, o (0: feasible). */
  noise: number;
  /** Standard deviation of the multipliers' entries (0: zero multipliers). */
  lambda: number;
}

/** Build the point of a spec (deterministic in the spec). */
export function buildPoint(s: PointSpec): TksPoint {
  const rnd = mulberry32(s.seed);
  const g = gaussian(rnd);
  const { N, B, d, h, q } = s.dims;
  const M = N * B;
  const p = zeroParams(s.dims);
  for (const a of [p.u, p.w, p.b, p.v, p.c]) for (let k = 0; k < a.length; k++) a[k] = s.paramScale * g();
  const batch: Batch = {
    dims: { ...s.dims },
    s0: Float64Array.from({ length: B * h }, () => 0.5 * g()),
    x: s.inputs === 'onehot'
      ? { kind: 'onehot', idx: Int32Array.from({ length: M }, () => Math.floor(rnd() * d)) }
      : { kind: 'dense', x: Float64Array.from({ length: M * d }, () => g()) },
    y: s.loss === 'cross-entropy'
      ? { kind: 'classes', y: Int32Array.from({ length: M }, () => Math.floor(rnd() * q)) }
      : { kind: 'values', y: Float64Array.from({ length: M * q }, () => g()) },
  };
  const aux = zeroAux(s.dims);
  forwardInto(aux, p, batch, forwardScratch(s.dims));
  for (const a of [aux.a, aux.s, aux.o]) for (let k = 0; k < a.length; k++) a[k] += s.noise * g();
  const mult = zeroMultipliers(s.dims);
  for (const a of [mult.l1, mult.l2, mult.l3]) for (let k = 0; k < a.length; k++) a[k] = s.lambda * g();
  return { batch, hp: { ...s.hyper }, p, aux, mult };
}

export { clonePoint } from '../../theory/lagrangian.ts';
