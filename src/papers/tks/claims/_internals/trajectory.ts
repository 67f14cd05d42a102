/**
 * What a run of Algorithm 1 leaves, per iteration k, for the Theorem 1–3 claims: (8) before the iteration, after
 * the primal sweep and after the multipliers (15), the multipliers' own contribution Σ_i‖λ_i^{k+1} − λ_i^k‖²/ρ_i,
 * the stationarity residual dist(0, ∂L_ρ) (theory/kkt.ts), and the step sizes. Everything is recomputed by the
 * oracles from the points, never taken from the solver.
 */
import { oracle } from '../../../../engine/attribution.ts';
import type { Verdict } from '../../../../engine/types.ts';
import { kktResidual } from '../../theory/kkt.ts';
import { alValue, type TksPoint } from '../../theory/lagrangian.ts';
import { lagrangianScale, sqDiff } from './common.ts';
import type { RunCase } from './families.ts';
import { iterateRun } from './runs.ts';

/** The primal variables θ = (u, w, b, v, c, a, s, o) of a point, concatenated. */
export function theta(pt: TksPoint): Float64Array[] {
  return [pt.p.u, pt.p.w, pt.p.b, pt.p.v, pt.p.c, pt.aux.a, pt.aux.s, pt.aux.o];
}

const lambdas = (pt: TksPoint): Float64Array[] => [pt.mult.l1, pt.mult.l2, pt.mult.l3];

/** ‖X − Y‖² over lists of blocks. */
function blocksSq(x: Float64Array[], y: Float64Array[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += sqDiff(x[i], y[i]);
  return s;
}

/** ‖(θ, λ)‖ of a point. */
export function normOf(pt: TksPoint): number {
  const zero = (x: Float64Array): Float64Array => new Float64Array(x.length);
  const all = [...theta(pt), ...lambdas(pt)];
  return Math.sqrt(blocksSq(all, all.map(zero)));
}

/** One run's record. */
export interface Trajectory {
  L0: number;
  /** L after each iteration's primal sweep (multipliers still λ^k). */
  Lprimal: number[];
  /** L after each iteration. */
  L: number[];
  /** Σ_i‖λ_i^{k+1} − λ_i^k‖²/ρ_i per iteration. */
  dualRise: number[];
  /** −Σ_i‖λ_i^k‖²/(2ρ_i) after each iteration (L ≥ R + Ω + this, R, Ω ≥ 0). */
  lambdaFloor: number[];
  /** dist(0, ∂L_ρ) at the start and after each iteration (index 0 = start). */
  dist: number[];
  /** ‖θ^{k+1} − θ^k‖² (primal) per iteration. */
  step2: number[];
  /** ‖(θ, λ)^{k+1} − (θ, λ)^k‖² per iteration. */
  stepAll2: number[];
  /** ‖(θ^k, λ^k)‖ at the start and after each iteration (index 0 = start). */
  norm: number[];
  /** The primal iterates θ^0, θ^1, … (for m_k of Theorem 3). */
  thetas: Float64Array[][];
  /** The size of (8)'s terms at the start. */
  scale: number;
  diverged: string | null;
}

/** Run Algorithm 1 on the case and record it (at least `minK` iterations). */
export function trajectory(c: RunCase, faults: ReadonlySet<string>, minK = 0): Trajectory {
  const t: Trajectory = { L0: NaN, Lprimal: [], L: [], dualRise: [], lambdaFloor: [], dist: [], step2: [], stepAll2: [], norm: [], thetas: [], scale: 1, diverged: null };
  const Lof = (pt: TksPoint): number => oracle(() => alValue(pt).L, 'alValue');
  const floor = (pt: TksPoint): number => -(pt.mult.l1.reduce((s, x) => s + x * x, 0) / (2 * pt.hp.rho1)
    + pt.mult.l2.reduce((s, x) => s + x * x, 0) / (2 * pt.hp.rho2) + pt.mult.l3.reduce((s, x) => s + x * x, 0) / (2 * pt.hp.rho3));
  const r = iterateRun(c, faults, (s) => {
    if (s.k === 1) {
      t.L0 = Lof(s.before);
      t.scale = lagrangianScale(s.before);
      t.dist.push(oracle(() => kktResidual(s.before).dist, 'kktResidual'));
      t.thetas.push(theta(s.before).map((x) => x.slice()));
      t.norm.push(normOf(s.before));
    }
    t.Lprimal.push(Lof(s.primal));
    t.L.push(Lof(s.after));
    const hp = s.before.hp;
    t.dualRise.push(sqDiff(s.after.mult.l1, s.before.mult.l1) / hp.rho1 + sqDiff(s.after.mult.l2, s.before.mult.l2) / hp.rho2 + sqDiff(s.after.mult.l3, s.before.mult.l3) / hp.rho3);
    t.lambdaFloor.push(floor(s.after));
    t.dist.push(oracle(() => kktResidual(s.after).dist, 'kktResidual'));
    const th = theta(s.after);
    t.step2.push(blocksSq(th, theta(s.before)));
    t.stepAll2.push(blocksSq([...th, ...lambdas(s.after)], [...theta(s.before), ...lambdas(s.before)]));
    t.thetas.push(th.map((x) => x.slice()));
    t.norm.push(normOf(s.after));
  }, minK);
  t.diverged = r.diverged;
  return t;
}

/** max of a slice (−∞ when empty). */
export const maxOf = (x: readonly number[]): number => x.reduce((m, v) => Math.max(m, v), -Infinity);

/**
 * The finite-run reading of "the iterates are bounded" (Theorem 2, Lemma 1): holds when the largest ‖(θ, λ)‖ over
 * the second half of the run (`norm`, start included) is at most twice the largest over the first half, inconclusive
 * otherwise — a finite run cannot refute boundedness. `context` ends the note.
 */
export function boundedVerdict(norm: readonly number[], context = ''): Verdict {
  const h = Math.ceil(norm.length / 2), early = maxOf(norm.slice(0, h)), late = maxOf(norm.slice(h));
  const note = `max ‖(θ, λ)‖: ${early.toPrecision(4)} over the first half, ${late.toPrecision(4)} over the second${context}`;
  return late <= 2 * early ? { status: 'holds', ratio: late / early, note } : { status: 'inconclusive', detail: `still growing — ${note}` };
}

/**
 * The finite-run reading of "dist(0, ∂L_ρ) → 0" (Theorem 2, Lemma 1): holds when the last value of `dist` (index 0 =
 * the start) is at most half its maximum over the run, or within rtol of 0 against `scale`, the size of (8)'s terms;
 * inconclusive otherwise.
 */
export function kktVerdict(dist: readonly number[], scale: number, rtol: number, context = ''): Verdict {
  const last = dist[dist.length - 1], top = maxOf(dist);
  const note = `dist(0, ∂L_ρ): start ${dist[0].toExponential(3)}, max ${top.toExponential(3)}, last ${last.toExponential(3)} after ${dist.length - 1} iterations${context}`;
  if (last <= 0.5 * top || last <= rtol * Math.max(1, scale)) return { status: 'holds', ratio: top > 0 ? last / top : 0, note };
  return { status: 'inconclusive', detail: `no visible decrease — ${note}` };
}
