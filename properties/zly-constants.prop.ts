/**
 * The ZLY claims that never run the solver (Proposition 1, Lemma 9, the constants of (90)–(96)) at scale 'ci'
 * through the claims engine: each verdict must match its expectation, and the refuted ones' counterexample
 * fixtures must still fail.
 */
import { describe } from 'vitest';
import { zlyClaims, zlyErrata } from '../test/helpers/zlyClaimSets.ts';
import { expectErrataFixtures, expectLedgerClaims } from './helpers.ts';

const mine = zlyClaims('constants');

describe('ZLY solver-independent claims (ci)', () => {
  expectLedgerClaims(mine.map((c) => c.id));
});

describe('ZLY constants errata fixtures', () => {
  expectErrataFixtures('every refuted claim has an erratum whose fixture replays as violated', mine, zlyErrata('constants'), { replay: 'all' });
});
