/**
 * The ZLY claims folder keeps the WZC ledger's promises: one file per paper item named after its claim ids (so
 * `ls claims/<item>*` finds any claim), every claim registered exactly once, every claim saying what the paper
 * states (`statement`) and how it is checked (`method`), a measured inconclusive budget for every claim, and a
 * consistent ledger (errata, fixtures, coverage).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLedgers } from '../../../../src/engine/registry.ts';
import type { RegisteredClaim } from '../../../../src/engine/types.ts';
import { ZLY_INCONCLUSIVE_BUDGETS } from '../../../../src/papers/zly/claims/_internals/budgets.ts';
import { zlyLedger } from '../../../../src/papers/zly/claims/ledger.ts';
import { ZLY_FAULT_IDS } from '../../../../src/papers/zly/solver/faults.ts';

const DIR = new URL('../../../../src/papers/zly/claims/', import.meta.url);
const NOT_ITEMS = new Set(['ledger.ts', 'coverage.ts']);
const itemFiles = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !NOT_ITEMS.has(f));

/** `zly.<item>.<name>` lives in `<item>.ts` (lemma, theorem, …) or `<item>-<name>.ts` (equations). */
function fileMatches(stem: string, id: string): boolean {
  const rest = id.replace(/^zly\./, '').replace(/\.corrected$/, '');
  return rest.startsWith(`${stem}.`) || stem === rest.replace(/\.([^.]+)$/, '-$1');
}

describe('ZLY claims folder', () => {
  const ledger = zlyLedger();

  it('every item file is named after the ids of its claims, and together they are the ledger', async () => {
    const seen: string[] = [];
    for (const f of itemFiles) {
      const mod = (await import(new URL(f, DIR).href)) as { claims: RegisteredClaim[] };
      expect(mod.claims.length, f).toBeGreaterThan(0);
      for (const c of mod.claims) {
        expect(fileMatches(f.replace(/\.ts$/, ''), c.id), `${c.id} in ${f}`).toBe(true);
        seen.push(c.id);
      }
    }
    expect(seen.sort()).toEqual(ledger.claims.map((c) => c.id).sort());
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
