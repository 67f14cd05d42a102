/**
 * TKS (15a)–(15c) (§3.2.4): λ_i ← λ_i + ρ_i r_{i,N}, with r_{1,N} = a_N − u x_N − w s_{N−1} − b, r_{2,N} = s_N − f(a_N),
 * r_{3,N} = o_N − v s_N − c — dual ascent on (8), whose multiplier term is ⟨λ_i, r_{i,N}⟩. Printed correctly.
 *
 * Claims     tks.eq15.multipliers
 * Solver     solver/blocks.ts multiplierStep
 * Oracle     the residuals of (8) by the oracle's own loops (theory/lagrangian.ts residuals)
 * Instances  tks.point (_internals/families.ts)
 */
import { oracle } from '../../../engine/attribution.ts';
import { claimGroup } from '../../../engine/claimGroup.ts';
import { compareEqArrays, worstVerdict } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { residuals } from '../theory/lagrangian.ts';
import { fro, src } from './_internals/common.ts';
import { points } from './_internals/families.ts';
import { buildPoint, type PointSpec } from './_internals/points.ts';
import { solverMultipliers } from './_internals/runs.ts';

const multipliers = claimGroup<PointSpec>({ family: points, hypotheses: [], tags: ['solver'] })({
  id: 'tks.eq15.multipliers',
  source: src('§3.2.4 (15a)–(15c)', ['(15a)', '(15b)', '(15c)']),
  statement: 'The multipliers are updated by λ1 ← λ1 + ρ1(a_N − u x_N − w s_{N−1} − b), λ2 ← λ2 + ρ2(s_N − f(a_N)), λ3 ← λ3 + ρ3(o_N − v s_N − c).',
  method:
    'Draws a point of (8) (tks.point), runs the solver\'s multiplier step and compares each λ_i with λ_i + ρ_i r_{i,N}, the residuals '
    + 'recomputed window by window by the oracle (theory/lagrangian.ts), entrywise relative to ‖λ_i‖ + ρ_i‖r_{i,N}‖.',
  kind: 'identity',
  runs: { ci: 25 },
  check: (s, ctx) => {
    const pt = buildPoint(s);
    const next = solverMultipliers(pt, ctx.faults);
    const { r1, r2, r3 } = oracle(() => residuals(pt), 'residuals');
    const { N, B, h, q } = pt.batch.dims;
    const tail = (r: Float64Array, w: number): Float64Array => r.subarray((N - 1) * B * w);
    const want = (l: Float64Array, r: Float64Array, rho: number): Float64Array => l.map((x, k) => x + rho * r[k]);
    const rows: [string, Float64Array, Float64Array, Float64Array, number][] = [
      ['λ1', next.mult.l1, pt.mult.l1, tail(r1, h), pt.hp.rho1], ['λ2', next.mult.l2, pt.mult.l2, tail(r2, h), pt.hp.rho2],
      ['λ3', next.mult.l3, pt.mult.l3, tail(r3, q), pt.hp.rho3],
    ];
    return worstVerdict(rows.map(([name, got, l, r, rho]) =>
      compareEqArrays(got, want(l, r, rho), ctx, { scale: fro(l) + rho * fro(r), what: `${name} = λ + ρ r_N (15)` })));
  },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [multipliers];
