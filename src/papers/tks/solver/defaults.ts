/**
 * Default hyperparameters of the TKS solver. R is the mean loss over the M = N·B output rows of a batch (nats per
 * character on the text task), so ∇R, and H of Assumption 1 (1/(2M) for cross-entropy), scale as 1/M; every
 * weight of (8) is therefore given per row and divided by M, which keeps one iteration's behaviour the same for
 * any batch size. At the text task's M = 25·32 = 800 they are ν = 1e-4, ρ_i = 2.5e-3, r = 8e-6.
 *
 * The paper gives no values for the text task (its Table 2 is on MNIST after 20 iterations, Fig. 9 sweeps ν from
 * 1e-2 to 1e-8), so these were measured (README, "TKS"):
 * - ν·M = 0.08. The o-step moves o_t by −∇R/(H + ν) = −(p − y)/(M(H + ν)); with H = 1/(2M) the step is capped at
 *   2(p − y), and ν below H barely changes it (measured: ν ∈ {1e-4, 2e-5} train alike).
 * - ρ_i·M = 2, i.e. ρ_i = 4H > 2H: Theorems 1–2 ask for ρ_i > 2H.
 * - r·M = 6.4e-3: the proximal weight per row; the parameter blocks get N·B·r (`solver/blocks.ts`). Each batch
 *   is a small sample of the text, and the exact parameter steps would refit v, w, u to it; r keeps them near
 *   the previous iterate (r·M = 3.2e-3 trained faster at first and ended noisier, 1.3e-2 slower).
 * - ω = 0: no regularizer Ω(w).
 */
import type { Hyper } from '../problem/types.ts';

/** The per-row weights: the defaults are these divided by M = N·B. */
export const HYPER_PER_ROW: Readonly<Hyper> = { nu: 0.08, rho1: 2, rho2: 2, rho3: 2, r: 6.4e-3, omega: 0 };

/** The default hyperparameters for M = N·B output rows per batch. */
export function defaultHyper(M: number): Hyper {
  const h = HYPER_PER_ROW;
  return { nu: h.nu / M, rho1: h.rho1 / M, rho2: h.rho2 / M, rho3: h.rho3 / M, r: h.r / M, omega: h.omega / M };
}

/** Windows per batch B and steps per window N of the text task (N = 25 as in the authors' code). */
export const DEFAULT_BATCH = 32;
export const DEFAULT_SEQUENCE_LENGTH = 25;

/** The defaults at the text task's sizes (M = 25·32 = 800). */
export const DEFAULT_HYPER: Readonly<Hyper> = defaultHyper(DEFAULT_SEQUENCE_LENGTH * DEFAULT_BATCH);
