/** Options, trace rows and results of the ZLY ADMM solver (Algorithm 1). */
import type { ZlyIterate } from '../problem/types.ts';

/**
 * How h_i^k and μ_j^k are chosen: `paper` = 𝕃(‖B‖_max) of (20)–(22) (Theorems 1 and 3), `demo` = ‖B‖_max as in
 * the authors' public MATLAB demo, where B = V^{k−1} − β^{-1}Λ^{k−1} of the layer concerned.
 */
export type LlaRule = 'paper' | 'demo';

/** Trace detail: `full` adds ‖∇L(Q^k)‖ and the network's forward-pass MSE (two more products per layer). */
export type TraceLevel = 'full' | 'light';

/** Options of {@link ZlyAdmm}. */
export interface ZlyOptions {
  /** Default `paper`. */
  lla?: LlaRule;
  /** Default `full`. */
  trace?: TraceLevel;
  /** Weights ξ_1..ξ_N of the Lyapunov function (26); default: (91)–(94) at Q⁰ (`lyapunovWeights`). */
  xi?: readonly number[];
  /** Run the products in the WebAssembly SIMD arena (default true; same results, bit for bit). */
  simd?: boolean;
  /** Planted bugs (see `faults.ts`); test harness only. */
  faults?: ReadonlySet<string>;
}

/** One iteration k ≥ 1 of Algorithm 1, measured at Q^k. Per-layer arrays are indexed by layer − 1. */
export interface ZlyTraceRow {
  k: number;
  /** L(Q^k) of (6). */
  L: number;
  /** L̂(Q̂^k) of (26) with the solver's ξ. */
  lyapunov: number;
  /** MSE ‖V_N^k − Y‖²/(dN·n) of the output block. */
  mseVN: number;
  /** MSE of the network's own forward pass Φ(X; W^k) (full trace only). */
  mseNet?: number;
  /** ‖∇L(Q^k)‖_F over all blocks (full trace only). */
  gradNorm?: number;
  /** ‖W_i^k − W_i^{k−1}‖_F, i = 1..N. */
  stepW: number[];
  /** ‖V_i^k − V_i^{k−1}‖_F, i = 1..N. */
  stepV: number[];
  /** ‖Λ_i^k − Λ_i^{k−1}‖_F, i = 1..N. */
  stepLambda: number[];
  /** Constraint residuals ‖σ_i(W_i^k V_{i−1}^k) − V_i^k‖_F, i = 1..N. */
  residual: number[];
  /** h_i^k, i = 1..N−1. */
  h: number[];
  /** μ_j^k, j = 1..N−2. */
  mu: number[];
  /** Wall time of the iteration's updates (W, V, Λ and L; not the full-trace diagnostics), ms. */
  timeMs: number;
}

/** Values at the starting point Q⁰ of (7). */
export interface ZlyInitialRow {
  L: number;
  mseVN: number;
  mseNet: number;
  residual: number[];
}

/** Outcome of a run. */
export interface ZlyResult {
  /** `diverged`: a non-finite value appeared at iteration `iterations + 1`; `final` is the last finite iterate. */
  status: 'completed' | 'diverged';
  /** Completed iterations. */
  iterations: number;
  final: ZlyIterate;
  initial: ZlyInitialRow;
  trace: ZlyTraceRow[];
  /** The ξ used for L̂. */
  xi: number[];
  /** For a diverged run: what happened, e.g. `non-finite value at iteration 4`. */
  divergence?: string;
}
