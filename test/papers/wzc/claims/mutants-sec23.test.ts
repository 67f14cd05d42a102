/**
 * Falsifiability of the §2–3 closed-form claims: each planted solver bug that lives in a block step (z-step,
 * h-step, u-step) must make at least one of the pointwise §2–3 claims (test/helpers/wzcClaimSets.ts) violated,
 * and none of those claims may be violated unmutated on the same runs.
 */
import { describe, expect, it } from 'vitest';
import { runClaim } from '../../../../src/engine/runner.ts';
import { SOLVER_INDEPENDENT_TAG } from '../../../../src/engine/mutantMatrix.ts';
import type { WzcFault } from '../../../../src/papers/wzc/solver/mutants.ts';
import { wzcClaims } from '../../../helpers/wzcClaimSets.ts';

const claims = wzcClaims('pointwise')
  .filter((c) => !c.tags.includes(SOLVER_INDEPENDENT_TAG));
const RUNS = 20;

function violatedBy(fault: WzcFault | null): string[] {
  const faults: ReadonlySet<string> = new Set(fault === null ? [] : [fault]);
  return claims
    .map((c) => ({ c, r: runClaim(c, { runs: RUNS, maxShrinkEvals: 0, faults }) }))
    .filter(({ c, r }) => r.tally.violated > 0 && c.expected.status === 'holds')
    .map(({ c }) => c.id);
}

describe('§2–3 claims catch the block-step mutants', () => {
  it('no solver claim of §2–3 is violated unmutated', () => {
    expect(violatedBy(null)).toEqual([]);
  });
  const expected: Record<string, string> = {
    'lambda-half': 'wzc.eq3.14.z-step',
    'hT-uses-D1': 'wzc.eq3.18.h-step',
    'u-minus-gamma-theta2': 'wzc.eq3.21-3.22.u-step-relu',
    'tie-reversed': 'wzc.remark3.4.tie-rule',
    'no-prox': 'wzc.eq3.21-3.22.u-step-relu',
  };
  for (const [mutant, claim] of Object.entries(expected)) {
    it(`${mutant} is caught (at least by ${claim})`, () => {
      expect(violatedBy(mutant as WzcFault)).toContain(claim);
    });
  }
});
