/**
 * WZC Lemma 2.4 (paper line 191; proof line 760): the level set D_R(ρ) of (2.8) is nonempty for ρ > R(0).
 *
 * Claims     wzc.lemma2.4.zero-feasible   (its bounds (A.4) are in eqA.4-level-set-bounds.ts)
 * Solver     none (solver-independent)
 * Oracle     FeasVio (theory/kkt.ts); R (problem/lagrangian.ts)
 * Instances  wzc.point (_internals/families.ts)
 */
import { HOLDS } from '../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareEq, worstVerdict } from '../../../engine/tolerance.ts';
import { defineClaim, type RegisteredClaim } from '../../../engine/types.ts';
import { sqnorm } from '../../../linalg/index.ts';
import { alParts } from '../problem/lagrangian.ts';
import { type Iterate, zeroWeights } from '../problem/types.ts';
import { feasibilityViolation } from '../theory/kkt.ts';
import { lambdaPositive, src } from './_internals/common.ts';
import { pointFamily, type WzcPoint } from './_internals/families.ts';

const TAGS = [SOLVER_INDEPENDENT_TAG];

function zeroIterate(p: WzcPoint): Iterate {
  const N = p.s.u.length;
  return { z: zeroWeights(p.prob.data.dims), h: new Float64Array(N), u: new Float64Array(N) };
}

const zeroFeasible = defineClaim<WzcPoint>({
  id: 'wzc.lemma2.4.zero-feasible',
  source: src('Lemma 2.4 and its proof (A.2)', ['(2.8)'], 760),
  statement:
    'It is clear that 0 ∈ D_R(ρ) for ρ > R(0), so D_R(ρ) is nonempty: s = 0 is feasible (σ(0) = 0) and '
    + 'R(0) = (1/T)Σ_t‖y_t‖².',
  method:
    'For a drawn problem (dimensions, X, Y, λ, activation on integer grids), builds s = 0 and checks two '
    + 'identities with the problem layer: FeasVio(0) = 0 (σ(0) = 0 for every activation) and R(0) = (1/T)Σ_t‖y_t‖² '
    + 'computed from Y directly, each within rtol 1e-9 relative to max(1, |values|).',
  kind: 'identity',
  expected: HOLDS,
  family: pointFamily('wzc.point'),
  hypotheses: [lambdaPositive<WzcPoint>()],
  check: (p, ctx) => {
    const s0 = zeroIterate(p);
    const { T } = p.prob.data.dims;
    const R0 = sqnorm(p.prob.data.Y) / T;
    return worstVerdict([
      compareEq(feasibilityViolation(p.prob, s0).max, 0, ctx, { what: 'FeasVio(0) = 0' }),
      compareEq(alParts(p.prob, s0, null, 1).R, R0, ctx, { what: 'R(0) = (1/T)Σ‖y_t‖²' }),
    ]);
  },
  runs: { ci: 50 },
  tags: TAGS,
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [zeroFeasible];
