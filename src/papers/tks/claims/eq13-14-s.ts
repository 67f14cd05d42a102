/**
 * TKS (13)/(14) (§3.2.3): the s-update. As printed (13) linearizes the output coupling with the wrong sign and
 * drops the coupling of s_t to a_{t+1} (the "trick" of §3.2.3); (14) also drops ρ2/2‖s_N − f(a_N)‖² and ⟨λ2, ·⟩,
 * and shifts by −λ3/ρ3.
 *
 * Claims     tks.eq13-14.s (as printed: refuted, erratum tks-E-13-14) · tks.eq13-14.s.corrected
 * Solver     solver/stateSteps.ts sStep (exact minimizer of the s-block of (8) plus r/2‖s − s^k‖², all couplings kept)
 * Oracle     the s-block model and (8) (theory/models.ts, theory/lagrangian.ts); (13)/(14) literally (theory/printed.ts)
 * Instances  tks.point (_internals/families.ts)
 */
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { printedS } from '../theory/printed.ts';
import { blockErratum, correctedBlockClaim, printedBlockClaim, type BlockItem } from './_internals/blocks.ts';
import { src } from './_internals/common.ts';

const S: BlockItem = { X: 's', item: 'eq13-14', source: src('§3.2.3 (13)–(14)', ['(13)', '(14)']) };

const literal = printedBlockClaim(S,
  'The s-updates (13) (t < N: r/2‖s_t − s_t^k‖² + ν(s_t − s_t^k)ᵀ[vᵀ(o_t − v s_t − c)] + ν/2‖s_t − f(a_t)‖²) and (14) (t = N: r/2‖s_N − s_N^k‖² + ρ3(s_N − s_N^k)ᵀ[vᵀ(o_N − v s_N − c − λ3/ρ3)]) do not raise L_ρ.',
  'tks-E-13-14', printedS);

const corrected = correctedBlockClaim(S,
  'The s-update that minimizes the s-block of (8) plus r/2‖s − s^k‖² — the output term with vᵀ(…) entering with the opposite sign, the coupling to a_{t+1} through w kept, and at t = N ρ2/2‖s_N − f(a_N) + λ2/ρ2‖² kept — does not raise L_ρ.',
  'tks.eq13-14.s');

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  blockErratum('tks-E-13-14', S,
    '(13): s_t ← argmin r/2‖s_t − s_t^k‖² + ν(s_t − s_t^k)ᵀ[(v^k)ᵀ(o_t^k − v^k s_t^k − c^k)] + ν/2‖s_t − f(a_t)‖²; (14): s_N ← argmin r/2‖s_N − s_N^k‖² + ρ3(s_N − s_N^k)ᵀ[(v^k)ᵀ(o_N^k − v^k s_N^k − c^k − λ3^k/ρ3)]',
    'The s-block of (8) has −vᵀ(κ(o_t − v s_t − c) + [t = N]λ3) as its output gradient, ν/2‖a_{t+1} − u x − w s_t − b‖² couples s_t to the next step, and at t = N ρ2/2‖s_N − f(a_N)‖² + ⟨λ2, s_N − f(a_N)⟩ is part of the block; (13)/(14) get the sign wrong and drop both couplings.',
    'The solver minimizes the whole s-block of (8) plus r/2‖s − s^k‖² (solver/stateSteps.ts sStep).'),
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
