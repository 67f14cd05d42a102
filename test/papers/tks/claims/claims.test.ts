/**
 * Every TKS claim through `lagrangelab/vitest` at scale ci (the same runner as `lagrangelab verify`): the verdict
 * matches its expectation within the claim's inconclusive budget. Claims expected to hold run at a small budget
 * (8 runs); the refuted and the empirical ones at their own, so their violations are drawn. Then the errata fixtures replay.
 */
import { describe } from 'vitest';
import { claimTest } from 'lagrangelab/vitest';
import { tksLedger } from '../../../../src/papers/tks/claims/ledger.ts';
import { expectErrataFixtures } from '../../../../properties/helpers.ts';

const ledger = tksLedger();

describe('TKS claims (ci)', () => {
  // the empirical claims (tag `experiment`) run whole experiments: their own budget (one run at ci)
  for (const c of ledger.claims) claimTest(c, { scale: 'ci', runs: c.expected.status === 'refuted' || c.tags.includes('experiment') ? undefined : 8, timeoutMs: 60_000 });
});

describe('TKS errata fixtures', () => {
  expectErrataFixtures('every refuted claim has an erratum whose shrunk fixture replays as violated', ledger.claims, ledger.errata, { minFixtures: 11 });
});
