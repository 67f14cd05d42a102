/**
 * The WZC claims of §2–3 and the §4.3 closed forms (src/papers/wzc/claims/problem.ts, lagrangian.ts, closedForms.ts) at
 * scale 'ci' through the claims engine: each verdict must match the expectation (the refuted literal claims
 * (3.4) and (4.35) must be violated, everything else must hold), and the errata fixtures must still fail.
 */
import { describe, expect, it } from 'vitest';
import * as closedForms from '../src/papers/wzc/claims/closedForms.ts';
import * as lagrangian from '../src/papers/wzc/claims/lagrangian.ts';
import * as problem from '../src/papers/wzc/claims/problem.ts';
import { expectErrataFixtures, expectLedgerClaims } from './helpers.ts';

/**
 * The ids these three modules must implement (the §2–3 and §4.3 items of the coverage table in
 * src/papers/wzc/claims/coverage.ts), plus the corrections.
 */
const PLAN = [
  'wzc.eq1.1-2.2.equivalence', 'wzc.lemma2.1.nnamcq', 'wzc.lemma2.4.zero-feasible', 'wzc.eqA.4.level-set-bounds',
  'wzc.lemma3.1.i.lower-bound', 'wzc.lemma3.1.ii.level-set-bounded', 'wzc.lemma3.1.iii.grad-z', 'wzc.lemma3.1.iv.grad-h',
  'wzc.lemma3.2.eq3.2.L1', 'wzc.lemma3.2.eq3.2.L1.corrected', 'wzc.lemma3.2.eq3.3.L2',
  'wzc.eq3.14.z-step', 'wzc.eq3.18.h-step', 'wzc.eq3.21-3.22.u-step-relu', 'wzc.remark3.4.tie-rule',
  'wzc.eq4.35.leaky-uminus', 'wzc.eq4.35.leaky-uminus.corrected', 'wzc.eq4.34.leaky-global',
  'wzc.eq4.37-4.38.elu-global', 'wzc.eq4.39.elu-second-derivative',
];

const mine = [...problem.claims, ...lagrangian.claims, ...closedForms.claims];
const errata = [...problem.errata, ...lagrangian.errata, ...closedForms.errata];

describe('WZC §2–3 claims (ci)', () => {
  it('the modules implement exactly the planned ids', () => {
    expect(mine.map((c) => c.id).sort()).toEqual([...PLAN].sort());
  });
  expectLedgerClaims(PLAN);
});

describe('WZC §2–3 errata fixtures', () => {
  expectErrataFixtures('every refuted claim has an erratum, and every fixture of these claims replays as expected', mine, errata, {
    replay: 'all',
    minFixtures: 3,
  });
});
