/**
 * The loss R(o) of Problem 1, as a mean over the M = N·B output rows o_t (q wide):
 *
 *   cross-entropy  R(o) = (1/M) Σ_rows [log Σ_k exp(o_k) − o_y]     (nats per output)
 *   squared        R(o) = (1/M) Σ_rows ½‖o − y‖²
 *
 * With `y.from` = F, only rows F..M−1 are scored and the mean is over their M − F (R(o_N) of a sequence label:
 * F = (N−1)·B); ∇R is zero on the other rows, and H is that of M − F rows ({@link scoredRowCount}).
 *
 * ∇R is H-Lipschitz (Assumption 1) with H = 1/(2M) for cross-entropy — the Hessian of log-sum-exp,
 * diag(p) − ppᵀ, has spectral norm ≤ ½ (for p = (½, ½) it is exactly ½) — and H = 1/M for the squared loss.
 */
import type { LossKind, Targets } from './types.ts';

/** Rows R averages over: M − `from`. */
export function scoredRowCount(y: Targets, M: number): number {
  return M - (y.from ?? 0);
}

/** Lipschitz constant H of ∇R (Assumption 1) for M scored output rows. */
export function lossLipschitz(kind: LossKind, M: number): number {
  return kind === 'cross-entropy' ? 1 / (2 * M) : 1 / M;
}

/** R(o) for M rows of width q. */
export function lossValue(o: Float64Array, y: Targets, M: number, q: number): number {
  const F = y.from ?? 0;
  let total = 0;
  if (y.kind === 'classes') {
    for (let i = F; i < M; i++) total += rowCrossEntropy(o, i * q, q, y.y[i]);
  } else {
    for (let k = F * q; k < M * q; k++) {
      const e = o[k] - y.y[k];
      total += 0.5 * e * e;
    }
  }
  return total / (M - F);
}

/**
 * ∇R(o) into `g` (M×q); returns R(o). With rows [r0, r1) only those rows of g are written and the sum covers
 * only them (R's 1/(M − F) weight is still the whole batch's): the data-parallel split runs each thread's rows.
 */
export function lossGradInto(g: Float64Array, o: Float64Array, y: Targets, M: number, q: number, r0 = 0, r1 = M): number {
  const F = y.from ?? 0;
  const inv = 1 / (M - F);
  let total = 0;
  if (r0 < F) g.fill(0, r0 * q, Math.min(F, r1) * q);
  const i0 = Math.max(F, r0);
  if (y.kind === 'classes') {
    for (let i = i0; i < r1; i++) {
      const off = i * q;
      let mx = -Infinity;
      for (let k = 0; k < q; k++) if (o[off + k] > mx) mx = o[off + k];
      let z = 0;
      for (let k = 0; k < q; k++) {
        const e = Math.exp(o[off + k] - mx);
        g[off + k] = e;
        z += e;
      }
      const scale = inv / z;
      for (let k = 0; k < q; k++) g[off + k] *= scale;
      const yi = y.y[i];
      g[off + yi] -= inv;
      total += Math.log(z) + mx - o[off + yi];
    }
  } else {
    for (let k = i0 * q; k < r1 * q; k++) {
      const e = o[k] - y.y[k];
      g[k] = inv * e;
      total += 0.5 * e * e;
    }
  }
  return total * inv;
}

/** −log softmax(o_row)_y, stable for large |o|. */
export function rowCrossEntropy(o: Float64Array, off: number, q: number, yi: number): number {
  let mx = -Infinity;
  for (let k = 0; k < q; k++) if (o[off + k] > mx) mx = o[off + k];
  let z = 0;
  for (let k = 0; k < q; k++) z += Math.exp(o[off + k] - mx);
  return Math.log(z) + mx - o[off + yi];
}
