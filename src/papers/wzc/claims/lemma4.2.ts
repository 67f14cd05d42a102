/**
 * WZC Lemma 4.2 (paper line 336): L is directionally differentiable (kinks included).
 *
 * Claims     wzc.lemma4.2.directional
 * Solver     none (solver-independent)
 * Oracle     directionalDerivative (theory/directional.ts) against the polynomial-form limit
 *            (_internals/polyDerivative.ts)
 * Instances  wzc.point-direction (_internals/sec4Families.ts)
 */
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareEq } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import type { Iterate } from '../problem/types.ts';
import { directionalDerivative } from '../theory/directional.ts';
import { mapWeights, src } from './_internals/common.ts';
import { onesidedPolyDerivative, onPointDirs, polyDerivativeScale } from './_internals/polyDerivative.ts';

const directional = onPointDirs({
  id: 'wzc.lemma4.2.directional',
  source: src('Lemma 4.2', [], 336),
  statement:
    'L is directionally differentiable: for every s (kinks u_i = 0 included) and d, lim_{t↓0}(L(s + td) − L(s))/t '
    + 'exists.',
  method:
    'At points with exact kinks (ReLU or leaky ReLU ϖ = 0.1) and a grid direction d in [−1, 1], computes the '
    + 'limit along d and −d WITHOUT the oracle: on [0, t̄) with t̄ = ½ min{|u_i/d_{u,i}| : u_i ≠ 0} no sign of u '
    + 'changes, so L(s + td) is a polynomial of degree ≤ 4 and the 5-node forward formula with h = t̄/4 is exact up '
    + 'to rounding. It must equal the exact oracle L\'(s; d) (theory/directional.ts) within rtol relative to '
    + '1e-3·(size of L\'s terms)/h, above the formula\'s rounding error. ELU is C¹ and left out.',
  kind: 'qualitative',
  check: (p, ctx) => {
    const checks = new IterationChecks();
    const minus = (a: Float64Array) => a.map((x) => -x);
    const neg: Iterate = { z: mapWeights(p.d.z, minus), h: minus(p.d.h), u: minus(p.d.u) };
    return runChecked(checks, () => {
      for (const [name, d] of [['d', p.d], ['−d', neg]] as const) {
        const fd = onesidedPolyDerivative(p.prob, p.s, p.mult, p.gamma, d);
        const exact = directionalDerivative(p.prob, p.s, p.mult, p.gamma, d);
        checks.add(compareEq(fd.value, exact, ctx, { scale: polyDerivativeScale(fd), what: `L'(s; ${name})` }));
      }
    }, { status: 'hypotheses-unmet', unmet: ['no direction'] });
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [directional];
