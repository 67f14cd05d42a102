/**
 * Per-case hit counts of the u-step families: every case of the closed forms (3.20)–(3.22), (4.35)–(4.36) and
 * (4.37)–(4.38) — boundaries, ties, the erratum regions of (4.35), ELU's non-convex pieces — must be drawn by the
 * claims that check them, at CI scale with the engine's seed (the instances `npm test` and `verify` run).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SEED } from '../../../../../src/engine/runner.ts';
import type { RegisteredClaim } from '../../../../../src/engine/types.ts';
import { ELU_CASES, caseParamsArb, caseThetaArb, eluInflections } from '../../../../../src/papers/wzc/claims/_internals/uStepCases.ts';
import type { ScalarPhiCase, UStepCase } from '../../../../../src/papers/wzc/claims/_internals/uStepFamilies.ts';
import { ledgerClaim } from '../../../../../properties/helpers.ts';
import { tally, uStepCaseLabels } from '../../../../helpers/uStepCases.ts';

/** The labels of every coordinate the claim draws at ci (its own run count, the engine's seed). */
function caseTally(claim: RegisteredClaim): Map<string, number> {
  const runs = claim.runs.ci ?? 100;
  const labels: string[][] = [];
  for (const x of fc.sample(claim.arbitrary('ci') as fc.Arbitrary<UStepCase | ScalarPhiCase>, { numRuns: runs, seed: DEFAULT_SEED })) {
    if ('Pw' in x) {
      for (let i = 0; i < x.Pw.length; i++) {
        labels.push(uStepCaseLabels(x.act, x.Pw[i] - x.xi[i] / x.gamma, x.h[i] + x.zeta[i] / x.gamma, x.uPrev[i], x.gamma, x.mu, x.lambda6));
      }
    } else {
      labels.push(uStepCaseLabels(x.act, x.th1, x.th2, x.th3, x.gamma, x.mu, x.lambda6));
    }
  }
  const t = tally(labels);
  console.log(`${claim.id} (${runs} instances, ${labels.length} coordinates):\n${[...t].sort().map(([k, v]) => `  ${String(v).padStart(4)}  ${k}`).join('\n')}`);
  return t;
}

function expectEach(t: Map<string, number>, labels: string[], min: number): void {
  for (const l of labels) expect(t.get(l) ?? 0, l).toBeGreaterThanOrEqual(min);
}

describe('u-step case hit counts at ci', () => {
  it('ReLU (3.20)–(3.22): every sign case, both boundaries, contests both ways and exact ties', () => {
    const t = caseTally(ledgerClaim('wzc.eq3.21-3.22.u-step-relu'));
    expectEach(t, ['u⁺ = u⁻ = 0', 'u⁺ > 0 only', 'u⁻ < 0 only', 'contest: u⁺ wins', 'contest: u⁻ wins',
      'contest: exact tie (Remark 3.4)', 'boundary: γθ1 + μθ3 = 0', 'boundary: γθ1 + γθ2 + μθ3 = 0'], 10);
  });
  it('leaky ReLU (4.34)–(4.35): every sign case and both regions where (4.35)\'s printed condition is wrong', () => {
    for (const id of ['wzc.eq4.34.leaky-global', 'wzc.eq4.35.leaky-uminus']) {
      const t = caseTally(ledgerClaim(id));
      expectEach(t, ['u⁺ = u⁻ = 0', 'u⁺ > 0 only', 'u⁻ < 0 only', 'contest: u⁺ wins', 'contest: u⁻ wins',
        'erratum region: b < 0 ≤ p', 'erratum region: p < 0 ≤ b'], 5);
    }
  });
  it('ELU (4.37)–(4.38): u̲ = 0, convex and non-convex φ, each piece winning (uStep.ts:184, :227)', () => {
    const t = caseTally(ledgerClaim('wzc.eq4.37-4.38.elu-global'));
    expectEach(t, ['u̲ = 0: b = 0 and θ2 = 0 (uStep.ts:184)', 'u⁻: convex, interior minimizer', 'u⁻: convex, 0',
      'φ non-convex on (−∞, 0]', 'u⁻: left piece wins', 'u⁻: right piece wins (uStep.ts:221)', 'u⁻: non-convex, 0 wins',
      'u* = u⁺', 'u* = u⁻'], 10);
    expect(t.get('u⁻: inside the concave piece (never a minimizer)') ?? 0).toBe(0);
  });
  it('ELU curvature (4.39): a third of the points sit at an inflection or in the concave piece', () => {
    const claim = ledgerClaim('wzc.eq4.39.elu-second-derivative');
    let special = 0;
    const xs = fc.sample(claim.arbitrary('ci') as fc.Arbitrary<ScalarPhiCase>, { numRuns: claim.runs.ci ?? 100, seed: DEFAULT_SEED });
    for (const c of xs) {
      const al = c.act.kind === 'elu' ? c.act.alpha : 1;
      const infl = eluInflections(c.th2, c.gamma, c.gamma + c.mu + 2 * c.lambda6, al);
      if (infl && c.u !== undefined && c.u >= infl[0] && c.u <= infl[1]) special++;
    }
    expect(special / xs.length).toBeGreaterThan(0.2);
  });
  it('the ELU constructions land in their cases when φ can be non-convex (α ≥ 1)', () => {
    const arb = fc.constantFrom(1, 2, 4).chain((alpha) => caseParamsArb({ kind: 'elu', alpha }).map((p) => ({ alpha, p })));
    for (const { alpha, p } of fc.sample(arb, { numRuns: 50, seed: 9 })) {
      const a = p.gamma + p.mu + 2 * p.lambda6;
      expect(a / p.gamma).toBeLessThan(2 * alpha * alpha);
      for (const t of fc.sample(caseThetaArb({ kind: 'elu', alpha }, p), { numRuns: 10, seed: 10 })) {
        expect(t.th.every(Number.isFinite)).toBe(true);
      }
    }
    expect(ELU_CASES).toContain('right-piece');
  });
});
