/**
 * TKS (11)/(12) (§3.2.2): the a-update. The printed subproblem keeps ν/2‖s_t − f(a_t)‖² exact (no closed form for
 * tanh) and the paper's "trick" f(a) = a "if a_t is small enough" gives the closed form evaluated here; at t = N the
 * shifts −λ_i/ρ_i have the wrong sign. How large the trick's error is: `s322.ts`.
 *
 * Claims     tks.eq11-12.a (as printed, with the trick: refuted, erratum tks-E-11-12) · tks.eq11-12.a.corrected
 * Solver     solver/stateSteps.ts aStep (the tanh term linearized with a majorizing per-entry weight κ2τ(β) + r)
 * Oracle     the a-block model and (8) (theory/models.ts, theory/lagrangian.ts); (11)/(12) with the trick (theory/printed.ts)
 * Instances  tks.point (_internals/families.ts)
 */
import type { Erratum, RegisteredClaim } from '../../../engine/types.ts';
import { printedATrick } from '../theory/printed.ts';
import { blockErratum, correctedBlockClaim, printedBlockClaim, type BlockItem } from './_internals/blocks.ts';
import { src } from './_internals/common.ts';

const A: BlockItem = { X: 'a', item: 'eq11-12', source: src('§3.2.2 (11)–(12)', ['(11)', '(12)']) };

const literal = printedBlockClaim(A,
  'The a-updates (11)/(12) with the §3.2.2 trick f(a_t) = a_t (t < N: (r a^k − ν r1 + ν s)/(r + ν); t = N: with ρ1, ρ2 and the shifts −λ1/ρ1, −λ2/ρ2) do not raise L_ρ.',
  'tks-E-11-12', printedATrick);

const corrected = correctedBlockClaim(A,
  'The a-update that minimizes the a-block of (8) with ‖s − tanh a‖² linearized at a^k under a majorizing per-entry weight κ2τ(β) + r (β = s, + λ2/ρ2 at t = N) does not raise L_ρ.',
  'tks.eq11-12.a');

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  blockErratum('tks-E-11-12', A,
    '(11)/(12) with §3.2.2: "If a_t is small enough, we have f(a_t) = a_t … In this way, we could simplify the calculation of a_t"; (12) shifts by −λ1/ρ1 and −λ2/ρ2',
    'tanh(a) = a only to O(a³) (|tanh a − a| ≤ |a|³/3, tks.s322.tanh-bound), and the iterates are not small; the a-step must majorize the tanh term (or minimize it exactly) to be a descent step, and the t = N shifts are +λ_i/ρ_i.',
    'The solver linearizes the tanh term with a majorizing weight and keeps the constraint term exact (solver/stateSteps.ts aStep); it never uses f(a) = a.'),
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
