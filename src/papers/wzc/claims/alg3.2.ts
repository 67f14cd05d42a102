/**
 * WZC Algorithm 3.2 step 1, the restart rule (3.13) (paper line 282) with the level Γ of (3.10).
 *
 * Claims     wzc.alg3.2.restart
 * Solver     runAlm (solver/alm.ts) through runAlmCase (_internals/runs.ts), observed at every BCD start
 * Oracle     L by the problem layer (alParts) at the observed iterates
 * Instances  wzc.alm-level (_internals/sec4Families.ts)
 */
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareEq, compareEqArrays } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { alParts, feasibleStart } from '../problem/lagrangian.ts';
import type { Iterate } from '../problem/types.ts';
import type { AlmObserver } from '../solver/index.ts';
import { onAlmLevelRuns } from './_internals/almSteps.ts';
import { NO_ITER } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';
import { almParams, alTermScale, flatIterate, runAlmCase, snapshot } from './_internals/runs.ts';

const restart = onAlmLevelRuns({
  id: 'wzc.alg3.2.restart',
  source: src('Algorithm 3.2 step 1 (3.13)', ['(3.13)', '(3.10)'], 282),
  statement:
    'The BCD of ALM iteration k starts at s^{k−1,0} = s^{k−1} if k > 1 and L(s^{k−1}, ξ^{k−1}, ζ^{k−1}, γ_{k−1}) '
    + '≤ Γ, else at s⁰; and r̂_{k−1} = L(s^{k−1,0}, ξ, ζ, γ).',
  method:
    'Runs the ALM with a restart level Γ = L(s⁰) + slack (slack 1e-4 … 90) and nonzero ξ⁰, ζ⁰ in three quarters '
    + 'of the draws, so γ jumps and both branches of (3.13) occur. At every BCD start, recomputes L(s^{k−1}, '
    + 'ξ^{k−1}, ζ^{k−1}, γ_{k−1}) with the problem layer at a snapshot of the previous output: the solver\'s '
    + 'restart/warm-start decision must match the rule (either branch accepted when L = Γ within rtol relative to '
    + 'alTermScale, the size of L\'s terms); the start s^{k−1,0} must equal s⁰ (forward pass of z⁰) or s^{k−1} '
    + 'entrywise, and the solver\'s r̂ must equal L(s^{k−1,0}) within rtol relative to alTermScale.',
  kind: 'identity',
  tags: ['algorithm-step', 'solver', 'mutant-probe'],
  runs: { ci: 150 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    const Gamma = almParams(c).Gamma;
    const s0 = feasibleStart(c.prob, c.z0);
    let sPrev: Iterate | null = null;
    let branches = '';
    const obs: AlmObserver = {
      onBcdStart(e) {
        let expectRestart = true;
        let decided = true;
        if (e.k > 1 && sPrev) {
          const Lw = alParts(c.prob, sPrev, e.mult, e.gamma).L;
          expectRestart = !(Lw <= Gamma);
          // L(s^{k−1}) = Γ up to the rounding of L's terms: either branch is a correct reading of (3.13)
          decided = compareEq(Lw, Gamma, ctx, { scale: alTermScale(c.prob, sPrev, e.mult, e.gamma) }).status === 'violated';
        }
        branches += e.restarted ? 'R' : 'W';
        if (decided && e.restarted !== expectRestart) {
          checks.add({ status: 'violated', detail: `(3.13) at k=${e.k}: solver ${e.restarted ? 'restarted' : 'warm-started'}, rule says ${expectRestart ? 'restart from s⁰' : 'warm start'}` });
        }
        const start = e.restarted ? s0 : (sPrev as Iterate);
        checks.add(compareEqArrays(flatIterate(e.s0), flatIterate(start), ctx, { what: `s^{k−1,0} at k=${e.k}` }));
        const rhat = alParts(c.prob, start, e.mult, e.gamma).L;
        checks.add(compareEq(e.rhat, rhat, ctx, { scale: alTermScale(c.prob, start, e.mult, e.gamma), what: `r̂ at k=${e.k}` }));
      },
      onOuter(e) {
        sPrev = snapshot(e.s);
      },
    };
    const v = runChecked(checks, () => void runAlmCase(c, ctx, obs), NO_ITER);
    return v.status === 'holds' ? { ...v, note: `${v.note ?? ''}; branches ${branches}` } : v;
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [restart];
