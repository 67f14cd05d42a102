/**
 * WZC Lemma 3.2 (paper line 242; constants (3.4); proof (A.5)–(A.13)): ∇_z L and ∇_h L are Lipschitz in (h, u) on
 * Ω_L(r̂).
 *
 * Claims     wzc.lemma3.2.eq3.2.L1 (as printed: refuted, erratum wzc-E-3.4) · wzc.lemma3.2.eq3.2.L1.corrected ·
 *            wzc.lemma3.2.eq3.3.L2
 * Solver     lipschitzL1L2, lipschitzL1L2Paper (solver/constants.ts) — compared with the transcription constants34
 *            below
 * Oracle     gradG, κ (theory/gradient.ts)
 * Instances  wzc.point-pair (_internals/pairFamilies.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareEq, compareLe } from '../../../engine/tolerance.ts';
import type { Erratum, RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { norm2, sqdist, sqnorm } from '../../../linalg/index.ts';
import { augmentedLagrangian } from '../problem/lagrangian.ts';
import type { Iterate, Multipliers, Problem } from '../problem/types.ts';
import { dataNorms, lipschitzArgs, lipschitzL1L2, lipschitzL1L2Paper } from '../solver/constants.ts';
import { gradG } from '../theory/gradient.ts';
import { diffNorm, gradHOracle, sigmaOneLipschitz, src, stackZ, standingHypotheses } from './_internals/common.ts';
import { pairFamily, type WzcPair } from './_internals/pairFamilies.ts';

const TAGS = [SOLVER_INDEPENDENT_TAG];

/** §4.3: σ's Lipschitz constant enters L2 (and, through (A.10)'s δ0, L1); the paper keeps it at 1. */
const onPairs = claimGroup<WzcPair>({
  family: pairFamily('wzc.point-pair'), hypotheses: [...standingHypotheses<WzcPair>(), sigmaOneLipschitz<WzcPair>()], tags: TAGS,
});

/** The constants of (3.4), transcribed here from the paper; `delta0Sq` puts δ0² in δ1 (the proof's (A.10)–(A.12)). */
export function constants34(prob: Problem, mult: Multipliers, gamma: number, rhat: number, delta0Sq: boolean): { L1: number; L2: number; delta: number; delta0: number; delta1: number } {
  const { T, m, r } = prob.data.dims;
  const [l1, l2, l3, l4, l5, l6] = prob.lambda;
  const xi = norm2(mult.xi), zeta = norm2(mult.zeta);
  const X2 = sqnorm(prob.data.X);
  let yMax = 0;
  for (let t = 0; t < T; t++) yMax = Math.max(yMax, norm2(prob.data.Y.subarray(t * m, (t + 1) * m)));
  const delta = rhat + (xi * xi) / (2 * gamma) + (zeta * zeta) / (2 * gamma);
  const delta0 = Math.sqrt((2 * delta) / gamma) + Math.sqrt(delta / l6) + zeta / gamma;
  const delta1 = Math.sqrt(r * ((delta0Sq ? delta0 * delta0 : delta * delta) + X2 + T));
  const delta2 = 2 * gamma * delta1 * Math.sqrt((r * delta) / Math.min(l2, l3, l4));
  const delta3 = Math.sqrt(r) * xi + gamma * Math.sqrt((r * delta) / l6);
  const delta4 = ((2 * Math.sqrt(m)) / Math.sqrt(T)) * (2 * Math.sqrt(m * (delta0 * delta0 + 1)) * Math.sqrt(delta / Math.min(l1, l5)) + yMax);
  const delta5 = Math.sqrt((delta * (T - 1)) / l2) + Math.sqrt(T);
  return { L1: Math.SQRT2 * Math.max(gamma * delta1, delta2 + delta3 + delta4), L2: gamma * delta5, delta, delta0, delta1 };
}

/** r̂ = max{L(s), L(s′)}: the smallest level with both points in Ω_L(r̂); L1, L2 grow with r̂, so this is the hardest case. */
function rhatOf(p: WzcPair, s2: Iterate): number {
  return Math.max(augmentedLagrangian(p.prob, p.s, p.mult, p.gamma), augmentedLagrangian(p.prob, s2, p.mult, p.gamma));
}

function gradZStacked(p: WzcPair, s: Iterate): Float64Array {
  return stackZ(p.prob.data.dims, gradG(p.prob, s, p.mult.xi, p.gamma).z);
}

/**
 * The verdict of the inequality, unless the side check (constants.ts agrees with the transcription of (3.4))
 * fails: the inequality's margin and ratio are the statistics worth reporting, not the side check's.
 */
function unlessDiffers(side: Verdict, main: Verdict): Verdict {
  return side.status === 'holds' ? main : side;
}

/** The (3.2) check with L1 from (3.4) as printed or with δ0²; also checks constants.ts against the transcription. */
function checkL1(p: WzcPair, ctx: { rtol: number }, delta0Sq: boolean): Verdict {
  const s2: Iterate = { z: p.s.z, h: p.h2, u: p.u2 };
  const rhat = rhatOf(p, s2);
  const c = constants34(p.prob, p.mult, p.gamma, rhat, delta0Sq);
  const solverC = (delta0Sq ? lipschitzL1L2 : lipschitzL1L2Paper)(lipschitzArgs(p.prob, p.mult, p.gamma, rhat, dataNorms(p.prob)));
  const g1 = gradZStacked(p, p.s), g2 = gradZStacked(p, s2);
  const lhs = diffNorm(g2, g1);
  const step = Math.sqrt(sqdist(p.h2, p.s.h) + sqdist(p.u2, p.s.u));
  // The difference of two gradients of size ~‖g‖ carries their rounding: scale by it.
  const scale = Math.max(norm2(g1), norm2(g2));
  return unlessDiffers(
    compareEq(solverC.L1, c.L1, ctx, { what: 'L1 of constants.ts = L1 of (3.4)' }),
    compareLe(lhs, c.L1 * step, ctx, { scale, what: `‖∇_zL(z,h′,u′) − ∇_zL(z,h,u)‖ ≤ L1‖(h′−h; u′−u)‖ (δ=${c.delta.toPrecision(3)}, δ0=${c.delta0.toPrecision(3)})` }),
  );
}

const L1literal = onPairs({
  id: 'wzc.lemma3.2.eq3.2.L1',
  source: src('Lemma 3.2 (3.2) with (3.4) as printed', ['(3.2)', '(3.4)'], 242),
  statement:
    'For any z, h, u, h′, u′ in the level set Ω_L(r̂): ‖∇_zL(z,h′,u′,ξ,ζ,γ) − ∇_zL(z,h,u,ξ,ζ,γ)‖ ≤ L1(ξ,ζ,γ,r̂)‖(h′−h; u′−u)‖ '
    + 'with L1 = √2 max{γδ1, δ2 + δ3 + δ4} and δ1 = √(r(δ² + ‖X‖² + T)) exactly as printed in (3.4).',
  method:
    'Draws pairs s = (z, h, u), s′ = (z, h′, u′) half anywhere and half aligned near the bottom of the AL (small '
    + 'δ, large ‖h‖ ≈ ‖ζ‖/γ: the regime where δ² < ‖h‖²), takes r̂ = max{L(s), L(s′)} (the smallest level '
    + 'containing both; L1 grows with r̂) and L1 from the constants of (3.4) transcribed in lemma3.2.ts with δ² in '
    + 'δ1. First checks the solver\'s lipschitzL1L2Paper gives the same L1 (identity, rtol 1e-9); then ‖∇_zL(s′) − '
    + '∇_zL(s)‖ ≤ L1‖(h′ − h; u′ − u)‖ with both gradients from the independent oracle (theory/gradient.ts), '
    + 'tolerance relative to max(‖∇_zL(s)‖, ‖∇_zL(s′)‖).',
  kind: 'inequality',
  expected: { status: 'refuted', erratum: 'wzc-E-3.4' },
  check: (p, ctx) => checkL1(p, ctx, false),
  runs: { ci: 300 },
});

const L1corrected = onPairs({
  id: 'wzc.lemma3.2.eq3.2.L1.corrected',
  source: src('Lemma 3.2 (3.2), (3.4) with δ0² in δ1 (as (A.10)–(A.12) give)', ['(3.2)', '(3.4)', '(A.10)', '(A.12)'], 242),
  statement:
    '(3.2) holds with L1 = √2 max{γδ1, δ2 + δ3 + δ4} when δ1 = √(r(δ0² + ‖X‖² + T)) — the bound on ‖Ψ(h)‖ that (A.12) gives '
    + 'from ‖h‖ ≤ δ0 (A.10) — instead of the printed δ².',
  method:
    'As the literal claim, on the same pairs and r̂, with δ0² in δ1: the transcribed L1 must equal the solver\'s '
    + 'lipschitzL1L2 (the constant its stop test (3.17) uses), and ‖∇_zL(s′) − ∇_zL(s)‖ ≤ L1‖(h′ − h; u′ − u)‖ by '
    + 'the independent gradient, tolerance relative to the larger gradient norm.',
  kind: 'inequality',
  check: (p, ctx) => checkL1(p, ctx, true),
  runs: { ci: 300 },
  corrects: 'wzc.lemma3.2.eq3.2.L1',
});

const L2claim = onPairs({
  id: 'wzc.lemma3.2.eq3.3.L2',
  source: src('Lemma 3.2 (3.3)', ['(3.3)', '(3.4)'], 244),
  statement:
    'For any z, h, u, u′ in Ω_L(r̂): ‖∇_hL(z,h,u′,ξ,ζ,γ) − ∇_hL(z,h,u,ξ,ζ,γ)‖ ≤ L2(ξ,ζ,γ,r̂)‖u′ − u‖ with L2 = γδ5, '
    + 'δ5 = √(δ(T−1)/λ2) + √T (3.4).',
  method:
    'On the same pairs with s′ = (z, h, u′), r̂ = max{L(s), L(s′)}: the transcribed L2 = γδ5 must equal the '
    + 'solver\'s (identity, rtol 1e-9); then ‖∇_hL(s′) − ∇_hL(s)‖ ≤ L2‖u′ − u‖ with ∇_h L = ∇_h g + κ from the '
    + 'independent oracle, tolerance relative to the larger gradient norm.',
  kind: 'inequality',
  check: (p, ctx) => {
    const s2: Iterate = { z: p.s.z, h: p.s.h, u: p.u2 };
    const rhat = rhatOf(p, s2);
    const c = constants34(p.prob, p.mult, p.gamma, rhat, false);
    const solverC = lipschitzL1L2Paper(lipschitzArgs(p.prob, p.mult, p.gamma, rhat, dataNorms(p.prob)));
    const g1 = gradHOracle(p.prob, p.s, p.mult, p.gamma), g2 = gradHOracle(p.prob, s2, p.mult, p.gamma);
    const step = diffNorm(p.u2, p.s.u);
    const scale = Math.max(norm2(g1), norm2(g2));
    return unlessDiffers(
      compareEq(solverC.L2, c.L2, ctx, { what: 'L2 of constants.ts = L2 of (3.4)' }),
      compareLe(diffNorm(g2, g1), c.L2 * step, ctx, { scale, what: '‖∇_hL(z,h,u′) − ∇_hL(z,h,u)‖ ≤ L2‖u′ − u‖' }),
    );
  },
  runs: { ci: 300 },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'wzc-E-3.4',
    claim: 'wzc.lemma3.2.eq3.2.L1',
    says: '(3.4): L1 = √2 max{γδ1, δ2 + δ3 + δ4} with δ1 = √(r(δ² + ‖X‖² + T)), δ = r̂ + ‖ξ‖²/2γ + ‖ζ‖²/2γ',
    fixture: 'fixtures/counterexamples/wzc/wzc.lemma3.2.eq3.2.L1.json',
    corrected:
      'δ1 = √(r(δ0² + ‖X‖² + T)) with δ0 = √(2δ/γ) + √(δ/λ6) + ‖ζ‖/γ, the bound (A.12) on ‖Ψ(h)‖ over Ω_L(r̂) given ‖h‖ ≤ δ0 (A.10). '
      + 'δ² is not an upper bound for ‖h‖²: near the bottom of the AL (δ → 0) ‖h‖ ≈ ‖ζ‖/γ stays large.',
    correctedClaims: ['wzc.lemma3.2.eq3.2.L1.corrected'],
    solverImpact:
      'The solver\'s stop test (3.17) uses the corrected constant (lipschitzL1L2 in constants.ts, called from bcd.ts); '
      + 'the printed one (lipschitzL1L2Paper) is kept only for this claim. With the printed L1 too small, (3.17) could '
      + 'stop earlier than Theorem 4.3\'s bound dist(0, ∂L) ≤ ε justifies.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [L1literal, L1corrected, L2claim];
