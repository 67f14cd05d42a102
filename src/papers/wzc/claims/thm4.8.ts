/**
 * WZC Theorem 4.8 (paper line 537; (4.31)–(4.33)): accumulation points of the ALM are KKT points of (2.6).
 *
 * Claims     wzc.thm4.8.kkt
 * Solver     runAlm (solver/alm.ts) through runAlmCase (_internals/runs.ts), observed per ALM iteration
 * Oracle     kktResidual, bestMultiplierKKT (theory/kkt.ts)
 * Instances  wzc.alm (_internals/families.ts)
 */
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { norm2 } from '../../../linalg/index.ts';
import type { Iterate } from '../problem/types.ts';
import type { AlmObserver } from '../solver/index.ts';
import { bestMultiplierKKT, kktResidual } from '../theory/kkt.ts';
import { ALM_STOP_CAP, ASYMPTOTIC_MIN_OUTER, NO_OUTER, onAlmRuns, trendVerdict } from './_internals/almSteps.ts';
import { src } from './_internals/common.ts';
import { residuals, runAlmCase, snapshot, unlessUnresolvable } from './_internals/runs.ts';

const kkt = onAlmRuns({
  id: 'wzc.thm4.8.kkt',
  source: src('Theorem 4.8, (4.31)', ['(4.25)', '(4.31)', '(4.33)'], 537),
  statement:
    'Theorem 4.8: accumulation points of {s^k} are KKT points of (2.6). Finite proxy: (a) at every k whose BCD stopped by (3.17), ' +
    'the KKT residual with the ALM multipliers, r_k = dist(0, ∇R + JC1ᵀξ^k + ∂((ζ^k)ᵀC2)), is ≤ ε_{k−1} ((3.6) with (4.25), i.e. ' +
    '(4.31)) — a failure is a violation; (b) over ≥ 10 ALM iterations, κ_k = max{FeasVio(s^k), r_k} (r_k bounds the ' +
    'best-multiplier residual from above) satisfies κ_K ≤ ½ max_k κ_k — holds when seen, inconclusive (never violated) when not. ' +
    'The best-multiplier residual of s^K is reported.',
  kind: 'asymptotic',
  tags: ['solver', 'asymptotic', 'oracle'],
  runs: { ci: 40, deep: 400 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    const kappa: number[] = [];
    let eps = c.eps0;
    let last: { s: Iterate; own: number } | null = null;
    const obs: AlmObserver = {
      onBcdStart(e) {
        eps = e.eps;
      },
      onOuter(e) {
        const s = e.s as Iterate;
        const own = kktResidual(c.prob, s, e.mult).dist;
        if (e.row.bcdStatus === 'converged') {
          checks.add(unlessUnresolvable(compareLe(own, eps, ctx, { what: `(4.31) at k=${e.k}` }), c.prob, e.gammaPrev, s));
        }
        const { C1, C2 } = residuals(c.prob, s);
        kappa.push(Math.max(norm2(C1), norm2(C2), own));
        last = { s: snapshot(s), own };
      },
    };
    const outer = Math.max(c.outer, ASYMPTOTIC_MIN_OUTER);
    const v = runChecked(checks, () => void runAlmCase({ ...c, outer }, obs, ALM_STOP_CAP), NO_OUTER);
    if (v.status !== 'holds' && v.status !== 'hypotheses-unmet') return v;
    const fin = last as { s: Iterate; own: number } | null;
    const best = fin ? Math.min(fin.own, bestMultiplierKKT(c.prob, fin.s, { maxExhaustiveKinks: 3, samples: 16 }).residual) : NaN;
    return trendVerdict('max{FeasVio, KKT residual}', kappa, `; best-multiplier residual of s^K ${best.toExponential(3)}`);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [kkt];
