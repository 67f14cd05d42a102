/**
 * WZC Theorem 4.7 (paper line 480; proof (4.13)–(4.23)): the ALM iterates become feasible, FeasVio(s^k) → 0.
 *
 * Claims     wzc.thm4.7.feasibility
 * Solver     runAlm (solver/alm.ts) through runAlmCase (_internals/runs.ts), observed per ALM iteration
 * Oracle     C1, C2 and R by the problem layer at the observed iterates
 * Instances  wzc.alm (_internals/families.ts)
 */
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { norm2 } from '../../../linalg/index.ts';
import { alParts } from '../problem/lagrangian.ts';
import type { Iterate } from '../problem/types.ts';
import type { AlmObserver } from '../solver/index.ts';
import { ASYMPTOTIC_MIN_OUTER, NO_OUTER, onAlmRuns, trendVerdict } from './_internals/almSteps.ts';
import { src } from './_internals/common.ts';
import { almParams, residuals, runAlmCase, unlessUnresolvable } from './_internals/runs.ts';

const feasibility = onAlmRuns({
  id: 'wzc.thm4.7.feasibility',
  source: src('Theorem 4.7 (i), (4.16)', ['(4.13)', '(4.16)', '(4.23)'], 480),
  statement:
    'Theorem 4.7: FeasVio(s^k) = max{‖u^k − Ψ(h^k)w^k‖, ‖h^k − σ(u^k)‖} → 0 along the ALM iterates, via the bound '
    + '(4.16) ‖C1 + ξ^{k−1}/γ‖² + ‖C2 + ζ^{k−1}/γ‖² ≤ (2/γ)(Γ − R(s^k)) + ‖ξ^{k−1}‖²/γ² + ‖ζ^{k−1}‖²/γ² (γ = '
    + 'γ_{k−1}) that its proof drives to 0.',
  method:
    'A limit cannot be refuted in finite time. Runs the ALM for at least 10 outer iterations with Γ = L(s⁰) + 1 '
    + 'and checks (a) at every k the bound (4.16), C1, C2 and R recomputed by the problem layer, tolerance relative '
    + 'to (2/γ)max(|Γ|, R) — a failure is a violation (inconclusive when the block systems may have condition '
    + 'number > 1e-3/ε); (b) the finite proxy of → 0: FeasVio(s^K) ≤ ½ max_k FeasVio(s^k) holds when seen and is '
    + 'inconclusive (never violated) when not, as is a run of fewer than 4 iterations.',
  kind: 'asymptotic',
  tags: ['solver', 'asymptotic'],
  runs: { ci: 100 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    const Gamma = almParams(c).Gamma;
    const feas: number[] = [];
    const obs: AlmObserver = {
      onOuter(e) {
        const s = e.s as Iterate;
        const { C1, C2 } = residuals(c.prob, s);
        const g = e.gammaPrev;
        let lhs = 0;
        for (let i = 0; i < C1.length; i++) lhs += (C1[i] + e.multPrev.xi[i] / g) ** 2 + (C2[i] + e.multPrev.zeta[i] / g) ** 2;
        const R = alParts(c.prob, s, null, g).R;
        const rhs = (2 / g) * (Gamma - R) + (norm2(e.multPrev.xi) / g) ** 2 + (norm2(e.multPrev.zeta) / g) ** 2;
        const v = compareLe(lhs, rhs, ctx, { scale: (2 / g) * Math.max(Math.abs(Gamma), R), what: `(4.16) at k=${e.k}` });
        checks.add(unlessUnresolvable(v, c.prob, g, e.s, e.sPrev));
        feas.push(Math.max(norm2(C1), norm2(C2)));
      },
    };
    const v = runChecked(checks, () => void runAlmCase({ ...c, outer: Math.max(c.outer, ASYMPTOTIC_MIN_OUTER) }, ctx, obs), NO_OUTER);
    if (v.status !== 'holds') return v;
    return trendVerdict('FeasVio', feas, '');
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [feasibility];
