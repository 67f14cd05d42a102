/**
 * ZLY Proposition 1 (Appendix D) and Assumption 1 (§3): sigmoid and tanh are bounded with bounded σ′, σ″. The
 * text gives no values of L0, L1, L2; problem/activation.ts derives them (sigmoid 1, 1/4, √3/18; tanh 1, 1,
 * 4√3/9), and every constant of the theory ((22), (36), (39)–(46)) is built on them.
 *
 * Claims     zly.prop1.assumption1
 * Solver     none (the constants of problem/activation.ts, which the solver's 𝕃 uses)
 * Oracle     mathjs's symbolic σ′, σ″, σ‴ and their stationary points (theory/assumption1.ts)
 * Instances  zly.activation-points (_internals/scalars.ts)
 */
import { claimGroup } from '../../../engine/claimGroup.ts';
import { oracle } from '../../../engine/attribution.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareEq, compareLe, worstVerdict } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { assumption1 } from '../problem/activation.ts';
import { symbolicAssumption1Cached, symbolicDerivative } from '../theory/assumption1.ts';
import { src } from './_internals/common.ts';
import { curvatureFamily, type CurvatureCase } from './_internals/scalars.ts';

const onPoints = claimGroup<CurvatureCase>({ family: curvatureFamily, hypotheses: [], tags: [SOLVER_INDEPENDENT_TAG] });

const constants = onPoints({
  id: 'zly.prop1.assumption1',
  source: src('Proposition 1, Assumption 1', []),
  statement:
    'Sigmoid and tanh satisfy Assumption 1: |σ(u)| ≤ L0, |σ′(u)| ≤ L1, |σ″(u)| ≤ L2 for every u ∈ ℝ, with (the text gives no '
    + 'values) L0 = 1, L1 = 1/4, L2 = √3/18 for sigmoid and L0 = 1, L1 = 1, L2 = 4√3/9 for tanh, each the least such constant.',
  method:
    'For the drawn σ, compares L0, L1, L2 of problem/activation.ts (the constants 𝕃 of (22) and the solver use) with the sups '
    + 'of |σ|, |σ′|, |σ″| from mathjs\'s symbolic derivatives, taken over their stationary points and the tails '
    + '(theory/assumption1.ts; identity, rtol), and checks the three inequalities at the drawn u ∈ [−8, 8] with σ, σ′, σ″ '
    + 'evaluated from the symbolic expressions (tolerance relative to max(1, both sides)).',
  kind: 'bound',
  runs: { ci: 60 },
  check: (x, ctx) => {
    const k = assumption1(x.act);
    const sym = oracle(() => symbolicAssumption1Cached(x.act), 'symbolicAssumption1');
    const d = oracle(() => [0, 1, 2].map((m) => symbolicDerivative(x.act, m as 0 | 1 | 2, x.u)), 'symbolicDerivative');
    return worstVerdict([
      compareEq(k.L0, sym.L0, ctx, { what: `L0 = sup|σ| (${x.act})` }),
      compareEq(k.L1, sym.L1, ctx, { what: `L1 = sup|σ′| (${x.act})` }),
      compareEq(k.L2, sym.L2, ctx, { what: `L2 = sup|σ″| (${x.act})` }),
      compareLe(Math.abs(d[0]), k.L0, ctx, { what: `|σ(${x.u})| ≤ L0` }),
      compareLe(Math.abs(d[1]), k.L1, ctx, { what: `|σ′(${x.u})| ≤ L1` }),
      compareLe(Math.abs(d[2]), k.L2, ctx, { what: `|σ″(${x.u})| ≤ L2` }),
    ]);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [constants];
