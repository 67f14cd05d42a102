/**
 * WZC claims of §2 and Appendix A.1–A.2: the reformulation (1.1) ⇔ (2.2), NNAMCQ (Lemma 2.1), and the level set
 * D_R(ρ) of Lemma 2.4. None of them involves the solver (tag `solver-independent`).
 */
import { sigma } from '../../../models/activations/piecewise.ts';
import { alParts, ell } from '../problem/lagrangian.ts';
import type { Iterate, Problem, Weights } from '../problem/types.ts';
import { zeroWeights } from '../problem/types.ts';
import { feasibilityViolation } from '../theory/kkt.ts';
import { nnamcqCheck } from '../theory/nnamcq.ts';
import { sqnorm as sq } from '../../../linalg/index.ts';
import { compareEq, compareLe, compareNonsingular, worstVerdict } from '../../../engine/tolerance.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { defineClaim, type Erratum, type Hypothesis, type RegisteredClaim } from '../../../engine/types.ts';
import { pointFamily, type WzcPoint } from './instances.ts';
import { claimGroup, HOLDS } from '../../../engine/claimGroup.ts';
import { lambdaPositive, src, weightsSq } from './common.ts';

const TAGS = [SOLVER_INDEPENDENT_TAG];

/**
 * FeasVio of a forward pass is 0 up to rounding of C1 = u − Ψ(h)w, whose entries are sums of r + n + 1
 * products of size ≲ ‖z‖·max(‖h‖, ‖x‖, 1); 1e-12 relative to that magnitude is ~10⁴ roundings of room.
 */
const FEAS_RTOL = 1e-12;

/** The magnitude 1 + ‖z‖(1 + ‖h‖ + ‖X‖) that C1 = u − Ψ(h)w is rounded relative to. */
function feasScale(p: WzcPoint): number {
  return 1 + Math.sqrt(weightsSq(p.s.z)) * (1 + Math.sqrt(sq(p.s.h)) + Math.sqrt(sq(p.prob.data.X)));
}

const feasibleHypothesis: Hypothesis<WzcPoint> = {
  name: 's ∈ F (FeasVio ≤ 1e-12·scale)',
  test: (p) => {
    const fv = feasibilityViolation(p.prob, p.s).max;
    return fv <= FEAS_RTOL * feasScale(p) ? true : `FeasVio = ${fv}`;
  },
};

/** Points on F with exact kinks, under λ_i > 0 and s ∈ F. */
const onFeasible = claimGroup<WzcPoint>({
  family: pointFamily('wzc.point.feasible', { feasible: true, kinks: true }),
  hypotheses: [lambdaPositive<WzcPoint>(), feasibleHypothesis],
  tags: TAGS,
});

/**
 * The loss (1.1) of z computed literally: the nested composition Aσ(W(…σ(Vx_1 + b)…) + Vx_t + b) + c, written
 * out here on its own rather than taken from the model's forward pass.
 */
function loss11(prob: Problem, z: Weights): number {
  const { T, n, m, r } = prob.data.dims;
  const { X, Y } = prob.data;
  let hPrev = new Float64Array(r); // h_0 = 0
  let total = 0;
  for (let t = 0; t < T; t++) {
    const h = new Float64Array(r);
    for (let i = 0; i < r; i++) {
      let pre = z.b[i];
      for (let k = 0; k < r; k++) pre += z.W[i * r + k] * hPrev[k];
      for (let k = 0; k < n; k++) pre += z.V[i * n + k] * X[t * n + k];
      h[i] = sigma(prob.activation, pre);
    }
    for (let j = 0; j < m; j++) {
      let out = z.c[j];
      for (let k = 0; k < r; k++) out += z.A[j * r + k] * h[k];
      total += (Y[t * m + j] - out) ** 2;
    }
    hPrev = h;
  }
  return total / T;
}

const equivalence = onFeasible({
  id: 'wzc.eq1.1-2.2.equivalence',
  source: src('§2.1, (1.1) ⇔ (2.2)', ['(1.1)', '(2.2)', '(2.4)'], 147),
  statement:
    'Problems (1.1) and (2.2) are equivalent: for any weights z, the point s = (z; h; u) with u_t = W h_{t−1} + V x_t + b, '
    + 'h_t = (u_t)_+, h_0 = 0 satisfies the constraints of (2.2) (s ∈ F) and its objective ℓ(s) (2.4) equals the loss (1.1) of z.',
  kind: 'identity',
  hypotheses: [],
  check: (p, ctx) => {
    const fv = feasibilityViolation(p.prob, p.s).max;
    return worstVerdict([
      compareEq(ell(p.prob, p.s), loss11(p.prob, p.s.z), ctx, { what: 'ℓ(s(z)) = loss (1.1) of z' }),
      compareLe(fv, 0, ctx, { scale: feasScale(p), what: 'FeasVio(s(z)) = 0' }),
    ]);
  },
  runs: { ci: 100 },
});

const nnamcq = onFeasible({
  id: 'wzc.lemma2.1.nnamcq',
  source: src('Lemma 2.1', ['(2.7)', '(A.1)', '(A.2)', '(A.3)'], 174),
  statement:
    'The NNAMCQ holds at any s ∈ F, i.e., there exist no nonzero vectors ξ, ζ ∈ R^{rT} such that '
    + '0 ∈ JC1(s)ᵀξ + ∂(ζᵀC2(s)) — including points with kinks u_i = 0 (every selection of the limiting subdifferential).',
  kind: 'qualitative',
  check: (p, ctx) => {
    const r = nnamcqCheck(p.prob, p.s, { maxExhaustiveKinks: 6, samples: 64, interiorSamples: 8 });
    const v = compareNonsingular(r.relMinSingularValue, ctx, {
      what: `min over ${r.selections} selections (${r.kinkCount} kinks${r.exhaustive ? ', exhaustive' : ''}) of σ_min/σ_max of [JC1ᵀ | (0;0;I;−S)]`,
    });
    return v.status === 'holds' ? { ...v, note: `kinks=${r.kinkCount} σ_min/σ_max=${r.relMinSingularValue.toPrecision(3)}` } : v;
  },
  runs: { ci: 80 },
});

function zeroIterate(p: WzcPoint): Iterate {
  const N = p.s.u.length;
  return { z: zeroWeights(p.prob.data.dims), h: new Float64Array(N), u: new Float64Array(N) };
}

const zeroFeasible = defineClaim<WzcPoint>({
  id: 'wzc.lemma2.4.zero-feasible',
  source: src('Lemma 2.4 and its proof (A.2)', ['(2.8)'], 760),
  statement:
    'It is clear that 0 ∈ D_R(ρ) for ρ > R(0), so D_R(ρ) is nonempty: s = 0 is feasible (σ(0) = 0) and '
    + 'R(0) = (1/T)Σ_t‖y_t‖².',
  kind: 'identity',
  expected: HOLDS,
  family: pointFamily('wzc.point'),
  hypotheses: [lambdaPositive<WzcPoint>()],
  check: (p, ctx) => {
    const s0 = zeroIterate(p);
    const { T } = p.prob.data.dims;
    const R0 = sq(p.prob.data.Y) / T;
    return worstVerdict([
      compareEq(feasibilityViolation(p.prob, s0).max, 0, ctx, { what: 'FeasVio(0) = 0' }),
      compareEq(alParts(p.prob, s0, null, 1).R, R0, ctx, { what: 'R(0) = (1/T)Σ‖y_t‖²' }),
    ]);
  },
  runs: { ci: 50 },
  tags: TAGS,
});

const levelSetBounds = onFeasible({
  id: 'wzc.eqA.4.level-set-bounds',
  source: src('Lemma 2.4, proof (A.4)', ['(A.4)', '(2.8)'], 761),
  statement:
    'For s ∈ D_R(ρ) (s ∈ F, R(s) ≤ ρ): ‖A‖_F² ≤ ρ/λ1, ‖W‖_F² ≤ ρ/λ2, ‖V‖_F² ≤ ρ/λ3, ‖b‖² ≤ ρ/λ4, ‖c‖² ≤ ρ/λ5, '
    + '‖u‖² ≤ ρ/λ6, and h is bounded because h = σ(u): ‖h‖ ≤ ‖u‖ (ReLU, leaky ReLU with ϖ ≤ 1, ELU with α ≤ 1).',
  kind: 'inequality',
  check: (p, ctx) => {
    // ρ = R(s) is the smallest ρ with s ∈ D_R(ρ); every larger ρ only loosens the bounds.
    const rho = alParts(p.prob, p.s, null, 1).R;
    const [l1, l2, l3, l4, l5, l6] = p.prob.lambda;
    const z = p.s.z;
    const v = (x: number, lam: number, what: string) => compareLe(x, rho / lam, ctx, { what });
    return worstVerdict([
      v(sq(z.A), l1, '‖A‖² ≤ ρ/λ1'),
      v(sq(z.W), l2, '‖W‖² ≤ ρ/λ2'),
      v(sq(z.V), l3, '‖V‖² ≤ ρ/λ3'),
      v(sq(z.b), l4, '‖b‖² ≤ ρ/λ4'),
      v(sq(z.c), l5, '‖c‖² ≤ ρ/λ5'),
      v(sq(p.s.u), l6, '‖u‖² ≤ ρ/λ6'),
      compareLe(Math.sqrt(sq(p.s.h)), Math.sqrt(sq(p.s.u)), ctx, { what: '‖h‖ ≤ ‖u‖' }),
    ]);
  },
  runs: { ci: 100 },
});

/** Claims of this module. */
export const claims: RegisteredClaim[] = [equivalence, nnamcq, zeroFeasible, levelSetBounds];

/** Errata found by this module's claims (none: every statement of §2 checked here holds). */
export const errata: Erratum[] = [];
