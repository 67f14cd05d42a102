/**
 * Synthetic data of §5.1: a random "teacher" Elman RNN (Â, Ŵ, V̂, b̂, ĉ) driven by random inputs, plus noise:
 *
 *   h_t = σ(Ŵ h_{t−1} + V̂ x_t + b̂),  h_0 = 0,     y_t = Â h_t + ĉ + ẽ_t,   t = 1..T.
 *
 * The paper applies σ and then Â (its y_t = (Â(Ŵ(…)+V̂x_t+b̂)_+ + ĉ) + ẽ_t), as above.
 *
 * The paper says only "with some distributions" and its Table 1 (the sizes) is missing from the text.
 * Our documented choices:
 * - x_t ~ N(0, I_n) (inputStd = 1);
 * - V̂_ij ~ N(0, 1/n) and Â_ij ~ N(0, 1/r), so the pre-activations and outputs are O(1) for every size;
 * - Ŵ_ij ~ N(0, 1/r), then rescaled so that its spectral norm ‖Ŵ‖₂ = 0.9. Because σ is 1-Lipschitz
 *   (ReLU, leaky ReLU with ϖ ≤ 1, ELU with α ≤ 1) the map h ↦ σ(Ŵh + ·) is then a contraction, so the
 *   recursion is stable for any T (the spectral radius is ≤ ‖Ŵ‖₂ < 1 as well);
 * - b̂_i, ĉ_j ~ N(0, 0.1²); noise ẽ_t ~ N(0, 0.1² I_m).
 * - Sizes: 'synthetic-T10' = (T, n, m, r) = (10, 3, 2, 5), a small instance in the spirit of the paper's
 *   desktop run; 'synthetic-T500' = (500, 80, 30, 100), the unique sizes giving the paper's quoted
 *   N_w = r² + rn + r = 18,100 ≈ 1.81e4 and N_a = mr + m = 3,030 ≈ 3.03e3 (§5.4; its "r = 500" is a typo
 *   for T = 500, since r = 500 alone gives r² = 2.5e5 > N_w).
 * All draws come from one mulberry32 stream in a fixed order (Ŵ, V̂, b̂, Â, ĉ, X, ẽ), so a seed fixes the data.
 */
import { forward, outputs } from '../../../models/elman.ts';
import type { Activation, Data, Dims, Weights } from '../../../models/elman.ts';
import { zeroWeights } from '../../../models/elman.ts';
import { gaussian, mulberry32 } from '../../../core/rng.ts';

/** The two synthetic datasets of §5.1. */
export type SyntheticSetting = 'synthetic-T10' | 'synthetic-T500';

/** Names accepted by {@link generateSetting}, for CLI validation. */
export const SYNTHETIC_SETTINGS: readonly SyntheticSetting[] = ['synthetic-T10', 'synthetic-T500'];

/** Sizes we use for the paper's two synthetic datasets (Table 1 is missing from the paper; see the file header). */
export const SYNTHETIC_DIMS: Readonly<Record<SyntheticSetting, Dims>> = {
  'synthetic-T10': { T: 10, n: 3, m: 2, r: 5 },
  'synthetic-T500': { T: 500, n: 80, m: 30, r: 100 },
};

/** Knobs of the teacher; every one has the documented default above. */
export interface TeacherOptions {
  /** Seed of the single random stream. */
  seed: number;
  /** σ of the teacher (default ReLU, as in §5.1). */
  activation?: Activation;
  /** Target spectral norm of Ŵ (default 0.9; must be < 1 for the stability guarantee). */
  recurrentNorm?: number;
  /** Standard deviation of the inputs x_t (default 1). */
  inputStd?: number;
  /** Standard deviation of b̂ and ĉ (default 0.1). */
  biasStd?: number;
  /** Standard deviation of the noise ẽ_t (default 0.1). */
  noiseStd?: number;
}

/** A generated dataset together with what produced it. */
export interface SyntheticInstance {
  /** X (T×n) and Y (T×m) with Y = teacher outputs + noise. */
  data: Data;
  /** The teacher weights (Â, Ŵ, V̂, b̂, ĉ). */
  teacher: Weights;
  /** Hidden states of the teacher, T×r (noise-free). */
  hTeacher: Float64Array;
  /** The noise ẽ, T×m. */
  noise: Float64Array;
  activation: Activation;
  /** The options actually used (defaults filled in). */
  options: Required<TeacherOptions>;
}

/** Is `s` one of the synthetic settings? */
export function isSyntheticSetting(s: string): s is SyntheticSetting {
  return (SYNTHETIC_SETTINGS as readonly string[]).includes(s);
}

/** Generate the dataset of a named setting (§5.1) with the default teacher options. */
export function generateSetting(setting: SyntheticSetting, seed: number, opts: Omit<TeacherOptions, 'seed'> = {}): SyntheticInstance {
  return generateSynthetic(SYNTHETIC_DIMS[setting], { ...opts, seed });
}

/** Generate a synthetic dataset of any size from a seeded random teacher (§5.1). */
export function generateSynthetic(d: Dims, opts: TeacherOptions): SyntheticInstance {
  const o: Required<TeacherOptions> = {
    seed: opts.seed,
    activation: opts.activation ?? { kind: 'relu' },
    recurrentNorm: opts.recurrentNorm ?? 0.9,
    inputStd: opts.inputStd ?? 1,
    biasStd: opts.biasStd ?? 0.1,
    noiseStd: opts.noiseStd ?? 0.1,
  };
  checkDims(d);
  const { T, n, m, r } = d;
  const g = gaussian(mulberry32(o.seed));
  const z = zeroWeights(d);
  fillNormal(z.W, g, 1 / Math.sqrt(r));
  fillNormal(z.V, g, 1 / Math.sqrt(n));
  fillNormal(z.b, g, o.biasStd);
  fillNormal(z.A, g, 1 / Math.sqrt(r));
  fillNormal(z.c, g, o.biasStd);
  const norm = spectralNorm(z.W, r, r);
  if (norm > 0) {
    const s = o.recurrentNorm / norm;
    for (let i = 0; i < z.W.length; i++) z.W[i] *= s;
  }
  const X = new Float64Array(T * n);
  fillNormal(X, g, o.inputStd);
  const noise = new Float64Array(T * m);
  fillNormal(noise, g, o.noiseStd);
  const { h } = forward(d, X, z, o.activation);
  const Y = new Float64Array(T * m);
  outputs(d, z, h, Y);
  for (let i = 0; i < Y.length; i++) Y[i] += noise[i];
  return { data: { dims: { ...d }, X, Y }, teacher: z, hTeacher: h, noise, activation: o.activation, options: o };
}

/**
 * Largest singular value ‖M‖₂ of a rows×cols matrix by power iteration on MᵀM from a fixed start vector.
 * The iterate ‖Mv‖/‖v‖ never exceeds ‖M‖₂ and converges to it; we stop when it changes by < 1e-14 relatively.
 */
export function spectralNorm(M: Float64Array, rows: number, cols: number, maxIter = 20_000): number {
  if (rows === 0 || cols === 0) return 0;
  let v = new Float64Array(cols);
  // Deterministic, generic start: a fixed pseudo-random vector (an all-ones start can be orthogonal to the top
  // right singular vector for structured matrices).
  const u0 = mulberry32(0x5eed);
  for (let j = 0; j < cols; j++) v[j] = u0() - 0.5;
  const w = new Float64Array(rows);
  let next = new Float64Array(cols);
  let est = 0;
  normalize(v);
  for (let it = 0; it < maxIter; it++) {
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += M[i * cols + j] * v[j];
      w[i] = s;
    }
    const sigma = Math.sqrt(sqsum(w));
    if (sigma === 0) return est;
    next.fill(0);
    for (let i = 0; i < rows; i++) {
      const wi = w[i];
      for (let j = 0; j < cols; j++) next[j] += M[i * cols + j] * wi;
    }
    normalize(next);
    const done = Math.abs(sigma - est) <= 1e-14 * sigma;
    est = sigma;
    [v, next] = [next, v];
    if (done) break;
  }
  return est;
}

function checkDims(d: Dims): void {
  for (const k of ['T', 'n', 'm', 'r'] as const) {
    if (!Number.isInteger(d[k]) || d[k] < 1) throw new RangeError(`synthetic: ${k} must be a positive integer, got ${d[k]}`);
  }
}

function fillNormal(a: Float64Array, g: () => number, std: number): void {
  for (let i = 0; i < a.length; i++) a[i] = std * g();
}

function sqsum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

function normalize(a: Float64Array): void {
  const s = Math.sqrt(sqsum(a));
  if (s > 0) for (let i = 0; i < a.length; i++) a[i] /= s;
}
