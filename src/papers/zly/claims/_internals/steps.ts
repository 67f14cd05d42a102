/**
 * The step norms of one iteration (‖ΔX_i^k‖_F = ‖X_i^k − X_i^{k−1}‖_F, and those of iteration k − 1) and the explicit
 * bounds of Lemma 11 on ‖ΔΛ_i^k‖ built from them with the constants of Lemma 4 — shared by Lemma 11, (87)–(89), (90)
 * and Lemma 5. Arrays are 1-based by layer (slot 0 unused) to read like the paper.
 */
import type { ZlyConstants } from '../../problem/conditions.ts';
import type { ZlyIterate } from '../../problem/types.ts';
import { diffNorm } from './common.ts';

/** ‖ΔW_i^k‖, ‖ΔV_i^k‖, ‖ΔV_i^{k−1}‖, ‖ΔΛ_i^k‖ for i = 1..N (index i). */
export interface StepNorms {
  dW: number[];
  dV: number[];
  dVprev: number[];
  dL: number[];
}

/** The step norms of iteration k from Q^{k−2}, Q^{k−1}, Q^k. */
export function stepNorms(pp: ZlyIterate, p: ZlyIterate, q: ZlyIterate): StepNorms {
  const N = q.W.length;
  const out: StepNorms = { dW: [0], dV: [0], dVprev: [0], dL: [0] };
  for (let i = 1; i <= N; i++) {
    out.dW.push(diffNorm(q.W[i - 1], p.W[i - 1]));
    out.dV.push(diffNorm(q.V[i - 1], p.V[i - 1]));
    out.dVprev.push(diffNorm(p.V[i - 1], pp.V[i - 1]));
    out.dL.push(diffNorm(q.Lambda[i - 1], p.Lambda[i - 1]));
  }
  return out;
}

/** A bound Σ_t coef_t·norm_t, kept as its terms (for the tolerance scale and the squared forms (87)–(89)). */
export interface LinearBound {
  /** [coefficient, which norm: 'W'|'V'|'Vprev', layer]. */
  terms: [number, 'W' | 'V' | 'Vprev', number][];
}

/** The value Σ coef·norm of a linear bound at given step norms. */
export function evalBound(b: LinearBound, s: StepNorms): number {
  let t = 0;
  for (const [c, w, i] of b.terms) t += c * (w === 'W' ? s.dW[i] : w === 'V' ? s.dV[i] : s.dVprev[i]);
  return t;
}

/** The largest term of a bound at given step norms. */
export function largestTerm(b: LinearBound, s: StepNorms): number {
  let m = 0;
  for (const [c, w, i] of b.terms) m = Math.max(m, c * (w === 'W' ? s.dW[i] : w === 'V' ? s.dV[i] : s.dVprev[i]));
  return m;
}

/**
 * Lemma 11's bounds on ‖ΔΛ_i^k‖, i = 1..N (index i), as printed: ‖ΔΛ_N‖ = ‖ΔV_N‖; ‖ΔΛ_{N−1}‖ ≤ C3β_Nγ^{N−1}‖ΔW_N‖ +
 * γ(1 + β_N)‖ΔV_N‖ + β_Nγ‖ΔV_N^{k−1}‖; and the long bound for j ≤ N−2.
 */
export function lemma11Bounds(k: ZlyConstants, beta: readonly number[], N: number): LinearBound[] {
  const { L1, L2, L3, C3, gamma: g } = k;
  const b = (i: number): number => beta[i - 1];
  const out: LinearBound[] = new Array<LinearBound>(N + 1);
  out[0] = { terms: [] };
  out[N] = { terms: [[1, 'V', N]] };
  out[N - 1] = { terms: [[C3 * b(N) * g ** (N - 1), 'W', N], [g * (1 + b(N)), 'V', N], [b(N) * g, 'Vprev', N]] };
  for (let j = 1; j <= N - 2; j++) {
    const p = (e: number): number => (L1 * g) ** e;
    const t: LinearBound['terms'] = [[(p(N - j) / L1) * C3 * b(N) * g ** (N - 2), 'W', N]];
    for (let i = j + 1; i <= N - 1; i++) t.push([p(i - j) * (C3 * b(i) * g ** (i - 2) + (3 / L1) * L2 * C3 * C3 * b(i) * g ** (2 * i - 3)), 'W', i]);
    t.push([(p(N - j) * (1 + b(N))) / L1, 'V', N], [p(N - 1 - j) * b(N - 1), 'V', N - 1]);
    for (let i = j + 1; i <= N - 2; i++) t.push([p(i - j) * (b(i) + (L1 * L1 + 2 * L3 * C3 * g ** i) * g * g * b(i + 1)), 'V', i]);
    t.push([(L1 * L1 + 2 * L3 * C3 * g ** j) * g * g * b(j + 1), 'V', j]);
    t.push([(p(N - j) * b(N)) / L1, 'Vprev', N], [p(N - 1 - j) * b(N - 1), 'Vprev', N - 1]);
    for (let i = j + 1; i <= N - 2; i++) t.push([p(i - j) * (b(i) + (L1 * L1 + 2 * L3 * C3 * g ** i + L2 * C3 * g ** i) * g * g * b(i + 1)), 'Vprev', i]);
    t.push([(L1 * L1 + 2 * L3 * C3 * g ** j + L2 * C3 * g ** j) * b(j + 1) * g * g, 'Vprev', j]);
    out[j] = { terms: t };
  }
  return out;
}

/**
 * The squared bounds (87)–(89) as printed, i = 1..N (index i): (87) ‖ΔΛ_N‖² = ‖ΔV_N‖²; (88) with factor 3 on each of its
 * three squared terms; (89) with 2(N − j) on the W terms and 4(N − j + 1) on the V terms of Lemma 11's bound for j.
 */
export function squaredBounds(k: ZlyConstants, beta: readonly number[], N: number): LinearBound[] {
  const lin = lemma11Bounds(k, beta, N);
  return lin.map((bd, i) => {
    if (i === 0 || i === N) return { terms: bd.terms.map(([c, w, l]) => [c * c, w, l]) };
    if (i === N - 1) return { terms: bd.terms.map(([c, w, l]) => [3 * c * c, w, l]) };
    return { terms: bd.terms.map(([c, w, l]) => [(w === 'W' ? 2 * (N - i) : 4 * (N - i + 1)) * c * c, w, l]) };
  });
}

/** A squared bound at given step norms: Σ coef·norm². */
export function evalSquared(b: LinearBound, s: StepNorms): number {
  let t = 0;
  for (const [c, w, i] of b.terms) t += c * (w === 'W' ? s.dW[i] : w === 'V' ? s.dV[i] : s.dVprev[i]) ** 2;
  return t;
}
