/**
 * WZC (4.6), proof of Theorem 4.3 (paper line 353): the proximal u-step decreases L by at least (μ/2)‖Δu‖².
 *
 * Claims     wzc.eq4.6.u-decrease
 * Solver     runBcd (solver/bcd.ts) through runBcdCase (_internals/runs.ts), observed per BCD iteration
 * Oracle     L by the problem layer (_internals/bcdSteps.ts)
 * Instances  wzc.bcd (_internals/families.ts)
 */
import type { RegisteredClaim } from '../../../engine/types.ts';
import { sqdist } from '../../../linalg/index.ts';
import { at, blockDecrease } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';

const uDecrease = blockDecrease({
  id: 'wzc.eq4.6.u-decrease',
  source: src('Theorem 4.3 proof (4.6)', ['(4.6)', '(3.16)'], 353),
  statement: 'L(s_h^(j)) − L(s^(j)) ≥ (μ/2)‖u^(j) − u^(j−1)‖² for every BCD iteration (u^(j) minimizes L + μ/2‖u − u^(j−1)‖²).',
  method:
    'Runs one BCD of the real solver and at every iteration compares L(s_h^(j)) − L(s^(j)), both recomputed by '
    + 'the problem layer, with (μ/2)‖u^(j) − u^(j−1)‖², tolerance relative to |L(s_h^(j))|; first violated '
    + 'iteration ends the run.',
  runs: { ci: 300 },
}, (c, v) => ({ before: v.Lh, after: v.L, bound: (c.mu / 2) * sqdist(v.s.u, v.prev.u), what: `(4.6) at ${at(v.k, v.j)}` }));

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [uDecrease];
