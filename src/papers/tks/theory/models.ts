/**
 * The model each block update of the corrected ADMMiRNN minimizes: (8) in the block, plus a gap term D_X that
 * makes it a majorizer touching (8) at the current iterate X^k (so minimizing it lowers (8)):
 *
 *   o        D = R(o^k) + ⟨∇R(o^k), Y − o^k⟩ + H/2‖Y − o^k‖² − R(Y)        (R linearized, Assumption 1)
 *   c, b     D = 0                                                         (exact block minimization)
 *   v, w, u  D = N·B·r/2‖Y − X^k‖²  (the paper's N·r of (9)/(19)/(21), summed over B windows)
 *   s        D = r/2‖Y − X^k‖²
 *   a        D = φ(a^k) + ⟨∇φ(a^k), Y − a^k⟩ + ½Σ τ (Y − a^k)² − φ(Y) + r/2‖Y − a^k‖²,
 *            φ(a) = Σ_t κ2_t/2‖s_t − tanh a_t‖² + ⟨λ2, s_N − tanh a_N⟩, τ = κ2 τ(β) with τ(β) the curvature
 *            bound of `problem/curvature.ts` (the tests check it against a dense maximization), β = s (+ λ2/ρ2
 *            at t = N)
 *
 * D ≥ 0 with D(X^k) = 0 (for o by Assumption 1 with H = 1/(2M) or 1/M; for a because τ bounds the second
 * derivative of φ in each entry). Evaluated with the oracle of `lagrangian.ts`, independent of the solver.
 */
import { smoothSigmaPrime } from '../../../models/activations/smooth.ts';
import { curvatureBound } from '../problem/curvature.ts';
import type { Params } from '../problem/types.ts';
import { alGradient, alValue, lossAndGradient, type TksPoint } from './lagrangian.ts';

/** A block of (8). */
export type TksBlock = 'o' | 'c' | 'v' | 's' | 'a' | 'b' | 'w' | 'u';

const PARAM_BLOCKS = new Set<TksBlock>(['u', 'w', 'b', 'v', 'c']);

const TANH = { kind: 'tanh' } as const;

/** The current value X^k of a block. */
export function blockOf(pt: TksPoint, X: TksBlock): Float64Array {
  return PARAM_BLOCKS.has(X) ? pt.p[X as keyof Params] : pt.aux[X as 'a' | 's' | 'o'];
}

/** The point with block X replaced by Y (shallow: Y is used, not copied). */
export function withBlock(pt: TksPoint, X: TksBlock, Y: Float64Array): TksPoint {
  if (PARAM_BLOCKS.has(X)) return { ...pt, p: { ...pt.p, [X]: Y } };
  return { ...pt, aux: { ...pt.aux, [X]: Y } };
}

/** H of Assumption 1 for the point's loss (mean over the M = N·B rows, less those before `y.from`). */
export function lipschitzH(pt: TksPoint): number {
  const M = pt.batch.dims.N * pt.batch.dims.B - (pt.batch.y.from ?? 0);
  return pt.batch.y.kind === 'classes' ? 1 / (2 * M) : 1 / M;
}

/** β = s (+ λ2/ρ2 at t = N) and the weights κ2 per entry of a. */
function betaKappa(pt: TksPoint): { beta: Float64Array; k2: Float64Array } {
  const { N, B, h } = pt.batch.dims;
  const beta = new Float64Array(N * B * h), k2 = new Float64Array(N * B * h);
  for (let row = 0; row < N * B; row++) {
    const last = row >= (N - 1) * B;
    for (let j = 0; j < h; j++) {
      const k = row * h + j;
      k2[k] = last ? pt.hp.rho2 : pt.hp.nu;
      beta[k] = pt.aux.s[k] + (last ? pt.mult.l2[(row - (N - 1) * B) * h + j] / pt.hp.rho2 : 0);
    }
  }
  return { beta, k2 };
}

/** φ(a) up to a constant independent of a: Σ κ2/2 (β − tanh a)². */
function phi(a: Float64Array, beta: Float64Array, k2: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (k2[k] / 2) * (beta[k] - Math.tanh(a[k])) ** 2;
  return s;
}

/** The model of block X at candidate Y, around the point's current X^k. */
export function blockModel(pt: TksPoint, X: TksBlock, Y: Float64Array): number {
  const Xk = blockOf(pt, X);
  const L = alValue(withBlock(pt, X, Y)).L;
  const r = pt.hp.r;
  const rp = pt.batch.dims.N * pt.batch.dims.B * r;
  switch (X) {
    case 'c':
    case 'b':
      return L;
    case 'v':
    case 'w':
    case 'u':
      return L + (rp / 2) * sqdist(Y, Xk);
    case 's':
      return L + (r / 2) * sqdist(Y, Xk);
    case 'o': {
      const H = lipschitzH(pt);
      const { R: Rk, g } = lossAndGradient(pt, Xk);
      const RY = lossAndGradient(pt, Y).R;
      let lin = 0;
      for (let k = 0; k < Y.length; k++) lin += g[k] * (Y[k] - Xk[k]);
      return L - RY + Rk + lin + (H / 2) * sqdist(Y, Xk);
    }
    case 'a': {
      const { beta, k2 } = betaKappa(pt);
      let lin = 0, quad = 0;
      for (let k = 0; k < Y.length; k++) {
        const g = -k2[k] * (beta[k] - Math.tanh(Xk[k])) * smoothSigmaPrime(TANH, Xk[k]);
        const tau = k2[k] * curvatureBound(beta[k]);
        const dy = Y[k] - Xk[k];
        lin += g * dy;
        quad += 0.5 * tau * dy * dy;
      }
      return L - phi(Y, beta, k2) + phi(Xk, beta, k2) + lin + quad + (r / 2) * sqdist(Y, Xk);
    }
  }
}

/** ∇ of {@link blockModel} with respect to Y. */
export function blockModelGradient(pt: TksPoint, X: TksBlock, Y: Float64Array): Float64Array {
  const Xk = blockOf(pt, X);
  const g = alGradient(withBlock(pt, X, Y))[X].slice();
  const r = pt.hp.r;
  const rp = pt.batch.dims.N * pt.batch.dims.B * r;
  switch (X) {
    case 'c':
    case 'b':
      return g;
    case 'v':
    case 'w':
    case 'u':
      for (let k = 0; k < g.length; k++) g[k] += rp * (Y[k] - Xk[k]);
      return g;
    case 's':
      for (let k = 0; k < g.length; k++) g[k] += r * (Y[k] - Xk[k]);
      return g;
    case 'o': {
      const H = lipschitzH(pt);
      const gk = lossAndGradient(pt, Xk).g, gY = lossAndGradient(pt, Y).g;
      for (let k = 0; k < g.length; k++) g[k] += -gY[k] + gk[k] + H * (Y[k] - Xk[k]);
      return g;
    }
    case 'a': {
      const { beta, k2 } = betaKappa(pt);
      for (let k = 0; k < g.length; k++) {
        const dphiK = -k2[k] * (beta[k] - Math.tanh(Xk[k])) * smoothSigmaPrime(TANH, Xk[k]);
        const dphiY = -k2[k] * (beta[k] - Math.tanh(Y[k])) * smoothSigmaPrime(TANH, Y[k]);
        const tau = k2[k] * curvatureBound(beta[k]);
        g[k] += -dphiY + dphiK + (tau + r) * (Y[k] - Xk[k]);
      }
      return g;
    }
  }
}

function sqdist(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
  return s;
}
