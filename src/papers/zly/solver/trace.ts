/**
 * The per-iteration trace of Algorithm 1, stored column-wise in preallocated Float64Arrays (grown by doubling),
 * so recording a row allocates nothing; rows become {@link ZlyTraceRow} objects only when read.
 */
import type { ZlyTraceRow } from './types.ts';

/** Scalars per row: k, L, L̂, mseVN, mseNet, gradNorm, timeMs. */
const SCALARS = 7;

/** A growable columnar store of trace rows for N layers. */
export class ZlyTraceBuffer {
  private len = 0;
  private cap: number;
  private vals: Float64Array;
  private readonly width: number;

  constructor(private readonly N: number, capacity = 64) {
    this.cap = Math.max(16, capacity);
    // scalars + stepW, stepV, stepLambda, residual (N each) + h (N−1) + μ (N−2, at least 0)
    this.width = SCALARS + 4 * N + (N - 1) + Math.max(0, N - 2);
    this.vals = new Float64Array(this.width * this.cap);
  }

  /** Number of rows. */
  get length(): number {
    return this.len;
  }

  /**
   * Append a row from per-layer arrays indexed by layer (slot 0 unused): squared step norms and residuals
   * (square-rooted here), h and μ. NaN for mseNet/gradNorm means "not computed" (light trace).
   */
  push(
    k: number, L: number, lyap: number, mseVN: number, mseNet: number, gradNorm: number, timeMs: number,
    stepW2: Float64Array, stepV2: Float64Array, stepL2: Float64Array, res2: Float64Array, h: Float64Array, mu: Float64Array,
  ): void {
    if (this.len === this.cap) this.grow();
    const N = this.N, v = this.vals;
    let o = this.width * this.len++;
    v[o++] = k; v[o++] = L; v[o++] = lyap; v[o++] = mseVN; v[o++] = mseNet; v[o++] = gradNorm; v[o++] = timeMs;
    for (let i = 1; i <= N; i++) v[o++] = Math.sqrt(stepW2[i]);
    for (let i = 1; i <= N; i++) v[o++] = Math.sqrt(stepV2[i]);
    for (let i = 1; i <= N; i++) v[o++] = Math.sqrt(stepL2[i]);
    for (let i = 1; i <= N; i++) v[o++] = Math.sqrt(res2[i]);
    for (let i = 1; i <= N - 1; i++) v[o++] = h[i];
    for (let j = 1; j <= N - 2; j++) v[o++] = mu[j];
  }

  /** Row i as an object. */
  row(i: number): ZlyTraceRow {
    const N = this.N, v = this.vals;
    let o = this.width * i;
    const take = (len: number): number[] => {
      const out = Array.from(v.subarray(o, o + len));
      o += len;
      return out;
    };
    const [k, L, lyapunov, mseVN, mseNet, gradNorm, timeMs] = take(SCALARS);
    return {
      k, L, lyapunov, mseVN,
      ...(Number.isNaN(mseNet) ? {} : { mseNet }),
      ...(Number.isNaN(gradNorm) ? {} : { gradNorm }),
      stepW: take(N), stepV: take(N), stepLambda: take(N), residual: take(N), h: take(N - 1), mu: take(Math.max(0, N - 2)),
      timeMs,
    };
  }

  /** All rows. */
  rows(): ZlyTraceRow[] {
    return Array.from({ length: this.len }, (_, i) => this.row(i));
  }

  private grow(): void {
    const next = new Float64Array(this.vals.length * 2);
    next.set(this.vals);
    this.vals = next;
    this.cap *= 2;
  }
}
