/**
 * The falsifiability matrix of the TKS ledger: every planted solver bug of src/papers/tks/solver/faults.ts must
 * change the verdict of at least one claim. To stay within a few seconds it runs the per-block claims and the
 * multiplier claim that the full matrix (`lagrangelab verify --paper tks --mutants`) shows catching each fault.
 */
import { describe, expect, it } from 'vitest';
import { runMutantMatrix } from '../../../../src/engine/mutantMatrix.ts';
import { tksLedger } from '../../../../src/papers/tks/claims/ledger.ts';

const PROBES = new Set([
  'tks.eq15.multipliers', 'tks.eq10.u.corrected', 'tks.eq13-14.s.corrected', 'tks.eq11-12.a.corrected', 'tks.eq19.w.corrected',
  'tks.eq20.b', 'tks.eq23-24.o.corrected',
]);

describe('TKS mutant matrix', () => {
  it('every planted fault (at least 6) is caught by at least one claim', () => {
    const ledger = tksLedger();
    const m = runMutantMatrix(ledger, ledger.claims.filter((c) => PROBES.has(c.id)), { scale: 'ci', runs: 10 });
    expect(m.mutants.length).toBe(Object.keys(ledger.mutants ?? {}).length);
    expect(m.mutants.length).toBeGreaterThanOrEqual(6);
    expect(m.mutants.filter((x) => x.caughtBy.length === 0).map((x) => x.id)).toEqual([]);
  }, 120_000);
});
