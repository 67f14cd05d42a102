/**
 * Claims that watch one run of Algorithm 3.2 (the BCD for the subproblem (3.5)): the BCD claim groups, the
 * per-iteration harness that recomputes the four AL values of every BCD iteration from the observed iterates
 * (not the solver's numbers), the local strong-convexity moduli of (4.4)–(4.5), and the exact-stop runs of
 * (4.9) (Theorems 4.4 and 4.6).
 *
 * Every per-iteration claim runs the REAL solver with an observer and checks every iteration; the verdict is
 * `violated` at the first failing iteration, with (k, j) in the detail. Two numerical provisos, both from the
 * tolerance policy's "rounding must not make a counterexample": comparisons of L values are scaled by the size of
 * L's terms (`alTermScale`; at γ ~ 1e15 that is far above |L|), and a violation at an iteration whose block
 * systems may have condition number > 1e-3/ε is reported `inconclusive` (`unlessUnresolvable`) — ALM runs reach
 * that regime when γ grows like ‖ξ‖^{1+η3}; we saw one deep-scale run ascend by 177 there and diverge one
 * iteration later.
 */
import { claimGroup } from '../../../../engine/claimGroup.ts';
import { IterationChecks, runChecked } from '../../../../engine/iterationChecks.ts';
import { compareGe } from '../../../../engine/tolerance.ts';
import type { Claim, RegisteredClaim, Verdict } from '../../../../engine/types.ts';
import { alParts } from '../../problem/lagrangian.ts';
import type { Iterate } from '../../problem/types.ts';
import type { AlmObserver } from '../../solver/index.ts';
import { alpha1, alpha2 } from '../../theory/hessian.ts';
import { bcdFamily, type WzcBcdCase } from './families.ts';
import { BCD_HYPOTHESIS, EXACT_STOP_HYPOTHESIS, runBcdCase, unlessUnresolvable, type SolverContext } from './runs.ts';

/** The BCD family: one Algorithm 3.2 run (ALM iteration k = 1) with random ξ, ζ, γ, μ, ε and cap J ≤ 15 (ci). */
const bcdRuns = bcdFamily('wzc.bcd');

/** Claims over one BCD run (wzc.bcd) under Algorithm 3.2's standing assumptions. */
export const onBcdRuns = claimGroup<WzcBcdCase>({ family: bcdRuns, hypotheses: [BCD_HYPOTHESIS] });

/** Tags of the per-iteration claims cheap enough for the mutant matrix's property suite. */
export const PROBE_TAGS = ['per-iteration', 'solver', 'mutant-probe'];

/** The verdict of a run that made no iteration (nothing to check). */
export const NO_ITER: Verdict = { status: 'hypotheses-unmet', unmet: ['the run made no iteration'] };

/** `k=…, j=…` for the details of per-iteration sub-checks. */
export const at = (k: number, j: number) => `k=${k}, j=${j}`;

/** The four AL values of one BCD iteration, recomputed from the event's iterates (not the solver's numbers). */
export interface StepValues {
  k: number; j: number; gamma: number;
  prev: Iterate; sz: Iterate; sh: Iterate; s: Iterate;
  Lprev: number; Lz: number; Lh: number; L: number;
}

/**
 * Run one BCD case and hand every iteration (with independently recomputed L values) to `each`, whose sub-checks
 * go through `add` (a violation at an iteration whose block systems are beyond double precision is downgraded
 * to inconclusive, see `unlessUnresolvable`).
 */
export function perBcdStep(c: WzcBcdCase, ctx: SolverContext, each: (v: StepValues, add: (verdict: Verdict) => void) => void): Verdict {
  const checks = new IterationChecks();
  const L = (s: Iterate) => alParts(c.prob, s, c.mult, c.gamma).L;
  const obs: AlmObserver = {
    onBcdStep(e) {
      const prev = e.prev as Iterate, sz = e.sz as Iterate, sh = e.sh as Iterate, s = e.s as Iterate;
      const add = (verdict: Verdict): void => {
        checks.add(unlessUnresolvable(verdict, c.prob, e.gamma, prev, s));
      };
      each({ k: e.k, j: e.j, gamma: e.gamma, prev, sz, sh, s, Lprev: L(prev), Lz: L(sz), Lh: L(sh), L: L(s) }, add);
    },
  };
  return runChecked(checks, () => void runBcdCase(c, ctx, obs), NO_ITER);
}

/**
 * The local strong-convexity moduli of the two quadratic blocks at the actual step: ∇²_z L depends on h only,
 * so (4.4)'s modulus is α1 at s^(j−1) (h^(j−1)); ∇²_h L depends on A, W (and γ), so (4.5)'s is α2 at s_z^(j)
 * (z^(j)). For a quadratic block minimized exactly, L(before) − L(after) = ½Δᵀ∇²Δ ≥ (λ_min/2)‖Δ‖², so the
 * local inequality is exact; the paper's α's are infima over Ω_L(Γ) (≤ local), so the local form is the
 * stronger statement.
 */
export function localAlphas(c: WzcBcdCase, v: StepValues): { a1: number; a2: number } {
  return { a1: alpha1(c.prob, v.prev, v.gamma), a2: alpha2(c.prob, v.sz, v.gamma) };
}

/** One block's decrease at a BCD iteration: L before and after the block update, and the bound c‖Δ‖² on the drop. */
export interface BlockDrop {
  before: number;
  after: number;
  bound: number;
  what: string;
}

/** A claim "(4.4)/(4.5)/(4.6): L(before) − L(after) ≥ c‖Δ‖² at every BCD iteration" for one block. */
export function blockDecrease(spec: Pick<Claim<WzcBcdCase>, 'id' | 'source' | 'statement' | 'method' | 'runs'>, drop: (c: WzcBcdCase, v: StepValues) => BlockDrop): RegisteredClaim {
  return onBcdRuns({
    ...spec,
    kind: 'inequality',
    tags: PROBE_TAGS,
    check: (c, ctx) =>
      perBcdStep(c, ctx, (v, add) => {
        const d = drop(c, v);
        add(compareGe(d.before - d.after, d.bound, ctx, { scale: Math.abs(d.before), what: d.what }));
      }),
  });
}

/** BCD runs with ε = 0 (exact stop test (4.9)). */
const exactRuns = bcdFamily('wzc.bcd-exact', { eps: 'zero' });

/** Claims over BCD runs with ε = 0, i.e. the exact stop test (4.9) (Theorems 4.4, 4.6). */
export const onExactRuns = claimGroup<WzcBcdCase>({ family: exactRuns, hypotheses: [BCD_HYPOTHESIS, EXACT_STOP_HYPOTHESIS], runs: { ci: 60, deep: 600 } });

/** Inner cap for the exact stop (4.9): about 40% of the ci cases reach s^(j) = s^(j−1) bitwise within it. */
export const EXACT_CAP = 5000;

/** Run the ε = 0 BCD and hand the exact-stop iteration (‖s^(j) − s^(j−1)‖ = 0) to `atStop`. */
export function atExactStop(c: WzcBcdCase, ctx: SolverContext, atStop: (e: Parameters<NonNullable<AlmObserver['onBcdStep']>>[0], checks: IterationChecks) => void): Verdict {
  const checks = new IterationChecks();
  const obs: AlmObserver = {
    onBcdStep(e) {
      if (e.step === 0) atStop(e, checks);
    },
  };
  return runChecked(checks, () => void runBcdCase(c, ctx, obs, EXACT_CAP), {
    status: 'hypotheses-unmet', unmet: [`(4.9) ‖s^(j) − s^(j−1)‖ = 0 not reached within ${EXACT_CAP} iterations`],
  });
}
