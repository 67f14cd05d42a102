/**
 * Running the real WZC solver for the claims about Algorithms 3.1–3.2: one BCD (3.5) or a short ALM from an
 * instance, the parameter hypotheses of those runs, and the small independent recomputations (constraints,
 * block-gradient scales, condition bounds) the claims compare the solver against. The per-iteration harness is
 * the engine's (engine/iterationChecks.ts).
 */
import { FLOAT64_EPS } from '../../../../engine/tolerance.ts';
import type { CheckContext, Hypothesis, Verdict } from '../../../../engine/types.ts';
import { SolverBreakdown } from '../../../../engine/iterationChecks.ts';
import { norm2, sqdist, sqnorm } from '../../../../linalg/index.ts';
import { psiW } from '../../../../models/elman.ts';
import { alParts, constraints, startParts } from '../../problem/lagrangian.ts';
import { cloneIterate, type Iterate, type Multipliers, type Problem, type Weights } from '../../problem/types.ts';
import { type AlmObserver, type AlmParams, type AlmResult, checkAlmHypotheses, DivergenceError, runAlm } from '../../solver/index.ts';
import { wzcFaults } from '../../solver/mutants.ts';
import { gradLSmooth } from '../../theory/gradient.ts';
import { concat, mapWeights, weightsSq, weightsSqDiff } from './common.ts';
import type { WzcAlmCase, WzcBcdCase } from './families.ts';

/** The unused-by-one-BCD ALM parameters: any values inside Algorithm 3.1's intervals. */
const ONE_BCD_ETAS = { eta1: 0.5, eta2: 0.5, eta3: 2, eta4: 0.5 } as const;

/**
 * Parameters that make {@link runAlm} run exactly one BCD (Algorithm 3.2 for ALM iteration k = 1) on the
 * subproblem of a {@link WzcBcdCase}: outer = 1, γ0 = γ, ε0 = ε, and Γ = ∞ (at k = 1 the start is s⁰ anyway).
 */
export function oneBcdParams(c: WzcBcdCase, inner = c.inner): AlmParams {
  return { gamma0: c.gamma, mu: c.mu, eps0: c.eps, Gamma: Infinity, ...ONE_BCD_ETAS, outer: 1, inner };
}

/** The part of a check's context the solver runs need: the planted bugs to switch on (none outside the matrix). */
export type SolverContext = Pick<CheckContext, 'faults'>;

/** Run Algorithm 3.2 once on a BCD case (from s⁰ = forward pass of z⁰, with the case's ξ, ζ, γ and kernel path). */
export function runBcdCase(c: WzcBcdCase, ctx: SolverContext, observer?: AlmObserver, inner = c.inner): AlmResult {
  const params: AlmParams = { ...oneBcdParams(c, inner), faults: wzcFaults(ctx.faults) };
  return unlessBreakdown(c.prob, params, () => runAlm(c.prob, c.z0, params, observer, { xi0: c.mult.xi, zeta0: c.mult.zeta, simd: c.simd }));
}

/**
 * Run the solver; a `DivergenceError` it raises where the block systems of the failing BCD are beyond double
 * precision (condition > {@link MAX_BLOCK_CONDITION} at the last finite iterate and γ of the last traced
 * iteration, or γ itself overflowed by (3.9)) becomes a {@link SolverBreakdown}: floating point, not the
 * algorithm, failed there (ALM runs reach γ ≳ 1e15 within ~15 outer iterations). Any other divergence is
 * rethrown: a failure of the code under test.
 */
function unlessBreakdown(prob: Problem, params: AlmParams, run: () => AlmResult): AlmResult {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof DivergenceError) || e.k < 1) throw e;
    const gamma = e.trace.length > 0 ? e.trace[e.trace.length - 1].gamma : params.gamma0;
    const kappa = e.block === 'gamma' ? Infinity : blockCondition(prob, e.lastFinite, gamma);
    if (!(kappa > MAX_BLOCK_CONDITION)) throw e;
    throw new SolverBreakdown({
      status: 'inconclusive',
      detail: `${e.message} — not counted: the block systems' condition number may reach ${kappa.toExponential(2)} (> 1e-3/ε) ` +
        `at γ = ${gamma.toExponential(3)}, beyond double precision`,
    });
  }
}

/** An ALM case with starting multipliers and a restart level Γ = L(s⁰, ξ⁰, ζ⁰, γ0) + slack (slack > 0: (3.10) holds). */
export interface WzcAlmLevelCase extends WzcAlmCase {
  gammaSlack: number;
  mult0: Multipliers;
}

/** L(s⁰, ξ⁰ = 0, ζ⁰ = 0, γ0) = R(s⁰) (s⁰ is feasible), the least Γ that (3.10) allows. */
export function initialLevel(c: WzcAlmCase): number {
  return startParts(c.prob, c.z0, c.gamma0).L;
}

/** Algorithm 3.1's parameters for an ALM case; Γ from its slack when it has one (else L(s⁰) + 1). */
export function almParams(c: WzcAlmCase | WzcAlmLevelCase, inner = c.inner): AlmParams {
  const slack = 'gammaSlack' in c ? c.gammaSlack : 1;
  const [eta1, eta2, eta3, eta4] = c.eta;
  return { gamma0: c.gamma0, mu: c.mu, eps0: c.eps0, Gamma: initialLevel(c) + slack, eta1, eta2, eta3, eta4, outer: c.outer, inner };
}

/** Run Algorithm 3.1 on an ALM case (ξ⁰ = ζ⁰ = 0 as in Table 2 unless the case has its own). */
export function runAlmCase(c: WzcAlmCase | WzcAlmLevelCase, ctx: SolverContext, observer?: AlmObserver, inner = c.inner): AlmResult {
  const opts = 'mult0' in c ? { xi0: c.mult0.xi, zeta0: c.mult0.zeta } : undefined;
  const params: AlmParams = { ...almParams(c, inner), faults: wzcFaults(ctx.faults) };
  return unlessBreakdown(c.prob, params, () => runAlm(c.prob, c.z0, params, observer, opts));
}

/** Copy of multipliers (event buffers are reused by the solver). */
export function cloneMult(m: Readonly<Multipliers>): Multipliers {
  return { xi: m.xi.slice(), zeta: m.zeta.slice() };
}

/** Copy of an iterate handed out by an event. */
export function snapshot(s: Readonly<Iterate>): Iterate {
  return cloneIterate(s as Iterate);
}

/** C1(s) = u − Ψ(h)w and C2(s) = h − σ(u), recomputed from the problem layer (independent of the solver). */
export function residuals(prob: Problem, s: Readonly<Iterate>): { C1: Float64Array; C2: Float64Array } {
  const N = s.u.length;
  const C1 = new Float64Array(N), C2 = new Float64Array(N);
  constraints(prob, s as Iterate, C1, C2);
  return { C1, C2 };
}

function weightsNorm(z: Weights): number {
  return Math.sqrt(weightsSq(z));
}

/**
 * ‖∇_z L(s)‖ by the independent oracle, and the size of the terms it is a difference of. L is quadratic in z,
 * ∇_z L(z) = H z + g0 with g0 = ∇_z L at z = 0, so ‖H z‖ + ‖g0‖ (with ‖Hz‖ = ‖∇_z L(z) − g0‖) is the scale
 * against which a solve's rounding residual is judged.
 */
export function zGradient(prob: Problem, s: Iterate, mult: Multipliers, gamma: number): { norm: number; scale: number } {
  const g = gradLSmooth(prob, s, mult, gamma).z;
  const zero = mapWeights(s.z, (a) => new Float64Array(a.length));
  const g0 = gradLSmooth(prob, { ...s, z: zero }, mult, gamma).z;
  return { norm: weightsNorm(g), scale: Math.sqrt(weightsSqDiff(g, g0)) + weightsNorm(g0) };
}

/** ‖∇_h L(s)‖ by the oracle and its term scale (L is quadratic in h; same construction as {@link zGradient}). */
export function hGradient(prob: Problem, s: Iterate, mult: Multipliers, gamma: number): { norm: number; scale: number } {
  const g = gradLSmooth(prob, s, mult, gamma).h;
  const g0 = gradLSmooth(prob, { ...s, h: new Float64Array(s.h.length) }, mult, gamma).h;
  return { norm: norm2(g), scale: Math.sqrt(sqdist(g, g0)) + norm2(g0) };
}

/** All blocks of an iterate as one flat array (W, V, b, A, c, h, u). */
export function flatIterate(s: Readonly<Iterate>): Float64Array {
  return concat(s.z.W, s.z.V, s.z.b, s.z.A, s.z.c, s.h, s.u);
}

/** Algorithm 3.2's standing assumptions: γ > 0, μ > 0 and λ_i > 0 (so the z- and h-blocks are strongly convex). */
export const BCD_HYPOTHESIS: Hypothesis<WzcBcdCase> = {
  name: 'γ > 0, μ > 0, λ1..λ6 > 0 (Algorithm 3.2, (2.5))',
  test: (c) => (c.gamma > 0 && c.mu > 0 && c.prob.lambda.every((l) => l > 0)) || `γ=${c.gamma}, μ=${c.mu}, λ=${c.prob.lambda.join(',')}`,
};

/** The exact stop test (4.9): ε = 0. */
export const EXACT_STOP_HYPOTHESIS: Hypothesis<WzcBcdCase> = {
  name: 'ε = 0: (3.17) replaced by (4.9)',
  test: (c) => c.eps === 0 || `ε = ${c.eps}`,
};

/** Algorithm 3.1's parameter hypotheses (γ0 > 0, μ > 0, ε0 ≥ 0, λ_i > 0, η1, η2, η4 ∈ (0, 1), η3 > 1). */
export const ALM_HYPOTHESIS: Hypothesis<WzcAlmCase> = {
  name: 'Algorithm 3.1 step 1 parameter ranges (η3 > 1 included)',
  test: (c) => {
    const unmet = checkAlmHypotheses(almParams(c), c.prob.lambda);
    return unmet.length === 0 || unmet.join('; ');
  },
};

/** (3.10): Γ ≥ L(s⁰, ξ⁰, ζ⁰, γ0). */
export const LEVEL_HYPOTHESIS: Hypothesis<WzcAlmLevelCase> = {
  name: 'Γ ≥ L(s⁰, ξ⁰, ζ⁰, γ0) (3.10)',
  test: (c) => c.gammaSlack >= 0 || `Γ − L(s⁰) = ${c.gammaSlack}`,
};

/**
 * Largest condition number at which a per-iteration check still trusts the solver's block minimizers: a
 * backward-stable Cholesky solve has relative error ≲ κ·ε, so beyond κ = 1e-3/ε (≈ 4.5e12) the computed
 * z- or h-update need not be the exact block minimizer to any useful accuracy, and a failed descent can be pure
 * rounding. (ALM runs reach this: γ grows like ‖ξ‖^{1+η3} and passes 1e15 within ~15 outer iterations.)
 */
export const MAX_BLOCK_CONDITION = 1e-3 / FLOAT64_EPS;

/**
 * An upper bound on the condition numbers of the block systems at s: Q̂1 = γΨ(h)ᵀΨ(h) + 2Λ1 and
 * Q̂2 = (2/T)ΣΦ(h_t)ᵀΦ(h_t) + 2Λ2 (z-step, Lemma 3.1 (iii)) and D1 = γWᵀW + (2/T)AᵀA + γI (h-step), using
 * ‖Ψ(h)‖² ≤ ‖Ψ(h)‖_F² ≤ r(‖h‖² + ‖X‖² + T), Σ‖Φ(h_t)‖_F² = m(‖h‖² + T), λ_min(Q̂1) ≥ 2 min(λ2, λ3, λ4), etc.
 */
export function blockCondition(prob: Problem, s: Readonly<Iterate>, gamma: number): number {
  const { T, m, r } = prob.data.dims;
  const [l1, l2, l3, l4, l5] = prob.lambda;
  const hh = sqnorm(s.h), xx = sqnorm(prob.data.X);
  const k1 = (gamma * r * (hh + xx + T) + 2 * Math.max(l2, l3, l4)) / (2 * Math.min(l2, l3, l4));
  const k2 = ((2 / T) * m * (hh + T) + 2 * Math.max(l1, l5)) / (2 * Math.min(l1, l5));
  const w2 = sqnorm(s.z.W), a2 = sqnorm(s.z.A);
  const kh = (gamma * (1 + w2) + (2 / T) * a2) / gamma;
  return Math.max(k1, k2, kh);
}

/**
 * A violated per-iteration check becomes `inconclusive` when the block systems of the iteration (at any of the
 * given points) are beyond {@link MAX_BLOCK_CONDITION}: rounding in the solves can then explain it.
 */
export function unlessUnresolvable(v: Verdict, prob: Problem, gamma: number, ...points: Readonly<Iterate>[]): Verdict {
  if (v.status !== 'violated') return v;
  const kappa = Math.max(...points.map((p) => blockCondition(prob, p, gamma)));
  if (!(kappa > MAX_BLOCK_CONDITION)) return v;
  return {
    status: 'inconclusive',
    detail: `${v.detail} — not counted: the block systems' condition number may reach ${kappa.toExponential(2)} (> 1e-3/ε) ` +
      `at γ = ${gamma.toExponential(3)}, so the computed block minimizers carry no guaranteed digits`,
  };
}

/**
 * The size of the terms whose rounding enters L(s, ξ, ζ, γ): R + (‖ξ‖ + γ‖C1‖)(‖u‖ + ‖Ψ(h)w‖) +
 * (‖ζ‖ + γ‖C2‖)(‖h‖ + ‖σ(u)‖). Two evaluations of L (e.g. the solver's kernels and the problem layer) may differ
 * by ε times this, which at γ ~ 1e15 is far more than ε·|L|.
 */
export function alTermScale(prob: Problem, s: Readonly<Iterate>, mult: Readonly<Multipliers>, gamma: number): number {
  const d = prob.data.dims;
  const p = alParts(prob, s as Iterate, mult as Multipliers, gamma);
  const Pw = new Float64Array(d.T * d.r);
  psiW(d, prob.data.X, s.z, s.h, Pw);
  const { C2 } = residuals(prob, s);
  let sig = 0;
  for (let i = 0; i < C2.length; i++) sig += (s.h[i] - C2[i]) ** 2;
  return p.R + (norm2(mult.xi) + gamma * p.c1) * (norm2(s.u) + norm2(Pw)) + (norm2(mult.zeta) + gamma * p.c2) * (norm2(s.h) + Math.sqrt(sig));
}
