/**
 * The solver's state and scratch, allocated once per run (in one WebAssembly arena when SIMD is on, so every
 * product runs in the SIMD kernel). Nothing is allocated per iteration.
 *
 * State is double-buffered: an update writes the new block into the `…old` buffer and swaps the two references,
 * so after a step `Wold`, `Vold`, `Lold` hold Q^{k−1} (for step norms, the stale-block faults, and the last
 * finite iterate of a diverging run) at no copying cost.
 *
 * Workspace arrays are indexed by the PAPER's layer number: `W[i]` is W_i (i = 1..N, slot 0 unused), `V[0]` is X
 * (V_0), `Vt[i]` = V_iᵀ (n×d_i) for i = 0..N−1 (the W-steps and ∇L reduce over samples, and in transposed form
 * those products are Aᵀ·B, which the SIMD kernel runs). `U[i]` = W_iV_{i−1}, `S[i]` = σ(U[i]), `Dp[i]` = σ′(U[i])
 * at the current iterate: the multiplier update (13) of iteration k computes them at Q^k, and the W-steps (18) of
 * iteration k+1 linearize at exactly that point (W_i^k, V_{i−1}^k), so they are computed once.
 */
import { inArena, heapAlloc, transpose, syrkTN, type Alloc } from '../../../linalg/index.ts';
import type { Assumption1Constants, ZlyActivation } from '../problem/activation.ts';
import { assumption1 } from '../problem/activation.ts';
import type { ZlyProblem } from '../problem/types.ts';
import { layers } from '../problem/types.ts';
import type { FaultFlags } from './faults.ts';

/** Everything one run reads and writes. */
export interface ZlyWorkspace {
  readonly N: number;
  readonly n: number;
  readonly d: readonly number[];
  readonly act: ZlyActivation;
  readonly sig: Assumption1Constants;
  readonly lambda: number;
  /** β_i at index i (slot 0 unused). */
  readonly beta: Float64Array;
  readonly Y: Float64Array;
  /** X·Xᵀ (d0×d0), the Gram of the W_1-step, constant. */
  readonly gramX: Float64Array;
  W: Float64Array[];
  Wold: Float64Array[];
  V: Float64Array[];
  Vold: Float64Array[];
  Vt: Float64Array[];
  Lam: Float64Array[];
  Lold: Float64Array[];
  U: Float64Array[];
  S: Float64Array[];
  Dp: Float64Array[];
  // scratch (sized for the largest layer)
  /** maxd×n: LLA gradients (the V_j-step's σ-linearization at W_{j+1}V_j^{k−1}), ∇L scratch. */
  G: Float64Array;
  /** n×maxd. */
  Gt: Float64Array;
  /** maxd×n: Woodbury products, forward-pass buffers. */
  T1: Float64Array;
  T2: Float64Array;
  /** maxd×maxd: system matrix / factor, its transpose scratch, the solve scratch, W-step right-hand sides. */
  M: Float64Array;
  Lt: Float64Array;
  Us: Float64Array;
  rhs: Float64Array;
  /** h_i (i = 1..N−1) and μ_j (j = 1..N−2) of the current iteration. */
  h: Float64Array;
  mu: Float64Array;
  /**
   * max|V_i − β_i^{-1}Λ_i| and max|V_i| at the current iterate, i < N (the arguments of 𝕃 in (20)–(21) and of
   * the fault that drops Λ), computed by the multiplier update's pass so (20) needs no pass of its own.
   */
  bmax: Float64Array;
  vmax: Float64Array;
  /** Per-layer squared step norms and residuals of the last iteration (index = layer). */
  stepW2: Float64Array;
  stepV2: Float64Array;
  stepL2: Float64Array;
  res2: Float64Array;
  readonly faults: FaultFlags;
  /** Whether the arrays live in a SIMD arena (false when disabled or when the arena would not fit). */
  simd: boolean;
}

/** Allocate a workspace for `prob` (state not yet initialized: see `initState` in admm.ts). */
export function zlyWorkspace(prob: ZlyProblem, faults: FaultFlags, simd = true): ZlyWorkspace {
  const make = (alloc: Alloc) => allocate(prob, faults, alloc, simd);
  let ws: ZlyWorkspace;
  try {
    ws = inArena(make, simd);
  } catch (e) {
    // an arena beyond WebAssembly's memory limit: the same computation on heap arrays, in plain JS
    if (!(e instanceof RangeError)) throw e;
    ws = make(heapAlloc);
    ws.simd = false;
  }
  ws.V[0].set(prob.X);
  ws.Y.set(prob.Y);
  transpose(ws.Vt[0], prob.X, prob.dims.d[0], prob.dims.n);
  syrkTN(ws.gramX, ws.Vt[0], prob.dims.n, prob.dims.d[0]);
  for (let i = 1; i <= ws.N; i++) ws.beta[i] = prob.beta[i - 1];
  return ws;
}

function allocate(prob: ZlyProblem, faults: FaultFlags, alloc: Alloc, simd: boolean): ZlyWorkspace {
  const N = layers(prob.dims), n = prob.dims.n, d = prob.dims.d;
  let maxd = 0;
  for (const x of d) maxd = Math.max(maxd, x);
  const perLayer = (rows: (i: number) => number, from = 1): Float64Array[] => {
    const out: Float64Array[] = [new Float64Array(0)];
    for (let i = 1; i <= N; i++) out.push(i >= from ? alloc(rows(i)) : new Float64Array(0));
    return out;
  };
  const W = perLayer((i) => d[i] * d[i - 1]);
  const Wold = perLayer((i) => d[i] * d[i - 1]);
  const V = perLayer((i) => d[i] * n);
  V[0] = alloc(d[0] * n);
  const Vold = perLayer((i) => d[i] * n);
  const Vt: Float64Array[] = [];
  for (let i = 0; i < N; i++) Vt.push(alloc(n * d[i]));
  const Lam = perLayer((i) => d[i] * n);
  const Lold = perLayer((i) => d[i] * n);
  const U = perLayer((i) => d[i] * n);
  const S = perLayer((i) => (i < N ? d[i] * n : 0));
  const Dp = perLayer((i) => (i < N ? d[i] * n : 0));
  const big = maxd * n, sq = maxd * maxd;
  return {
    N, n, d, act: prob.activation, sig: assumption1(prob.activation), lambda: prob.lambda,
    beta: new Float64Array(N + 1), Y: alloc(d[N] * n), gramX: alloc(d[0] * d[0]),
    W, Wold, V, Vold, Vt, Lam, Lold, U, S, Dp,
    G: alloc(big), Gt: alloc(big), T1: alloc(big), T2: alloc(big),
    M: alloc(sq), Lt: alloc(sq), Us: alloc(sq), rhs: alloc(sq),
    h: new Float64Array(N + 1), mu: new Float64Array(N + 1), bmax: new Float64Array(N + 1), vmax: new Float64Array(N + 1),
    stepW2: new Float64Array(N + 1), stepV2: new Float64Array(N + 1), stepL2: new Float64Array(N + 1), res2: new Float64Array(N + 1),
    faults, simd,
  };
}
