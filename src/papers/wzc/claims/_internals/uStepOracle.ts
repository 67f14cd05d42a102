/**
 * The independent u-step oracle: φ of (3.19)/(4.34)/(4.37) written out from the paper, a radius containing
 * every global minimizer, and the claim builder "the solver's uStepInto is a global minimizer of φ" judged by
 * brute-force 1-D minimization (engine/oracles/brute1d.ts). Shared by (3.21)–(3.22), (4.34), (4.37)–(4.38),
 * Remark 3.4, (4.35) and (4.39).
 */
import { HOLDS } from '../../../../engine/claimGroup.ts';
import { bruteGlobalMin1D } from '../../../../engine/oracles/brute1d.ts';
import { compareLe, worstVerdict } from '../../../../engine/tolerance.ts';
import { type CheckContext, type Claim, defineClaim, type Hypothesis, type RegisteredClaim, type Verdict } from '../../../../engine/types.ts';
import { sigma } from '../../../../models/activations/piecewise.ts';
import type { Activation } from '../../problem/types.ts';
import { uStepInto } from '../../solver/uStep.ts';
import { wzcFaults } from '../../solver/mutants.ts';
import { gammaPositive } from './common.ts';
import type { ScalarPhiCase, UStepCase } from './uStepFamilies.ts';

/** φ of (3.19)/(4.34)/(4.37), written out from the paper. */
export function phi(act: Activation, u: number, th1: number, th2: number, th3: number, g: number, mu: number, l6: number): number {
  return (g / 2) * (u - th1) ** 2 + (g / 2) * (th2 - sigma(act, u)) ** 2 + (mu / 2) * (u - th3) ** 2 + l6 * u * u;
}

/**
 * A radius containing every global minimizer of φ: on u ≥ 0 the minimizer is ≤ (γ|θ1|+γ|θ2|+μ|θ3|)/(2γ+μ);
 * on u < 0, φ(u) ≥ a/2u² − bu + const with a = γ+μ+2λ6, b = γθ1+μθ3, and φ(u) > φ(0) once
 * |u| > (2|b| + √(aγ)|θ2|)/a (the ELU bracket of uStep.ts, which also covers ReLU and leaky ReLU).
 */
export function radius(th1: number, th2: number, th3: number, g: number, mu: number, l6: number): number {
  const a = g + mu + 2 * l6;
  const pos = (g * Math.abs(th1) + g * Math.abs(th2) + mu * Math.abs(th3)) / (2 * g + mu);
  const neg = (2 * Math.abs(g * th1 + mu * th3) + Math.sqrt(a * g) * Math.abs(th2)) / a;
  return 1.01 * Math.max(pos, neg) + 1;
}

/** θ1 = (Ψ(h)w)_i − ξ_i/γ, θ2 = h_i + ζ_i/γ, θ3 = u_i^{j−1} (line 311). */
export function thetas(c: UStepCase, i: number): [number, number, number] {
  return [c.Pw[i] - c.xi[i] / c.gamma, c.h[i] + c.zeta[i] / c.gamma, c.uPrev[i]];
}

/** The solver's u-step (uStepInto) on every coordinate of a case. */
export function runUStep(c: UStepCase, ctx: Pick<CheckContext, 'faults'>): Float64Array {
  const out = new Float64Array(c.Pw.length);
  uStepInto(c.act, c.Pw, c.h, c.xi, c.zeta, c.uPrev, c.gamma, c.mu, c.lambda6, out, wzcFaults(ctx.faults));
  return out;
}

/** Brute-force grid cells over [−R, R] (see brute1d.ts); 20 000 keeps each coordinate ≈ 1 ms. */
export const BRUTE_CELLS = 20_000;

function checkUStepGlobal(c: UStepCase, ctx: CheckContext): Verdict {
  const out = runUStep(c, ctx);
  const verdicts: Verdict[] = [];
  for (let i = 0; i < out.length; i++) {
    const [t1, t2, t3] = thetas(c, i);
    const f = (u: number) => phi(c.act, u, t1, t2, t3, c.gamma, c.mu, c.lambda6);
    const R = Math.max(radius(t1, t2, t3, c.gamma, c.mu, c.lambda6), 1.01 * Math.abs(out[i]));
    const brute = bruteGlobalMin1D(f, -R, R, { cells: BRUTE_CELLS });
    const best = Math.min(brute.min, f(0));
    verdicts.push(compareLe(f(out[i]), best, ctx, { what: `φ(u*_${i}) ≤ brute-force min φ (u* = ${out[i]}, brute argmin ${brute.argmin})` }));
  }
  return worstVerdict(verdicts);
}

/** γ > 0, μ > 0, λ6 > 0: the u-subproblem (3.19) is then coercive and the radius below is finite. */
export const uStepHyps: Hypothesis<UStepCase>[] = [
  gammaPositive<UStepCase>(),
  { name: 'μ > 0, λ6 > 0', test: (c) => (c.mu > 0 && c.lambda6 > 0 ? true : `μ = ${c.mu}, λ6 = ${c.lambda6}`) },
];

/** The claim that the solver's u-step is a global minimizer of φ, for the activation(s) of its family. */
export function uStepGlobal(spec: Pick<Claim<UStepCase>, 'id' | 'source' | 'statement' | 'method' | 'family' | 'runs'>): RegisteredClaim {
  return defineClaim<UStepCase>({ ...spec, kind: 'closed-form', expected: HOLDS, hypotheses: uStepHyps, check: checkUStepGlobal });
}

/** γ > 0, μ > 0, λ6 > 0 for a scalar problem in the paper's parameters. */
export const SCALAR_PARAMS_POSITIVE: Hypothesis<ScalarPhiCase> = {
  name: 'γ > 0, μ > 0, λ6 > 0',
  test: (c) => (c.gamma > 0 && c.mu > 0 && c.lambda6 > 0 ? true : `γ=${c.gamma} μ=${c.mu} λ6=${c.lambda6}`),
};
