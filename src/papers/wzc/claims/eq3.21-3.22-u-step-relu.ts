/**
 * WZC (3.19)–(3.22), the ReLU u-step of Algorithm 3.2 (paper line 297): u* = u⁺ or u⁻, a global solution of (3.19).
 *
 * Claims     wzc.eq3.21-3.22.u-step-relu
 * Solver     uStepInto (solver/uStep.ts)
 * Oracle     brute-force global minimization of φ (_internals/uStepOracle.ts, engine/oracles/brute1d.ts)
 * Instances  wzc.u-step.relu (_internals/uStepFamilies.ts)
 */
import type { RegisteredClaim } from '../../../engine/types.ts';
import { src } from './_internals/common.ts';
import { ACT_ARBS, uStepFamily } from './_internals/uStepFamilies.ts';
import { uStepGlobal } from './_internals/uStepOracle.ts';

const uStepRelu = uStepGlobal({
  id: 'wzc.eq3.21-3.22.u-step-relu',
  source: src('Algorithm 3.2, update u (3.19)–(3.22)', ['(3.16)', '(3.19)', '(3.20)', '(3.21)', '(3.22)'], 297),
  statement:
    'With u⁺ of (3.21), u⁻ of (3.22) and u* = u⁺ if φ(u⁺) ≤ φ(u⁻), else u⁻, u* is a global solution of (3.19) '
    + 'φ(u) = γ/2(u − θ1)² + γ/2(θ2 − u_+)² + μ/2(u − θ3)² + λ6u², with θ1 = (Ψ(h)w)_i − ξ_i/γ, θ2 = h_i + ζ_i/γ, '
    + 'θ3 = u_i^{j−1}.',
  method:
    'Calls the solver\'s u-step (uStepInto, ReLU) on 1–4 coordinates: in half the instances with grid (Ψw)_i, h_i, '
    + 'ξ_i, ζ_i, u_i^{j−1} in [−5, 5] and γ, μ, λ6 as mantissa·10^e; in 4 of 10 built from the case analysis of '
    + '(3.20)–(3.22) (_internals/uStepCases.ts: each sign case of u⁺\'s and u⁻\'s numerators, both numerators exactly 0, '
    + 'contests u⁺ vs u⁻ either way and to within 1e-9); in 1 of 10 an exact tie of Remark 3.4. For each coordinate, φ written out from (3.19) must satisfy φ(u*) ≤ '
    + 'min{brute-force minimum over [−R, R], φ(0)}: R contains every global minimizer (bounds of φ on u ≥ 0 and u < '
    + '0, and |u*|), the grid has 20 000 cells refined by Brent (engine/oracles/brute1d.ts); tolerance rtol '
    + 'relative to max(1, |φ|).',
  family: uStepFamily('wzc.u-step.relu', ACT_ARBS.relu, 'relu'),
  runs: { ci: 200 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [uStepRelu];
