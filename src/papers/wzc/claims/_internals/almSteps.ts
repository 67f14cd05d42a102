/**
 * Claims that watch a run of Algorithm 3.1 (the ALM): the ALM claim groups (with or without a restart level Γ),
 * the rounding scales of C1, C2, the longer inner cap for outputs that must stop by (3.17), and the finite proxy
 * "→ 0" of the asymptotic claims (Theorems 4.7, 4.8).
 *
 * Algorithm-step claims recompute what the solver should have done from the observed iterates alone (the
 * constraints of the problem layer, never the solver's buffers) and compare. Inequalities that rest on exact block
 * minimization ((3.6), (4.16), (4.31)) are reported `inconclusive` instead of `violated` when the block systems
 * are beyond double precision (`unlessUnresolvable`, condition number > 1e-3/ε), as bcdSteps.ts explains.
 */
import { claimGroup } from '../../../../engine/claimGroup.ts';
import type { Verdict } from '../../../../engine/types.ts';
import { sigmaInto } from '../../../../models/activations/piecewise.ts';
import { psiW } from '../../../../models/elman.ts';
import type { Iterate, Problem } from '../../problem/types.ts';
import { almFamily, type WzcAlmCase } from './families.ts';
import { ALM_HYPOTHESIS, LEVEL_HYPOTHESIS, type WzcAlmLevelCase } from './runs.ts';
import { almLevelFamily } from './sec4Families.ts';

/** Short ALM runs: K ≤ 8 outer, J ≤ 10 inner iterations at ci, η's inside Algorithm 3.1's intervals (η3 > 1). */
const almRuns = almFamily('wzc.alm');

/** Claims over short ALM runs (the wzc.alm family) under Algorithm 3.1's parameter hypotheses. */
export const onAlmRuns = claimGroup<WzcAlmCase>({ family: almRuns, hypotheses: [ALM_HYPOTHESIS] });

/** The verdict of a run that made no ALM iteration (nothing to check). */
export const NO_OUTER: Verdict = { status: 'hypotheses-unmet', unmet: ['the run made no ALM iteration'] };

/** Ψ(h)w and σ(u) at s (model layer), for the rounding scales of C1, C2. */
export function terms(prob: Problem, s: Iterate): { Pw: Float64Array; sig: Float64Array } {
  const d = prob.data.dims;
  const Pw = new Float64Array(d.T * d.r), sig = new Float64Array(d.T * d.r);
  psiW(d, prob.data.X, s.z, s.h, Pw);
  sigmaInto(prob.activation, s.u, sig);
  return { Pw, sig };
}

/**
 * Inner cap for the claims about ALM outputs whose BCD stopped by (3.17): the family's J ≤ 10 almost never
 * reaches the printed threshold ε/max{L1, L2, μ}, so these runs get a longer BCD.
 */
export const ALM_STOP_CAP = 400;

/** The asymptotic claims extend each run to at least this many ALM iterations. */
export const ASYMPTOTIC_MIN_OUTER = 10;

/** Finite proxy of "→ 0": the last value is at most this fraction of the run's largest. */
const TREND_FACTOR = 0.5;

/**
 * The finite proxy of "→ 0": holds when the last value is at most {@link TREND_FACTOR} of the run's largest,
 * inconclusive (never violated: a limit cannot be refuted in finite time) otherwise or on runs shorter than 4.
 */
export function trendVerdict(name: string, values: number[], extra: string): Verdict {
  if (values.length < 4) return { status: 'inconclusive', detail: `${name}: run of ${values.length} ALM iterations is too short for a trend` };
  const last = values[values.length - 1], top = Math.max(...values);
  const detail = `${name}: last ${last.toExponential(3)}, max ${top.toExponential(3)} over ${values.length} iterations${extra}`;
  if (last <= TREND_FACTOR * top) return { status: 'holds', ratio: top > 0 ? last / top : 0, note: detail };
  return { status: 'inconclusive', ratio: last / top, detail: `no visible decrease — ${detail}` };
}

/** ALM runs with a restart level Γ = L(s⁰) + slack, so (3.13) takes both branches. */
const almLevelRuns = almLevelFamily('wzc.alm-level');

/** Claims over ALM runs with a restart level Γ ≥ L(s⁰) ((3.10)) and starting multipliers. */
export const onAlmLevelRuns = claimGroup<WzcAlmLevelCase>({ family: almLevelRuns, hypotheses: [ALM_HYPOTHESIS, LEVEL_HYPOTHESIS] });
