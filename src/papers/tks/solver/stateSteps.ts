/**
 * The s- and a-steps of ADMMiRNN (the blocks of the hidden states; the models they minimize are described in
 * `blocks.ts`). Pure functions of their inputs, writing only their outputs and named scratch.
 */
import { cholSolveBlocked, choleskyBlocked, gemmNNo, syrkTNo } from '../../../linalg/index.ts';
import { curvatureBound } from '../problem/curvature.ts';
import { scaledOutputTargets, scaledStateTargets, shiftSign, type BlockContext, type SolveScratch } from './blocks.ts';

/** Inputs of the s-step. */
export interface SStepInputs {
  a: Float64Array;
  /** tanh(a), entrywise. */
  ta: Float64Array;
  s: Float64Array;
  o: Float64Array;
  UX: Float64Array;
  b: Float64Array;
  c: Float64Array;
  v: Float64Array;
  w: Float64Array;
  l1: Float64Array;
  l2: Float64Array;
  l3: Float64Array;
}

/** Scratch of the s-step. */
export interface SStepScratch extends SolveScratch {
  Q1: Float64Array;
  Q3: Float64Array;
  RHS: Float64Array;
  vtv: Float64Array;
  wtw: Float64Array;
  Minv: Float64Array;
}

/**
 * s-step: for every row, s_t M_t = κ2 (tanh a_t − [t=N] λ2/ρ2) + κ3 (o_t − c + [t=N] λ3/ρ3) v
 *   + [t<N] κ1_{t+1} (a_{t+1} − u x_{t+1} − b + [t+1=N] λ1/ρ1) w + r s_t^k,
 * M_t = (κ2 + r) I + κ3 vᵀv + κ1_{t+1} wᵀw, one matrix for t ≤ N−2, t = N−1 and t = N. Writes `out` (may alias s).
 * The three parts below ({@link sStepRhs}, {@link sStepInverses}, {@link sStepSolveRows}) are this step split for
 * the data-parallel variant: the right-hand sides and the solves are separable over rows.
 */
export function sStep(ctx: BlockContext, i: SStepInputs, out: Float64Array, sc: SStepScratch): void {
  const M = ctx.dims.N * ctx.dims.B;
  sStepRhs(ctx, i, sc, 0, M);
  sStepInverses(ctx, i, sc);
  sStepSolveRows(ctx, out, sc, 0, M);
}

/**
 * The right-hand sides of the s-step, rows [r0, r1) of `sc.RHS`. Writes rows [r0, r1) of Q3 and the Q1 rows the
 * coupling term reads (r0 + B … r1 + B, row 0 on when r0 = 0), so threads with disjoint row ranges write
 * disjoint rows. Reads s only in rows [r0, r1).
 */
export function sStepRhs(ctx: BlockContext, i: SStepInputs, sc: SStepScratch, r0: number, r1: number): void {
  const { N, B, h, q } = ctx.dims;
  const { nu, r } = ctx.hp;
  const M = N * B;
  const sh = shiftSign(ctx);
  const coupled = !ctx.faults['s-no-coupling'];
  const lastNoRho2 = ctx.faults['s-last-no-rho2'];
  scaledOutputTargets(ctx, i.o, i.c, i.l3, sc.Q3, r0, r1);
  scaledStateTargets(ctx, i.a, i.UX, i.b, i.l1, sc.Q1, r0 === 0 ? 0 : Math.min(M, r0 + B), Math.min(M, r1 + B));
  const lastRow = (N - 1) * B;
  for (let row = r0; row < r1; row++) {
    const last = row >= lastRow;
    const kap2 = last ? (lastNoRho2 ? 0 : ctx.hp.rho2) : nu;
    const off = row * h, lo = (row - lastRow) * h;
    for (let j = 0; j < h; j++) {
      let v = kap2 * i.ta[off + j] + r * i.s[off + j];
      if (last && !lastNoRho2) v -= sh * i.l2[lo + j];
      sc.RHS[off + j] = v;
    }
  }
  gemmNNo(sc.RHS, r0 * h, h, sc.Q3, r0 * q, q, i.v, 0, h, r1 - r0, q, h, 1, 1);
  const c1 = Math.min(r1, lastRow);
  if (coupled && N > 1 && c1 > r0) gemmNNo(sc.RHS, r0 * h, h, sc.Q1, (r0 + B) * h, h, i.w, 0, h, c1 - r0, h, h, 1, 1);
}

/** The row classes of the s-step: [first row, end row, κ2, κ3, κ1_{t+1}] for t ≤ N−2, t = N−1, t = N. */
function sClasses(ctx: BlockContext): [number, number, number, number, number][] {
  const { N, B } = ctx.dims;
  const { nu, rho1, rho2, rho3 } = ctx.hp;
  const coupled = !ctx.faults['s-no-coupling'];
  const lastRow = (N - 1) * B;
  return [
    [0, Math.max(0, N - 2) * B, nu, nu, coupled ? nu : 0],
    [Math.max(0, N - 2) * B, lastRow, nu, nu, coupled ? rho1 : 0],
    [lastRow, N * B, ctx.faults['s-last-no-rho2'] ? 0 : rho2, rho3, 0],
  ];
}

/** The scratch {@link sStepInverses} uses (a thread may bring its own; Minv is where the inverses go). */
export type InverseScratch = Pick<SStepScratch, 'vtv' | 'wtw' | 'gram' | 'Lt' | 'U' | 'Minv'>;

/** All three row classes. */
const ALL_CLASSES: readonly number[] = [0, 1, 2];

/** The inverses M_t⁻¹ of the s-step (of the row classes `which`, default all three) into `sc.Minv`; reads v, w only. */
export function sStepInverses(ctx: BlockContext, i: Pick<SStepInputs, 'v' | 'w'>, sc: InverseScratch, which: readonly number[] = ALL_CLASSES): void {
  const { h, q } = ctx.dims;
  const { r } = ctx.hp;
  syrkTNo(sc.vtv, 0, h, i.v, 0, h, q, h, 1, 0);
  syrkTNo(sc.wtw, 0, h, i.w, 0, h, h, h, 1, 0);
  const classes = sClasses(ctx);
  for (const cl of which) {
    const [r0, r1, k2, k3, k1] = classes[cl];
    if (r1 <= r0) continue;
    const G = sc.gram;
    for (let k = 0; k < h * h; k++) G[k] = k3 * sc.vtv[k] + k1 * sc.wtw[k];
    for (let j = 0; j < h; j++) G[j * h + j] += k2 + r;
    choleskyBlocked(G, h, 'TKS s-step', sc.Lt);
    const inv = sc.Minv.subarray(cl * h * h, (cl + 1) * h * h);
    inv.fill(0);
    for (let j = 0; j < h; j++) inv[j * h + j] = 1;
    cholSolveBlocked(G, h, inv, h, sc.U);
  }
}

/** out = RHS M_t⁻¹, rows [r0, r1) (after {@link sStepRhs} for those rows and {@link sStepInverses}). */
export function sStepSolveRows(ctx: BlockContext, out: Float64Array, sc: SStepScratch, r0: number, r1: number): void {
  const { h } = ctx.dims;
  const classes = sClasses(ctx);
  for (let cl = 0; cl < 3; cl++) {
    const a = Math.max(r0, classes[cl][0]), b = Math.min(r1, classes[cl][1]);
    if (b > a) gemmNNo(out, a * h, h, sc.RHS, a * h, h, sc.Minv, cl * h * h, h, b - a, h, h);
  }
}

/** Inputs of the a-step. */
export interface AStepInputs {
  a: Float64Array;
  /** tanh(a), entrywise. */
  ta: Float64Array;
  s: Float64Array;
  UX: Float64Array;
  SW: Float64Array;
  b: Float64Array;
  l1: Float64Array;
  l2: Float64Array;
}

/**
 * a-step, entrywise: a = (κ1 α + τ a^k − g) / (κ1 + τ) with α = u x + w s_{t−1} + b (− λ1/ρ1 at t = N),
 * g = −κ2 (β − tanh a^k) sech² a^k the derivative of κ2/2 (β − tanh a)² at a^k, β = s (+ λ2/ρ2 at t = N), and
 * the majorizing weight τ = κ2 τ(β) + r (`problem/curvature.ts`). Writes `out` (may alias a) and tanh(out) into `taOut`
 * (may alias i.ta). Rows [r0, r1) only, when given.
 */
export function aStep(
  ctx: BlockContext, i: AStepInputs, out: Float64Array, taOut: Float64Array, r0 = 0, r1 = ctx.dims.N * ctx.dims.B,
): void {
  const { N, B, h } = ctx.dims;
  const { nu, rho1, rho2, r } = ctx.hp;
  const sh = shiftSign(ctx);
  const small = ctx.faults['a-small-trick'];
  const lastRow = (N - 1) * B;
  for (let row = r0; row < r1; row++) {
    const last = row >= lastRow;
    const k1 = last ? rho1 : nu, k2 = last ? rho2 : nu;
    const off = row * h, lo = (row - lastRow) * h;
    for (let j = 0; j < h; j++) {
      const k = off + j;
      let k1a = k1 * (i.UX[k] + i.SW[k] + i.b[j]);
      let beta = i.s[k];
      if (last) {
        k1a -= sh * i.l1[lo + j];
        beta += (sh * i.l2[lo + j]) / rho2;
      }
      const ak = i.a[k];
      let an: number;
      if (small) an = (k1a + k2 * beta + r * ak) / (k1 + k2 + r);
      else {
        const th = i.ta[k];
        const g = -k2 * (beta - th) * (1 - th * th);
        const tau = k2 * curvatureBound(beta) + r;
        an = (k1a + tau * ak - g) / (k1 + tau);
      }
      out[k] = an;
      taOut[k] = Math.tanh(an);
    }
  }
}
