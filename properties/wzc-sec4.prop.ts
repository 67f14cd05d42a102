/**
 * The WZC claims of §4 and Algorithms 3.1/3.2 (src/claims/wzc/bcd.ts, bcdTheory.ts, alm.ts) at scale 'ci'
 * through the claims engine: each verdict must match the expectation (refuted literal claims must be violated,
 * everything else must hold), and the refuted ones' counterexample fixtures must still fail.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { replayFixtures } from '../src/claims/fixtures.ts';
import { REPO_ROOT } from '../src/claims/registry.ts';
import * as alm from '../src/claims/wzc/alm.ts';
import * as bcd from '../src/claims/wzc/bcd.ts';
import { expectLedgerClaims, ledgerRegistry } from './helpers.ts';

const mine = [...bcd.claims, ...alm.claims];
const errata = [...bcd.errata, ...alm.errata];

describe('WZC §4 / Algorithms 3.1–3.2 claims (ci)', () => {
  expectLedgerClaims(mine.map((c) => c.id));
});

describe('WZC §4 errata fixtures', () => {
  it('every refuted claim has an erratum whose fixture replays as violated', () => {
    const refuted = mine.filter((c) => c.expected.status === 'refuted');
    expect(refuted.map((c) => c.id).sort()).toEqual(errata.map((e) => e.claim).sort());
    const results = replayFixtures({
      dir: join(REPO_ROOT, 'fixtures/counterexamples'),
      root: REPO_ROOT,
      lookup: (id) => ledgerRegistry().claim(id),
      selected: new Set(refuted.map((c) => c.id)),
    });
    for (const e of errata) {
      const r = results.find((x) => x.file === e.fixture);
      expect(r?.status, `${e.fixture}: ${JSON.stringify(r)}`).toBe('ok');
    }
  });
});
