/**
 * A tight majorizing weight for the a-step. With t = tanh a, the second derivative of ½(β − tanh a)² in a is
 *
 *   φ''(a) = sech⁴a + 2(β − tanh a) tanh a sech²a = (1 − t²)(1 + 2βt − 3t²) =: f_β(t),   t ∈ (−1, 1),
 *
 * so τ(β) = sup_t f_β(t) is the smallest weight with which the linearization plus τ/2 (a − a^k)² majorizes φ
 * for every a^k. The crude bound 1 + C(|β| + 1), C = sup|tanh''| = 4/(3√3), is up to 2.1× larger (1.77 vs 1 at
 * β = 0), which halves the a-step. τ is a supremum of functions affine in β, hence convex in β, so on a grid
 * cell [β_i, β_{i+1}] it is at most max(τ(β_i), τ(β_{i+1})): a table of τ on a grid, read as the larger of the
 * two neighbours, is an upper bound everywhere. Grid values come from the critical points of f_β (roots of the
 * cubic f_β'(t) = 12t³ − 6βt² − 8t + 2β in [−1, 1]) by bisection to machine precision, plus a margin. Beyond
 * the grid the crude bound is used.
 */
import { smoothBounds } from '../../../models/activations/smooth.ts';

/** sup |tanh''| = 4/(3√3). */
const C = smoothBounds({ kind: 'tanh' }).L2;
/** The table covers |β| ≤ BETA_MAX in steps of 1/STEPS_PER_UNIT. */
const BETA_MAX = 8;
const STEPS_PER_UNIT = 64;

/** f_β(t) = (1 − t²)(1 + 2βt − 3t²). */
function f(beta: number, t: number): number {
  return (1 - t * t) * (1 + 2 * beta * t - 3 * t * t);
}

/** sup_{t ∈ [−1, 1]} f_β(t), from the roots of f_β' located by sign changes on a grid and bisection. */
export function curvatureSup(beta: number): number {
  const df = (t: number): number => 12 * t * t * t - 6 * beta * t * t - 8 * t + 2 * beta;
  let best = Math.max(f(beta, -1), f(beta, 1));
  const n = 64;
  let t0 = -1, d0 = df(t0);
  for (let k = 1; k <= n; k++) {
    const t1 = -1 + (2 * k) / n, d1 = df(t1);
    if (d0 === 0) best = Math.max(best, f(beta, t0));
    else if (d0 * d1 < 0) {
      let lo = t0, hi = t1, dlo = d0;
      for (let it = 0; it < 80; it++) {
        const mid = 0.5 * (lo + hi), dm = df(mid);
        if (dm * dlo <= 0) hi = mid;
        else {
          lo = mid;
          dlo = dm;
        }
      }
      best = Math.max(best, f(beta, lo), f(beta, hi));
    }
    t0 = t1;
    d0 = d1;
  }
  return best;
}

let table: Float64Array | null = null;

function tableOf(): Float64Array {
  if (!table) {
    const n = 2 * BETA_MAX * STEPS_PER_UNIT + 1;
    table = new Float64Array(n);
    // the critical points have f_β' at most a few units: a bisected root is within 1e-15 of the true one, where
    // f_β is flat to first order, so 1e-12 absolute covers the rounding of f with room
    for (let i = 0; i < n; i++) table[i] = curvatureSup(-BETA_MAX + i / STEPS_PER_UNIT) + 1e-12;
  }
  return table;
}

/** An upper bound of sup_a ∂²/∂a² ½(β − tanh a)², tight to the table's resolution for |β| ≤ 8. */
export function curvatureBound(beta: number): number {
  const x = (beta + BETA_MAX) * STEPS_PER_UNIT;
  if (!(x >= 0 && x <= 2 * BETA_MAX * STEPS_PER_UNIT)) return 1 + C * (Math.abs(beta) + 1);
  const tb = tableOf();
  const i = Math.floor(x);
  if (i === x) return tb[i];
  return Math.max(tb[i], tb[i + 1]);
}
