/**
 * The parameter conditions as hypotheses: (42)–(47) of Theorem 3 and (77)–(81) of Lemma 4, checked one by one with
 * the transcription of problem/conditions.ts (each unmet condition is named with both of its sides), and the
 * constants (36)–(41) of a run case.
 */
import type { Hypothesis } from '../../../../engine/types.ts';
import { checkConditions, conditionsInput, type ConditionCheck, type ConditionsInput, type ZlyConstants } from '../../problem/conditions.ts';
import { layers } from '../../problem/types.ts';
import type { ZlyRunCase } from './families.ts';

/** The inputs of the constants for a run case (V⁰ by the forward pass of (7), Λ⁰ = 0). */
export function inputOf(c: ZlyRunCase): ConditionsInput {
  return conditionsInput(c.prob, c.W0);
}

/** L3, γ, d_min, f_min, α3, C3 of (36)–(41) for a run case. */
export function constantsOf(c: ZlyRunCase): ZlyConstants {
  return checkConditions(inputOf(c), c.prob.beta, c.prob.lambda).constants;
}

function unmet(checks: readonly ConditionCheck[]): true | string {
  const bad = checks.filter((x) => !x.holds);
  if (bad.length === 0) return true;
  return bad.map((x) => `${x.id}: ${x.text} fails (${x.lhs.toPrecision(4)} < ${x.rhs.toPrecision(4)})`).join('; ');
}

/** (42)–(47), the hypotheses of Theorem 3 (and of Lemmas 1, 5 "under the assumptions of Theorem 1"). */
export function theorem3Conditions(): Hypothesis<ZlyRunCase> {
  return { name: '(42)–(47)', test: (c) => unmet(checkConditions(inputOf(c), c.prob.beta, c.prob.lambda).strong) };
}

/** (77)–(81), the weaker hypotheses the proof of Lemma 4 (Appendix C.3) works under. */
export function lemma4Conditions(): Hypothesis<ZlyRunCase> {
  return { name: '(77)–(81)', test: (c) => unmet(checkConditions(inputOf(c), c.prob.beta, c.prob.lambda).weak) };
}

/** (42): β_N ≥ 3.5, under which C3 of (41) is finite and positive. */
export function betaNCondition(): Hypothesis<ZlyRunCase> {
  return { name: '(42) β_N ≥ 3.5', test: (c) => c.prob.beta[layers(c.prob.dims) - 1] >= 3.5 || `β_N = ${c.prob.beta[layers(c.prob.dims) - 1]}` };
}
