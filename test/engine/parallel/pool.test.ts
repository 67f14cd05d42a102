import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runClaim } from '../../../src/engine/runner.ts';
import { runMutantMatrix } from '../../../src/engine/mutantMatrix.ts';
import { ParallelRunError, WorkerPool } from '../../../src/engine/parallel/pool.ts';
import { runParallel, type ParallelRunOptions } from '../../../src/engine/parallel/run.ts';
import type { LedgerSource } from '../../../src/engine/parallel/source.ts';
import { allToyLedgers } from '../fixtures/toyLedger.ts';
import { exitingLedgers } from '../fixtures/faultyLedgers.ts';

const toyModule = fileURLToPath(new URL('../fixtures/toyLedger.ts', import.meta.url));
const faultyModule = new URL('../fixtures/faultyLedgers.ts', import.meta.url).href;
const base = { seed: 20261122, scale: 'ci' as const, factor: 3, rtol: 1e-9, shard: null, runsPerCell: 11 };

async function withPool<T>(source: LedgerSource, size: number, f: (p: WorkerPool) => Promise<T>): Promise<T> {
  const pool = new WorkerPool(source, size);
  try {
    return await f(pool);
  } finally {
    await pool.close();
  }
}

describe('WorkerPool + runParallel', () => {
  it('worker threads give the in-process claim runs and mutant matrix; claims arrive in order', async () => {
    const [ledger] = allToyLedgers();
    const o: ParallelRunOptions = { ...base, claims: ledger.claims, matrices: [{ ledger, claims: ledger.claims }] };
    const got: number[] = [];
    const progress: string[] = [];
    const r = await withPool({ module: toyModule, export: 'allToyLedgers' }, 2, (p) => runParallel(p, {
      ...o, onClaimRun: (i) => got.push(i), onProgress: (e) => progress.push(e.claim),
    }));
    const timeless = <T extends { durationMs: number }>(x: T) => ({ ...x, durationMs: 0 });
    expect(r.claimRuns.map(timeless)).toEqual(ledger.claims.map((c) => timeless(runClaim(c, { ...base }))));
    expect(r.matrices).toEqual([runMutantMatrix(ledger, ledger.claims, { ...base, runs: 11 })]);
    expect(got).toEqual(ledger.claims.map((_, i) => i));
    expect(new Set(progress).size).toBeGreaterThan(0);
  });

  it('a worker that exits mid-job fails the run, naming the claim', async () => {
    const [ledger] = exitingLedgers();
    const run = withPool({ module: faultyModule, export: 'exitingLedgers' }, 2, (p) => runParallel(p, { ...base, claims: ledger.claims, matrices: [] }));
    await expect(run).rejects.toThrow(ParallelRunError);
    await expect(run).rejects.toThrow(/^claim toy\.worker\.exits: worker exited \(code 7\)$/);
  });

  it('a job that throws fails the run, naming the claim', async () => {
    // The workers load a ledger without the claim the main thread asks for.
    const [ledger] = allToyLedgers();
    const run = withPool({ module: toyModule, export: 'toyLedgers' }, 1, (p) => runParallel(p, { ...base, claims: ledger.claims, matrices: [] }));
    await expect(run).rejects.toThrow(/^claim toy\.square\.le-100: claim toy\.square\.le-100 is not in this worker's ledgers$/);
  });

  it('ledgers that do not load fail the run, naming the source', async () => {
    const [ledger] = allToyLedgers();
    for (const [exp, why] of [['notLedgers', 'ledger: paper: expected a paper id'], ['nothing', 'the module has no export nothing']]) {
      const run = withPool({ module: faultyModule, export: exp }, 2, (p) => runParallel(p, { ...base, claims: ledger.claims, matrices: [] }));
      await expect(run).rejects.toThrow(new RegExp(`could not load ledgers from .*faultyLedgers\\.ts#${exp}: .*${why}`));
    }
  });
});
