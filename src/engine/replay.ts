/**
 * Replaying one fast-check path of a claim's run stream (`lagrangelab verify --claim … --seed … --path …`): the
 * instance a run or a shrink step drew, evaluated once, without shrinking.
 */
import fc from 'fast-check';
import { DEFAULT_RTOL } from './tolerance.ts';
import { PINNED, type LocatedInstance } from './runner.ts';
import { describeInstance, evaluateInstance, evaluateInstanceAsync, jsonVerdict, NO_FAULTS, verdictMatches, type Evaluation } from './evaluate.ts';
import type { CheckContext, RegisteredClaim, Scale, Verdict } from './types.ts';

/** The result of replaying one fast-check path of a claim. */
export interface PathReplay extends Omit<LocatedInstance, 'verdict'> {
  claim: string;
  /** Verdict of the instance; null when the engine could not evaluate it (see {@link PathReplay.engineError}). */
  verdict: Verdict | null;
  /** Why the engine could not evaluate the instance (an oracle or a hypothesis test failed), else null. */
  engineError: string | null;
  /** Verdict agrees with the claim's expectation (violated for refuted claims, holds otherwise). */
  matchesExpectation: boolean;
}

/** Options of {@link replayPath}. */
export interface ReplayOptions {
  seed: number;
  path: string;
  scale?: Scale;
  rtol?: number;
}

function replayParams(opts: ReplayOptions): Partial<fc.Parameters<[unknown]>> {
  return { ...PINNED, seed: opts.seed, numRuns: 1, path: opts.path, endOnFailure: true };
}

function pathReplay(claim: RegisteredClaim, opts: ReplayOptions, got: { e: Evaluation; instance: unknown } | null): PathReplay {
  if (got === null) throw new Error(`path ${opts.path} produced no instance`);
  const { json, description } = describeInstance(claim, got.instance);
  const verdict = got.e.verdict === undefined ? null : jsonVerdict(got.e.verdict);
  return {
    claim: claim.id, seed: opts.seed, path: opts.path, scale: opts.scale ?? 'ci', instance: json, description, verdict,
    engineError: got.e.engineError ?? null, matchesExpectation: verdict !== null && verdictMatches(claim, verdict.status),
  };
}

/** Re-create the instance at `path` of the claim's stream for `seed` and evaluate it once (no shrinking). */
export function replayPath(claim: RegisteredClaim, opts: ReplayOptions): PathReplay {
  const ctx: CheckContext = { rtol: opts.rtol ?? DEFAULT_RTOL, faults: NO_FAULTS };
  let got: { e: Evaluation; instance: unknown } | null = null;
  fc.check(
    fc.property(claim.arbitrary(opts.scale ?? 'ci'), (inst: unknown) => {
      if (got === null) got = { e: evaluateInstance(claim, inst, ctx), instance: inst };
      return true;
    }),
    replayParams(opts),
  );
  return pathReplay(claim, opts, got);
}

/** {@link replayPath} for claims whose check may return a Promise. */
export async function replayPathAsync(claim: RegisteredClaim, opts: ReplayOptions): Promise<PathReplay> {
  const ctx: CheckContext = { rtol: opts.rtol ?? DEFAULT_RTOL, faults: NO_FAULTS };
  let got: { e: Evaluation; instance: unknown } | null = null;
  await fc.check(
    fc.asyncProperty(claim.arbitrary(opts.scale ?? 'ci'), async (inst: unknown) => {
      if (got === null) got = { e: await evaluateInstanceAsync(claim, inst, ctx), instance: inst };
      return true;
    }),
    replayParams(opts),
  );
  return pathReplay(claim, opts, got);
}
