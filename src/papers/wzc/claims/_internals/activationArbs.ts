/**
 * The activation parameters a user can set, drawn over their whole range (issue #6: every ELU claim used to fix
 * α = 1 and every leaky claim ϖ ∈ {0.01, 0.1, 0.5}, so code that depends on α or ϖ was never exercised).
 *
 * - Leaky ReLU ϖ: §4.3 (paper line 597) takes ϖ ∈ (0, 1); `lagrangelab train` accepts the same open interval
 *   (papers/wzc/instance.ts). Grid k/1000 over (0, 1) plus the hard values: the CLI default 0.01, 0.1, 0.5, and
 *   both ends (1e-3: leaky ≈ ReLU, the u⁻ numerator ≈ (3.22)'s; 0.999: σ ≈ identity, u⁺ and u⁻ nearly the same
 *   quadratic).
 * - ELU α: the paper's ELU is e^u − 1 (α = 1, line 608); the CLI accepts any α > 0 (warning above 1, where σ is
 *   α-Lipschitz). Grid k/100 over (0, 4] plus α = 1 in a quarter of the draws and the hard values 0.01 (σ ≈ 0 on
 *   u < 0: ELU ≈ ReLU), 0.5, 2 and 4 (φ_ELU non-convex on (−∞, 0] for a wide range of θ2: (θ2 + α)² > 8a/γ).
 *
 * Both shrink towards the paper's value (α = 1, ϖ = 0.01), so a counterexample is reported in the paper's own
 * setting whenever it survives there.
 */
import fc from 'fast-check';
import { hardOrGrid, intervalGrid } from '../../../../engine/arbitraries.ts';
import type { Activation } from '../../problem/types.ts';

/** Hard values of the leaky slope ϖ ∈ (0, 1), the CLI default first. */
export const LEAKY_SLOPE_HARD = [0.01, 0.1, 0.5, 1e-3, 0.999] as const;

/** Hard values of ELU's α other than the paper's α = 1. */
export const ELU_ALPHA_HARD = [0.01, 0.5, 2, 4] as const;

/** The largest α drawn: the families cover (0, 4]. */
export const ELU_ALPHA_MAX = 4;

/** ϖ over (0, 1): a hard value in 2 of 5 draws, else the grid k/1000. */
export function leakySlopeArb(): fc.Arbitrary<number> {
  return hardOrGrid(LEAKY_SLOPE_HARD, intervalGrid(0, 1, 1000), 2, 3);
}

/** α over (0, 4]: α = 1 in 1 of 4 draws, another hard value in 1 of 4, else the grid k/100. */
export function eluAlphaArb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(1) },
    { weight: 3, arbitrary: hardOrGrid(ELU_ALPHA_HARD, intervalGrid(0, ELU_ALPHA_MAX, 100 * ELU_ALPHA_MAX, true), 1, 2) },
  );
}

/** Leaky ReLU with ϖ from {@link leakySlopeArb}. */
export function leakyArb(): fc.Arbitrary<Activation> {
  return leakySlopeArb().map<Activation>((slope) => ({ kind: 'leaky-relu', slope }));
}

/** ELU with α from {@link eluAlphaArb}. */
export function eluArb(): fc.Arbitrary<Activation> {
  return eluAlphaArb().map<Activation>((alpha) => ({ kind: 'elu', alpha }));
}

/** Activations of the problem families: ReLU mostly (the paper's main case), leaky ReLU and ELU (§4.3). */
export function activationArb(): fc.Arbitrary<Activation> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Activation>({ kind: 'relu' }) },
    { weight: 1, arbitrary: leakyArb() },
    { weight: 1, arbitrary: eluArb() },
  );
}
