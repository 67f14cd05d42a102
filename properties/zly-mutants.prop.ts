/**
 * The falsifiability matrix of the ZLY ledger: every planted solver bug of src/papers/zly/solver/faults.ts must change
 * the verdict of at least one claim. To stay within a few seconds it runs the cheap per-iteration claims that the full
 * matrix (`lagrangelab verify --paper zly --mutants`) shows catching each fault, 12 runs per cell.
 */
import { describe, expect, it } from 'vitest';
import { runMutantMatrix } from '../src/engine/mutantMatrix.ts';
import { zlyLedger } from '../src/papers/zly/claims/ledger.ts';

const PROBES = new Set([
  'zly.eq20-22.lla-parameters', 'zly.lemma2.eq28', 'zly.eq54-55.w-lla', 'zly.lemma6.eq50.corrected', 'zly.eq58.v-output.corrected', 'zly.eq60.v-lla.corrected',
]);

describe('ZLY mutant matrix', () => {
  it('every mutant is caught by at least one claim', () => {
    const ledger = zlyLedger();
    const m = runMutantMatrix(ledger, ledger.claims.filter((c) => PROBES.has(c.id)), { scale: 'ci', runs: 12 });
    const lines = m.mutants.map((x) => `${x.id.padEnd(24)} → ${x.caughtBy.length > 0 ? x.caughtBy.join(', ') : 'NOT CAUGHT'}`);
    console.log(`ZLY mutant matrix (${m.claims.length} claims, ${m.runsPerCell} runs per cell):\n${lines.join('\n')}`);
    expect(m.mutants.length).toBe(Object.keys(ledger.mutants ?? {}).length);
    expect(m.mutants.filter((x) => x.caughtBy.length === 0).map((x) => x.id)).toEqual([]);
  }, 120_000);
});
