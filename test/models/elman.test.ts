import { describe, expect, it } from 'vitest';
import { forward, psiW, outputs, predictionError, packW, packA, unpackW, unpackA } from '../../src/models/elman.ts';
import type { Activation, Dims, Weights } from '../../src/models/elman.ts';
import { zeroWeights } from '../../src/models/elman.ts';
import { mulberry32 } from '../helpers/rng.ts';
import { expectClose } from '../helpers/assert.ts';

const ACTS: Activation[] = [{ kind: 'relu' }, { kind: 'leaky-relu', slope: 0.1 }, { kind: 'elu', alpha: 1 }];

function randomWeights(d: Dims, rng: () => number): Weights {
  const z = zeroWeights(d);
  for (const a of [z.W, z.V, z.b, z.A, z.c]) for (let i = 0; i < a.length; i++) a[i] = 2 * rng() - 1;
  return z;
}

describe('Elman RNN (1.1) and Ψ(h)w (2.3)', () => {
  const d: Dims = { T: 6, n: 3, m: 2, r: 4 };
  const rng = mulberry32(11);
  const X = Float64Array.from({ length: d.T * d.n }, () => 2 * rng() - 1);
  const z = randomWeights(d, rng);
  it('forward pass equals the literal recursion u_t = W h_{t−1} + V x_t + b, h_t = σ(u_t), h_0 = 0', () => {
    for (const act of ACTS) {
      const { h, u } = forward(d, X, z, act);
      let hPrev = new Float64Array(d.r);
      for (let t = 0; t < d.T; t++) {
        for (let i = 0; i < d.r; i++) {
          let s = z.b[i];
          for (let k = 0; k < d.n; k++) s += z.V[i * d.n + k] * X[t * d.n + k];
          for (let k = 0; k < d.r; k++) s += z.W[i * d.r + k] * hPrev[k];
          expect(u[t * d.r + i]).toBeCloseTo(s, 13);
        }
        hPrev = h.slice(t * d.r, (t + 1) * d.r);
      }
      // on a forward pass, u = Ψ(h)w exactly (the constraint C1 = 0)
      const P = new Float64Array(d.T * d.r);
      psiW(d, X, z, h, P);
      expectClose(P, u, 1e-14);
    }
  });
  it('prediction error is the mean of ‖y_t − (A h_t + c)‖² over the selected steps', () => {
    const act: Activation = { kind: 'relu' };
    const { h } = forward(d, X, z, act);
    const out = new Float64Array(d.T * d.m);
    outputs(d, z, h, out);
    const Y = out.map((v, i) => v + (i % 2 === 0 ? 0.5 : -0.5));
    expect(predictionError(d, { dims: d, X, Y }, z, act)).toBeCloseTo(0.25 * d.m, 12);
    expect(predictionError(d, { dims: d, X, Y }, z, act, 2, 5)).toBeCloseTo(0.25 * d.m, 12);
  });
  it('packW/packA use the paper’s column-major vec and round-trip', () => {
    const w = packW(d, z), a = packA(d, z);
    expect(w.length).toBe(d.r * d.r + d.r * d.n + d.r);
    expect(a.length).toBe(d.m * d.r + d.m);
    expect(w[1]).toBe(z.W[1 * d.r + 0]); // vec(W): second entry is W_{2,1}
    const back = zeroWeights(d);
    unpackW(d, w, back);
    unpackA(d, a, back);
    expect(back).toEqual(z);
  });
});
