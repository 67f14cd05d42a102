/**
 * `lagrangelab/vitest`: run claims and ledgers as vitest tests.
 *
 * ```ts
 * import { claimTest, ledgerTests } from 'lagrangelab/vitest';
 * ledgerTests(myLedger(), { root: new URL('.', import.meta.url), ledger: './ledger.ts', mutants: { runs: 20 } });
 * ```
 *
 * Each claim is one test named `<claim id> (<scale>)` — no seed, count or time in the name, so JUnit history and
 * `-t` filters stay put from run to run. A test passes when `lagrangelab verify` would pass the claim: the verdict
 * matches the expectation, the inconclusive runs stay within the claim's budget, and the engine met no error. A
 * failure says which, with the counterexample (or first inconclusive run, or engine error) and the one-line replay
 * command. Claims run through the engine's asynchronous path, so asynchronous checks work too.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, test } from 'vitest';
import { DEFAULT_SEED, ledgerReplayArgs, replayCommand, runClaimAsync, withReplayArgs, type ClaimRun } from '../engine/runner.ts';
import { verdictMatches } from '../engine/evaluate.ts';
import { checkLedgers } from '../engine/registry.ts';
import { fixtureFailed, replayFixturesAsync } from '../engine/fixtures.ts';
import { runMutantMatrixAsync, type MutantMatrix } from '../engine/mutantMatrix.ts';
import { validateLedgers } from '../engine/ledgerShape.ts';
import { defineClaim, type Claim, type PaperLedger, type RegisteredClaim, type Scale } from '../engine/types.ts';

/** Options of {@link claimTest}. */
export interface ClaimTestOptions {
  /** Instance scale (default `ci`). */
  scale?: Scale;
  /** fast-check seed (default the engine's, 20261122: the runs are those of `lagrangelab verify`). */
  seed?: number;
  /** Exact runs (default: the claim's own count at the scale). */
  runs?: number;
  /** Multiply the claim's own run count (default 1). */
  factor?: number;
  /** Test timeout in ms (default 120 000). */
  timeoutMs?: number;
  /** The ledger file as a user would pass it to `--ledger`; replay commands then carry `--ledger <it>`. */
  ledger?: string;
  /** Test name (default `<claim id> (<scale>)`). */
  name?: (claim: RegisteredClaim, scale: Scale) => string;
}

/** Default test timeout: property runs of solver claims take seconds to minutes. */
export const DEFAULT_TIMEOUT_MS = 120_000;

function asRegistered<I>(c: RegisteredClaim | Claim<I>): RegisteredClaim {
  return 'evaluate' in c ? c : defineClaim(c);
}

const defaultName = (c: RegisteredClaim, scale: Scale): string => `${c.id} (${scale})`;

/** `npx lagrangelab verify …` with the `--ledger` flag when there is one. */
const replay = (cmd: string, opts: ClaimTestOptions): string => (opts.ledger === undefined ? cmd : withReplayArgs(cmd, ledgerReplayArgs(opts.ledger)));

/** Longest instance JSON a failure message shows. */
const MAX_JSON = 2000;

/**
 * Why a claim run does not pass (null when it does): what `lagrangelab verify` would fail it for, with the
 * counterexample, first inconclusive run or engine error, and the replay command.
 */
export function claimRunFailure(claim: RegisteredClaim, run: ClaimRun, opts: ClaimTestOptions = {}): string | null {
  const t = run.tally;
  const scale = opts.scale ?? 'ci';
  const seed = opts.seed ?? DEFAULT_SEED;
  const problems: string[] = [];
  const expected = claim.expected.status === 'refuted' ? `violated (refuted, ${claim.expected.erratum})` : 'holds';
  if (!verdictMatches(claim, run.verdict)) problems.push(`expected ${expected}, got ${run.verdict}`);
  if (run.inconclusive.exceeded) problems.push(`${t.inconclusive} inconclusive runs > ${run.inconclusive.limit} allowed (declared rate ${run.inconclusive.rate})`);
  if (run.firstEngineError !== null) problems.push(`${t.errors} engine error(s): the checker failed, not the checked code`);
  if (problems.length === 0) return null;
  const lines = [
    `${claim.id} (${scale}): ${problems.join('; ')}`,
    `  ${t.runs} runs: ${t.holds} held, ${t.violated} violated, ${t.unmet} unmet, ${t.inconclusive} inconclusive, ${t.errors} engine errors`,
  ];
  const cx = run.counterexample;
  if (cx !== null && claim.expected.status === 'holds') {
    const json = JSON.stringify(cx.instance) ?? '';
    lines.push(`  counterexample (run ${cx.runIndex}, ${cx.shrinks} shrink steps): ${cx.description}`);
    if (json.length <= MAX_JSON) lines.push(`    ${json}`);
    if ('detail' in cx.verdict) lines.push(`    ${cx.verdict.detail}`);
    lines.push(`  replay: ${replay(cx.replay, opts)}`);
  } else if (run.firstInconclusive !== null && (run.inconclusive.exceeded || run.verdict === 'inconclusive')) {
    const f = run.firstInconclusive;
    lines.push(`  first inconclusive run ${f.runIndex}: ${f.detail}`, `  replay: ${replay(replayCommand(claim.id, seed, String(f.runIndex), scale), opts)}`);
  } else if (run.firstUnmet !== null && run.verdict === 'hypotheses-unmet') {
    lines.push(`  every run had unmet hypotheses, e.g. run ${run.firstUnmet.runIndex}: ${run.firstUnmet.unmet.join('; ')}`);
  }
  if (run.firstEngineError !== null) {
    lines.push(`  engine error (run ${run.firstEngineError.runIndex}): ${run.firstEngineError.detail}`, `  replay: ${replay(run.firstEngineError.replay, opts)}`);
  }
  return lines.join('\n');
}

/** Run a claim as {@link claimTest} does, outside a test: resolves when it passes, rejects with the failure message. */
export async function checkClaim<I>(claim: RegisteredClaim | Claim<I>, opts: ClaimTestOptions = {}): Promise<ClaimRun> {
  const c = asRegistered(claim);
  const run = await runClaimAsync(c, { scale: opts.scale ?? 'ci', seed: opts.seed, runs: opts.runs, factor: opts.factor });
  const failure = claimRunFailure(c, run, opts);
  if (failure !== null) throw new Error(failure);
  return run;
}

/** Register one vitest test running `claim` through the engine (see the module documentation). */
export function claimTest<I>(claim: RegisteredClaim | Claim<I>, opts: ClaimTestOptions = {}): void {
  const c = asRegistered(claim);
  test((opts.name ?? defaultName)(c, opts.scale ?? 'ci'), async () => { await checkClaim(c, opts); }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** Options of {@link ledgerTests}. */
export interface LedgerTestOptions extends ClaimTestOptions {
  /**
   * Directory erratum fixture paths and `fixtures/counterexamples/` are relative to (a path, or a `file:` URL such
   * as `new URL('.', import.meta.url)`); default the working directory.
   */
  root?: string | URL;
  /** Only these claim ids (default all). */
  claims?: readonly string[];
  /** Also run the falsifiability matrix: every planted fault must be caught by some claim. */
  mutants?: { runs?: number; timeoutMs?: number };
}

/** Throws the ledgers' consistency problems (`checkLedgers`), one per line. */
export function checkLedgerConsistency(ledgers: readonly PaperLedger[], root: string): void {
  const problems = checkLedgers(ledgers, { root });
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** Replays the fixtures under `<root>/fixtures/counterexamples` of the given claims; throws the ones that fail. */
export async function checkFixtures(ledger: PaperLedger, ids: readonly string[], root: string): Promise<void> {
  const selected = new Set(ids);
  const byId = new Map(ledger.claims.map((c) => [c.id, c]));
  const results = await replayFixturesAsync({ dir: join(root, 'fixtures', 'counterexamples'), root, lookup: (id) => byId.get(id), selected });
  const bad = results.filter((r) => fixtureFailed(r) && r.claim !== null && selected.has(r.claim));
  if (bad.length > 0) throw new Error(bad.map((r) => `${r.file}: ${r.status}${r.detail ? ` (${r.detail})` : ''}`).join('\n'));
}

/**
 * Register a `describe` block per ledger: the ledger is well formed and consistent (`checkLedgers`), its
 * counterexample fixtures replay as expected, one {@link claimTest} per claim, and with `mutants` one test that
 * every planted fault is caught. Accepts what a `--ledger` module exports: a ledger or an array of them.
 */
export function ledgerTests(ledgers: PaperLedger | readonly PaperLedger[], opts: LedgerTestOptions = {}): void {
  const list = validateLedgers(ledgers);
  const root = opts.root === undefined ? process.cwd() : opts.root instanceof URL || opts.root.startsWith('file:') ? fileURLToPath(opts.root) : opts.root;
  const wanted = opts.claims === undefined ? null : new Set(opts.claims);
  for (const ledger of list) {
    const claims = ledger.claims.filter((c) => wanted === null || wanted.has(c.id));
    describe(`${ledger.paper}: ${ledger.title}`, () => {
      test('the ledger is consistent (errata, fixtures, corrections, coverage)', () => { checkLedgerConsistency(list, root); });
      if (existsSync(join(root, 'fixtures', 'counterexamples'))) {
        test('counterexample fixtures replay as expected', async () => { await checkFixtures(ledger, claims.map((c) => c.id), root); });
      }
      for (const c of claims) claimTest(c, opts);
      if (opts.mutants !== undefined && ledger.mutants !== undefined) {
        const { runs, timeoutMs } = opts.mutants;
        mutantMatrixTest(ledger, { claims: claims.map((c) => c.id), runs, scale: opts.scale, seed: opts.seed, timeoutMs: timeoutMs ?? opts.timeoutMs });
      }
    });
  }
}

/** Options of {@link mutantMatrixTest}. */
export interface MutantMatrixTestOptions {
  /** Claims of the matrix (default all the ledger's; solver-independent ones are skipped). */
  claims?: readonly string[];
  /** Runs per cell (default 20). */
  runs?: number;
  scale?: Scale;
  seed?: number;
  /** Test timeout in ms (default 120 000). */
  timeoutMs?: number;
  /** Test name (default `every planted fault is caught by some claim`). */
  name?: string;
  /** Sees the matrix before the assertion (e.g. to print it). */
  onMatrix?: (m: MutantMatrix) => void;
}

/** Runs the falsifiability matrix of `ledger`; throws when a planted fault is caught by no claim. */
export async function checkMutantMatrix(ledger: PaperLedger, opts: MutantMatrixTestOptions = {}): Promise<MutantMatrix> {
  const wanted = opts.claims === undefined ? null : new Set(opts.claims);
  const claims = ledger.claims.filter((c) => wanted === null || wanted.has(c.id));
  const m = await runMutantMatrixAsync(ledger, claims, { scale: opts.scale ?? 'ci', seed: opts.seed, runs: opts.runs });
  opts.onMatrix?.(m);
  if (m.claims.length === 0) throw new Error('no claim to run the faults against (claims tagged solver-independent are skipped)');
  const missed = m.mutants.filter((x) => x.caughtBy.length === 0).map((x) => `${x.id} (${x.description})`);
  if (missed.length > 0) throw new Error(`not caught by any claim in ${m.runsPerCell} runs per cell: ${missed.join('; ')}`);
  return m;
}

/** One test: the falsifiability matrix of `ledger` (every planted fault against the claims) leaves no fault uncaught. */
export function mutantMatrixTest(ledger: PaperLedger, opts: MutantMatrixTestOptions = {}): void {
  test(opts.name ?? 'every planted fault is caught by some claim', async () => { await checkMutantMatrix(ledger, opts); }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}
