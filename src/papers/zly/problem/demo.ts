/**
 * The authors' demo data and a seeded default initialization.
 *
 * Demo (ZLY's public MATLAB demo, as described in the issue): n = 1000 samples drawn uniformly from [−1, 1]
 * with target y = x² ('square', d0 = 1), or from [−1, 1]² with y = x₁x₂ ('product', d0 = 2); dN = 1.
 * Samples are columns (see `types.ts`).
 *
 * Initialization: the paper only asks for "a finite initialization {W_i⁰}" (before (7)). The default here is
 * W_i⁰ with i.i.d. N(0, 1/d_{i−1}) entries (variance-preserving for the pre-activations), drawn from mulberry32
 * in layer order, row-major.
 */
import { gaussian, mulberry32 } from '../../../core/rng.ts';
import type { ZlyDims } from './types.ts';

/** The two demo targets. */
export const ZLY_DEMOS = ['square', 'product'] as const;
/** A demo target: y = x² on [−1, 1] or y = x₁x₂ on [−1, 1]². */
export type ZlyDemo = (typeof ZLY_DEMOS)[number];

/** Demo data set: X (d0×n), Y (1×n). */
export interface ZlyDemoData {
  X: Float64Array;
  Y: Float64Array;
  d0: number;
  n: number;
}

/** Draw the demo data `kind` with n samples from `seed` (uniforms in sample order, coordinates within). */
export function zlyDemoData(kind: ZlyDemo, seed: number, n = 1000): ZlyDemoData {
  const u = mulberry32(seed);
  const d0 = kind === 'square' ? 1 : 2;
  const X = new Float64Array(d0 * n), Y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let prod = 1;
    for (let r = 0; r < d0; r++) {
      const x = 2 * u() - 1;
      X[r * n + j] = x;
      prod *= x;
    }
    Y[j] = kind === 'square' ? X[j] * X[j] : prod;
  }
  return { X, Y, d0, n };
}

/**
 * The initialization seed derived from a run's seed: `seed XOR 0x5bd1e995` (the convention of `lagrangelab train`,
 * so data drawn from the same seed and the initialization never share a stream).
 */
export function zlyInitSeed(seed: number): number {
  return (seed ^ 0x5bd1e995) >>> 0;
}

/** W_i⁰ with i.i.d. N(0, 1/d_{i−1}) entries from `seed`, layers in order (see the module header). */
export function zlyDefaultInit(d: ZlyDims, seed: number): Float64Array[] {
  const g = gaussian(mulberry32(seed));
  const W: Float64Array[] = [];
  for (let i = 1; i < d.d.length; i++) {
    const w = new Float64Array(d.d[i] * d.d[i - 1]);
    const sd = 1 / Math.sqrt(d.d[i - 1]);
    for (let t = 0; t < w.length; t++) w[t] = sd * g();
    W.push(w);
  }
  return W;
}
