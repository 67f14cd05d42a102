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
import { evaluateSafely, jsonVerdict } from './runner.ts';
import type { RegisteredClaim, Verdict } from './types.ts';

/** A parsed fixture file. */
export interface CounterexampleFixture {
  claim: string;
  seed?: number;
  path?: string;
  instance: unknown;
  expected: 'violated' | 'holds';
  note?: string;
}

/** How a fixture replayed. `ok`: as expected; `mismatch`: verdict differs (a failure); `malformed`: unreadable
 * file or instance (a failure); `unregistered`: no such claim (reported only); `skipped`: claim not selected. */
export type FixtureStatus = 'ok' | 'mismatch' | 'malformed' | 'unregistered' | 'skipped';

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
  return r.status === 'mismatch' || r.status === 'malformed';
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
  return {
    claim: o.claim, instance: o.instance, expected: o.expected,
    ...(o.seed !== undefined ? { seed: o.seed as number } : {}),
    ...(o.path !== undefined ? { path: o.path as string } : {}),
    ...(o.note !== undefined ? { note: o.note as string } : {}),
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

/** Replay every `*.json` fixture under `dir` (sorted by relative path). A missing directory means no fixtures. */
export function replayFixtures(opts: FixtureReplayOptions): FixtureResult[] {
  if (!existsSync(opts.dir)) return [];
  const files = fixtureFiles(opts.dir);
  const ctx = { rtol: opts.rtol ?? DEFAULT_RTOL, mutant: null };
  const results: FixtureResult[] = [];
  for (const f of files) {
    const full = join(opts.dir, f);
    const file = relative(opts.root, full).split('\\').join('/');
    let fx: CounterexampleFixture;
    try {
      fx = parseFixture(JSON.parse(readFileSync(full, 'utf8')));
    } catch (e) {
      results.push({ file, claim: null, expected: null, status: 'malformed', detail: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const base = { file, claim: fx.claim, expected: fx.expected, ...(fx.note !== undefined ? { note: fx.note } : {}) };
    const claim = opts.lookup(fx.claim);
    if (claim === undefined) {
      results.push({ ...base, status: 'unregistered', detail: `claim ${fx.claim} is not registered` });
      continue;
    }
    if (opts.selected !== undefined && !opts.selected.has(fx.claim)) {
      results.push({ ...base, status: 'skipped' });
      continue;
    }
    let instance: unknown;
    try {
      instance = claim.fromJSON(fx.instance);
    } catch (e) {
      results.push({ ...base, status: 'malformed', detail: `instance: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const verdict = jsonVerdict(evaluateSafely(claim, instance, ctx));
    const ok = verdict.status === fx.expected;
    results.push({
      ...base, status: ok ? 'ok' : 'mismatch', verdict,
      ...(ok ? {} : { detail: `expected ${fx.expected}, got ${verdict.status}` }),
    });
  }
  return results;
}
