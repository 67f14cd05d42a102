/**
 * WZC (4.25)–(4.30), proof of Theorem 4.8 (paper line 541), with (4.36) for leaky ReLU: dist(0, ∂L) at an ALM output
 * equals the KKT residual with the updated multipliers.
 *
 * Claims     wzc.eq4.25-4.30.identity
 * Solver     runAlm (solver/alm.ts) through runAlmCase (_internals/runs.ts), observed per ALM iteration
 * Oracle     distToSubdifferential (theory/subdifferential.ts) and kktResidual (theory/kkt.ts), two independent exact
 *            oracles
 * Instances  wzc.alm (_internals/families.ts)
 */
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareEq } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { norm2 } from '../../../linalg/index.ts';
import type { Iterate } from '../problem/types.ts';
import type { AlmObserver } from '../solver/index.ts';
import { kktResidual } from '../theory/kkt.ts';
import { distToSubdifferential } from '../theory/subdifferential.ts';
import { NO_OUTER, onAlmRuns, terms } from './_internals/almSteps.ts';
import { src } from './_internals/common.ts';
import { runAlmCase } from './_internals/runs.ts';

const identity425 = onAlmRuns({
  id: 'wzc.eq4.25-4.30.identity',
  source: src('Theorem 4.8 proof (4.25)–(4.30), (4.36)', ['(4.25)', '(4.26)', '(4.27)', '(4.29)', '(4.30)', '(4.36)'], 541),
  statement:
    'At every ALM iterate, dist(0, ∂L(s^k, ξ^{k−1}, ζ^{k−1}, γ_{k−1})) = dist(0, ∇R(s^k) + JC1(s^k)ᵀξ^k + ∂((ζ^k)ᵀC2(s^k))), the KKT ' +
    'residual with the updated multipliers (ξ^k, ζ^k) of (3.7) — kinks u_i = 0 included ((4.30) for ReLU, (4.36) for leaky ReLU).',
  method:
    'Runs short ALMs and at every output compares two independent exact oracles: dist(0, ∂L(s^k, ξ^{k−1}, '
    + 'ζ^{k−1}, γ_{k−1})) (theory/subdifferential.ts) and the KKT residual at (s^k, ξ^k, ζ^k) with the solver\'s '
    + 'updated multipliers (theory/kkt.ts), counting the kinks seen. Identity within rtol relative to ‖JC1‖(‖ξ‖ + '
    + 'γ(‖u‖ + ‖Ψw‖)) + ‖ζ‖ + γ(‖h‖ + ‖σ(u)‖), the largest terms both norms are sums of (‖JC1‖ bounded by 1 + ‖W‖ + '
    + '√(r(‖h‖² + ‖X‖² + T))).',
  kind: 'identity',
  tags: ['solver', 'oracle', 'mutant-probe'],
  runs: { ci: 200 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    let kinks = 0;
    const obs: AlmObserver = {
      onOuter(e) {
        const s = e.s as Iterate;
        const a = distToSubdifferential(c.prob, s, e.multPrev, e.gammaPrev);
        const b = kktResidual(c.prob, s, e.mult);
        kinks += a.kinkCount;
        // both sides are norms of sums whose largest terms are ‖JC1‖·(‖ξ‖ + γ(‖u‖ + ‖Ψw‖)) and ‖ζ‖ + γ(‖h‖ + ‖σ(u)‖)
        const { Pw, sig } = terms(c.prob, s);
        const d = c.prob.data.dims;
        const jc1 = 1 + norm2(s.z.W) + Math.sqrt(d.r * (norm2(s.h) ** 2 + norm2(c.prob.data.X) ** 2 + d.T));
        const g = e.gammaPrev;
        const scale = jc1 * (norm2(e.mult.xi) + g * (norm2(s.u) + norm2(Pw))) + norm2(e.mult.zeta) + g * (norm2(s.h) + norm2(sig));
        checks.add(compareEq(a.dist, b.dist, ctx, { scale, what: `(4.25) at k=${e.k} (${a.kinkCount} kinks)` }));
      },
    };
    const v = runChecked(checks, () => void runAlmCase(c, ctx, obs), NO_OUTER);
    return v.status === 'holds' ? { ...v, note: `${v.note ?? ''}; ${kinks} kink coordinates seen` } : v;
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [identity425];
