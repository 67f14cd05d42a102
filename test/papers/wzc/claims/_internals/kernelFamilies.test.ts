/**
 * The kernel-path instances of the z-step, h-step and descent claims: at ci with the engine's seed each claim
 * draws a few instances with the dimensions that reach the SIMD edge paths and the blocked Cholesky's panel path,
 * some of them with SIMD off, and such instances get the same verdict with SIMD on and off (the two paths are
 * bit-identical, so margins and details match too).
 */
import { evaluateInstance } from '../../../../../src/engine/evaluate.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SEED } from '../../../../../src/engine/runner.ts';
import { DEFAULT_RTOL } from '../../../../../src/engine/tolerance.ts';
import type { Problem } from '../../../../../src/papers/wzc/problem/types.ts';
import { ledgerClaim } from '../../../../../properties/helpers.ts';

type Drawn = { prob: Problem; simd?: boolean };

/** r ≥ 5 and T ≥ 5: only the kernel-path dimensions have both (the small ones stop at r ≤ 4). */
const isKernelSized = (x: Drawn) => x.prob.data.dims.r >= 5 && x.prob.data.dims.T >= 5;

describe('kernel-path instances at ci', () => {
  for (const id of ['wzc.eq3.14.z-step', 'wzc.eq3.18.h-step', 'wzc.eqA.14.descent']) {
    it(`${id}: draws kernel-path instances, SIMD off in some, and their verdicts do not depend on SIMD`, () => {
      const claim = ledgerClaim(id);
      const xs = fc.sample(claim.arbitrary('ci') as fc.Arbitrary<Drawn>, { numRuns: claim.runs.ci ?? 100, seed: DEFAULT_SEED });
      const large = xs.filter(isKernelSized);
      const panel = large.filter((x) => x.prob.data.dims.r + x.prob.data.dims.n + 1 > 16);
      const off = large.filter((x) => x.simd === false);
      const panelOff = panel.filter((x) => x.simd === false).length;
      console.log(`${id}: ${large.length} of ${xs.length} kernel-path instances, ${panel.length} with r + n + 1 > 16 (${panelOff} of them with SIMD off), ${off.length} with SIMD off`);
      expect(large.length).toBeGreaterThanOrEqual(4);
      expect(panel.length).toBeGreaterThanOrEqual(1);
      expect(off.length).toBeGreaterThanOrEqual(1);
      expect(xs.filter((x) => !isKernelSized(x)).every((x) => x.simd === undefined)).toBe(true);
      const ctx = { rtol: DEFAULT_RTOL, faults: new Set<string>() };
      // both paths on two panel-size and two edge-size instances (the z-step's explicit oracles cost ~0.1 s each)
      const compared = [...panel.slice(0, 2), ...large.filter((x) => !panel.includes(x)).slice(0, 2)];
      for (const x of compared) {
        const on = evaluateInstance(claim, { ...x, simd: true }, ctx);
        expect(on).toMatchObject({ verdict: { status: 'holds' } });
        expect(evaluateInstance(claim, { ...x, simd: false }, ctx)).toEqual(on);
      }
    });
  }
});
