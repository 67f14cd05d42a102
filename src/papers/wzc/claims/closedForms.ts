/**
 * WZC closed forms of the BCD blocks: the z-step (3.14), the h-step (3.18), the u-step (3.19)–(3.22) with
 * Remark 3.4's tie rule, and its §4.3 extensions (4.34)–(4.39).
 *
 * The claims about the solver call ITS step functions (zStepInto, hStepInto, uStepInto — planted mutants are
 * read there) and judge the output with independent oracles: the term-by-term gradient of `theory/gradient.ts`
 * (stationarity relative to the size of the gradient's terms), the literal paper formulas with explicit Ψ, Φ,
 * D1, D2 solved by ml-matrix, and a brute-force 1-D global minimizer for the u-step.
 *
 * Erratum wzc-E-4.35 (derived by hand, confirmed here): (4.35)'s condition "γθ1 + μθ3 < 0" is carried over from
 * (3.22); the minimizer of φ_lRe over (−∞, 0] needs "γθ1 + γϖθ2 + μθ3 < 0".
 */
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import type { Activation } from '../../../models/elman.ts';
import { sigma } from '../../../models/activations/piecewise.ts';
import { packA, packW } from '../../../models/elman.ts';
import { zeroWeights } from '../problem/types.ts';
import { hStepInto, hStepWorkspace } from '../solver/hStep.ts';
import { uMinusLeaky, uMinusLeakyPaper435, uStepInto } from '../solver/uStep.ts';
import { zStepInto, zStepWorkspace } from '../solver/zStep.ts';
import { wzcFaults } from '../solver/mutants.ts';
import { bruteGlobalMin1D } from '../../../engine/oracles/brute1d.ts';
import { D1, D2, d1t, d2T, QHat1, QHat2, qHat1, qHat2, toVec } from '../theory/explicit.ts';
import { gradG } from '../theory/gradient.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { oracle } from '../../../engine/attribution.ts';
import { compareEq, compareEqArrays, compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import { defineClaim, type CheckContext, type Claim, type Erratum, type Hypothesis, type RegisteredClaim, type Verdict } from '../../../engine/types.ts';
import { pointFamily, type WzcPoint } from './instances.ts';
import { ACT_ARBS, scalarFamily, tieFamily, uStepFamily, type ScalarPhiCase, type UStepCase } from './families23.ts';
import { gammaPositive, gradHOracle, HOLDS, maxAbs, src, stackZ, standingHypotheses } from './common.ts';

/** |M|·|x| entrywise: the componentwise scale of the rounding in M·x (Cholesky/LU are backward stable in it). */
function absMul(M: Matrix, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let s = 0;
    for (let j = 0; j < M.columns; j++) s += Math.abs(M.get(i, j) * x[j]);
    out[i] = s;
  }
  return out;
}

/** Spectral condition number of an SPD matrix (symmetric EVD). */
function condSPD(M: Matrix): number {
  const ev = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues;
  return Math.max(...ev) / Math.min(...ev);
}

/**
 * Compare a linear solve x (solver) with the literal x* = M⁻¹b (ml-matrix LU). Both have backward error
 * ~n·ε, so their difference is bounded by ~κ(M)·n·ε·‖x‖; the scale κ·‖x‖∞ keeps rtol = 1e-9 far above that
 * (n·ε ≈ 1e-14) while an O(1) modelling error still shows whenever κ ≲ 1e8 (the stationarity check, which is
 * backward-stable, covers the rest).
 */
function compareSolve(x: ArrayLike<number>, M: Matrix, rhs: Matrix, ctx: { rtol: number }, what: string): Verdict {
  const lit = oracle(() => toVec(solve(M, rhs)), 'x* = M⁻¹b (ml-matrix)');
  return compareEqArrays(x, lit, ctx, { scale: oracle(() => condSPD(M), 'κ(M) (ml-matrix)') * maxAbs(lit), what });
}

// ---------------------------------------------------------------------------------------------------------
// (3.14) z-step and (3.18) h-step, both on data X drawn regular or (half the draws) near-singular: Q̂1 of the
// z-step then has an eigenvalue held up by 2λ3 alone; the h-step's D1, D2 do not involve X (γI keeps them
// well conditioned), but its right-hand sides d1t carry Vx_{t+1} of such an X.

const zStep = defineClaim<WzcPoint>({
  id: 'wzc.eq3.14.z-step',
  source: src('Algorithm 3.2, update z (3.14)', ['(3.14)', 'Lemma 3.1 (iii)'], 286),
  statement:
    'Problem (3.14) is an unconstrained optimization problem with smooth and strongly convex objective; solving '
    + '∇_z L(s_z, ξ, ζ, γ) = 0, its unique global minimizer is w = −Q̂1⁻¹q̂1, a = −Q̂2⁻¹q̂2. Checked on the solver\'s '
    + 'z-step: the independent ∇_z L vanishes at its output and the output equals the literal −Q̂1⁻¹q̂1, −Q̂2⁻¹q̂2.',
  kind: 'closed-form',
  expected: HOLDS,
  family: pointFamily('wzc.point+near-singular', { data: 'mixed' }),
  hypotheses: standingHypotheses<WzcPoint>(),
  check: (p, ctx) => {
    const d = p.prob.data.dims;
    const out = zeroWeights(d);
    zStepInto(p.prob, zStepWorkspace(p.prob), p.s.h, p.s.u, p.mult.xi, p.gamma, out, wzcFaults(ctx.faults));
    const s1 = { z: out, h: p.s.h, u: p.s.u };
    const w = packW(d, out), a = packA(d, out);
    const Q1 = QHat1(p.prob, s1, p.gamma), Q2 = QHat2(p.prob, s1);
    const q1 = qHat1(p.prob, s1, p.mult, p.gamma), q2 = qHat2(p.prob, s1);
    const grad = stackZ(d, gradG(p.prob, s1, p.mult.xi, p.gamma).z);
    // ∇_z L = Q̂z + q̂: a backward-stable solve leaves a residual of ~nε·(|Q̂||z| + |q̂|), so stationarity is
    // judged relative to that (not to |Q̂z|, which cancels against q̂ when Q̂ is ill-conditioned).
    const scale = maxAbs(absMul(Q1, w), toVec(q1), absMul(Q2, a), toVec(q2));
    return worstVerdict([
      compareEqArrays(grad, new Float64Array(grad.length), ctx, { scale, what: '∇_z L(z-step output) = 0' }),
      compareSolve(w, Q1, q1.clone().mul(-1), ctx, 'w = −Q̂1⁻¹q̂1'),
      compareSolve(a, Q2, q2.clone().mul(-1), ctx, 'a = −Q̂2⁻¹q̂2'),
    ]);
  },
  runs: { ci: 150 },
});

const hStep = defineClaim<WzcPoint>({
  id: 'wzc.eq3.18.h-step',
  source: src('Algorithm 3.2, update h (3.15), (3.18)', ['(3.15)', '(3.18)', 'Lemma 3.1 (iv)'], 293),
  statement:
    'The objective of (3.15) is smooth and strongly convex; solving ∇_h L(s_h, ξ, ζ, γ) = 0 gives its unique global '
    + 'minimizer h_t = D1⁻¹d1t (t ∈ [T−1]), h_T = D2⁻¹d2T (3.18). Checked on the solver\'s h-step: the independent ∇_h L '
    + 'vanishes at its output and the output equals the literal D1⁻¹d1t, D2⁻¹d2T.',
  kind: 'closed-form',
  expected: HOLDS,
  family: pointFamily('wzc.point.kinks+near-singular', { kinks: true, data: 'mixed' }),
  hypotheses: standingHypotheses<WzcPoint>(),
  check: (p, ctx) => {
    const d = p.prob.data.dims;
    const { T, r } = d;
    const out = new Float64Array(T * r);
    hStepInto(p.prob, hStepWorkspace(p.prob), p.s.z, p.s.u, p.mult.xi, p.mult.zeta, p.gamma, out, undefined, wzcFaults(ctx.faults));
    const s1 = { z: p.s.z, h: out, u: p.s.u };
    const grad = gradHOracle(p.prob, s1, p.mult, p.gamma);
    const D1m = D1(p.prob, s1, p.gamma), D2m = D2(p.prob, s1, p.gamma);
    const verdicts: Verdict[] = [];
    const parts: Float64Array[] = [];
    for (let t = 1; t <= T; t++) {
      const ht = out.subarray((t - 1) * r, t * r);
      const D = t < T ? D1m : D2m;
      const dt = t < T ? d1t(p.prob, s1, p.mult, p.gamma, t) : d2T(p.prob, s1, p.mult, p.gamma);
      parts.push(absMul(D, ht), toVec(dt));
      verdicts.push(compareSolve(ht, D, dt, ctx, t < T ? `h_${t} = D1⁻¹d1${t}` : `h_T = D2⁻¹d2T (T=${T})`));
    }
    const scale = maxAbs(...parts);
    verdicts.unshift(compareEqArrays(grad, new Float64Array(grad.length), ctx, { scale, what: '∇_h L(h-step output) = 0' }));
    return worstVerdict(verdicts);
  },
  runs: { ci: 150 },
});

// ---------------------------------------------------------------------------------------------------------
// u-step (3.19)–(3.22), (4.34), (4.37): the solver's uStepInto against brute force

/** φ of (3.19)/(4.34)/(4.37), written out from the paper. */
function phi(act: Activation, u: number, th1: number, th2: number, th3: number, g: number, mu: number, l6: number): number {
  return (g / 2) * (u - th1) ** 2 + (g / 2) * (th2 - sigma(act, u)) ** 2 + (mu / 2) * (u - th3) ** 2 + l6 * u * u;
}

/**
 * A radius containing every global minimizer of φ: on u ≥ 0 the minimizer is ≤ (γ|θ1|+γ|θ2|+μ|θ3|)/(2γ+μ);
 * on u < 0, φ(u) ≥ a/2u² − bu + const with a = γ+μ+2λ6, b = γθ1+μθ3, and φ(u) > φ(0) once
 * |u| > (2|b| + √(aγ)|θ2|)/a (the ELU bracket of uStep.ts, which also covers ReLU and leaky ReLU).
 */
function radius(th1: number, th2: number, th3: number, g: number, mu: number, l6: number): number {
  const a = g + mu + 2 * l6;
  const pos = (g * Math.abs(th1) + g * Math.abs(th2) + mu * Math.abs(th3)) / (2 * g + mu);
  const neg = (2 * Math.abs(g * th1 + mu * th3) + Math.sqrt(a * g) * Math.abs(th2)) / a;
  return 1.01 * Math.max(pos, neg) + 1;
}

/** θ1 = (Ψ(h)w)_i − ξ_i/γ, θ2 = h_i + ζ_i/γ, θ3 = u_i^{j−1} (line 311). */
function thetas(c: UStepCase, i: number): [number, number, number] {
  return [c.Pw[i] - c.xi[i] / c.gamma, c.h[i] + c.zeta[i] / c.gamma, c.uPrev[i]];
}

function runUStep(c: UStepCase, ctx: Pick<CheckContext, 'faults'>): Float64Array {
  const out = new Float64Array(c.Pw.length);
  uStepInto(c.act, c.Pw, c.h, c.xi, c.zeta, c.uPrev, c.gamma, c.mu, c.lambda6, out, wzcFaults(ctx.faults));
  return out;
}

/** Brute-force grid cells over [−R, R] (see brute1d.ts); 20 000 keeps each coordinate ≈ 1 ms. */
const BRUTE_CELLS = 20_000;

function checkUStepGlobal(c: UStepCase, ctx: CheckContext): Verdict {
  const out = runUStep(c, ctx);
  const verdicts: Verdict[] = [];
  for (let i = 0; i < out.length; i++) {
    const [t1, t2, t3] = thetas(c, i);
    const f = (u: number) => phi(c.act, u, t1, t2, t3, c.gamma, c.mu, c.lambda6);
    const R = Math.max(radius(t1, t2, t3, c.gamma, c.mu, c.lambda6), 1.01 * Math.abs(out[i]));
    const brute = bruteGlobalMin1D(f, -R, R, { cells: BRUTE_CELLS });
    const best = Math.min(brute.min, f(0));
    verdicts.push(compareLe(f(out[i]), best, ctx, { what: `φ(u*_${i}) ≤ brute-force min φ (u* = ${out[i]}, brute argmin ${brute.argmin})` }));
  }
  return worstVerdict(verdicts);
}

const uStepHyps: Hypothesis<UStepCase>[] = [
  gammaPositive<UStepCase>(),
  { name: 'μ > 0, λ6 > 0', test: (c) => (c.mu > 0 && c.lambda6 > 0 ? true : `μ = ${c.mu}, λ6 = ${c.lambda6}`) },
];

/** The claim that the solver's u-step is a global minimizer of φ, for the activation(s) of its family. */
function uStepGlobal(spec: Pick<Claim<UStepCase>, 'id' | 'source' | 'statement' | 'family' | 'runs'>): RegisteredClaim {
  return defineClaim<UStepCase>({ ...spec, kind: 'closed-form', expected: HOLDS, hypotheses: uStepHyps, check: checkUStepGlobal });
}

const uStepRelu = uStepGlobal({
  id: 'wzc.eq3.21-3.22.u-step-relu',
  source: src('Algorithm 3.2, update u (3.19)–(3.22)', ['(3.16)', '(3.19)', '(3.20)', '(3.21)', '(3.22)'], 297),
  statement:
    'With u⁺ of (3.21), u⁻ of (3.22) and u* = u⁺ if φ(u⁺) ≤ φ(u⁻), else u⁻, u* is a global solution of (3.19) '
    + 'φ(u) = γ/2(u − θ1)² + γ/2(θ2 − u_+)² + μ/2(u − θ3)² + λ6u², with θ1 = (Ψ(h)w)_i − ξ_i/γ, θ2 = h_i + ζ_i/γ, θ3 = u_i^{j−1}. '
    + 'Checked on the solver\'s u-step (uStepInto, ReLU) against a brute-force global minimization of φ.',
  family: uStepFamily('wzc.u-step.relu', ACT_ARBS.relu),
  runs: { ci: 200 },
});

const uStepLeaky = uStepGlobal({
  id: 'wzc.eq4.34.leaky-global',
  source: src('§4.3, leaky ReLU u-subproblem', ['(4.34)', '(4.35)'], 600),
  statement:
    'For the leaky ReLU σ_lRe(u) = max{u, ϖu}, ϖ ∈ (0, 1), a closed-form global solution of (4.34) is obtained as in '
    + '(3.20)–(3.22) with u⁻ replaced (corrected condition, see wzc-E-4.35). Checked on the solver\'s u-step '
    + '(uStepInto, leaky ReLU) against a brute-force global minimization of φ_lRe.',
  family: uStepFamily('wzc.u-step.leaky', ACT_ARBS.leaky),
  runs: { ci: 200 },
});

const uStepElu = uStepGlobal({
  id: 'wzc.eq4.37-4.38.elu-global',
  source: src('§4.3, ELU u-subproblem', ['(4.37)', '(4.38)', '(4.40)'], 612),
  statement:
    'For the ELU, u⁻ (a global solution of (4.37) over (−∞, 0]) is obtained by minimizing φ_ELU over [u̲, 0] (4.38) on '
    + 'its convex pieces and comparing with 0 and u̲; with u⁺ of (3.21) and the selection rule this gives a global '
    + 'solution of the ELU u-subproblem. Checked on the solver\'s u-step (uStepInto, ELU) against brute force.',
  family: uStepFamily('wzc.u-step.elu', ACT_ARBS.elu),
  runs: { ci: 150 },
});

// ---------------------------------------------------------------------------------------------------------
// Remark 3.4: the tie rule

/** u⁺ of (3.21) (the same for every activation of the paper: σ(u) = u on u ≥ 0). */
function uPlus321(t1: number, t2: number, t3: number, g: number, mu: number, l6: number): number {
  const num = g * t1 + g * t2 + mu * t3;
  return num > 0 ? num / (2 * g + 2 * l6 + mu) : 0;
}

/** u⁻: (3.22) for ReLU, (4.35) with the corrected condition for leaky ReLU. Only these two have exact ties. */
function uMinusLit(act: Activation, t1: number, t2: number, t3: number, g: number, mu: number, l6: number): number {
  if (act.kind === 'leaky-relu') {
    const num = g * t1 + g * act.slope * t2 + mu * t3;
    return num < 0 ? num / (g + g * act.slope * act.slope + 2 * l6 + mu) : 0;
  }
  const num = g * t1 + mu * t3;
  return num < 0 ? num / (g + 2 * l6 + mu) : 0;
}

const tieHyp: Hypothesis<UStepCase> = {
  name: 'exact tie φ(u⁺) = φ(u⁻) with u⁺ ≠ u⁻ in every coordinate (ReLU or leaky ReLU)',
  test: (c) => {
    if (c.act.kind === 'elu') return 'ELU: no exact ties constructed';
    for (let i = 0; i < c.Pw.length; i++) {
      const [t1, t2, t3] = thetas(c, i);
      const up = uPlus321(t1, t2, t3, c.gamma, c.mu, c.lambda6), um = uMinusLit(c.act, t1, t2, t3, c.gamma, c.mu, c.lambda6);
      const fp = phi(c.act, up, t1, t2, t3, c.gamma, c.mu, c.lambda6), fm = phi(c.act, um, t1, t2, t3, c.gamma, c.mu, c.lambda6);
      if (up === um || fp !== fm) return `coordinate ${i}: u⁺=${up}, u⁻=${um}, φ(u⁺)=${fp}, φ(u⁻)=${fm}`;
    }
    return true;
  },
};

const tieRule = defineClaim<UStepCase>({
  id: 'wzc.remark3.4.tie-rule',
  source: src('Remark 3.4', ['(3.16)', '(3.20)'], 315),
  statement:
    'The solution set of (3.16) may not be a singleton; to make the selected solution unique, u_i^{k−1,j} = u_i⁺ when '
    + 'φ(u_i⁺) = φ(u_i⁻), for every i ∈ [rT]. Checked on the solver\'s u-step (uStepInto) at exact ties.',
  kind: 'identity',
  expected: HOLDS,
  family: tieFamily('wzc.u-step.ties'),
  hypotheses: [...uStepHyps, tieHyp],
  check: (c, ctx) => {
    const out = runUStep(c, ctx);
    return worstVerdict(Array.from(out, (u, i) => {
      const [t1, t2, t3] = thetas(c, i);
      const up = uPlus321(t1, t2, t3, c.gamma, c.mu, c.lambda6);
      return compareEq(u, up, ctx, { what: `u*_${i} = u⁺ = ${up} at a tie (u⁻ = ${uMinusLit(c.act, t1, t2, t3, c.gamma, c.mu, c.lambda6)})` });
    }));
  },
  runs: { ci: 100 },
});

// ---------------------------------------------------------------------------------------------------------
// (4.35) as printed and corrected

/** min of φ over (−∞, 0] by brute force on [−R, 0]. */
function bruteMinNeg(c: ScalarPhiCase): number {
  const f = (u: number) => phi(c.act, u, c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
  const R = radius(c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
  return Math.min(bruteGlobalMin1D(f, -R, 0, { cells: BRUTE_CELLS }).min, f(0));
}

function slopeOf(act: Activation): number {
  return act.kind === 'leaky-relu' ? act.slope : NaN;
}

function checkUMinus(c: ScalarPhiCase, um: number, ctx: { rtol: number }, label: string): Verdict {
  if (um > 0) return compareLe(um, 0, ctx, { what: `${label} = ${um} lies in ℝ₋` });
  const f = phi(c.act, um, c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
  return compareLe(f, bruteMinNeg(c), ctx, { what: `φ(${label} = ${um}) ≤ min over ℝ₋ of φ_lRe (brute force)` });
}

const SCALAR_PARAMS_POSITIVE: Hypothesis<ScalarPhiCase> = {
  name: 'γ > 0, μ > 0, λ6 > 0',
  test: (c) => (c.gamma > 0 && c.mu > 0 && c.lambda6 > 0 ? true : `γ=${c.gamma} μ=${c.mu} λ6=${c.lambda6}`),
};

const leakyHyps: Hypothesis<ScalarPhiCase>[] = [
  { name: 'leaky ReLU with ϖ ∈ (0, 1)', test: (c) => (c.act.kind === 'leaky-relu' && c.act.slope > 0 && c.act.slope < 1 ? true : `act = ${JSON.stringify(c.act)}`) },
  SCALAR_PARAMS_POSITIVE,
];

const leakyScalars = scalarFamily('wzc.scalar.leaky', ACT_ARBS.leaky);

const uMinus435 = defineClaim<ScalarPhiCase>({
  id: 'wzc.eq4.35.leaky-uminus',
  source: src('§4.3, leaky ReLU u⁻ (4.35) as printed', ['(4.35)', '(3.20)'], 603),
  statement:
    'For the leaky ReLU, u⁻ := argmin over ℝ₋ of φ_lRe is u⁻ = (γθ1 + γϖθ2 + μθ3)/(γ + γϖ² + 2λ6 + μ) if γθ1 + μθ3 < 0, '
    + 'and 0 otherwise (4.35), exactly as printed.',
  kind: 'closed-form',
  expected: { status: 'refuted', erratum: 'wzc-E-4.35' },
  family: leakyScalars,
  hypotheses: leakyHyps,
  check: (c, ctx) => checkUMinus(c, uMinusLeakyPaper435(c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6, slopeOf(c.act)), ctx, 'u⁻ of (4.35)'),
  runs: { ci: 200 },
  tags: [SOLVER_INDEPENDENT_TAG],
});

const uMinus435c = defineClaim<ScalarPhiCase>({
  id: 'wzc.eq4.35.leaky-uminus.corrected',
  source: src('§4.3, leaky ReLU u⁻ (4.35), corrected condition', ['(4.35)', '(3.20)'], 603),
  statement:
    'u⁻ = argmin over ℝ₋ of φ_lRe = (γθ1 + γϖθ2 + μθ3)/(γ + γϖ² + 2λ6 + μ) if γθ1 + γϖθ2 + μθ3 < 0, and 0 otherwise '
    + '(φ_lRe is a convex quadratic on ℝ₋ whose stationary point has exactly that numerator). Checked on the solver\'s uMinusLeaky.',
  kind: 'closed-form',
  expected: HOLDS,
  family: leakyScalars,
  hypotheses: leakyHyps,
  check: (c, ctx) => checkUMinus(c, uMinusLeaky(c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6, slopeOf(c.act)), ctx, 'corrected u⁻'),
  runs: { ci: 200 },
  corrects: 'wzc.eq4.35.leaky-uminus',
});

// ---------------------------------------------------------------------------------------------------------
// (4.39) ELU curvature

/** (4.39) as printed (α = 1): φ''_ELU(u) = 2γe^{2u} − γ(θ2 + 1)eᵘ + μ + γ + 2λ6 on u < 0. */
function phiSecond439(u: number, th2: number, g: number, mu: number, l6: number): number {
  return 2 * g * Math.exp(2 * u) - g * (th2 + 1) * Math.exp(u) + mu + g + 2 * l6;
}

const eluSecond = defineClaim<ScalarPhiCase>({
  id: 'wzc.eq4.39.elu-second-derivative',
  source: src('§4.3, ELU curvature (4.39)–(4.40)', ['(4.39)', '(4.40)'], 621),
  statement:
    'On u < 0 the ELU u-subproblem has φ\'\'_ELU(u) = 2γe^{2u} − γ(θ2 + 1)eᵘ + μ + γ + 2λ6 (4.39), i.e. ψ_ELU(eᵘ) with '
    + 'ψ_ELU(z) = 2γz² − γ(θ2 + 1)z + μ + γ + 2λ6 (4.40). Compared with the central second difference of φ_ELU.',
  kind: 'identity',
  expected: HOLDS,
  family: scalarFamily('wzc.scalar.elu-point', ACT_ARBS.elu, true),
  hypotheses: [
    { name: 'u < 0', test: (c) => (c.u !== undefined && c.u < 0 ? true : `u = ${c.u}`) },
    SCALAR_PARAMS_POSITIVE,
  ],
  check: (c, ctx) => {
    const u = c.u as number;
    const f = (x: number) => phi(c.act, x, c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
    // Central difference error: truncation h²/12·|φ''''| + rounding 4ε·max|φ|/h², with
    // |φ''''| ≤ γ(|θ2 + 1|eᵘ + 8e^{2u}) on u < 0 (the quadratic terms have φ'''' = 0). Pick h to balance
    // them (h stays < |u|/2 so the stencil never crosses the kink) and use the error bound as the scale.
    const M4 = c.gamma * (Math.abs(c.th2 + 1) * Math.exp(u) + 8 * Math.exp(2 * u)) + 1e-300;
    const F = Math.max(Math.abs(f(u)), Math.abs(f(u / 2)), Math.abs(f(1.5 * u)));
    const eps = 2.220446049250313e-16;
    const h = Math.min(Math.abs(u) / 2, Math.pow((48 * eps * F) / M4, 0.25));
    const fd = (f(u + h) - 2 * f(u) + f(u - h)) / (h * h);
    const err = (h * h * M4) / 12 + (4 * eps * F) / (h * h);
    const paper = phiSecond439(u, c.th2, c.gamma, c.mu, c.lambda6);
    return compareEq(paper, fd, ctx, { scale: (10 * err) / ctx.rtol, what: '(4.39) = central second difference of φ_ELU' });
  },
  runs: { ci: 100 },
  tags: [SOLVER_INDEPENDENT_TAG],
});

/** Claims of this module. */
export const claims: RegisteredClaim[] = [
  zStep, hStep, uStepRelu, tieRule, uMinus435, uMinus435c, uStepLeaky, uStepElu, eluSecond,
];

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'wzc-E-4.35',
    claim: 'wzc.eq4.35.leaky-uminus',
    says: '(4.35): u⁻ = (γθ1 + γϖθ2 + μθ3)/(γ + γϖ² + 2λ6 + μ) if γθ1 + μθ3 < 0, and 0 otherwise',
    fixture: 'fixtures/counterexamples/wzc-4.35-leaky-condition.json',
    corrected:
      'the condition must be γθ1 + γϖθ2 + μθ3 < 0: on u ≤ 0, φ_lRe is the convex quadratic with '
      + 'φ\'(u) = (γ + γϖ² + μ + 2λ6)u − (γθ1 + γϖθ2 + μθ3). At θ = (1, −6, 0), γ = 4, μ = 2, λ6 = ½, ϖ = ½, (4.35) gives '
      + 'u⁻ = 0 (γθ1 + μθ3 = 4 ≥ 0) with φ = 74, while u = −1 has φ = 70; with the opposite sign mismatch (4.35) returns a '
      + 'positive "u⁻" outside ℝ₋.',
    correctedClaims: ['wzc.eq4.35.leaky-uminus.corrected', 'wzc.eq4.34.leaky-global'],
    solverImpact: 'uStep uses the corrected condition',
  },
];
