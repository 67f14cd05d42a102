import { describe, it, expect } from 'vitest';
import { bcdWorkspace, runBcd, TraceBuffer, type BcdArgs } from '../../../../src/papers/wzc/solver/bcd.ts';
import type { AlmParams, BcdStartEvent, BcdStepEvent } from '../../../../src/papers/wzc/solver/types.ts';
import { alParts } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import { forward, psiW } from '../../../../src/models/elman.ts';
import { uStepInto } from '../../../../src/papers/wzc/solver/uStep.ts';
import type { Activation, Dims, Iterate, Multipliers, Problem } from '../../../../src/papers/wzc/problem/types.ts';
import { cloneIterate } from '../../../../src/papers/wzc/problem/types.ts';
import { randomIterate, randomMultipliers, randomProblem, randomWeights } from '../../../helpers/wzcInstance.ts';

const base: AlmParams = { gamma0: 1, mu: 1e-5, eps0: 0, Gamma: 1e300, eta1: 0.9, eta2: 0.9, eta3: 1.5, eta4: 0.8, outer: 1, inner: 15 };

function feasibleStart(prob: Problem, seed: number): Iterate {
  const z = randomWeights(prob.data.dims, seed, 0.4);
  return { z, ...forward(prob.data.dims, prob.data.X, z, prob.activation) };
}

function args(prob: Problem, s0: Iterate, mult: Multipliers, gamma: number, over: Partial<BcdArgs> = {}): BcdArgs {
  return { k: 1, s0, sPrev: s0, mult, gamma, eps: 0, params: base, trace: new TraceBuffer(64), t0: 0, ...over };
}

/** Descent tolerance: exact minimizers, so only rounding in L's O(100) terms, each ≲ ε·|L|. */
const tol = (L: number): number => 1e-10 * Math.max(1, Math.abs(L));

const acts: Activation[] = [{ kind: 'relu' }, { kind: 'leaky-relu', slope: 0.1 }, { kind: 'elu', alpha: 1 }];

describe('Algorithm 3.2 (BCD)', () => {
  it('never increases L across the z, h and u steps (A.14), on 36 seeded instances and multipliers', () => {
    let checked = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const d: Dims = { T: 3 + (seed % 5), n: 1 + (seed % 3), m: 1 + (seed % 2), r: 2 + (seed % 4) };
      for (const act of acts) {
        const prob = randomProblem(d, seed, act);
        const s0 = seed % 2 ? feasibleStart(prob, seed + 100) : randomIterate(d, seed + 100);
        const mult = randomMultipliers(d, seed + 200, seed % 3);
        const gamma = [0.1, 1, 10, 1000][seed % 4];
        const steps: BcdStepEvent[] = [];
        const observer = {
          onBcdStep: (e: BcdStepEvent) => {
            expect(e.Lz).toBeLessThanOrEqual(e.Lprev + tol(e.Lprev));
            expect(e.Lh).toBeLessThanOrEqual(e.Lz + tol(e.Lz));
            expect(e.L).toBeLessThanOrEqual(e.Lh + tol(e.Lh));
            steps.push(e);
            checked++;
          },
        };
        const ws = bcdWorkspace(prob, true);
        const trace = new TraceBuffer(4);
        const out = runBcd(ws, args(prob, s0, mult, gamma, { observer, trace }));
        expect(out.j).toBe(base.inner);
        // the cheap trace value of L agrees with the reference evaluator at s^{(j)}
        for (let i = 0; i < trace.length; i++) {
          const row = trace.row(i);
          expect(Math.abs(row.L - steps[i].L)).toBeLessThanOrEqual(tol(row.L));
        }
        // the result left in ws.cur is the last iterate, and its FeasVio is the trace's
        const last = trace.row(trace.length - 1);
        const parts = alParts(prob, ws.cur, mult, gamma);
        expect(Math.abs(parts.feasVio - last.feasVio)).toBeLessThanOrEqual(1e-10 * Math.max(1, parts.feasVio));
      }
    }
    expect(checked).toBe(36 * base.inner);
  });

  it('stop test (3.17): stops at the first j with ‖s^j − s^{j−1}‖ ≤ ε/max{L1, L2, μ}', () => {
    const d: Dims = { T: 6, n: 2, m: 2, r: 3 };
    const prob = randomProblem(d, 3);
    const s0 = feasibleStart(prob, 4);
    const mult = randomMultipliers(d, 5, 0.3);
    const free = new TraceBuffer(16);
    const ref = runBcd(bcdWorkspace(prob, false), args(prob, s0, mult, 2, { trace: free }));
    expect(ref.status).toBe('max-inner');
    const steps = free.rows().map((r) => r.step);
    const scale = Math.max(ref.L1, ref.L2, base.mu);
    // choose ε so that the threshold sits just above the 5th step (a relative 1e-9 above, so the rounding of
    // ε/max{…} cannot drop it below): the run must stop at the first j whose step ≤ it
    const thr = steps[4] * (1 + 1e-9);
    const first = steps.findIndex((s) => s <= thr) + 1;
    const trace = new TraceBuffer(16);
    const out = runBcd(bcdWorkspace(prob, false), args(prob, s0, mult, 2, { eps: thr * scale, trace }));
    expect(out.status).toBe('converged');
    expect(out.j).toBe(first);
    expect(trace.rows().map((r) => r.step)).toEqual(steps.slice(0, first));
    // a huge ε stops after one sweep
    const one = runBcd(bcdWorkspace(prob, false), args(prob, s0, mult, 2, { eps: 1e300 }));
    expect([one.status, one.j]).toEqual(['converged', 1]);
  });

  it('exact test (4.9) with ε = 0: stops exactly on a zero step, at a fixed point of the sweep', () => {
    const d: Dims = { T: 4, n: 2, m: 1, r: 2 };
    const prob = randomProblem(d, 8);
    const s0 = feasibleStart(prob, 9);
    const mult = randomMultipliers(d, 10, 0.2);
    const trace = new TraceBuffer(16);
    const ws = bcdWorkspace(prob, false);
    const p = { ...base, inner: 3000 };
    // this seeded instance reaches a floating-point fixed point after ~1300 sweeps
    const out = runBcd(ws, args(prob, s0, mult, 1, { params: p, trace }));
    expect(out.status).toBe('converged');
    const rows = trace.rows();
    for (const r of rows.slice(0, -1)) expect(r.step).toBeGreaterThan(0);
    expect(rows[rows.length - 1].step).toBe(0);
    // one more sweep from s^{(j̄)} reproduces it bit for bit, and (4.10): L(s_z) = L(s_h) = L(s)
    const fixed = cloneIterate(ws.cur);
    const ls: number[] = [];
    const observer = { onBcdStep: (e: BcdStepEvent) => ls.push(e.Lprev, e.Lz, e.Lh, e.L) };
    runBcd(bcdWorkspace(prob, true), args(prob, fixed, mult, 1, { params: { ...p, inner: 1 }, observer }));
    expect(new Set(ls).size).toBe(1);
  });

  it('start (3.13): warm start iff k > 1 and L(s^{k−1}) ≤ Γ; fault restart-ignored always warm-starts', () => {
    const d: Dims = { T: 5, n: 2, m: 2, r: 3 };
    const prob = randomProblem(d, 11);
    const s0 = feasibleStart(prob, 12);
    const sPrev = randomIterate(d, 13);
    const mult = randomMultipliers(d, 14);
    const Lprev = alParts(prob, sPrev, mult, 3).L;
    const starts: BcdStartEvent[] = [];
    const observer = { onBcdStart: (e: BcdStartEvent) => starts.push({ ...e, s0: cloneIterate(e.s0) }) };
    const run = (k: number, Gamma: number, faults?: AlmParams['faults']): boolean =>
      runBcd(bcdWorkspace(prob, true), args(prob, s0, mult, 3, { k, sPrev, params: { ...base, Gamma, inner: 1, faults }, observer })).restarted;
    expect(run(1, Infinity)).toBe(true); // k = 1: always s⁰
    // the solver evaluates L with its own kernels: equal to alParts to rounding, hence the 1e-9 margins
    expect(run(2, Lprev * (1 + 1e-9) + 1e-9)).toBe(false); // L(s^{k−1}) ≤ Γ
    expect(run(2, Lprev * (1 - 1e-9) - 1e-9)).toBe(true); // L(s^{k−1}) > Γ
    expect(run(2, Lprev * (1 - 1e-9) - 1e-9, new Set(['restart-ignored']))).toBe(false);
    expect(Array.from(starts[0].s0.h)).toEqual(Array.from(s0.h));
    expect(Array.from(starts[1].s0.h)).toEqual(Array.from(sPrev.h));
    expect(starts[1].rhat).toBeCloseTo(Lprev, 12);
    expect(Array.from(starts[2].s0.u)).toEqual(Array.from(s0.u));
  });

  it("u-step uses θ1 = Ψ(h^j)w^j: each u^j solves (3.16) at (z^j, h^j, u^{j−1}); fault 'stale-theta1' does not", () => {
    const d: Dims = { T: 6, n: 2, m: 2, r: 3 };
    const prob = randomProblem(d, 31);
    const s0 = randomIterate(d, 32);
    const mult = randomMultipliers(d, 33);
    const gamma = 5;
    const worst = (faults?: AlmParams['faults']): number => {
      let w = 0;
      const Pw = new Float64Array(d.T * d.r), u = new Float64Array(d.T * d.r);
      const observer = {
        onBcdStep: (e: BcdStepEvent) => {
          psiW(d, prob.data.X, e.sh.z, e.sh.h, Pw);
          uStepInto(prob.activation, Pw, e.sh.h, mult.xi, mult.zeta, e.sh.u, gamma, base.mu, prob.lambda[5], u);
          for (let i = 0; i < u.length; i++) w = Math.max(w, Math.abs(u[i] - e.s.u[i]));
        },
      };
      runBcd(bcdWorkspace(prob, true), args(prob, s0, mult, gamma, { observer, params: { ...base, faults } }));
      return w;
    };
    // psiW and the solver's gemm sum Ψ(h)w in different orders: agreement to rounding only
    expect(worst()).toBeLessThan(1e-12);
    expect(worst(new Set(['stale-theta1']))).toBeGreaterThan(1e-3);
  });

  it('throws DivergenceError carrying the last finite iterate when a block overflows', () => {
    const d: Dims = { T: 4, n: 2, m: 1, r: 2 };
    const prob = randomProblem(d, 21);
    const s0 = feasibleStart(prob, 22);
    const mult = randomMultipliers(d, 23);
    try {
      runBcd(bcdWorkspace(prob, false), args(prob, s0, mult, 1e308));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ name: 'DivergenceError', k: 1, j: 1 });
      const s = (e as { lastFinite: Iterate }).lastFinite;
      expect(Array.from(s.h)).toEqual(Array.from(s0.h));
    }
  });
});

describe('BCD workspace in a SIMD arena', () => {
  it('gives bit-identical iterates and traces with and without SIMD (shapes with 4×4 edges, n + 1 even and odd)', () => {
    for (const [d, act] of [
      ...acts.map((a) => [{ T: 11, n: 5, m: 3, r: 7 }, a] as const),
      [{ T: 9, n: 6, m: 2, r: 5 }, acts[0]] as const,
    ]) {
      const prob = randomProblem(d, 71, act);
      const s0 = feasibleStart(prob, 72);
      const mult = randomMultipliers(d, 73);
      const run = (simd: boolean) => {
        const ws = bcdWorkspace(prob, false, simd);
        const trace = new TraceBuffer(8);
        runBcd(ws, args(prob, s0, mult, 3, { trace }));
        return { s: cloneIterate(ws.cur), rows: trace.rows().map(({ timeMs: _t, ...r }) => r) };
      };
      const a = run(true), b = run(false);
      expect(a.rows).toEqual(b.rows);
      for (const [x, y] of [[a.s.z.W, b.s.z.W], [a.s.z.V, b.s.z.V], [a.s.z.b, b.s.z.b], [a.s.z.A, b.s.z.A], [a.s.z.c, b.s.z.c], [a.s.h, b.s.h], [a.s.u, b.s.u]]) {
        expect(Array.from(x)).toEqual(Array.from(y));
      }
    }
  });
});
