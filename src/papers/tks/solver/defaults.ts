/**
 * Default hyperparameters of the TKS solver, for R = the mean loss per output (nats per character on the text
 * task) and batches of B = 32 windows of N = 25 steps. The paper gives no values for the text task (its
 * Table 2 is on MNIST after 20 iterations and Fig. 9 sweeps ν from 1e-2 to 1e-8), so these were measured:
 * see the README section "TKS" for the sweep.
 *
 * - ν = 1e-3: the penalty of the t < N constraints. One iteration moves the readout by about ∇R/(ν·N·B), so ν
 *   plays the role of an inverse learning rate.
 * - ρ1 = ρ2 = ρ3 = 2.5e-3: the t = N penalties; Theorems 1–2 ask for ρ_i > 2H, and H = 1/(2·N·B) = 6.25e-4 at
 *   the default sizes, so 2H = 1.25e-3.
 * - r = 1e-2: the proximal weight of the v, w, u, s and a steps. Each batch is a small sample of the text, so
 *   the parameter blocks must not be refitted to one batch: r keeps them near the previous iterate.
 * - ω = 0: no regularizer Ω(w).
 */
import type { Hyper } from '../problem/types.ts';

/** The default hyperparameters (see the module documentation). */
export const DEFAULT_HYPER: Readonly<Hyper> = { nu: 1e-4, rho1: 2.5e-3, rho2: 2.5e-3, rho3: 2.5e-3, r: 4e-6, omega: 0 };

/** Windows per batch B and steps per window N of the text task (N = 25 as in the authors' code). */
export const DEFAULT_BATCH = 32;
export const DEFAULT_SEQUENCE_LENGTH = 25;
