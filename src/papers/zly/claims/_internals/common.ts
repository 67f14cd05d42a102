/**
 * What the ZLY claim files share: the source shorthand, the norms the checks take, the curvature bound 𝕃 of (22)
 * and the LLA parameters h_i^k, μ_j^k of (20)–(21) recomputed from Q^{k−1} (independently of the solver, which
 * computes them from maxima its multiplier update records), and the scale of L's terms for tolerances.
 *
 * Index conventions as in problem/types.ts: arrays are 0-based by layer (`W[0]` is W_1), and the printed indices
 * appear in every message.
 */
import type { ClaimSource, Hypothesis } from '../../../../engine/types.ts';
import { assumption1, type Assumption1Constants } from '../../problem/activation.ts';
import { zlyLagrangian } from '../../problem/lagrangian.ts';
import type { ZlyIterate, ZlyProblem } from '../../problem/types.ts';
import { layers } from '../../problem/types.ts';
import type { LlaRule } from '../../solver/types.ts';

/** A ZLY source: item and equation numbers (the extracted text has no line numbers). */
export const src = (item: string, equations: string[]): ClaimSource => ({ paper: 'ZLY', item, equations });

/** ‖a‖_F. */
export function fro(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** ‖a − b‖_F. */
export function diffNorm(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** ‖a‖_max. */
export function maxNorm(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** 𝕃(|c|) = 2L2(L0 + |c|) + 2L1² (22), transcribed here. */
export function curvature22(k: Assumption1Constants, c: number): number {
  return 2 * k.L2 * (k.L0 + Math.abs(c)) + 2 * k.L1 * k.L1;
}

/** ‖V_i − β_i^{-1}Λ_i‖_max for layer i (1-based), the argument of 𝕃 in (20)–(21). */
export function bMax(prob: ZlyProblem, q: ZlyIterate, i: number): number {
  const V = q.V[i - 1], L = q.Lambda[i - 1], inv = 1 / prob.beta[i - 1];
  let m = 0;
  for (let t = 0; t < V.length; t++) m = Math.max(m, Math.abs(V[t] - inv * L[t]));
  return m;
}

/** h_i^k (i = 1..N−1) and μ_j^k (j = 1..N−2) at index i−1, j−1. */
export interface LlaParameters {
  h: number[];
  mu: number[];
}

/**
 * h_i^k = 𝕃(‖V_i^{k−1} − β_i^{-1}Λ_i^{k−1}‖_max) (20), μ_j^k = 𝕃(‖V_{j+1}^{k−1} − β_{j+1}^{-1}Λ_{j+1}^{k−1}‖_max) (21)
 * from Q^{k−1} (`prev`); with the authors' demo rule, ‖·‖_max itself.
 */
export function llaParameters(prob: ZlyProblem, prev: ZlyIterate, rule: LlaRule): LlaParameters {
  const N = layers(prob.dims), k = assumption1(prob.activation);
  const f = (c: number): number => (rule === 'demo' ? c : curvature22(k, c));
  const h: number[] = [], mu: number[] = [];
  for (let i = 1; i <= N - 1; i++) h.push(f(bMax(prob, prev, i)));
  for (let j = 1; j <= N - 2; j++) mu.push(f(bMax(prob, prev, j + 1)));
  return { h, mu };
}

/** The size of the terms of L(Q) (6): ½‖V_N − Y‖² + λ/2Σ‖W‖² + Σ(β/2‖C‖² + |⟨Λ, C⟩|), against which a sum of them is judged. */
export function lagrangianScale(prob: ZlyProblem, q: ZlyIterate): number {
  const p = zlyLagrangian(prob, q);
  let s = p.loss + p.ridge;
  for (let i = 0; i < p.penalty.length; i++) s += p.penalty[i] + Math.abs(p.linear[i]);
  return s;
}

/** Hypothesis of Lemmas 2 and 10 and Theorems 1 and 3: h, μ are chosen by (20)–(21), not by the demo rule. */
export function paperRule<I extends { lla: LlaRule }>(): Hypothesis<I> {
  return { name: 'h_i^k, μ_j^k by (20)–(22)', test: (c) => c.lla === 'paper' || `lla = ${c.lla} (the authors' demo rule ‖B‖_max, not 𝕃(‖B‖_max))` };
}

/** `N=…, n=…, d=(…)` for descriptions. */
export function dimsText(prob: ZlyProblem): string {
  return `N=${layers(prob.dims)} n=${prob.dims.n} d=(${prob.dims.d.join(',')})`;
}
