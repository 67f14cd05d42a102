/** Shared checks of a paper's claims folder: one file per paper item, named after the ids of its claims. */
import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { PaperLedger, RegisteredClaim } from '../../src/engine/types.ts';

/** `<prefix>.<item>.<name>` lives in `<item>.ts` (lemma, theorem, …) or `<item>-<name>.ts` (equations). */
export function fileMatches(prefix: string, stem: string, id: string): boolean {
  const rest = id.slice(prefix.length + 1).replace(/\.corrected$/, '');
  return rest.startsWith(`${stem}.`) || stem === rest.replace(/\.([^.]+)$/, '-$1');
}

/**
 * Every `*.ts` in `dir` except `notItems` exports claims whose ids match the file name, and together they are
 * exactly the ledger's claims.
 */
export async function expectItemFilesAreTheLedger(dir: URL, prefix: string, ledger: PaperLedger, notItems: readonly string[]): Promise<void> {
  const itemFiles = readdirSync(dir).filter((f) => f.endsWith('.ts') && !notItems.includes(f));
  const seen: string[] = [];
  for (const f of itemFiles) {
    const mod = (await import(new URL(f, dir).href)) as { claims: RegisteredClaim[] };
    expect(mod.claims.length, f).toBeGreaterThan(0);
    for (const c of mod.claims) {
      expect(fileMatches(prefix, f.replace(/\.ts$/, ''), c.id), `${c.id} in ${f}`).toBe(true);
      seen.push(c.id);
    }
  }
  expect(seen.sort()).toEqual(ledger.claims.map((c) => c.id).sort());
}
