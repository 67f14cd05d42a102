/**
 * Counterexample fixtures: `fixtures/counterexamples/<paper>/<claim id>.json` (a second fixture of the same claim:
 * `<claim id>--<what>.json`), each one instance of one claim with the verdict
 * it must keep. They are replayed before any random run, so a documented counterexample that stops failing
 * (or a regression instance that starts failing) is noticed even if the random stream never draws it again.
 *
 * Schema of a fixture file:
 * ```json
 * { "claim": "wzc.lemma3.2.L1", "seed": 20261122, "path": "17:0:3", "instance": { … family.toJSON … },
 *   "expected": "violated", "note": "why this instance matters" }
 * ```
 * `seed` and `path` are provenance only (where the instance came from); `instance` is what is replayed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DEFAULT_RTOL } from './tolerance.ts';
import { evaluateInstance, evaluateInstanceAsync, jsonVerdict, NO_FAULTS, type Evaluation } from './evaluate.ts';
import type { CheckContext, RegisteredClaim, Verdict } from './types.ts';

/** A parsed fixture file. */
export interface CounterexampleFixture {
  claim: string;
  seed?: number;
  path?: string;
  instance: unknown;
  expected: 'violated' | 'holds';
  note?: string;
  /**
   * Why an `inconclusive` replay is not a mismatch, for a claim measured on wall time (a loaded machine can leave
   * it undecided, never reversed: its rule has a margin). Absent: only the expected verdict passes.
   */
  inconclusiveOk?: string;
}

/** How a fixture replayed. `ok`: as expected; `mismatch`: verdict differs (a failure); `malformed`: unreadable
 * file or instance (a failure); `engine-error`: an oracle or hypothesis test failed on it (a failure);
 * `unregistered`: no such claim (reported only); `skipped`: claim not selected. */
export type FixtureStatus = 'ok' | 'mismatch' | 'malformed' | 'engine-error' | 'unregistered' | 'skipped';

/** The replay of one fixture file. */
export interface FixtureResult {
  /** Path of the file relative to the root given to {@link replayFixtures}. */
  file: string;
  claim: string | null;
  expected: 'violated' | 'holds' | null;
  status: FixtureStatus;
  /** Verdict of the replay (absent unless evaluated). */
  verdict?: Verdict;
  note?: string;
  /** Why the file is malformed / what was wrong. */
  detail?: string;
}

/** Whether a fixture result makes the run fail. */
export function fixtureFailed(r: Pick<FixtureResult, 'status'>): boolean {
  return r.status === 'mismatch' || r.status === 'malformed' || r.status === 'engine-error';
}

/** Parse and validate a fixture's JSON; throws with a message naming the field. */
export function parseFixture(json: unknown): CounterexampleFixture {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('fixture: not an object');
  const o = json as Record<string, unknown>;
  if (typeof o.claim !== 'string' || o.claim === '') throw new Error('claim: expected a non-empty string');
  if (o.expected !== 'violated' && o.expected !== 'holds') throw new Error(`expected: must be "violated" or "holds"`);
  if (!('instance' in o)) throw new Error('instance: missing');
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new Error('seed: expected an integer');
  if (o.path !== undefined && typeof o.path !== 'string') throw new Error('path: expected a string');
  if (o.note !== undefined && typeof o.note !== 'string') throw new Error('note: expected a string');
  if (o.inconclusiveOk !== undefined && (typeof o.inconclusiveOk !== 'string' || o.inconclusiveOk === '')) {
    throw new Error('inconclusiveOk: expected a non-empty string (why an undecided replay is acceptable)');
  }
  return {
    claim: o.claim, instance: o.instance, expected: o.expected,
    ...(o.seed !== undefined ? { seed: o.seed as number } : {}),
    ...(o.path !== undefined ? { path: o.path as string } : {}),
    ...(o.note !== undefined ? { note: o.note as string } : {}),
    ...(o.inconclusiveOk !== undefined ? { inconclusiveOk: o.inconclusiveOk as string } : {}),
  };
}

/** Options of {@link replayFixtures}. */
export interface FixtureReplayOptions {
  /** Directory of the fixtures. */
  dir: string;
  /** Paths in results are relative to this root. */
  root: string;
  /** Look up a registered claim. */
  lookup: (id: string) => RegisteredClaim | undefined;
  /** Claims selected for this run (fixtures of other registered claims are `skipped`); all when absent. */
  selected?: ReadonlySet<string>;
  rtol?: number;
}

/** Every `*.json` file under `dir`, at any depth (one folder per paper), relative to `dir` with `/`, sorted. */
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.json') && statSync(join(dir, f)).isFile())
    .sort();
}

/** A fixture ready to evaluate, or its final result when it cannot be (malformed, unregistered, skipped). */
type Prepared = FixtureResult | { base: Omit<FixtureResult, 'status'>; claim: RegisteredClaim; instance: unknown; expected: 'violated' | 'holds'; inconclusiveOk: boolean };

/** Read, parse and look up every `*.json` fixture under `dir`, at any depth (sorted by relative path). A missing directory means none. */
function prepareFixtures(opts: FixtureReplayOptions): Prepared[] {
  if (!existsSync(opts.dir)) return [];
  const files = fixtureFiles(opts.dir);
  return files.map((f): Prepared => {
    const full = join(opts.dir, f);
    const file = relative(opts.root, full).split('\\').join('/');
    let fx: CounterexampleFixture;
    try {
      fx = parseFixture(JSON.parse(readFileSync(full, 'utf8')));
    } catch (e) {
      return { file, claim: null, expected: null, status: 'malformed', detail: e instanceof Error ? e.message : String(e) };
    }
    const base = { file, claim: fx.claim, expected: fx.expected, ...(fx.note !== undefined ? { note: fx.note } : {}) };
    const claim = opts.lookup(fx.claim);
    if (claim === undefined) return { ...base, status: 'unregistered', detail: `claim ${fx.claim} is not registered` };
    if (opts.selected !== undefined && !opts.selected.has(fx.claim)) return { ...base, status: 'skipped' };
    try {
      return { base, claim, instance: claim.fromJSON(fx.instance), expected: fx.expected, inconclusiveOk: fx.inconclusiveOk !== undefined };
    } catch (e) {
      return { ...base, status: 'malformed', detail: `instance: ${e instanceof Error ? e.message : String(e)}` };
    }
  });
}

function fixtureResult(p: Extract<Prepared, { base: unknown }>, e: Evaluation): FixtureResult {
  if (e.verdict === undefined) return { ...p.base, status: 'engine-error', detail: `engine error: ${e.engineError}` };
  const verdict = jsonVerdict(e.verdict);
  const ok = verdict.status === p.expected || (p.inconclusiveOk && verdict.status === 'inconclusive');
  return { ...p.base, status: ok ? 'ok' : 'mismatch', verdict, ...(ok ? {} : { detail: `expected ${p.expected}, got ${verdict.status}` }) };
}

const contextOf = (opts: FixtureReplayOptions): CheckContext => ({ rtol: opts.rtol ?? DEFAULT_RTOL, faults: NO_FAULTS });

/** Replay every `*.json` fixture in `dir` (sorted by name). A missing directory means no fixtures. */
export function replayFixtures(opts: FixtureReplayOptions): FixtureResult[] {
  const ctx = contextOf(opts);
  return prepareFixtures(opts).map((p) => ('base' in p ? fixtureResult(p, evaluateInstance(p.claim, p.instance, ctx)) : p));
}

/** {@link replayFixtures} for ledgers with asynchronous claims. */
export async function replayFixturesAsync(opts: FixtureReplayOptions): Promise<FixtureResult[]> {
  const ctx = contextOf(opts);
  const out: FixtureResult[] = [];
  for (const p of prepareFixtures(opts)) out.push('base' in p ? fixtureResult(p, await evaluateInstanceAsync(p.claim, p.instance, ctx)) : p);
  return out;
}
