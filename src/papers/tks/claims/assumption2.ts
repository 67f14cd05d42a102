/**
 * TKS Assumption 2: "The gradient of the objective function L_ρ is bounded, i.e. there exists a constant C such that
 * ‖∇L_ρ‖ ≤ C" — a hypothesis of Theorem 1. On the whole space no instance meets it: (8) has quadratic penalties, so
 * ∂L_ρ/∂o_t = ∇R + κ(o_t − v s_t − c) grows linearly along o + t·e. What the analysis can use is the bound along the
 * iterates of Algorithm 1, checked as the corrected claim.
 *
 * Claims     tks.assumption2.bounded-gradient (as printed: refuted, erratum tks-E-assumption2; unsatisfiable) ·
 *            tks.assumption2.bounded-gradient.corrected
 * Solver     Algorithm 1 (solver/iteration.ts) for the corrected claim
 * Oracle     ∇L_ρ by its own formulas (theory/lagrangian.ts, theory/kkt.ts)
 * Instances  tks.point; tks.run (_internals/families.ts)
 */
import { oracle } from '../../../engine/attribution.ts';
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { lossLipschitz } from '../problem/loss.ts';
import { kktResidual } from '../theory/kkt.ts';
import { rhoOver2H, src } from './_internals/common.ts';
import { points, runs, type RunCase } from './_internals/families.ts';
import { buildPoint, type PointSpec } from './_internals/points.ts';
import { maxOf, trajectory } from './_internals/trajectory.ts';

const WHY = 'no instance meets it on the whole space: (8) has quadratic penalties, so ‖∇L_ρ‖ grows linearly along o + t·e';

const literal = claimGroup<PointSpec>({ family: points, hypotheses: [], tags: ['assumption', 'literal'] })({
  id: 'tks.assumption2.bounded-gradient',
  source: src('Assumption 2'),
  statement: 'There exists a constant C such that ‖∇L_ρ‖ ≤ C.',
  method:
    'Draws a point of (8) (tks.point) and moves the first output o_1 by t·e_1 for t = 1e4 and 1e6; ‖∇L_ρ‖ (every block and multiplier, '
    + 'theory/kkt.ts) growing by a factor ≥ 50 over that range is linear growth — no C bounds it — and is violated.',
  kind: 'bound',
  expected: { status: 'refuted', erratum: 'tks-E-assumption2' },
  finding: { kind: 'unsatisfiable', why: WHY },
  runs: { ci: 10 },
  check: (s) => {
    const pt = buildPoint(s);
    const at = (t: number): number => {
      const o = pt.aux.o.slice();
      o[0] += t;
      return oracle(() => kktResidual({ ...pt, aux: { ...pt.aux, o } }).dist, 'kktResidual');
    };
    const g4 = at(1e4), g6 = at(1e6);
    const detail = `‖∇L_ρ‖ = ${g4.toExponential(3)} at o_1 + 1e4·e_1, ${g6.toExponential(3)} at o_1 + 1e6·e_1`;
    return g6 >= 50 * g4 ? { status: 'violated', detail: `grows linearly, no C bounds it: ${detail}` } : { status: 'holds', note: detail };
  },
});

const hOfRun = (c: RunCase): number => lossLipschitz(c.point.loss, c.point.dims.N * c.point.dims.B);

const corrected = claimGroup<RunCase>({ family: runs, hypotheses: [rhoOver2H((c: RunCase) => c.point.hyper, hOfRun)], tags: ['solver', 'asymptotic'] })({
  id: 'tks.assumption2.bounded-gradient.corrected',
  source: src('Assumption 2, along the iterates'),
  statement: 'Along the iterates of Algorithm 1 (ρ_i > 2H), ‖∇L_ρ(θ^k, λ^k)‖ stays bounded by a constant C.',
  method:
    'Runs Algorithm 1 (tks.run) for max(K, 12) iterations and recomputes ‖∇L_ρ‖ over every block and multiplier (theory/kkt.ts) at '
    + 'every iterate: holds when its maximum over the second half of the run is at most its maximum over the first half (start '
    + 'included), inconclusive otherwise; a diverging run is violated.',
  kind: 'asymptotic',
  corrects: 'tks.assumption2.bounded-gradient',
  runs: { ci: 10 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx.faults, 12);
    if (t.diverged !== null) return { status: 'violated', detail: `the run diverged (${t.diverged})` };
    const h = Math.ceil(t.dist.length / 2), early = maxOf(t.dist.slice(0, h)), late = maxOf(t.dist.slice(h));
    const note = `max ‖∇L_ρ‖: ${early.toExponential(3)} over the first half, ${late.toExponential(3)} over the second`;
    return late <= early ? { status: 'holds', ratio: late / early, note } : { status: 'inconclusive', detail: `still growing — ${note}` };
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'tks-E-assumption2',
    claim: 'tks.assumption2.bounded-gradient',
    says: 'Assumption 2: "The gradient of the objective function L_ρ is bounded, i.e., there exists a constant C such that ‖∇L_ρ‖ ≤ C"',
    fixture: 'fixtures/counterexamples/tks/tks.assumption2.bounded-gradient.json',
    corrected:
      'Unsatisfiable on the whole space for every instance (the penalties of (8) are quadratic); Theorem 1, which assumes it, is vacuous as '
      + 'stated. The usable form bounds ‖∇L_ρ‖ along the iterates of Algorithm 1.',
    correctedClaims: ['tks.assumption2.bounded-gradient.corrected'],
    solverImpact: 'None: a hypothesis of the analysis, not an update.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
