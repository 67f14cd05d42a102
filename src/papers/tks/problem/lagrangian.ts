/**
 * The augmented Lagrangian (7)/(8) of Problem 2 for one batch:
 *
 *   L = R(o) + Ω(w) + ν/2 Σ_{t<N} (‖r1_t‖² + ‖r2_t‖² + ‖r3_t‖²)
 *       + Σ_{i=1..3} (⟨λ_i, r_{i,N}⟩ + ρ_i/2 ‖r_{i,N}‖²)
 *
 * with the residuals of the constraints (4)
 *
 *   r1_t = a_t − u x_t − w s_{t−1} − b,   r2_t = s_t − tanh(a_t),   r3_t = o_t − v s_t − c,
 *
 * summed over the B windows of the batch, and Ω(w) = ω/2 ‖w‖². This is the solver's evaluation (flat kernels);
 * `theory/lagrangian.ts` computes the same value by its own loops as an oracle.
 */
import { gemmNNo, transpose } from '../../../linalg/index.ts';
import { lossValue } from './loss.ts';
import { addInputTerm } from './rnn.ts';
import type { Aux, Batch, Hyper, Multipliers, Params } from './types.ts';

/** The terms of (8), and the constraint violation at t = N. */
export interface LagrangianParts {
  /** R(o). */
  R: number;
  /** Ω(w). */
  omega: number;
  /** ν/2 Σ_{t<N} of the three squared residuals. */
  penalty: number;
  /** Σ_i ⟨λ_i, r_{i,N}⟩. */
  multiplier: number;
  /** Σ_i ρ_i/2 ‖r_{i,N}‖². */
  augmented: number;
  /** The total L. */
  L: number;
  /** Σ_t (‖r1_t‖² + ‖r2_t‖² + ‖r3_t‖²) over all t (the squared distance from the RNN's feasible set (4)). */
  infeasibility: number;
}

/** Evaluate (8). Allocates its scratch; not for hot loops. */
export function lagrangianParts(p: Params, aux: Aux, mult: Multipliers, batch: Batch, hp: Hyper): LagrangianParts {
  const { N, B, d, h, q } = batch.dims;
  const M = N * B;
  const wT = new Float64Array(h * h), vT = new Float64Array(h * q);
  transpose(wT, p.w, h, h);
  transpose(vT, p.v, q, h);
  const pre = new Float64Array(M * h);
  gemmNNo(pre, 0, h, batch.s0, 0, h, wT, 0, h, B, h, h);
  if (N > 1) gemmNNo(pre, B * h, h, aux.s, 0, h, wT, 0, h, (N - 1) * B, h, h);
  addInputTerm(pre, 0, p.u, batch.x, 0, M, d, h);
  const out = new Float64Array(M * q);
  gemmNNo(out, 0, q, aux.s, 0, h, vT, 0, q, M, h, q);
  const lastH = (N - 1) * B * h, lastQ = (N - 1) * B * q;
  let pen = 0, mul = 0, aug = 0, inf = 0;
  for (let k = 0; k < M * h; k++) {
    const r1 = aux.a[k] - pre[k] - p.b[k % h];
    const r2 = aux.s[k] - Math.tanh(aux.a[k]);
    const sq = r1 * r1 + r2 * r2;
    inf += sq;
    if (k < lastH) pen += sq;
    else {
      const j = k - lastH;
      mul += mult.l1[j] * r1 + mult.l2[j] * r2;
      aug += hp.rho1 * r1 * r1 + hp.rho2 * r2 * r2;
    }
  }
  for (let k = 0; k < M * q; k++) {
    const r3 = aux.o[k] - out[k] - p.c[k % q];
    inf += r3 * r3;
    if (k < lastQ) pen += r3 * r3;
    else {
      mul += mult.l3[k - lastQ] * r3;
      aug += hp.rho3 * r3 * r3;
    }
  }
  let ww = 0;
  for (let k = 0; k < p.w.length; k++) ww += p.w[k] * p.w[k];
  const R = lossValue(aux.o, batch.y, M, q);
  const omega = (hp.omega / 2) * ww;
  const penalty = (hp.nu / 2) * pen;
  const augmented = aug / 2;
  return { R, omega, penalty, multiplier: mul, augmented, L: R + omega + penalty + mul + augmented, infeasibility: inf };
}
