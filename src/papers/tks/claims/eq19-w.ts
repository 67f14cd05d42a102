/**
 * TKS (18)/(19) (Appendix B): the w-update, linearized like u. As printed its linear term has the wrong sign
 * (+ν⟨w − w^k, Σ r1_t s_{t−1}ᵀ⟩) and the λ1/ρ1 shift at t = N too.
 *
 * Claims     tks.eq19.w (as printed: refuted, erratum tks-E-19) · tks.eq19.w.corrected
 * Solver     solver/blocks.ts wStep (exact minimizer of the w-block of (8) with Ω = ω/2‖w‖², plus N·B·r/2‖w − w^k‖²)
 * Oracle     the w-block model and (8) (theory/models.ts, theory/lagrangian.ts); (19) literally (theory/printed.ts)
 * Instances  tks.point (_internals/families.ts)
 */
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { printedW } from '../theory/printed.ts';
import { blockErratum, correctedBlockClaim, printedBlockClaim, type BlockItem } from './_internals/blocks.ts';
import { src } from './_internals/common.ts';

const W: BlockItem = { X: 'w', item: 'eq19', source: src('Appendix B (18)–(19)', ['(18)', '(19)']) };

const literal = printedBlockClaim(W,
  'The w-update (19), w ← argmin Ω(w) + Nr/2‖w − w^k‖² + ν(w − w^k)ᵀΣ_{t<N}[s_{t−1}ᵀ(a_t − u x_t − w s_{t−1} − b)] + ρ1(w − w^k)ᵀ[s_{N−1}ᵀ(… − λ1/ρ1)], does not raise L_ρ.',
  'tks-E-19', printedW);

const corrected = correctedBlockClaim(W,
  'The w-update that minimizes Ω(w) plus the w-block of (8) plus N·B·r/2‖w − w^k‖² (residuals regressed on s_{t−1}, t = N shifted by +λ1/ρ1) does not raise L_ρ.',
  'tks.eq19.w');

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  blockErratum('tks-E-19', W,
    '(19): w ← argmin Ω(w) Nr/2‖w − w^k‖² + ν(w − w^k)ᵀΣ[s_{t−1}ᵀ(a_t − u x_t − w s_{t−1} − b)] + ρ1(w − w^k)ᵀ[s_{N−1}ᵀ(a_N − … − b − λ1/ρ1)]',
    'The linear term is −Σ_t κ_t (a_t − u x_t − w s_{t−1} − b + [t = N]λ1/ρ1) s_{t−1}ᵀ (the gradient of (8) in w), plus ∇Ω; the printed signs make the step ascend (and a "+" is missing between Ω(w) and Nr/2).',
    'The solver minimizes the w-block of (8) plus Ω and N·B·r/2‖w − w^k‖² exactly (solver/blocks.ts wStep).'),
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
