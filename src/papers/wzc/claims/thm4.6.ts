/**
 * WZC Theorem 4.6 (paper line 437): with the exact stop (4.9), the BCD output is d-stationary for (3.5).
 *
 * Claims     wzc.thm4.6.d-stationary
 * Solver     runBcd (solver/bcd.ts) with ε = 0 through runBcdCase (_internals/runs.ts)
 * Oracle     isDStationary (theory/directional.ts: exact inf over ‖d‖ ≤ 1 of L'(s; d))
 * Instances  wzc.bcd-exact (_internals/families.ts)
 */
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import type { Iterate } from '../problem/types.ts';
import { isDStationary } from '../theory/directional.ts';
import { atExactStop, onExactRuns } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';
import { hGradient, zGradient } from './_internals/runs.ts';

const dStationary = onExactRuns({
  id: 'wzc.thm4.6.d-stationary',
  source: src('Theorem 4.6', ['(4.9)', '(3.5)'], 437),
  statement:
    'With (3.17) replaced by (4.9): if (4.9) holds at j̄, s^(j̄) is a d-stationary point of (3.5), L\'(s^(j̄); d) '
    + '≥ 0 for all d.',
  method:
    'Runs one BCD of the real solver with ε = 0 and a cap of 5000; at the iteration where s^(j) = s^(j−1) '
    + 'bitwise, the exact oracle (theory/directional.ts) gives inf_{‖d‖≤1} L\'(s; d) = −‖β⁺‖ in closed form, and the '
    + 'worst per-coordinate descent rate max_j β_j⁺ must be ≤ 0 within rtol relative to the largest gradient term '
    + '(the z- and h-blocks come from linear solves). The accumulation-point half of the theorem (no finite j̄) is '
    + 'not checked.',
  kind: 'qualitative',
  tags: ['solver', 'oracle'],
  check: (c, ctx) =>
    atExactStop(c, ctx, (e, checks) => {
      const s = e.s as Iterate;
      const st = isDStationary(c.prob, s, e.mult, e.gamma, 0);
      // the z- and h-blocks come from linear solves: their rounding scale is the size of the gradient's terms
      const scale = Math.max(st.scale, zGradient(c.prob, s, e.mult, e.gamma).scale, hGradient(c.prob, s, e.mult, e.gamma).scale);
      checks.add(compareLe(st.violation, 0, ctx, { scale, what: `max descent rate β⁺ at j̄=${e.j}` }));
    }),
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [dStationary];
