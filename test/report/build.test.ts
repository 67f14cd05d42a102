import { describe, expect, it } from 'vitest';
import { ClaimRegistry } from '../../src/engine/registry.ts';
import type { PaperLedger } from '../../src/engine/types.ts';
import { runVerification, selectClaims } from '../../src/report/build.ts';
import { validateReport } from '../../src/report/schema.ts';
import { MATCHING, recip, toyLedger, TOY_FIXTURES, TOY_ROOT } from '../engine/fixtures/toyLedger.ts';

// Two ledgers of different papers: the squares as ZLY, the reciprocal identity as TKS.
const zly: PaperLedger = { ...toyLedger([]), paper: 'ZLY', claims: MATCHING.filter((c) => c !== recip) };
const tks: PaperLedger = { paper: 'TKS', title: 'reciprocals', file: 'tks.txt', claims: [recip], errata: [], coverage: [] };

describe('claim selection', () => {
  it('pairs every selected claim with the paper of its own ledger', () => {
    const registry = new ClaimRegistry([zly, tks]);
    const all = selectClaims(registry, null, null);
    expect(all.selection.map((s) => `${s.paper}:${s.claim.id}`)).toEqual([
      'ZLY:toy.square.nonneg', 'ZLY:toy.square.ge-x', 'ZLY:toy.square.ge-x-quarter', 'TKS:toy.recip.identity',
    ]);
    expect(all.claims).toEqual(all.selection.map((s) => s.claim));
    expect(selectClaims(registry, 'tks', null).selection.map((s) => s.paper)).toEqual(['TKS']);
    expect(selectClaims(registry, null, '*.identity,*.nonneg').selection.map((s) => s.paper)).toEqual(['ZLY', 'TKS']);
  });

  it('a report entry carries its ledger\'s paper (never a default)', () => {
    const r = runVerification({ ledgers: [zly, tks], root: TOY_ROOT, fixturesDir: TOY_FIXTURES, claim: '*.identity,*.nonneg' });
    expect(r.claims.map((c) => [c.id, c.paper])).toEqual([['toy.square.nonneg', 'ZLY'], ['toy.recip.identity', 'TKS']]);
    const v = validateReport(JSON.parse(JSON.stringify(r)));
    expect(v.ok ? [] : v.errors).toEqual([]);
  });
});
