/**
 * Random initialization of the RNN (4): u ~ N(0, σu²), w ~ N(0, ϱ²/h) (spectral radius ≈ ϱ), v ~ N(0, σv²/h),
 * b = c = 0, from a seeded generator (so a seed reproduces a run bit for bit).
 */
import { gaussian, mulberry32 } from '../../../core/rng.ts';
import type { Dims, Params } from './types.ts';

/** Scales of {@link initParams}. */
export interface InitScales {
  /** σu: standard deviation of the entries of u. */
  input: number;
  /** ϱ: w's entries have standard deviation ϱ/√h, so its spectral radius is about ϱ. */
  recurrent: number;
  /** σv: v's entries have standard deviation σv/√h. */
  output: number;
}

/** The default scales: small input weights, a contracting recurrence (ϱ = 0.5), a near-zero readout. */
export const DEFAULT_INIT: InitScales = { input: 0.1, recurrent: 0.5, output: 0.1 };

/** Draw parameters into `p` (entries in the order u, w, v; b and c zero). */
export function initParamsInto(p: Params, dims: Pick<Dims, 'd' | 'h' | 'q'>, seed: number, scales: InitScales = DEFAULT_INIT): void {
  const g = gaussian(mulberry32(seed));
  const sw = scales.recurrent / Math.sqrt(dims.h), sv = scales.output / Math.sqrt(dims.h);
  for (let k = 0; k < p.u.length; k++) p.u[k] = scales.input * g();
  for (let k = 0; k < p.w.length; k++) p.w[k] = sw * g();
  for (let k = 0; k < p.v.length; k++) p.v[k] = sv * g();
  p.b.fill(0);
  p.c.fill(0);
}
