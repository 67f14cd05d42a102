/**
 * The TKS claims folder keeps the WZC and ZLY ledgers' promises: one file per paper item named after its claim ids,
 * every claim registered exactly once with a statement and its own method, a measured inconclusive budget for every
 * claim, a consistent ledger (errata, fixtures, coverage), the planted faults as its mutants, and findings where a
 * conclusion is vacuous or the hypotheses unsatisfiable.
 */
import { describe, expect, it } from 'vitest';
import { expectItemFilesAreTheLedger } from '../../../helpers/claimsFolder.ts';
import { checkLedgers } from '../../../../src/engine/registry.ts';
import { loadLedgers } from '../../../../src/cli/registry.ts';
import { TKS_INCONCLUSIVE_BUDGETS } from '../../../../src/papers/tks/claims/_internals/budgets.ts';
import { tksLedger } from '../../../../src/papers/tks/claims/ledger.ts';
import { TKS_FAULT_IDS } from '../../../../src/papers/tks/solver/faults.ts';

const DIR = new URL('../../../../src/papers/tks/claims/', import.meta.url);

describe('TKS claims folder', () => {
  const ledger = tksLedger();

  it('every item file is named after the ids of its claims, and together they are the ledger', async () => {
    await expectItemFilesAreTheLedger(DIR, 'tks', ledger, ['ledger.ts', 'coverage.ts']);
  });

  it('every claim has a statement and its own method; statements do not describe the check', () => {
    for (const c of ledger.claims) {
      expect(c.source.paper, c.id).toBe('TKS');
      expect(c.statement.trim().length, c.id).toBeGreaterThan(20);
      expect(c.method.trim().length, c.id).toBeGreaterThan(80);
      expect(c.statement, c.id).not.toMatch(/\b[Cc]hecked\b|brute force|oracle/);
    }
    const methods = ledger.claims.map((c) => c.method);
    expect(new Set(methods).size).toBe(methods.length);
  });

  it('is consistent: errata, fixtures, corrected claims and coverage; the CLI loads it', () => {
    expect(checkLedgers([ledger])).toEqual([]);
    expect(ledger.mutants && Object.keys(ledger.mutants)).toEqual(TKS_FAULT_IDS);
    expect(TKS_FAULT_IDS.length).toBeGreaterThanOrEqual(6);
    const covered = new Set(ledger.coverage.flatMap((e) => e.claims));
    expect(ledger.claims.filter((c) => !covered.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(loadLedgers().map((l) => l.paper)).toContain('TKS');
  });

  it('every claim has a measured inconclusive budget, and the table names no unknown claim', () => {
    const ids = new Set(ledger.claims.map((c) => c.id));
    expect(ledger.claims.filter((c) => TKS_INCONCLUSIVE_BUDGETS[c.id] === undefined).map((c) => c.id)).toEqual([]);
    expect(Object.keys(TKS_INCONCLUSIVE_BUDGETS).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('says "vacuous" for Theorem 3 as printed and "unsatisfiable" for Assumption 2 and Theorem 4, never a bare "holds"', () => {
    const finding = (id: string): string | undefined => ledger.claims.find((c) => c.id === id)?.finding?.kind;
    expect(finding('tks.thm3.rate')).toBe('vacuous');
    expect(finding('tks.thm4.hypotheses')).toBe('unsatisfiable');
    expect(finding('tks.assumption2.bounded-gradient')).toBe('unsatisfiable');
    expect(finding('tks.thm4.hypotheses.corrected')).toBe('unsatisfiable');
    expect(ledger.claims.filter((c) => c.finding !== undefined).map((c) => c.id).sort())
      .toEqual(['tks.assumption2.bounded-gradient', 'tks.thm3.rate', 'tks.thm4.hypotheses', 'tks.thm4.hypotheses.corrected']);
    const notes = ledger.coverage.filter((e) => e.note !== undefined).map((e) => `${e.item}: ${e.note}`).join('\n');
    expect(notes).toMatch(/Theorem 3[^\n]*vacuous/);
    expect(notes).toMatch(/Theorem 4[^\n]*unsatisfiable/);
    expect(notes).toMatch(/Assumption 2[^\n]*unsatisfiable/);
  });
});
