/**
 * WZC Algorithm 3.2 step 1, (3.14)–(3.16) at every BCD iteration (paper line 313): each block update is a global
 * minimizer of its subproblem.
 *
 * Claims     wzc.eq3.16.u-step-per-iteration
 * Solver     runAlm/runBcd (solver/) through runBcdCase (_internals/runs.ts), observed per BCD iteration
 * Oracle     gradLSmooth (theory/gradient.ts via zGradient/hGradient); φ of (3.19) rebuilt from psiW and σ, minimized
 *            by brute force (engine/oracles/brute1d.ts)
 * Instances  wzc.bcd (_internals/families.ts)
 */
import { bruteGlobalMin1D } from '../../../engine/oracles/brute1d.ts';
import { compareLe } from '../../../engine/tolerance.ts';
import type { RegisteredClaim } from '../../../engine/types.ts';
import { sigma } from '../../../models/activations/piecewise.ts';
import { psiW } from '../../../models/elman.ts';
import { at, onBcdRuns, perBcdStep } from './_internals/bcdSteps.ts';
import { src } from './_internals/common.ts';
import { hGradient, zGradient } from './_internals/runs.ts';

/** Grid cells of the brute-force 1-D oracle: φ has at most two smooth pieces (u < 0, u ≥ 0), each a wide basin. */
const BRUTE_CELLS = 400;

const uStepPerIteration = onBcdRuns({
  id: 'wzc.eq3.16.u-step-per-iteration',
  source: src('Algorithm 3.2 step 1 (3.14)–(3.16)', ['(3.14)', '(3.15)', '(3.16)', '(3.19)'], 313),
  statement:
    'At every BCD iteration: z^(j) minimizes L(·, h^(j−1), u^(j−1)) (∇_z L(s_z^(j)) = 0), h^(j) minimizes '
    + 'L(z^(j), ·, u^(j−1)) (∇_h L(s_h^(j)) = 0), and each u_i^(j) is a global minimizer of the scalar prox problem '
    + '(3.19) φ_i(u) = γ/2(u − θ1)² + γ/2(θ2 − σ(u))² + μ/2(u − θ3)² + λ6u² at (z^(j), h^(j)).',
  method:
    'Runs one BCD of the real solver (ALM iteration k = 1, random ξ, ζ, γ, μ, ε, cap J ≤ 15 at ci) and at every '
    + 'iteration checks, from the observed s_z^(j), s_h^(j), s^(j): ‖∇_z L(s_z)‖ ≤ 0 and ‖∇_h L(s_h)‖ ≤ 0 by the '
    + 'independent gradient (L is quadratic in each block, so the tolerance is relative to ‖Hz‖ + ‖g0‖, the terms '
    + 'the gradient is a difference of); and for every i, φ_i(u_i^(j)) ≤ the brute-force minimum of φ_i over [−R, '
    + 'R] (400 grid cells + Brent refinement, R = 2max|θ, u| + 1), with θ\'s rebuilt from psiW and σ, tolerance '
    + 'relative to |min| + γ/2(θ1² + θ2²). A violation at an iteration whose block systems may have condition '
    + 'number > 1e-3/ε is reported inconclusive; the first violated iteration ends the run.',
  kind: 'closed-form',
  tags: ['per-iteration', 'solver', 'oracle', 'mutant-probe'],
  runs: { ci: 150 },
  check: (c, ctx) =>
    perBcdStep(c, ctx, (v, add) => {
      const { prob, mult, mu, gamma } = { ...c, gamma: v.gamma };
      const gz = zGradient(prob, v.sz, mult, gamma);
      add(compareLe(gz.norm, 0, ctx, { scale: gz.scale, what: `‖∇_z L(s_z)‖ at ${at(v.k, v.j)}` }));
      const gh = hGradient(prob, v.sh, mult, gamma);
      add(compareLe(gh.norm, 0, ctx, { scale: gh.scale, what: `‖∇_h L(s_h)‖ at ${at(v.k, v.j)}` }));
      // θ's of (3.19) recomputed from the model layer at (z^(j), h^(j))
      const d = prob.data.dims;
      const Pw = new Float64Array(d.T * d.r);
      psiW(d, prob.data.X, v.sh.z, v.sh.h, Pw);
      const l6 = prob.lambda[5];
      for (let i = 0; i < Pw.length; i++) {
        const th1 = Pw[i] - mult.xi[i] / gamma, th2 = v.sh.h[i] + mult.zeta[i] / gamma, th3 = v.prev.u[i];
        const phi = (x: number) => {
          const a = x - th1, b = th2 - sigma(prob.activation, x), e = x - th3;
          return 0.5 * gamma * a * a + 0.5 * gamma * b * b + 0.5 * mu * e * e + l6 * x * x;
        };
        const R = 2 * Math.max(Math.abs(th1), Math.abs(th2), Math.abs(th3), Math.abs(v.s.u[i])) + 1;
        const best = bruteGlobalMin1D(phi, -R, R, { cells: BRUTE_CELLS });
        const got = phi(v.s.u[i]);
        add(compareLe(got, best.min, ctx, { scale: Math.abs(best.min) + 0.5 * gamma * (th1 * th1 + th2 * th2), what: `φ(u_${i}) global at ${at(v.k, v.j)} (u=${v.s.u[i]}, brute argmin ${best.argmin})` }));
      }
    }),
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [uStepPerIteration];
