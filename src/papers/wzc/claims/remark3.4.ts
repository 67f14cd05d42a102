/**
 * WZC Remark 3.4, the tie rule of the u-step (paper line 315): u* = u⁺ when φ(u⁺) = φ(u⁻).
 *
 * Claims     wzc.remark3.4.tie-rule
 * Solver     uStepInto (solver/uStep.ts)
 * Oracle     u⁺ (3.21) and u⁻ (3.22)/(4.35 corrected) transcribed below; φ (_internals/uStepOracle.ts)
 * Instances  wzc.u-step.ties (_internals/uStepFamilies.ts): exact dyadic ties
 */
import { HOLDS } from '../../../engine/claimGroup.ts';
import { compareEq, worstVerdict } from '../../../engine/tolerance.ts';
import { defineClaim, type Hypothesis, type RegisteredClaim } from '../../../engine/types.ts';
import type { Activation } from '../problem/types.ts';
import { src } from './_internals/common.ts';
import { tieFamily, type UStepCase } from './_internals/uStepFamilies.ts';
import { phi, runUStep, thetas, uStepHyps } from './_internals/uStepOracle.ts';

/** u⁺ of (3.21) (the same for every activation of the paper: σ(u) = u on u ≥ 0). */
function uPlus321(t1: number, t2: number, t3: number, g: number, mu: number, l6: number): number {
  const num = g * t1 + g * t2 + mu * t3;
  return num > 0 ? num / (2 * g + 2 * l6 + mu) : 0;
}

/** u⁻: (3.22) for ReLU, (4.35) with the corrected condition for leaky ReLU. Only these two have exact ties. */
function uMinusLit(act: Activation, t1: number, t2: number, t3: number, g: number, mu: number, l6: number): number {
  if (act.kind === 'leaky-relu') {
    const num = g * t1 + g * act.slope * t2 + mu * t3;
    return num < 0 ? num / (g + g * act.slope * act.slope + 2 * l6 + mu) : 0;
  }
  const num = g * t1 + mu * t3;
  return num < 0 ? num / (g + 2 * l6 + mu) : 0;
}

const tieHyp: Hypothesis<UStepCase> = {
  name: 'exact tie φ(u⁺) = φ(u⁻) with u⁺ ≠ u⁻ in every coordinate (ReLU or leaky ReLU)',
  test: (c) => {
    if (c.act.kind === 'elu') return 'ELU: no exact ties constructed';
    for (let i = 0; i < c.Pw.length; i++) {
      const [t1, t2, t3] = thetas(c, i);
      const up = uPlus321(t1, t2, t3, c.gamma, c.mu, c.lambda6), um = uMinusLit(c.act, t1, t2, t3, c.gamma, c.mu, c.lambda6);
      const fp = phi(c.act, up, t1, t2, t3, c.gamma, c.mu, c.lambda6), fm = phi(c.act, um, t1, t2, t3, c.gamma, c.mu, c.lambda6);
      if (up === um || fp !== fm) return `coordinate ${i}: u⁺=${up}, u⁻=${um}, φ(u⁺)=${fp}, φ(u⁻)=${fm}`;
    }
    return true;
  },
};

const tieRule = defineClaim<UStepCase>({
  id: 'wzc.remark3.4.tie-rule',
  source: src('Remark 3.4', ['(3.16)', '(3.20)'], 315),
  statement:
    'The solution set of (3.16) may not be a singleton; to make the selected solution unique, u_i^{k−1,j} = u_i⁺ '
    + 'when φ(u_i⁺) = φ(u_i⁻), for every i ∈ [rT].',
  method:
    'Builds exact ties by hand: two dyadic bases (ReLU γ = 7, μ = 1, λ6 = ½, θ = (−1, 3, −2); leaky ReLU ϖ = ½, γ '
    + '= 12, μ = ½, λ6 = ¼, θ = (−22, 30, 8)) scaled by powers of 2 so every operation of the u-step is exact. The '
    + 'hypothesis verifies φ(u⁺) = φ(u⁻) bitwise with u⁺ ≠ u⁻ in every coordinate (u⁺ of (3.21), u⁻ of (3.22) or '
    + 'corrected (4.35), transcribed); the solver\'s u-step (uStepInto) must then return u⁺ (identity, rtol 1e-9).',
  kind: 'identity',
  expected: HOLDS,
  family: tieFamily('wzc.u-step.ties'),
  hypotheses: [...uStepHyps, tieHyp],
  check: (c, ctx) => {
    const out = runUStep(c, ctx);
    return worstVerdict(Array.from(out, (u, i) => {
      const [t1, t2, t3] = thetas(c, i);
      const up = uPlus321(t1, t2, t3, c.gamma, c.mu, c.lambda6);
      return compareEq(u, up, ctx, { what: `u*_${i} = u⁺ = ${up} at a tie (u⁻ = ${uMinusLit(c.act, t1, t2, t3, c.gamma, c.mu, c.lambda6)})` });
    }));
  },
  runs: { ci: 100 },
});

/** The claims of this item, in paper order. */
export const claims: RegisteredClaim[] = [tieRule];
