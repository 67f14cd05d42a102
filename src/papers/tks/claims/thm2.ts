/**
 * TKS Theorem 2: if ρ_i > 2H, from any (θ⁰, λ⁰) the iterates have a limit point and every limit point is critical,
 * 0 ∈ ∂L_ρ(θ*). A statement about limits: a finite run shows it (holds), fails to (inconclusive), or refutes it only
 * by diverging.
 *
 * Claims     tks.thm2.bounded · tks.thm2.kkt
 * Solver     Algorithm 1 (solver/iteration.ts), runs of max(K, 12) iterations with ρ_i = f_i·H, f_i ≥ 2.5
 * Oracle     dist(0, ∂L_ρ) = ‖∇L_ρ‖ over θ and λ (theory/kkt.ts), from the iterates
 * Instances  tks.run (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { lossLipschitz } from '../problem/loss.ts';
import { rhoOver2H, src } from './_internals/common.ts';
import { runs, type RunCase } from './_internals/families.ts';
import { boundedVerdict, kktVerdict, trajectory } from './_internals/trajectory.ts';

const hOfRun = (c: RunCase): number => lossLipschitz(c.point.loss, c.point.dims.N * c.point.dims.B);

const onRuns = claimGroup<RunCase>({ family: runs, hypotheses: [rhoOver2H((c: RunCase) => c.point.hyper, hOfRun)], tags: ['solver', 'asymptotic'] });

const bounded = onRuns({
  id: 'tks.thm2.bounded',
  source: src('Theorem 2 (a limit point exists)'),
  statement: 'If ρ_i > 2H, from any (θ⁰, λ⁰) the sequence (θ^k, λ^k) of Algorithm 1 has a limit point (in particular it does not escape to infinity).',
  method:
    'Runs Algorithm 1 (tks.run) for max(K, 12) iterations and measures ‖(θ^k, λ^k)‖ at every iterate: a non-finite iterate is violated; '
    + 'holds when the largest norm over the second half of the run is at most twice the largest over the first half (start included), '
    + 'inconclusive otherwise (a finite run cannot refute boundedness).',
  kind: 'asymptotic',
  runs: { ci: 10 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx.faults, 12);
    if (t.diverged !== null) return { status: 'violated', detail: `the run diverged (${t.diverged})` };
    return boundedVerdict(t.norm);
  },
});

const kkt = onRuns({
  id: 'tks.thm2.kkt',
  source: src('Theorem 2'),
  statement: 'If ρ_i > 2H, from any (θ⁰, λ⁰) Algorithm 1 has a limit point, and every limit point is a critical point of Problem 2: 0 ∈ ∂L_ρ(θ*), i.e. dist(0, ∂L_ρ(θ^k)) → 0.',
  method:
    'Runs Algorithm 1 (tks.run) for max(K, 12) iterations and recomputes dist(0, ∂L_ρ) = ‖∇L_ρ‖ (θ and λ; L_ρ is smooth) at every iterate '
    + '(theory/kkt.ts). A non-finite iterate is violated; holds when the last value is at most half the maximum over the run (or within rtol '
    + 'of 0 against the size of (8)\'s terms), inconclusive otherwise.',
  kind: 'asymptotic',
  runs: { ci: 15 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx.faults, 12);
    if (t.diverged !== null) return { status: 'violated', detail: `the run diverged (${t.diverged})` };
    return kktVerdict(t.dist, t.scale, ctx.rtol);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [bounded, kkt];
