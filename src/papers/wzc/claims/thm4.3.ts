/**
 * WZC Theorem 4.3 (paper lines 342–383; Ĵ (4.8), line 366): the BCD stops by (3.17) within Ĵ iterations, and its
 * output satisfies (3.6), the inexactness condition of Algorithm 3.1 step 1. (The block decreases (4.4)–(4.7) of
 * its proof are in eq4.4-z-decrease.ts … eq4.7-sum-decrease.ts.)
 *
 * Claims     wzc.thm4.3.stop-within-Jhat (as printed) · wzc.thm4.3.stop-within-Jhat.corrected ·
 *            wzc.thm4.3.dist-bound · wzc.thm4.3.eq3.6-at-output · wzc.thm4.3.eq3.6-alm
 * Solver     runBcd / runAlm (solver/) through runBcdCase, runAlmCase (_internals/runs.ts); L1, L2 as the solver
 *            computed them
 * Oracle     jHat, jHatCorrected, alpha1, alpha2 (theory/hessian.ts); distToSubdifferential
 *            (theory/subdifferential.ts)
 * Instances  wzc.bcd (_internals/families.ts), wzc.alm (eq3.6-alm)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { Hypothesis, RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { norm2 } from '../../../linalg/index.ts';
import { feasibleStart } from '../problem/lagrangian.ts';
import type { Iterate } from '../problem/types.ts';
import type { AlmObserver } from '../solver/index.ts';
import { alpha1, alpha2, jHat, jHatCorrected, type JHatInputs } from '../theory/hessian.ts';
import { distToSubdifferential } from '../theory/subdifferential.ts';
import { ALM_STOP_CAP, onAlmRuns } from './_internals/almSteps.ts';
import { sigmaOneLipschitz, src } from './_internals/common.ts';
import { bcdFamily, type WzcAlmCase, type WzcBcdCase } from './_internals/families.ts';
import { ALM_HYPOTHESIS, BCD_HYPOTHESIS, runAlmCase, runBcdCase, unlessUnresolvable, type SolverContext } from './_internals/runs.ts';

/** BCD runs with ε > 0 (stop test (3.17)). */
const bcdRuns = bcdFamily('wzc.bcd');

/** Theorem 4.3 is about the stop test (3.17) with a tolerance ε_{k−1} > 0. */
const POSITIVE_EPS: Hypothesis<WzcBcdCase> = { name: 'ε > 0: stop test (3.17)', test: (c) => c.eps > 0 || 'ε = 0 selects (4.9), outside Theorem 4.3' };

/** L1, L2 of (3.4) are Lipschitz constants (Lemma 3.2), so (3.17) implies (3.6), only for a 1-Lipschitz σ (§4.3). */
const LIPSCHITZ_ONE = sigmaOneLipschitz<WzcBcdCase>();

const onBcdRuns = claimGroup<WzcBcdCase>({ family: bcdRuns, hypotheses: [BCD_HYPOTHESIS, POSITIVE_EPS, LIPSCHITZ_ONE] });

/**
 * Inner cap for the termination claims (the family's own cap, ≤ 15 at ci, is far too short for (3.17) with the
 * printed L1 ~ 1e4–1e8). About half the ci cases stop by (3.17) within it; a run is ~1 ms per 1000 iterations.
 */
export const STOP_CAP = 2000;

/** Ĵ's inputs for the BCD of a case, with α1, α2 supplied by the caller. */
function jHatInputs(c: WzcBcdCase, L0: number, L1: number, L2: number, a1: number, a2: number): JHatInputs {
  return { L0, xiNorm: norm2(c.mult.xi), zetaNorm: norm2(c.mult.zeta), gamma: c.gamma, L1, L2, mu: c.mu, eps: c.eps, alpha1: a1, alpha2: a2 };
}

/**
 * Decide "the BCD stops by (3.17) within Ĵ iterations" when Ĵ is known only up to the paper's α's: α1, α2 are
 * infima over Ω_L(Γ), so 2·min(λ1..λ5) ≤ α1 ≤ α1(s⁰) and γ ≤ α2 ≤ α2(s⁰) (s⁰ ∈ Ω_L(Γ) by (3.10)). Ĵ is monotone
 * in each α, so Ĵ lies between its values at these bounds: stopping by the smaller one is a certified hold,
 * running past the larger one without stopping is a certified violation.
 */
function stopWithin(c: WzcBcdCase, ctx: { rtol: number } & SolverContext, which: (i: JHatInputs) => number, label: string): Verdict {
  if (!(c.eps > 0)) return { status: 'hypotheses-unmet', unmet: ['ε_{k−1} > 0 (Theorem 4.3)'] };
  const r = runBcdCase(c, ctx, undefined, STOP_CAP);
  const row = r.outer[0];
  const s0 = feasibleStart(c.prob, c.z0);
  const [l1, l2, l3, l4, l5] = c.prob.lambda;
  const lower = jHatInputs(c, row.rhat, row.L1, row.L2, 2 * Math.min(l1, l2, l3, l4, l5), c.gamma);
  const upper = jHatInputs(c, row.rhat, row.L1, row.L2, alpha1(c.prob, s0, c.gamma), alpha2(c.prob, s0, c.gamma));
  // Ĵ decreases in each α: the α lower bounds give the largest admissible Ĵ, the α upper bounds the smallest
  const jMax = Math.max(which(lower), which(upper)), jMin = Math.min(which(lower), which(upper));
  if (row.bcdStatus === 'converged') {
    const j = row.inner;
    if (j > jMax) return { status: 'violated', detail: `${label}: stopped only at j=${j} > Ĵ ≤ ${jMax}` };
    if (j > jMin) return { status: 'inconclusive', detail: `${label}: stopped at j=${j}, Ĵ only known to lie in [${jMin}, ${jMax}]` };
    const v = compareLe(j, jMin, ctx, { what: `${label}: stopped at j=${j}` });
    return v.status === 'holds' ? { ...v, note: `stopped at j=${j}, Ĵ ≥ ${jMin.toExponential(3)}` } : v;
  }
  if (STOP_CAP > jMax) {
    return { status: 'violated', detail: `${label}: no stop by (3.17) within ${STOP_CAP} > Ĵ ≤ ${jMax} iterations` };
  }
  return { status: 'inconclusive', detail: `${label}: cap ${STOP_CAP} reached before Ĵ (≥ ${jMin.toExponential(3)}); no evidence either way` };
}

const stopLiteral = onBcdRuns({
  id: 'wzc.thm4.3.stop-within-Jhat',
  source: src('Theorem 4.3, (4.8)', ['(4.8)', '(3.17)'], 366),
  statement:
    'At each ALM iteration the BCD stops by (3.17) within Ĵ = ⌈(L(s^(0)) + ‖ξ‖²/2γ + ‖ζ‖²/2γ)·max{L1, L2, μ}² / '
    + '(max{α1/2, α2/2, μ/2}·ε²)⌉ iterations (Ĵ as printed in (4.8)).',
  method:
    'Runs one BCD of the real solver with ε > 0 and an inner cap of 2000. α1, α2 are infima over Ω_L(Γ) the run '
    + 'cannot compute, so Ĵ (theory/hessian.ts, with L(s^(0)) = the run\'s r̂ and L1, L2 as the solver computed '
    + 'them) is evaluated at both ends of their certified brackets [2 min λ_i, α1(s⁰)] and [γ, α2(s⁰)] (Ĵ is '
    + 'monotone in each α). Stopping at j ≤ the smallest admissible Ĵ holds; stopping after the largest, or running '
    + 'past the cap when the cap exceeds the largest, is violated; anything in between, or a capped run below the '
    + 'largest Ĵ, is inconclusive.',
  kind: 'finite-termination',
  tags: ['solver', 'literal'],
  runs: { ci: 100 },
  check: (c, ctx) => stopWithin(c, ctx, jHat, 'Ĵ of (4.8) as printed'),
});

const stopCorrected = onBcdRuns({
  id: 'wzc.thm4.3.stop-within-Jhat.corrected',
  source: src('Theorem 4.3, (4.8), corrected', ['(4.8)', '(3.17)'], 366),
  statement:
    'The BCD stops by (3.17) within Ĵ iterations with min{α1/2, α2/2, μ/2} in place of max (the bound the chain '
    + '(4.7) actually supports, erratum wzc-E-4.7).',
  method:
    'As the literal claim (one BCD, cap 2000, α1, α2 bracketed by [2 min λ_i, α1(s⁰)] and [γ, α2(s⁰)], Ĵ known to '
    + 'lie between its values at the bracket ends) with Ĵ from jHatCorrected (min in the denominator).',
  kind: 'finite-termination',
  corrects: 'wzc.thm4.3.stop-within-Jhat',
  tags: ['solver', 'corrected'],
  runs: { ci: 100 },
  check: (c, ctx) => stopWithin(c, ctx, jHatCorrected, 'Ĵ with min'),
});

const distBound = onBcdRuns({
  id: 'wzc.thm4.3.dist-bound',
  source: src('Theorem 4.3 proof', ['(3.6)', '(3.17)', '(3.4)'], 380),
  statement:
    'At every BCD iteration, dist(0, ∂L(s^(j), ξ, ζ, γ)) ≤ max{L_{1,k−1}, L_{2,k−1}, μ}·‖s^(j) − s^(j−1)‖, with '
    + 'L1, L2 of (3.4).',
  method:
    'Runs one BCD of the real solver and at every iteration computes dist(0, ∂L(s^(j))) for the limiting '
    + 'subdifferential with the exact oracle (theory/subdifferential.ts: gradient blocks, and at each kink the '
    + 'distance to the interval or two-point set of one-sided u-derivatives); it must be ≤ max{L1, L2, μ}·‖s^(j) − '
    + 's^(j−1)‖ with L1, L2 as the solver computed them at the BCD start and the step the solver reported, within '
    + 'rtol relative to max(1, both sides). The printed constant is what is checked, although the proof\'s '
    + 'subgradient (Δu enters all three blocks) only gives √3·max{L1, L2, μ}‖Δs‖.',
  kind: 'inequality',
  hypotheses: [BCD_HYPOTHESIS, LIPSCHITZ_ONE],
  tags: ['per-iteration', 'solver', 'oracle'],
  runs: { ci: 200 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    let Lmax = NaN;
    const obs: AlmObserver = {
      onBcdStart(e) {
        Lmax = Math.max(e.L1, e.L2, c.mu);
      },
      onBcdStep(e) {
        const dist = distToSubdifferential(c.prob, e.s as Iterate, e.mult, e.gamma).dist;
        checks.add(compareLe(dist, Lmax * e.step, ctx, { what: `dist(0, ∂L(s^(j))) at k=${e.k}, j=${e.j}` }));
      },
    };
    return runChecked(checks, () => void runBcdCase(c, ctx, obs), { status: 'hypotheses-unmet', unmet: ['no iteration'] });
  },
});

const eq36AtOutput = onBcdRuns({
  id: 'wzc.thm4.3.eq3.6-at-output',
  source: src('Theorem 4.3', ['(3.6)', '(3.17)'], 382),
  statement: 'When the BCD stops by (3.17), its output s^k satisfies (3.6): dist(0, ∂L(s^k, ξ^{k−1}, ζ^{k−1}, γ_{k−1})) ≤ ε_{k−1}.',
  method:
    'Runs one BCD of the real solver with an inner cap of 2000; if it stopped by (3.17) (else hypotheses-unmet), '
    + 'dist(0, ∂L(s^k)) of its output by the exact oracle (theory/subdifferential.ts) must be ≤ ε within rtol '
    + 'relative to max(1, dist, ε).',
  kind: 'inequality',
  tags: ['solver', 'oracle'],
  runs: { ci: 100 },
  check: (c, ctx) => {
    const r = runBcdCase(c, ctx, undefined, STOP_CAP);
    if (r.outer[0].bcdStatus !== 'converged') return { status: 'hypotheses-unmet', unmet: [`(3.17) not met within ${STOP_CAP} iterations`] };
    const dist = distToSubdifferential(c.prob, r.s, c.mult, c.gamma).dist;
    return compareLe(dist, c.eps, ctx, { what: `dist(0, ∂L(s^k)) ≤ ε after j=${r.outer[0].inner}` });
  },
});

const eq36Alm = onAlmRuns({
  id: 'wzc.thm4.3.eq3.6-alm',
  source: src('Theorem 4.3 with Algorithm 3.1 step 1', ['(3.6)', '(3.17)'], 344),
  statement:
    'Every ALM output s^k whose BCD stopped by (3.17) satisfies (3.6): dist(0, ∂L(s^k, ξ^{k−1}, ζ^{k−1}, '
    + 'γ_{k−1})) ≤ ε_{k−1}.',
  method:
    'Runs short ALMs with the BCD capped at 400 inner iterations (the family\'s J ≤ 10 almost never reaches the '
    + 'printed threshold); at every ALM output whose BCD stopped by (3.17) the exact oracle dist(0, ∂L(s^k, '
    + 'ξ^{k−1}, ζ^{k−1}, γ_{k−1})) must be ≤ ε_{k−1} within rtol relative to max(1, both sides). Outputs that hit '
    + 'the cap are outside the hypothesis (no converged BCD at all: hypotheses-unmet); a violation whose block '
    + 'systems may have condition number > 1e-3/ε is reported inconclusive.',
  kind: 'inequality',
  hypotheses: [ALM_HYPOTHESIS, sigmaOneLipschitz<WzcAlmCase>()],
  tags: ['solver', 'oracle'],
  runs: { ci: 100 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    let eps = c.eps0;
    const obs: AlmObserver = {
      onBcdStart(e) {
        eps = e.eps;
      },
      onOuter(e) {
        if (e.row.bcdStatus !== 'converged') return;
        const dist = distToSubdifferential(c.prob, e.s as Iterate, e.multPrev, e.gammaPrev).dist;
        const v = compareLe(dist, eps, ctx, { what: `(3.6) at k=${e.k} (BCD stopped at j=${e.row.inner})` });
        checks.add(unlessUnresolvable(v, c.prob, e.gammaPrev, e.s));
      },
    };
    return runChecked(checks, () => void runAlmCase(c, ctx, obs, ALM_STOP_CAP), {
      status: 'hypotheses-unmet', unmet: [`no BCD stopped by (3.17) within ${ALM_STOP_CAP} iterations`],
    });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [stopLiteral, stopCorrected, distBound, eq36AtOutput, eq36Alm];
