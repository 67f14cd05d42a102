/**
 * The ZLY claims folder keeps the WZC ledger's promises: one file per paper item named after its claim ids (so
 * `ls claims/<item>*` finds any claim), every claim registered exactly once, every claim saying what the paper
 * states (`statement`) and how it is checked (`method`), a measured inconclusive budget for every claim, and a
 * consistent ledger (errata, fixtures, coverage).
 */
import { describe, expect, it } from 'vitest';
import { expectItemFilesAreTheLedger } from '../../../helpers/claimsFolder.ts';
import { checkLedgers } from '../../../../src/engine/registry.ts';
import { ZLY_INCONCLUSIVE_BUDGETS } from '../../../../src/papers/zly/claims/_internals/budgets.ts';
import { zlyLedger } from '../../../../src/papers/zly/claims/ledger.ts';
import { ZLY_FAULT_IDS } from '../../../../src/papers/zly/solver/faults.ts';

const DIR = new URL('../../../../src/papers/zly/claims/', import.meta.url);

describe('ZLY claims folder', () => {
  const ledger = zlyLedger();

  it('every item file is named after the ids of its claims, and together they are the ledger', async () => {
    await expectItemFilesAreTheLedger(DIR, 'zly', ledger, ['ledger.ts', 'coverage.ts']);
  });

  it('every claim has a statement and its own method; statements do not describe the check', () => {
    for (const c of ledger.claims) {
      expect(c.source.paper, c.id).toBe('ZLY');
      expect(c.statement.trim().length, c.id).toBeGreaterThan(20);
      expect(c.method.trim().length, c.id).toBeGreaterThan(80);
      expect(c.statement, c.id).not.toMatch(/\b[Cc]hecked\b|brute force|oracle/);
    }
    const methods = ledger.claims.map((c) => c.method);
    expect(new Set(methods).size).toBe(methods.length);
  });

  it('is consistent: errata, fixtures, corrected claims and coverage', () => {
    expect(checkLedgers([ledger])).toEqual([]);
    expect(ledger.mutants && Object.keys(ledger.mutants)).toEqual(ZLY_FAULT_IDS);
    const covered = new Set(ledger.coverage.flatMap((e) => e.claims));
    expect(ledger.claims.filter((c) => !covered.has(c.id)).map((c) => c.id)).toEqual([]);
  });

  it('every claim has a measured inconclusive budget, and the table names no unknown claim', () => {
    const ids = new Set(ledger.claims.map((c) => c.id));
    expect(ledger.claims.filter((c) => ZLY_INCONCLUSIVE_BUDGETS[c.id] === undefined).map((c) => c.id)).toEqual([]);
    expect(Object.keys(ZLY_INCONCLUSIVE_BUDGETS).filter((id) => !ids.has(id))).toEqual([]);
  });
});
