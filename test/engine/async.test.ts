/**
 * The asynchronous runner path (runClaimAsync and friends) against the synchronous one: for a claim whose check
 * returns a Promise, the same seeds, run indexing, shrinking, statistics and counterexamples — a field-identical
 * ClaimRun (wall time aside).
 */
import { describe, expect, it } from 'vitest';
import { oracleFn } from '../../src/engine/attribution.ts';
import { runClaim, runClaimAsync, type ClaimRun, type RunOptions } from '../../src/engine/runner.ts';
import { replayPath, replayPathAsync } from '../../src/engine/replay.ts';
import { runMutantMatrix, runMutantMatrixAsync } from '../../src/engine/mutantMatrix.ts';
import { defineClaim, type RegisteredClaim } from '../../src/engine/types.ts';
import { compareGe, compareLe } from '../../src/engine/tolerance.ts';
import { runVerification, runVerificationAsync } from '../../src/report/build.ts';
import { alwaysInconclusive, geX, geXQuarter, neverMet, nonneg, recip, square, toyFamily, toyLedger, TOY_FIXTURES, TOY_ROOT, type ToyPoint } from './fixtures/toyLedger.ts';
import { timeless } from '../report/helpers.ts';

/** The claim with a check that answers on a later turn of the event loop (as a worker-thread solver would). */
function later(c: RegisteredClaim): RegisteredClaim {
  return {
    ...c,
    evaluate: async (instance, ctx) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return c.evaluate(instance, ctx);
    },
  };
}

const sameRun = (r: ClaimRun): ClaimRun => ({ ...r, durationMs: 0 });

const crash = defineClaim<ToyPoint>({
  id: 't.crash', source: { paper: 'WZC', item: 't' }, statement: 's', method: 'test claim', kind: 'inequality', expected: { status: 'holds' }, family: toyFamily,
  hypotheses: [],
  check: async (p, ctx) => {
    await Promise.resolve();
    if (Math.abs(p.x) > 50) throw new RangeError(`diverged at x = ${p.x}`);
    return compareGe(square(p.x, ctx), 0, ctx);
  },
});
const crashSync = defineClaim<ToyPoint>({
  id: 't.crash', source: { paper: 'WZC', item: 't' }, statement: 's', method: 'test claim', kind: 'inequality', expected: { status: 'holds' }, family: toyFamily,
  hypotheses: [],
  check: (p, ctx) => {
    if (Math.abs(p.x) > 50) throw new RangeError(`diverged at x = ${p.x}`);
    return compareGe(square(p.x, ctx), 0, ctx);
  },
});
const oracleSquare = oracleFn(async function oracleSquare(x: number): Promise<number> {
  if (x < -90) throw new Error('out of range');
  return x * x;
});
const withOracle = defineClaim<ToyPoint>({
  id: 't.oracle', source: { paper: 'WZC', item: 't' }, statement: 's', method: 'test claim', kind: 'inequality', expected: { status: 'holds' }, family: toyFamily,
  hypotheses: [], check: async (p, ctx) => compareLe(square(p.x, ctx), await oracleSquare(p.x), ctx),
});

describe('runClaimAsync', () => {
  const claims = [geX, nonneg, geXQuarter, recip, neverMet, alwaysInconclusive, crashSync];

  it('an async wrapper of a sync claim gives a field-identical ClaimRun', async () => {
    for (const c of claims) {
      for (const opts of [{}, { seed: 5, runs: 150 }, { runs: 101, shard: { index: 2, count: 3 } }, { scale: 'deep', runs: 40 }] as RunOptions[]) {
        expect(sameRun(await runClaimAsync(later(c), opts)), `${c.id} ${JSON.stringify(opts)}`).toEqual(sameRun(runClaim(c, opts)));
      }
    }
  });

  it('shrinking reaches the same counterexample, for every seed', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const a = await runClaimAsync(later(geX), { seed });
      const s = runClaim(geX, { seed });
      expect(a.counterexample).toEqual(s.counterexample);
      expect(a.counterexample?.instance).toEqual({ x: 0.1 });
    }
  });

  it('a check returning a Promise: exceptions are violations, oracle rejections engine errors, as in the sync path', async () => {
    const a = await runClaimAsync(crash, { runs: 200 });
    expect(sameRun(a)).toEqual(sameRun(runClaim(crashSync, { runs: 200 })));
    expect(a.counterexample?.verdict.status).toBe('violated');
    const o = await runClaimAsync(withOracle, { runs: 300 });
    expect(o.tally.errors).toBeGreaterThan(0);
    expect(o.firstEngineError?.detail).toBe('oracle oracleSquare failed: Error: out of range');
  });

  it('the sync runner refuses an async claim run by run, as an engine error', () => {
    const r = runClaim(crash, { runs: 3 });
    expect(r.tally).toMatchObject({ runs: 3, errors: 3 });
    expect(r.firstEngineError?.detail).toMatch(/asynchronous .* runClaimAsync/);
  });

  it('honours the time budget and progress like the sync path', async () => {
    let t = 0;
    const slow = defineClaim<ToyPoint>({
      id: 't.slow', source: { paper: 'WZC', item: 't' }, statement: 's', method: 'test claim', kind: 'inequality', expected: { status: 'holds' },
      family: toyFamily, hypotheses: [], check: async (p, ctx) => { t += 10; return compareLe(0, 1, ctx); },
    });
    const events: number[] = [];
    const r = await runClaimAsync(slow, { runs: 1000, deadline: 250, now: () => t, onProgress: (e) => events.push(e.done) });
    expect(r.budgetExhausted).toBe(true);
    expect(r.tally.runs).toBe(25);
    expect(events.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('replayPathAsync re-creates the instance replayPath does', async () => {
    const s = runClaim(geX, { seed: 3 });
    const path = s.counterexample?.path ?? '';
    expect(await replayPathAsync(later(geX), { seed: 3, path })).toEqual(replayPath(geX, { seed: 3, path }));
  });

  it('the async mutant matrix and verification equal the sync ones', async () => {
    const l = toyLedger();
    const asyncLedger = { ...l, claims: l.claims.map(later) };
    expect(await runMutantMatrixAsync(asyncLedger, asyncLedger.claims, { runs: 10 })).toEqual(runMutantMatrix(l, l.claims, { runs: 10 }));
    const opts = { root: TOY_ROOT, fixturesDir: TOY_FIXTURES, mutants: true, mutantRuns: 9 };
    const a = await runVerificationAsync({ ledgers: [asyncLedger], ...opts });
    const s = runVerification({ ledgers: [l], ...opts });
    expect(timeless(JSON.parse(JSON.stringify(a)))).toEqual(timeless(JSON.parse(JSON.stringify(s))));
  });
});
