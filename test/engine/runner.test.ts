import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_RUNS, DEEP_FACTOR, plannedRuns, runClaim, shardRange, type ProgressEvent,
} from '../../src/engine/runner.ts';
import { replayPath } from '../../src/engine/replay.ts';
import { runMutantMatrix } from '../../src/engine/mutantMatrix.ts';
import { mergeTallies } from '../../src/engine/stats.ts';
import { defineClaim } from '../../src/engine/types.ts';
import { compareLe } from '../../src/engine/tolerance.ts';
import { geX, neverMet, nonneg, recip, toyFamily, toyLedger } from './fixtures/toyLedger.ts';

describe('runClaim', () => {
  it('shrinks a violation of x² ≥ x to the minimal grid counterexample x = 0.1, for every seed', () => {
    let shrunkSomewhere = false;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const r = runClaim(geX, { seed });
      expect(r.verdict).toBe('violated');
      const cx = r.counterexample;
      expect(cx).not.toBeNull();
      if (!cx) continue;
      expect(cx.instance).toEqual({ x: 0.1 });
      expect(cx.verdict.status).toBe('violated');
      expect(cx.path.split(':')[0]).toBe(String(cx.runIndex));
      expect(cx.replay).toBe(`npx lagrangelab verify --claim toy.square.ge-x --seed ${seed} --path ${cx.path}`);
      if (cx.shrinks > 0) shrunkSomewhere = true;
      // Shrink steps are not runs: exactly the planned runs are counted.
      expect(r.tally.runs).toBe(DEFAULT_RUNS.ci);
      // The replay path re-creates the shrunk instance.
      const rp = replayPath(geX, { seed, path: cx.path });
      expect(rp.instance).toEqual({ x: 0.1 });
      expect(rp.verdict?.status).toBe('violated');
      expect(rp.matchesExpectation).toBe(true);
    }
    expect(shrunkSomewhere).toBe(true);
  });

  it('a global fast-check configuration does not change the run stream', () => {
    const before = runClaim(geX, { runs: 40 });
    fc.configureGlobal({ unbiased: true, skipEqualValues: true, numRuns: 3, seed: 1 });
    try {
      expect(runClaim(geX, { runs: 40 })).toEqual({ ...before, durationMs: expect.any(Number) });
    } finally {
      fc.resetConfigureGlobal();
    }
  });

  it('counts every violation but shrinks only the first', () => {
    // x ≤ 0 is violated by about half of the draws.
    const pos = defineClaim({
      id: 't.nonpos', source: { paper: 'WZC', item: 't' }, statement: 'x ≤ 0', method: 'm', kind: 'inequality', expected: { status: 'holds' },
      family: toyFamily, hypotheses: [], check: (p, ctx) => compareLe(p.x, 0, ctx),
    });
    const r = runClaim(pos, { runs: 200 });
    expect(r.tally.runs).toBe(200);
    expect(r.tally.violated).toBeGreaterThan(40);
    expect(r.tally.holds + r.tally.violated).toBe(200);
    expect(r.counterexample?.instance).toEqual({ x: 0.1 });
  });

  it('shrinking stops at the evaluation cap or the shrink time cap, and says so', () => {
    const whole = runClaim(geX, { seed: 3 });
    const capped = runClaim(geX, { seed: 3, maxShrinkEvals: 0 });
    expect(capped.counterexample?.path).toBe(String(capped.counterexample?.runIndex));
    expect(capped.counterexample?.instance).not.toEqual({ x: 0.1 });
    expect(capped.counterexample?.shrinkTruncated).toBe(true);
    expect(whole.counterexample?.shrinkTruncated).toBe(false);
    let t = 0;
    const timed = runClaim(geX, { seed: 3, maxShrinkMs: 5, now: () => t++ });
    expect(timed.counterexample?.shrinkTruncated).toBe(true);
    expect(capped.tally).toEqual(whole.tally);
  });

  it('is deterministic for a seed and records statistics', () => {
    const a = runClaim(nonneg, { seed: 99 });
    const b = runClaim(nonneg, { seed: 99 });
    expect(a.tally).toEqual(b.tally);
    expect(a.verdict).toBe('holds');
    expect(a.tally.margins.length).toBe(a.tally.runs); // ratios only where the bound x² is > 0
    const u = runClaim(recip);
    expect(u.verdict).toBe('holds');
    expect(u.tally.unmet + u.tally.holds).toBe(u.tally.runs);
    expect(runClaim(neverMet).verdict).toBe('hypotheses-unmet');
  });

  it('shards cover the run indices exactly once and merge to the unsharded tally', () => {
    expect(shardRange(10, { index: 1, count: 3 })).toEqual({ from: 0, to: 3 });
    expect(shardRange(10, { index: 3, count: 3 })).toEqual({ from: 6, to: 10 });
    for (const claim of [geX, nonneg, recip]) {
      const whole = runClaim(claim, { runs: 101 });
      const parts = [1, 2, 3].map((index) => runClaim(claim, { runs: 101, shard: { index, count: 3 } }));
      expect(mergeTallies(...parts.map((p) => p.tally))).toEqual(whole.tally);
      const firstCx = parts.map((p) => p.counterexample).find((c) => c !== null) ?? null;
      expect(firstCx).toEqual(whole.counterexample);
    }
  });

  it('stops drawing instances when the time budget is spent, and says so', () => {
    let t = 0;
    const now = () => t;
    const slow = defineClaim({
      id: 't.slow', source: { paper: 'WZC', item: 't' }, statement: 's', method: 'm', kind: 'inequality', expected: { status: 'holds' },
      family: toyFamily, hypotheses: [], check: (p, ctx) => { t += 10; return compareLe(0, 1, ctx); },
    });
    const r = runClaim(slow, { runs: 1000, deadline: 250, now });
    expect(r.budgetExhausted).toBe(true);
    expect(r.tally.runs).toBe(25);
    expect(r.verdict).toBe('holds');
    const unlimited = runClaim(slow, { runs: 50, now });
    expect(unlimited.budgetExhausted).toBe(false);
  });

  it('reports progress after each run', () => {
    const events: ProgressEvent[] = [];
    runClaim(nonneg, { runs: 7, onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.phase === 'running').map((e) => e.done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events.at(-1)).toMatchObject({ phase: 'done', done: 7, planned: 7, holds: 7 });
  });

  it('planned runs: claim defaults, deep ≥ 10× ci, override', () => {
    expect(plannedRuns(nonneg, 'ci')).toBe(DEFAULT_RUNS.ci);
    expect(plannedRuns(nonneg, 'deep')).toBeGreaterThanOrEqual(DEEP_FACTOR * DEFAULT_RUNS.ci);
    const custom = defineClaim({ ...{ id: 'c', source: { paper: 'WZC', item: 'c' }, statement: 's', method: 'm', kind: 'identity' }, expected: { status: 'holds' }, family: toyFamily, hypotheses: [], check: () => ({ status: 'holds' }), runs: { ci: 30, deep: 50 } });
    expect(plannedRuns(custom, 'ci')).toBe(30);
    expect(plannedRuns(custom, 'deep')).toBe(300);
    expect(plannedRuns(custom, 'deep', 7)).toBe(7);
  });
});

describe('runMutantMatrix', () => {
  it('marks the toy mutant caught and the no-op mutant not caught; skips solver-independent claims', () => {
    const l = toyLedger();
    const m = runMutantMatrix(l, l.claims, { runs: 10 });
    expect(m.claims).not.toContain('toy.recip.identity');
    const negated = m.mutants.find((x) => x.id === 'square-negated');
    expect(negated?.caughtBy).toEqual(expect.arrayContaining(['toy.square.nonneg', 'toy.square.ge-x-quarter']));
    expect(negated?.caughtBy).not.toContain('toy.unmet.always');
    expect(m.mutants.find((x) => x.id === 'noop')?.caughtBy).toEqual([]);
    const cell = m.cells.find((c) => c.mutant === 'square-negated' && c.claim === 'toy.square.nonneg');
    expect(cell).toMatchObject({ runs: 10, verdict: 'violated', caught: true });
    expect(m.baseline.find((b) => b.claim === 'toy.square.nonneg')?.verdict).toBe('holds');
    // The mutant is switched off again afterwards.
    expect(runClaim(nonneg, { runs: 10 }).verdict).toBe('holds');
  });
});
