/**
 * TKS (21) (Appendix D): the v-update, linearized like u. As printed the linear term has the wrong sign, the
 * λ/ρ3 shift has the wrong sign, and it divides λ1 (length h) by ρ3 where λ3 (length q) belongs (evaluated here
 * with λ3: with λ1 it is undefined unless h = q).
 *
 * Claims     tks.eq21.v (as printed: refuted, erratum tks-E-21) · tks.eq21.v.corrected
 * Solver     solver/blocks.ts vStep (exact minimizer of the v-block of (8) plus N·B·r/2‖v − v^k‖²)
 * Oracle     the v-block model and (8) (theory/models.ts, theory/lagrangian.ts); (21) literally (theory/printed.ts)
 * Instances  tks.point (_internals/families.ts)
 */
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { printedV } from '../theory/printed.ts';
import { blockErratum, correctedBlockClaim, printedBlockClaim, type BlockItem } from './_internals/blocks.ts';
import { src } from './_internals/common.ts';

const V: BlockItem = { X: 'v', item: 'eq21', source: src('Appendix D (21)', ['(21)']) };

const literal = printedBlockClaim(V,
  'The v-update (21), v ← argmin Nr/2‖v − v^k‖² + ν(v − v^k)ᵀΣ_{t<N}[s_tᵀ(o_t − v s_t − c)] + ρ3(v − v^k)ᵀ[s_Nᵀ(o_N − v s_N − c − λ/ρ3)], does not raise L_ρ.',
  'tks-E-21', printedV);

const corrected = correctedBlockClaim(V,
  'The v-update that minimizes the v-block of (8) plus N·B·r/2‖v − v^k‖² (o_t − c regressed on s_t, the t = N target shifted by +λ3/ρ3) does not raise L_ρ.',
  'tks.eq21.v');

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  blockErratum('tks-E-21', V,
    '(21): v ← argmin Nr/2‖v − v^k‖² + ν(v − v^k)ᵀΣ[s_tᵀ(o_t − v s_t − c)] + ρ3(v − v^k)ᵀ[s_Nᵀ(o_N − v s_N − c − λ1/ρ3)]',
    'The linear term is −Σ_t κ_t (o_t − v s_t − c + [t = N]λ3/ρ3) s_tᵀ: opposite sign, +λ3/ρ3 (λ3, not λ1) at t = N.',
    'The solver minimizes the v-block of (8) plus N·B·r/2‖v − v^k‖² exactly (solver/blocks.ts vStep).'),
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
