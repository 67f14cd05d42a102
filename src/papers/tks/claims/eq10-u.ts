/**
 * TKS (9)/(10) (§3.2.1): the u-update, linearized with G = rI_d. As printed its linear term is
 * +ν⟨u − u^k, Σ r1_t x_tᵀ⟩ (+ρ1 at t = N with r1_N − λ1/ρ1), but ∂/∂u of ν/2‖a − u x − w s − b‖² is −ν Σ r1 x_tᵀ: the
 * printed step moves up (8), and the λ1/ρ1 shift has the wrong sign too.
 *
 * Claims     tks.eq10.u (as printed: refuted, erratum tks-E-10) · tks.eq10.u.corrected
 * Solver     solver/blocks.ts uStep (exact minimizer of the u-block of (8) plus N·B·r/2‖u − u^k‖²)
 * Oracle     the u-block model and (8) (theory/models.ts, theory/lagrangian.ts); (10) literally (theory/printed.ts)
 * Instances  tks.point (_internals/families.ts)
 */
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { printedU } from '../theory/printed.ts';
import { blockErratum, correctedBlockClaim, printedBlockClaim, type BlockItem } from './_internals/blocks.ts';
import { src } from './_internals/common.ts';

const U: BlockItem = { X: 'u', item: 'eq10', source: src('§3.2.1 (9)–(10)', ['(9)', '(10)']) };

const literal = printedBlockClaim(U,
  'The u-update (10), u ← argmin Nr/2‖u − u^k‖² + ν(u − u^k)ᵀΣ_{t<N} x_tᵀ(a_t − u x_t − w s_{t−1} − b) + ρ1(u − u^k)ᵀx_Nᵀ(a_N − … − λ1/ρ1), is a step of ADMM on (8): it does not raise L_ρ.',
  'tks-E-10', printedU);

const corrected = correctedBlockClaim(U,
  'The u-update that minimizes the u-block of (8) plus N·B·r/2‖u − u^k‖² (the proximal model (9) with G = rI, linear term −Σκ e1 x_tᵀ with the t = N residual shifted by +λ1/ρ1) does not raise L_ρ.',
  'tks.eq10.u');

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  blockErratum('tks-E-10', U,
    '(10): u ← argmin Nr/2‖u − u^k‖² + ν(u − u^k)ᵀΣ[x_tᵀ(a_t − u x_t − w s_{t−1} − b)] + ρ1(u − u^k)ᵀ[x_Nᵀ(a_N − … − b − λ1/ρ1)]',
    'The linear term is the gradient of (8) in u: −Σ_t κ_t (a_t − u x_t − w s_{t−1} − b + [t = N]λ1/ρ1) x_tᵀ; the printed sign (and the sign of λ1/ρ1) make the step ascend.',
    'The solver minimizes the u-block of (8) plus N·B·r/2‖u − u^k‖² exactly (solver/blocks.ts uStep), the corrected form.'),
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
