/**
 * WZC (4.4), proof of Theorem 4.3 (paper line 348): the z-step decreases L by at least (α1/2)‖Δz‖².
 *
 * Claims     wzc.eq4.4.z-decrease
 * Solver     runBcd (solver/bcd.ts) through runBcdCase (_internals/runs.ts), observed per BCD iteration
 * Oracle     alpha1 (theory/hessian.ts, local λ_min of ∇²_z L); L by the problem layer (_internals/bcdSteps.ts)
 * Instances  wzc.bcd (_internals/families.ts)
 */
import type { RegisteredClaim } from '../../../engine/types.ts';
import { at, blockDecrease, localAlphas } from './_internals/bcdSteps.ts';
import { src, weightsSqDiff } from './_internals/common.ts';

const zDecrease = blockDecrease({
  id: 'wzc.eq4.4.z-decrease',
  source: src('Theorem 4.3 proof (4.4)', ['(4.4)', '(3.14)'], 348),
  statement:
    'L(s^(j−1)) − L(s_z^(j)) ≥ (α1/2)‖z^(j−1) − z^(j)‖² for every BCD iteration, α1 = λ_min(∇²_z L).',
  method:
    'Runs one BCD of the real solver and at every iteration compares L(s^(j−1)) − L(s_z^(j)), both recomputed by '
    + 'the problem layer, with (α1/2)‖Δz‖² where α1 is the local λ_min of ∇²_z L at h^(j−1) (theory/hessian.ts; the '
    + 'Hessian in z depends on h only). The local α1 is ≥ the paper\'s infimum over Ω_L(Γ), so this is the stronger '
    + 'inequality; tolerance relative to |L(s^(j−1))|, first violated iteration ends the run, unresolvable '
    + 'iterations (condition > 1e-3/ε) are inconclusive.',
  runs: { ci: 120 },
}, (c, v) => {
  const { a1 } = localAlphas(c, v);
  return { before: v.Lprev, after: v.Lz, bound: (a1 / 2) * weightsSqDiff(v.prev.z, v.sz.z), what: `(4.4) at ${at(v.k, v.j)} (α1=${a1.toPrecision(4)})` };
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [zDecrease];
