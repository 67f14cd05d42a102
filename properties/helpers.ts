/**
 * Shared helpers of the property suites: run ledger claims through `lagrangelab/vitest` (the same runner as
 * `lagrangelab verify`, one test per claim) and assert that each verdict matches the claim's expectation (holds,
 * or violated for a literal claim documented by an erratum), and replay the errata's counterexample fixtures.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { replayFixturesAsync } from '../src/engine/fixtures.ts';
import { loadLedgers } from '../src/cli/registry.ts';
import { ClaimRegistry, REPO_ROOT } from '../src/engine/registry.ts';
import { claimTest } from 'lagrangelab/vitest';
import type { Erratum, RegisteredClaim, Scale } from '../src/engine/types.ts';

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

/**
 * One test per claim id through `lagrangelab/vitest`'s {@link claimTest}: the claim passes when `lagrangelab
 * verify` would pass it — the verdict matches its expectation, the inconclusive runs stay within the claim's
 * budget, no engine error — and a failure carries the counterexample and its replay command.
 */
export function expectLedgerClaims(ids: readonly string[], opts: LedgerClaimOptions = {}): void {
  for (const id of ids) claimTest(ledgerClaim(id), { scale: opts.scale ?? 'ci', seed: opts.seed, runs: opts.runs, timeoutMs: opts.timeoutMs ?? 120_000 });
}

/** Options of {@link expectErrataFixtures}. */
export interface ErrataFixtureOptions {
  /** Replay the fixtures of every given claim (`all`) or of the refuted ones only (`refuted`, the default). */
  replay?: 'all' | 'refuted';
  /** At least this many fixtures must belong to the replayed claims (default 0). */
  minFixtures?: number;
}

/**
 * One test: the refuted claims among `claims` are exactly those the `errata` name, each erratum's fixture
 * replays as expected, and so does every other fixture of the replayed claims.
 */
export function expectErrataFixtures(
  name: string, claims: readonly RegisteredClaim[], errata: readonly Erratum[], opts: ErrataFixtureOptions = {},
): void {
  // asynchronous replay: a ledger may hold asynchronous claims (TKS's parallel runs); it replays synchronous ones alike
  it(name, async () => {
    const refuted = claims.filter((c) => c.expected.status === 'refuted');
    expect(refuted.map((c) => c.id).sort()).toEqual(errata.map((e) => e.claim).sort());
    const selected = new Set((opts.replay === 'all' ? claims : refuted).map((c) => c.id));
    const results = await replayFixturesAsync({
      dir: join(REPO_ROOT, 'fixtures/counterexamples'),
      root: REPO_ROOT,
      lookup: (id) => ledgerRegistry().claim(id),
      selected,
    });
    for (const e of errata) {
      const r = results.find((x) => x.file === e.fixture);
      expect(r?.status, `${e.fixture}: ${JSON.stringify(r)}`).toBe('ok');
    }
    const ours = results.filter((r) => r.claim !== null && selected.has(r.claim));
    expect(ours.length).toBeGreaterThanOrEqual(opts.minFixtures ?? 0);
    for (const r of ours) expect(r.status, `${r.file}: ${r.detail ?? ''}`).toBe('ok');
  });
}
