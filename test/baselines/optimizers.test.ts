/** baselines/optimizers.ts: each update rule against its formula written out step by step (scalar code, no state sharing). */
import { describe, expect, it } from 'vitest';
import { BASELINE_IDS, makeOptimizer, OPTIMIZER_DEFAULTS, type BaselineId } from '../../src/baselines/optimizers.ts';
import { gaussian, mulberry32 } from '../../src/core/rng.ts';

/** The reference: the module header's formulas, one coordinate at a time, with the state in plain arrays. */
function reference(id: BaselineId, lr: number, steps: Float64Array[], x0: Float64Array): Float64Array {
  const x = Array.from(x0);
  const D = OPTIMIZER_DEFAULTS;
  const n = x.length;
  const s1 = new Array<number>(n).fill(0), s2 = new Array<number>(n).fill(id === 'adagrad' ? D.initialAccumulator : 0);
  steps.forEach((g0, k) => {
    const t = k + 1;
    let g = Array.from(g0);
    if (id === 'gdc') {
      const norm = Math.hypot(...g);
      if (norm > D.clip) g = g.map((v) => (v * D.clip) / norm);
    }
    for (let i = 0; i < n; i++) {
      switch (id) {
        case 'gd': case 'sgd': case 'gdc': x[i] -= lr * g[i]; break;
        case 'momentum': s1[i] = D.momentum * s1[i] - lr * g[i]; x[i] += s1[i]; break;
        case 'gdnm': s1[i] = D.momentum * s1[i] - lr * g[i]; x[i] += D.momentum * s1[i] - lr * g[i]; break;
        case 'adam': {
          s1[i] = D.beta1 * s1[i] + (1 - D.beta1) * g[i];
          s2[i] = D.beta2 * s2[i] + (1 - D.beta2) * g[i] ** 2;
          x[i] -= ((lr * Math.sqrt(1 - D.beta2 ** t)) / (1 - D.beta1 ** t)) * (s1[i] / (Math.sqrt(s2[i]) + D.epsilon));
          break;
        }
        case 'rmsprop': s2[i] = D.rho * s2[i] + (1 - D.rho) * g[i] ** 2; x[i] -= (lr * g[i]) / (Math.sqrt(s2[i]) + D.epsilon); break;
        case 'adagrad': s2[i] += g[i] ** 2; x[i] -= (lr * g[i]) / (Math.sqrt(s2[i]) + D.epsilon); break;
      }
    }
  });
  return Float64Array.from(x);
}

describe('update rules', () => {
  const g = gaussian(mulberry32(4));
  const x0 = Float64Array.from({ length: 7 }, () => g());
  const steps = Array.from({ length: 6 }, () => Float64Array.from({ length: 7 }, () => 2 * g()));
  it.each(BASELINE_IDS)('%s follows its formula over 6 steps', (id) => {
    const opt = makeOptimizer(id, { lr: 0.05 }, 7);
    const x = x0.slice();
    steps.forEach((s, k) => opt.step(x, s.slice(), k + 1));
    const want = reference(id, 0.05, steps, x0);
    for (let i = 0; i < 7; i++) expect(x[i]).toBeCloseTo(want[i], 13);
  });

  it('gdc leaves a gradient below the clipping norm alone and scales a larger one to it', () => {
    const opt = makeOptimizer('gdc', { lr: 1, clip: 5 }, 2);
    const x = new Float64Array(2);
    opt.step(x, new Float64Array([3, 4]), 1);
    expect(Array.from(x)).toEqual([-3, -4]);
    opt.step(x, new Float64Array([30, 40]), 2);
    expect(Array.from(x)).toEqual([-6, -8]);
  });

  it('Adam\'s first step moves every coordinate by about η (bias correction)', () => {
    const opt = makeOptimizer('adam', { lr: 0.01 }, 3);
    const x = new Float64Array(3);
    opt.step(x, new Float64Array([1, -5, 200]), 1);
    for (const [i, s] of [-1, 1, -1].entries()) expect(x[i]).toBeCloseTo(0.01 * s, 6);
  });
});
