/**
 * Which case of the u-step closed forms a scalar problem takes in the solver (solver/uStep.ts), for the per-case
 * hit counts of the u-step families. The case conditions are recomputed here from θ, γ, μ, λ6 in the solver's
 * floating-point order (so boundaries such as b = 0 are classified as the solver sees them); which candidate won
 * is read off the solver's own answers (uScalarMin, eluUMinus).
 */
import { sigma } from '../../src/models/activations/piecewise.ts';
import { eluInflections } from '../../src/papers/wzc/claims/_internals/uStepCases.ts';
import type { Activation } from '../../src/papers/wzc/problem/types.ts';
import { eluUMinus, uScalarMin } from '../../src/papers/wzc/solver/uStep.ts';

/** φ − φ(0) in the solver's shifted form (uStep.ts phiShift). */
function shifted(act: Activation, u: number, th1: number, th2: number, th3: number, g: number, mu: number, l6: number): number {
  const a = g + mu + 2 * l6, b = g * th1 + mu * th3, s = sigma(act, u);
  return (0.5 * a * u - b) * u + 0.5 * g * s * (s - 2 * th2);
}

/**
 * The labels of one scalar u-problem: the case of its closed form, plus the boundary and region labels it falls
 * on (each counted separately in a tally).
 */
export function uStepCaseLabels(act: Activation, th1: number, th2: number, th3: number, g: number, mu: number, l6: number): string[] {
  const b = g * th1 + mu * th3;
  const numPlus = g * th1 + g * th2 + mu * th3;
  const uStar = uScalarMin(act, th1, th2, th3, g, mu, l6);
  const out: string[] = [];
  if (numPlus === 0) out.push('boundary: γθ1 + γθ2 + μθ3 = 0');
  if (act.kind === 'elu') {
    out.push(...eluLabels(act.alpha, th1, th2, th3, g, mu, l6));
  } else {
    const numMinus = act.kind === 'relu' ? b : g * th1 + g * act.slope * th2 + mu * th3;
    if (b === 0) out.push('boundary: γθ1 + μθ3 = 0');
    if (act.kind === 'leaky-relu' && (b < 0) !== (numMinus < 0)) {
      out.push(b < 0 ? 'erratum region: b < 0 ≤ p' : 'erratum region: p < 0 ≤ b');
    }
    const plus = numPlus > 0, minus = numMinus < 0;
    if (!plus && !minus) out.push('u⁺ = u⁻ = 0');
    else if (plus && !minus) out.push('u⁺ > 0 only');
    else if (!plus && minus) out.push('u⁻ < 0 only');
    else {
      const fp = shifted(act, numPlus / (2 * g + 2 * l6 + mu), th1, th2, th3, g, mu, l6);
      const den = act.kind === 'relu' ? g + 2 * l6 + mu : g + g * act.slope * act.slope + 2 * l6 + mu;
      const fm = shifted(act, numMinus / den, th1, th2, th3, g, mu, l6);
      if (fp === fm) out.push('contest: exact tie (Remark 3.4)');
      else if (Math.abs(fp - fm) <= 1e-6 * Math.max(Math.abs(fp), Math.abs(fm))) out.push('contest: near tie');
      else out.push(uStar > 0 ? 'contest: u⁺ wins' : 'contest: u⁻ wins');
    }
  }
  return out;
}

function eluLabels(alpha: number, th1: number, th2: number, th3: number, g: number, mu: number, l6: number): string[] {
  const a = g + mu + 2 * l6, b = g * th1 + mu * th3, c = g * th2 * th2;
  const s = Math.sqrt(b * b + a * c);
  const act: Activation = { kind: 'elu', alpha };
  const uStar = uScalarMin(act, th1, th2, th3, g, mu, l6);
  const winner = uStar > 0 ? 'u* = u⁺' : 'u* = u⁻';
  if (b >= 0 && !(b + s > 0)) return ['u̲ = 0: b = 0 and θ2 = 0 (uStep.ts:184)', winner];
  const um = eluUMinus(th1, th2, th3, g, mu, l6, alpha);
  const infl = eluInflections(th2, g, a, alpha);
  if (infl === null || infl[0] >= 0) return [um < 0 ? 'u⁻: convex, interior minimizer' : 'u⁻: convex, 0', winner];
  const [u1, u2] = infl;
  const uLo = b < 0 ? (b - s) / a : -c / (b + s);
  const out = ['φ non-convex on (−∞, 0]', winner];
  if (!(u1 > uLo)) out.push('left piece empty (u1 ≤ u̲)');
  if (!(u2 < 0)) out.push('right piece empty (u2 ≥ 0)');
  if (um === 0) out.push('u⁻: non-convex, 0 wins');
  else if (um <= u1) out.push('u⁻: left piece wins');
  else if (um >= u2) out.push('u⁻: right piece wins (uStep.ts:221)');
  else out.push('u⁻: inside the concave piece (never a minimizer)');
  return out;
}

/** Count each label over many problems. */
export function tally(labels: Iterable<string[]>): Map<string, number> {
  const t = new Map<string, number>();
  for (const ls of labels) for (const l of ls) t.set(l, (t.get(l) ?? 0) + 1);
  return t;
}
