/**
 * models/bptt.ts: the loss (1.1) of a block and its BPTT gradient against central differences on seeded random
 * instances (every activation, full and truncated history), and against the plain forward pass of elman.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  elmanContinueError, elmanForward, elmanLayout, elmanLoss, elmanViews, elmanWorkspace, packElman, elmanSigma, elmanActivationName,
  type ElmanActivation,
} from '../../src/models/bptt.ts';
import { predictionError, type Data, type Dims } from '../../src/models/elman.ts';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';
import { inArena } from '../../src/linalg/simd.ts';
import { BAND_FACTOR, DEFAULT_RTOL } from '../../src/engine/tolerance.ts';
import { centralGradient } from '../helpers/fd.ts';
import { expectClose } from '../helpers/assert.ts';

const ACTS: ElmanActivation[] = [
  { kind: 'relu' }, { kind: 'leaky-relu', slope: 0.1 }, { kind: 'elu', alpha: 1 }, { kind: 'elu', alpha: 0.5 }, { kind: 'tanh' },
];

/** Central differences (step 1e-5) carry truncation ~1e-10·|ℓ‴| and rounding ~1e-11·|ℓ|: the policy's band is ~10⁴× both. */
const FD_RTOL = BAND_FACTOR * DEFAULT_RTOL;

function instance(seed: number, d: Dims): { data: Data; theta: Float64Array } {
  const g = gaussian(mulberry32(seed));
  const X = Float64Array.from({ length: d.T * d.n }, () => g());
  const Y = Float64Array.from({ length: d.T * d.m }, () => g());
  const theta = Float64Array.from({ length: elmanLayout(d).size }, () => 0.5 * g());
  return { data: { dims: d, X, Y }, theta };
}

/** The smallest |u| of the forward pass over rows [0, e): central differences must not straddle a kink. */
function minAbsU(data: Data, theta: Float64Array, act: ElmanActivation, e: number): number {
  const ws = elmanWorkspace(data.dims);
  elmanForward(data, elmanViews(data.dims, theta), act, ws, e);
  let m = Infinity;
  for (let i = 0; i < e * data.dims.r; i++) m = Math.min(m, Math.abs(ws.U[i]));
  return m;
}

/** ℓ_S with the hidden state before the truncation point frozen at its value for θ0: what truncated BPTT differentiates. */
function truncatedLoss(data: Data, theta0: Float64Array, act: ElmanActivation, s: number, e: number, lo: number): (x: Float64Array) => number {
  const d = data.dims;
  const frozen = new Float64Array(d.r);
  if (lo > 0) {
    const ws = elmanWorkspace(d);
    elmanForward(data, elmanViews(d, theta0), act, ws, lo);
    frozen.set(ws.H.subarray((lo - 1) * d.r, lo * d.r));
  }
  return (x) => {
    const z = elmanViews(d, x);
    let h = frozen.slice();
    let loss = 0;
    for (let t = lo; t < e; t++) {
      const next = new Float64Array(d.r);
      for (let i = 0; i < d.r; i++) {
        let u = z.b[i];
        for (let k = 0; k < d.n; k++) u += z.V[i * d.n + k] * data.X[t * d.n + k];
        if (t > 0) for (let k = 0; k < d.r; k++) u += z.W[i * d.r + k] * h[k];
        next[i] = elmanSigma(act, u);
      }
      h = next;
      if (t >= s) {
        for (let j = 0; j < d.m; j++) {
          let o = z.c[j];
          for (let k = 0; k < d.r; k++) o += z.A[j * d.r + k] * h[k];
          loss += (o - data.Y[t * d.m + j]) ** 2;
        }
      }
    }
    return loss / (e - s);
  };
}

const dimsArb = fc.record({
  T: fc.integer({ min: 1, max: 7 }), n: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 3 }), r: fc.integer({ min: 1, max: 5 }),
});

describe('Elman loss (1.1) and its BPTT gradient', () => {
  it('the loss of rows [0, T) is the prediction error of elman.ts (TrainErr of §5.2)', () => {
    const d: Dims = { T: 9, n: 3, m: 2, r: 4 };
    const { data, theta } = instance(3, d);
    for (const act of ACTS.filter((a) => a.kind !== 'tanh') as Exclude<ElmanActivation, { kind: 'tanh' }>[]) {
      const ws = elmanWorkspace(d);
      const z = elmanViews(d, theta);
      expect(elmanLoss(data, z, act, ws, 0, d.T)).toBeCloseTo(predictionError(d, data, z, act), 12);
      expect(elmanLoss(data, z, act, ws, 6, 9)).toBeCloseTo(predictionError(d, data, z, act, 6, 9), 12);
    }
  });

  it('continuing a pass to the test steps gives the error of a fresh pass (TestErr without re-running training)', () => {
    const d: Dims = { T: 14, n: 2, m: 3, r: 7 };
    const { data, theta } = instance(9, d);
    const z = elmanViews(d, theta);
    for (const act of ACTS) {
      const ws = elmanWorkspace(d);
      elmanLoss(data, z, act, ws, 0, 10);
      const fresh = elmanLoss(data, z, act, elmanWorkspace(d), 10, 14);
      expect(elmanContinueError(data, z, act, ws, 10, 10, 14)).toBe(fresh);
    }
  });

  it('equals central differences of ℓ_S on random instances: every activation, any block, full history', () => {
    fc.assert(
      fc.property(dimsArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(...ACTS), fc.nat(), fc.nat(), (d, seed, act, a, b) => {
        const { data, theta } = instance(seed, d);
        const s = a % d.T, e = s + 1 + (b % (d.T - s));
        fc.pre(minAbsU(data, theta, act, e) > 1e-3);
        const ws = elmanWorkspace(d);
        const grad = new Float64Array(theta.length);
        const f = (x: Float64Array) => elmanLoss(data, elmanViews(d, x), act, ws, s, e);
        elmanLoss(data, elmanViews(d, theta), act, ws, s, e, grad);
        expectClose(grad, centralGradient(f, theta, 1e-5), FD_RTOL);
      }),
      { seed: 20261122, numRuns: 150 },
    );
  });

  it('truncated history K: the gradient of ℓ_S with h frozen K steps before the block', () => {
    fc.assert(
      fc.property(dimsArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(...ACTS), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 4 }), (d, seed, act, a, b, K) => {
        const { data, theta } = instance(seed, d);
        const s = a % d.T, e = s + 1 + (b % (d.T - s));
        fc.pre(minAbsU(data, theta, act, e) > 1e-3);
        const ws = elmanWorkspace(d);
        const grad = new Float64Array(theta.length);
        elmanLoss(data, elmanViews(d, theta), act, ws, s, e, grad, K);
        const lo = Math.max(0, s - K);
        expectClose(grad, centralGradient(truncatedLoss(data, theta, act, s, e, lo), theta, 1e-5), FD_RTOL);
      }),
      { seed: 20261123, numRuns: 120 },
    );
  });

  it('SIMD arena and heap arrays give bit-identical losses and gradients', () => {
    const d: Dims = { T: 12, n: 5, m: 6, r: 9 };
    const { data, theta } = instance(7, d);
    const act: ElmanActivation = { kind: 'tanh' };
    const heap = { ws: elmanWorkspace(d), grad: new Float64Array(theta.length) };
    const lh = elmanLoss(data, elmanViews(d, theta), act, heap.ws, 2, 12, heap.grad);
    const arena = inArena((alloc) => {
      const X = alloc(data.X.length), Y = alloc(data.Y.length), th = alloc(theta.length), grad = alloc(theta.length);
      return { X, Y, th, grad, ws: elmanWorkspace(d, alloc) };
    });
    arena.X.set(data.X);
    arena.Y.set(data.Y);
    arena.th.set(theta);
    const la = elmanLoss({ dims: d, X: arena.X, Y: arena.Y }, elmanViews(d, arena.th), act, arena.ws, 2, 12, arena.grad);
    expect(la).toBe(lh);
    expect(Array.from(arena.grad)).toEqual(Array.from(heap.grad));
  });

  it('σ′ at a kink takes TensorFlow\'s convention (ReLU 0, leaky ϖ, ELU 1), and names', () => {
    const d: Dims = { T: 1, n: 1, m: 1, r: 1 };
    const data: Data = { dims: d, X: new Float64Array([0]), Y: new Float64Array([1]) };
    const z = { W: [0], V: [0], b: [0], A: [1], c: [0] };
    const theta = packElman(d, { W: new Float64Array(z.W), V: new Float64Array(z.V), b: new Float64Array(z.b), A: new Float64Array(z.A), c: new Float64Array(z.c) });
    const grad = new Float64Array(theta.length);
    const gb = (act: ElmanActivation) => {
      elmanLoss(data, elmanViews(d, theta), act, elmanWorkspace(d), 0, 1, grad);
      return grad[2]; // ∂ℓ/∂b = 2(o − y)·A·σ′(0) = −2σ′(0)
    };
    expect(gb({ kind: 'relu' })).toBeCloseTo(0, 15);
    expect(gb({ kind: 'leaky-relu', slope: 0.1 })).toBeCloseTo(-0.2, 15);
    expect(gb({ kind: 'elu', alpha: 0.5 })).toBeCloseTo(-2, 15);
    expect(gb({ kind: 'tanh' })).toBeCloseTo(-2, 15);
    expect(ACTS.map(elmanActivationName)).toEqual(['relu', 'leaky-relu(0.1)', 'elu(1)', 'elu(0.5)', 'tanh']);
  });
});
