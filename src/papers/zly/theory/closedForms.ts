/**
 * The closed forms (53)–(60) of ZLY Lemma 6's proof, evaluated LITERALLY as printed (explicit inverses,
 * printed signs), so the ledger can compare them with the exact minimizers of (8), (11), (12), (18), (19).
 * They are claims under test, not the solver's implementation. Independent of solver/.
 *
 * With A = V_{i−1}^{k−1}, c_i = β_ih_i^k/2, W⁰ = W_i^{k−1}, P_i = (Λ_i^{k−1} + β_i(σ(W⁰A) − V_i^{k−1})) ⊙ σ′(W⁰A):
 *   (53) W_N^k = (β_N V_N^{k−1} − Λ_N^{k−1}) V_{N−1}^{k−1ᵀ} (λI + β_N V_{N−1}^{k−1}V_{N−1}^{k−1ᵀ})^{-1}
 *   (54) W_i^k = W⁰ c_iAAᵀ(λI + c_iAAᵀ)^{-1} − P_iAᵀ(λI + c_iAAᵀ)^{-1}
 *              = W⁰ − W⁰(I + (c_i/λ)AAᵀ)^{-1} − P_iAᵀ(λI + c_iAAᵀ)^{-1}        ((55): i = 1, A = X)
 *   (58) V_N^k = V_N^{k−1}/(1 + β_N) + β_N/(1 + β_N) W_N^kV_{N−1}^k
 *   (59) V_{N−1}^k = (β_{N−1}I + β_NW_N^{kᵀ}W_N^k)^{-1}[Λ_{N−1}^{k−1} + β_{N−1}σ(W_{N−1}^kV_{N−2}^k) − W_N^{kᵀ}(Λ_N^{k−1} − β_NV_N^{k−1})]
 *   (60) with W = W_{j+1}^k, c = β_{j+1}μ_j^k/2, V⁰ = V_j^{k−1},
 *        Q = [Λ_{j+1}^{k−1} + β_{j+1}(σ(WV⁰) − V_{j+1}^{k−1})] ⊙ σ′(WV⁰):
 *        V_j^k = (β_jI + cWᵀW)^{-1}[cWᵀWV⁰ + (Λ_j^{k−1} + β_jσ(W_j^kV_{j−1}^k)) + WᵀQ]
 *              = V⁰ − (I + (c/β_j)WᵀW)^{-1}V⁰ + (β_jI + cWᵀW)^{-1}[(Λ_j^{k−1} + β_jσ(W_j^kV_{j−1}^k)) + WᵀQ]
 */
import { sigma, sigmaPrime } from '../problem/activation.ts';
import { layers } from '../problem/types.ts';
import { add, eye, had, inv, map, mat, mul, scale, sub, tr, type Mat } from './mat.ts';
import type { IterationContext } from './subproblems.ts';

/** Which printed line of a two-line closed form. */
export type FormLine = 'first' | 'second';

const sig = (ctx: IterationContext, A: Mat) => map(A, (u) => sigma(ctx.prob.activation, u));
const dsig = (ctx: IterationContext, A: Mat) => map(A, (u) => sigmaPrime(ctx.prob.activation, u));

/** (53). */
export function closedForm53(ctx: IterationContext): Float64Array {
  const { prob, prev } = ctx;
  const { d, n } = prob.dims;
  const N = layers(prob.dims), bN = prob.beta[N - 1];
  const A = mat(d[N - 1], n, prev.V[N - 2]);
  const M = add(scale(eye(d[N - 1]), prob.lambda), scale(mul(A, tr(A)), bN));
  const R = sub(scale(mat(d[N], n, prev.V[N - 1]), bN), mat(d[N], n, prev.Lambda[N - 1]));
  return mul(mul(R, tr(A)), inv(M)).a;
}

/** (54) for 2 ≤ i ≤ N−1, and (55) for i = 1 (the same formula with V_0 = X). */
export function closedForm54(ctx: IterationContext, i: number, line: FormLine = 'first'): Float64Array {
  const { prob, prev } = ctx;
  const { d, n } = prob.dims;
  const bi = prob.beta[i - 1], lam = prob.lambda, c = (bi * ctx.h[i - 1]) / 2;
  const A = mat(d[i - 1], n, i === 1 ? prob.X : prev.V[i - 2]);
  const W0 = mat(d[i], d[i - 1], prev.W[i - 1]);
  const U0 = mul(W0, A);
  const P = had(add(mat(d[i], n, prev.Lambda[i - 1]), scale(sub(sig(ctx, U0), mat(d[i], n, prev.V[i - 1])), bi)), dsig(ctx, U0));
  const AAt = mul(A, tr(A));
  const Minv = inv(add(scale(eye(d[i - 1]), lam), scale(AAt, c)));
  const tail = mul(mul(P, tr(A)), Minv);
  if (line === 'first') return sub(mul(mul(W0, scale(AAt, c)), Minv), tail).a;
  const K = inv(add(eye(d[i - 1]), scale(AAt, c / lam)));
  return sub(sub(W0, mul(W0, K)), tail).a;
}

/** (58). */
export function closedForm58(ctx: IterationContext): Float64Array {
  const { prob, prev, next } = ctx;
  const { d, n } = prob.dims;
  const N = layers(prob.dims), bN = prob.beta[N - 1];
  const WV = mul(mat(d[N], d[N - 1], next.W[N - 1]), mat(d[N - 1], n, next.V[N - 2]));
  return add(scale(mat(d[N], n, prev.V[N - 1]), 1 / (1 + bN)), scale(WV, bN / (1 + bN))).a;
}

/** (59). */
export function closedForm59(ctx: IterationContext): Float64Array {
  const { prob, prev, next } = ctx;
  const { d, n } = prob.dims;
  const N = layers(prob.dims), b1 = prob.beta[N - 2], bN = prob.beta[N - 1];
  const WN = mat(d[N], d[N - 1], next.W[N - 1]);
  const Vin = mat(d[N - 2], n, N - 2 === 0 ? prob.X : next.V[N - 3]);
  const S = sig(ctx, mul(mat(d[N - 1], d[N - 2], next.W[N - 2]), Vin));
  const M = add(scale(eye(d[N - 1]), b1), scale(mul(tr(WN), WN), bN));
  const rhs = sub(add(mat(d[N - 1], n, prev.Lambda[N - 2]), scale(S, b1)), mul(tr(WN), sub(mat(d[N], n, prev.Lambda[N - 1]), scale(mat(d[N], n, prev.V[N - 1]), bN))));
  return mul(inv(M), rhs).a;
}

/**
 * (60) for 1 ≤ j ≤ N−2, as printed (both lines), or with `sign = −1` corrected: −WᵀQ in place of +WᵀQ, the sign
 * the optimality condition printed above (60) gives (erratum zly-E-60).
 */
export function closedForm60(ctx: IterationContext, j: number, line: FormLine = 'first', sign: 1 | -1 = 1): Float64Array {
  const { prob, prev, next } = ctx;
  const { d, n } = prob.dims;
  const bj = prob.beta[j - 1], bj1 = prob.beta[j], c = (bj1 * ctx.mu[j - 1]) / 2;
  const W = mat(d[j + 1], d[j], next.W[j]);
  const V0 = mat(d[j], n, prev.V[j - 1]);
  const Vin = mat(d[j - 1], n, j === 1 ? prob.X : next.V[j - 2]);
  const S = sig(ctx, mul(mat(d[j], d[j - 1], next.W[j - 1]), Vin));
  const P0 = mul(W, V0);
  const Q = had(add(mat(d[j + 1], n, prev.Lambda[j]), scale(sub(sig(ctx, P0), mat(d[j + 1], n, prev.V[j])), bj1)), dsig(ctx, P0));
  const WtW = mul(tr(W), W);
  const Minv = inv(add(scale(eye(d[j]), bj), scale(WtW, c)));
  const core = add(add(mat(d[j], n, prev.Lambda[j - 1]), scale(S, bj)), scale(mul(tr(W), Q), sign));
  if (line === 'first') return mul(Minv, add(scale(mul(WtW, V0), c), core)).a;
  const K = inv(add(eye(d[j]), scale(WtW, c / bj)));
  return add(sub(V0, mul(K, V0)), mul(Minv, core)).a;
}
