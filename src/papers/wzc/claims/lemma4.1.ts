/**
 * WZC Lemma 4.1 (paper line 334; proof (A.15), line 812): every BCD iterate stays in the level set Ω_L(Γ).
 *
 * Claims     wzc.lemma4.1.level-set   (the descent chain (A.14) of its proof is in eqA.14-descent.ts)
 * Solver     runAlm (solver/alm.ts) through runAlmCase (_internals/runs.ts), observed at every BCD start and
 *            iteration
 * Oracle     L by the problem layer (alParts) at the observed iterates
 * Instances  wzc.alm-level (_internals/sec4Families.ts)
 */
import { IterationChecks, runChecked } from '../../../engine/iterationChecks.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { alParts } from '../problem/lagrangian.ts';
import type { Iterate } from '../problem/types.ts';
import type { AlmObserver } from '../solver/index.ts';
import { onAlmLevelRuns } from './_internals/almSteps.ts';
import { at, NO_ITER, PROBE_TAGS } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';
import { almParams, alTermScale, runAlmCase, unlessUnresolvable } from './_internals/runs.ts';

const levelSet = onAlmLevelRuns({
  id: 'wzc.lemma4.1.level-set',
  source: src('Lemma 4.1, (A.15)', ['(A.15)', '(3.10)', '(3.13)'], 334),
  statement:
    'With Γ ≥ L(s⁰, ξ⁰, ζ⁰, γ0) (3.10), every BCD iterate of every ALM iteration satisfies L(s^{k−1,j}, ξ^{k−1}, ζ^{k−1}, γ_{k−1}) ≤ Γ ' +
    '(A.15), i.e. lies in the level set Ω_L(Γ) (j = 0 included).',
  method:
    'Runs the ALM with Γ = L(s⁰) + slack (slack 1e-4 … 90, so (3.10) holds) and nonzero ξ⁰, ζ⁰ in three quarters '
    + 'of the draws; at every BCD start checks L(s^{k−1,0}) ≤ Γ and at every BCD iteration L(s^{k−1,j}) ≤ Γ, L '
    + 'recomputed by the problem layer from the observed iterates, tolerance relative to alTermScale (the size of '
    + 'L\'s terms; at γ ~ 1e15 far above |L|). A violation at an iteration whose block systems may have condition '
    + 'number > 1e-3/ε is reported inconclusive.',
  kind: 'inequality',
  tags: PROBE_TAGS,
  runs: { ci: 200 },
  check: (c, ctx) => {
    const checks = new IterationChecks();
    const Gamma = almParams(c).Gamma;
    const obs: AlmObserver = {
      onBcdStart(e) {
        const L0 = alParts(c.prob, e.s0 as Iterate, e.mult, e.gamma).L;
        const scale = alTermScale(c.prob, e.s0, e.mult, e.gamma);
        checks.add(compareLe(L0, Gamma, ctx, { scale, what: `L(s^{k−1,0}) ≤ Γ at k=${e.k}` }));
      },
      onBcdStep(e) {
        const L = alParts(c.prob, e.s as Iterate, e.mult, e.gamma).L;
        const v = compareLe(L, Gamma, ctx, { scale: alTermScale(c.prob, e.s, e.mult, e.gamma), what: `L(s^{k−1,j}) ≤ Γ at ${at(e.k, e.j)}` });
        checks.add(unlessUnresolvable(v, c.prob, e.gamma, e.prev, e.s));
      },
    };
    return runChecked(checks, () => void runAlmCase(c, ctx, obs), NO_ITER);
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [levelSet];
