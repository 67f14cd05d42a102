/**
 * Running the real ZLY solver for the per-iteration claims: Algorithm 1 on a run case (planted faults from the
 * check's context reach it through `ZlyOptions.faults`), with Q^{k−2}, Q^{k−1}, Q^k copied at every iteration
 * and the LLA parameters (20)–(21) recomputed from Q^{k−1} (common.ts) so that the subproblems the checks hold
 * the solver against (theory/subproblems.ts) are the paper's, not the solver's. The harness is the engine's
 * (engine/iterationChecks.ts): the first violated iteration ends the run.
 */
import { IterationChecks, runChecked } from '../../../../engine/iterationChecks.ts';
import type { CheckContext, Verdict } from '../../../../engine/types.ts';
import { cloneZlyIterate, type ZlyIterate } from '../../problem/types.ts';
import { ZlyAdmm } from '../../solver/admm.ts';
import type { IterationContext } from '../../theory/subproblems.ts';
import { llaParameters, type LlaParameters } from './common.ts';
import type { ZlyRunCase } from './families.ts';

/** The part of a check's context a solver run needs: the planted bugs to switch on (none outside the matrix). */
export type SolverContext = Pick<CheckContext, 'faults'>;

/** One iteration k ≥ 1 as the checks see it. */
export interface ZlyStep {
  k: number;
  /** Q^{k−2} (null at k = 1). */
  prevPrev: ZlyIterate | null;
  /** Q^{k−1}. */
  prev: ZlyIterate;
  /** Q^k. */
  next: ZlyIterate;
  /** h^k, μ^k by the instance's rule from Q^{k−1}, recomputed here. */
  lla: LlaParameters;
  /** h^k, μ^k as the solver used them. */
  solverLla: LlaParameters;
  /** The subproblems' context (theory/subproblems.ts) with the recomputed h^k, μ^k. */
  sub: IterationContext;
}

/** A new solver for a case (light trace: the checks recompute what they need). */
export function zlySolver(c: ZlyRunCase, ctx: SolverContext): ZlyAdmm {
  return new ZlyAdmm(c.prob, c.W0, { lla: c.lla, faults: ctx.faults, trace: 'light' });
}

/**
 * Run up to K iterations (the case's unless given), calling `each` at every completed one; `initial` sees Q⁰
 * first. Stops early when the solver reports a non-finite value (the checks made so far stand).
 */
export function iterate(
  c: ZlyRunCase, ctx: SolverContext, each: (s: ZlyStep) => void, opts: { K?: number; initial?: (q0: ZlyIterate) => void } = {},
): { iterations: number; diverged: string | null; final: ZlyIterate } {
  const solver = zlySolver(c, ctx);
  let prev = solver.current(), prevPrev: ZlyIterate | null = null;
  opts.initial?.(prev);
  const K = opts.K ?? c.K;
  for (let k = 1; k <= K; k++) {
    const lla = llaParameters(c.prob, prev, c.lla);
    if (solver.step() === null) return { iterations: k - 1, diverged: solver.divergence, final: prev };
    const next = solver.current();
    each({ k, prevPrev, prev, next, lla, solverLla: solver.lastLipschitz(), sub: { prob: c.prob, prev, next, h: lla.h, mu: lla.mu } });
    prevPrev = prev;
    prev = cloneZlyIterate(next);
  }
  return { iterations: K, diverged: null, final: prev };
}

/** What a run that made no check returns unless the claim says otherwise. */
export const NO_CHECK: Verdict = { status: 'inconclusive', detail: 'the run made no check (it diverged before the first one)' };

/**
 * A per-iteration claim: `each` adds one verdict per sub-check; the worst decides the instance, the first
 * violation ends the run. `empty` is the verdict of a run without sub-checks.
 */
export function perIteration(
  c: ZlyRunCase, ctx: SolverContext, each: (s: ZlyStep, add: (v: Verdict) => void) => void,
  opts: { K?: number; initial?: (q0: ZlyIterate, add: (v: Verdict) => void) => void; empty?: Verdict } = {},
): Verdict {
  const checks = new IterationChecks();
  const add = (v: Verdict): void => checks.add(v);
  return runChecked(
    checks,
    () => void iterate(c, ctx, (s) => each(s, add), { K: opts.K, initial: opts.initial ? (q0) => opts.initial?.(q0, add) : undefined }),
    opts.empty ?? NO_CHECK,
  );
}

/** `k=…` for details. */
export const at = (k: number): string => `k=${k}`;

/** Copy of an iterate. */
export const snapshot = cloneZlyIterate;
