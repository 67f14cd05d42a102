/**
 * The WZC claims folder keeps its promises: one file per paper item named after its claim ids (so
 * `ls claims/<item>*` finds any claim), every claim registered exactly once, and every claim saying both what the
 * paper states (`statement`) and how it is checked (`method`).
 */
import { describe, expect, it } from 'vitest';
import { expectItemFilesAreTheLedger } from '../../../helpers/claimsFolder.ts';
import { wzcLedger } from '../../../../src/papers/wzc/claims/ledger.ts';

const DIR = new URL('../../../../src/papers/wzc/claims/', import.meta.url);

describe('WZC claims folder', () => {
  const ledger = wzcLedger();

  it('every item file is named after the ids of its claims, and together they are the ledger', async () => {
    await expectItemFilesAreTheLedger(DIR, 'wzc', ledger, ['ledger.ts', 'coverage.ts', '_template.ts']);
  });

  it('every claim has a statement and its own method; statements do not describe the check', () => {
    for (const c of ledger.claims) {
      expect(c.statement.trim().length, c.id).toBeGreaterThan(20);
      expect(c.method.trim().length, c.id).toBeGreaterThan(80);
      expect(c.statement, c.id).not.toMatch(/\b[Cc]hecked\b|brute force|oracle/);
    }
    const methods = ledger.claims.map((c) => c.method);
    expect(new Set(methods).size).toBe(methods.length);
  });
});
