/**
 * ZLY (60) (proof of Lemma 6): the closed form of the LLA V_j-update (19), j ≤ N−2, both printed lines. The
 * optimality condition printed just above it reads
 *   −[Λ_j^{k−1} + β_j(σ(W_j^kV_{j−1}^k) − V_j^k)] + (β_{j+1}μ_j^k/2)WᵀW(V_j^k − V_j^{k−1}) + WᵀQ = 0,
 *   Q = [Λ_{j+1}^{k−1} + β_{j+1}(σ(WV_j^{k−1}) − V_{j+1}^{k−1})] ⊙ σ′(WV_j^{k−1}),  W = W_{j+1}^k,
 * so V_j^k = (β_jI + cWᵀW)^{-1}[cWᵀWV_j^{k−1} + Λ_j^{k−1} + β_jσ(W_j^kV_{j−1}^k) − WᵀQ]; (60) prints + WᵀQ.
 *
 * Claims     zly.eq60.v-lla (as printed: refuted, erratum zly-E-60) · zly.eq60.v-lla.corrected
 * Solver     V_j^k of ZlyAdmm (solver/vStep.ts vStepLla, by (19) itself), held to (19) in the corrected claim
 * Oracle     subproblem (19) with μ_j^k of (21) recomputed (theory/subproblems.ts); (60) literally and with −WᵀQ
 *            (theory/closedForms.ts)
 * Instances  zly.run (_internals/families.ts); vacuous for N = 2 (no j ≤ N−2)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import type { Erratum, RegisteredClaim, Verdict } from '../../../engine/types.ts';
import { layers } from '../problem/types.ts';
import { closedForm60 } from '../theory/closedForms.ts';
import { vLla } from '../theory/subproblems.ts';
import { closedFormRun, type FormAtStep } from './_internals/closedForms.ts';
import { src } from './_internals/common.ts';
import { freeRuns, type ZlyRunCase } from './_internals/families.ts';

const onRuns = claimGroup<ZlyRunCase>({ family: freeRuns, hypotheses: [], tags: ['per-iteration', 'solver', 'closed-form'] });

/** No j ≤ N−2 when N = 2. */
const VACUOUS: Verdict = { status: 'holds', note: 'vacuous: no j with 1 ≤ j ≤ N−2 for N = 2' };

const literal = onRuns({
  id: 'zly.eq60.v-lla',
  source: src('Lemma 6 proof (60)', ['(19)', '(60)']),
  statement:
    'For j = 1, …, N−2 both lines of (60) give the minimizer of the LLA V_j-subproblem (19): V_j^k = (β_jI + cWᵀW)^{-1}[cWᵀWV_j^{k−1} '
    + '+ (Λ_j^{k−1} + β_jσ(W_j^kV_{j−1}^k)) + WᵀQ] = V_j^{k−1} − (I + (c/β_j)WᵀW)^{-1}V_j^{k−1} + (β_jI + cWᵀW)^{-1}[(Λ_j^{k−1} + '
    + 'β_jσ(W_j^kV_{j−1}^k)) + WᵀQ], W = W_{j+1}^k, c = β_{j+1}μ_j^k/2, Q = [Λ_{j+1}^{k−1} + β_{j+1}(σ(WV_j^{k−1}) − V_{j+1}^{k−1})] ⊙ σ′(WV_j^{k−1}).',
  method:
    'Runs Algorithm 1 and at every iteration evaluates both printed lines of (60) for every j ≤ N−2 with explicit inverses at the '
    + 'run\'s Q^{k−1} and W^k, V_{j−1}^k, μ_j^k recomputed by the drawn rule; each must make the gradient of (19) '
    + '(theory/subproblems.ts) vanish (‖∇f(x)‖ ≤ rtol·max(1, S), S the size of the gradient\'s terms: _internals/stationarity.ts). Vacuous for N = 2.',
  kind: 'closed-form',
  expected: { status: 'refuted', erratum: 'zly-E-60' },
  tags: ['per-iteration', 'closed-form', 'literal'],
  runs: { ci: 60 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    if (N === 2) return VACUOUS;
    return closedFormRun(c, ctx, (s) => {
      const out: FormAtStep[] = [];
      for (let j = 1; j <= N - 2; j++) {
        const sp = vLla(s.sub, j);
        out.push({ sp, formula: closedForm60(s.sub, j, 'first'), label: `(60) first line, j=${j}` });
        out.push({ sp, formula: closedForm60(s.sub, j, 'second'), label: `(60) second line, j=${j}` });
      }
      return out;
    });
  },
});

const corrected = onRuns({
  id: 'zly.eq60.v-lla.corrected',
  source: src('Lemma 6 proof (60), corrected', ['(19)', '(60)']),
  statement:
    'Both lines of (60) with −WᵀQ in place of +WᵀQ give the minimizer of (19), j = 1, …, N−2 (the sign the optimality condition '
    + 'printed above (60) gives).',
  method:
    'As the literal claim, with −WᵀQ; also holds the solver\'s V_j^k to (19) (‖∇f(x)‖ ≤ rtol·max(1, S), S the size '
    + 'of the gradient\'s terms; residuals κ(H)·ε explains are inconclusive). Vacuous for N = 2.',
  kind: 'closed-form',
  corrects: 'zly.eq60.v-lla',
  runs: { ci: 60 },
  check: (c, ctx) => {
    const N = layers(c.prob.dims);
    if (N === 2) return VACUOUS;
    return closedFormRun(c, ctx, (s) => {
      const out: FormAtStep[] = [];
      for (let j = 1; j <= N - 2; j++) {
        const sp = vLla(s.sub, j);
        out.push({ sp, formula: closedForm60(s.sub, j, 'first', -1), solver: s.next.V[j - 1], label: `(60) first line with −WᵀQ, j=${j}` });
        out.push({ sp, formula: closedForm60(s.sub, j, 'second', -1), label: `(60) second line with −WᵀQ, j=${j}` });
      }
      return out;
    });
  },
});

/** Errata found by this module's claims. */
export const errata: Erratum[] = [
  {
    id: 'zly-E-60',
    claim: 'zly.eq60.v-lla',
    says: '(60): V_j^k = (β_jI + (β_{j+1}μ_j^k/2)WᵀW)^{-1}[… + (Λ_j^{k−1} + β_jσ(W_j^kV_{j−1}^k)) + Wᵀ([Λ_{j+1}^{k−1} + β_{j+1}(σ(WV_j^{k−1}) − V_{j+1}^{k−1})] ⊙ σ′(WV_j^{k−1}))] (both lines)',
    fixture: 'fixtures/counterexamples/zly/zly.eq60.v-lla.json',
    corrected:
      'The last term enters with a minus sign, −Wᵀ([Λ_{j+1}^{k−1} + β_{j+1}(σ(WV_j^{k−1}) − V_{j+1}^{k−1})] ⊙ σ′(WV_j^{k−1})), as the '
      + 'optimality condition printed just above (60) gives; (52) and Lemma 3 use that condition, not (60), and are unaffected.',
    correctedClaims: ['zly.eq60.v-lla.corrected'],
    solverImpact: 'The solver solves (19) itself (β_jI + cWᵀW)D = β_j(S_j − V⁰) + Λ_j − β_{j+1}WᵀG (solver/vStep.ts), i.e. the corrected sign.',
  },
];

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [literal, corrected];
