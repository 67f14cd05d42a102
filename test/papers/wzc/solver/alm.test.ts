import { describe, it, expect } from 'vitest';
import { runAlm } from '../../../../src/papers/wzc/solver/alm.ts';
import { checkAlmHypotheses, tableTwo } from '../../../../src/papers/wzc/solver/defaults.ts';
import type { WzcFault } from '../../../../src/papers/wzc/solver/mutants.ts';
import { DivergenceError, type AlmResult, type OuterEvent } from '../../../../src/papers/wzc/solver/types.ts';
import { predictionError } from '../../../../src/models/elman.ts';
import { alParts } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import type { Dims, Problem } from '../../../../src/papers/wzc/problem/types.ts';
import { randomProblem, randomWeights, teacherProblem } from '../../../helpers/wzcInstance.ts';

const d: Dims = { T: 40, n: 3, m: 2, r: 6 };
const { params, lambda } = tableTwo('synthetic-T10', d);
const prob: Problem = { ...teacherProblem(d, 1), lambda };
const init = randomWeights(d, 5, 0.3);
const p = { ...params, outer: 30, inner: 10 };

function bits(a: Float64Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, 2 * a.length));
}

function fingerprint(res: AlmResult): unknown {
  const z = res.s.z;
  return {
    s: [z.W, z.V, z.b, z.A, z.c, res.s.h, res.s.u].map(bits),
    mult: [res.mult.xi, res.mult.zeta].map(bits),
    gamma: res.gamma, eps: res.eps,
    trace: res.trace.map(({ timeMs: _t, ...row }) => row),
    outer: res.outer,
  };
}

describe('Algorithm 3.1 (ALM) on a small teacher-RNN instance (Table 2, synthetic-T10 settings)', () => {
  const res = runAlm(prob, init, p);

  it('FeasVio jumps at k = 1 (s⁰ is feasible), then decreases', () => {
    const f = res.outer.map((o) => o.feasVio);
    expect(alParts(prob, res.s0, null, 1).feasVio).toBe(0);
    expect(f[0]).toBeGreaterThan(0);
    expect(res.outer[0].gammaIncreased).toBe(true); // (3.8) cannot hold against FeasVio(s⁰) = 0
    // oscillatory decrease (§5.3): the tail is well below the first jump
    expect(Math.max(...f.slice(-5))).toBeLessThan(0.1 * f[0]);
  });

  it('lowers the train error of the forward pass', () => {
    const before = predictionError(d, prob.data, init, prob.activation);
    const after = predictionError(d, prob.data, res.s.z, prob.activation);
    expect(after).toBeLessThan(0.25 * before);
  });

  it('records one trace row per BCD iteration and one outer row per k', () => {
    expect(res.outer.map((o) => o.k)).toEqual(Array.from({ length: p.outer }, (_, i) => i + 1));
    expect(res.trace.length).toBe(res.outer.reduce((s, o) => s + o.inner, 0));
    const eps = res.outer.map((o) => o.eps);
    eps.forEach((e, i) => expect(e).toBeCloseTo(p.eps0 * p.eta4 ** (i + 1), 15));
  });

  it('simd: false (JS kernels, heap arrays) gives the bit-identical run', () => {
    expect(fingerprint(runAlm(prob, init, p, undefined, { simd: false }))).toEqual(fingerprint(res));
  });

  it('is deterministic: same inputs, bit-identical outputs', () => {
    expect(fingerprint(runAlm(prob, init, p))).toEqual(fingerprint(res));
  });

  it('follows (3.7)–(3.9) step by step (checked through the observer)', () => {
    let feasPrev = 0;
    const seen: number[] = [];
    runAlm(prob, init, { ...p, outer: 8 }, {
      onOuter: (e: OuterEvent) => {
        const parts = alParts(prob, e.s, null, 1);
        expect(e.row.feasVio).toBeCloseTo(parts.feasVio, 12);
        const keep = parts.feasVio <= p.eta1 * feasPrev;
        expect(e.row.gammaIncreased).toBe(!keep);
        let nx = 0, nz = 0;
        for (let i = 0; i < e.mult.xi.length; i++) {
          nx += e.mult.xi[i] ** 2;
          nz += e.mult.zeta[i] ** 2;
        }
        const expected = keep ? e.gammaPrev : Math.max(e.gammaPrev / p.eta2, Math.sqrt(nx) ** (1 + p.eta3), Math.sqrt(nz) ** (1 + p.eta3));
        expect(e.row.gamma).toBe(expected);
        feasPrev = parts.feasVio;
        seen.push(e.k);
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('each planted ALM-level fault changes the run; an empty fault set changes nothing', () => {
    const short = { ...p, outer: 6 };
    const ref = JSON.stringify(fingerprint(runAlm(prob, init, short)));
    expect(JSON.stringify(fingerprint(runAlm(prob, init, { ...short, faults: new Set() })))).toBe(ref);
    const faults: WzcFault[] = ['xi-sign', 'zeta-sign', 'eps-frozen', 'penalty-branch'];
    for (const f of faults) {
      expect(JSON.stringify(fingerprint(runAlm(prob, init, { ...short, faults: new Set([f]) })))).not.toBe(ref);
    }
    // the fault lives in the run's options: the next run without it is the reference again
    expect(JSON.stringify(fingerprint(runAlm(prob, init, short)))).toBe(ref);
  });

  it("fault 'diverge-on-data' makes about 40% of problems throw DivergenceError, the same ones every time", () => {
    const small: Dims = { T: 4, n: 2, m: 1, r: 3 };
    const q = { ...params, outer: 2, inner: 3 };
    const faults = new Set(['diverge-on-data'] as const);
    let thrown = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const pr: Problem = { ...randomProblem(small, seed), lambda: tableTwo('synthetic-T10', small).lambda };
      const z0 = randomWeights(small, seed + 1000, 0.3);
      expect(() => runAlm(pr, z0, q)).not.toThrow();
      let err: unknown = null;
      try {
        runAlm(pr, z0, { ...q, faults });
      } catch (e) {
        err = e;
      }
      if (err !== null) {
        expect(err).toBeInstanceOf(DivergenceError);
        expect(err).toMatchObject({ k: 1, j: 1, block: 'u' });
        expect(() => runAlm(pr, z0, { ...q, faults })).toThrow(DivergenceError);
        thrown++;
      }
    }
    expect(thrown).toBeGreaterThan(60);
    expect(thrown).toBeLessThan(100);
  });

  it('the options carry the faults across a structured clone (what a worker thread receives)', () => {
    const short = { ...p, outer: 4, faults: new Set(['xi-sign'] as const) };
    const here = JSON.stringify(fingerprint(runAlm(prob, init, short)));
    const cloned = structuredClone({ prob, init, short });
    expect(cloned.short.faults).toEqual(short.faults);
    expect(JSON.stringify(fingerprint(runAlm(cloned.prob, cloned.init, cloned.short)))).toBe(here);
  });

  it('uses ξ0, ζ0 when given', () => {
    const xi0 = new Float64Array(d.T * d.r).fill(0.01), zeta0 = new Float64Array(d.T * d.r).fill(-0.01);
    const r1 = runAlm(prob, init, { ...p, outer: 1 }, undefined, { xi0, zeta0 });
    const r0 = runAlm(prob, init, { ...p, outer: 1 });
    expect(r1.trace[0].L).not.toBe(r0.trace[0].L);
    expect(xi0[0]).toBe(0.01); // inputs are not modified
  });
});

describe('ALM failure paths', () => {
  it('a huge γ0 overflows the z-step: DivergenceError carrying s⁰', () => {
    try {
      runAlm(prob, init, { ...p, gamma0: 1e308 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DivergenceError);
      const err = e as DivergenceError;
      expect([err.k, err.j, err.block]).toEqual([1, 1, 'z']);
      expect(Array.from(err.lastFinite.u)).toEqual(Array.from(runAlm(prob, init, { ...p, outer: 1, inner: 1 }).s0.u));
    }
  });

  it('poisoned (huge but finite) data: DivergenceError, not a crash or NaN output', () => {
    const X = prob.data.X.slice();
    X[3] = 1e200;
    expect(() => runAlm({ ...prob, data: { ...prob.data, X } }, init, p)).toThrow(DivergenceError);
  });

  it('rejects undefined inputs with RangeError', () => {
    const X = prob.data.X.slice();
    X[0] = NaN;
    expect(() => runAlm({ ...prob, data: { ...prob.data, X } }, init, p)).toThrow(RangeError);
    expect(() => runAlm(prob, init, { ...p, gamma0: 0 })).toThrow(RangeError);
    expect(() => runAlm(prob, init, { ...p, inner: 0 })).toThrow(RangeError);
    expect(() => runAlm({ ...prob, lambda: [1, 1, 1, 1, 0, 1] }, init, p)).toThrow(RangeError);
  });
});

describe('Table 2 defaults', () => {
  it('λ and η per setting; Table 2 violates η3 > 1 and the check says so', () => {
    const dims: Dims = { T: 500, n: 80, m: 30, r: 100 };
    const t = tableTwo('synthetic-T500', dims);
    expect(t.lambda).toEqual([500 / 3000, 500 / 10000, 500 / 8000, 5, 500 / 30, 1e-8]);
    expect([t.params.eta1, t.params.eta2, t.params.eta3, t.params.eta4, t.params.outer, t.params.inner]).toEqual([0.9, 0.9, 0.015, 0.8, 100, 500]);
    expect(tableTwo('sp500', dims).params.outer).toBe(200);
    const v = checkAlmHypotheses(t.params, t.lambda);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatch(/η3/);
    expect(checkAlmHypotheses({ ...t.params, eta3: 2 }, t.lambda)).toEqual([]);
    expect(checkAlmHypotheses({ ...t.params, eta3: 2, mu: 0, eta1: 1 }, [1, 1, 1, 1, 1, 0])).toHaveLength(3);
  });
});
