/**
 * Evaluating a claim on one instance, for every path of the engine (runs, shrinking, replays, fixtures): a
 * verdict or an engine error (attribution.ts), and the JSON forms reports keep.
 */
import { describeError, EngineError } from './attribution.ts';
import type { ClaimVerdict } from './stats.ts';
import type { CheckContext, RegisteredClaim, Verdict } from './types.ts';

/** No planted bugs: the context of every run outside the mutant matrix. */
export const NO_FAULTS: ReadonlySet<string> = new Set<string>();

/** A verdict safe for JSON (non-finite margin/ratio dropped: JSON has no Infinity). */
export function jsonVerdict(v: Verdict): Verdict {
  const out: Record<string, unknown> = { ...v };
  if (out.margin !== undefined && !Number.isFinite(out.margin)) delete out.margin;
  if (out.ratio !== undefined && !Number.isFinite(out.ratio)) delete out.ratio;
  return out as Verdict;
}

/**
 * What evaluating a claim on one instance gave: a verdict, or an engine error (an oracle, a hypothesis test or the
 * evaluation machinery failed; see attribution.ts) described in one line.
 */
export type Evaluation = { verdict: Verdict; engineError?: undefined } | { verdict?: undefined; engineError: string };

function engineErrorOf(e: unknown): Evaluation {
  return { engineError: e instanceof EngineError ? e.message : `evaluation threw ${describeError(e)}` };
}

/**
 * Evaluate a claim on one instance; never throws. A claim whose check returns a Promise is an engine error here
 * (run it with `runClaimAsync`, runner.ts).
 */
export function evaluateInstance(claim: RegisteredClaim, instance: unknown, ctx: CheckContext): Evaluation {
  let v: Verdict | Promise<Verdict>;
  try {
    v = claim.evaluate(instance, ctx);
  } catch (e) {
    return engineErrorOf(e);
  }
  if (v instanceof Promise) {
    v.catch(() => undefined); // nobody awaits it: keep its rejection from going unhandled
    return { engineError: `claim ${claim.id} is asynchronous (its check returned a Promise): run it with runClaimAsync` };
  }
  return { verdict: v };
}

/** {@link evaluateInstance} for synchronous and asynchronous claims alike. */
export async function evaluateInstanceAsync(claim: RegisteredClaim, instance: unknown, ctx: CheckContext): Promise<Evaluation> {
  try {
    return { verdict: await claim.evaluate(instance, ctx) };
  } catch (e) {
    return engineErrorOf(e);
  }
}

/** A claim instance as JSON (null if `toJSON` fails) and its one-line description, for reports. */
export function describeInstance(claim: RegisteredClaim, instance: unknown): { json: unknown; description: string } {
  let json: unknown = null;
  let description = claim.familyName;
  try {
    json = claim.toJSON(instance);
  } catch (e) {
    description = `(toJSON failed: ${e instanceof Error ? e.message : String(e)}) `;
  }
  try {
    description = claim.describe(instance);
  } catch {
    // keep the family name
  }
  return { json, description };
}

/** Does a (claim or instance) verdict agree with the claim's expectation? */
export function verdictMatches(claim: Pick<RegisteredClaim, 'expected' | 'tags'>, verdict: ClaimVerdict): boolean {
  if (verdict === 'inconclusive' && claim.tags.includes(WALL_CLOCK_TAG)) return true;
  return claim.expected.status === 'refuted' ? verdict === 'violated' : verdict === 'holds';
}

/**
 * Tag of a claim measured on wall time (e.g. TKS Figs 11–12: which variant reaches a loss first). Such a claim can
 * only be decided when the machine is otherwise idle; a busy machine (parallel test files, verify's other workers)
 * leaves it `inconclusive`, which matches its expectation — it is never reversed, and its inconclusive budget
 * still applies. Its experiment (`lagrangelab reproduce`) decides it on a quiet machine.
 */
export const WALL_CLOCK_TAG = 'wall-clock';
