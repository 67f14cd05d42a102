// AP-ADMMiRNN on one Problem 2 (`staleSweep.ts`): τ = 1, and any τ with every delay 0, is Algorithm 1 bit for bit;
// a delayed state block reads the parameters at the start of the iteration the delay names, and nothing else.
import { describe, expect, it } from 'vitest';
import { buildPoint, clonePoint, type PointSpec } from '../../../../../src/papers/tks/claims/_internals/points.ts';
import { ctxOf } from '../../../../../src/papers/tks/claims/_internals/runs.ts';
import { cloneParams, type Params } from '../../../../../src/papers/tks/problem/types.ts';
import { admmIteration, ALGORITHM1_ORDER, invalidateProducts, runBlock, runMultipliers, TksDivergenceError } from '../../../../../src/papers/tks/solver/iteration.ts';
import { apIteration, newParamHistory } from '../../../../../src/papers/tks/solver/parallel/staleSweep.ts';
import { allocWorkspace } from '../../../../../src/papers/tks/solver/workspace.ts';

const SPEC: PointSpec = {
  dims: { N: 3, B: 2, d: 3, h: 4, q: 3 }, loss: 'cross-entropy', inputs: 'onehot', seed: 11,
  hyper: { nu: 0.3, rho1: 2, rho2: 2.5, rho3: 3, r: 0.05, omega: 0.01 }, paramScale: 0.7, noise: 0.3, lambda: 0.5,
};
const NONE = new Set<string>();

function bits(pt: ReturnType<typeof buildPoint>): number[] {
  return [pt.p.u, pt.p.w, pt.p.b, pt.p.v, pt.p.c, pt.aux.a, pt.aux.s, pt.aux.o, pt.mult.l1, pt.mult.l2, pt.mult.l3].flatMap((x) => Array.from(x));
}

function vanilla(K: number) {
  const pt = buildPoint(SPEC);
  const ws = allocWorkspace(pt.batch.dims, false);
  invalidateProducts(ws);
  for (let k = 0; k < K; k++) admmIteration(ctxOf(pt, NONE), pt, ws);
  return pt;
}

describe('apIteration (AP-ADMMiRNN on one problem)', () => {
  it('τ = 1, and τ = 3 with every delay 0, give Algorithm 1\'s iterates bit for bit', () => {
    for (const tau of [1, 3]) {
      const pt = buildPoint(SPEC);
      const ws = allocWorkspace(pt.batch.dims, false);
      const hist = newParamHistory(pt.p, tau);
      for (let k = 0; k < 4; k++) apIteration(ctxOf(pt, NONE), pt, ws, hist, () => 0);
      expect(bits(pt)).toEqual(bits(vanilla(4)));
    }
  });

  it('a state block with delay d reads θ at the start of iteration k − d + 1; parameter blocks read the newest states', () => {
    // iteration 3 with τ = 3: the state blocks read θ at the start of iteration 2 (d = 2); replay by hand
    const pt = buildPoint(SPEC);
    const ws = allocWorkspace(pt.batch.dims, false);
    const hist = newParamHistory(pt.p, 3);
    const starts: Params[] = [];
    const seen: { name: string; d: number }[] = [];
    for (let k = 1; k <= 2; k++) {
      starts.push(cloneParams(pt.p));
      apIteration(ctxOf(pt, NONE), pt, ws, hist, () => 0);
    }
    const ref = clonePoint(pt);
    apIteration(ctxOf(pt, NONE), pt, ws, hist, (name, i) => {
      seen.push({ name, d: 2 });
      return i < 8 ? 2 : 7; // 7 is clamped to τ − 1 = 2
    });
    expect(seen.map((x) => x.name)).toEqual(ALGORITHM1_ORDER.filter((n) => n === 'o' || n === 's' || n === 'a'));
    const rws = allocWorkspace(ref.batch.dims, false);
    for (const name of ALGORITHM1_ORDER) {
      invalidateProducts(rws);
      runBlock(ctxOf(ref, NONE), name, name === 'o' || name === 's' || name === 'a' ? { ...ref, p: starts[1] } : ref, rws);
    }
    invalidateProducts(rws);
    runMultipliers(ctxOf(ref, NONE), ref, rws);
    expect(bits(pt)).toEqual(bits(ref));
  });

  it('rejects τ < 1 and reports a non-finite iterate as a divergence', () => {
    const pt = buildPoint(SPEC);
    expect(() => newParamHistory(pt.p, 0)).toThrow(/tau must be an integer ≥ 1, got 0/);
    const big = buildPoint({ ...SPEC, paramScale: 1e200 });
    const ws = allocWorkspace(big.batch.dims, false);
    expect(() => apIteration(ctxOf(big, NONE), big, ws, newParamHistory(big.p, 2), () => 1)).toThrow(TksDivergenceError);
  });
});
