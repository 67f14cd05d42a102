/**
 * The ZLY claims over runs of Algorithm 1 (Lemmas 1–6, 10, 11, Theorem 3, the closed forms (53)–(60)) at scale
 * 'ci' through the claims engine: each verdict must match its expectation, and the refuted ones' counterexample
 * fixtures must still fail.
 */
import { describe } from 'vitest';
import { zlyClaims, zlyErrata } from '../test/helpers/zlyClaimSets.ts';
import { expectErrataFixtures, expectLedgerClaims } from './helpers.ts';

const mine = zlyClaims('runs');

describe('ZLY claims over runs of Algorithm 1 (ci)', () => {
  expectLedgerClaims(mine.map((c) => c.id));
});

describe('ZLY run errata fixtures', () => {
  expectErrataFixtures('every refuted claim has an erratum whose fixture replays as violated', mine, zlyErrata('runs'));
});
