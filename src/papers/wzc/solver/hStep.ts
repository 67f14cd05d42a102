/**
 * The h-block update (3.15)/(3.18) of Algorithm 3.2: h = argmin_h L(z, h, u, ξ, ζ, γ), solved as
 *     D1 h_t = d1t (t < T),   D2 h_T = d2T,
 *     D1 = γWᵀW + (2/T)AᵀA + γI,  D2 = (2/T)AᵀA + γI,
 *     d1t = Wᵀ(ξ_{t+1} + γ(u_{t+1} − Vx_{t+1} − b)) + γσ(u_t) − ζ_t + (2/T)Aᵀ(y_t − c),
 *     d2T = γσ(u_T) − ζ_T + (2/T)Aᵀ(y_T − c)                                   (Lemma 3.1 (iv)),
 * with σ(u_t) in place of (u_t)_+ for the other activations of §4.3.
 *
 * D1 is factored once per h-step and applied to all T−1 right-hand sides at once. Measured at T=500, r=100
 * (plain JS kernels): T−1 single solves (`cholSolveRows`) 6.5 ms; one solve with the right-hand sides as the
 * T−1 columns of an r×(T−1) matrix 2.3 ms; D1⁻¹ from the factor (r right-hand sides) and one (T−1)×r·r×r
 * product 2.3 ms. We use the last: it keeps every product in the A·B form the SIMD kernel runs (≈0.5 ms
 * there), and its error is that of a backward-stable solve times cond(D1), which is small since D1 ⪰ γI.
 */
import { cholSolveBlocked, choleskyBlocked, gemmNNo, syrkNNo, transposeInto } from '../../../linalg/blocked.ts';
import { cholSolveVec } from '../../../linalg/cholesky.ts';
import { heapAlloc, type Alloc } from '../../../linalg/simd.ts';
import { sigmaInto } from '../../../models/activations/piecewise.ts';
import type { Dims, Problem, Weights } from '../problem/types.ts';
import { NO_FAULTS, type WzcFault } from './mutants.ts';
import { ewSimd } from './simdSteps.ts';
import { padTo4 } from './zStep.ts';

/** Buffers of the h-step; build once per problem with {@link hStepWorkspace}. */
export interface HStepWorkspace {
  readonly dims: Dims;
  /** m rounded up to a multiple of 4 (the leading dimension of At). */
  readonly mp: number;
  /** D1 then its factor; D2 then its factor (r×r). */
  readonly D1: Float64Array;
  readonly D2: Float64Array;
  /** D1⁻¹ (r×r). */
  readonly D1inv: Float64Array;
  /** (2/T)AᵀA (r×r). */
  readonly AtA: Float64Array;
  /** Wᵀ (r×r), Aᵀ (r×mp, zero columns from m on), [Vᵀ; bᵀ] ((n+1)×r) of the current z. Exposed: the BCD reuses Wᵀ, Aᵀ. */
  readonly Wt: Float64Array;
  readonly At: Float64Array;
  readonly Vt1: Float64Array;
  /** The data [X 1] (T×(n+1)): Xᵥ = [X 1]·[Vᵀ; bᵀ] is one product. */
  readonly X1: Float64Array;
  /** Xᵥ := XVᵀ + 1bᵀ, row t−1 = V x_t + b (T×r). Exposed: the u-step reuses it for Ψ(h)w. */
  readonly Bx: Float64Array;
  /** ξ + γ(u − Xᵥ) (T×r). */
  readonly Q: Float64Array;
  /** Y − 1cᵀ (T×m). */
  readonly Yc: Float64Array;
  /** σ(u) (T×r). */
  readonly sig: Float64Array;
  /** Rows d11 … d1,T−1, d2T (T×r). */
  readonly d: Float64Array;
  /** Transposed-factor scratch (r×r) of D1's factorization, reused by the solve for D1⁻¹; D2's own. */
  readonly U: Float64Array;
  readonly U2: Float64Array;
}

/** Allocate the h-step workspace and copy the data of `prob` (see {@link allocHStep}). */
export function hStepWorkspace(prob: Problem, alloc: Alloc = heapAlloc): HStepWorkspace {
  const ws = allocHStep(prob.data.dims, alloc);
  prepareHStep(ws, prob);
  return ws;
}

/** Allocate the buffers only (no reads or writes), for two-pass arena allocation (`inArena`). */
export function allocHStep(d: Dims, alloc: Alloc): HStepWorkspace {
  const { T, n, m, r } = d;
  const mp = padTo4(m);
  return {
    dims: d, mp,
    D1: alloc(r * r), D2: alloc(r * r), D1inv: alloc(r * r), AtA: alloc(r * r),
    Wt: alloc(r * r), At: alloc(r * mp), Vt1: alloc((n + 1) * r), X1: alloc(T * (n + 1)),
    Bx: alloc(T * r), Q: alloc(T * r), Yc: alloc(T * m), sig: alloc(T * r), d: alloc(T * r), U: alloc(r * r), U2: alloc(r * r),
  };
}

/** Copy the data of `prob` into the workspace. */
export function prepareHStep(ws: HStepWorkspace, prob: Problem): void {
  const { T, n } = ws.dims;
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < n; k++) ws.X1[t * (n + 1) + k] = prob.data.X[t * n + k];
    ws.X1[t * (n + 1) + n] = 1;
  }
}

/** Wᵀ, Aᵀ, [Vᵀ; bᵀ] of z into the workspace (so that every product is of the A·B form). */
function transposes(ws: HStepWorkspace, z: Weights): void {
  const { n, m, r } = ws.dims;
  const { Wt, At, Vt1, mp } = ws;
  transposeInto(Wt, 0, r, z.W, 0, r, r, r);
  transposeInto(At, 0, mp, z.A, 0, r, m, r);
  transposeInto(Vt1, 0, r, z.V, 0, n, r, n);
  Vt1.set(z.b, n * r);
}

/**
 * out = XVᵀ + 1bᵀ (T×r): the input part of Ψ(h)w, fixed once z is. Needs [Vᵀ; bᵀ] in ws.Vt1. Taken as
 * [X 1]·[Vᵀ; bᵀ]: each entry is (Σ_k x_k V_ik) + b_i as before (1·b_i is exact), in one product.
 */
function inputDrive(ws: HStepWorkspace, out: Float64Array): void {
  const { T, n, r } = ws.dims;
  gemmNNo(out, 0, r, ws.X1, 0, n + 1, ws.Vt1, 0, r, T, n + 1, r);
}

/** out = XVᵀ + 1bᵀ (T×r) for weights z, using the workspace's scratch. */
export function inputDriveInto(ws: HStepWorkspace, z: Weights, out: Float64Array): void {
  transposes(ws, z);
  inputDrive(ws, out);
}

/**
 * (3.18): write argmin_h L(z, h, u, ξ, ζ, γ) into `out` (T×r). `z` = z^j and `u` = u^{j−1}.
 * Also leaves Xᵥ = XVᵀ + 1bᵀ in `ws.Bx` and Wᵀ, Aᵀ of z in `ws.Wt`, `ws.At`. `sigU`, when given, must hold
 * σ(u) (the BCD has it from its previous AL evaluation); otherwise σ(u) is computed.
 * `faults` (test harness only) may switch on 'hT-uses-D1': h_T solves D1 h_T = d2T (d1T with its nonexistent
 * t+1 term dropped).
 * @throws NotPositiveDefiniteError if D1 or D2 is not numerically SPD (non-finite z or γ).
 */
export function hStepInto(
  prob: Problem, ws: HStepWorkspace, z: Weights, u: Float64Array, xi: Float64Array, zeta: Float64Array,
  gamma: number, out: Float64Array, sigU?: Float64Array, faults: ReadonlySet<WzcFault> = NO_FAULTS,
): void {
  const { T, m, r } = ws.dims;
  const { D1, D2, D1inv, AtA, Bx, Q, Yc, d } = ws;
  const s = 2 / T, T1 = T - 1;
  transposes(ws, z);
  // D2 = (2/T)AᵀA + γI and D1 = γWᵀW + D2
  syrkNNo(AtA, 0, r, ws.At, 0, ws.mp, z.A, 0, r, m, r, s);
  // D1 = γ·WᵀW + 1·AtA in the product's epilogue: the same sum as γWᵀW then += AtA
  D1.set(AtA);
  syrkNNo(D1, 0, r, ws.Wt, 0, r, z.W, 0, r, r, r, gamma, 1);
  D2.set(AtA);
  for (let i = 0; i < r; i++) {
    D1[i * r + i] += gamma;
    D2[i * r + i] += gamma;
  }
  const hTusesD1 = faults.has('hT-uses-D1');
  choleskyBlocked(D1, r, 'D1 (h-step)', ws.U);
  if (!hTusesD1) choleskyBlocked(D2, r, 'D2 (h-step)', ws.U2);

  inputDrive(ws, Bx);
  for (let i = ewSimd('hQ', xi, u, Bx, Q, gamma); i < T * r; i++) Q[i] = xi[i] + gamma * (u[i] - Bx[i]);
  const Y = prob.data.Y;
  for (let t = 0; t < T; t++) for (let j = 0; j < m; j++) Yc[t * m + j] = Y[t * m + j] - z.c[j];
  let sig = sigU;
  if (!sig) {
    sig = ws.sig;
    sigmaInto(prob.activation, u, sig);
  }
  // rows of d: (2/T)(y_t − c)ᵀA + γσ(u_t)ᵀ − ζ_tᵀ, plus q_{t+1}ᵀW for t < T; the product adds its
  // (2/T)(y_t − c)ᵀA to d = γσ − ζ as the former loop d += γσ − ζ added that to it (the same sum)
  for (let i = ewSimd('hE', sig, zeta, zeta, d, gamma); i < T * r; i++) d[i] = gamma * sig[i] - zeta[i];
  gemmNNo(d, 0, r, Yc, 0, m, z.A, 0, r, T, m, r, s, 1);
  if (T1 > 0) {
    gemmNNo(d, 0, r, Q, r, r, z.W, 0, r, T1, r, r, 1, 1);
    // D1⁻¹, symmetrized so that the row form h_tᵀ = d_tᵀD1⁻¹ is exactly the column form
    D1inv.fill(0);
    for (let i = 0; i < r; i++) D1inv[i * r + i] = 1;
    cholSolveBlocked(D1, r, D1inv, r, ws.U, true, true);
    for (let i = 0; i < r; i++) {
      for (let k = i + 1; k < r; k++) {
        const v = 0.5 * (D1inv[i * r + k] + D1inv[k * r + i]);
        D1inv[i * r + k] = v;
        D1inv[k * r + i] = v;
      }
    }
    gemmNNo(out, 0, r, d, 0, r, D1inv, 0, r, T1, r, r);
  }
  const oT = T1 * r;
  for (let i = 0; i < r; i++) out[oT + i] = d[oT + i];
  cholSolveVec(hTusesD1 ? D1 : D2, r, out, oT);
}
