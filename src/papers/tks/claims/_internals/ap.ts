/**
 * The hypotheses of Lemma 1 and Theorem 4 (AP-ADMMiRNN, after Chang et al. [40]) as numbers:
 *
 *   (16)  ρ_i > ρ̄(H) = ((1 + H + H²) + √((1 + H + H²)² + 8H²))/2,   Φ* > −∞;
 *   Thm 4 0 < ρ_i ≤ δ²/((5τ − 3)·max{2τ, 3(τ − 1)}), with "δ = 0" as printed, and Assumption 4: R strongly convex
 *         with modulus δ² > 0;
 *
 * and the strong-convexity modulus of R, measured (the smallest second difference of R over a few directions,
 * the all-ones direction among them, where softmax cross-entropy is flat).
 */
import { gaussian, mulberry32 } from '../../../../core/rng.ts';
import { lossAndGradient, type TksPoint } from '../../theory/lagrangian.ts';

/** ρ̄(H) of (16). */
export function lemma1RhoBar(H: number): number {
  const a = 1 + H + H * H;
  return (a + Math.sqrt(a * a + 8 * H * H)) / 2;
}

/** The upper end of Theorem 4's range for ρ_i: δ²/((5τ − 3)·max{2τ, 3(τ − 1)}). */
export function theorem4RhoMax(delta2: number, tau: number): number {
  return delta2 / ((5 * tau - 3) * Math.max(2 * tau, 3 * (tau - 1)));
}

/**
 * An upper estimate of R's strong-convexity modulus at the point's o: the smallest (R(o + εz) − 2R(o) + R(o − εz))/(ε²‖z‖²)
 * over z = (1, …, 1) and three seeded Gaussian directions (the modulus is at most every one of them).
 */
export function strongConvexityEstimate(pt: TksPoint, seed: number): number {
  const o = pt.aux.o, n = o.length, eps = 1e-2;
  const g = gaussian(mulberry32(seed));
  const dirs = [new Float64Array(n).fill(1), ...[0, 1, 2].map(() => Float64Array.from({ length: n }, () => g()))];
  let best = Infinity;
  const R = (x: Float64Array): number => lossAndGradient(pt, x).R;
  const R0 = R(o);
  for (const z of dirs) {
    let zz = 0;
    for (const x of z) zz += x * x;
    const second = (R(o.map((x, k) => x + eps * z[k])) - 2 * R0 + R(o.map((x, k) => x - eps * z[k]))) / (eps * eps * zz);
    best = Math.min(best, Math.max(0, second));
  }
  return best;
}
