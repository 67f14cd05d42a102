/**
 * The WZC claims folder keeps its promises: one file per paper item named after its claim ids (so
 * `ls claims/<item>*` finds any claim), every claim registered exactly once, and every claim saying both what the
 * paper states (`statement`) and how it is checked (`method`).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RegisteredClaim } from '../../../../src/engine/types.ts';
import { wzcLedger } from '../../../../src/papers/wzc/claims/ledger.ts';

const DIR = new URL('../../../../src/papers/wzc/claims/', import.meta.url);
const NOT_ITEMS = new Set(['ledger.ts', 'coverage.ts', '_template.ts']);
const itemFiles = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !NOT_ITEMS.has(f));

/** `wzc.<item>.<name>` lives in `<item>.ts` (lemma, theorem, …) or `<item>-<name>.ts` (equations). */
function fileMatches(stem: string, id: string): boolean {
  const rest = id.replace(/^wzc\./, '').replace(/\.corrected$/, '');
  return rest.startsWith(`${stem}.`) || stem === rest.replace(/\.([^.]+)$/, '-$1');
}

describe('WZC claims folder', () => {
  const ledger = wzcLedger();

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
      expect(c.statement.trim().length, c.id).toBeGreaterThan(20);
      expect(c.method.trim().length, c.id).toBeGreaterThan(80);
      expect(c.statement, c.id).not.toMatch(/\b[Cc]hecked\b|brute force|oracle/);
    }
    const methods = ledger.claims.map((c) => c.method);
    expect(new Set(methods).size).toBe(methods.length);
  });
});
