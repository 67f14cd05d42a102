import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runClaim, shardRange, type ClaimRun, type Shard } from '../../../src/engine/runner.ts';
import { composeShard, mergeClaimRuns, runJob, type ClaimJob, type JobRunOptions } from '../../../src/engine/parallel/jobs.ts';
import { indexLedgers } from '../../../src/engine/parallel/source.ts';
import { allToyLedgers, alwaysInconclusive, geX, leHundred, neverMet, nonneg } from '../fixtures/toyLedger.ts';

const opts: JobRunOptions = { seed: 20261122, scale: 'ci', factor: 1, rtol: 1e-9 };
const lookup = indexLedgers(allToyLedgers());
/** A run without its timing, for equality with another. */
const timeless = (r: ClaimRun) => ({ ...r, durationMs: 0 });

describe('composeShard', () => {
  it('sub-shards 1…C of shard i/n tile exactly the run range of shard i/n', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 70 }), fc.nat(),
      (total, n, count, k) => {
        const user: Shard | null = n === 1 ? null : { index: 1 + (k % n), count: n };
        const whole = shardRange(total, user);
        let at = whole.from;
        for (let j = 1; j <= count; j++) {
          const r = shardRange(total, composeShard(user, j, count));
          expect(r.from).toBe(at);
          at = r.to;
        }
        expect(at).toBe(whole.to);
      },
    ));
  });

  it('one sub-shard is the user shard itself (null for a whole run)', () => {
    expect(composeShard(null, 1, 1)).toBeNull();
    expect(composeShard({ index: 2, count: 3 }, 1, 1)).toEqual({ index: 2, count: 3 });
    expect(composeShard({ index: 2, count: 3 }, 4, 5)).toEqual({ index: 9, count: 15 });
  });
});

describe('runJob + mergeClaimRuns', () => {
  it('sub-shard runs merged equal the unsplit run: counts, samples, first violation and its shrink', () => {
    for (const claim of [geX, leHundred, nonneg, neverMet, alwaysInconclusive]) {
      for (const user of [null, { index: 2, count: 3 }] as (Shard | null)[]) {
        const whole = runClaim(claim, { ...opts, runs: 150, shard: user });
        for (const count of [2, 7, 37]) {
          const shards = Array.from({ length: count }, (_, j) => composeShard(user, j + 1, count));
          // Split into three jobs as a scheduler would; the later jobs know a counterexample exists once one has.
          const cut = [0, Math.floor(count / 3), Math.floor((2 * count) / 3), count];
          const runs: ClaimRun[] = [];
          let known = false;
          for (let g = 0; g < 3; g++) {
            const job: ClaimJob = { kind: 'claim', claim: claim.id, shards: shards.slice(cut[g], cut[g + 1]), shrink: !known, opts: { ...opts, runs: 150 } };
            const r = runJob(lookup, job);
            if (r.kind !== 'claim') throw new Error('claim job gave a cell result');
            runs.push(...r.runs);
            known ||= r.runs.some((x) => x.counterexample !== null);
          }
          expect(timeless(mergeClaimRuns(runs)), `${claim.id} in ${count} sub-shards of ${JSON.stringify(user)}`).toEqual(timeless(whole));
        }
      }
    }
  });

  it('a later sub-shard told not to shrink still counts its violations', () => {
    const job: ClaimJob = { kind: 'claim', claim: geX.id, shards: [{ index: 2, count: 2 }], shrink: false, opts: { ...opts, runs: 100 } };
    const r = runJob(lookup, job);
    if (r.kind !== 'claim') throw new Error('claim job gave a cell result');
    const plain = runClaim(geX, { ...opts, runs: 100, shard: { index: 2, count: 2 } });
    expect(r.runs[0].tally).toEqual(plain.tally);
    expect(r.runs[0].counterexample?.runIndex).toBe(plain.counterexample?.runIndex);
    expect(r.runs[0].counterexample?.shrinks).toBe(0);
  });

  it('progress adds up over the sub-shards of a job', () => {
    const events: number[] = [];
    runJob(lookup, { kind: 'claim', claim: nonneg.id, shards: [{ index: 1, count: 4 }, { index: 2, count: 4 }], shrink: true, opts: { ...opts, runs: 40 } }, (e) => events.push(e.done));
    expect(Math.max(...events)).toBe(20);
  });

  it('a job naming an unknown claim throws, naming it', () => {
    expect(() => runJob(lookup, { kind: 'claim', claim: 'no.such', shards: [null], shrink: true, opts })).toThrow(/claim no\.such is not in this worker's ledgers/);
  });
});
