/**
 * WZC (3.15)/(3.18), the h-step of Algorithm 3.2 (paper line 293, via Lemma 3.1 (iv)): h_t = D1⁻¹d1t, h_T = D2⁻¹d2T.
 *
 * Claims     wzc.eq3.18.h-step
 * Solver     hStepInto (solver/hStep.ts)
 * Oracle     gradG + κ (gradHOracle, theory/gradient.ts); literal D1, D2, d1t, d2T (theory/explicit.ts) solved by
 *            ml-matrix
 * Instances  wzc.point.kinks+near-singular+kernels (_internals/families.ts)
 *
 * D1, D2 do not involve X (γI keeps them well conditioned), but the right-hand sides d1t carry Vx_{t+1} of a
 * near-singular X in half the draws.
 */
import { HOLDS } from '../../../engine/claimGroup.ts';
import { compareEqArrays, worstVerdict } from '../../../engine/tolerance.ts';
import { defineClaim, type RegisteredClaim, type Verdict } from '../../../engine/types.ts';
import { wzcFaults } from '../solver/mutants.ts';
import { D1, d1t, D2, d2T, toVec } from '../theory/explicit.ts';
import { hStepAsBcd } from './_internals/arenaSteps.ts';
import { gradHOracle, maxAbs, src, standingHypotheses } from './_internals/common.ts';
import { pointFamily, type WzcPoint } from './_internals/families.ts';
import { absMul, compareSolve } from './_internals/linearSolves.ts';

/** One instance in 15 has kernel-path dimensions (≈ 10 of the 150 at ci). */
const KERNEL_SHARE = 15;

const hStep = defineClaim<WzcPoint>({
  id: 'wzc.eq3.18.h-step',
  source: src('Algorithm 3.2, update h (3.15), (3.18)', ['(3.15)', '(3.18)', 'Lemma 3.1 (iv)'], 293),
  statement:
    'The objective of (3.15) is smooth and strongly convex; solving ∇_h L(s_h, ξ, ζ, γ) = 0 gives its unique '
    + 'global minimizer h_t = D1⁻¹d1t (t ∈ [T−1]), h_T = D2⁻¹d2T (3.18).',
  method:
    'Calls the solver\'s h-step (hStepInto, its operands in one SIMD arena as in the BCD) at a drawn point with exact '
    + 'kinks, X regular or near-singular; one draw in 15 has larger dimensions (r ≥ 5, T ≥ 5: the SIMD edge paths) '
    + 'and runs with SIMD on or off (half each). The '
    + 'independent ∇_h L = ∇_h g + κ (theory/gradient.ts) at its output must vanish entrywise within rtol relative '
    + 'to max(|D||h_t|, |d_t|) over t, and each h_t must equal the literal D1⁻¹d1t (h_T: D2⁻¹d2T) with explicit D1, '
    + 'D2, d1t, d2T (theory/explicit.ts, ml-matrix LU) within rtol relative to κ(D)·max|h_t*|.',
  kind: 'closed-form',
  expected: HOLDS,
  family: pointFamily('wzc.point.kinks+near-singular+kernels', { kinks: true, data: 'mixed', kernels: KERNEL_SHARE }),
  hypotheses: standingHypotheses<WzcPoint>(),
  check: (p, ctx) => {
    const d = p.prob.data.dims;
    const { T, r } = d;
    const out = hStepAsBcd(p.prob, p.s, p.mult.xi, p.mult.zeta, p.gamma, p.simd, wzcFaults(ctx.faults));
    const s1 = { z: p.s.z, h: out, u: p.s.u };
    const grad = gradHOracle(p.prob, s1, p.mult, p.gamma);
    const D1m = D1(p.prob, s1, p.gamma), D2m = D2(p.prob, s1, p.gamma);
    const verdicts: Verdict[] = [];
    const parts: Float64Array[] = [];
    for (let t = 1; t <= T; t++) {
      const ht = out.subarray((t - 1) * r, t * r);
      const D = t < T ? D1m : D2m;
      const dt = t < T ? d1t(p.prob, s1, p.mult, p.gamma, t) : d2T(p.prob, s1, p.mult, p.gamma);
      parts.push(absMul(D, ht), toVec(dt));
      verdicts.push(compareSolve(ht, D, dt, ctx, t < T ? `h_${t} = D1⁻¹d1${t}` : `h_T = D2⁻¹d2T (T=${T})`));
    }
    const scale = maxAbs(...parts);
    verdicts.unshift(compareEqArrays(grad, new Float64Array(grad.length), ctx, { scale, what: '∇_h L(h-step output) = 0' }));
    return worstVerdict(verdicts);
  },
  runs: { ci: 150 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [hStep];
