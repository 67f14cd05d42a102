/** Shared builders for the report tests: toy verification runs. */
import { runVerification, type VerifyOptions } from '../../src/report/build.ts';
import type { VerifyReport } from '../../src/report/schema.ts';
import { toyLedger, TOY_FIXTURES, TOY_ROOT } from '../engine/fixtures/toyLedger.ts';

/** A toy verification (JSON round-tripped, as a report file would be). */
export function toyReport(opts: Partial<VerifyOptions> = {}): VerifyReport {
  const r = runVerification({ ledgers: [toyLedger()], root: TOY_ROOT, fixturesDir: TOY_FIXTURES, ...opts });
  return JSON.parse(JSON.stringify(r)) as VerifyReport;
}

/** A report with the timing fields zeroed, for equality checks between runs. */
export function timeless(r: VerifyReport): unknown {
  return {
    ...r,
    run: { ...r.run, durationMs: 0, startedAt: '', shard: null, mergedShards: null },
    claims: r.claims.map((c) => ({ ...c, durationMs: 0 })),
  };
}
