/**
 * The block updates of ADMMiRNN (Algorithm 1), each derived from the augmented Lagrangian (8) — not from the
 * subproblems as printed (those are kept literally in `theory/printed.ts`, as claims under test).
 *
 * Each update minimizes a *model* of (8) in its block around the current iterate X^k: (8) itself in the
 * block, except that a term that is not quadratic in the block is replaced by its linearization at X^k plus a
 * proximal term large enough to majorize it, and the parameter and state blocks get a proximal term
 * (N·B·r/2 for u, w, v; r/2 for s, a). Every model is ≥ (8) in its block and touches it at X^k, so every step lowers (8)
 * (`theory/models.ts` evaluates each model; the tests check both facts). Per block, with κ_t = ν for t < N and
 * ρ_i at t = N, and the t = N residuals shifted by +λ_i/ρ_i (completing the square of ⟨λ_i, r⟩ + ρ_i/2‖r‖²):
 *
 *   o  R linearized with the proximal weight H of Assumption 1; the penalty on o − v s − c exact (23)/(24).
 *   c, b  exact minimizers (quadratic blocks, (20)/(22)).
 *   v, w, u  exact minimizers of the block plus N·B·r/2‖X − X^k‖² — the proximal model (9) with G = rI,
 *      summed over the B windows; the printed (10)/(19)/(21) linearize instead, with wrong signs
 *      (see `theory/printed.ts`).
 *   s  exact minimizer of the block plus r/2‖s − s^k‖², *including* the coupling of s_t to a_{t+1} through
 *      w and, at t = N, the λ2/ρ2 term that (13)/(14) drop.
 *   a  the ‖s − tanh(a)‖² term linearized with a per-entry majorizing weight κ2 τ(β) + r, β = s (+ λ2/ρ2 at
 *      t = N), τ(β) ≥ sup_a of the second derivative of ½(β − tanh a)² (`problem/curvature.ts`: about 1 for
 *      |β| ≤ ½, half the crude 1 + C(|β| + 1), C = 4/(3√3)). The a_t constraint is kept exact (no "small a_t"
 *      trick, (11)/(12)).
 *
 * Purity: every block reads only the inputs it is given and writes only its output buffer(s) and its named
 * scratch, so a worker thread can run it on shared views. Inputs and output may alias where noted. The s- and
 * a-steps (the blocks of the hidden states) are in `stateSteps.ts`.
 */
import {
  cholSolveBlocked, choleskyBlocked, gemmTNo, syrkTNo, transpose,
} from '../../../linalg/index.ts';
import { lossGradInto } from '../problem/loss.ts';
import type { Dims, Hyper, Inputs, Targets } from '../problem/types.ts';
import type { FaultFlags } from './faults.ts';

/** What every block needs besides its arrays. */
export interface BlockContext {
  dims: Dims;
  hp: Hyper;
  /** Lipschitz constant H of ∇R (Assumption 1). */
  H: number;
  faults: FaultFlags;
}

/**
 * The proximal weight of the parameter blocks u, w, v: N·B·r. The paper's (9)/(19)/(21) weigh ‖X − X^k‖² by
 * N·r for its single window and (11)/(13) weigh ‖a − a^k‖², ‖s − s^k‖² by r; a batch sums B windows, so the
 * parameters get N·B·r — the same weight r per output row as the states.
 */
export function paramProx(ctx: Pick<BlockContext, 'dims' | 'hp'>): number {
  return ctx.dims.N * ctx.dims.B * ctx.hp.r;
}

/** +1, or −1 under the planted 'shift-sign' fault (the printed −λ/ρ). */
export function shiftSign(ctx: BlockContext): number {
  return ctx.faults['shift-sign'] ? -1 : 1;
}

/**
 * o-step: o = (H o^k − ∇R(o^k) + κ (v s + c) − [t=N] λ3) / (H + κ), row-wise. Reads o (= o^k), SV = s vᵀ, c, λ3,
 * y; writes `out` (may alias o); scratch g (N·B×q). Rows [r0, r1) only, when given (the update is separable).
 */
export function oStep(
  ctx: BlockContext, o: Float64Array, SV: Float64Array, c: Float64Array, l3: Float64Array, y: Targets,
  out: Float64Array, g: Float64Array, r0 = 0, r1 = ctx.dims.N * ctx.dims.B,
): void {
  const { N, B, q } = ctx.dims;
  const M = N * B, H = ctx.H;
  lossGradInto(g, o, y, M, q, r0, r1);
  if (ctx.faults['o-printed']) {
    for (let k = r0 * q; k < r1 * q; k++) out[k] = o[k] - g[k] / H;
    return;
  }
  const sh = shiftSign(ctx);
  for (let r = r0; r < r1; r++) {
    const last = r >= (N - 1) * B;
    const kap = last ? ctx.hp.rho3 : ctx.hp.nu;
    const den = 1 / (H + kap);
    const off = r * q, lo = (r - (N - 1) * B) * q;
    for (let k = 0; k < q; k++) {
      let num = H * o[off + k] - g[off + k] + kap * (SV[off + k] + c[k]);
      if (last) num -= sh * l3[lo + k];
      out[off + k] = num * den;
    }
  }
}

/**
 * c-step (22): c = (Σ κ (o − v s) + Σ_i λ3) / (B Σ_t κ_t). Reads o, SV, λ3; writes out (entries [k0, k1) only,
 * when given: each entry is its own sum over all rows).
 */
export function cStep(ctx: BlockContext, o: Float64Array, SV: Float64Array, l3: Float64Array, out: Float64Array, k0 = 0, k1 = ctx.dims.q): void {
  const { N, B, q } = ctx.dims;
  const { nu, rho3 } = ctx.hp;
  const sh = shiftSign(ctx);
  out.fill(0, k0, k1);
  for (let r = 0; r < N * B; r++) {
    const kap = r >= (N - 1) * B ? rho3 : nu;
    const off = r * q;
    for (let k = k0; k < k1; k++) out[k] += kap * (o[off + k] - SV[off + k]);
  }
  for (let i = 0; i < B; i++) for (let k = k0; k < k1; k++) out[k] += sh * l3[i * q + k];
  const den = B * ((N - 1) * nu + rho3);
  for (let k = k0; k < k1; k++) out[k] /= den;
}

/** Scratch of the v-, w- and s-steps. */
export interface SolveScratch {
  gram: Float64Array;
  Lt: Float64Array;
  U: Float64Array;
  rhs: Float64Array;
}

/**
 * v-step: vᵀ = (Σ κ s sᵀ + r'I)⁻¹ (Σ s (κ(o − c) + [t=N] λ3)ᵀ + r' vᵀ^k), r' = N·B·r. Reads s, o, c, λ3, vT (= (v^k)ᵀ);
 * writes outVT (h×q, may alias vT) and outV (q×h); scratch Q3 (N·B×q) and `sc`.
 */
export function vStep(
  ctx: BlockContext, s: Float64Array, o: Float64Array, c: Float64Array, l3: Float64Array, vT: Float64Array,
  outVT: Float64Array, outV: Float64Array, Q3: Float64Array, sc: SolveScratch,
): void {
  const { N, B, h, q } = ctx.dims;
  const M = N * B;
  scaledOutputTargets(ctx, o, c, l3, Q3);
  const rp = paramProx(ctx);
  weightedGram(sc.gram, s, 0, ctx.dims, ctx.hp.nu, ctx.hp.rho3, rp);
  gemmTNo(sc.rhs, 0, q, s, 0, h, Q3, 0, q, M, h, q);
  for (let k = 0; k < h * q; k++) sc.rhs[k] += rp * vT[k];
  choleskyBlocked(sc.gram, h, 'TKS v-step', sc.Lt);
  cholSolveBlocked(sc.gram, h, sc.rhs, q, sc.U);
  outVT.set(sc.rhs.subarray(0, h * q));
  transpose(outV, outVT, h, q);
}

/** Q3 = κ (o − c) + [t=N] λ3 (the scaled targets of the o_t = v s_t + c constraints), rows [r0, r1). */
export function scaledOutputTargets(
  ctx: BlockContext, o: Float64Array, c: Float64Array, l3: Float64Array, Q3: Float64Array, r0 = 0, r1 = ctx.dims.N * ctx.dims.B,
): void {
  const { N, B, q } = ctx.dims;
  const sh = shiftSign(ctx);
  for (let r = r0; r < r1; r++) {
    const last = r >= (N - 1) * B;
    const kap = last ? ctx.hp.rho3 : ctx.hp.nu;
    const off = r * q, lo = (r - (N - 1) * B) * q;
    for (let k = 0; k < q; k++) Q3[off + k] = kap * (o[off + k] - c[k]) + (last ? sh * l3[lo + k] : 0);
  }
}

/**
 * Q1 = κ (a − base − b) + [t=N] λ1, with base = UX (targets for w s_{t−1}) or SW (targets for u x_t): the
 * scaled targets of the a_t constraints, rows [r0, r1).
 */
export function scaledStateTargets(
  ctx: BlockContext, a: Float64Array, base: Float64Array, b: Float64Array, l1: Float64Array, Q1: Float64Array,
  r0 = 0, r1 = ctx.dims.N * ctx.dims.B,
): void {
  const { N, B, h } = ctx.dims;
  const sh = shiftSign(ctx);
  for (let r = r0; r < r1; r++) {
    const last = r >= (N - 1) * B;
    const kap = last ? ctx.hp.rho1 : ctx.hp.nu;
    const off = r * h, lo = (r - (N - 1) * B) * h;
    for (let j = 0; j < h; j++) Q1[off + j] = kap * (a[off + j] - base[off + j] - b[j]) + (last ? sh * l1[lo + j] : 0);
  }
}

/** G = ν Σ_{t<N} xᵀx + κN x_Nᵀx_N + diag·I over the N·B rows (width h) of X starting at row offset xOff. */
export function weightedGram(G: Float64Array, X: Float64Array, xOff: number, dims: Dims, nu: number, kapN: number, diag: number): void {
  const { N, B, h } = dims;
  if (N > 1) syrkTNo(G, 0, h, X, xOff, h, (N - 1) * B, h, nu, 0);
  syrkTNo(G, 0, h, X, xOff + (N - 1) * B * h, h, B, h, kapN, N > 1 ? 1 : 0);
  for (let j = 0; j < h; j++) G[j * h + j] += diag;
}

/**
 * b-step (20): b = (Σ κ (a − u x − w s_{t−1}) + Σ_i λ1) / (B Σ_t κ_t). Reads a, UX, SW, λ1; writes out (entries
 * [j0, j1) only, when given).
 */
export function bStep(ctx: BlockContext, a: Float64Array, UX: Float64Array, SW: Float64Array, l1: Float64Array, out: Float64Array, j0 = 0, j1 = ctx.dims.h): void {
  const { N, B, h } = ctx.dims;
  const { nu, rho1 } = ctx.hp;
  out.fill(0, j0, j1);
  for (let row = 0; row < N * B; row++) {
    const kap = row >= (N - 1) * B ? rho1 : nu;
    const off = row * h;
    for (let j = j0; j < j1; j++) out[j] += kap * (a[off + j] - UX[off + j] - SW[off + j]);
  }
  if (!ctx.faults['b-no-lambda1']) {
    const sh = shiftSign(ctx);
    for (let i = 0; i < B; i++) for (let j = j0; j < j1; j++) out[j] += sh * l1[i * h + j];
  }
  const den = B * ((N - 1) * nu + rho1);
  for (let j = j0; j < j1; j++) out[j] /= den;
}

/**
 * w-step: wᵀ = (Σ κ s_{t−1} s_{t−1}ᵀ + (r' + ω) I)⁻¹ (Σ s_{t−1} (κ (a − u x − b) + [t=N] λ1)ᵀ + r' wᵀ^k), r' = N·B·r.
 * Reads a, UX, b, sPrev (the s_{t−1} rows), s (only under the 'w-off-by-one' fault), λ1, wT; writes outWT
 * (may alias wT) and outW; scratch Q1 and `sc`.
 */
export function wStep(
  ctx: BlockContext, a: Float64Array, UX: Float64Array, b: Float64Array, sPrev: Float64Array, s: Float64Array,
  l1: Float64Array, wT: Float64Array, outWT: Float64Array, outW: Float64Array, Q1: Float64Array, sc: SolveScratch,
): void {
  const { N, B, h } = ctx.dims;
  const X = ctx.faults['w-off-by-one'] ? s : sPrev;
  scaledStateTargets(ctx, a, UX, b, l1, Q1);
  const rp = paramProx(ctx);
  weightedGram(sc.gram, X, 0, ctx.dims, ctx.hp.nu, ctx.hp.rho1, rp + ctx.hp.omega);
  gemmTNo(sc.rhs, 0, h, X, 0, h, Q1, 0, h, N * B, h, h);
  for (let k = 0; k < h * h; k++) sc.rhs[k] += rp * wT[k];
  choleskyBlocked(sc.gram, h, 'TKS w-step', sc.Lt);
  cholSolveBlocked(sc.gram, h, sc.rhs, h, sc.U);
  outWT.set(sc.rhs.subarray(0, h * h));
  transpose(outW, outWT, h, h);
}

/** Scratch of the u-step. */
export interface UStepScratch {
  Q1: Float64Array;
  cnt: Float64Array;
  gramD: Float64Array;
  LtD: Float64Array;
  UD: Float64Array;
  rhsD: Float64Array;
  uT: Float64Array;
}

/**
 * u-step: u = argmin Σ κ/2 ‖a − w s_{t−1} − b − u x (+ λ1/ρ1 at t = N)‖² + N·B·r/2‖u − u^k‖². For one-hot x the Gram
 * matrix Σ κ x xᵀ is diagonal (weighted symbol counts), so column k of u is a weighted mean; for dense x a d×d
 * Cholesky solve. Reads a, SW, b, x, λ1, u (= u^k); writes outU (h×d, may alias u); scratch `sc`.
 */
export function uStep(
  ctx: BlockContext, a: Float64Array, SW: Float64Array, b: Float64Array, x: Inputs, l1: Float64Array,
  u: Float64Array, outU: Float64Array, sc: UStepScratch,
): void {
  scaledStateTargets(ctx, a, SW, b, l1, sc.Q1);
  uStepFromTargets(ctx, x, u, outU, sc);
}

/** The u-step once its scaled targets Q1 (`sc.Q1`, all rows) are made: the weighted means or the d×d solve. */
export function uStepFromTargets(ctx: BlockContext, x: Inputs, u: Float64Array, outU: Float64Array, sc: UStepScratch): void {
  const { N, B, d, h } = ctx.dims;
  const { nu, rho1 } = ctx.hp;
  const r = paramProx(ctx);
  const M = N * B;
  if (x.kind === 'onehot') {
    uStepOnehotRows(ctx, x.idx, sc.Q1, u, outU, sc.rhsD, sc.cnt, 0, h);
    return;
  }
  const X = x.x;
  if (N > 1) syrkTNo(sc.gramD, 0, d, X, 0, d, (N - 1) * B, d, nu, 0);
  syrkTNo(sc.gramD, 0, d, X, (N - 1) * B * d, d, B, d, rho1, N > 1 ? 1 : 0);
  for (let k = 0; k < d; k++) sc.gramD[k * d + k] += r;
  gemmTNo(sc.rhsD, 0, h, X, 0, d, sc.Q1, 0, h, M, d, h);
  transpose(sc.uT, u, h, d);
  for (let k = 0; k < d * h; k++) sc.rhsD[k] += r * sc.uT[k];
  choleskyBlocked(sc.gramD, d, 'TKS u-step', sc.LtD);
  cholSolveBlocked(sc.gramD, d, sc.rhsD, h, sc.UD);
  transpose(outU, sc.rhsD, d, h);
}

/**
 * The one-hot u-step for rows [j0, j1) of u (h×d): column k of u is a weighted mean of the Q1 rows whose input
 * symbol is k. Each entry is summed over all rows in order, so any split of [0, h) gives the same bits. `acc`
 * (d×h) and `cnt` (d) are scratch; u and outU may alias.
 */
export function uStepOnehotRows(
  ctx: BlockContext, idx: Int32Array, Q1: Float64Array, u: Float64Array, outU: Float64Array, acc: Float64Array, cnt: Float64Array,
  j0: number, j1: number,
): void {
  const { N, B, d, h } = ctx.dims;
  const { nu, rho1 } = ctx.hp;
  const r = paramProx(ctx);
  const M = N * B;
  // row k of acc: Σ of the Q1 rows whose input symbol is k
  for (let k = 0; k < d; k++) acc.fill(0, k * h + j0, k * h + j1);
  cnt.fill(0);
  for (let row = 0; row < M; row++) {
    const k = idx[row];
    cnt[k] += row >= (N - 1) * B ? rho1 : nu;
    const off = row * h, ko = k * h;
    for (let j = j0; j < j1; j++) acc[ko + j] += Q1[off + j];
  }
  for (let k = 0; k < d; k++) {
    const den = 1 / (cnt[k] + r);
    for (let j = j0; j < j1; j++) outU[j * d + k] = (acc[k * h + j] + r * u[j * d + k]) * den;
  }
}

/** Inputs of the multiplier step (15). */
export interface MultiplierInputs {
  a: Float64Array;
  /** tanh(a), entrywise. */
  ta: Float64Array;
  s: Float64Array;
  o: Float64Array;
  UX: Float64Array;
  SW: Float64Array;
  SV: Float64Array;
  b: Float64Array;
  c: Float64Array;
}

/** (15a)–(15c): λ_i ← λ_i + ρ_i r_{i,N}. Updates l1, l2, l3 in place. */
export function multiplierStep(
  ctx: BlockContext, i: MultiplierInputs, l1: Float64Array, l2: Float64Array, l3: Float64Array,
): void {
  const { N, B, h, q } = ctx.dims;
  const sg = ctx.faults['lambda-sign'] ? -1 : 1;
  const { rho1, rho2, rho3 } = ctx.hp;
  const oh = (N - 1) * B * h, oq = (N - 1) * B * q;
  for (let k = 0; k < B * h; k++) {
    const j = k % h, m = oh + k;
    l1[k] += sg * rho1 * (i.a[m] - i.UX[m] - i.SW[m] - i.b[j]);
    l2[k] += sg * rho2 * (i.s[m] - i.ta[m]);
  }
  for (let k = 0; k < B * q; k++) {
    const m = oq + k;
    l3[k] += sg * rho3 * (i.o[m] - i.SV[m] - i.c[k % q]);
  }
}
