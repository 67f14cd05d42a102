/**
 * Algorithm 1 of ZLY (Appendix A): ADMM with local linear approximation for problem (5).
 *
 *   initialize by (7): V⁰ = forward pass of W⁰, Λ⁰ = 0
 *   for k = 1, 2, …
 *     h_i^k (20), μ_j^k (21) from Q^{k−1}   (𝕃 of (22), or ‖B‖_max for the authors' demo rule)
 *     W_N by (8); W_i, i = N−1..1, by (18)                                   (backward estimation)
 *     V_j, j = 1..N−2, by (19); V_{N−1} by (11); V_N by (12)                  (forward prediction)
 *     Λ_i^k = Λ_i^{k−1} + β_i(σ_i(W_i^k V_{i−1}^k) − V_i^k), i = 1..N          (13)
 *
 * Each update is the exact minimizer of its subproblem (derivations in wStep.ts and vStep.ts; the printed
 * closed forms (53)–(60) are evaluated literally in theory/closedForms.ts and are claims under test).
 *
 * Note μ_j^k = 𝕃(‖V_{j+1}^{k−1} − β_{j+1}^{-1}Λ_{j+1}^{k−1}‖_max) (21) is h_{j+1}^k (20): the same expression.
 */
import { NotPositiveDefiniteError, sqnorm, sqdist } from '../../../linalg/index.ts';
import { curvatureBound, sigmaAndSlopeInto } from '../problem/activation.ts';
import { lyapunovWeights } from '../problem/conditions.ts';
import type { ZlyIterate, ZlyProblem } from '../problem/types.ts';
import { layers } from '../problem/types.ts';
import { gemmNNo, transpose } from '../../../linalg/index.ts';
import { faultFlags } from './faults.ts';
import { forwardMse, gradientNorm } from './diagnostics.ts';
import { ZlyTraceBuffer } from './trace.ts';
import type { LlaRule, TraceLevel, ZlyInitialRow, ZlyOptions, ZlyResult, ZlyTraceRow } from './types.ts';
import { vStepLla, vStepOutput, vStepPenultimate } from './vStep.ts';
import { wStepLla, wStepOutput } from './wStep.ts';
import { zlyWorkspace, type ZlyWorkspace } from './workspace.ts';

/** Raised for inputs the solver cannot run on (shapes, non-positive parameters). */
export class ZlySolverInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZlySolverInputError';
  }
}

/** A running instance of Algorithm 1. */
export class ZlyAdmm {
  readonly problem: ZlyProblem;
  /** ξ of the Lyapunov function (26) used in the trace. */
  readonly xi: number[];
  readonly lla: LlaRule;
  readonly traceLevel: TraceLevel;
  /** Values at Q⁰. */
  readonly initial: ZlyInitialRow;
  private readonly ws: ZlyWorkspace;
  private readonly buf: ZlyTraceBuffer;
  private k = 0;
  private dead = false;
  private why = '';
  /** Layers whose W, V, Λ buffers were swapped during the current step (to undo a failed one). */
  private readonly swapped: Uint8Array;

  constructor(prob: ZlyProblem, W0: readonly Float64Array[], options: ZlyOptions = {}) {
    checkInputs(prob, W0);
    this.problem = prob;
    this.lla = options.lla ?? 'paper';
    this.traceLevel = options.trace ?? 'full';
    this.ws = zlyWorkspace(prob, faultFlags(options.faults), options.simd ?? true);
    const N = this.ws.N;
    this.swapped = new Uint8Array(3 * (N + 1));
    this.buf = new ZlyTraceBuffer(N);
    initState(this.ws, W0);
    this.xi = options.xi ? [...options.xi] : lyapunovWeights(prob, W0);
    if (this.xi.length !== N) throw new ZlySolverInputError(`xi: expected ${N} weights, got ${this.xi.length}`);
    const ws = this.ws;
    this.initial = {
      L: 0.5 * sqdist(ws.V[N], ws.Y) + ridge(ws),
      mseVN: sqdist(ws.V[N], ws.Y) / ws.Y.length,
      mseNet: forwardMse(ws),
      residual: new Array<number>(N).fill(0),
    };
  }

  /** Completed iterations k. */
  get iterations(): number {
    return this.k;
  }

  /** Whether the last step produced a non-finite value (the state was then rolled back to Q^{k}). */
  get diverged(): boolean {
    return this.dead;
  }

  /** Why the run stopped (empty while it has not): a non-finite value, or a system that lost positive definiteness. */
  get divergence(): string {
    return this.why;
  }

  /** Whether the products run in the SIMD arena. */
  get simd(): boolean {
    return this.ws.simd;
  }

  /**
   * One iteration of Algorithm 1. Returns its trace row, or null when it produced a non-finite value (or a
   * non-positive-definite system, which only non-finite data causes): the state is then left at the last finite
   * iterate and the solver refuses further steps.
   */
  step(): ZlyTraceRow | null {
    if (this.dead) throw new Error('ZlyAdmm: the run diverged; no further steps');
    const ws = this.ws, N = ws.N;
    this.swapped.fill(0);
    const t0 = performance.now();
    let L: number;
    try {
      lipschitzParameters(ws, this.lla);
      wStepOutput(ws);
      this.mark(0, N);
      for (let i = N - 1; i >= 1; i--) {
        wStepLla(ws, i);
        this.mark(0, i);
      }
      for (let j = 1; j <= N - 2; j++) {
        vStepLla(ws, j);
        this.mark(1, j);
      }
      vStepPenultimate(ws);
      this.mark(1, N - 1);
      const early = vStepOutput(ws);
      this.mark(1, N);
      if (early) this.mark(2, N);
      L = dualStep(ws, early, this.swapped, N + 1);
    } catch (e) {
      if (!(e instanceof NotPositiveDefiniteError)) throw e;
      // λ, β > 0 make every system positive definite in exact arithmetic: this is non-finite data or a λ so small
      // that the Gram matrix is singular to working precision
      this.why = `${e.message} at iteration ${this.k + 1}`;
      L = NaN;
    }
    const timeMs = performance.now() - t0;
    if (!Number.isFinite(L)) {
      if (this.why === '') this.why = `non-finite value at iteration ${this.k + 1}`;
      this.rollback();
      return null;
    }
    this.k++;
    let lyap = L;
    for (let i = 1; i <= N; i++) lyap += this.xi[i - 1] * ws.stepV2[i];
    const full = this.traceLevel === 'full';
    const mseNet = full ? forwardMse(ws) : NaN;
    const grad = full ? gradientNorm(ws) : NaN;
    const mseVN = sqdist(ws.V[N], ws.Y) / ws.Y.length;
    this.buf.push(this.k, L, lyap, mseVN, mseNet, grad, timeMs, ws.stepW2, ws.stepV2, ws.stepL2, ws.res2, ws.h, ws.mu);
    return this.buf.row(this.buf.length - 1);
  }

  /** The current iterate Q^k (copies, 0-based layer arrays). */
  current(): ZlyIterate {
    const ws = this.ws, N = ws.N;
    const pick = (a: Float64Array[]) => a.slice(1, N + 1).map((x) => x.slice());
    return { W: pick(ws.W), V: pick(ws.V), Lambda: pick(ws.Lam) };
  }

  /**
   * Q^k and Q^{k−1} without copying (0-based layer arrays). Valid until the next `step()`; do not write to them.
   * Before the first step both are Q⁰.
   */
  view(): { current: ZlyIterate; previous: ZlyIterate } {
    const ws = this.ws, N = ws.N;
    const at = (a: Float64Array[]) => a.slice(1, N + 1);
    return {
      current: { W: at(ws.W), V: at(ws.V), Lambda: at(ws.Lam) },
      previous: { W: at(ws.Wold), V: at(ws.Vold), Lambda: at(ws.Lold) },
    };
  }

  /** h_i^k (i = 1..N−1) and μ_j^k (j = 1..N−2) of the last step. */
  lastLipschitz(): { h: number[]; mu: number[] } {
    const N = this.ws.N;
    return { h: Array.from(this.ws.h.subarray(1, N)), mu: Array.from(this.ws.mu.subarray(1, Math.max(1, N - 1))) };
  }

  /** The trace so far. */
  trace(): ZlyTraceRow[] {
    return this.buf.rows();
  }

  private mark(block: number, layer: number): void {
    this.swapped[block * (this.ws.N + 1) + layer] = 1;
  }

  private rollback(): void {
    const ws = this.ws, N = ws.N, s = this.swapped;
    for (let i = 1; i <= N; i++) {
      if (s[i]) [ws.W[i], ws.Wold[i]] = [ws.Wold[i], ws.W[i]];
      if (s[N + 1 + i]) [ws.V[i], ws.Vold[i]] = [ws.Vold[i], ws.V[i]];
      if (s[2 * (N + 1) + i]) [ws.Lam[i], ws.Lold[i]] = [ws.Lold[i], ws.Lam[i]];
    }
    this.dead = true;
  }
}

/** Run K iterations (or until a non-finite value); `onIteration` sees each row and the solver. */
export function runZlyAdmm(
  prob: ZlyProblem, W0: readonly Float64Array[], K: number, options: ZlyOptions = {},
  onIteration?: (row: ZlyTraceRow, solver: ZlyAdmm) => void,
): ZlyResult {
  const s = new ZlyAdmm(prob, W0, options);
  let status: ZlyResult['status'] = 'completed';
  for (let k = 1; k <= K; k++) {
    const row = s.step();
    if (row === null) {
      status = 'diverged';
      break;
    }
    onIteration?.(row, s);
  }
  return {
    status, iterations: s.iterations, final: s.current(), initial: s.initial, trace: s.trace(), xi: [...s.xi],
    ...(status === 'diverged' ? { divergence: s.divergence } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------

function checkInputs(prob: ZlyProblem, W0: readonly Float64Array[]): void {
  const { d, n } = prob.dims;
  const N = layers(prob.dims);
  if (N < 2) throw new ZlySolverInputError(`ZLY needs N ≥ 2 layers (at least one hidden layer), got N = ${N}`);
  if (!(n >= 1) || d.some((x) => !(Number.isInteger(x) && x >= 1))) throw new ZlySolverInputError('dims: n and every width must be positive integers');
  if (prob.X.length !== d[0] * n) throw new ZlySolverInputError(`X: expected ${d[0]}×${n} entries, got ${prob.X.length}`);
  if (prob.Y.length !== d[N] * n) throw new ZlySolverInputError(`Y: expected ${d[N]}×${n} entries, got ${prob.Y.length}`);
  if (!(prob.lambda > 0 && Number.isFinite(prob.lambda))) throw new ZlySolverInputError(`lambda: must be a finite number > 0, got ${prob.lambda}`);
  if (prob.beta.length !== N) throw new ZlySolverInputError(`beta: expected ${N} penalties, got ${prob.beta.length}`);
  prob.beta.forEach((b, i) => {
    if (!(b > 0 && Number.isFinite(b))) throw new ZlySolverInputError(`beta[${i}]: must be a finite number > 0, got ${b}`);
  });
  if (W0.length !== N) throw new ZlySolverInputError(`W0: expected ${N} matrices, got ${W0.length}`);
  W0.forEach((w, i) => {
    if (w.length !== d[i + 1] * d[i]) throw new ZlySolverInputError(`W0[${i}]: expected ${d[i + 1]}×${d[i]} entries, got ${w.length}`);
  });
}

/** Q⁰ by (7): W⁰ given, V⁰ by the forward pass (so every constraint holds exactly), Λ⁰ = 0. */
function initState(ws: ZlyWorkspace, W0: readonly Float64Array[]): void {
  const N = ws.N, n = ws.n;
  for (let i = 1; i <= N; i++) {
    ws.W[i].set(W0[i - 1]);
    ws.Wold[i].set(W0[i - 1]);
    gemmNNo(ws.U[i], 0, n, ws.W[i], 0, ws.d[i - 1], ws.V[i - 1], 0, n, ws.d[i], ws.d[i - 1], n);
    if (i < N) {
      sigmaAndSlopeInto(ws.act, ws.U[i], ws.S[i], ws.Dp[i], ws.d[i] * n);
      ws.V[i].set(ws.S[i]);
      transpose(ws.Vt[i], ws.V[i], ws.d[i], n);
    } else {
      ws.V[N].set(ws.U[N]);
    }
    ws.Vold[i].set(ws.V[i]);
    ws.Lam[i].fill(0);
    ws.Lold[i].fill(0);
    let m = 0;
    for (const v of ws.V[i]) m = Math.max(m, Math.abs(v));
    ws.bmax[i] = ws.vmax[i] = m;
  }
}

/** h_i^k by (20) (i < N) and μ_j^k = h_{j+1}^k by (21), from the maxima the last multiplier update recorded. */
function lipschitzParameters(ws: ZlyWorkspace, rule: LlaRule): void {
  const N = ws.N, dropL0 = ws.faults['lla-drops-l0-22'];
  const bmax = ws.faults['h-ignores-multiplier-20'] ? ws.vmax : ws.bmax;
  const { L1, L2 } = ws.sig;
  for (let i = 1; i <= N - 1; i++) {
    const c = bmax[i];
    ws.h[i] = rule === 'demo' ? c : dropL0 ? 2 * L2 * c + 2 * L1 * L1 : curvatureBound(ws.sig, c);
  }
  for (let j = 1; j <= N - 2; j++) ws.mu[j] = ws.h[j + 1];
}

/**
 * The multiplier update (13) and L(Q^k) of (6) in the same pass (L needs the new Λ^k and the residuals at Q^k,
 * which (13) computes), recording the maxima the next iteration's (20)–(21) need. `skipN`: Λ_N was already
 * updated (fault `dual-before-vn`).
 */
function dualStep(ws: ZlyWorkspace, skipN: boolean, swapped: Uint8Array, stride: number): number {
  const N = ws.N, sign = ws.faults['dual-sign-13'] ? -1 : 1;
  let L = 0.5 * sqdist(ws.V[N], ws.Y) + ridge(ws);
  for (let i = 1; i <= N; i++) {
    const b = ws.beta[i], V = ws.V[i], C = i < N ? ws.S[i] : ws.U[N];
    const update = !(i === N && skipN);
    const Lm = ws.Lam[i], Ln = update ? ws.Lold[i] : Lm, inv = 1 / b;
    let r2 = 0, s2 = 0, lin = 0, bm = 0, vm = 0;
    for (let t = 0; t < V.length; t++) {
      const v = V[t], r = C[t] - v;
      let lam = Lm[t];
      if (update) {
        const dlt = sign * b * r;
        lam += dlt;
        Ln[t] = lam;
        s2 += dlt * dlt;
      }
      r2 += r * r;
      lin += lam * r;
      const bb = Math.abs(v - inv * lam), av = Math.abs(v);
      if (bb > bm) bm = bb;
      if (av > vm) vm = av;
    }
    ws.bmax[i] = bm;
    ws.vmax[i] = vm;
    if (update) {
      ws.stepL2[i] = s2;
      ws.Lold[i] = Lm;
      ws.Lam[i] = Ln;
      swapped[2 * stride + i] = 1;
    }
    ws.res2[i] = r2;
    L += (b / 2) * r2 + lin;
  }
  return L;
}

function ridge(ws: ZlyWorkspace): number {
  let s = 0;
  for (let i = 1; i <= ws.N; i++) s += sqnorm(ws.W[i]);
  return (ws.lambda / 2) * s;
}
