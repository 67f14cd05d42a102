/**
 * Every numbered item of TKS (equations, assumptions, lemmas, theorems, algorithms, figures and tables) and the
 * claims that cover it. An item with no claim says why; a `note` records a finding about the item itself (vacuous,
 * unsatisfiable). The registry checks that every id named here exists.
 */
import type { CoverageEntry } from '../../../engine/types.ts';

const c = (item: string, kind: CoverageEntry['kind'], claims: string[], uncovered?: string): CoverageEntry =>
  uncovered ? { item, kind, claims, uncovered } : { item, kind, claims };
const noted = (e: CoverageEntry, note: string): CoverageEntry => ({ ...e, note });

const BLOCKS = [
  'tks.eq23-24.o.corrected', 'tks.eq22.c', 'tks.eq21.v.corrected', 'tks.eq13-14.s.corrected', 'tks.eq11-12.a.corrected', 'tks.eq20.b',
  'tks.eq19.w.corrected', 'tks.eq10.u.corrected',
];
const PARALLEL = 'built in solver/parallel/ on two worker threads (tests pin SP\'s exact bits and AP\'s staleness ≤ τ = 1); their runs are judged by the Figs 11–12 claims; Lemma 1\'s conclusions are checked on AP-ADMMiRNN\'s block semantics on one Problem 2 (solver/parallel/staleSweep.ts: drawn or worst delays ≤ τ − 1, τ ≤ 4), not on the threaded pipeline, whose iterates are not those of one Problem 2; Theorem 4\'s hypotheses are unsatisfiable';
const PARALLEL_IDS = ['tks.fig11-12.ap-fastest', 'tks.fig11-12.ap-fastest.corrected'];
const AP_IDS = ['tks.lemma1.ap-bounded', 'tks.lemma1.ap-kkt'];

/** The TKS coverage table. */
export const tksCoverage: CoverageEntry[] = [
  c('(1)–(2) RNN cell', 'equation', ['tks.eq15.multipliers', 'tks.eq10.u.corrected'], undefined),
  c('(3) unrolled network as printed', 'equation', [],
    'refuted by a unit test (test/papers/tks/theory/printed.test.ts): (3) feeds the output v s + c into w where (4) feeds the state; the solver and every claim use (4)'),
  c('(4) Problem 1 (unrolled, with Ω)', 'equation', ['tks.assumption1.h', 'tks.thm2.kkt']),
  c('(5)–(6) Problem 2 (constrained)', 'equation', ['tks.thm2.kkt', 'tks.eq15.multipliers']),
  c('(7) block order of one iteration', 'algorithm-step', ['tks.thm1.descent.corrected']),
  c('(8) augmented Lagrangian L_ρ', 'definition', [...BLOCKS, 'tks.thm1.descent.corrected']),
  c('(9) linearized proximal u-subproblem', 'equation', ['tks.eq10.u', 'tks.eq10.u.corrected']),
  c('(10) u-update', 'algorithm-step', ['tks.eq10.u', 'tks.eq10.u.corrected']),
  c('(11) a_t-update, t < N', 'algorithm-step', ['tks.eq11-12.a', 'tks.eq11-12.a.corrected', 'tks.s322.small-a']),
  c('(12) a_N-update', 'algorithm-step', ['tks.eq11-12.a', 'tks.eq11-12.a.corrected', 'tks.s322.small-a']),
  c('§3.2.2 trick f(a_t) = a_t', 'remark', ['tks.s322.tanh-bound', 'tks.s322.small-a', 'tks.s322.a-error']),
  c('(13) s_t-update, t < N (and the §3.2.3 trick)', 'algorithm-step', ['tks.eq13-14.s', 'tks.eq13-14.s.corrected']),
  c('(14) s_N-update', 'algorithm-step', ['tks.eq13-14.s', 'tks.eq13-14.s.corrected']),
  c('(15a)–(15c) multiplier updates', 'algorithm-step', ['tks.eq15.multipliers', 'tks.thm1.descent.corrected']),
  c('Algorithm 1 (ADMMiRNN)', 'algorithm-step', [...BLOCKS, 'tks.eq15.multipliers', 'tks.thm2.kkt']),
  noted(c('Algorithm 2 (P-ADMMiRNN master)', 'algorithm-step', PARALLEL_IDS), PARALLEL),
  noted(c('Algorithm 3 (SP-ADMMiRNN worker)', 'algorithm-step', PARALLEL_IDS), PARALLEL),
  noted(c('Algorithm 4 (AP-ADMMiRNN worker)', 'algorithm-step', [...PARALLEL_IDS, ...AP_IDS]), PARALLEL),
  noted(c('Fig. 3 (block assignment to workers)', 'experiment', PARALLEL_IDS), 'two workers: Fig. 3\'s three groups with the output group whole (`--groups output`, the default: {u, w, b} | {a, s, o, v, c}, measured in the README) or merged by kind (`--groups kind`: {u, w, b, v, c} | {o, s, a}, judged by the Figs 11–12 claims); the three-worker split is not built'),
  c('Assumption 1 (H-Lipschitz ∇R)', 'definition', ['tks.assumption1.h']),
  noted(c('Assumption 2 (‖∇L_ρ‖ ≤ C)', 'definition', ['tks.assumption2.bounded-gradient', 'tks.assumption2.bounded-gradient.corrected']),
    'unsatisfiable on the whole space: ‖∇L_ρ‖ grows linearly along o + t·e for every instance (tks-E-assumption2); Theorem 1 with Assumptions 1–3 is therefore vacuous as stated, and its properties are checked under ρ_i > 2H alone'),
  noted(c('Assumption 3 (𝔼‖g_t‖² ≤ C)', 'definition', [],
    'not checkable: g_t is never defined, and Algorithm 1 is deterministic (no stochastic gradient)'),
  'undefined for Algorithm 1 (no g_t, no expectation)'),
  c('Theorems 1–2 hypothesis ρ_i > 2H', 'definition', ['tks.assumption1.rho-gt-2h']),
  noted(c('Theorem 1 (Properties 1–3 of the supplement)', 'theorem', ['tks.thm1.descent', 'tks.thm1.descent.corrected', 'tks.thm1.lower-bounded', 'tks.thm1.subgradient']),
    'the supplement is not in the text; the properties are those of [34]. Sufficient descent (Property 2) is refuted under ρ_i > 2H (tks-E-thm1)'),
  c('Theorem 2 (limit points exist and are critical)', 'theorem', ['tks.thm2.bounded', 'tks.thm2.kkt']),
  noted(c('Theorem 3 (m_k = O(1/k))', 'theorem', ['tks.thm3.rate', 'tks.thm3.rate.corrected']),
    'vacuous as printed: m_k = min_{0≤t≤k}‖θ^k − θ^t‖² includes t = k, so m_k = 0'),
  noted(c('Lemma 1 (16) (AP-ADMMiRNN bounded, KKT limit points)', 'lemma', ['tks.lemma1.hypotheses', ...AP_IDS]),
    'hypotheses satisfiable (ρ_i > ρ̄(H) > 1), but never by the solver\'s defaults (ρ_i = 2/M); under (16) the conclusions hold on AP runs on one Problem 2 (bounded; dist(0, ∂L_ρ) at most half its maximum after 48 iterations in 294 of 300 runs, the rest still decreasing)'),
  noted(c('Assumption 4 (R strongly convex, δ² > 0)', 'definition', ['tks.thm4.hypotheses.corrected']),
    'unsatisfiable for softmax cross-entropy (flat along o + t·1); δ² = 1/M for the mean squared loss'),
  noted(c('Theorem 4 (17) (AP-ADMMiRNN rate)', 'theorem', ['tks.thm4.hypotheses', 'tks.thm4.hypotheses.corrected']),
    'unsatisfiable: δ = 0 empties 0 < ρ_i ≤ δ²/(…); with Assumption 4\'s δ² the range ends below H while Lemma 1 needs ρ_i > 1 (tks-E-thm4)'),
  c('(17)', 'equation', ['tks.thm4.hypotheses.corrected']),
  c('(18) w-subproblem (exact)', 'equation', ['tks.eq19.w.corrected']),
  c('(19) w-update', 'algorithm-step', ['tks.eq19.w', 'tks.eq19.w.corrected']),
  c('(20) b-update', 'algorithm-step', ['tks.eq20.b']),
  c('(21) v-update', 'algorithm-step', ['tks.eq21.v', 'tks.eq21.v.corrected']),
  c('(22) c-update', 'algorithm-step', ['tks.eq22.c']),
  c('(23) o_t-update, t < N', 'algorithm-step', ['tks.eq23-24.o', 'tks.eq23-24.o.corrected']),
  c('(24) o_N-update', 'algorithm-step', ['tks.eq23-24.o', 'tks.eq23-24.o.corrected']),
  c('Table 2 (ρ3 matters most)', 'experiment', ['tks.table2.rho3-matters-most']),
  c('Fig. 7 (spread over 10 initializations vs SGD, Adam, RMSProp)', 'experiment', ['tks.fig7.smaller-spread', 'tks.fig7.smaller-spread.corrected']),
  c('Fig. 9 (ν)', 'experiment', ['tks.fig9.larger-nu-worse', 'tks.fig9.larger-nu-worse.corrected']),
  c('Figs. 11–12 (AP faster than SP faster than vanilla)', 'experiment', ['tks.fig11-12.ap-fastest', 'tks.fig11-12.ap-fastest.corrected']),
  c('Figs. 4–6, 8, 10 (training curves on MNIST, IMDb, text)', 'experiment', [], 'MNIST and IMDb cannot be downloaded here; the text task is measured in the README, not as a claim'),
];
