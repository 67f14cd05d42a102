/**
 * TKS Lemma 1 (AP-ADMMiRNN, from [40]): if ∞ > L_ρ(θ⁰) − Φ* ≥ 0, Φ* > −∞, and ρ_i > ρ̄(H) = ((1 + H + H²) +
 * √((1 + H + H²)² + 8H²))/2 (16), then the iterates of Algorithms 2 and 4 are bounded and their limit points are
 * KKT points. The hypotheses are checked for satisfiability first: they can be met (Φ* ≥ 0 for both losses, ρ̄
 * finite), but ρ̄(H) > 1 while H = O(1/M), so the solver's defaults (ρ_i = 2/M) never meet (16) at M ≥ 2. "There
 * exists a constant S ∈ [1, N]" is never used again. The conclusions are checked on AP-ADMMiRNN runs on one Problem 2
 * (solver/parallel/staleSweep.ts: the threaded AP pipelines batches and restarts the multipliers per visit, so its
 * iterates are not those of one Problem 2), with (16) met and the state blocks' delays the worst within τ or drawn.
 *
 * Claims     tks.lemma1.hypotheses · tks.lemma1.ap-bounded · tks.lemma1.ap-kkt
 * Solver     the solver's default ρ_i (solver/defaults.ts); AP-ADMMiRNN on one problem (solver/parallel/staleSweep.ts)
 * Oracle     H of the loss, R ≥ 0 at the point, ρ̄(H) of (16) (_internals/ap.ts); ‖(θ, λ)‖ and dist(0, ∂L_ρ)
 *            (theory/kkt.ts) from the iterates (_internals/apTrajectory.ts)
 * Instances  tks.point, tks.ap-run (_internals/families.ts)
 */
import { oracle } from '../../../engine/attribution.ts';
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { defaultHyper } from '../solver/defaults.ts';
import { alValue } from '../theory/lagrangian.ts';
import { lemma1RhoBar } from './_internals/ap.ts';
import { lossLipschitz } from '../problem/loss.ts';
import { apTrajectory } from './_internals/apTrajectory.ts';
import { hOf, src } from './_internals/common.ts';
import { apRuns, points, type ApRunCase } from './_internals/families.ts';
import { boundedVerdict, kktVerdict } from './_internals/trajectory.ts';
import { buildPoint, type PointSpec } from './_internals/points.ts';

const hypotheses = claimGroup<PointSpec>({ family: points, hypotheses: [], tags: ['hypotheses', 'ap'] })({
  id: 'tks.lemma1.hypotheses',
  source: src('Lemma 1 (16)', ['(16)']),
  statement:
    'The hypotheses of Lemma 1 can be met together: Φ* > −∞, ∞ > L_ρ(θ⁰) − Φ* ≥ 0, and ρ_i > ((1 + H + H²) + √((1 + H + H²)² + 8H²))/2 (16) for i = 1, 2, 3.',
  method:
    'Draws a point (tks.point: loss, M = N·B); Φ* ≥ 0 because R ≥ 0 for both losses (the oracle\'s R at the point must be ≥ 0 and (8) '
    + 'finite), ρ̄(H) of (16) must be finite, and ρ_i = 2ρ̄(H) meets (16): holds. The note records whether the solver\'s defaults at this M '
    + 'meet (16) (they cannot: ρ̄ > 1 > 2/M).',
  kind: 'inequality',
  runs: { ci: 10 },
  check: (s) => {
    const pt = buildPoint(s);
    const H = hOf(pt), bar = lemma1RhoBar(H), M = s.dims.N * s.dims.B;
    const v = oracle(() => alValue(pt), 'alValue');
    // Φ* ≥ inf R = 0 > −∞, the gap L_ρ(θ⁰) − Φ* finite, and ρ̄(H) finite: then ρ_i = 2ρ̄(H) meets (16)
    if (!(v.R >= 0 && Number.isFinite(v.L) && Number.isFinite(bar))) return { status: 'violated', detail: `R = ${v.R}, L_ρ(θ⁰) = ${v.L}, ρ̄(H) = ${bar}: (16) cannot be met` };
    const def = defaultHyper(M).rho1;
    return { status: 'holds', note: `ρ̄(H = ${H.toPrecision(3)}) = ${bar.toPrecision(6)}; the default ρ_i = ${def.toPrecision(3)} ${def > bar ? 'meets' : 'does not meet'} (16) at M = ${M}` };
  },
});

/** Lemma 1's (16): ρ_i > ρ̄(H) for i = 1, 2, 3 (Φ* ≥ 0 > −∞ always: R ≥ 0). */
const rhoOverBar = {
  name: 'ρ_i > ρ̄(H) (16), i = 1, 2, 3',
  test: (c: ApRunCase): true | string => {
    const { dims, loss, hyper } = c.run.point;
    const bar = lemma1RhoBar(lossLipschitz(loss, dims.N * dims.B));
    const bad = (['rho1', 'rho2', 'rho3'] as const).filter((k) => !(hyper[k] > bar));
    return bad.length === 0 || `${bad.join(', ')} ≤ ρ̄(H) = ${bar.toPrecision(4)}`;
  },
};

/** Iterations of every AP run (at least): delays of up to τ − 1 = 3 iterations need room to show a decrease. */
const AP_MIN_K = 48;

const onApRuns = claimGroup<ApRunCase>({ family: apRuns, hypotheses: [rhoOverBar], tags: ['solver', 'asymptotic', 'ap'] });

const apBounded = onApRuns({
  id: 'tks.lemma1.ap-bounded',
  source: src('Lemma 1 (bounded iterates)', ['(16)']),
  statement: 'Under (16), the iterates θ^k of AP-ADMMiRNN (Algorithms 2 and 4) on Problem 2 are bounded.',
  method:
    `Runs AP-ADMMiRNN on one problem (tks.ap-run: the state blocks read parameters up to τ − 1 iterations old, worst or drawn) for max(K, ${AP_MIN_K}) `
    + 'iterations and measures ‖(θ^k, λ^k)‖: a non-finite iterate is violated; holds when the largest norm over the second half is at most twice '
    + 'the largest over the first half (start included), inconclusive otherwise (a finite run cannot refute boundedness).',
  kind: 'asymptotic',
  runs: { ci: 10 },
  check: (c, ctx) => {
    const t = apTrajectory(c, ctx.faults, AP_MIN_K);
    if (t.diverged !== null) return { status: 'violated', detail: `the run diverged (${t.diverged}, τ = ${c.tau})` };
    return boundedVerdict(t.norm, `; τ = ${c.tau}, largest delay ${t.maxDelay}`);
  },
});

const apKkt = onApRuns({
  id: 'tks.lemma1.ap-kkt',
  source: src('Lemma 1 (limit points are KKT points of Problem 2)', ['(16)']),
  statement: 'Under (16), the limit points of AP-ADMMiRNN\'s iterates satisfy the KKT conditions of Problem 2: dist(0, ∂L_ρ(θ^k, λ^k)) → 0.',
  method:
    `Runs AP-ADMMiRNN on one problem (tks.ap-run) for max(K, ${AP_MIN_K}) iterations and recomputes dist(0, ∂L_ρ) = ‖∇L_ρ‖ over θ and λ at every `
    + 'iterate (theory/kkt.ts; at λ-stationarity the constraints hold, so this is the KKT residual). A non-finite iterate is violated; holds when '
    + 'the last value is at most half the maximum over the run (or within rtol of 0 against the size of (8)\'s terms), inconclusive otherwise.',
  kind: 'asymptotic',
  runs: { ci: 10 },
  check: (c, ctx) => {
    const t = apTrajectory(c, ctx.faults, AP_MIN_K);
    if (t.diverged !== null) return { status: 'violated', detail: `the run diverged (${t.diverged}, τ = ${c.tau})` };
    return kktVerdict(t.dist, t.scale, ctx.rtol, `; τ = ${c.tau}, largest delay ${t.maxDelay}`);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [hypotheses, apBounded, apKkt];
