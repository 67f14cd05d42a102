/**
 * Limited-memory BFGS for smooth convex minimization (the readout fit of the output-only floor): two-loop
 * recursion with memory m, backtracking Armijo line search, pairs with sᵀy ≤ 0 skipped. Allocates its
 * history once; the objective writes the gradient into the buffer it is given.
 */

/** f(x), writing ∇f(x) into g. */
export type Objective = (x: Float64Array, g: Float64Array) => number;

/** Options of {@link lbfgs}. */
export interface LbfgsOptions {
  /** History length m (default 10). */
  memory?: number;
  /** Stop when ‖∇f‖∞ ≤ gradTol (default 1e-7). */
  gradTol?: number;
  /** Stop after this many iterations (default 1000). */
  maxIterations?: number;
  /** Stop when the relative decrease of f over one iteration is below this (default 1e-13). */
  fTol?: number;
  /** Stop when this much time has passed (ms). */
  timeBudgetMs?: number;
}

/** Result of {@link lbfgs}; x is updated in place. */
export interface LbfgsResult {
  f: number;
  gradInf: number;
  iterations: number;
  evaluations: number;
  stop: 'gradient' | 'stalled' | 'iterations' | 'time-budget' | 'line-search';
}

/** Minimize `f` from x (in place). */
export function lbfgs(f: Objective, x: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const n = x.length, m = opts.memory ?? 10;
  const gradTol = opts.gradTol ?? 1e-7, maxIt = opts.maxIterations ?? 1000, fTol = opts.fTol ?? 1e-13;
  const t0 = Date.now();
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m), alpha = new Float64Array(m);
  const g = new Float64Array(n), gNew = new Float64Array(n), d = new Float64Array(n), xNew = new Float64Array(n);
  let fx = f(x, g);
  let evals = 1, stored = 0, head = 0;
  const inf = (a: Float64Array): number => a.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
  for (let it = 0; it < maxIt; it++) {
    if (inf(g) <= gradTol) return { f: fx, gradInf: inf(g), iterations: it, evaluations: evals, stop: 'gradient' };
    if (opts.timeBudgetMs !== undefined && Date.now() - t0 > opts.timeBudgetMs) {
      return { f: fx, gradInf: inf(g), iterations: it, evaluations: evals, stop: 'time-budget' };
    }
    // two-loop recursion: d = −H g
    for (let k = 0; k < n; k++) d[k] = -g[k];
    for (let j = 0; j < stored; j++) {
      const i = (head - 1 - j + m) % m;
      let a = 0;
      for (let k = 0; k < n; k++) a += S[i][k] * d[k];
      a *= rho[i];
      alpha[i] = a;
      for (let k = 0; k < n; k++) d[k] -= a * Y[i][k];
    }
    if (stored > 0) {
      const i = (head - 1 + m) % m;
      let yy = 0;
      for (let k = 0; k < n; k++) yy += Y[i][k] * Y[i][k];
      const gamma = 1 / (rho[i] * yy);
      for (let k = 0; k < n; k++) d[k] *= gamma;
    } else {
      const s = 1 / Math.max(1e-12, Math.sqrt(g.reduce((t, v) => t + v * v, 0)));
      for (let k = 0; k < n; k++) d[k] *= s;
    }
    for (let j = stored - 1; j >= 0; j--) {
      const i = (head - 1 - j + m) % m;
      let b = 0;
      for (let k = 0; k < n; k++) b += Y[i][k] * d[k];
      b *= rho[i];
      for (let k = 0; k < n; k++) d[k] += (alpha[i] - b) * S[i][k];
    }
    let slope = 0;
    for (let k = 0; k < n; k++) slope += g[k] * d[k];
    if (!(slope < 0)) {
      for (let k = 0; k < n; k++) d[k] = -g[k];
      slope = -g.reduce((t, v) => t + v * v, 0);
      stored = 0;
    }
    let step = 1, fNew = Infinity, ok = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let k = 0; k < n; k++) xNew[k] = x[k] + step * d[k];
      fNew = f(xNew, gNew);
      evals++;
      if (fNew <= fx + 1e-4 * step * slope) {
        ok = true;
        break;
      }
      step *= 0.5;
    }
    if (!ok) return { f: fx, gradInf: inf(g), iterations: it, evaluations: evals, stop: 'line-search' };
    let sy = 0;
    for (let k = 0; k < n; k++) {
      S[head][k] = xNew[k] - x[k];
      Y[head][k] = gNew[k] - g[k];
      sy += S[head][k] * Y[head][k];
    }
    if (sy > 1e-300) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    const rel = (fx - fNew) / Math.max(1, Math.abs(fx));
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (rel < fTol) return { f: fx, gradInf: inf(g), iterations: it + 1, evaluations: evals, stop: 'stalled' };
  }
  return { f: fx, gradInf: inf(g), iterations: maxIt, evaluations: evals, stop: 'iterations' };
}
