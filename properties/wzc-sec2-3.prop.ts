/**
 * The WZC claims of §2–3 and the §4.3 closed forms (src/papers/wzc/claims/: eq1.1 … remark3.4, eq4.34 … eq4.39) at
 * scale 'ci' through the claims engine: each verdict must match the expectation (the refuted literal claims
 * (3.4) and (4.35) must be violated, everything else must hold), and the errata fixtures must still fail.
 */
import { describe, expect, it } from 'vitest';
import { WZC_POINTWISE_IDS, wzcClaims, wzcErrata } from '../test/helpers/wzcClaimSets.ts';
import { expectErrataFixtures, expectLedgerClaims } from './helpers.ts';

/**
 * The ids of these items (the §2–3 and §4.3 items of the coverage table in src/papers/wzc/claims/coverage.ts),
 * plus the corrections.
 */
const PLAN = WZC_POINTWISE_IDS;

const mine = wzcClaims('pointwise');
const errata = wzcErrata('pointwise');

describe('WZC §2–3 claims (ci)', () => {
  it('the ledger implements every planned id', () => {
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
