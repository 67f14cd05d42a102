/**
 * ∇L(Q) of the augmented Lagrangian (6) by its own formula, and the residuals of the KKT system (24).
 *
 * Differentiating (6) with C_i = σ(W_iV_{i−1}) − V_i (i < N), C_N = W_NV_{N−1} − V_N, E_i = β_iC_i + Λ_i:
 *   ∂L/∂W_i = λW_i + (E_i ⊙ σ′(W_iV_{i−1}))V_{i−1}ᵀ  (i < N),      ∂L/∂W_N = λW_N + E_N V_{N−1}ᵀ,
 *   ∂L/∂V_i = −E_i + W_{i+1}ᵀ(E_{i+1} ⊙ σ′(W_{i+1}V_i))  (i ≤ N−2), ∂L/∂V_{N−1} = −E_{N−1} + W_NᵀE_N,
 *   ∂L/∂V_N = (V_N − Y) − E_N,                                     ∂L/∂Λ_i = C_i.
 * (24) is this system at a feasible point (C = 0, so E = Λ). Independent of solver/ (plain `mat.ts` loops).
 */
import { sigma, sigmaPrime } from '../problem/activation.ts';
import type { ZlyIterate, ZlyProblem } from '../problem/types.ts';
import { layers } from '../problem/types.ts';
import { add, fro2, had, map, mat, mul, scale, sub, tr, type Mat } from './mat.ts';

/** ∂L/∂W_i, ∂L/∂V_i, ∂L/∂Λ_i (0-based by layer). */
export interface ZlyGradient {
  W: Float64Array[];
  V: Float64Array[];
  Lambda: Float64Array[];
}

interface Layered {
  U: Mat[];
  C: Mat[];
  slope: Mat[];
  Vm: Mat[];
  Wm: Mat[];
}

function layered(prob: ZlyProblem, q: ZlyIterate): Layered {
  const { d, n } = prob.dims;
  const N = layers(prob.dims);
  const Vm = [mat(d[0], n, prob.X), ...q.V.map((v, i) => mat(d[i + 1], n, v))];
  const Wm = q.W.map((w, i) => mat(d[i + 1], d[i], w));
  const U: Mat[] = [], C: Mat[] = [], slope: Mat[] = [];
  for (let i = 1; i <= N; i++) {
    const u = mul(Wm[i - 1], Vm[i - 1]);
    U.push(u);
    const out = i < N ? map(u, (x) => sigma(prob.activation, x)) : u;
    C.push(sub(out, Vm[i]));
    slope.push(i < N ? map(u, (x) => sigmaPrime(prob.activation, x)) : map(u, () => 1));
  }
  return { U, C, slope, Vm, Wm };
}

/** ∇L(Q) of (6). */
export function zlyGradient(prob: ZlyProblem, q: ZlyIterate): ZlyGradient {
  const N = layers(prob.dims);
  const { C, slope, Vm, Wm } = layered(prob, q);
  const { d, n } = prob.dims;
  const E = C.map((c, i) => add(scale(c, prob.beta[i]), mat(d[i + 1], n, q.Lambda[i])));
  const F = E.map((e, i) => had(e, slope[i]));
  const gW = Wm.map((w, i) => add(scale(w, prob.lambda), mul(F[i], tr(Vm[i]))).a);
  const gV: Float64Array[] = [];
  for (let i = 1; i < N; i++) gV.push(add(scale(E[i - 1], -1), mul(tr(Wm[i]), F[i])).a);
  gV.push(sub(sub(Vm[N], mat(d[N], n, prob.Y)), E[N - 1]).a);
  return { W: gW, V: gV, Lambda: C.map((c) => c.a) };
}

/** ‖∇L(Q)‖_F over all blocks. */
export function zlyGradientNorm(prob: ZlyProblem, q: ZlyIterate): number {
  const g = zlyGradient(prob, q);
  let s = 0;
  for (const blocks of [g.W, g.V, g.Lambda]) for (const b of blocks) for (const x of b) s += x * x;
  return Math.sqrt(s);
}

/** Residual norms of the eight lines of (24), grouped per layer (0-based), and their root sum of squares. */
export interface KktResidual {
  /** λW_i + (Λ_i ⊙ σ′(W_iV_{i−1}))V_{i−1}ᵀ (i < N), λW_N + Λ_NV_{N−1}ᵀ. */
  stationarityW: number[];
  /** −Λ_i + W_{i+1}ᵀ(Λ_{i+1} ⊙ σ′(W_{i+1}V_i)) (i ≤ N−2), −Λ_{N−1} + W_NᵀΛ_N, −Λ_N + (V_N − Y). */
  stationarityV: number[];
  /** σ(W_iV_{i−1}) − V_i (i < N), W_NV_{N−1} − V_N. */
  feasibility: number[];
  total: number;
}

/** The KKT residuals of (24) at Q, literally as printed. */
export function kktResidual(prob: ZlyProblem, q: ZlyIterate): KktResidual {
  const N = layers(prob.dims);
  const { d, n } = prob.dims;
  const { C, slope, Vm, Wm } = layered(prob, q);
  const Lam = q.Lambda.map((l, i) => mat(d[i + 1], n, l));
  const norm = (m: Mat) => Math.sqrt(fro2(m));
  const stationarityW = Wm.map((w, i) => norm(add(scale(w, prob.lambda), mul(had(Lam[i], slope[i]), tr(Vm[i])))));
  const stationarityV: number[] = [];
  for (let i = 1; i < N; i++) stationarityV.push(norm(add(scale(Lam[i - 1], -1), mul(tr(Wm[i]), had(Lam[i], slope[i])))));
  stationarityV.push(norm(sub(sub(Vm[N], mat(d[N], n, prob.Y)), Lam[N - 1])));
  const feasibility = C.map(norm);
  let t = 0;
  for (const x of [...stationarityW, ...stationarityV, ...feasibility]) t += x * x;
  return { stationarityW, stationarityV, feasibility, total: Math.sqrt(t) };
}
