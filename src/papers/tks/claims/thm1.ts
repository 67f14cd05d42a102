/**
 * TKS Theorem 1: "If ρ_i > 2H (i = 1, 2, 3) and Assumptions 1–3 hold, then Properties 1–3 in the supplementary
 * materials hold." The supplement is not in the paper's text; the properties are those of the cited [34] (Wang,
 * Zhao, Wu), which the claims below state: (1) boundedness — L_ρ(θ^k) is bounded below; (2) sufficient descent —
 * L_ρ(θ^k) − L_ρ(θ^{k+1}) ≥ C1‖θ^{k+1} − θ^k‖² with C1 > 0 (no constant given, so at least L_ρ does not increase);
 * (3) subgradient bound — some g ∈ ∂L_ρ(θ^{k+1}) has ‖g‖ ≤ C2‖θ^{k+1} − θ^k‖. Assumption 2 (‖∇L_ρ‖ ≤ C everywhere)
 * can hold for no instance — (8) has quadratic penalties — so the theorem as stated is vacuous (coverage.ts);
 * the properties are checked under ρ_i > 2H alone.
 *
 * Claims     tks.thm1.descent (literal: refuted, erratum tks-E-thm1) · tks.thm1.descent.corrected ·
 *            tks.thm1.lower-bounded · tks.thm1.subgradient
 * Solver     Algorithm 1 (solver/iteration.ts admmIteration), runs of K ≥ 6 iterations with ρ_i = f_i·H, f_i ≥ 2.5
 * Oracle     (8) and dist(0, ∂L_ρ) recomputed from the iterates (theory/lagrangian.ts, theory/kkt.ts)
 * Instances  tks.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareEq, compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { Erratum, RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { lossLipschitz } from '../problem/loss.ts';
import { rhoOver2H, src } from './_internals/common.ts';
import { runs, type RunCase } from './_internals/families.ts';
import { maxOf, trajectory, type Trajectory } from './_internals/trajectory.ts';

const hOfRun = (c: RunCase): number => lossLipschitz(c.point.loss, c.point.dims.N * c.point.dims.B);
const onRuns = claimGroup<RunCase>({ family: runs, hypotheses: [rhoOver2H((c: RunCase) => c.point.hyper, hOfRun)], tags: ['solver', 'per-iteration'] });

const DIVERGED = (t: Trajectory): Verdict => ({ status: 'violated', detail: `the run diverged (${t.diverged})` });

const descent = onRuns({
  id: 'tks.thm1.descent',
  source: src('Theorem 1, Property 2 (sufficient descent)'),
  statement: 'If ρ_i > 2H, L_ρ(θ^k) − L_ρ(θ^{k+1}) ≥ C1‖θ^{k+1} − θ^k‖² for some C1 > 0 along Algorithm 1; in particular L_ρ never increases from one iteration to the next.',
  method:
    'Runs Algorithm 1 (tks.run, ρ_i > 2H checked first) and recomputes (8) with the oracle at every iterate, the multipliers included: '
    + 'L_ρ(θ^{k+1}, λ^{k+1}) ≤ L_ρ(θ^k, λ^k) at every k (compareLe against the size of (8)\'s terms at the start).',
  kind: 'inequality',
  expected: { status: 'refuted', erratum: 'tks-E-thm1' },
  tags: ['solver', 'per-iteration', 'literal'],
  runs: { ci: 20 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx.faults);
    if (t.diverged !== null) return DIVERGED(t);
    const prev = [t.L0, ...t.L];
    return worstVerdict(t.L.map((L, i) => compareLe(L, prev[i], ctx, { scale: t.scale, what: `L_ρ at k = ${i + 1} vs k = ${i} (dual rise ${t.dualRise[i].toExponential(2)})` })));
  },
});

const descentCorrected = onRuns({
  id: 'tks.thm1.descent.corrected',
  source: src('Theorem 1, Property 2, corrected'),
  statement:
    'If ρ_i > 2H, the primal sweep of Algorithm 1 never raises L_ρ, L_ρ(θ^{k+1}, λ^k) ≤ L_ρ(θ^k, λ^k), and the multiplier step (15) raises it by '
    + 'exactly Σ_i‖λ_i^{k+1} − λ_i^k‖²/ρ_i, so L_ρ(θ^{k+1}, λ^{k+1}) ≤ L_ρ(θ^k, λ^k) + Σ_i‖λ_i^{k+1} − λ_i^k‖²/ρ_i.',
  method:
    'Runs Algorithm 1 (tks.run) and at every iteration recomputes (8) before, after the primal sweep and after (15) with the oracle: the '
    + 'sweep must not raise it (compareLe) and the rise of (15) must equal Σ_i‖Δλ_i‖²/ρ_i (compareEq), both against the size of (8)\'s terms.',
  kind: 'inequality',
  corrects: 'tks.thm1.descent',
  runs: { ci: 20 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx.faults);
    if (t.diverged !== null) return DIVERGED(t);
    const prev = [t.L0, ...t.L];
    return worstVerdict(t.L.flatMap((L, i) => [
      compareLe(t.Lprimal[i], prev[i], ctx, { scale: t.scale, what: `primal sweep at k = ${i + 1}` }),
      compareEq(L - t.Lprimal[i], t.dualRise[i], ctx, { scale: t.scale, what: `rise of (15) at k = ${i + 1}` }),
    ]));
  },
});

/** "x settles": its late part is no larger than `factor` times its early part (or within rtol of 0). */
function levels(name: string, early: number, late: number, factor: number, rtol: number, scale: number, note: string): Verdict {
  const detail = `${name}: ${late.toExponential(3)} over the second half vs ${early.toExponential(3)} over the first; ${note}`;
  if (late <= factor * early || late <= rtol * Math.max(1, scale)) return { status: 'holds', ratio: early > 0 ? late / early : 0, note: detail };
  return { status: 'inconclusive', detail: `no visible bound — ${detail}` };
}

const lowerBounded = onRuns({
  id: 'tks.thm1.lower-bounded',
  source: src('Theorem 1, Property 1 (boundedness)'),
  statement: 'If ρ_i > 2H, L_ρ(θ^k) is bounded below along Algorithm 1.',
  method:
    'Runs Algorithm 1 (tks.run). Certified part, every k: L_ρ ≥ −Σ_i‖λ_i^k‖²/(2ρ_i) (completing the square; R, Ω ≥ 0), (8) by the oracle. '
    + 'Asymptotic part: that floor must not keep falling — its largest magnitude over the second half of the run at most 4 times that over the '
    + 'first half: holds when seen, inconclusive otherwise (a finite run refutes no bound).',
  kind: 'asymptotic',
  runs: { ci: 20 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx.faults);
    if (t.diverged !== null) return DIVERGED(t);
    const cert = worstVerdict(t.L.map((L, i) => compareLe(t.lambdaFloor[i], L, ctx, { scale: t.scale, what: `L_ρ ≥ −Σ‖λ‖²/2ρ at k = ${i + 1}` })));
    if (cert.status !== 'holds') return cert;
    const h = Math.floor(t.L.length / 2), mag = t.lambdaFloor.map((x) => -x);
    return levels('Σ‖λ_i‖²/2ρ_i', maxOf(mag.slice(0, h)), maxOf(mag.slice(h)), 4, ctx.rtol, t.scale, `min L_ρ = ${Math.min(...t.L).toPrecision(4)}`);
  },
});

const subgradient = onRuns({
  id: 'tks.thm1.subgradient',
  source: src('Theorem 1, Property 3 (subgradient bound)'),
  statement: 'If ρ_i > 2H, there are C2 > 0 and g^{k+1} ∈ ∂L_ρ(θ^{k+1}) with ‖g^{k+1}‖ ≤ C2‖θ^{k+1} − θ^k‖ along Algorithm 1.',
  method:
    'Runs Algorithm 1 (tks.run); L_ρ is smooth, so ∂L_ρ = {∇L_ρ} and ‖g‖ = dist(0, ∂L_ρ) (theory/kkt.ts, over θ and λ), divided by the step '
    + '‖(θ, λ)^{k+1} − (θ, λ)^k‖. With C2 unknown, the ratio must stay bounded: its maximum over the second half of the run at most 10 times '
    + 'that over the first half holds, more is inconclusive.',
  kind: 'asymptotic',
  runs: { ci: 20 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx.faults);
    if (t.diverged !== null) return DIVERGED(t);
    const ratio = t.stepAll2.map((s2, i) => (s2 > 0 ? t.dist[i + 1] / Math.sqrt(s2) : 0));
    const h = Math.floor(ratio.length / 2);
    return levels('‖∇L_ρ(θ^{k+1})‖/‖Δ(θ, λ)‖', maxOf(ratio.slice(0, h)), maxOf(ratio.slice(h)), 10, ctx.rtol, 1, `last dist ${t.dist[t.dist.length - 1].toExponential(2)}`);
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'tks-E-thm1',
    claim: 'tks.thm1.descent',
    says: 'Theorem 1: "If ρ_i > 2H (i = 1, 2, 3) and Assumption 1-3 hold, then Property 1-3 … hold" — Property 2 of [34]: L_ρ(θ^k) − L_ρ(θ^{k+1}) ≥ C1‖θ^{k+1} − θ^k‖²',
    fixture: 'fixtures/counterexamples/tks/tks.thm1.descent.json',
    corrected:
      'The primal sweep never raises L_ρ, but the multiplier step raises it by Σ_i‖λ_i^{k+1} − λ_i^k‖²/ρ_i, which ρ_i > 2H does not bound by the sweep\'s '
      + 'decrease here: λ1, λ2 belong to constraints whose blocks (a, s) are not updated last, so the usual ADMM argument (λ = −∇ of the last block) '
      + 'does not apply. What holds is L_ρ(θ^{k+1}, λ^{k+1}) ≤ L_ρ(θ^k, λ^k) + Σ_i‖Δλ_i‖²/ρ_i.',
    correctedClaims: ['tks.thm1.descent.corrected'],
    solverImpact: 'None: the solver implements Algorithm 1; the trace shows L_ρ rising at some iterations, as this erratum says it may.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [descent, descentCorrected, lowerBounded, subgradient];
