/**
 * One `--deep`-sized instance of every family whose claims run the solver (the ALM, the BCD or one of its block
 * steps) must run through the solver without throwing, with the longest caps the claims of that family use. A
 * planted fault that makes deep runs throw (DivergenceError, a failed factorization) fails here under `npm test`,
 * without waiting for `verify --deep`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SEED } from '../../../../src/engine/runner.ts';
import { ALM_STOP_CAP, ASYMPTOTIC_MIN_OUTER } from '../../../../src/papers/wzc/claims/_internals/almSteps.ts';
import { hStepAsBcd, zStepAsBcd } from '../../../../src/papers/wzc/claims/_internals/arenaSteps.ts';
import { EXACT_CAP } from '../../../../src/papers/wzc/claims/_internals/bcdSteps.ts';
import type { WzcAlmCase, WzcBcdCase, WzcPoint } from '../../../../src/papers/wzc/claims/_internals/families.ts';
import { runAlmCase, runBcdCase } from '../../../../src/papers/wzc/claims/_internals/runs.ts';
import { runUStep } from '../../../../src/papers/wzc/claims/_internals/uStepOracle.ts';
import type { ScalarPhiCase, UStepCase } from '../../../../src/papers/wzc/claims/_internals/uStepFamilies.ts';
import { STOP_CAP } from '../../../../src/papers/wzc/claims/thm4.3.ts';
import { uMinusLeaky } from '../../../../src/papers/wzc/solver/uStep.ts';
import { wzcLedger } from '../../../../src/papers/wzc/claims/ledger.ts';

/** No planted faults: the solver as shipped. */
const NO_CTX = { faults: new Set<string>() };

/** How the claims of each solver family call the solver, with the longest caps they use. */
const RUNNERS: Record<string, (x: never) => unknown> = {
  'wzc.point+near-singular+kernels': (p: WzcPoint) => zStepAsBcd(p.prob, p.s, p.mult.xi, p.gamma, p.simd),
  'wzc.point.kinks+near-singular+kernels': (p: WzcPoint) => hStepAsBcd(p.prob, p.s, p.mult.xi, p.mult.zeta, p.gamma, p.simd),
  'wzc.bcd': (c: WzcBcdCase) => runBcdCase(c, NO_CTX, undefined, Math.max(c.inner, STOP_CAP)),
  'wzc.bcd+kernels': (c: WzcBcdCase) => runBcdCase(c, NO_CTX),
  'wzc.bcd-exact': (c: WzcBcdCase) => runBcdCase(c, NO_CTX, undefined, EXACT_CAP),
  'wzc.alm': (c: WzcAlmCase) => runAlmCase({ ...c, outer: Math.max(c.outer, ASYMPTOTIC_MIN_OUTER) }, NO_CTX, undefined, ALM_STOP_CAP),
  'wzc.alm-level': (c: WzcAlmCase) => runAlmCase(c, NO_CTX),
  'wzc.u-step.relu': (c: UStepCase) => runUStep(c, NO_CTX),
  'wzc.u-step.leaky': (c: UStepCase) => runUStep(c, NO_CTX),
  'wzc.u-step.elu': (c: UStepCase) => runUStep(c, NO_CTX),
  'wzc.u-step.ties': (c: UStepCase) => runUStep(c, NO_CTX),
  'wzc.scalar.leaky': (c: ScalarPhiCase) =>
    uMinusLeaky(c.th1, c.th2, c.th3, c.gamma, c.mu, c.lambda6, c.act.kind === 'leaky-relu' ? c.act.slope : NaN),
};

/** Size of an instance: T·r·(r + n) for problem instances, the coordinate count for u-steps. */
function size(x: unknown): number {
  const o = x as { prob?: { data: { dims: { T: number; n: number; r: number } } }; Pw?: Float64Array };
  if (o.prob) {
    const { T, n, r } = o.prob.data.dims;
    return T * r * (r + n);
  }
  return o.Pw?.length ?? 1;
}

describe('a deep-sized instance of every solver family runs without throwing', () => {
  const claims = wzcLedger().claims;
  it('every family of a claim that is not solver-independent has a runner here', () => {
    const solverFamilies = new Set(claims.filter((c) => !c.tags.includes('solver-independent')).map((c) => c.familyName));
    expect([...solverFamilies].filter((f) => !(f in RUNNERS)).sort()).toEqual([]);
  });
  for (const [family, run] of Object.entries(RUNNERS)) {
    it(family, () => {
      const claim = claims.find((c) => c.familyName === family);
      expect(claim, family).toBeDefined();
      // the largest of a few deep draws (fast-check starts small), deterministic
      const xs = fc.sample(claim!.arbitrary('deep'), { numRuns: 60, seed: DEFAULT_SEED });
      const x = xs.reduce((a, b) => (size(b) > size(a) ? b : a));
      expect(() => run(x as never), `${family}: ${claim!.describe(x)}`).not.toThrow();
    });
  }
});
