/**
 * Scratch of the TKS solver: the cached products the blocks read (so no block recomputes what another just
 * made) and each block's private scratch. Sized once per problem; nothing is allocated per iteration.
 *
 * Cached products, kept current by the iteration driver (`iteration.ts`):
 *   sPrev = [s0; s_1 … s_{N−1}] (the s_{t−1} of every row), TA = tanh(a), UX = u x, SW = s_{t−1} wᵀ (N·B×h), SV = s vᵀ (N·B×q),
 *   and the transposes wT = wᵀ, vT = vᵀ.
 */
import type { Alloc } from '../../../linalg/index.ts';
import { heapAlloc } from '../../../linalg/index.ts';
import type { Dims } from '../problem/types.ts';

/** The solver's scratch for one problem size. */
export interface Workspace {
  dims: Dims;
  sPrev: Float64Array;
  /** tanh(a) (N·B×h). */
  TA: Float64Array;
  UX: Float64Array;
  SW: Float64Array;
  SV: Float64Array;
  wT: Float64Array;
  vT: Float64Array;
  /** uᵀ (d×h), for dense inputs (UX = X uᵀ). */
  uT: Float64Array;
  /** N·B×q scratch: ∇R in the o-step, the scaled targets Q3 in the v- and s-steps. */
  Q3: Float64Array;
  /** N·B×h scratch: the scaled targets Q1 of the a_t constraints (s-, w-, u-steps). */
  Q1: Float64Array;
  /** N·B×h scratch: right-hand sides of the s-step. */
  RHS: Float64Array;
  /** h×h scratch: Gram matrix / its Cholesky factor, the factor's transpose, and solve scratch. */
  gram: Float64Array;
  Lt: Float64Array;
  U: Float64Array;
  /** h×max(h, q) right-hand sides of the v- and w-steps. */
  rhs: Float64Array;
  /** vᵀv and wᵀw (h×h) of the s-step. */
  vtv: Float64Array;
  wtw: Float64Array;
  /** The three h×h inverses of the s-step (t ≤ N−2, t = N−1, t = N). */
  Minv: Float64Array;
  /** d×d Gram and solve scratch (dense inputs only) and the d×h right-hand side of the u-step. */
  gramD: Float64Array;
  LtD: Float64Array;
  UD: Float64Array;
  rhsD: Float64Array;
  /** d weighted symbol counts of the u-step (one-hot inputs). */
  cnt: Float64Array;
}

/** Allocate a workspace (with `alloc` from an arena, the products run in the SIMD kernel). */
export function allocWorkspace(dims: Dims, dense: boolean, alloc: Alloc = heapAlloc): Workspace {
  const { N, B, d, h, q } = dims;
  const M = N * B;
  const dd = dense ? d : 0;
  return {
    dims,
    sPrev: alloc(M * h),
    TA: alloc(M * h),
    UX: alloc(M * h),
    SW: alloc(M * h),
    SV: alloc(M * q),
    wT: alloc(h * h),
    vT: alloc(h * q),
    uT: alloc(dense ? d * h : 0),
    Q3: alloc(M * q),
    Q1: alloc(M * h),
    RHS: alloc(M * h),
    gram: alloc(h * h),
    Lt: alloc(h * h),
    U: alloc(h * h),
    rhs: alloc(h * Math.max(h, q)),
    vtv: alloc(h * h),
    wtw: alloc(h * h),
    Minv: alloc(3 * h * h),
    gramD: alloc(dd * dd),
    LtD: alloc(dd * dd),
    UD: alloc(dd * dd),
    rhsD: alloc(d * h),
    cnt: alloc(d),
  };
}
