/**
 * What the WZC claim files share: the source shorthand, the standing hypotheses λ_i > 0 and γ > 0, the
 * independent ∇_h L oracle, and the small vector helpers of the checks.
 *
 * The vector helpers add in index order, exactly like the loops they replace, so every margin and ratio the
 * claims report is bitwise what it was before they were shared.
 */
import type { ClaimSource, Hypothesis } from '../../../../engine/types.ts';
import { sqdist, sqnorm } from '../../../../linalg/index.ts';
import { activationName, sigmaLipschitz } from '../../../../models/activations/piecewise.ts';
import { packA, packW } from '../../../../models/elman.ts';
import type { Dims, Iterate, Multipliers, Problem, Weights } from '../../problem/types.ts';
import { gradG, kappa } from '../../theory/gradient.ts';

/** A WZC source: item, equation numbers and the line in the paper's margin. */
export const src = (item: string, equations: string[], line: number): ClaimSource => ({ paper: 'WZC', item, equations, line });

/** λ_i > 0 for i = 1…6 ((2.5)). */
export function lambdaPositive<I extends { prob: Problem }>(): Hypothesis<I> {
  return {
    name: 'λ_i > 0',
    test: (i) => (i.prob.lambda.every((l) => l > 0) ? true : `λ = (${i.prob.lambda.join(', ')})`),
  };
}

/** γ > 0 ((3.1)). */
export function gammaPositive<I extends { gamma: number }>(): Hypothesis<I> {
  return { name: 'γ > 0', test: (i) => (i.gamma > 0 ? true : `γ = ${i.gamma}`) };
}

/**
 * σ is 1-Lipschitz with σ(0) = 0, so |σ(u)| ≤ |u|: true of ReLU, of leaky ReLU with ϖ ∈ (0, 1) and of ELU with
 * α ≤ 1, false of ELU with α > 1 (σ'(0⁻) = α). §4.3 (paper lines 579–592) names it as what carries Lemma 3.2's
 * constants over to the other activations, and the bounds ‖h‖ ≤ ‖u‖ (A.4) and (A.10) rest on it too.
 */
export function sigmaOneLipschitz<I extends { prob: Problem }>(): Hypothesis<I> {
  return {
    name: 'σ 1-Lipschitz, |σ(u)| ≤ |u| (§4.3; ELU with α ≤ 1)',
    test: (i) => sigmaLipschitz(i.prob.activation) <= 1 || `${activationName(i.prob.activation)} is ${sigmaLipschitz(i.prob.activation)}-Lipschitz`,
  };
}

/** λ_i > 0 and γ > 0, the standing assumptions of every AL claim ((2.5), (3.1)). */
export function standingHypotheses<I extends { prob: Problem; gamma: number }>(): Hypothesis<I>[] {
  return [lambdaPositive<I>(), gammaPositive<I>()];
}

/** max |a_i| over all the arrays (0 for none). */
export function maxAbs(...as: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of as) for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** The arrays one after the other. */
export function concat(...as: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(as.reduce((s, a) => s + a.length, 0));
  let o = 0;
  for (const a of as) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

/** ‖a − b‖. */
export function diffNorm(a: Float64Array, b: Float64Array): number {
  return Math.sqrt(sqdist(a, b));
}

/** Apply f to every weight block. */
export function mapWeights(z: Weights, f: (block: Float64Array) => Float64Array): Weights {
  return { W: f(z.W), V: f(z.V), b: f(z.b), A: f(z.A), c: f(z.c) };
}

/** ‖z‖² over all weight blocks. */
export function weightsSq(z: Weights): number {
  return sqnorm(z.W) + sqnorm(z.V) + sqnorm(z.b) + sqnorm(z.A) + sqnorm(z.c);
}

/** ‖z − z′‖² over all weight blocks. */
export function weightsSqDiff(a: Weights, b: Weights): number {
  return sqdist(a.W, b.W) + sqdist(a.V, b.V) + sqdist(a.b, b.b) + sqdist(a.A, b.A) + sqdist(a.c, b.c);
}

/** z as the paper stacks it in Lemma 3.1 (iii): (w; a), column-major. */
export function stackZ(d: Dims, z: Weights): Float64Array {
  return concat(packW(d, z), packA(d, z));
}

/** ∇_h L at s by the independent term-by-term oracle: ∇_h g + κ (theory/gradient.ts). */
export function gradHOracle(prob: Problem, s: Iterate, mult: Multipliers, gamma: number): Float64Array {
  const g = gradG(prob, s, mult.xi, gamma).h;
  const k = kappa(prob, s, mult.zeta, gamma);
  return g.map((v, i) => v + k[i]);
}
