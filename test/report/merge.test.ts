import { describe, it, expect } from 'vitest';
import { mergeReports, MergeError } from '../../src/report/merge.ts';
import { validateReport } from '../../src/report/schema.ts';
import { timeless, toyReport } from './helpers.ts';

describe('merging shard reports', () => {
  it('shard 1/2 + 2/2 merged equals the unsharded run (verdicts, counts, samples, counterexamples, mutants)', () => {
    const whole = toyReport({ mutants: true, mutantRuns: 9 });
    const s1 = toyReport({ mutants: true, mutantRuns: 9, shard: { index: 1, count: 2 } });
    const s2 = toyReport({ mutants: true, mutantRuns: 9, shard: { index: 2, count: 2 } });
    expect(s1.claims[0].stats.runs).toBe(50);
    const merged = mergeReports([s2, s1]);
    expect(validateReport(merged).ok).toBe(true);
    expect(merged.run.mergedShards).toBe(2);
    expect(timeless(merged)).toEqual(timeless(whole));
    expect(merged.claims.map((c) => c.verdict)).toEqual(whole.claims.map((c) => c.verdict));
  });

  it('three shards of an odd run count', () => {
    const whole = toyReport({ runs: 31 });
    const parts = [1, 2, 3].map((index) => toyReport({ runs: 31, shard: { index, count: 3 } }));
    expect(timeless(mergeReports(parts))).toEqual(timeless(whole));
  });

  it('refuses reports that do not belong together', () => {
    const s1 = toyReport({ runs: 10, shard: { index: 1, count: 2 } });
    const s2 = toyReport({ runs: 10, shard: { index: 2, count: 2 } });
    expect(() => mergeReports([s1, toyReport({ runs: 10, seed: 5, shard: { index: 2, count: 2 } })], ['a', 'b'])).toThrow(/b: run.seed is 5 but a has 20261122/);
    expect(() => mergeReports([s1, toyReport({ runs: 10, scale: 'deep', shard: { index: 2, count: 2 } })])).toThrow(/run.scale/);
    expect(() => mergeReports([s1, toyReport({ runs: 10, claim: 'toy.square.*', shard: { index: 2, count: 2 } })])).toThrow(MergeError);
    expect(() => mergeReports([s1, s1])).toThrow(/given twice/);
    expect(() => mergeReports([s1])).toThrow(/every shard is needed/);
    expect(() => mergeReports([s1, s2, toyReport({ runs: 10 })])).toThrow(/not a shard report|3 report/);
    const otherClaims = structuredClone(s2);
    otherClaims.claims.pop();
    expect(() => mergeReports([s1, otherClaims])).toThrow(/claim set differs/);
    expect(() => mergeReports([])).toThrow(/nothing to merge/);
  });
});
