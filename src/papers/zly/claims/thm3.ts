/**
 * ZLY Theorem 3 (Appendix A; Theorem 1 is its normalized case): under (42)–(47), with h, μ by (20)–(22),
 *   (a) {L(Q^k)} is convergent; (b) {Q^k} converges to a stationary point of L, which is a KKT point (24) of (5);
 *   (c) (1/K)Σ_{k=1}^K‖∇L(Q^k)‖² → 0 at an O(1/K) rate, i.e. Σ_{k≤K}‖∇L(Q^k)‖² stays bounded.
 * These are statements about limits: a finite run can refute them only where the proof gives a finite bound (a
 * divergent run; the telescoped descent (62)), and otherwise shows them (holds) or fails to (inconclusive). Each
 * verdict's note says what the network is at the end of the run: under (42)–(47), λ ≥ ~1e4–1e15 drives W to ~0 in
 * one iteration, so the KKT point reached is the ridge-dominated near-zero network (the envelope quantifies this).
 *
 * Claims     zly.thm3.a-convergence · zly.thm3.b-kkt · zly.thm3.c-rate
 * Solver     ZlyAdmm (solver/admm.ts), runs of ≥ 24 iterations at (multiples of) the smallest β, λ of (42)–(45)
 * Oracle     L of (6) from its definition (problem/lagrangian.ts); ∇L and the KKT residuals of (24) by their own
 *            formulas (theory/gradient.ts); ξ, a, C3 of problem/conditions.ts
 * Instances  zly.run-theorem3 (_internals/families.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { oracle } from '../../../engine/attribution.ts';
import { compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { descentWeights } from '../problem/conditions.ts';
import { zlyLagrangian } from '../problem/lagrangian.ts';
import { targetVariance, trainingMse } from '../problem/network.ts';
import type { ZlyIterate } from '../problem/types.ts';
import { layers } from '../problem/types.ts';
import { kktResidual, zlyGradientNorm } from '../theory/gradient.ts';
import { diffNorm, fro, lagrangianScale, src } from './_internals/common.ts';
import { constantsOf, inputOf, theorem3Conditions } from './_internals/conditions.ts';
import { strongRuns, type ZlyRunCase } from './_internals/families.ts';
import { iterate, type SolverContext } from './_internals/runs.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: strongRuns, hypotheses: [theorem3Conditions()], tags: ['solver', 'asymptotic'] });

/** Iterations of the asymptotic claims (at least; deep cases run their own K if larger). */
const MIN_K = 24;

/** What the run leaves, for the verdicts and their notes. */
interface Trajectory {
  L: number[];
  kkt: number[];
  grad2: number[];
  /** Σ_{k≥2}(‖ΔW^k‖² + ‖ΔV^k‖²). */
  steps2: number;
  /** L̂(Q̂¹) with ξ of (91)–(94). */
  lhat1: number;
  diverged: string | null;
  final: ZlyIterate;
  scale: number;
}

function trajectory(c: ZlyRunCase, ctx: SolverContext, withGradients: boolean): Trajectory {
  const { prob } = c;
  const N = layers(prob.dims), xi = descentWeights(inputOf(c), prob.beta, prob.lambda).xi;
  const t: Trajectory = { L: [], kkt: [], grad2: [], steps2: 0, lhat1: NaN, diverged: null, final: null as unknown as ZlyIterate, scale: 1 };
  const r = iterate(c, ctx, (s) => {
    const L = zlyLagrangian(prob, s.next).L;
    t.L.push(L);
    t.kkt.push(oracle(() => kktResidual(prob, s.next).total, 'kktResidual'));
    if (withGradients) t.grad2.push(oracle(() => zlyGradientNorm(prob, s.next), 'zlyGradientNorm') ** 2);
    if (s.k === 1) {
      t.lhat1 = L;
      for (let i = 1; i <= N; i++) t.lhat1 += xi[i - 1] * diffNorm(s.next.V[i - 1], s.prev.V[i - 1]) ** 2;
      t.scale = lagrangianScale(prob, s.next);
    } else {
      for (let i = 1; i <= N; i++) t.steps2 += diffNorm(s.next.W[i - 1], s.prev.W[i - 1]) ** 2 + diffNorm(s.next.V[i - 1], s.prev.V[i - 1]) ** 2;
    }
  }, { K: Math.max(c.K, MIN_K) });
  t.diverged = r.diverged;
  t.final = r.final;
  return t;
}

/** `MSE/var(Y) = …, ‖W_i^K‖ = (…)`: what the network is at the end of a run. */
function networkNote(c: ZlyRunCase, q: ZlyIterate): string {
  const { prob } = c;
  const ratio = trainingMse(prob.dims, prob.X, prob.Y, q.W, prob.activation) / targetVariance(prob.dims, prob.Y);
  const near0 = q.W.every((w) => fro(w) < 1e-3);
  return `network at the end: training MSE/var(Y) = ${ratio.toPrecision(3)}, ‖W_i^K‖ = (${q.W.map((w) => fro(w).toExponential(1)).join(', ')})`
    + (near0 ? ' — vacuous in practice: the limit is the near-zero network the ridge term λ of (45) forces' : '');
}

/**
 * "x_k → settles": the last third of the run moves at most half as much around its last value as the first third,
 * or the whole run stays within the pass tolerance of it. Holds when seen; a finite run that does not show it
 * refutes nothing (inconclusive).
 */
function settles(name: string, x: readonly number[], scale: number, rtol: number, note: string): Verdict {
  const K = x.length, last = x[K - 1];
  const osc = (from: number, to: number): number => Math.max(0, ...x.slice(from, to).map((v) => Math.abs(v - last)));
  const early = osc(0, Math.ceil(K / 3)), late = osc(Math.floor((2 * K) / 3), K);
  const detail = `${name}: oscillation around the last value ${late.toExponential(3)} in the last third vs ${early.toExponential(3)} in the first third over ${K} iterations; ${note}`;
  if (late <= 0.5 * early || late <= rtol * Math.max(1, scale)) return { status: 'holds', ratio: early > 0 ? late / early : 0, note: detail };
  return { status: 'inconclusive', detail: `no visible convergence — ${detail}` };
}

const DIVERGED = (why: string): Verdict => ({ status: 'violated', detail: `the run diverged (${why}), contradicting Lemma 4's boundedness under (42)–(47)` });

const a = onRuns({
  id: 'zly.thm3.a-convergence',
  source: src('Theorem 3 (a)', ['(42)', '(47)']),
  statement: 'Under (42)–(47), with h_i^k, μ_j^k of (20)–(22), the sequence {L(Q^k)} generated by Algorithm 1 is convergent.',
  method:
    'Runs Algorithm 1 for max(K, 24) iterations at (multiples of) the smallest β, λ of (42)–(45), (42)–(47) checked first; L of (6) '
    + 'recomputed from its definition at every iterate. A non-finite value is violated (Lemma 4 bounds the sequence); otherwise holds '
    + 'when the last third of the run stays within half the first third\'s distance from the last value (or within rtol of it), '
    + 'inconclusive when it does not (a finite run cannot refute a limit).',
  kind: 'asymptotic',
  runs: { ci: 20 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx, false);
    if (t.diverged !== null) return DIVERGED(t.diverged);
    return settles('L(Q^k)', t.L, t.scale, ctx.rtol, networkNote(c, t.final));
  },
});

const b = onRuns({
  id: 'zly.thm3.b-kkt',
  source: src('Theorem 3 (b), Remark 1 (24)', ['(24)', '(42)', '(47)']),
  statement:
    'Under (42)–(47), {Q^k} converges to a stationary point Q* of L, which is a KKT point of (5): the eight lines of (24) hold at Q*.',
  method:
    'Runs Algorithm 1 as zly.thm3.a-convergence and evaluates the residual of the KKT system (24) as printed (theory/gradient.ts '
    + 'kktResidual, root sum of squares of its lines) at every iterate: holds when the residual at the last iterate is at most half its '
    + 'maximum over the run or within rtol of 0 (relative to the size of L\'s terms), inconclusive otherwise; a non-finite value is violated.',
  kind: 'asymptotic',
  runs: { ci: 20 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx, false);
    if (t.diverged !== null) return DIVERGED(t.diverged);
    const last = t.kkt[t.kkt.length - 1], top = Math.max(...t.kkt);
    const note = `KKT residual (24): last ${last.toExponential(3)}, max ${top.toExponential(3)}; ${networkNote(c, t.final)}`;
    if (last <= 0.5 * top || last <= ctx.rtol * Math.max(1, t.scale)) return { status: 'holds', ratio: top > 0 ? last / top : 0, note };
    return { status: 'inconclusive', detail: `no visible decrease — ${note}` };
  },
});

const cRate = onRuns({
  id: 'zly.thm3.c-rate',
  source: src('Theorem 3 (c), proof of Theorem 2 (c) (62)', ['(62)', '(63)', '(64)']),
  statement:
    'Under (42)–(47), (1/K)Σ_{k=1}^K‖∇L(Q^k)‖_F² → 0 at an O(1/K) rate (K times the average stays bounded); the proof\'s (62): '
    + 'Σ_{k=2}^K(‖W^k − W^{k−1}‖² + ‖V^k − V^{k−1}‖²) ≤ (L̂(Q̂¹) − L̂(Q̂*))/a.',
  method:
    'Runs Algorithm 1 as zly.thm3.a-convergence with ‖∇L(Q^k)‖ from its own formula (theory/gradient.ts) at every iterate. Certified '
    + 'part: (62) with L̂(Q̂*) replaced by the lower bound −Σ_iC3²β_iγ^{2(i−1)}/2 of L that Lemma 4\'s bound on Λ gives (L ≥ −Σ‖Λ_i‖²/2β_i), a '
    + 'as printed in (96) (compareLe; a violation refutes Lemma 1 or 4). Asymptotic part: K·average = Σ_{k≤K}‖∇L‖² must level off — '
    + 'the second half of the run adds at most half of what the first half did (or less than rtol of it): holds when seen, else inconclusive.',
  kind: 'asymptotic',
  runs: { ci: 20 },
  check: (c, ctx) => {
    const t = trajectory(c, ctx, true);
    if (t.diverged !== null) return DIVERGED(t.diverged);
    const { prob } = c;
    const N = layers(prob.dims), k = constantsOf(c), w = descentWeights(inputOf(c), prob.beta, prob.lambda);
    let lower = 0;
    for (let i = 1; i <= N; i++) lower -= (k.C3 ** 2 * prob.beta[i - 1] * k.gamma ** (2 * (i - 1))) / 2;
    const certified = compareLe(t.steps2, (t.lhat1 - lower) / w.a, ctx, { what: `(62) over ${t.L.length} iterations (a = ${w.a.toPrecision(3)})` });
    const K = t.grad2.length, half = Math.floor(K / 2);
    const first = t.grad2.slice(0, half).reduce((x, y) => x + y, 0), second = t.grad2.slice(half).reduce((x, y) => x + y, 0);
    const note = `Σ‖∇L‖² over the first half ${first.toExponential(3)}, second half ${second.toExponential(3)}; ${networkNote(c, t.final)}`;
    const levels = second <= 0.5 * first || second <= ctx.rtol * Math.max(1, first)
      ? { status: 'holds' as const, ratio: first > 0 ? second / first : 0, note }
      : { status: 'inconclusive' as const, detail: `K·average of ‖∇L‖² still growing — ${note}` };
    return certified.status === 'holds' ? levels : worstVerdict([certified, levels]);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [a, b, cRate];
