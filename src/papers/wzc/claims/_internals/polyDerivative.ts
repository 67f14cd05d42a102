/**
 * One-sided directional derivatives of L computed WITHOUT the exact oracle (theory/directional.ts), from L's
 * polynomial form along a ray, and the points-with-direction claim group of Lemmas 4.2 and 4.5.
 */
import { claimGroup } from '../../../../engine/claimGroup.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../../engine/mutantMatrix.ts';
import type { Hypothesis } from '../../../../engine/types.ts';
import { alParts } from '../../problem/lagrangian.ts';
import type { Iterate, Multipliers, Problem } from '../../problem/types.ts';
import { pointDirectionFamily, type WzcPointDirection } from './sec4Families.ts';

/** s + t·d. */
function along(s: Iterate, t: number, d: Iterate): Iterate {
  const add = (a: Float64Array, b: Float64Array) => a.map((v, i) => v + t * b[i]);
  return {
    z: { W: add(s.z.W, d.z.W), V: add(s.z.V, d.z.V), b: add(s.z.b, d.z.b), A: add(s.z.A, d.z.A), c: add(s.z.c, d.z.c) },
    h: add(s.h, d.h),
    u: add(s.u, d.u),
  };
}

/** Result of {@link onesidedPolyDerivative}. */
export interface OneSidedDerivative {
  /** lim_{t↓0} (L(s + t d) − L(s))/t, exact up to rounding for piecewise-linear σ. */
  value: number;
  /** Node spacing used. */
  h: number;
  /** Σ of the magnitudes of the AL terms at the nodes (rounding scale of one evaluation). */
  termScale: number;
}

/**
 * The one-sided derivative of t ↦ L(s + t·d) at 0⁺ for σ piecewise linear (ReLU, leaky ReLU), computed WITHOUT
 * the oracle. On [0, t̄) with t̄ = ½·min{|u_i/d_{u,i}| : u_i ≠ 0} (capped at 1) no coordinate of u changes sign
 * except those starting at a kink, which move to one side and stay there, so σ(u + t d_u) is linear in t and
 * L(s + t d) is a polynomial of degree ≤ 4 (ℓ and ‖C1‖² are squares of bilinear terms). The 5-node forward
 * formula f'(0) = (−25f0 + 48f1 − 36f2 + 16f3 − 3f4)/(12h), h = t̄/4, is exact for such polynomials.
 */
export function onesidedPolyDerivative(prob: Problem, s: Iterate, mult: Multipliers, gamma: number, d: Iterate): OneSidedDerivative {
  let tbar = 1;
  for (let i = 0; i < s.u.length; i++) {
    if (s.u[i] !== 0 && d.u[i] !== 0) tbar = Math.min(tbar, 0.5 * Math.abs(s.u[i] / d.u[i]));
  }
  const h = tbar / 4;
  const coef = [-25, 48, -36, 16, -3];
  let acc = 0, termScale = 0;
  for (let k = 0; k < 5; k++) {
    const p = alParts(prob, along(s, k * h, d), mult, gamma);
    acc += coef[k] * p.L;
    termScale = Math.max(termScale, p.R + Math.abs(p.linear) + 0.5 * gamma * (p.c1 * p.c1 + p.c2 * p.c2));
  }
  return { value: acc / (12 * h), h, termScale };
}

/**
 * The tolerance scale for comparing {@link onesidedPolyDerivative} values: its rounding error is about
 * (128/12)·ε·c·termScale/h with c ≲ 10² the error growth of one AL evaluation, i.e. ≲ 2.4e-13·termScale/h; the
 * engine's rtol (1e-9) times this scale leaves a factor ≥ 4 above that.
 */
export function polyDerivativeScale(x: OneSidedDerivative): number {
  return 1e-3 * x.termScale / x.h;
}

/** Points with exact kinks and a direction (ReLU, leaky ReLU). */
const pointDirs = pointDirectionFamily('wzc.point-direction');

/** The exact polynomial limit of {@link onesidedPolyDerivative} needs σ piecewise linear. */
const PIECEWISE_LINEAR_HYPOTHESIS: Hypothesis<WzcPointDirection> = {
  name: 'σ piecewise linear (ReLU, leaky ReLU)',
  test: (p) => p.prob.activation.kind !== 'elu' || 'ELU is C¹: its directional derivative is the gradient\'s',
};

/** Claims over points with exact kinks and a direction (ReLU, leaky ReLU); no solver involved. */
export const onPointDirs = claimGroup<WzcPointDirection>({
  family: pointDirs, hypotheses: [PIECEWISE_LINEAR_HYPOTHESIS], tags: ['oracle', SOLVER_INDEPENDENT_TAG], runs: { ci: 300 },
});
