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
 */
export function sStep(ctx: BlockContext, i: SStepInputs, out: Float64Array, sc: SStepScratch): void {
  const { N, B, h, q } = ctx.dims;
  const { nu, rho1, rho2, rho3, r } = ctx.hp;
  const M = N * B;
  const sh = shiftSign(ctx);
  const coupled = !ctx.faults['s-no-coupling'];
  const lastNoRho2 = ctx.faults['s-last-no-rho2'];
  scaledOutputTargets(ctx, i.o, i.c, i.l3, sc.Q3);
  scaledStateTargets(ctx, i.a, i.UX, i.b, i.l1, sc.Q1);
  const lastRow = (N - 1) * B;
  for (let row = 0; row < M; row++) {
    const last = row >= lastRow;
    const kap2 = last ? (lastNoRho2 ? 0 : rho2) : nu;
    const off = row * h, lo = (row - lastRow) * h;
    for (let j = 0; j < h; j++) {
      let v = kap2 * i.ta[off + j] + r * i.s[off + j];
      if (last && !lastNoRho2) v -= sh * i.l2[lo + j];
      sc.RHS[off + j] = v;
    }
  }
  gemmNNo(sc.RHS, 0, h, sc.Q3, 0, q, i.v, 0, h, M, q, h, 1, 1);
  if (coupled && N > 1) gemmNNo(sc.RHS, 0, h, sc.Q1, B * h, h, i.w, 0, h, (N - 1) * B, h, h, 1, 1);
  syrkTNo(sc.vtv, 0, h, i.v, 0, h, q, h, 1, 0);
  syrkTNo(sc.wtw, 0, h, i.w, 0, h, h, h, 1, 0);
  // classes: 0 = t ≤ N−2, 1 = t = N−1, 2 = t = N
  const classes: [number, number, number, number, number][] = [
    [0, Math.max(0, N - 2) * B, nu, nu, coupled ? nu : 0],
    [Math.max(0, N - 2) * B, lastRow, nu, nu, coupled ? rho1 : 0],
    [lastRow, M, lastNoRho2 ? 0 : rho2, rho3, 0],
  ];
  for (let cl = 0; cl < 3; cl++) {
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
    gemmNNo(out, r0 * h, h, sc.RHS, r0 * h, h, sc.Minv, cl * h * h, h, r1 - r0, h, h);
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
 * (may alias i.ta).
 */
export function aStep(ctx: BlockContext, i: AStepInputs, out: Float64Array, taOut: Float64Array): void {
  const { N, B, h } = ctx.dims;
  const { nu, rho1, rho2, r } = ctx.hp;
  const sh = shiftSign(ctx);
  const small = ctx.faults['a-small-trick'];
  const lastRow = (N - 1) * B;
  for (let row = 0; row < N * B; row++) {
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
