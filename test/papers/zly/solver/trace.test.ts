/**
 * The solver's trace against the reference implementations (problem/lagrangian.ts, network.ts,
 * theory/gradient.ts), initialization (7), determinism (rerun, SIMD on/off), faults wiring, and divergence.
 */
import { describe, expect, it } from 'vitest';
import { constraintResiduals, zlyLagrangian, zlyLyapunov } from '../../../../src/papers/zly/problem/lagrangian.ts';
import { forwardPass, trainingMse } from '../../../../src/papers/zly/problem/network.ts';
import { lyapunovWeights } from '../../../../src/papers/zly/problem/conditions.ts';
import { zlyGradientNorm } from '../../../../src/papers/zly/theory/gradient.ts';
import { ZlyAdmm, runZlyAdmm, ZlySolverInputError } from '../../../../src/papers/zly/solver/admm.ts';
import { ZLY_FAULT_IDS, faultFlags } from '../../../../src/papers/zly/solver/faults.ts';
import { sqdist, sqnorm } from '../../../../src/linalg/index.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { initFor, randomProblem, recordRun } from '../../../helpers/zly.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('ZLY trace', () => {
  for (const d of [[3, 4, 1], [2, 5, 4, 2], [2, 6, 2, 5, 1]]) {
    it(`matches the reference evaluations, d = ${d.join(',')}`, () => {
      const prob = randomProblem(21, d, 8, d.length === 4 ? 'tanh' : 'sigmoid');
      const W0 = initFor(prob, 3);
      const { solver, snaps } = recordRun(prob, W0, 5);
      expect(solver.xi).toEqual(lyapunovWeights(prob, W0));
      for (const s of snaps) {
        const r = s.row;
        const ref = zlyLagrangian(prob, s.next);
        expect(rel(r.L, ref.L)).toBeLessThan(1e-12);
        expect(rel(r.lyapunov, zlyLyapunov(prob, s.next, s.prev.V, solver.xi))).toBeLessThan(1e-12);
        expectClose(r.residual, ref.residual, 1e-12);
        expectClose(r.residual, constraintResiduals(prob, s.next).map((c) => Math.sqrt(sqnorm(c))), 1e-12);
        expect(rel(r.gradNorm as number, zlyGradientNorm(prob, s.next))).toBeLessThan(1e-11);
        expect(rel(r.mseNet as number, trainingMse(prob.dims, prob.X, prob.Y, s.next.W, prob.activation))).toBeLessThan(1e-12);
        expect(rel(r.mseVN, sqdist(s.next.V[d.length - 2], prob.Y) / prob.Y.length)).toBeLessThan(1e-12);
        const steps = (a: Float64Array[], b: Float64Array[]) => a.map((x, i) => Math.sqrt(sqdist(x, b[i])));
        expectClose(r.stepW, steps(s.next.W, s.prev.W), 1e-12);
        expectClose(r.stepV, steps(s.next.V, s.prev.V), 1e-12);
        expectClose(r.stepLambda, steps(s.next.Lambda, s.prev.Lambda), 1e-12);
        expect(r.k).toBe(s.k);
        expect(r.timeMs).toBeGreaterThanOrEqual(0);
      }
    });
  }

  it('view() gives Q^k and Q^{k−1} without copies; the trace outgrows its first buffer', () => {
    const prob = randomProblem(8, [2, 3, 2], 5, 'tanh');
    const s = new ZlyAdmm(prob, initFor(prob, 1), { trace: 'light' });
    expect(s.simd).toBe(true);
    const v0 = s.view();
    expect(v0.previous).toEqual(v0.current);
    let before = s.current();
    for (let k = 1; k <= 70; k++) {
      s.step();
      const v = s.view();
      expect(v.previous).toEqual(before);
      expect(v.current).toEqual(s.current());
      before = s.current();
    }
    const rows = s.trace();
    expect(rows).toHaveLength(70);
    expect(rows.map((r) => r.k)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(new ZlyAdmm(prob, initFor(prob, 1), { simd: false }).simd).toBe(false);
  });

  it('light trace leaves out ‖∇L‖ and the forward-pass MSE', () => {
    const prob = randomProblem(2, [2, 3, 1], 4);
    const res = runZlyAdmm(prob, initFor(prob, 1), 2, { trace: 'light' });
    expect(res.trace[0].gradNorm).toBeUndefined();
    expect(res.trace[0].mseNet).toBeUndefined();
  });
});

describe('ZLY initialization (7)', () => {
  it('V⁰ is the forward pass of W⁰, Λ⁰ = 0, constraints hold exactly', () => {
    const prob = randomProblem(4, [2, 5, 3, 2], 6, 'tanh');
    const W0 = initFor(prob, 8);
    const s = new ZlyAdmm(prob, W0);
    const q = s.current();
    const V0 = forwardPass(prob.dims, prob.X, W0, prob.activation);
    q.V.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(V0[i])));
    q.Lambda.forEach((l) => expect(l.every((x) => x === 0)).toBe(true));
    expect(s.initial.residual).toEqual([0, 0, 0]);
    expect(s.initial.L).toBeCloseTo(zlyLagrangian(prob, q).L, 12);
    expect(s.initial.mseNet).toBe(s.initial.mseVN);
  });
});

describe('ZLY determinism', () => {
  const prob = randomProblem(9, [3, 12, 9, 2], 20, 'sigmoid', [4, 2, 3.5], 1e-3);
  const W0 = initFor(prob, 4);
  const strip = (r: ReturnType<typeof runZlyAdmm>) => ({ ...r, trace: r.trace.map(({ timeMs: _t, ...rest }) => rest) });

  it('the same inputs give the same trajectory, bit for bit', () => {
    expect(strip(runZlyAdmm(prob, W0, 6))).toEqual(strip(runZlyAdmm(prob, W0, 6)));
  });

  it('the SIMD arena and plain JS give identical results', () => {
    const a = runZlyAdmm(prob, W0, 6, { simd: true });
    const b = runZlyAdmm(prob, W0, 6, { simd: false });
    expect(strip(a)).toEqual(strip(b));
  });
});

describe('ZLY faults', () => {
  const prob = randomProblem(5, [2, 5, 4, 3, 2], 8, 'sigmoid');
  const W0 = initFor(prob, 6);
  const base = runZlyAdmm(prob, W0, 4).final;

  it('no faults = an empty fault set', () => {
    expect(runZlyAdmm(prob, W0, 4, { faults: new Set() }).final).toEqual(base);
  });

  for (const f of ZLY_FAULT_IDS) {
    it(`${f} changes the trajectory`, () => {
      const res = runZlyAdmm(prob, W0, 4, { faults: new Set([f]) });
      expect(res.final).not.toEqual(base);
    });
  }

  it('an unknown fault id is an error', () => {
    expect(() => faultFlags(new Set(['dual-sign']))).toThrow(/unknown ZLY fault "dual-sign"/);
  });
});

describe('ZLY divergence and bad inputs', () => {
  it('a non-finite step leaves the last finite iterate and stops the run', () => {
    const prob = randomProblem(1, [2, 3, 1], 4);
    const X = prob.X.map((x) => x * 1e200);
    const huge = { ...prob, X };
    const W0 = initFor(prob, 2);
    const s = new ZlyAdmm(huge, W0);
    const q0 = s.current();
    expect(s.step()).toBeNull();
    expect(s.diverged).toBe(true);
    expect(s.current()).toEqual(q0);
    expect(() => s.step()).toThrow(/diverged/);
    const res = runZlyAdmm(huge, W0, 3);
    expect(res.status).toBe('diverged');
    expect(res.iterations).toBe(0);
  });

  it('names the reason: a system not positive definite, or a non-finite value', () => {
    const prob = randomProblem(1, [2, 3, 1], 4);
    const W0 = initFor(prob, 2);
    expect(runZlyAdmm({ ...prob, X: prob.X.map((x) => x * 1e200) }, W0, 2).divergence).toMatch(/not positive definite: pivot 0 is Infinity at iteration 1$/);
    expect(runZlyAdmm({ ...prob, Y: prob.Y.map((y) => y * 1e300) }, W0, 2).divergence).toBe('non-finite value at iteration 1');
    expect(runZlyAdmm(prob, W0, 2).divergence).toBeUndefined();
  });

  it('rejects shapes and parameters it cannot run on', () => {
    const prob = randomProblem(1, [2, 3, 1], 4);
    const W0 = initFor(prob, 2);
    expect(() => new ZlyAdmm({ ...prob, lambda: 0 }, W0)).toThrow(ZlySolverInputError);
    expect(() => new ZlyAdmm({ ...prob, beta: [1] }, W0)).toThrow(/beta/);
    expect(() => new ZlyAdmm({ ...prob, beta: [1, -1] }, W0)).toThrow(/beta\[1\]/);
    expect(() => new ZlyAdmm(prob, W0.slice(0, 1))).toThrow(/W0/);
    expect(() => new ZlyAdmm(prob, [W0[0], new Float64Array(2)])).toThrow(/W0\[1\]/);
    expect(() => new ZlyAdmm({ ...prob, dims: { n: 4, d: [2, 1] }, Y: new Float64Array(4) }, [new Float64Array(2)])).toThrow(/N ≥ 2/);
  });
});
