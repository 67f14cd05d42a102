/**
 * The two halves of the ZLY ledger the property suites split between them: the claims that never run the solver
 * (tagged solver-independent: the activation constants, Lemma 9, the constants of (90)–(96); properties/zly-constants.prop.ts)
 * and the claims over runs of Algorithm 1 (properties/zly-runs.prop.ts).
 */
import { SOLVER_INDEPENDENT_TAG } from '../../src/engine/mutantMatrix.ts';
import type { Erratum, RegisteredClaim } from '../../src/engine/types.ts';
import { zlyLedger } from '../../src/papers/zly/claims/ledger.ts';

const isConstant = (c: RegisteredClaim): boolean => c.tags.includes(SOLVER_INDEPENDENT_TAG);

/** The ZLY claims of one half, in ledger order. */
export function zlyClaims(half: 'constants' | 'runs'): RegisteredClaim[] {
  return zlyLedger().claims.filter((c) => isConstant(c) === (half === 'constants'));
}

/** The ZLY errata whose literal claim is in that half. */
export function zlyErrata(half: 'constants' | 'runs'): Erratum[] {
  const ids = new Set(zlyClaims(half).map((c) => c.id));
  return zlyLedger().errata.filter((e) => ids.has(e.claim));
}
