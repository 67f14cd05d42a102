/**
 * Every numbered item of ZLY (equations, assumptions, lemmas, theorems, the algorithm, the proofs' displayed
 * steps) and the claims that cover it. An item with no claim says why; a `note` records a finding about the item
 * itself (vacuous, unsatisfiable at sane sizes). The registry checks that every id named here exists.
 */
import type { CoverageEntry } from '../../../engine/types.ts';

const c = (item: string, kind: CoverageEntry['kind'], claims: string[], uncovered?: string): CoverageEntry =>
  uncovered ? { item, kind, claims, uncovered } : { item, kind, claims };
const noted = (e: CoverageEntry, note: string): CoverageEntry => ({ ...e, note });

/** What every Theorem 3 run shows (thm3.ts notes it per instance; the envelope measures it). */
const VACUOUS_LIMIT =
  'vacuous in practice: at every instance meeting (42)–(47) the run ends at a near-zero network (‖W_i^K‖ ≪ 1, training MSE/var(Y) ≥ 1): '
  + 'the λ (45) demands (1e4–1e15 at n ≤ 12) makes the ridge term dominate, so the KKT point reached is W ≈ 0';

const SOLVER_STEPS = ['zly.eq53.w-output', 'zly.eq54-55.w-lla', 'zly.eq58.v-output.corrected', 'zly.eq59.v-penultimate', 'zly.eq60.v-lla.corrected'];

/** The ZLY coverage table. */
export const zlyCoverage: CoverageEntry[] = [
  c('(1) linear constraint of Wang et al.', 'equation', [], 'background: the constraint form of another paper, not used by ZLY\'s method or proofs'),
  c('(2a)–(2c) three-layer constraints', 'equation', ['zly.lemma6.eq50.corrected', 'zly.lemma6.eq51'], undefined),
  c('(3) local linear approximation of (2b)', 'equation', ['zly.eq60.v-lla.corrected', 'zly.lemma10.eq68']),
  c('(4) regularized training problem', 'equation', [], 'equivalent to (5) by λ = λ′n/2; the solver and every claim work with (5)'),
  c('(5) constrained training problem', 'equation', ['zly.eq48-49.init', 'zly.lemma2.eq28']),
  c('(6) augmented Lagrangian', 'definition', ['zly.lemma2.eq28', 'zly.lemma1.eq27']),
  c('(7) initialization', 'algorithm-step', ['zly.eq48-49.init', 'zly.lemma6.eq50']),
  c('(8) W_N-subproblem', 'algorithm-step', ['zly.eq53.w-output']),
  c('(9) original W_i-subproblem', 'algorithm-step', ['zly.lemma10.eq67']),
  c('(10) original V_j-subproblem', 'algorithm-step', ['zly.lemma10.eq68']),
  c('(11) V_{N−1}-subproblem', 'algorithm-step', ['zly.eq59.v-penultimate']),
  c('(12) V_N-subproblem', 'algorithm-step', ['zly.eq58.v-output.corrected']),
  c('(13) multiplier update', 'algorithm-step', ['zly.lemma6.eq50.corrected', 'zly.lemma6.eq51', 'zly.lemma6.eq52']),
  c('(14) H_σ', 'definition', ['zly.lemma10.eq67']),
  c('(15) M_σ', 'definition', ['zly.lemma10.eq68']),
  c('(16) LLA of H_σ', 'definition', ['zly.eq54-55.w-lla', 'zly.lemma10.eq67']),
  c('(17) LLA of M_σ', 'definition', ['zly.eq60.v-lla.corrected', 'zly.lemma10.eq68']),
  c('(18) LLA W_i-update', 'algorithm-step', ['zly.eq54-55.w-lla', 'zly.lemma10.eq67']),
  c('(19) LLA V_j-update', 'algorithm-step', ['zly.eq60.v-lla.corrected', 'zly.lemma10.eq68']),
  c('Algorithm 1 (Appendix A)', 'algorithm-step', [...SOLVER_STEPS, 'zly.lemma6.eq50.corrected']),
  c('Assumption 1', 'definition', ['zly.prop1.assumption1']),
  c('(20)–(21) h_i^k, μ_j^k', 'equation', ['zly.eq20-22.lla-parameters']),
  c('(22) 𝕃(|c|)', 'equation', ['zly.eq20-22.lla-parameters', 'zly.lemma9.majorization', 'zly.lemma9.fsecond']),
  c('(23) and Theorem 1 (normalized case)', 'theorem', [],
    'conditions in O(·) form, not checkable as stated; Theorem 1 is the special case γ = ‖X‖ = ‖Y‖ = 1 of Theorem 3, whose claims cover it'),
  c('Remark 1, (24) KKT conditions', 'equation', ['zly.lemma6.eq50.corrected']),
  c('(25) auxiliary sequence Q̂^k', 'definition', ['zly.lemma1.eq27']),
  c('(26) Lyapunov function L̂', 'definition', ['zly.lemma1.eq27', 'zly.lemma1.xi-positive', 'zly.lemma1.xi-positive.corrected']),
  c('Theorem 2 (convergence of Q̂^k)', 'theorem', ['zly.lemma1.eq27', 'zly.thm3.a-convergence', 'zly.thm3.c-rate']),
  c('Lemma 1 (27) sufficient descent', 'lemma', ['zly.lemma1.eq27']),
  c('Lemma 2 (28) one-step progress', 'lemma', ['zly.lemma2.eq28']),
  c('Lemma 3 (29)', 'lemma', ['zly.lemma3.eq29']),
  c('Lemma 3 (30)', 'lemma', ['zly.lemma3.eq30']),
  noted(c('Lemma 3 (31)', 'lemma', ['zly.lemma3.eq31']), 'vacuous for N = 2 (no j ≤ N−2)'),
  c('Lemma 4 (32)–(34) boundedness', 'lemma', ['zly.lemma4.bounds']),
  c('Lemma 5 (35) relative error', 'lemma', ['zly.lemma5.eq35']),
  c('(36) L3, (37) γ, (38) d_min', 'definition', ['zly.lemma4.bounds', 'zly.lemma11.bounds']),
  c('(39) f_min, (40) α3', 'definition', ['zly.lemma1.eq95']),
  c('(41) C3', 'definition', ['zly.eq48-49.init', 'zly.lemma4.bounds']),
  c('λ̄, λ̂ (after (41))', 'definition', ['zly.lemma4.bounds', 'zly.lemma1.eq27']),
  c('(42)–(45) conditions on β, λ', 'equation', ['zly.lemma1.eq27', 'zly.lemma1.eq95', 'zly.eq90.descent']),
  noted(c('(46) condition on d_min', 'equation', ['zly.lemma1.eq95']),
    'vacuous at every size drawn: its right side is 0 for sigmoid at N = 2, below 1e-9 at N = 3, and below 1/n for tanh up to N = 10, so d_min ≥ 1 meets it'),
  c('(47) condition on V⁰, Λ⁰', 'equation', ['zly.eq48-49.init']),
  noted(c('Theorem 3 (a)', 'theorem', ['zly.thm3.a-convergence']), VACUOUS_LIMIT),
  noted(c('Theorem 3 (b)', 'theorem', ['zly.thm3.b-kkt']), VACUOUS_LIMIT),
  noted(c('Theorem 3 (c)', 'theorem', ['zly.thm3.c-rate']), VACUOUS_LIMIT),
  c('(48)–(49) (7) satisfies (47)', 'equation', ['zly.eq48-49.init']),
  c('Lemma 6 (50), (57)', 'lemma', ['zly.lemma6.eq50', 'zly.lemma6.eq50.corrected']),
  c('Lemma 6 (51)', 'lemma', ['zly.lemma6.eq51']),
  noted(c('Lemma 6 (52)', 'lemma', ['zly.lemma6.eq52']), 'vacuous for N = 2 (no j ≤ N−2)'),
  c('(53) W_N closed form', 'closed-form', ['zly.eq53.w-output']),
  c('(54)–(55) W_i closed form', 'closed-form', ['zly.eq54-55.w-lla']),
  c('(56) optimality condition of (12)', 'equation', ['zly.eq58.v-output.corrected']),
  c('(58) V_N closed form', 'closed-form', ['zly.eq58.v-output', 'zly.eq58.v-output.corrected']),
  c('(59) V_{N−1} closed form', 'closed-form', ['zly.eq59.v-penultimate']),
  c('(60) V_j closed form', 'closed-form', ['zly.eq60.v-lla', 'zly.eq60.v-lla.corrected']),
  c('Lemma 7 (analytic closure)', 'lemma', [], 'a cited fact of real analysis (Krantz–Parks), not a statement about this method'),
  c('Definition 1, (61) KL property', 'definition', [], 'qualitative (existence of φ, η, U around a limit point); no finite check can decide it'),
  c('Definitions 2–3 (real analytic, semialgebraic)', 'definition', [], 'definitions, checked only through Proposition 1\'s constants'),
  c('Lemma 8 (L and L̂ are KL functions)', 'lemma', [], 'qualitative (Łojasiewicz / Bolte et al.); no finite check can decide it'),
  c('(62)–(64) proof of Theorem 2 (c)', 'equation', ['zly.thm3.c-rate']),
  c('Lemma 9', 'lemma', ['zly.lemma9.majorization', 'zly.lemma9.proof-fprime', 'zly.lemma9.fsecond']),
  c('(65)–(66) generic LLA updates', 'equation', ['zly.lemma10.eq67', 'zly.lemma10.eq68']),
  c('Lemma 10 (67)', 'lemma', ['zly.lemma10.eq67']),
  noted(c('Lemma 10 (68)', 'lemma', ['zly.lemma10.eq68']), 'vacuous for N = 2 (no V_j with j ≤ N−2 is updated by (19))'),
  c('(69)–(74) per-block progress', 'equation', ['zly.lemma2.eq28']),
  c('(75)–(76) proof of Lemma 3', 'equation', ['zly.lemma3.eq31']),
  c('(77)–(81) weaker conditions of Lemma 4', 'equation', ['zly.lemma4.bounds', 'zly.lemma11.bounds']),
  c('(82)–(83) h^1, μ^1 bounds', 'equation', ['zly.lemma4.bounds']),
  c('Lemma 11', 'lemma', ['zly.lemma11.bounds']),
  c('(84)', 'equation', ['zly.lemma11.eq84']),
  c('(85)–(86) consequences of (44), (46)', 'equation', ['zly.lemma1.eq95']),
  c('(87)–(89) squared dual bounds', 'equation', ['zly.lemma11.eq84', 'zly.eq90.zeta.corrected']),
  c('(90)–(94) ζ, η, ξ', 'equation', ['zly.eq90.zeta', 'zly.eq90.zeta.corrected', 'zly.eq90.descent', 'zly.lemma1.xi-positive']),
  c('(95)–(97) a > 0', 'equation', ['zly.lemma1.eq95', 'zly.lemma1.restated44', 'zly.lemma1.restated44.corrected']),
  c('(98)–(106) gradient blocks', 'equation', ['zly.lemma5.components']),
  c('(107) and b̄, b̂', 'equation', ['zly.lemma5.eq35']),
  c('Proposition 1 (Appendix D)', 'lemma', ['zly.prop1.assumption1']),
];
