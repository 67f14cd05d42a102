/**
 * A brute-force global minimizer of a 1-D function on a bounded interval, used as an independent oracle for the
 * closed-form / structured solvers (e.g. the u-step (3.16)). It assumes nothing about f beyond continuity on
 * [lo, hi]: a dense uniform grid locates the basins, then Brent's golden-section/parabolic search polishes the
 * best few grid-local minima inside their neighbouring cells. It is only as global as the grid is fine: a basin
 * narrower than one cell can be missed, which is why callers pick [lo, hi] tight and the grid dense.
 */
import { oracleFn } from '../attribution.ts';

/** Options of {@link bruteGlobalMin1D}. */
export interface Brute1DOptions {
  /** Number of grid cells (grid has cells + 1 points, both ends included). Default 20 000. */
  readonly cells?: number;
  /** How many of the best grid-local minima to refine. Default 5. */
  readonly refine?: number;
  /** Brent's absolute tolerance, as a fraction of hi − lo. Default 1e-13. */
  readonly xtolRel?: number;
}

/** Result of {@link bruteGlobalMin1D}: the best point found, its value, and how many times f was called. */
export interface Brute1DResult {
  readonly argmin: number;
  readonly min: number;
  readonly evaluations: number;
}

const GOLD = 0.5 * (3 - Math.sqrt(5));
const SQRT_EPS = Math.sqrt(Number.EPSILON);

/** f with NaN read as +∞, so a NaN is never reported as a minimum. */
function safe(v: number): number {
  return Number.isNaN(v) ? Infinity : v;
}

/**
 * Brent's localmin (Brent 1973, ch. 5): minimizes f on [a, b] to within eps·|x| + t. Returns [x, f(x), calls].
 */
function brent(f: (u: number) => number, a0: number, b0: number, t: number, maxIter: number): [number, number, number] {
  let a = a0;
  let b = b0;
  let x = a + GOLD * (b - a);
  let w = x;
  let v = x;
  let fx = safe(f(x));
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let calls = 1;
  for (let it = 0; it < maxIter; it++) {
    const m = 0.5 * (a + b);
    const tol = SQRT_EPS * Math.abs(x) + t;
    const t2 = 2 * tol;
    if (Math.abs(x - m) <= t2 - 0.5 * (b - a)) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol) {
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
      d = p / q; // parabolic step
      const u = x + d;
      if (u - a < t2 || b - u < t2) d = x < m ? tol : -tol;
    } else {
      e = (x < m ? b : a) - x; // golden-section step
      d = GOLD * e;
    }
    const u = x + (Math.abs(d) >= tol ? d : d > 0 ? tol : -tol);
    const fu = safe(f(u));
    calls++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return [x, fx, calls];
}

/**
 * Global minimum of f on [lo, hi] by dense grid + Brent refinement of the best `refine` grid-local minima
 * (each within its two neighbouring cells). Grid points themselves (including lo, hi) are candidates too, so the
 * result is never worse than the best grid value.
 */
export const bruteGlobalMin1D = oracleFn(function bruteGlobalMin1D(
  f: (u: number) => number, lo: number, hi: number, opts: Brute1DOptions = {},
): Brute1DResult {
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new RangeError(`bruteGlobalMin1D: need finite lo ≤ hi (got ${lo}, ${hi})`);
  }
  const cells = Math.max(2, Math.floor(opts.cells ?? 20_000));
  const refine = Math.max(1, Math.floor(opts.refine ?? 5));
  const t = (opts.xtolRel ?? 1e-13) * (hi - lo) + Number.MIN_VALUE;
  if (lo === hi) return { argmin: lo, min: safe(f(lo)), evaluations: 1 };

  const xs = new Float64Array(cells + 1);
  const fs = new Float64Array(cells + 1);
  const width = hi - lo;
  for (let i = 0; i <= cells; i++) {
    // i/cells is exactly 1/2 at the middle of an even grid, so a symmetric [−R, R] samples 0 exactly.
    xs[i] = i === cells ? hi : lo + width * (i / cells);
    fs[i] = safe(f(xs[i]));
  }
  let evaluations = cells + 1;

  // Grid-local minima (≤ both neighbours), best first.
  const locals: number[] = [];
  for (let i = 0; i <= cells; i++) {
    const left = i > 0 ? fs[i - 1] : Infinity;
    const right = i < cells ? fs[i + 1] : Infinity;
    if (fs[i] <= left && fs[i] <= right) locals.push(i);
  }
  locals.sort((p, q) => fs[p] - fs[q] || p - q);

  let argmin = xs[locals[0] ?? 0];
  let min = fs[locals[0] ?? 0];
  for (let k = 0; k < Math.min(refine, locals.length); k++) {
    const i = locals[k];
    const a = xs[Math.max(0, i - 1)];
    const b = xs[Math.min(cells, i + 1)];
    const [x, fx, calls] = brent(f, a, b, t, 500);
    evaluations += calls;
    if (fx < min) {
      min = fx;
      argmin = x;
    }
  }
  return { argmin, min, evaluations };
});
