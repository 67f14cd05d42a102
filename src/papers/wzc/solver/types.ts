/**
 * Public contract of the WZC solver: Algorithm 3.1 (ALM) with Algorithm 3.2 (BCD) as the subproblem solver.
 */
import type { Iterate, Lambda, Multipliers } from '../problem/types.ts';
import type { WzcFault } from './mutants.ts';

/** Parameters of Algorithms 3.1/3.2. Names follow the paper; defaults come from Table 2 (see `defaults.ts`). */
export interface AlmParams {
  /** γ0 > 0: initial penalty. */
  gamma0: number;
  /** μ > 0: proximal weight of the u-step (3.16). */
  mu: number;
  /** ε0 ≥ 0: initial tolerance; 0 selects the exact stop test (4.9). */
  eps0: number;
  /** Γ ≥ L(s⁰, ξ⁰, ζ⁰, γ0) (3.10): level of the restart rule (3.13). */
  Gamma: number;
  /** η1 ∈ (0,1): required feasibility decrease (3.8). */
  eta1: number;
  /** η2 ∈ (0,1): penalty growth factor 1/η2 (3.9). */
  eta2: number;
  /** η3 > 1 in the paper's Algorithm 3.1 (but 0.01/0.015 in its Table 2): exponent in (3.9). */
  eta3: number;
  /** η4 ∈ (0,1): tolerance decrease ε_k = η4 ε_{k−1}. */
  eta4: number;
  /** Maximum number of ALM (outer) iterations. */
  outer: number;
  /** Maximum number of BCD (inner) iterations per subproblem. */
  inner: number;
  /** Planted bugs switched on for this run (test harness only; default none). See `mutants.ts`. */
  faults?: ReadonlySet<WzcFault>;
}

/** One row of the per-iteration trace: one BCD iteration j of ALM iteration k. */
export interface TraceRow {
  /** ALM iteration k (1-based). */
  k: number;
  /** BCD iteration j (1-based) inside iteration k. */
  j: number;
  /** L(s^{k−1,j}, ξ^{k−1}, ζ^{k−1}, γ_{k−1}). */
  L: number;
  /** FeasVio = max{‖C1‖, ‖C2‖} at s^{k−1,j} (§5.2). */
  feasVio: number;
  /** ‖s^{k−1,j} − s^{k−1,j−1}‖ of (3.17). */
  step: number;
  /** γ_{k−1}. */
  gamma: number;
  /** ε_{k−1}. */
  eps: number;
  /** Milliseconds since the run started. */
  timeMs: number;
}

/** Why the ALM stopped. */
export type AlmStatus = 'max-outer';

/** Why one BCD run stopped: its stop test (3.17)/(4.9) held, or it hit the inner limit. */
export type BcdStatus = 'converged' | 'max-inner';

/** Summary of one ALM iteration k. */
export interface OuterRow {
  k: number;
  /** Inner iterations used. */
  inner: number;
  bcdStatus: BcdStatus;
  /** Whether (3.13) restarted from s⁰. */
  restarted: boolean;
  /** r̂_{k−1}, L_{1,k−1}, L_{2,k−1} of Algorithm 3.2 step 1. */
  rhat: number;
  L1: number;
  L2: number;
  /** FeasVio at s^k. */
  feasVio: number;
  /** γ_k after Step 3 and whether (3.9) increased it. */
  gamma: number;
  gammaIncreased: boolean;
  /** ε_k after Step 2. */
  eps: number;
}

/** Result of {@link runAlm}. */
export interface AlmResult {
  /** Final iterate s^K. */
  s: Iterate;
  /** Final multipliers ξ^K, ζ^K. */
  mult: Multipliers;
  gamma: number;
  eps: number;
  status: AlmStatus;
  trace: TraceRow[];
  outer: OuterRow[];
  /** The feasible start s⁰. */
  s0: Iterate;
  lambda: Lambda;
}

/** Context at the start of one BCD run (Algorithm 3.2 step 1). */
export interface BcdStartEvent {
  k: number;
  s0: Readonly<Iterate>;
  mult: Readonly<Multipliers>;
  gamma: number;
  eps: number;
  rhat: number;
  L1: number;
  L2: number;
  restarted: boolean;
}

/** One BCD iteration: the points s^{(j−1)}, s_z^{(j)}, s_h^{(j)}, s^{(j)} of (3.11)/(3.12) and their AL values. */
export interface BcdStepEvent {
  k: number;
  j: number;
  prev: Readonly<Iterate>;
  sz: Readonly<Iterate>;
  sh: Readonly<Iterate>;
  s: Readonly<Iterate>;
  Lprev: number;
  Lz: number;
  Lh: number;
  L: number;
  step: number;
  mult: Readonly<Multipliers>;
  gamma: number;
}

/** One ALM iteration after Steps 2–3. */
export interface OuterEvent {
  k: number;
  s: Readonly<Iterate>;
  sPrev: Readonly<Iterate>;
  multPrev: Readonly<Multipliers>;
  mult: Readonly<Multipliers>;
  gammaPrev: number;
  row: OuterRow;
}

/**
 * Observers see every iterate (claims check iterates, not only outputs). Events hand out buffers the solver
 * reuses: copy what you keep. With no observer the inner loop allocates nothing.
 */
export interface AlmObserver {
  onBcdStart?(e: BcdStartEvent): void;
  onBcdStep?(e: BcdStepEvent): void;
  onOuter?(e: OuterEvent): void;
  onTrace?(row: TraceRow): void;
}

/** Raised when an iterate becomes non-finite. Carries the last finite iterate so nothing computed is lost. */
export class DivergenceError extends Error {
  readonly k: number;
  readonly j: number;
  readonly block: string;
  readonly lastFinite: Iterate;
  readonly trace: TraceRow[];
  constructor(k: number, j: number, block: string, lastFinite: Iterate, trace: TraceRow[]) {
    super(`solver diverged: non-finite ${block} at outer iteration ${k}, inner iteration ${j}`);
    this.name = 'DivergenceError';
    this.k = k;
    this.j = j;
    this.block = block;
    this.lastFinite = lastFinite;
    this.trace = trace;
  }
}
