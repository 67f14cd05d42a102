/**
 * The five initializations of §5.4 for A⁰, W⁰, V⁰; the biases b⁰, c⁰ are zero (§5.4, after [14, p. 305]).
 *
 * For a weight matrix of shape out×in, fan_in = in and fan_out = out: W is r×r (fan_in r, fan_out r),
 * V is r×n (fan_in n, fan_out r), A is m×r (fan_in r, fan_out m).
 * - 'he':          N(0, 2/fan_in)                                   [32]
 * - 'glorot':      U(−ℓ, ℓ), ℓ = √(6/(fan_in+fan_out)), i.e. variance 2/(fan_in+fan_out) [33]. We take the
 *                  uniform form: it is the one of Glorot & Bengio's paper and Keras' default `glorot_uniform`
 *                  (the paper ran its baselines in Keras).
 * - 'lecun':       N(0, 1/fan_in)                                   [34]
 * - 'normal-1e-3': N(0, (10⁻³)²), standard deviation 10⁻³           [2]
 * - 'normal-1e-1': N(0, (10⁻¹)²), standard deviation 10⁻¹ (also §5.3's "N(0, 0.1)")
 * He and LeCun are plain (untruncated) normals; Keras' he_normal/lecun_normal truncate at 2σ, which we do not.
 * Draw order from one mulberry32 stream: W, V, A (row-major), so a seed fixes the weights.
 */
import type { Dims, Weights } from '../../../models/elman.ts';
import { zeroWeights } from '../../../models/elman.ts';
import { gaussian, mulberry32 } from '../../../core/rng.ts';

/** The initialization strategies of §5.4 (Table 3's columns). */
export type InitScheme = 'he' | 'normal-1e-3' | 'normal-1e-1' | 'glorot' | 'lecun';

/** All schemes, in Table 3's column order. */
export const INIT_SCHEMES: readonly InitScheme[] = ['he', 'normal-1e-3', 'normal-1e-1', 'glorot', 'lecun'];

/** Is `s` an initialization scheme name? */
export function isInitScheme(s: string): s is InitScheme {
  return (INIT_SCHEMES as readonly string[]).includes(s);
}

/** Standard deviation of one entry of a fan_out×fan_in weight matrix under `scheme`. */
export function initStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme) {
    case 'he':
      return Math.sqrt(2 / fanIn);
    case 'glorot':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'lecun':
      return Math.sqrt(1 / fanIn);
    case 'normal-1e-3':
      return 1e-3;
    case 'normal-1e-1':
      return 1e-1;
  }
}

/** Initial weights z⁰ for dimensions d: W⁰, V⁰, A⁰ drawn by `scheme` from `seed`, b⁰ = c⁰ = 0. */
export function initWeights(d: Dims, scheme: InitScheme, seed: number): Weights {
  const z = zeroWeights(d);
  const uniform = mulberry32(seed);
  const normal = gaussian(uniform);
  const fill = (a: Float64Array, fanIn: number, fanOut: number): void => {
    const std = initStd(scheme, fanIn, fanOut);
    if (scheme === 'glorot') {
      const lim = Math.sqrt(3) * std; // U(−ℓ, ℓ) has variance ℓ²/3
      for (let i = 0; i < a.length; i++) a[i] = lim * (2 * uniform() - 1);
    } else {
      for (let i = 0; i < a.length; i++) a[i] = std * normal();
    }
  };
  fill(z.W, d.r, d.r);
  fill(z.V, d.n, d.r);
  fill(z.A, d.r, d.m);
  return z;
}

/**
 * Seed of the initialization stream for a run seeded S: S XOR 0x5bd1e995, so data (drawn from S) and
 * initial weights never share a random stream.
 */
export function initSeedFor(seed: number): number {
  return (seed ^ 0x5bd1e995) >>> 0;
}
