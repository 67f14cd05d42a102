import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activationArb, ELU_ALPHA_HARD, ELU_ALPHA_MAX, eluAlphaArb, LEAKY_SLOPE_HARD, leakySlopeArb,
} from '../../../../../src/papers/wzc/claims/_internals/activationArbs.ts';
import { sigmaOneLipschitz } from '../../../../../src/papers/wzc/claims/_internals/common.ts';
import type { Activation, Problem } from '../../../../../src/papers/wzc/problem/types.ts';

describe('activation parameters over their ranges', () => {
  it('leaky slope ϖ: inside (0, 1), the hard values and both ends of the interval', () => {
    const xs = fc.sample(leakySlopeArb(), { numRuns: 2000, seed: 1 });
    for (const x of xs) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(1);
    }
    for (const h of LEAKY_SLOPE_HARD) expect(xs).toContain(h);
    const offGrid = xs.filter((x) => !(LEAKY_SLOPE_HARD as readonly number[]).includes(x));
    expect(new Set(offGrid).size).toBeGreaterThan(500);
    expect(offGrid.some((x) => x < 0.05) && offGrid.some((x) => x > 0.95)).toBe(true);
  });
  it('ELU α: inside (0, 4], α = 1 in about a quarter of the draws, the hard values, and α > 1 often', () => {
    const xs = fc.sample(eluAlphaArb(), { numRuns: 2000, seed: 2 });
    for (const x of xs) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThanOrEqual(ELU_ALPHA_MAX);
    }
    const ones = xs.filter((x) => x === 1).length / xs.length;
    expect(ones).toBeGreaterThan(0.2);
    expect(ones).toBeLessThan(0.32);
    for (const h of ELU_ALPHA_HARD) expect(xs).toContain(h);
    expect(xs.filter((x) => x > 1).length / xs.length).toBeGreaterThan(0.4);
    expect(xs.filter((x) => x < 0.5).length / xs.length).toBeGreaterThan(0.1);
  });
  it('the problem families draw all three activations, with parameters other than the old fixed ones', () => {
    const acts = fc.sample(activationArb(), { numRuns: 1000, seed: 3 });
    const kinds = new Map<string, number>();
    for (const a of acts) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
    expect(kinds.get('relu')).toBeGreaterThan(500);
    expect(kinds.get('leaky-relu')).toBeGreaterThan(120);
    expect(kinds.get('elu')).toBeGreaterThan(120);
    expect(acts.some((a) => a.kind === 'elu' && a.alpha !== 1)).toBe(true);
    expect(acts.some((a) => a.kind === 'leaky-relu' && ![0.01, 0.1, 0.5].includes(a.slope))).toBe(true);
  });
  it('σ 1-Lipschitz: ReLU, leaky ReLU and ELU up to α = 1 meet it, ELU with α > 1 does not', () => {
    const h = sigmaOneLipschitz<{ prob: Problem }>();
    const at = (activation: Activation) => h.test({ prob: { activation } as Problem });
    expect(at({ kind: 'relu' })).toBe(true);
    expect(at({ kind: 'leaky-relu', slope: 0.999 })).toBe(true);
    expect(at({ kind: 'elu', alpha: 1 })).toBe(true);
    expect(at({ kind: 'elu', alpha: 0.01 })).toBe(true);
    expect(at({ kind: 'elu', alpha: 1.01 })).toMatch(/1\.01-Lipschitz/);
  });
});
