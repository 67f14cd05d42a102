/**
 * WZC (4.39)–(4.40), the curvature of the ELU u-subproblem on u < 0 (paper line 621).
 *
 * Claims     wzc.eq4.39.elu-second-derivative
 * Solver     none (solver-independent)
 * Oracle     central second difference of φ_ELU (_internals/uStepOracle.ts) with its truncation/rounding error bound
 * Instances  wzc.scalar.elu-point (_internals/uStepFamilies.ts)
 */
import { HOLDS } from '../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../engine/mutantMatrix.ts';
import { compareEq } from '../../../engine/tolerance.ts';
import { defineClaim, type RegisteredClaim } from '../../../engine/types.ts';
import { src } from './_internals/common.ts';
import { ACT_ARBS, scalarFamily, type ScalarPhiCase } from './_internals/uStepFamilies.ts';
import { phi, SCALAR_PARAMS_POSITIVE } from './_internals/uStepOracle.ts';

/**
 * (4.39) for σ = α(eᵘ − 1): φ''_ELU(u) = 2γα²e^{2u} − γα(θ2 + α)eᵘ + μ + γ + 2λ6 on u < 0. At the paper's α = 1
 * every product by α is exact, so this is (4.39) as printed, bit for bit.
 */
function phiSecond439(u: number, th2: number, g: number, mu: number, l6: number, al: number): number {
  return 2 * g * al * al * Math.exp(2 * u) - g * al * (th2 + al) * Math.exp(u) + mu + g + 2 * l6;
}

const eluSecond = defineClaim<ScalarPhiCase>({
  id: 'wzc.eq4.39.elu-second-derivative',
  source: src('§4.3, ELU curvature (4.39)–(4.40)', ['(4.39)', '(4.40)'], 621),
  statement:
    'On u < 0 the ELU u-subproblem has φ\'\'_ELU(u) = 2γe^{2u} − γ(θ2 + 1)eᵘ + μ + γ + 2λ6 (4.39), i.e. ψ_ELU(eᵘ) '
    + 'with ψ_ELU(z) = 2γz² − γ(θ2 + 1)z + μ + γ + 2λ6 (4.40).',
  method:
    'Draws scalar ELU problems (α over (0, 4], α = 1 in a quarter of the draws; half built from the case analysis of '
    + '_internals/uStepCases.ts) and a point u ∈ [−5, −0.01] (in the case-built half, where (4.40) has roots, an '
    + 'inflection point or the middle of the concave piece between them); '
    + 'compares (4.39) — as printed for α = 1, and its re-derivation 2γα²e^{2u} − γα(θ2 + α)eᵘ + μ + γ + 2λ6 for '
    + 'σ = α(eᵘ − 1) otherwise — with the central second '
    + 'difference of φ_ELU (written out from (4.37)) at u, with the step h balancing the truncation error '
    + 'h²·|φ\'\'\'\'|/12 against the rounding error 4εF/h² and kept below |u|/2 so the stencil stays on u < 0. The '
    + 'identity holds when they agree within 10× that error bound (or rtol relative to the values, if larger), and '
    + 'is violated only beyond 1e3× that tolerance.',
  kind: 'identity',
  expected: HOLDS,
  family: scalarFamily('wzc.scalar.elu-point', ACT_ARBS.elu, true),
  hypotheses: [
    { name: 'u < 0', test: (c) => (c.u !== undefined && c.u < 0 ? true : `u = ${c.u}`) },
    SCALAR_PARAMS_POSITIVE,
  ],
  check: (c, ctx) => {
    const u = c.u as number;
    const f = (x: number) => phi(c.act, x, c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6);
    // Central difference error: truncation h²/12·|φ''''| + rounding 4ε·max|φ|/h², with
    // |φ''''| ≤ γ(α|θ2 + α|eᵘ + 8α²e^{2u}) on u < 0 (the quadratic terms have φ'''' = 0). Pick h to balance
    // them (h stays < |u|/2 so the stencil never crosses the kink) and use the error bound as the scale.
    const al = c.act.kind === 'elu' ? c.act.alpha : 1;
    const M4 = c.gamma * (al * Math.abs(c.th2 + al) * Math.exp(u) + 8 * al * al * Math.exp(2 * u)) + 1e-300;
    const F = Math.max(Math.abs(f(u)), Math.abs(f(u / 2)), Math.abs(f(1.5 * u)));
    const eps = 2.220446049250313e-16;
    const h = Math.min(Math.abs(u) / 2, Math.pow((48 * eps * F) / M4, 0.25));
    const fd = (f(u + h) - 2 * f(u) + f(u - h)) / (h * h);
    const err = (h * h * M4) / 12 + (4 * eps * F) / (h * h);
    const paper = phiSecond439(u, c.th2, c.gamma, c.mu, c.lambda6, al);
    return compareEq(paper, fd, ctx, { scale: (10 * err) / ctx.rtol, what: '(4.39) = central second difference of φ_ELU' });
  },
  runs: { ci: 100 },
  tags: [SOLVER_INDEPENDENT_TAG],
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [eluSecond];
