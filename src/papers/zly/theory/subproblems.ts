/**
 * The subproblems of Algorithm 1 at iteration k, evaluated directly from the paper's definitions (8), (11),
 * (12), (18), (19) with the LLA models (16)–(17), and their gradients; also the original subproblems (9), (10)
 * that (18), (19) replace (Lemma 10 compares those).
 *
 * Every subproblem of iteration k is fixed by Q^{k−1} (`prev`), the blocks of Q^k updated before it (`next`),
 * and h^k, μ^k: the W-steps read only Q^{k−1}; V_j reads W^k and V_{j−1}^k. Independent of solver/.
 */
import { sigma, sigmaPrime } from '../problem/activation.ts';
import type { ZlyIterate, ZlyProblem } from '../problem/types.ts';
import { layers } from '../problem/types.ts';
import { add, fro2, had, inner, map, mat, mul, scale, sub, tr, type Mat } from './mat.ts';

/** Which update. */
export type SubproblemId = '(8)' | '(18)' | '(19)' | '(11)' | '(12)';

/** One subproblem: minimize `objective` over a `rows`×`cols` block. */
export interface Subproblem {
  eq: SubproblemId;
  block: 'W' | 'V';
  /** Paper layer index (1-based). */
  layer: number;
  rows: number;
  cols: number;
  objective(x: Float64Array): number;
  gradient(x: Float64Array): Float64Array;
  /** For (18) and (19): the original subproblem (9) resp. (10) they approximate (Lemma 10), up to no constant. */
  original?: (x: Float64Array) => number;
  /** The block at Q^{k−1} (the linearization point of (18), (19)). */
  previous: Float64Array;
}

/** What fixes the subproblems of iteration k. Arrays are 0-based by layer (see problem/types.ts). */
export interface IterationContext {
  prob: ZlyProblem;
  /** Q^{k−1}. */
  prev: ZlyIterate;
  /** Q^k (only blocks updated before a subproblem are read by it). */
  next: ZlyIterate;
  /** h_i^k, i = 1..N−1, at index i−1. */
  h: readonly number[];
  /** μ_j^k, j = 1..N−2, at index j−1. */
  mu: readonly number[];
}

const sig = (prob: ZlyProblem, A: Mat): Mat => map(A, (u) => sigma(prob.activation, u));
const dsig = (prob: ZlyProblem, A: Mat): Mat => map(A, (u) => sigmaPrime(prob.activation, u));

/** All subproblems of iteration k in Algorithm 1's order: W_N, …, W_1, then V_1, …, V_N. */
export function iterationSubproblems(ctx: IterationContext): Subproblem[] {
  const N = layers(ctx.prob.dims);
  const out: Subproblem[] = [wOutput(ctx)];
  for (let i = N - 1; i >= 1; i--) out.push(wLla(ctx, i));
  for (let j = 1; j <= N - 2; j++) out.push(vLla(ctx, j));
  out.push(vPenultimate(ctx), vOutput(ctx));
  return out;
}

/** (8): min λ/2‖W‖² + β_N/2‖W V_{N−1}^{k−1} − V_N^{k−1}‖² + ⟨Λ_N^{k−1}, W V_{N−1}^{k−1} − V_N^{k−1}⟩. */
export function wOutput(ctx: IterationContext): Subproblem {
  const { prob, prev } = ctx;
  const { d, n } = prob.dims;
  const N = layers(prob.dims), bN = prob.beta[N - 1], lam = prob.lambda;
  const A = mat(d[N - 1], n, prev.V[N - 2]), VN = mat(d[N], n, prev.V[N - 1]), LN = mat(d[N], n, prev.Lambda[N - 1]);
  const W = (x: Float64Array) => mat(d[N], d[N - 1], x);
  return {
    eq: '(8)', block: 'W', layer: N, rows: d[N], cols: d[N - 1], previous: prev.W[N - 1],
    objective: (x) => {
      const R = sub(mul(W(x), A), VN);
      return (lam / 2) * fro2(W(x)) + (bN / 2) * fro2(R) + inner(LN, R);
    },
    gradient: (x) => add(scale(W(x), lam), mul(add(scale(sub(mul(W(x), A), VN), bN), LN), tr(A))).a,
  };
}

/**
 * (18), i < N: min λ/2‖W‖² + β_i H^k_σ(W; A, B), A = V_{i−1}^{k−1}, B = V_i^{k−1} − β_i^{-1}Λ_i^{k−1},
 * H^k of (16) at W⁰ = W_i^{k−1} with h = h_i^k.
 */
export function wLla(ctx: IterationContext, i: number): Subproblem {
  const { prob, prev } = ctx;
  const { d, n } = prob.dims;
  const bi = prob.beta[i - 1], lam = prob.lambda, h = ctx.h[i - 1];
  const A = mat(d[i - 1], n, i === 1 ? prob.X : prev.V[i - 2]);
  const Vi = mat(d[i], n, prev.V[i - 1]), Li = mat(d[i], n, prev.Lambda[i - 1]);
  const B = sub(Vi, scale(Li, 1 / bi));
  const W0 = mat(d[i], d[i - 1], prev.W[i - 1]);
  const U0 = mul(W0, A), S0 = sig(prob, U0);
  const G = had(sub(S0, B), dsig(prob, U0));
  const H0 = 0.5 * fro2(sub(S0, B));
  const W = (x: Float64Array) => mat(d[i], d[i - 1], x);
  return {
    eq: '(18)', block: 'W', layer: i, rows: d[i], cols: d[i - 1], previous: prev.W[i - 1],
    objective: (x) => {
      const DA = mul(sub(W(x), W0), A);
      return (lam / 2) * fro2(W(x)) + bi * (H0 + inner(G, DA) + (h / 4) * fro2(DA));
    },
    gradient: (x) => {
      const DA = mul(sub(W(x), W0), A);
      return add(scale(W(x), lam), scale(mul(add(G, scale(DA, h / 2)), tr(A)), bi)).a;
    },
    original: (x) => {
      const C = sub(sig(prob, mul(W(x), A)), Vi);
      return (lam / 2) * fro2(W(x)) + (bi / 2) * fro2(C) + inner(Li, C);
    },
  };
}

/** σ_j(W_j^k V_{j−1}^k) for the V-subproblems (V_0 = X). */
function forwardInput(ctx: IterationContext, j: number): Mat {
  const { prob, next } = ctx;
  const { d, n } = prob.dims;
  return sig(prob, mul(mat(d[j], d[j - 1], next.W[j - 1]), mat(d[j - 1], n, j === 1 ? prob.X : next.V[j - 2])));
}

/**
 * (19), j ≤ N−2: min β_j/2‖σ(W_j^kV_{j−1}^k) + β_j^{-1}Λ_j^{k−1} − V‖² + β_{j+1} M^k_σ(V; W_{j+1}^k, B),
 * B = V_{j+1}^{k−1} − β_{j+1}^{-1}Λ_{j+1}^{k−1}, M^k of (17) at V⁰ = V_j^{k−1} with μ = μ_j^k.
 */
export function vLla(ctx: IterationContext, j: number): Subproblem {
  const { prob, prev, next } = ctx;
  const { d, n } = prob.dims;
  const bj = prob.beta[j - 1], bj1 = prob.beta[j], mu = ctx.mu[j - 1];
  const S = forwardInput(ctx, j), Lj = mat(d[j], n, prev.Lambda[j - 1]);
  const T = add(S, scale(Lj, 1 / bj));
  const Aw = mat(d[j + 1], d[j], next.W[j]);
  const Vn1 = mat(d[j + 1], n, prev.V[j]), Ln1 = mat(d[j + 1], n, prev.Lambda[j]);
  const B = sub(Vn1, scale(Ln1, 1 / bj1));
  const V0 = mat(d[j], n, prev.V[j - 1]);
  const P0 = mul(Aw, V0), S0 = sig(prob, P0);
  const G = had(sub(S0, B), dsig(prob, P0));
  const M0 = 0.5 * fro2(sub(S0, B));
  const V = (x: Float64Array) => mat(d[j], n, x);
  return {
    eq: '(19)', block: 'V', layer: j, rows: d[j], cols: n, previous: prev.V[j - 1],
    objective: (x) => {
      const AD = mul(Aw, sub(V(x), V0));
      return (bj / 2) * fro2(sub(T, V(x))) + bj1 * (M0 + inner(G, AD) + (mu / 4) * fro2(AD));
    },
    gradient: (x) => {
      const AD = mul(Aw, sub(V(x), V0));
      return add(scale(sub(V(x), T), bj), scale(mul(tr(Aw), add(G, scale(AD, mu / 2))), bj1)).a;
    },
    original: (x) => {
      const C1 = sub(S, V(x)), C2 = sub(sig(prob, mul(Aw, V(x))), Vn1);
      return (bj / 2) * fro2(C1) + inner(Lj, C1) + (bj1 / 2) * fro2(C2) + inner(Ln1, C2);
    },
  };
}

/** (11): V_{N−1}. */
export function vPenultimate(ctx: IterationContext): Subproblem {
  const { prob, prev, next } = ctx;
  const { d, n } = prob.dims;
  const N = layers(prob.dims), b1 = prob.beta[N - 2], bN = prob.beta[N - 1];
  const S = forwardInput(ctx, N - 1), L1 = mat(d[N - 1], n, prev.Lambda[N - 2]);
  const WN = mat(d[N], d[N - 1], next.W[N - 1]), VN = mat(d[N], n, prev.V[N - 1]), LN = mat(d[N], n, prev.Lambda[N - 1]);
  const V = (x: Float64Array) => mat(d[N - 1], n, x);
  return {
    eq: '(11)', block: 'V', layer: N - 1, rows: d[N - 1], cols: n, previous: prev.V[N - 2],
    objective: (x) => {
      const C1 = sub(S, V(x)), C2 = sub(mul(WN, V(x)), VN);
      return (b1 / 2) * fro2(C1) + inner(L1, C1) + (bN / 2) * fro2(C2) + inner(LN, C2);
    },
    gradient: (x) => sub(add(scale(sub(V(x), S), b1), mul(tr(WN), add(scale(sub(mul(WN, V(x)), VN), bN), LN))), L1).a,
  };
}

/** (12): V_N. */
export function vOutput(ctx: IterationContext): Subproblem {
  const { prob, prev, next } = ctx;
  const { d, n } = prob.dims;
  const N = layers(prob.dims), bN = prob.beta[N - 1];
  const Y = mat(d[N], n, prob.Y), LN = mat(d[N], n, prev.Lambda[N - 1]);
  const A = mul(mat(d[N], d[N - 1], next.W[N - 1]), mat(d[N - 1], n, next.V[N - 2]));
  const V = (x: Float64Array) => mat(d[N], n, x);
  return {
    eq: '(12)', block: 'V', layer: N, rows: d[N], cols: n, previous: prev.V[N - 1],
    objective: (x) => {
      const C = sub(A, V(x));
      return 0.5 * fro2(sub(V(x), Y)) + (bN / 2) * fro2(C) + inner(LN, C);
    },
    gradient: (x) => sub(sub(V(x), Y), add(scale(sub(A, V(x)), bN), LN)).a,
  };
}
