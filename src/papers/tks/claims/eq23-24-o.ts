/**
 * TKS (23)/(24) (Appendix F): the o-update. As printed the penalty is evaluated at o^k — a constant — so the
 * subproblem is min R(o) alone: no minimizer for softmax cross-entropy, o = y for the squared loss; (24) also
 * shifts by −λ3/ρ3.
 *
 * Claims     tks.eq23-24.o (as printed: refuted, erratum tks-E-23-24) · tks.eq23-24.o.corrected
 * Solver     solver/blocks.ts oStep (R linearized with the proximal weight H of Assumption 1, the penalty exact)
 * Oracle     the o-block model and (8) (theory/models.ts, theory/lagrangian.ts); (23)/(24) literally (theory/printed.ts)
 * Instances  tks.point (_internals/families.ts)
 */
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { printedO } from '../theory/printed.ts';
import { blockErratum, correctedBlockClaim, printedBlockClaim, type BlockItem } from './_internals/blocks.ts';
import { src } from './_internals/common.ts';

const O: BlockItem = { X: 'o', item: 'eq23-24', source: src('Appendix F (23)–(24)', ['(23)', '(24)']) };

const literal = printedBlockClaim(O,
  'The o-updates (23) o_t ← argmin R(o) + ν/2‖o_t^k − v^k s_t^k − c^k‖² and (24) o_N ← argmin R(o) + ρ3/2‖o_N^k − v^k s_N^k − c^k − λ3^k/ρ3‖² have a minimizer, and it does not raise L_ρ.',
  'tks-E-23-24', printedO);

const corrected = correctedBlockClaim(O,
  'The o-update that minimizes R linearized at o^k plus H/2‖o − o^k‖² (H of Assumption 1) plus the exact penalty κ/2‖o_t − v s_t − c + [t = N]λ3/ρ3‖² does not raise L_ρ.',
  'tks.eq23-24.o');

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  blockErratum('tks-E-23-24', O,
    '(23): o_t ← argmin_{o_t} R(o) + ν/2‖o_t^k − v^k s_t^k − c^k‖²; (24): o_N ← argmin_{o_N} R(o) + ρ3/2‖o_N^k − v^k s_N^k − c^k − λ3^k/ρ3‖²',
    'The penalty must be a function of the variable o_t (not of o_t^k), with +λ3/ρ3 at t = N: o ← argmin R(o) + κ/2‖o_t − v s_t − c + [t = N]λ3/ρ3‖², or its linearized-R form with weight H.',
    'The solver linearizes R with weight H (Assumption 1) and keeps the penalty exact in o (solver/blocks.ts oStep).'),
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
