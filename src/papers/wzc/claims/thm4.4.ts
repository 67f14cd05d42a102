/**
 * WZC Theorem 4.4, (4.10) (paper line 394): with the exact stop (4.9), the three intermediate points coincide.
 *
 * Claims     wzc.thm4.4.eq4.10
 * Solver     runBcd (solver/bcd.ts) with ε = 0 through runBcdCase (_internals/runs.ts)
 * Oracle     L by the solver's event values compared at the stop; iterates compared entrywise
 * Instances  wzc.bcd-exact (_internals/families.ts)
 */
import { compareEq, compareEqArrays } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { atExactStop, onExactRuns } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';
import { flatIterate } from './_internals/runs.ts';

const eq410 = onExactRuns({
  id: 'wzc.thm4.4.eq4.10',
  source: src('Theorem 4.4', ['(4.9)', '(4.10)'], 394),
  statement:
    'With (3.17) replaced by (4.9): if s^(j̄) = s^(j̄−1), then s_z^(j̄) = s_h^(j̄) = s^(j̄) and L(s_z^(j̄)) = L(s_h^(j̄)) = L(s^(j̄)) (4.10).',
  method:
    'Runs one BCD of the real solver with ε = 0 (the exact stop (4.9)) and an inner cap of 5000 (about 40% of the '
    + 'ci cases reach s^(j) = s^(j−1) bitwise within it; the rest are hypotheses-unmet). At the stopping iteration '
    + 'j̄, the observed s_z, s_h must equal s entrywise and the solver\'s L(s_z), L(s_h) must equal L(s), all within '
    + 'rtol 1e-9.',
  kind: 'identity',
  tags: ['solver'],
  check: (c, ctx) =>
    atExactStop(c, ctx, (e, checks) => {
      const s = flatIterate(e.s);
      checks.add(compareEqArrays(flatIterate(e.sz), s, ctx, { what: `s_z = s at j̄=${e.j}` }));
      checks.add(compareEqArrays(flatIterate(e.sh), s, ctx, { what: `s_h = s at j̄=${e.j}` }));
      checks.add(compareEq(e.Lz, e.L, ctx, { what: `L(s_z) = L(s) at j̄=${e.j}` }));
      checks.add(compareEq(e.Lh, e.L, ctx, { what: `L(s_h) = L(s) at j̄=${e.j}` }));
    }),
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eq410];
