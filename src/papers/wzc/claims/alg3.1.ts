/**
 * WZC Algorithm 3.1 steps 2–3 (paper lines 264–266): the multiplier update (3.7), the penalty update (3.8)–(3.9) and
 * ε_k = η4ε_{k−1}.   (Step 1, condition (3.6), is checked in thm4.3.ts.)
 *
 * Claims     wzc.alg3.1.multipliers · wzc.alg3.1.penalty
 * Solver     runAlm (solver/alm.ts) through runAlmCase (_internals/runs.ts), observed per ALM iteration
 * Oracle     C1, C2 recomputed by the problem layer (constraints in problem/lagrangian.ts) from the observed iterates
 * Instances  wzc.alm (_internals/families.ts)
 */
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareEq, compareEqArrays } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { norm2 } from '../../../linalg/index.ts';
import { startParts } from '../problem/lagrangian.ts';
import type { Iterate, Multipliers } from '../problem/types.ts';
import type { AlmObserver } from '../solver/index.ts';
import { NO_OUTER, onAlmRuns, terms } from './_internals/almSteps.ts';
import { maxAbs, src } from './_internals/common.ts';
import { cloneMult, residuals, runAlmCase } from './_internals/runs.ts';

const multipliers = onAlmRuns({
  id: 'wzc.alg3.1.multipliers',
  source: src('Algorithm 3.1 step 2 (3.7)', ['(3.7)'], 264),
  statement:
    'ξ^k = ξ^{k−1} + γ_{k−1}(u^k − Ψ(h^k)w^k) and ζ^k = ζ^{k−1} + γ_{k−1}(h^k − σ(u^k)) at every ALM iteration, '
    + 'from ξ⁰ = ζ⁰ = 0.',
  method:
    'Runs the solver\'s ALM on short runs (K ≤ 8 outer, J ≤ 10 inner iterations at ci, η\'s inside Algorithm 3.1\'s '
    + 'intervals) and, at every ALM output, recomputes C1(s^k), C2(s^k) with the problem layer\'s constraints (never '
    + 'the solver\'s buffers) and the update (3.7) from the previous step\'s multipliers. The ξ^{k−1}, ζ^{k−1} the '
    + 'solver starts step k from must equal those it produced at step k − 1 (entrywise, rtol 1e-9; compared, not '
    + 're-chained, so no γ-sized rounding accumulates); ξ^k, ζ^k must equal the recomputed update entrywise within '
    + 'rtol relative to γ(max|u| + max|Ψw|) + max|ξ^{k−1}| (resp. γ(max|h| + max|σ(u)|) + max|ζ^{k−1}|), the terms '
    + 'C1, C2 are differences of. The first violated iteration ends the run.',
  kind: 'identity',
  tags: ['algorithm-step', 'solver', 'mutant-probe'],
  runs: { ci: 200 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    const N = c.prob.data.dims.T * c.prob.data.dims.r;
    // compared exactly (same numbers handed on), not re-chained: a re-chained sum would accumulate γ_k-sized rounding
    let before: Multipliers = { xi: new Float64Array(N), zeta: new Float64Array(N) };
    const obs: AlmObserver = {
      onOuter(e) {
        const s = e.s as Iterate;
        checks.add(compareEqArrays(e.multPrev.xi, before.xi, ctx, { what: `ξ^{k−1} at k=${e.k}` }));
        checks.add(compareEqArrays(e.multPrev.zeta, before.zeta, ctx, { what: `ζ^{k−1} at k=${e.k}` }));
        const { C1, C2 } = residuals(c.prob, s);
        const { Pw, sig } = terms(c.prob, s);
        const g = e.gammaPrev;
        const xi = before.xi.map((x, i) => x + g * C1[i]);
        const zeta = before.zeta.map((z, i) => z + g * C2[i]);
        // γC1 is a difference of terms of size γ(|u| + |Ψw|): its rounding scales with them, not with ξ
        const xiScale = g * (maxAbs(s.u) + maxAbs(Pw)) + maxAbs(before.xi);
        const zetaScale = g * (maxAbs(s.h) + maxAbs(sig)) + maxAbs(before.zeta);
        checks.add(compareEqArrays(e.mult.xi, xi, ctx, { scale: xiScale, what: `ξ^k (3.7) at k=${e.k}` }));
        checks.add(compareEqArrays(e.mult.zeta, zeta, ctx, { scale: zetaScale, what: `ζ^k (3.7) at k=${e.k}` }));
        before = cloneMult(e.mult);
      },
    };
    return runChecked(checks, () => void runAlmCase(c, ctx, obs), NO_OUTER);
  },
});

const penalty = onAlmRuns({
  id: 'wzc.alg3.1.penalty',
  source: src('Algorithm 3.1 steps 2–3 (3.8), (3.9)', ['(3.8)', '(3.9)'], 265),
  statement:
    'γ_k = γ_{k−1} if FeasVio(s^k) ≤ η1 FeasVio(s^{k−1}) (3.8), else γ_k = max{γ_{k−1}/η2, ‖ξ^k‖^{1+η3}, '
    + '‖ζ^k‖^{1+η3}} (3.9); and ε_k = η4 ε_{k−1}.',
  method:
    'On the same short ALM runs, replays Algorithm 3.1\'s bookkeeping independently: its own ξ, ζ from C1, C2 of '
    + 'the problem layer, FeasVio = max{‖C1‖, ‖C2‖} starting from FeasVio(s⁰), its own γ and ε. At each BCD start '
    + 'the γ_{k−1}, ε_{k−1} the solver uses must equal the replayed ones; at each ALM output the solver\'s '
    + 'keep/increase decision must match (3.8), γ_k must equal the kept or grown value and ε_k = η4ε_{k−1} '
    + '(identities, rtol 1e-9). When FeasVio(s^k) = η1·FeasVio(s^{k−1}) within rtol either branch is accepted.',
  kind: 'identity',
  tags: ['algorithm-step', 'solver', 'mutant-probe'],
  runs: { ci: 200 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    const [eta1, eta2, eta3, eta4] = c.eta;
    const N = c.prob.data.dims.T * c.prob.data.dims.r;
    const xi = new Float64Array(N), zeta = new Float64Array(N);
    let gamma = c.gamma0, eps = c.eps0;
    let feasPrev = startParts(c.prob, c.z0).feasVio;
    const obs: AlmObserver = {
      onBcdStart(e) {
        checks.add(compareEq(e.gamma, gamma, ctx, { what: `γ_{k−1} used at k=${e.k}` }));
        checks.add(compareEq(e.eps, eps, ctx, { what: `ε_{k−1} used at k=${e.k}` }));
      },
      onOuter(e) {
        const { C1, C2 } = residuals(c.prob, e.s);
        for (let i = 0; i < N; i++) {
          xi[i] += gamma * C1[i];
          zeta[i] += gamma * C2[i];
        }
        const feas = Math.max(norm2(C1), norm2(C2));
        const keep = feas <= eta1 * feasPrev;
        // FeasVio(s^k) = η1·FeasVio(s^{k−1}) up to rounding: either branch is a correct reading of (3.8)
        const decided = compareEq(feas, eta1 * feasPrev, ctx).status === 'violated';
        const grown = Math.max(gamma / eta2, norm2(xi) ** (1 + eta3), norm2(zeta) ** (1 + eta3));
        const row = e.row;
        if (decided) {
          if (row.gammaIncreased === keep) {
            checks.add({ status: 'violated', detail: `(3.8) at k=${e.k}: FeasVio ${feas} vs η1·${feasPrev}; solver ${row.gammaIncreased ? 'increased' : 'kept'} γ` });
          }
          const expected = keep ? gamma : grown;
          checks.add(compareEq(row.gamma, expected, ctx, { what: `γ_k (${keep ? '(3.8) keep' : '(3.9) grow'}) at k=${e.k}` }));
          gamma = expected;
        } else {
          const ok = compareEq(row.gamma, gamma, ctx).status === 'holds' || compareEq(row.gamma, grown, ctx).status === 'holds';
          checks.add(ok ? { status: 'holds' } : { status: 'violated', detail: `γ_k at the (3.8) boundary, k=${e.k}: ${row.gamma} is neither ${gamma} nor ${grown}` });
          gamma = row.gamma;
        }
        eps *= eta4;
        checks.add(compareEq(row.eps, eps, ctx, { what: `ε_k = η4 ε_{k−1} at k=${e.k}` }));
        feasPrev = feas;
      },
    };
    return runChecked(checks, () => void runAlmCase(c, ctx, obs), NO_OUTER);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [multipliers, penalty];
