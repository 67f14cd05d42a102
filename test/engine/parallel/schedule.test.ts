import { describe, it, expect } from 'vitest';
import { runClaim, type ClaimRun } from '../../../src/engine/runner.ts';
import { assembleMatrix, matrixClaims, runMutantMatrix } from '../../../src/engine/mutantMatrix.ts';
import { runJob, type JobResult } from '../../../src/engine/parallel/jobs.ts';
import { Scheduler, type Dispatch, type ScheduleOptions } from '../../../src/engine/parallel/schedule.ts';
import { indexLedgers } from '../../../src/engine/parallel/source.ts';
import { defineClaim, type RegisteredClaim } from '../../../src/engine/types.ts';
import { allToyLedgers, toyFamily } from '../fixtures/toyLedger.ts';
import { mulberry32 } from '../../helpers/rng.ts';

const ledger = allToyLedgers()[0];
const lookup = indexLedgers([ledger]);
const run = { seed: 20261122, scale: 'ci' as const, factor: 2, rtol: 1e-9 };

/** Drive a scheduler with `workers` simulated workers that finish their jobs in a random order. */
function simulate(s: Scheduler, workers: number, seed: number, exec: (d: Dispatch) => JobResult, after?: () => void): Dispatch[] {
  const rnd = mulberry32(seed);
  const inFlight: Dispatch[] = [];
  const order: Dispatch[] = [];
  for (;;) {
    while (inFlight.length < workers) {
      const d = s.next();
      if (d === null) break;
      inFlight.push(d);
      order.push(d);
    }
    if (inFlight.length === 0) break;
    const [d] = inFlight.splice(Math.floor(rnd() * inFlight.length), 1);
    s.complete(d, exec(d));
    after?.();
  }
  expect(s.finished).toBe(true);
  return order;
}

const timeless = (r: ClaimRun) => ({ ...r, durationMs: 0 });

describe('Scheduler', () => {
  it('any completion order gives the sequential claim runs and mutant matrix', () => {
    const claims = ledger.claims;
    const mc = matrixClaims(claims);
    const mutants = Object.keys(ledger.mutants ?? {});
    const seq = claims.map((c) => timeless(runClaim(c, { ...run })));
    const seqMatrix = runMutantMatrix(ledger, claims, { ...run, runs: 9 });
    // Toy claims cost microseconds; pretending some cost milliseconds per run makes the scheduler cut their
    // shards into nested pieces.
    const pretend = (ms: number) => (d: Dispatch): JobResult => {
      const r = runJob(lookup, d.job);
      return r.kind === 'claim' ? { ...r, runs: r.runs.map((x) => ({ ...x, durationMs: x.tally.runs * ms })) } : r;
    };
    for (const [workers, seed, ms] of [[1, 1, 0], [2, 2, 0], [3, 3, 30], [8, 4, 7]]) {
      const s = new Scheduler({ workers, claims, matrices: [{ claims: mc, mutants }], run, shard: null, runsPerCell: 9 });
      const order = simulate(s, workers, seed, pretend(ms));
      const shards = order.flatMap((d) => (d.job.kind === 'claim' ? d.job.shards : []));
      if (ms > 0) expect(shards.some((x) => x !== null && x.count > 8)).toBe(true);
      expect(s.claimRuns().map(timeless)).toEqual(seq);
      const { baseline, cells } = s.matrixCounts(0);
      expect(assembleMatrix(ledger, mc, 9, baseline, cells)).toEqual(seqMatrix);
    }
  });

  it('claims report in order as soon as every claim before them is done', () => {
    const s = new Scheduler({ workers: 3, claims: ledger.claims, matrices: [], run, shard: null, runsPerCell: 9 });
    const seen: number[] = [];
    let calls = 0;
    simulate(s, 3, 7, (d) => runJob(lookup, d.job), () => {
      calls++;
      for (const { index, run: r } of s.takeDoneInOrder()) {
        expect(r.claim).toBe(ledger.claims[index].id);
        seen.push(index);
      }
    });
    expect(seen).toEqual(ledger.claims.map((_, i) => i));
    expect(calls).toBeGreaterThan(ledger.claims.length);
    expect(s.takeDoneInOrder()).toEqual([]);
  });

  it('probes every claim first, then serves the claim with the most estimated work left', () => {
    const claim = (id: string): RegisteredClaim => defineClaim({
      id, source: { paper: 'WZC', item: id }, statement: id, method: id, kind: 'identity', expected: { status: 'holds' },
      family: toyFamily, hypotheses: [], check: () => ({ status: 'holds' }), runs: { ci: 400 },
    });
    const claims = [claim('cheap'), claim('dear'), claim('middling')];
    const msPerRun: Record<string, number> = { cheap: 0.01, dear: 20, middling: 1 };
    const o: ScheduleOptions = { workers: 2, claims, matrices: [], run: { ...run, factor: 1 }, shard: null, runsPerCell: 9 };
    const s = new Scheduler(o);
    // Fake results: the scheduler only learns costs from durationMs.
    const fake = (d: Dispatch): JobResult => {
      if (d.job.kind !== 'claim') throw new Error('no cells here');
      const c = claims.find((x) => x.id === d.job.claim) as RegisteredClaim;
      return { kind: 'claim', runs: d.job.shards.map((shard) => {
        const r = runClaim(c, { ...run, factor: 1, shard });
        return { ...r, durationMs: r.tally.runs * msPerRun[c.id] };
      }) };
    };
    const order = simulate(s, 1, 1, fake);
    expect(order.slice(0, 3).map((d) => d.job.kind === 'claim' && d.job.shards.length)).toEqual([1, 1, 1]);
    expect(order[3].job.claim).toBe('dear');
    // Jobs get shorter towards the end; cheap claims go in few jobs.
    expect(order.filter((d) => d.job.claim === 'cheap').length).toBeLessThanOrEqual(2);
    expect(order.filter((d) => d.job.claim === 'dear').length).toBeGreaterThan(8);
    expect(s.claimRuns().map((r) => r.tally.runs)).toEqual([400, 400, 400]);
  });

  it('under a time budget: no splitting, report order, and each job a fair share of its phase', () => {
    let t = 1000;
    const claims = ledger.claims;
    const s = new Scheduler({
      workers: 2, claims, matrices: [{ claims: matrixClaims(claims), mutants: ['noop'] }], run, shard: { index: 1, count: 2 },
      runsPerCell: 9, claimsEnd: 1000 + 600, matrixEnd: 1000 + 1200, now: () => t,
    });
    const first = s.next();
    expect(first?.job).toMatchObject({ kind: 'claim', claim: claims[0].id, shards: [{ index: 1, count: 2 }], opts: { deadline: 1000 + (600 * 2) / claims.length } });
    t = 1100;
    const second = s.next();
    expect(second?.job).toMatchObject({ claim: claims[1].id, opts: { deadline: 1100 + (500 * 2) / (claims.length - 1) } });
    const rest: Dispatch[] = [];
    for (let d = s.next(); d !== null; d = s.next()) rest.push(d);
    const cells = rest.filter((d) => d.job.kind === 'cell');
    expect(rest.length - cells.length).toBe(claims.length - 2);
    expect(cells.map((d) => (d.job.kind === 'cell' ? d.job.mutant : '?'))).toEqual([...matrixClaims(claims).map(() => null), ...matrixClaims(claims).map(() => 'noop')]);
    for (const d of rest) expect(d.job.opts.deadline).toBeLessThanOrEqual(d.job.kind === 'cell' ? 2200 : 1600);
  });
});
