/**
 * KKT residuals of problem (2.6), Definition 2.2:  0 ∈ ∇R(s) + JC1(s)ᵀξ + ∂(ζᵀC2(s)).
 *
 * For given (ξ, ζ): ∇R + JC1ᵀξ + ∇_s-smooth part of ζᵀC2 is the gradient of the ordinary Lagrangian
 * L(s, ξ, ζ, 0) = R + ⟨ξ, C1⟩ + ⟨ζ, C2⟩, and ∂(ζᵀC2) is separable per u_i with, at u_i = 0,
 * slopes −ζ_iσ'(0⁻) (left) and −ζ_iσ'(0⁺) (right): the interval between them when left ≤ right (for ReLU/leaky
 * ReLU: ζ_i ≤ 0, −ζ_iσ convex), the two-point set otherwise (ζ_i > 0). So the residual is exactly
 * dist(0, ∂_s L(s, ξ, ζ, 0)), computed by {@link distToSubdifferential} with γ = 0.
 *
 * Best multipliers. r(ξ, ζ) = b + Mξ + Nζ (+ v at kinks) is affine; rows in the order (w; a; h; u).
 * At a kink i the pair (ζ_i, v_i) with v_i ∈ ∂_u(−ζ_iσ)(0) ranges over the union of two lines
 * v = −σ'(0⁻)ζ, v = −σ'(0⁺)ζ (both endpoints are always in the set) and the convex cone between them on the
 * convex side. Minimizing a convex quadratic over a product of such unions: enumerate, per kink, {line⁻, line⁺,
 * cone}; for "cone" relax v_i to be free (the u_i row then vanishes) and accept the least-squares minimizer
 * only if it lies in the cone — if it does not, the constrained minimum lies on the cone's boundary, which is
 * a line choice, so nothing is lost (exact when the LS minimizer is unique). Endpoint enumeration alone would
 * NOT be exact: an interior slope can be strictly better.
 *
 * Cap: exhaustive 3^|K| when |K| ≤ `maxExhaustiveKinks` (default 6, 729 least-squares solves); beyond it the
 * all-cone relaxation, all-line⁻, all-line⁺ and `samples` (default 243) seeded random choices are tried and the
 * result is an upper bound (flagged `exact: false`) with `lowerBound` from the all-cone relaxation.
 * Small sizes only (T, n, m, r ≤ ~8): M is formed densely.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Iterate, Multipliers, Problem } from '../problem/types.ts';
import { paramCounts } from '../problem/types.ts';
import { constraints } from '../problem/lagrangian.ts';
import { sigmaSlopes } from '../../../models/activations/piecewise.ts';
import { mulberry32 } from '../../../core/rng.ts';
import { JC1 } from './explicit.ts';
import { gradG, isKink, stackPaper } from './gradient.ts';
import { distToSubdifferential, type SubdiffDist } from './subdifferential.ts';
import { oracleFn } from '../../../engine/attribution.ts';

/** dist(0, ∇R(s) + JC1(s)ᵀξ + ∂(ζᵀC2(s))) for the given multipliers, exact at kinks (limiting subdifferential). */
export const kktResidual = oracleFn(function kktResidual(prob: Problem, s: Iterate, mult: Multipliers): SubdiffDist {
  return distToSubdifferential(prob, s, mult, 0);
});

/** ‖C1(s)‖, ‖C2(s)‖ and FeasVio = max of the two (§5.2). */
export const feasibilityViolation = oracleFn(function feasibilityViolation(prob: Problem, s: Iterate): { c1: number; c2: number; max: number } {
  const N = s.u.length;
  const C1 = new Float64Array(N), C2 = new Float64Array(N);
  constraints(prob, s, C1, C2);
  let a = 0, b = 0;
  for (let i = 0; i < N; i++) {
    a += C1[i] * C1[i];
    b += C2[i] * C2[i];
  }
  const c1 = Math.sqrt(a), c2 = Math.sqrt(b);
  return { c1, c2, max: Math.max(c1, c2) };
});

/** Options of {@link bestMultiplierKKT}. */
export interface BestKKTOptions {
  /** Enumerate all 3^|K| choices when |K| ≤ this (default 6). */
  maxExhaustiveKinks?: number;
  /** Random choices tried beyond the cap (default 243). */
  samples?: number;
  /** Seed for those samples (default 1). */
  seed?: number;
}

/** Result of {@link bestMultiplierKKT}. */
export interface BestKKT {
  /** min over (ξ, ζ) of the KKT residual (an upper bound when `exact` is false). */
  residual: number;
  /** All-cone relaxation value, a certified lower bound on the minimum. */
  lowerBound: number;
  /** true when the enumeration was exhaustive with unique LS minimizers, or residual = lowerBound. */
  exact: boolean;
  /** Multipliers attaining `residual` (kktResidual(s, mult).dist = residual up to rounding). */
  mult: Multipliers;
  kinkCount: number;
  choicesTried: number;
  /** Feasibility of s: Definition 2.2 asks s ∈ F. */
  feasibility: { c1: number; c2: number; max: number };
}

interface Model {
  b: Float64Array;
  JT: Matrix; // (Nw+Na+2N) × N, JC1ᵀ
  rowsU: number;
  N: number;
  kinks: number[];
  slope: Float64Array; // σ'(u_i) off kinks
  sl0: { left: number; right: number };
}

function buildModel(prob: Problem, s: Iterate): Model {
  const d = prob.data.dims;
  const N = d.T * d.r;
  const { Nw, Na } = paramCounts(d);
  const b = stackPaper(d, gradG(prob, s, null, 0));
  const kinks: number[] = [];
  const slope = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    if (isKink(prob, s.u[i])) kinks.push(i);
    slope[i] = sigmaSlopes(prob.activation, s.u[i]).right;
  }
  return { b, JT: JC1(prob, s).transpose(), rowsU: Nw + Na + N, N, kinks, slope, sl0: sigmaSlopes(prob.activation, 0) };
}

/** choice[j] ∈ {0: line σ'(0⁻), 1: line σ'(0⁺), 2: cone (u row dropped)} for kink j. */
function solveChoice(m: Model, choice: readonly number[]) {
  const { b, JT, rowsU, N, kinks } = m;
  const slope = m.slope.slice();
  const drop = new Set<number>();
  kinks.forEach((k, j) => {
    if (choice[j] === 2) drop.add(rowsU + k);
    else slope[k] = choice[j] === 0 ? m.sl0.left : m.sl0.right;
  });
  const rows: number[] = [];
  for (let i = 0; i < b.length; i++) if (!drop.has(i)) rows.push(i);
  const M = Matrix.zeros(rows.length, 2 * N);
  const rhs = Matrix.zeros(rows.length, 1);
  rows.forEach((i, ri) => {
    rhs.set(ri, 0, -b[i]);
    for (let j = 0; j < N; j++) M.set(ri, j, JT.get(i, j));
    if (i >= rowsU - N && i < rowsU) M.set(ri, N + (i - rowsU + N), 1); // h rows: J_hC2ᵀζ = ζ
    if (i >= rowsU) M.set(ri, N + (i - rowsU), -slope[i - rowsU]); // u rows: −σ'(u_i)ζ_i
  });
  const svd = new SingularValueDecomposition(M, { autoTranspose: true });
  const x = svd.solve(rhs);
  const res = M.mmul(x).sub(rhs);
  let sq = 0;
  for (let i = 0; i < res.rows; i++) sq += res.get(i, 0) ** 2;
  const xi = new Float64Array(N), zeta = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    xi[j] = x.get(j, 0);
    zeta[j] = x.get(N + j, 0);
  }
  return { value: Math.sqrt(sq), xi, zeta, fullRank: svd.rank === 2 * N };
}

/** Is (ζ_k, v_k = −ξ_k) in the cone {v ∈ [−ζσ'(0⁻), −ζσ'(0⁺)], left ≤ right} (relative tolerance 1e-9)? */
function inCone(m: Model, zeta: number, xi: number): boolean {
  const v = -xi; // the dropped row b_u + ξ + v = 0 with b_u = 2λ6u = 0 at the kink
  const left = -zeta * m.sl0.left, right = -zeta * m.sl0.right;
  const tol = 1e-9 * Math.max(1, Math.abs(zeta), Math.abs(v));
  return left <= right + tol && v >= left - tol && v <= right + tol;
}

/**
 * min over (ξ, ζ) of dist(0, ∇R(s) + JC1(s)ᵀξ + ∂(ζᵀC2(s))): a least-squares problem at points without kinks,
 * an enumeration over {line⁻, line⁺, cone} per kink otherwise (see the module comment for why and for the cap).
 */
export const bestMultiplierKKT = oracleFn(function bestMultiplierKKT(prob: Problem, s: Iterate, opts: BestKKTOptions = {}): BestKKT {
  const m = buildModel(prob, s);
  const K = m.kinks.length;
  const feasibility = feasibilityViolation(prob, s);
  const relaxed = solveChoice(m, m.kinks.map(() => 2));
  const lowerBound = relaxed.value;
  const pack = (r: { value: number; xi: Float64Array; zeta: Float64Array }, exact: boolean, tried: number): BestKKT => ({
    residual: r.value, lowerBound, exact, mult: { xi: r.xi, zeta: r.zeta }, kinkCount: K, choicesTried: tried, feasibility,
  });
  const feasible = (r: ReturnType<typeof solveChoice>, choice: readonly number[]) =>
    choice.every((c, j) => c !== 2 || inCone(m, r.zeta[m.kinks[j]], r.xi[m.kinks[j]]));
  if (K === 0 || feasible(relaxed, m.kinks.map(() => 2))) return pack(relaxed, relaxed.fullRank || K === 0, 1);

  const exhaustive = K <= (opts.maxExhaustiveKinks ?? 6);
  const choices: number[][] = [];
  if (exhaustive) {
    for (let code = 0; code < 3 ** K; code++) choices.push(Array.from({ length: K }, (_, j) => Math.floor(code / 3 ** j) % 3));
  } else {
    const rnd = mulberry32(opts.seed ?? 1);
    choices.push(m.kinks.map(() => 0), m.kinks.map(() => 1));
    for (let k = 0; k < (opts.samples ?? 243); k++) choices.push(m.kinks.map(() => Math.floor(3 * rnd())));
  }
  let best: ReturnType<typeof solveChoice> | null = null;
  let exact = exhaustive;
  for (const choice of choices) {
    const r = solveChoice(m, choice);
    if (!feasible(r, choice)) {
      // a rejected non-unique minimizer might hide a feasible one with the same value
      if (!r.fullRank && (best === null || r.value < best.value)) exact = false;
      continue;
    }
    if (best === null || r.value < best.value) best = r;
  }
  // line choices are always feasible, so best is set. Re-evaluating its multipliers exactly can only help:
  // the selection fixed by a choice need not be the nearest element of ∂ for those (ξ, ζ) (matters when sampled).
  const b = best as ReturnType<typeof solveChoice>;
  const value = Math.min(b.value, kktResidual(prob, s, { xi: b.xi, zeta: b.zeta }).dist);
  const tight = value <= lowerBound * (1 + 1e-9) + 1e-12;
  return pack({ ...b, value }, exact || tight, choices.length + 1);
});
