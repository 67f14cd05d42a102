/** models/mlp.ts: the loss (4) of ZLY and its backpropagation gradient against central differences, and mini-batches. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mlpLayout, mlpLoss, mlpWorkspace, packMlp, unpackMlp, type MlpData, type MlpDims } from '../../src/models/mlp.ts';
import type { SmoothActivation } from '../../src/models/activations/smooth.ts';
import { smoothSigma } from '../../src/models/activations/smooth.ts';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';
import { inArena } from '../../src/linalg/simd.ts';
import { BAND_FACTOR, DEFAULT_RTOL } from '../../src/engine/tolerance.ts';
import { centralGradient } from '../helpers/fd.ts';
import { expectClose } from '../helpers/assert.ts';

const FD_RTOL = BAND_FACTOR * DEFAULT_RTOL;
const ACTS: SmoothActivation[] = [{ kind: 'sigmoid' }, { kind: 'tanh' }];

function instance(seed: number, d: MlpDims): { data: MlpData; theta: Float64Array } {
  const g = gaussian(mulberry32(seed));
  const N = d.d.length - 1;
  const X = Float64Array.from({ length: d.d[0] * d.n }, () => g());
  const Y = Float64Array.from({ length: d.d[N] * d.n }, () => g());
  const theta = Float64Array.from({ length: mlpLayout(d).size }, () => g() / 1.5);
  return { data: { dims: d, X, Y }, theta };
}

/** (4) written literally, sample by sample (the oracle). */
function literalLoss(data: MlpData, W: Float64Array[], act: SmoothActivation, lambda: number, samples: number[]): number {
  const { d, n } = data.dims;
  const N = d.length - 1;
  let loss = 0;
  for (const j of samples) {
    let v = Array.from({ length: d[0] }, (_, r) => data.X[r * n + j]);
    for (let i = 1; i <= N; i++) {
      const next = Array.from({ length: d[i] }, (_, r) => {
        let s = 0;
        for (let k = 0; k < d[i - 1]; k++) s += W[i - 1][r * d[i - 1] + k] * v[k];
        return i < N ? smoothSigma(act, s) : s;
      });
      v = next;
    }
    for (let r = 0; r < d[N]; r++) loss += (v[r] - data.Y[r * n + j]) ** 2;
  }
  let reg = 0;
  for (const w of W) for (const x of w) reg += x * x;
  return loss / samples.length + (lambda / n) * reg;
}

const dimsArb = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  d: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 5 }),
});

describe('MLP loss (4) and its gradient', () => {
  it('equals the literal (4) and central differences on random instances (any depth, batch, λ)', () => {
    fc.assert(
      fc.property(dimsArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(...ACTS), fc.constantFrom(0, 1e-3, 0.5), fc.boolean(), (d, seed, act, lambda, shuffled) => {
        const { data, theta } = instance(seed, d);
        const rng = mulberry32(seed ^ 1);
        const order = Int32Array.from({ length: d.n }, (_, i) => i);
        if (shuffled) for (let i = d.n - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
        const from = Math.floor(rng() * d.n), to = from + 1 + Math.floor(rng() * (d.n - from));
        const ws = mlpWorkspace(d, d.n);
        const grad = new Float64Array(theta.length);
        const ord = shuffled ? order : null;
        const samples = Array.from({ length: to - from }, (_, k) => (shuffled ? order[from + k] : from + k));
        const loss = mlpLoss(data, theta, act, lambda, ws, ord, from, to, grad);
        const lit = literalLoss(data, unpackMlp(d, theta), act, lambda, samples);
        expect(Math.abs(loss - lit)).toBeLessThanOrEqual(DEFAULT_RTOL * Math.max(1, Math.abs(lit)));
        const f = (x: Float64Array) => mlpLoss(data, x, act, lambda, ws, ord, from, to);
        expectClose(grad, centralGradient(f, theta, 1e-5), FD_RTOL);
      }),
      { seed: 20261124, numRuns: 150 },
    );
  });

  it('SIMD arena and heap arrays give bit-identical results; pack/unpack round-trip', () => {
    const d: MlpDims = { n: 13, d: [3, 8, 5, 2] };
    const { data, theta } = instance(5, d);
    expect(Array.from(packMlp(d, unpackMlp(d, theta)))).toEqual(Array.from(theta));
    const gh = new Float64Array(theta.length);
    const lh = mlpLoss(data, theta, { kind: 'tanh' }, 0.1, mlpWorkspace(d, d.n), null, 0, d.n, gh);
    const a = inArena((alloc) => ({ X: alloc(data.X.length), Y: alloc(data.Y.length), th: alloc(theta.length), g: alloc(theta.length), ws: mlpWorkspace(d, d.n, alloc) }));
    a.X.set(data.X);
    a.Y.set(data.Y);
    a.th.set(theta);
    const la = mlpLoss({ dims: d, X: a.X, Y: a.Y }, a.th, { kind: 'tanh' }, 0.1, a.ws, null, 0, d.n, a.g);
    expect(la).toBe(lh);
    expect(Array.from(a.g)).toEqual(Array.from(gh));
  });
});
