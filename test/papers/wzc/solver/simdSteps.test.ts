import { describe, it, expect } from 'vitest';
import { heapAlloc, inArena, type Alloc } from '../../../../src/linalg/simd.ts';
import { uStepInto, uStepScaledInto } from '../../../../src/papers/wzc/solver/uStep.ts';
import { wzcSimdFor } from '../../../../src/papers/wzc/solver/simdSteps.ts';
import type { Activation } from '../../../../src/papers/wzc/problem/types.ts';
import type { WzcFault } from '../../../../src/papers/wzc/solver/mutants.ts';
import { bcdWorkspace, iterateSqDist, runBcd, TraceBuffer } from '../../../../src/papers/wzc/solver/bcd.ts';
import { cloneIterate } from '../../../../src/papers/wzc/problem/types.ts';
import { randomMultipliers, randomProblem, randomWeights } from '../../../helpers/wzcInstance.ts';
import { forward } from '../../../../src/models/elman.ts';
import { mulberry32 } from '../../../helpers/rng.ts';

/** Values that exercise every branch of the u-step: both signs, ±0, ties of u⁺/u⁻, huge, tiny, ±∞ and NaN. */
function values(seed: number, n: number): Float64Array {
  const u = mulberry32(seed);
  const special = [0, -0, 1, -1, 1e-300, -1e-300, 1e300, -1e300, Infinity, -Infinity, NaN, 0.5, -0.5, 2, -2];
  return Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? special[(i / 5) % special.length | 0] : Math.round((u() - 0.5) * 8 * 64) / 64));
}

const acts: Activation[] = [{ kind: 'relu' }, { kind: 'leaky-relu', slope: 0.1 }, { kind: 'leaky-relu', slope: 0.5 }];

describe('SIMD u-step (simdSteps.ts) against the JS u-step', () => {
  it('is used for arena arrays and not for heap arrays', () => {
    const w = inArena((a: Alloc) => ({ x: a(4), y: a(4) }));
    expect(wzcSimdFor(w.x, w.y)).not.toBeNull();
    expect(wzcSimdFor(w.x, new Float64Array(4))).toBeNull();
    expect(wzcSimdFor(new Float64Array(4))).toBeNull();
  });

  it('gives bit-identical u for ReLU and leaky ReLU, odd and even lengths, with and without the no-prox fault', () => {
    for (const n of [1, 2, 7, 64, 301]) {
      for (const act of acts) {
        for (const [gamma, mu, l6] of [[1, 1e-5, 1e-8], [0.3, 0, 0], [1e6, 2, 0.5], [Infinity, 1, 0]]) {
          for (const faults of [new Set<WzcFault>(), new Set<WzcFault>(['no-prox'])]) {
            const mk = (a: Alloc) => ({ Pw: a(n), h: a(n), xi: a(n), zeta: a(n), up: a(n), out: a(n) });
            const heap = mk(heapAlloc), wasm = inArena(mk);
            for (const w of [heap, wasm]) {
              w.Pw.set(values(n + 1, n));
              w.h.set(values(n + 2, n));
              w.xi.set(values(n + 3, n));
              w.zeta.set(values(n + 4, n));
              w.up.set(values(n + 5, n));
              uStepInto(act, w.Pw, w.h, w.xi, w.zeta, w.up, gamma, mu, l6, w.out, faults);
            }
            expect(Array.from(wasm.out).map(Object.is.bind(null, 0))).toEqual(Array.from(heap.out).map(Object.is.bind(null, 0)));
            expect(Array.from(wasm.out)).toEqual(Array.from(heap.out));
            // with ξ/γ, ζ/γ divided beforehand: the same u in JS and in SIMD
            for (const w of [heap, wasm]) {
              for (let i = 0; i < n; i++) {
                w.xi[i] /= gamma;
                w.zeta[i] /= gamma;
              }
              uStepScaledInto(act, w.Pw, w.h, w.xi, w.zeta, w.up, gamma, mu, l6, w.up, faults);
              expect(Array.from(w.up)).toEqual(Array.from(heap.out));
            }
          }
        }
      }
    }
  });

  it('updates in place (out = uPrev) exactly as the JS u-step does', () => {
    const n = 33;
    const mk = (a: Alloc) => ({ Pw: a(n), h: a(n), xi: a(n), zeta: a(n), u: a(n) });
    const heap = mk(heapAlloc), wasm = inArena(mk);
    for (const w of [heap, wasm]) {
      for (const [k, arr] of [w.Pw, w.h, w.xi, w.zeta, w.u].entries()) arr.set(values(k, n));
      uStepInto({ kind: 'relu' }, w.Pw, w.h, w.xi, w.zeta, w.u, 2, 1e-3, 0, w.u);
    }
    expect(Array.from(wasm.u)).toEqual(Array.from(heap.u));
  });
});

describe('BCD runs with the SIMD element-wise kernels', () => {
  it('give bit-identical iterates, traces and steps with and without the arena (odd T·r, planted no-prox)', () => {
    for (const [T, n, m, r] of [[9, 3, 2, 5], [13, 4, 5, 7], [16, 2, 3, 8]]) {
      const d = { T, n, m, r };
      for (const act of acts) {
        for (const faults of [undefined, new Set<WzcFault>(['no-prox'])]) {
          const prob = randomProblem(d, T + r, act);
          const z = randomWeights(d, 5, 0.4);
          const s0 = { z, ...forward(d, prob.data.X, z, act) };
          const mult = randomMultipliers(d, 9);
          const run = (simd: boolean) => {
            const ws = bcdWorkspace(prob, false, simd);
            const trace = new TraceBuffer(8);
            const params = { gamma0: 1, mu: 1e-5, eps0: 0, Gamma: 1e300, eta1: 0.9, eta2: 0.9, eta3: 1.5, eta4: 0.8, outer: 1, inner: 6, faults };
            runBcd(ws, { k: 1, s0, sPrev: s0, mult, gamma: 2.5, eps: 0, params, trace, t0: 0 });
            return { s: cloneIterate(ws.cur), rows: trace.rows().map(({ timeMs: _t, ...row }) => row) };
          };
          const a = run(true), b = run(false);
          expect(a.rows).toEqual(b.rows);
          for (const [x, y] of [[a.s.z.W, b.s.z.W], [a.s.z.V, b.s.z.V], [a.s.z.A, b.s.z.A], [a.s.h, b.s.h], [a.s.u, b.s.u]]) {
            expect(Array.from(x)).toEqual(Array.from(y));
          }
        }
      }
    }
  });
});

describe('the step of a trace row', () => {
  it('is √iterateSqDist(s^j, s^{j−1}): the h and u terms summed with the AL value, the z terms as in iterateSqDist', () => {
    const d = { T: 13, n: 4, m: 5, r: 7 };
    for (const simd of [true, false]) {
      const prob = randomProblem(d, 3, { kind: 'relu' });
      const z = randomWeights(d, 5, 0.4);
      const s0 = { z, ...forward(d, prob.data.X, z, prob.activation) };
      const ws = bcdWorkspace(prob, false, simd);
      const trace = new TraceBuffer(4);
      const params = { gamma0: 1, mu: 1e-5, eps0: 0, Gamma: 1e300, eta1: 0.9, eta2: 0.9, eta3: 1.5, eta4: 0.8, outer: 1, inner: 2 };
      runBcd(ws, { k: 1, s0, sPrev: s0, mult: randomMultipliers(d, 9), gamma: 2, eps: 0, params, trace, t0: 0 });
      expect(trace.row(1).step).toBe(Math.sqrt(iterateSqDist(ws.cur, ws.prev)));
    }
  });
});
