/**
 * Algorithm 3.1: the augmented Lagrangian method for (2.6), with Algorithm 3.2 (BCD) solving each subproblem.
 *
 *   s⁰ = (z⁰, ĥ, û) from the forward pass (feasible);  for k = 1, 2, …, outer:
 *   Step 1  s^k = BCD(ξ^{k−1}, ζ^{k−1}, γ_{k−1}, ε_{k−1})                       (3.5), (3.13)–(3.17)
 *   Step 2  ε_k = η4 ε_{k−1};  ξ^k = ξ^{k−1} + γ_{k−1}C1(s^k);  ζ^k = ζ^{k−1} + γ_{k−1}C2(s^k)   (3.7)
 *   Step 3  γ_k = γ_{k−1} if FeasVio(s^k) ≤ η1 FeasVio(s^{k−1})                                (3.8)
 *           else γ_k = max{γ_{k−1}/η2, ‖ξ^k‖^{1+η3}, ‖ζ^k‖^{1+η3}}                            (3.9)
 *
 * Since s⁰ is feasible, (3.8) at k = 1 asks FeasVio(s¹) ≤ 0, so γ grows after the first iteration unless the
 * BCD stays exactly feasible. The run is deterministic: the same inputs give bit-identical iterates, multipliers
 * and trace (apart from the wall-clock `timeMs` column).
 */
import { forward } from '../../../models/elman.ts';
import { alParts } from '../problem/lagrangian.ts';
import type { Iterate, Multipliers, Problem, Weights } from '../problem/types.ts';
import { cloneIterate, cloneWeights, copyIterateInto } from '../problem/types.ts';
import { bcdWorkspace, residualsInto, runBcd, TraceBuffer } from './bcd.ts';
import { NO_FAULTS } from './mutants.ts';
import type { AlmObserver, AlmParams, AlmResult, OuterRow } from './types.ts';
import { DivergenceError } from './types.ts';

/** Optional starting multipliers (default ξ⁰ = ζ⁰ = 0, Table 2) and kernel path. */
export interface AlmOptions {
  xi0?: Float64Array;
  zeta0?: Float64Array;
  /** `false` runs every product in plain JS (heap arrays) instead of the SIMD arena; results are bit-identical. */
  simd?: boolean;
}

/** Initial trace capacity cap (rows); the buffer doubles beyond it. */
const TRACE_CAP = 1 << 20;

/**
 * Run Algorithm 3.1 from weights `init` (the feasible start s⁰ is their forward pass).
 * @throws RangeError on inputs that leave the algorithm undefined (γ0 ≤ 0, μ < 0, ε0 < 0, λ_i ≤ 0, non-integer
 *   caps, non-finite data, weights or multipliers, or wrong shapes). Hypotheses the paper states but the
 *   algorithm survives (η3 > 1, η's in (0,1)) are reported by `checkAlmHypotheses` instead.
 * @throws DivergenceError when an iterate, multiplier or γ becomes non-finite; it carries the last finite iterate.
 */
export function runAlm(prob: Problem, init: Weights, params: AlmParams, observer?: AlmObserver, opts?: AlmOptions): AlmResult {
  validate(prob, init, params, opts);
  const d = prob.data.dims;
  const Tr = d.T * d.r;
  const t0 = performance.now();
  const z0 = cloneWeights(init);
  const s0: Iterate = { z: z0, ...forward(d, prob.data.X, z0, prob.activation) };
  if (!allFiniteIterate(s0)) throw new DivergenceError(0, 0, 'forward pass (s⁰)', cloneIterate(s0), []);
  const mult: Multipliers = {
    xi: opts?.xi0 ? opts.xi0.slice() : new Float64Array(Tr),
    zeta: opts?.zeta0 ? opts.zeta0.slice() : new Float64Array(Tr),
  };
  const multPrev: Multipliers | null = observer ? { xi: new Float64Array(Tr), zeta: new Float64Array(Tr) } : null;
  let gamma = params.gamma0;
  let eps = params.eps0;
  const ws = bcdWorkspace(prob, observer?.onBcdStep !== undefined, opts?.simd ?? true);
  const trace = new TraceBuffer(Math.min(TRACE_CAP, params.outer * params.inner));
  const sPrev = cloneIterate(s0);
  const C1 = new Float64Array(Tr), C2 = new Float64Array(Tr);
  let feasPrev = alParts(prob, s0, null, 1).feasVio;
  const outer: OuterRow[] = [];
  const faults = params.faults ?? NO_FAULTS;
  const xiSign = faults.has('xi-sign') ? -1 : 1;
  const zetaSign = faults.has('zeta-sign') ? -1 : 1;
  const epsFrozen = faults.has('eps-frozen');
  const penaltyReversed = faults.has('penalty-branch');

  for (let k = 1; k <= params.outer; k++) {
    const bcd = runBcd(ws, { k, s0, sPrev, mult, gamma, eps, params, trace, observer, t0 });
    const sk = ws.cur;
    // Step 2
    if (multPrev) {
      multPrev.xi.set(mult.xi);
      multPrev.zeta.set(mult.zeta);
    }
    residualsInto(ws, C1, C2);
    const gammaPrev = gamma;
    eps = epsFrozen ? eps : params.eta4 * eps;
    let c1 = 0, c2 = 0, nx = 0, nz = 0;
    for (let i = 0; i < Tr; i++) {
      c1 += C1[i] * C1[i];
      c2 += C2[i] * C2[i];
      mult.xi[i] += xiSign * gamma * C1[i];
      mult.zeta[i] += zetaSign * gamma * C2[i];
      nx += mult.xi[i] * mult.xi[i];
      nz += mult.zeta[i] * mult.zeta[i];
    }
    // Step 3
    const feas = Math.sqrt(Math.max(c1, c2));
    let keep = feas <= params.eta1 * feasPrev;
    if (penaltyReversed) keep = !keep;
    if (!keep) {
      const e = 1 + params.eta3;
      gamma = Math.max(gamma / params.eta2, Math.sqrt(nx) ** e, Math.sqrt(nz) ** e);
    }
    if (!(Number.isFinite(gamma) && Number.isFinite(nx) && Number.isFinite(nz))) {
      throw new DivergenceError(k, bcd.j, Number.isFinite(gamma) ? 'multipliers' : 'gamma', cloneIterate(sk), trace.rows());
    }
    const row: OuterRow = {
      k, inner: bcd.j, bcdStatus: bcd.status, restarted: bcd.restarted, rhat: bcd.rhat, L1: bcd.L1, L2: bcd.L2,
      feasVio: feas, gamma, gammaIncreased: !keep, eps,
    };
    outer.push(row);
    if (observer?.onOuter && multPrev) {
      observer.onOuter({ k, s: sk, sPrev, multPrev, mult, gammaPrev, row });
    }
    copyIterateInto(sPrev, sk);
    feasPrev = feas;
  }
  return {
    s: cloneIterate(ws.cur),
    mult: { xi: mult.xi.slice(), zeta: mult.zeta.slice() },
    gamma, eps, status: 'max-outer', trace: trace.rows(), outer, s0, lambda: prob.lambda,
  };
}

function validate(prob: Problem, init: Weights, params: AlmParams, opts?: AlmOptions): void {
  const { T, n, m, r } = prob.data.dims;
  const bad = (msg: string): never => {
    throw new RangeError(`runAlm: ${msg}`);
  };
  if (!(params.gamma0 > 0 && Number.isFinite(params.gamma0))) bad(`γ0 must be finite and > 0, got ${params.gamma0}`);
  if (!(params.mu >= 0 && Number.isFinite(params.mu))) bad(`μ must be finite and ≥ 0, got ${params.mu}`);
  if (!(params.eps0 >= 0 && Number.isFinite(params.eps0))) bad(`ε0 must be finite and ≥ 0, got ${params.eps0}`);
  if (!(Number.isInteger(params.outer) && params.outer >= 1)) bad(`outer must be an integer ≥ 1, got ${params.outer}`);
  if (!(Number.isInteger(params.inner) && params.inner >= 1)) bad(`inner must be an integer ≥ 1, got ${params.inner}`);
  for (const [name, v] of [['η1', params.eta1], ['η2', params.eta2], ['η3', params.eta3], ['η4', params.eta4], ['Γ', params.Gamma]] as const) {
    if (Number.isNaN(v)) bad(`${name} is NaN`);
  }
  if (!(params.eta2 > 0)) bad(`η2 must be > 0 (γ/η2 in (3.9)), got ${params.eta2}`);
  prob.lambda.forEach((l, i) => {
    if (!(l > 0 && Number.isFinite(l))) bad(`λ${i + 1} must be finite and > 0 (2.5), got ${l}`);
  });
  const shape = (a: Float64Array, len: number, name: string): void => {
    if (a.length !== len) bad(`${name} has length ${a.length}, expected ${len}`);
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) bad(`${name}[${i}] is ${a[i]}`);
  };
  shape(prob.data.X, T * n, 'X');
  shape(prob.data.Y, T * m, 'Y');
  shape(init.W, r * r, 'W');
  shape(init.V, r * n, 'V');
  shape(init.b, r, 'b');
  shape(init.A, m * r, 'A');
  shape(init.c, m, 'c');
  if (opts?.xi0) shape(opts.xi0, T * r, 'ξ0');
  if (opts?.zeta0) shape(opts.zeta0, T * r, 'ζ0');
}

function allFiniteIterate(s: Iterate): boolean {
  for (const a of [s.z.W, s.z.V, s.z.b, s.z.A, s.z.c, s.h, s.u]) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
