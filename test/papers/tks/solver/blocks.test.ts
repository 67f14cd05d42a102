import { describe, expect, it } from 'vitest';
import { mulberry32, gaussian } from '../../../../src/core/rng.ts';
import { lossLipschitz } from '../../../../src/papers/tks/problem/loss.ts';
import type { BlockContext } from '../../../../src/papers/tks/solver/blocks.ts';
import { flagsOf, isTksFault, TKS_FAULT_IDS } from '../../../../src/papers/tks/solver/faults.ts';
import {
  admmIteration, ALGORITHM1_ORDER, invalidateProducts, runBlock, runMultipliers, TksDivergenceError, type BlockName, type SolverState,
} from '../../../../src/papers/tks/solver/iteration.ts';
import { allocWorkspace } from '../../../../src/papers/tks/solver/workspace.ts';
import { alValue, residuals, type TksPoint } from '../../../../src/papers/tks/theory/lagrangian.ts';
import { blockModel, blockModelGradient, blockOf } from '../../../../src/papers/tks/theory/models.ts';
import { clonePoint, randomPoint, type PointOptions } from '../../../helpers/tksInstance.ts';

const BLOCKS: BlockName[] = ['o', 'c', 'v', 's', 'a', 'b', 'w', 'u'];

function ctxOf(pt: TksPoint, faults?: ReadonlySet<string>): BlockContext {
  const { N, B } = pt.batch.dims;
  return { dims: pt.batch.dims, hp: pt.hp, H: lossLipschitz(pt.batch.y.kind === 'classes' ? 'cross-entropy' : 'squared', N * B), faults: flagsOf(faults) };
}

/** Run one block of the solver on a copy of `pt`; returns the new point. */
function step(pt: TksPoint, X: BlockName, faults?: ReadonlySet<string>): TksPoint {
  const q = clonePoint(pt);
  const st: SolverState = { p: q.p, aux: q.aux, mult: q.mult, batch: q.batch };
  const ws = allocWorkspace(q.batch.dims, q.batch.x.kind === 'dense');
  invalidateProducts(ws);
  runBlock(ctxOf(q, faults), X, st, ws);
  return q;
}

const maxAbs = (a: ArrayLike<number>): number => {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k]));
  return m;
};

const CASES: [string, PointOptions][] = [
  ['cross-entropy, one-hot', { loss: 'cross-entropy', inputs: 'onehot' }],
  ['squared, dense', { loss: 'squared', inputs: 'dense' }],
  ['cross-entropy, dense, N = 1', { inputs: 'dense', dims: { N: 1 } }],
  ['cross-entropy, one-hot, N = 2, large λ', { dims: { N: 2 }, lambda: 3 }],
];

describe('TKS block updates: each minimizes its model of (8), and the step lowers (8)', () => {
  for (const [label, opts] of CASES) {
    for (const seed of [11, 12, 13]) {
      const pt = randomPoint(seed, opts);
      for (const X of BLOCKS) {
        it(`${X}-step (${label}, seed ${seed})`, () => {
          const L0 = alValue(pt).L;
          const Xk = blockOf(pt, X);
          // the model touches (8) at the current iterate
          expect(Math.abs(blockModel(pt, X, Xk) - L0)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(L0)));
          const next = step(pt, X);
          const Y = blockOf(next, X);
          const mY = blockModel(pt, X, Y);
          const L1 = alValue(next).L;
          // first-order condition of the model at the update, relative to the model's gradient at X^k
          const g0 = maxAbs(blockModelGradient(pt, X, Xk));
          expect(maxAbs(blockModelGradient(pt, X, Y))).toBeLessThanOrEqual(1e-9 * Math.max(1, g0));
          // perturbations do not lower the model
          const g = gaussian(mulberry32(seed * 31 + X.charCodeAt(0)));
          for (const size of [1e-4, 1e-2, 1]) {
            for (let rep = 0; rep < 4; rep++) {
              const Z = Y.map((y) => y + size * g() * (1 + Math.abs(y)));
              expect(blockModel(pt, X, Z)).toBeGreaterThanOrEqual(mY - 1e-12 * Math.max(1, Math.abs(mY)));
            }
          }
          // the model majorizes (8), so (8) decreases: L1 ≤ m(Y) ≤ m(X^k) = L0
          expect(L1).toBeLessThanOrEqual(mY + 1e-12 * Math.max(1, Math.abs(mY)));
          expect(mY).toBeLessThanOrEqual(L0 + 1e-12 * Math.max(1, Math.abs(L0)));
          expect(L1).toBeLessThan(L0);
        });
      }
    }
  }
});

describe('TKS multiplier update (15)', () => {
  it('λ_i ← λ_i + ρ_i r_{i,N} with the residuals of the oracle', () => {
    const pt = randomPoint(21);
    const q = clonePoint(pt);
    const ws = allocWorkspace(q.batch.dims, false);
    invalidateProducts(ws);
    runMultipliers(ctxOf(q), { p: q.p, aux: q.aux, mult: q.mult, batch: q.batch }, ws);
    const { N, B, h, q: Q } = pt.batch.dims;
    const { r1, r2, r3 } = residuals(pt);
    for (let k = 0; k < B * h; k++) {
      expect(q.mult.l1[k]).toBeCloseTo(pt.mult.l1[k] + pt.hp.rho1 * r1[(N - 1) * B * h + k], 12);
      expect(q.mult.l2[k]).toBeCloseTo(pt.mult.l2[k] + pt.hp.rho2 * r2[(N - 1) * B * h + k], 12);
    }
    for (let k = 0; k < B * Q; k++) expect(q.mult.l3[k]).toBeCloseTo(pt.mult.l3[k] + pt.hp.rho3 * r3[(N - 1) * B * Q + k], 12);
  });
});

describe('TKS planted faults', () => {
  it('every fault changes the result of one iteration of Algorithm 1', () => {
    const pt = randomPoint(31, { dims: { N: 3 } });
    const run = (faults?: ReadonlySet<string>): TksPoint => {
      const q = clonePoint(pt);
      const st: SolverState = { p: q.p, aux: q.aux, mult: q.mult, batch: q.batch };
      const ws = allocWorkspace(q.batch.dims, false);
      invalidateProducts(ws);
      const ctx = ctxOf(q, faults);
      for (const X of ALGORITHM1_ORDER) runBlock(ctx, X, st, ws);
      runMultipliers(ctx, st, ws);
      return q;
    };
    const clean = run();
    for (const f of TKS_FAULT_IDS) {
      const bad = run(new Set([f]));
      const diff = maxAbs([...bad.p.u].map((x, k) => x - clean.p.u[k])) + maxAbs([...bad.mult.l1].map((x, k) => x - clean.mult.l1[k]))
        + maxAbs([...bad.aux.o].map((x, k) => x - clean.aux.o[k]));
      expect(diff, f).toBeGreaterThan(1e-8);
    }
  });
});

describe('TKS Algorithm 1 driver', () => {
  it('calls the observer after each of the 16 block updates in Algorithm 1\'s order, then after (15)', () => {
    const pt = clonePoint(randomPoint(41));
    const ws = allocWorkspace(pt.batch.dims, false);
    invalidateProducts(ws);
    const seen: string[] = [];
    admmIteration(ctxOf(pt), { p: pt.p, aux: pt.aux, mult: pt.mult, batch: pt.batch }, ws, {
      onBlock: (name, index) => seen.push(`${index}:${name}`),
      onMultipliers: () => seen.push('λ'),
    });
    expect(seen).toEqual([...ALGORITHM1_ORDER.map((n, i) => `${i}:${n}`), 'λ']);
  });
  it('raises TksDivergenceError naming the block when an iterate turns non-finite', () => {
    const pt = clonePoint(randomPoint(42));
    pt.mult.l3[0] = NaN; // poisons v at the v-step; the s-step's system then fails
    const ws = allocWorkspace(pt.batch.dims, false);
    invalidateProducts(ws);
    expect(() => admmIteration(ctxOf(pt), { p: pt.p, aux: pt.aux, mult: pt.mult, batch: pt.batch }, ws))
      .toThrow(/^ADMMiRNN diverged: non-finite values after the s \(step 4 of 16\) update \(TKS s-step/);
    const q = clonePoint(randomPoint(43, { dims: { N: 1 } }));
    q.mult.l2[0] = NaN; // with N = 1 only s_N and a_N see λ2; nothing non-finite reaches a linear system before the check
    const ws2 = allocWorkspace(q.batch.dims, false);
    invalidateProducts(ws2);
    let err: unknown;
    try {
      admmIteration(ctxOf(q), { p: q.p, aux: q.aux, mult: q.mult, batch: q.batch }, ws2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TksDivergenceError);
  });
  it('fault ids: the catalogue, and ids of other papers are ignored', () => {
    expect(TKS_FAULT_IDS.length).toBeGreaterThanOrEqual(6);
    expect(isTksFault('lambda-sign')).toBe(true);
    expect(isTksFault('xi-sign')).toBe(false);
    expect(Object.values(flagsOf(new Set(['xi-sign']))).some(Boolean)).toBe(false);
  });
});
