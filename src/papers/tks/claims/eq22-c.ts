/**
 * TKS (22) (Appendix E): c ← argmin φ(…, c, …), the exact minimizer of the c-block of (8) (a quadratic). The
 * printed statement holds: the solver's c is that minimizer.
 *
 * Claims     tks.eq22.c
 * Solver     solver/blocks.ts cStep
 * Oracle     the c-block of (8) (theory/models.ts: model = (8)) and its normal equations by the oracle's own sums
 *            (theory/printed.ts exactC)
 * Instances  tks.point (_internals/families.ts)
 */
import { compareEqArrays } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { exactC } from '../theory/printed.ts';
import { correctedBlockClaim } from './_internals/blocks.ts';
import { fro, src } from './_internals/common.ts';

const c = correctedBlockClaim({ X: 'c', item: 'eq22', source: src('Appendix E (22)', ['(22)']) },
  'The c-update (22), c ← argmin φ(u, w, b, a, s, v, c, o) = argmin of the c-block of (8), is (Σ_t κ_t(o_t − v s_t) + Σλ3)/(BΣ_t κ_t) and does not raise L_ρ.',
  undefined,
  (pt, next, ctx) => {
    const e = exactC(pt);
    return compareEqArrays(next.p.c, e, ctx, { scale: fro(e) + fro(pt.p.c), what: 'c = the normal-equation solution of (22)' });
  });

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [c];
