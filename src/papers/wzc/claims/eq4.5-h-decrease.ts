/**
 * WZC (4.5), proof of Theorem 4.3 (paper line 349): the h-step decreases L by at least (α2/2)‖Δh‖².
 *
 * Claims     wzc.eq4.5.h-decrease
 * Solver     runBcd (solver/bcd.ts) through runBcdCase (_internals/runs.ts), observed per BCD iteration
 * Oracle     alpha2 (theory/hessian.ts, local λ_min of ∇²_h L); L by the problem layer (_internals/bcdSteps.ts)
 * Instances  wzc.bcd (_internals/families.ts)
 */
import type { RegisteredClaim } from '../../../engine/types.ts';
import { sqdist } from '../../../linalg/index.ts';
import { at, blockDecrease, localAlphas } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';

const hDecrease = blockDecrease({
  id: 'wzc.eq4.5.h-decrease',
  source: src('Theorem 4.3 proof (4.5)', ['(4.5)', '(3.15)'], 349),
  statement:
    'L(s_z^(j)) − L(s_h^(j)) ≥ (α2/2)‖h^(j−1) − h^(j)‖² for every BCD iteration, α2 = λ_min(∇²_h L).',
  method:
    'As (4.4) for the h-block: L(s_z^(j)) − L(s_h^(j)) from the problem layer against (α2/2)‖Δh‖² with α2 the '
    + 'local λ_min of ∇²_h L at z^(j) (the Hessian in h depends on A, W and γ only), ≥ the paper\'s infimum, hence '
    + 'stronger; tolerance relative to |L(s_z^(j))|.',
  runs: { ci: 120 },
}, (c, v) => {
  const { a2 } = localAlphas(c, v);
  return { before: v.Lz, after: v.Lh, bound: (a2 / 2) * sqdist(v.sz.h, v.sh.h), what: `(4.5) at ${at(v.k, v.j)} (α2=${a2.toPrecision(4)})` };
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [hDecrease];
