/**
 * How the WZC claims treat exceptions from the solver under test (src/engine/attribution.ts): a divergence where
 * floating point failed is inconclusive (SolverBreakdown, counted against the claim's budget), any other one is
 * a violation with a replayable, shrunk counterexample.
 */
import { describe, expect, it } from 'vitest';
import { wzcLedger } from '../../../../src/papers/wzc/claims/ledger.ts';
import { runClaim } from '../../../../src/engine/runner.ts';
import { replayPath } from '../../../../src/engine/replay.ts';

describe('solver exceptions in the §4 claims', () => {
  const claim = (id: string) => {
    const c = wzcLedger().claims.find((x) => x.id === id);
    if (!c) throw new Error(`missing ${id}`);
    return c;
  };

  it('a divergence where the block systems are beyond double precision is inconclusive, not a violation', () => {
    // deep run 960: γ reaches 3e12 with λ4 = 3e-8 and the z-step's Cholesky fails at k = 8
    const r = replayPath(claim('wzc.thm4.7.feasibility'), { seed: 20261122, path: '960', scale: 'deep' });
    expect(r.verdict?.status).toBe('inconclusive');
    expect(r.verdict && 'detail' in r.verdict ? r.verdict.detail : '').toMatch(/^solver diverged: non-finite z at outer iteration 8.*beyond double precision$/);
  });

  it("any other divergence is a violation: the planted fault 'diverge-on-data' is caught at ci", () => {
    const r = runClaim(claim('wzc.eqA.14.descent'), { runs: 20, faults: new Set(['diverge-on-data']) });
    expect(r.verdict).toBe('violated');
    expect(r.counterexample?.verdict).toMatchObject({ status: 'violated' });
    expect('detail' in (r.counterexample?.verdict ?? {}) ? (r.counterexample?.verdict as { detail: string }).detail : '')
      .toMatch(/^the code under test threw DivergenceError: solver diverged: non-finite u at outer iteration 1, inner iteration 1$/);
    expect(runClaim(claim('wzc.eqA.14.descent'), { runs: 20 }).verdict).toBe('holds');
  });
});
