/**
 * Algorithm 3.2: block coordinate descent on the subproblem (3.5) min_s L(s, ξ, ζ, γ), blocks z → h → u,
 * started by (3.13) and stopped by (3.17) (or by the exact test (4.9) when ε = 0) or at the inner cap.
 *
 * Everything the loop touches is preallocated in a {@link BcdWorkspace}; with no observer attached an inner
 * iteration allocates nothing. The AL value of each trace row reuses Ψ(h^j)w^j, which the u-step needs anyway,
 * so a row costs one T×r·r×m product (for ℓ) on top of the three block updates.
 */
import { gemmNNo } from '../../../linalg/blocked.ts';
import { inArena, type Alloc } from '../../../linalg/simd.ts';
import { allFinite, sqdist, sqnorm } from '../../../linalg/dense.ts';
import { NotPositiveDefiniteError } from '../../../linalg/cholesky.ts';
import { alParts, alWorkspace, type ALWorkspace } from '../problem/lagrangian.ts';
import type { Iterate, Multipliers, Problem } from '../problem/types.ts';
import { cloneIterate, copyIterateInto, copyWeightsInto } from '../problem/types.ts';
import { dataNorms, lipschitzArgs, lipschitzL1L2 } from './constants.ts';
import { allocHStep, hStepInto, inputDriveInto, prepareHStep, type HStepWorkspace } from './hStep.ts';
import { dataKey, DIVERGE_ON_DATA_SHARE, NO_FAULTS, type WzcFault } from './mutants.ts';
import type { AlmObserver, AlmParams, BcdStatus, TraceRow } from './types.ts';
import { DivergenceError } from './types.ts';
import { uStepScaledInto } from './uStep.ts';
import { traceSums } from './simdSteps.ts';
import { allocZStep, padTo4, prepareZStep, zStepInto, type ZStepWorkspace } from './zStep.ts';

/** The four points of one BCD iteration handed to observers: s^{(j−1)}, s_z^{(j)}, s_h^{(j)}, s^{(j)}. */
interface EventIterates {
  readonly prev: Iterate;
  readonly sz: Iterate;
  readonly sh: Iterate;
  readonly s: Iterate;
}

/** Preallocated state of Algorithm 3.2 for one problem; reused across all ALM iterations. */
export interface BcdWorkspace {
  readonly prob: Problem;
  readonly zws: ZStepWorkspace;
  readonly hws: HStepWorkspace;
  /**
   * s^{(j)}: the working iterate; after {@link runBcd} it is s^k. `cur` and `prev` trade places at the start of
   * each iteration (the sweep overwrites every block of s^{(j)}, so s^{(j−2)} need not be cleared): hold the
   * workspace, not these objects, across iterations.
   */
  cur: Iterate;
  /** s^{(j−1)}. */
  prev: Iterate;
  /**
   * Ψ(h^{(j)})w^{(j)} (T×r), valid after each iteration (the constraint C1 = u − Pw). The same buffer as
   * `hws.Bx`: the h-step leaves XVᵀ + 1bᵀ there and the u-step adds [0; h]Wᵀ in place (no copy).
   */
  readonly Pw: Float64Array;
  /** Ψ(h^{(j−1)})w^{(j)}, used only by the 'stale-theta1' fault. */
  readonly PwStale: Float64Array;
  /** σ(u^{(j)}) (T×r), valid after each iteration. */
  readonly sig: Float64Array;
  /** H Aᵀ (T×mp, mp = m rounded up to a multiple of 4) for ℓ. */
  readonly out: Float64Array;
  readonly al: ALWorkspace;
  readonly norms: { xNorm: number; yMaxNorm: number };
  /** Scalar outputs of the last AL evaluation: [FeasVio]. */
  readonly stats: Float64Array;
  /** ξ, ζ of the current BCD run, copied into the arena so that the SIMD kernels can read them, and ξ/γ, ζ/γ. */
  readonly xi: Float64Array;
  readonly zeta: Float64Array;
  readonly xiG: Float64Array;
  readonly zetaG: Float64Array;
  /** Element-wise sums of the last AL evaluation: ‖C1‖², ‖C2‖², ⟨ξ, C1⟩ + ⟨ζ, C2⟩, ‖u‖², ‖h − h'‖², ‖u − u'‖². */
  readonly sums: Float64Array;
  /** Observer copies; null when the workspace was built without events. */
  readonly ev: EventIterates | null;
}

/**
 * Allocate the workspace; `withEvents` adds the four event iterates observers receive. With `simd` (default)
 * every buffer that enters a matrix product lives in one WebAssembly arena, so the products run in the SIMD
 * kernel; results are bit-identical either way.
 */
export function bcdWorkspace(prob: Problem, withEvents: boolean, simd = true): BcdWorkspace {
  const d = prob.data.dims;
  const Tr = d.T * d.r;
  const ws = inArena((alloc: Alloc): BcdWorkspace => {
    const iterate = (): Iterate => ({
      z: { W: alloc(d.r * d.r), V: alloc(d.r * d.n), b: alloc(d.r), A: alloc(d.m * d.r), c: alloc(d.m) },
      h: alloc(Tr), u: alloc(Tr),
    });
    const zws = allocZStep(d, alloc), hws = allocHStep(d, alloc);
    return {
      prob, zws, hws, cur: iterate(), prev: iterate(),
      Pw: hws.Bx, PwStale: alloc(Tr), sig: alloc(Tr), out: alloc(d.T * padTo4(d.m)), al: alWorkspace(d),
      norms: { xNorm: 0, yMaxNorm: 0 }, stats: new Float64Array(1), xi: alloc(Tr), zeta: alloc(Tr), xiG: alloc(Tr), zetaG: alloc(Tr), sums: alloc(6),
      ev: withEvents ? { prev: iterate(), sz: iterate(), sh: iterate(), s: iterate() } : null,
    };
  }, simd);
  prepareZStep(ws.zws, prob);
  prepareHStep(ws.hws, prob);
  Object.assign(ws.norms, dataNorms(prob));
  return ws;
}

/** Columnar, growable store of trace rows: pushing a row allocates nothing until the capacity doubles. */
export class TraceBuffer {
  private cap: number;
  private len = 0;
  private kj: Int32Array;
  private vals: Float64Array;
  private static readonly W = 6;

  constructor(capacity: number) {
    this.cap = Math.max(16, capacity);
    this.kj = new Int32Array(2 * this.cap);
    this.vals = new Float64Array(TraceBuffer.W * this.cap);
  }

  /** Number of rows. */
  get length(): number {
    return this.len;
  }

  /** Append one row (k, j, L, FeasVio, step, γ, ε, timeMs). */
  push(k: number, j: number, L: number, feasVio: number, step: number, gamma: number, eps: number, timeMs: number): void {
    if (this.len === this.cap) this.grow();
    const i = this.len++;
    this.kj[2 * i] = k;
    this.kj[2 * i + 1] = j;
    const o = TraceBuffer.W * i;
    const v = this.vals;
    v[o] = L; v[o + 1] = feasVio; v[o + 2] = step; v[o + 3] = gamma; v[o + 4] = eps; v[o + 5] = timeMs;
  }

  /** Row i as a {@link TraceRow} object. */
  row(i: number): TraceRow {
    const o = TraceBuffer.W * i, v = this.vals;
    return { k: this.kj[2 * i], j: this.kj[2 * i + 1], L: v[o], feasVio: v[o + 1], step: v[o + 2], gamma: v[o + 3], eps: v[o + 4], timeMs: v[o + 5] };
  }

  /** All rows as objects. */
  rows(): TraceRow[] {
    return Array.from({ length: this.len }, (_, i) => this.row(i));
  }

  private grow(): void {
    this.cap *= 2;
    const kj = new Int32Array(2 * this.cap), vals = new Float64Array(TraceBuffer.W * this.cap);
    kj.set(this.kj);
    vals.set(this.vals);
    this.kj = kj;
    this.vals = vals;
  }
}

/** Inputs of one BCD run (ALM iteration k). */
export interface BcdArgs {
  k: number;
  /** The ALM's feasible start s⁰. */
  s0: Iterate;
  /** s^{k−1}, the previous ALM iterate (= s⁰ when k = 1). */
  sPrev: Iterate;
  mult: Multipliers;
  gamma: number;
  eps: number;
  params: AlmParams;
  trace: TraceBuffer;
  observer?: AlmObserver;
  /** performance.now() at the start of the ALM run. */
  t0: number;
}

/** How one BCD run went. The final iterate s^k is left in `ws.cur`. */
export interface BcdOutcome {
  /** Iterations used. */
  j: number;
  status: BcdStatus;
  restarted: boolean;
  rhat: number;
  L1: number;
  L2: number;
}

/**
 * Run Algorithm 3.2 for ALM iteration k. Step 1: the start (3.13) — s^{k−1} if k > 1 and
 * L(s^{k−1}, ξ, ζ, γ) ≤ Γ, else s⁰ (so k = 1 reports `restarted`) — then r̂, L1, L2 by (3.4) as printed.
 * @throws DivergenceError when a block becomes non-finite (or its system is no longer numerically SPD),
 *   carrying s^{(j−1)}, the last finite iterate.
 */
export function runBcd(ws: BcdWorkspace, a: BcdArgs): BcdOutcome {
  const { prob, cur } = ws;
  const { k, gamma, eps, params, trace, observer } = a;
  ws.xi.set(a.mult.xi);
  ws.zeta.set(a.mult.zeta);
  for (let i = 0; i < ws.xi.length; i++) {
    ws.xiG[i] = ws.xi[i] / gamma;
    ws.zetaG[i] = ws.zeta[i] / gamma;
  }
  const mult: Multipliers = { xi: ws.xi, zeta: ws.zeta };
  if (observer?.onBcdStep && !ws.ev) throw new Error('runBcd: onBcdStep needs a workspace built with events (bcdWorkspace(prob, true))');
  const faults = params.faults ?? NO_FAULTS;
  let restarted = true;
  let rhat = NaN;
  if (k > 1) {
    copyIterateInto(cur, a.sPrev);
    const Lwarm = alAtCur(ws, mult, gamma);
    if (Lwarm <= params.Gamma || faults.has('restart-ignored')) {
      restarted = false;
      rhat = Lwarm;
    }
  }
  if (restarted) {
    copyIterateInto(cur, a.s0);
    rhat = alAtCur(ws, mult, gamma);
  }
  // corrected (3.4) (erratum wzc-E-3.4): the printed δ² in δ1 is not an upper bound; δ0² is (A.10)–(A.12)
  const { L1, L2 } = lipschitzL1L2(lipschitzArgs(prob, a.mult, gamma, rhat, ws.norms));
  const threshold = eps / Math.max(L1, L2, params.mu);
  observer?.onBcdStart?.({ k, s0: cur, mult: a.mult, gamma, eps, rhat, L1, L2, restarted });

  const staleTheta1 = faults.has('stale-theta1');
  const plantedDivergence = faults.has('diverge-on-data') && dataKey(prob.data.X, prob.data.Y) < DIVERGE_ON_DATA_SHARE;
  for (let j = 1; j <= params.inner; j++) {
    // s^{(j−1)} becomes prev by trading places instead of a copy (≈ 1 MB at T = 500, r = 100)
    const older = ws.prev;
    ws.prev = ws.cur;
    ws.cur = older;
    blockUpdates(ws, a, mult, j, faults, staleTheta1);
    if (plantedDivergence) diverge(ws, a, j, 'u');
    const L = alValue(ws, mult, gamma, ws.prev);
    const feasVio = ws.stats[0];
    // = iterateSqDist(cur, prev), the h and u terms summed by alValue
    const stepSq = weightsSqDist(ws.cur, ws.prev) + ws.sums[4] + ws.sums[5];
    checkFinite(ws, a, j, stepSq, L);
    const step = Math.sqrt(stepSq);
    const now = performance.now() - a.t0;
    trace.push(k, j, L, feasVio, step, gamma, eps, now);
    if (observer) emitStep(ws, a, j, step);
    if (eps > 0 ? step <= threshold : step === 0) return { j, status: 'converged', restarted, rhat, L1, L2 };
  }
  return { j: params.inner, status: 'max-inner', restarted, rhat, L1, L2 };
}

/**
 * One sweep z → h → u of (3.14)–(3.16), from s^{(j−1)} = ws.prev into ws.cur. Expects σ(u^{(j−1)}) in ws.sig.
 * Non-finite values are caught after the sweep (see {@link checkFinite}); a factorization that fails on the way
 * (non-finite or overflowing input) is reported the same way.
 */
function blockUpdates(
  ws: BcdWorkspace, a: BcdArgs, mult: Multipliers, j: number, faults: ReadonlySet<WzcFault>, staleTheta1: boolean,
): void {
  const { prob, cur, prev, Pw } = ws;
  const { gamma } = a;
  const { T, r } = prob.data.dims;
  let stage = 'z';
  try {
    zStepInto(prob, ws.zws, prev.h, prev.u, mult.xi, gamma, cur.z, faults);
    if (ws.ev) copyMixed(ws.ev.sz, cur, prev, prev);
    stage = 'h';
    hStepInto(prob, ws.hws, cur.z, prev.u, mult.xi, mult.zeta, gamma, cur.h, ws.sig, faults);
  } catch (e) {
    // a factorization failed on non-finite or overflowing input: name the block whose output went bad first
    if (e instanceof NotPositiveDefiniteError) diverge(ws, a, j, stage === 'h' && !weightsFinite(cur) ? 'z' : stage, e);
    throw e;
  }
  if (ws.ev) copyMixed(ws.ev.sh, cur, cur, prev);
  // Ψ(h^j)w^j = [0; h_1..h_{T−1}] Wᵀ + (XVᵀ + 1bᵀ); the h-step left XVᵀ + 1bᵀ in Pw (= hws.Bx) and Wᵀ
  const Wt = ws.hws.Wt;
  let theta1Source = Pw;
  if (staleTheta1) {
    ws.PwStale.set(Pw);
    if (T > 1) gemmNNo(ws.PwStale, r, r, prev.h, 0, r, Wt, 0, r, T - 1, r, r, 1, 1);
    theta1Source = ws.PwStale;
  }
  if (T > 1) gemmNNo(Pw, r, r, cur.h, 0, r, Wt, 0, r, T - 1, r, r, 1, 1);
  uStepScaledInto(prob.activation, theta1Source, cur.h, ws.xiG, ws.zetaG, prev.u, gamma, a.params.mu, prob.lambda[5], cur.u, faults);
}

/**
 * Throw DivergenceError unless the sweep's step and AL value are finite. Since s^{(j−1)} is finite, a finite
 * ‖s^{(j)} − s^{(j−1)}‖² means every entry of s^{(j)} is, so the common case costs nothing extra.
 */
function checkFinite(ws: BcdWorkspace, a: BcdArgs, j: number, stepSq: number, L: number): void {
  if (Number.isFinite(stepSq) && Number.isFinite(L)) return;
  diverge(ws, a, j, firstNonFinite(ws.cur, 'overflow (step or AL value)'));
}

/** The first block of s (in update order z, h, u) holding a non-finite entry, else `fallback`. */
function firstNonFinite(s: Iterate, fallback: string): string {
  if (!weightsFinite(s)) return 'z';
  if (!allFinite(s.h)) return 'h';
  if (!allFinite(s.u)) return 'u';
  return fallback;
}

/**
 * L(ws.cur, ξ, ζ, γ) from scratch with the workspace's kernels (Ψ(h)w by two products instead of `psiW`'s
 * loops); also leaves Ψ(h)w in ws.Pw and σ(u) in ws.sig, as an iteration would.
 */
function alAtCur(ws: BcdWorkspace, mult: Multipliers, gamma: number): number {
  const { cur, Pw } = ws;
  const { T, r } = ws.prob.data.dims;
  inputDriveInto(ws.hws, cur.z, Pw);
  if (T > 1) gemmNNo(Pw, r, r, cur.h, 0, r, ws.hws.Wt, 0, r, T - 1, r, r, 1, 1);
  return alValue(ws, mult, gamma, null);
}

/**
 * L(s^{(j)}, ξ, ζ, γ) from ws.Pw; also leaves σ(u^{(j)}) in ws.sig, FeasVio in ws.stats[0] and, with `prev`, the
 * step terms ‖h − h'‖², ‖u − u'‖² in ws.sums[4], ws.sums[5]. ℓ needs H Aᵀ; every other term is elementwise.
 */
function alValue(ws: BcdWorkspace, mult: Multipliers, gamma: number, prev: Iterate | null): number {
  const { prob, cur, out } = ws;
  const { T, m, r } = prob.data.dims;
  const lam = prob.lambda;
  traceSums(prob.activation, cur, ws.Pw, mult, ws.sig, ws.sums, prev);
  const sums = ws.sums;
  const c1 = sums[0], c2 = sums[1], lin = sums[2], uu = sums[3];
  const { h } = cur;
  const mp = ws.hws.mp;
  gemmNNo(out, 0, mp, h, 0, r, ws.hws.At, 0, mp, T, r, mp);
  const Y = prob.data.Y, c = cur.z.c;
  let ell = 0;
  for (let t = 0; t < T; t++) {
    for (let jj = 0; jj < m; jj++) {
      const e = Y[t * m + jj] - out[t * mp + jj] - c[jj];
      ell += e * e;
    }
  }
  const z = cur.z;
  const P = lam[0] * sqnorm(z.A) + lam[1] * sqnorm(z.W) + lam[2] * sqnorm(z.V) + lam[3] * sqnorm(z.b) + lam[4] * sqnorm(z.c) + lam[5] * uu;
  ws.stats[0] = Math.sqrt(Math.max(c1, c2));
  return ell / T + P + lin + 0.5 * gamma * (c1 + c2);
}


/** C1 = u − Ψ(h)w and C2 = h − σ(u) at ws.cur, from the buffers the last iteration left. */
export function residualsInto(ws: BcdWorkspace, C1: Float64Array, C2: Float64Array): void {
  const { cur, Pw, sig } = ws;
  for (let i = 0; i < C1.length; i++) {
    C1[i] = cur.u[i] - Pw[i];
    C2[i] = cur.h[i] - sig[i];
  }
}

function emitStep(ws: BcdWorkspace, a: BcdArgs, j: number, step: number): void {
  const ev = ws.ev;
  const obs = a.observer;
  if (!obs) return;
  const { prob } = ws;
  const { mult, gamma } = a;
  if (obs.onBcdStep && ev) {
    copyIterateInto(ev.prev, ws.prev);
    copyIterateInto(ev.s, ws.cur);
    // The event's AL values come from one evaluator (alParts) so that descent checks compare like with like.
    const Lz = alParts(prob, ev.sz, mult, gamma, ws.al).L;
    const Lh = alParts(prob, ev.sh, mult, gamma, ws.al).L;
    const Lp = alParts(prob, ev.prev, mult, gamma, ws.al).L;
    const Ls = alParts(prob, ev.s, mult, gamma, ws.al).L;
    obs.onBcdStep({ k: a.k, j, prev: ev.prev, sz: ev.sz, sh: ev.sh, s: ev.s, Lprev: Lp, Lz, Lh, L: Ls, step, mult, gamma });
  }
  obs.onTrace?.(a.trace.row(a.trace.length - 1));
}

/** dst = (z of zSrc, h of hSrc, u of uSrc). */
function copyMixed(dst: Iterate, zSrc: Iterate, hSrc: Iterate, uSrc: Iterate): void {
  copyWeightsInto(dst.z, zSrc.z);
  dst.h.set(hSrc.h);
  dst.u.set(uSrc.u);
}

function diverge(ws: BcdWorkspace, a: BcdArgs, j: number, block: string, cause?: unknown): never {
  const err = new DivergenceError(a.k, j, block, cloneIterate(ws.prev), a.trace.rows());
  if (cause !== undefined) err.cause = cause;
  throw err;
}

function weightsFinite(s: Iterate): boolean {
  const z = s.z;
  return allFinite(z.W) && allFinite(z.V) && allFinite(z.b) && allFinite(z.A) && allFinite(z.c);
}

/** ‖s − t‖² over all blocks (z, h, u) of (3.17). */
export function iterateSqDist(s: Iterate, t: Iterate): number {
  return weightsSqDist(s, t) + sqdist(s.h, t.h) + sqdist(s.u, t.u);
}

/** The z part of {@link iterateSqDist}, summed in the same order. */
function weightsSqDist(s: Iterate, t: Iterate): number {
  return sqdist(s.z.W, t.z.W) + sqdist(s.z.V, t.z.V) + sqdist(s.z.b, t.z.b) + sqdist(s.z.A, t.z.A) + sqdist(s.z.c, t.z.c);
}
