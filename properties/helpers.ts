/**
 * Shared helpers of the property suites: run ledger claims through the claims engine (the same runner as
 * `lagrangelab verify`) and assert that each verdict matches the claim's expectation (holds, or violated for a
 * literal claim documented by an erratum).
 */
import { expect, it } from 'vitest';
import { loadLedgers } from '../src/claims/ledgers.ts';
import { ClaimRegistry } from '../src/claims/registry.ts';
import { runClaim, verdictMatches, type ClaimRun } from '../src/claims/runner.ts';
import type { RegisteredClaim, Scale } from '../src/claims/types.ts';

/** Options of {@link expectLedgerClaims}. */
export interface LedgerClaimOptions {
  /** Instance scale (default 'ci'). */
  scale?: Scale;
  /** fast-check seed (default: the engine's). */
  seed?: number;
  /** Exact runs per claim (default: the claim's own for the scale). */
  runs?: number;
  /** Per-test timeout in ms (default 120 s). */
  timeoutMs?: number;
}

let registry: ClaimRegistry | null = null;

/** The registry of every ledger the CLI knows (built once per worker). */
export function ledgerRegistry(): ClaimRegistry {
  registry ??= new ClaimRegistry(loadLedgers());
  return registry;
}

/** Look a claim up by id; throws when it is not registered. */
export function ledgerClaim(id: string): RegisteredClaim {
  const c = ledgerRegistry().claim(id);
  if (c === undefined) throw new Error(`claim ${id} is not registered`);
  return c;
}

/** A one-paragraph account of a run, for assertion messages. */
export function describeRun(r: ClaimRun): string {
  const t = r.tally;
  const parts = [`${r.claim}: ${r.verdict} (runs ${t.runs}, holds ${t.holds}, violated ${t.violated}, unmet ${t.unmet}, inconclusive ${t.inconclusive})`];
  if (r.counterexample) parts.push(`counterexample: ${JSON.stringify(r.counterexample.verdict)} — replay: ${r.counterexample.replay}`);
  if (r.firstInconclusive) parts.push(`first inconclusive (run ${r.firstInconclusive.runIndex}): ${r.firstInconclusive.detail}`);
  if (r.firstUnmet) parts.push(`first unmet (run ${r.firstUnmet.runIndex}): ${r.firstUnmet.unmet.join('; ')}`);
  return parts.join('\n');
}

/** One test per claim id: run it through the engine and expect its verdict to match its expectation. */
export function expectLedgerClaims(ids: readonly string[], opts: LedgerClaimOptions = {}): void {
  const scale = opts.scale ?? 'ci';
  for (const id of ids) {
    it(`${id} (${scale}): verdict matches the expectation`, () => {
      const claim = ledgerClaim(id);
      const r = runClaim(claim, { scale, seed: opts.seed, runs: opts.runs });
      expect(verdictMatches(claim, r.verdict), describeRun(r)).toBe(true);
    }, opts.timeoutMs ?? 120_000);
  }
}
