/**
 * TKS (20) (Appendix C): b ← argmin φ(…, b, …), the exact minimizer of the b-block of (8) (a quadratic: no
 * linearization is printed, and none is needed). The printed statement holds: the solver's b is that minimizer.
 *
 * Claims     tks.eq20.b
 * Solver     solver/blocks.ts bStep
 * Oracle     the b-block of (8) (theory/models.ts: model = (8)) and its normal equations by the oracle's own sums
 *            (theory/printed.ts exactB)
 * Instances  tks.point (_internals/families.ts)
 */
import { compareEqArrays } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { exactB } from '../theory/printed.ts';
import { correctedBlockClaim } from './_internals/blocks.ts';
import { fro, src } from './_internals/common.ts';

const b = correctedBlockClaim({ X: 'b', item: 'eq20', source: src('Appendix C (20)', ['(20)']) },
  'The b-update (20), b ← argmin φ(u, w, b, a, s, v, c, o) = argmin of the b-block of (8), is (Σ_t κ_t(a_t − u x_t − w s_{t−1}) + Σλ1)/(BΣ_t κ_t) and does not raise L_ρ.',
  undefined,
  (pt, next, ctx) => {
    const e = exactB(pt);
    return compareEqArrays(next.p.b, e, ctx, { scale: fro(e) + fro(pt.p.b), what: 'b = the normal-equation solution of (20)' });
  });

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [b];
