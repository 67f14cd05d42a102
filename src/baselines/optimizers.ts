/**
 * The update rules of the gradient baselines on one flat parameter vector θ, in the forms of the Keras
 * optimizers the WZC paper ran (§5.4: "We employ the Keras API running on TensorFlow 2"), with Keras' defaults:
 *
 *   gd, sgd    θ ← θ − η g
 *   gdc        g ← g·min(1, c/‖g‖₂) (clipping by the global norm, Pascanu et al. [22]), then θ ← θ − η g
 *   momentum   v ← μv − η g, θ ← θ + v                                   (heavy ball, Polyak)
 *   gdnm       v ← μv − η g, θ ← θ + μv − η g                             (Nesterov in Keras' SGD(nesterov=True) form)
 *   adam       m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g², θ ← θ − η √(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + ε̂)   (Keras)
 *   rmsprop    a ← ρa + (1−ρ) g², θ ← θ − η g/(√a + ε)                    (Keras, no momentum, not centred)
 *   adagrad    a ← a + g², θ ← θ − η g/(√a + ε), a⁰ = 0.1                 (Keras)
 *
 * Keras' `clipnorm` clips each weight tensor by its own norm; the paper does not say which it used, and [22]
 * clips the whole gradient, which is what `gdc` does. The state vectors are allocated once; a step allocates
 * nothing.
 */

/** The baselines, by id. */
export const BASELINE_IDS = ['gd', 'gdc', 'gdnm', 'sgd', 'adam', 'rmsprop', 'adagrad', 'momentum'] as const;
export type BaselineId = (typeof BASELINE_IDS)[number];

/** Hyperparameters of the update rules (those a rule does not use are ignored). */
export interface OptimizerSettings {
  /** Learning rate η > 0. */
  readonly lr: number;
  /** gdc: clipping norm c > 0. */
  readonly clip?: number;
  /** gdnm, momentum: μ ∈ [0, 1). */
  readonly momentum?: number;
  /** adam: β1, β2 ∈ [0, 1). */
  readonly beta1?: number;
  readonly beta2?: number;
  /** rmsprop: ρ ∈ [0, 1). */
  readonly rho?: number;
  /** adam, rmsprop, adagrad: ε > 0. */
  readonly epsilon?: number;
  /** adagrad: a⁰ ≥ 0. */
  readonly initialAccumulator?: number;
}

/** Keras' defaults for the hyperparameters the learning-rate grid does not set. */
export const OPTIMIZER_DEFAULTS = {
  clip: 1, momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.9, epsilon: 1e-7, initialAccumulator: 0.1,
} as const;

/** One update rule with its state. */
export interface Optimizer {
  /** θ ← update(θ, g) for the t-th update (t ≥ 1). May overwrite g (gdc scales it). */
  step(theta: Float64Array, g: Float64Array, t: number): void;
}

/** The update rule `id` for vectors of `size` entries. */
export function makeOptimizer(id: BaselineId, s: OptimizerSettings, size: number): Optimizer {
  const lr = s.lr;
  switch (id) {
    case 'gd':
    case 'sgd':
      return { step: (theta, g) => axpy(theta, -lr, g) };
    case 'gdc': {
      const c = s.clip ?? OPTIMIZER_DEFAULTS.clip;
      return {
        step(theta, g) {
          let sq = 0;
          for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
          const norm = Math.sqrt(sq);
          axpy(theta, norm > c ? (-lr * c) / norm : -lr, g);
        },
      };
    }
    case 'momentum': {
      const mu = s.momentum ?? OPTIMIZER_DEFAULTS.momentum;
      const v = new Float64Array(size);
      return {
        step(theta, g) {
          for (let i = 0; i < theta.length; i++) {
            v[i] = mu * v[i] - lr * g[i];
            theta[i] += v[i];
          }
        },
      };
    }
    case 'gdnm': {
      const mu = s.momentum ?? OPTIMIZER_DEFAULTS.momentum;
      const v = new Float64Array(size);
      return {
        step(theta, g) {
          for (let i = 0; i < theta.length; i++) {
            v[i] = mu * v[i] - lr * g[i];
            theta[i] += mu * v[i] - lr * g[i];
          }
        },
      };
    }
    case 'adam': {
      const b1 = s.beta1 ?? OPTIMIZER_DEFAULTS.beta1, b2 = s.beta2 ?? OPTIMIZER_DEFAULTS.beta2;
      const eps = s.epsilon ?? OPTIMIZER_DEFAULTS.epsilon;
      const m = new Float64Array(size), v = new Float64Array(size);
      return {
        step(theta, g, t) {
          const a = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
          for (let i = 0; i < theta.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            theta[i] -= (a * m[i]) / (Math.sqrt(v[i]) + eps);
          }
        },
      };
    }
    case 'rmsprop': {
      const rho = s.rho ?? OPTIMIZER_DEFAULTS.rho, eps = s.epsilon ?? OPTIMIZER_DEFAULTS.epsilon;
      const a = new Float64Array(size);
      return {
        step(theta, g) {
          for (let i = 0; i < theta.length; i++) {
            a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
            theta[i] -= (lr * g[i]) / (Math.sqrt(a[i]) + eps);
          }
        },
      };
    }
    case 'adagrad': {
      const eps = s.epsilon ?? OPTIMIZER_DEFAULTS.epsilon;
      const a = new Float64Array(size).fill(s.initialAccumulator ?? OPTIMIZER_DEFAULTS.initialAccumulator);
      return {
        step(theta, g) {
          for (let i = 0; i < theta.length; i++) {
            a[i] += g[i] * g[i];
            theta[i] -= (lr * g[i]) / (Math.sqrt(a[i]) + eps);
          }
        },
      };
    }
  }
}

function axpy(y: Float64Array, alpha: number, x: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
}
