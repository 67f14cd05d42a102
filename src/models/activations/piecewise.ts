/**
 * Activations σ of §2 and §4.3, applied entry-wise: ReLU (2.1), leaky ReLU max{u, ϖu}, ELU α(e^u − 1) for u < 0.
 */

/** Activation σ. ReLU (2.1); leaky ReLU max{u, ϖu} (§4.3) with slope ϖ ∈ (0,1); ELU α(e^u−1) for u<0 (§4.3, paper: α=1). */
export type Activation =
  | { readonly kind: 'relu' }
  | { readonly kind: 'leaky-relu'; readonly slope: number }
  | { readonly kind: 'elu'; readonly alpha: number };

/** σ(u) for one scalar. */
export function sigma(act: Activation, u: number): number {
  if (u >= 0) return u;
  switch (act.kind) {
    case 'relu':
      return 0;
    case 'leaky-relu':
      return act.slope * u;
    case 'elu':
      return act.alpha * Math.expm1(u);
  }
}

/** out_i = σ(u_i) for i ≥ `from` (default: all). `out` may alias `u`. */
export function sigmaInto(act: Activation, u: Float64Array, out: Float64Array, from = 0): void {
  switch (act.kind) {
    case 'relu':
      for (let i = from; i < u.length; i++) out[i] = u[i] > 0 ? u[i] : 0;
      return;
    case 'leaky-relu': {
      const s = act.slope;
      for (let i = from; i < u.length; i++) out[i] = u[i] >= 0 ? u[i] : s * u[i];
      return;
    }
    case 'elu': {
      const a = act.alpha;
      for (let i = from; i < u.length; i++) out[i] = u[i] >= 0 ? u[i] : a * Math.expm1(u[i]);
      return;
    }
  }
}

/**
 * One-sided derivatives of σ at u: `left` = σ'(u⁻), `right` = σ'(u⁺). They differ only at the kink u = 0
 * of ReLU (0 | 1) and leaky ReLU (ϖ | 1); ELU with α = 1 is C¹.
 */
export function sigmaSlopes(act: Activation, u: number): { left: number; right: number } {
  if (u > 0) return { left: 1, right: 1 };
  switch (act.kind) {
    case 'relu':
      return u < 0 ? { left: 0, right: 0 } : { left: 0, right: 1 };
    case 'leaky-relu':
      return u < 0 ? { left: act.slope, right: act.slope } : { left: act.slope, right: 1 };
    case 'elu': {
      const d = act.alpha * Math.exp(u);
      return u < 0 ? { left: d, right: d } : { left: act.alpha, right: 1 };
    }
  }
}

/** Lipschitz constant of σ (1 for all three when ϖ ∈ (0,1] and α ≤ 1; §4.3 relies on it). */
export function sigmaLipschitz(act: Activation): number {
  switch (act.kind) {
    case 'relu':
      return 1;
    case 'leaky-relu':
      return Math.max(1, Math.abs(act.slope));
    case 'elu':
      return Math.max(1, act.alpha);
  }
}

/** Human-readable name, used in reports. */
export function activationName(act: Activation): string {
  switch (act.kind) {
    case 'relu':
      return 'relu';
    case 'leaky-relu':
      return `leaky-relu(${act.slope})`;
    case 'elu':
      return `elu(${act.alpha})`;
  }
}
