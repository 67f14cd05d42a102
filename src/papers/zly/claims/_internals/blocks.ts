/**
 * The blocks of an iterate as matrices, and the pieces of (6) the per-iteration claims recompute: σ of a product,
 * H_σ of (14), M_σ of (15), B_i = V_i − β_i^{-1}Λ_i. Plain loops of theory/mat.ts, independent of the solver.
 */
import { sigma, sigmaPrime } from '../../problem/activation.ts';
import type { ZlyIterate, ZlyProblem } from '../../problem/types.ts';
import { fro2, map, mat, mul, scale, sub, type Mat } from '../../theory/mat.ts';

/** W_i (1-based) of q. */
export const Wm = (prob: ZlyProblem, q: ZlyIterate, i: number): Mat => mat(prob.dims.d[i], prob.dims.d[i - 1], q.W[i - 1]);
/** V_i (1-based; V_0 = X) of q. */
export const Vm = (prob: ZlyProblem, q: ZlyIterate, i: number): Mat => mat(prob.dims.d[i], prob.dims.n, i === 0 ? prob.X : q.V[i - 1]);
/** Λ_i (1-based) of q. */
export const Lm = (prob: ZlyProblem, q: ZlyIterate, i: number): Mat => mat(prob.dims.d[i], prob.dims.n, q.Lambda[i - 1]);
/** B_i = V_i − β_i^{-1}Λ_i (the target of (18), (19) and the argument of 𝕃 in (20)–(21)). */
export const Bm = (prob: ZlyProblem, q: ZlyIterate, i: number): Mat => sub(Vm(prob, q, i), scale(Lm(prob, q, i), 1 / prob.beta[i - 1]));
/** σ applied entrywise. */
export const sig = (prob: ZlyProblem, A: Mat): Mat => map(A, (u) => sigma(prob.activation, u));
/** σ′ applied entrywise. */
export const dsig = (prob: ZlyProblem, A: Mat): Mat => map(A, (u) => sigmaPrime(prob.activation, u));
/** H_σ(W; A, B) = ½‖σ(WA) − B‖² (14). */
export const Hsigma = (prob: ZlyProblem, W: Mat, A: Mat, B: Mat): number => 0.5 * fro2(sub(sig(prob, mul(W, A)), B));
/** M_σ(V; A, B) = ½‖σ(AV) − B‖² (15). */
export const Msigma = (prob: ZlyProblem, V: Mat, A: Mat, B: Mat): number => 0.5 * fro2(sub(sig(prob, mul(A, V)), B));
/** ‖A‖_F of a matrix. */
export const norm = (A: Mat): number => Math.sqrt(fro2(A));
