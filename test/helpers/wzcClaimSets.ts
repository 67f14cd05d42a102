/**
 * The two halves of the WZC ledger the test suites split between them: the pointwise claims of §2–3 and the §4.3
 * closed forms (one instance, no solver run: properties/wzc-sec2-3.prop.ts, the block-step mutants of
 * test/papers/wzc/claims/mutants-sec23.test.ts), and the rest, which run Algorithms 3.1–3.2
 * (properties/wzc-sec4.prop.ts).
 */
import { wzcLedger } from '../../src/papers/wzc/claims/ledger.ts';
import type { Erratum, RegisteredClaim } from '../../src/engine/types.ts';

/** Ids of the §2–3 and §4.3 pointwise claims (the coverage table's §2–3 and §4.3 items, plus the corrections). */
export const WZC_POINTWISE_IDS: readonly string[] = [
  'wzc.eq1.1-2.2.equivalence', 'wzc.lemma2.1.nnamcq', 'wzc.lemma2.4.zero-feasible', 'wzc.eqA.4.level-set-bounds',
  'wzc.lemma3.1.i.lower-bound', 'wzc.lemma3.1.ii.level-set-bounded', 'wzc.lemma3.1.iii.grad-z', 'wzc.lemma3.1.iv.grad-h',
  'wzc.lemma3.2.eq3.2.L1', 'wzc.lemma3.2.eq3.2.L1.corrected', 'wzc.lemma3.2.eq3.3.L2',
  'wzc.eq3.14.z-step', 'wzc.eq3.18.h-step', 'wzc.eq3.21-3.22.u-step-relu', 'wzc.remark3.4.tie-rule',
  'wzc.eq4.35.leaky-uminus', 'wzc.eq4.35.leaky-uminus.corrected', 'wzc.eq4.34.leaky-global',
  'wzc.eq4.37-4.38.elu-global', 'wzc.eq4.39.elu-second-derivative',
];

const POINTWISE = new Set(WZC_POINTWISE_IDS);

/** The WZC claims of one half, in ledger order. */
export function wzcClaims(half: 'pointwise' | 'runs'): RegisteredClaim[] {
  return wzcLedger().claims.filter((c) => POINTWISE.has(c.id) === (half === 'pointwise'));
}

/** The WZC errata whose literal claim is in that half. */
export function wzcErrata(half: 'pointwise' | 'runs'): Erratum[] {
  return wzcLedger().errata.filter((e) => POINTWISE.has(e.claim) === (half === 'pointwise'));
}
