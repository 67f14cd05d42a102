/**
 * The WZC claims of §4 and Algorithms 3.1/3.2 (every WZC claim outside test/helpers/wzcClaimSets.ts's pointwise half) at scale 'ci'
 * through the claims engine: each verdict must match the expectation (refuted literal claims must be violated,
 * everything else must hold), and the refuted ones' counterexample fixtures must still fail.
 */
import { describe } from 'vitest';
import { wzcClaims, wzcErrata } from '../test/helpers/wzcClaimSets.ts';
import { expectErrataFixtures, expectLedgerClaims } from './helpers.ts';

const mine = wzcClaims('runs');
const errata = wzcErrata('runs');

describe('WZC §4 / Algorithms 3.1–3.2 claims (ci)', () => {
  expectLedgerClaims(mine.map((c) => c.id));
});

describe('WZC §4 errata fixtures', () => {
  expectErrataFixtures('every refuted claim has an erratum whose fixture replays as violated', mine, errata);
});
