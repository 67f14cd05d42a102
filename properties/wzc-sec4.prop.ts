/**
 * The WZC claims of §4 and Algorithms 3.1/3.2 (src/papers/wzc/claims/bcd.ts, bcdTheory.ts, alm.ts) at scale 'ci'
 * through the claims engine: each verdict must match the expectation (refuted literal claims must be violated,
 * everything else must hold), and the refuted ones' counterexample fixtures must still fail.
 */
import { describe } from 'vitest';
import * as alm from '../src/papers/wzc/claims/alm.ts';
import * as bcd from '../src/papers/wzc/claims/bcd.ts';
import { expectErrataFixtures, expectLedgerClaims } from './helpers.ts';

const mine = [...bcd.claims, ...alm.claims];
const errata = [...bcd.errata, ...alm.errata];

describe('WZC §4 / Algorithms 3.1–3.2 claims (ci)', () => {
  expectLedgerClaims(mine.map((c) => c.id));
});

describe('WZC §4 errata fixtures', () => {
  expectErrataFixtures('every refuted claim has an erratum whose fixture replays as violated', mine, errata);
});
