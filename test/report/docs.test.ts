/**
 * ERRATA.md and COVERAGE.md are generated (`npm run docs`), never written by hand. This guards against a stale
 * copy: every erratum and every coverage item of every ledger must appear in the committed files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadLedgers } from '../../src/cli/registry.ts';
import { REPO_ROOT } from '../../src/engine/registry.ts';

const read = (f: string): string => readFileSync(`${REPO_ROOT}${f}`, 'utf8');

describe('generated docs are current (regenerate with `npm run docs`)', () => {
  const ledgers = loadLedgers();
  it('ERRATA.md has every erratum, its literal claim, fixture and corrected claims', () => {
    const md = read('ERRATA.md');
    for (const l of ledgers) {
      for (const e of l.errata) {
        expect(md, e.id).toContain(e.id);
        expect(md, e.id).toContain(e.claim);
        expect(md, e.id).toContain(e.fixture);
        for (const c of e.correctedClaims) expect(md, e.id).toContain(c);
      }
    }
  });
  it('COVERAGE.md lists every numbered item with its claims', () => {
    const md = read('COVERAGE.md');
    for (const l of ledgers) {
      for (const c of l.coverage) {
        expect(md, c.item).toContain(c.item.replace(/\|/g, '\\|'));
        for (const id of c.claims) expect(md, c.item).toContain(id);
      }
    }
  });
});
