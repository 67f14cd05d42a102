/**
 * The problem of the example: least squares f(x) = ½‖Ax − b‖² on small dense instances, and the independent
 * reference computations the claims compare the solver with. Everything here is an oracle (wrapped in
 * `oracleFn`): if it throws, lagrangelab reports an engine error (the checker failed), not a violation.
 */
import { fc, oracleFn, type InstanceFamily } from 'lagrangelab';

/** A least-squares instance: A is m×n row-major, b has m entries, x (the current iterate) n. */
export interface LeastSquares {
  m: number;
  n: number;
  A: number[];
  b: number[];
  x: number[];
  /** Step as a multiple of 1/L (only in the family with steps). */
  t?: number;
}

/** Residual Ax − b. */
function residual(p: LeastSquares, x: readonly number[]): number[] {
  const r = new Array<number>(p.m).fill(0);
  for (let i = 0; i < p.m; i++) {
    let s = -p.b[i];
    for (let j = 0; j < p.n; j++) s += p.A[i * p.n + j] * x[j];
    r[i] = s;
  }
  return r;
}

/** f(x) = ½‖Ax − b‖². */
export const f = oracleFn(function f(p: LeastSquares, x: readonly number[]): number {
  return 0.5 * residual(p, x).reduce((s, r) => s + r * r, 0);
});

/** ∇f(x) = Aᵀ(Ax − b). */
export const gradient = oracleFn(function gradient(p: LeastSquares, x: readonly number[]): number[] {
  const r = residual(p, x);
  const g = new Array<number>(p.n).fill(0);
  for (let i = 0; i < p.m; i++) for (let j = 0; j < p.n; j++) g[j] += p.A[i * p.n + j] * r[i];
  return g;
});

/**
 * L = λ_max(AᵀA), the Lipschitz constant of ∇f, by cyclic Jacobi rotations on the n×n Gram matrix (exact to
 * roundoff for the n ≤ 4 used here; no power-iteration convergence to worry about).
 */
export const lipschitz = oracleFn(function lipschitz(p: LeastSquares): number {
  const n = p.n;
  const H = new Array<number>(n * n).fill(0);
  for (let i = 0; i < p.m; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) H[j * n + k] += p.A[i * n + j] * p.A[i * n + k];
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let j = 0; j < n; j++) for (let k = j + 1; k < n; k++) off += H[j * n + k] ** 2;
    if (off <= 1e-30 * (1 + H.reduce((s, v) => s + v * v, 0))) break;
    for (let pi = 0; pi < n; pi++) {
      for (let q = pi + 1; q < n; q++) {
        const apq = H[pi * n + q];
        if (apq === 0) continue;
        const theta = (H[q * n + q] - H[pi * n + pi]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const hkp = H[k * n + pi];
          const hkq = H[k * n + q];
          H[k * n + pi] = c * hkp - s * hkq;
          H[k * n + q] = s * hkp + c * hkq;
        }
        for (let k = 0; k < n; k++) {
          const hpk = H[pi * n + k];
          const hqk = H[q * n + k];
          H[pi * n + k] = c * hpk - s * hqk;
          H[q * n + k] = s * hpk + c * hqk;
        }
      }
    }
  }
  let l = 0;
  for (let j = 0; j < n; j++) l = Math.max(l, H[j * n + j]);
  return l;
});

/** ‖v‖². */
export const normSq = (v: readonly number[]): number => v.reduce((s, x) => s + x * x, 0);

// Data on the grid k/10: fc.double would draw mostly tiny and subnormal values (README of lagrangelab, stack notes).
const grid = fc.integer({ min: -30, max: 30 }).map((k) => k / 10);
const vec = (len: number) => fc.array(grid, { minLength: len, maxLength: len });

/** Random least-squares instances, m ≤ 6 rows and n ≤ 4 unknowns (deep: m ≤ 12, n ≤ 8); `withStep` adds t ∈ (0, 2.5]. */
export function leastSquaresFamily(withStep: boolean): InstanceFamily<LeastSquares> {
  return {
    name: withStep ? 'gd.least-squares-step' : 'gd.least-squares',
    arbitrary: (scale) => {
      const big = scale === 'deep';
      return fc.record({ m: fc.integer({ min: 1, max: big ? 12 : 6 }), n: fc.integer({ min: 1, max: big ? 8 : 4 }) }).chain(({ m, n }) =>
        fc.record({
          m: fc.constant(m), n: fc.constant(n), A: vec(m * n), b: vec(m), x: vec(n),
          ...(withStep ? { t: fc.integer({ min: 1, max: 250 }).map((k) => k / 100) } : {}),
        }));
    },
    toJSON: (p) => ({ ...p }),
    fromJSON: (j) => {
      const o = j as Partial<LeastSquares>;
      const ok = (v: unknown, len: number): boolean => Array.isArray(v) && v.length === len && v.every((x) => typeof x === 'number' && Number.isFinite(x));
      if (typeof o !== 'object' || o === null || !Number.isInteger(o.m) || !Number.isInteger(o.n)) throw new Error('m, n: expected integers');
      const { m, n } = o as LeastSquares;
      if (!ok(o.A, m * n)) throw new Error(`A: expected ${m * n} finite numbers`);
      if (!ok(o.b, m)) throw new Error(`b: expected ${m} finite numbers`);
      if (!ok(o.x, n)) throw new Error(`x: expected ${n} finite numbers`);
      if (withStep && !(typeof o.t === 'number' && o.t > 0)) throw new Error('t: expected a number > 0');
      return o as LeastSquares;
    },
    describe: (p) => `m = ${p.m}, n = ${p.n}${p.t === undefined ? '' : `, step ${p.t}/L`}`,
  };
}
