/** theory/: gradients against central differences of the objectives they differentiate; KKT residual (24). */
import { describe, expect, it } from 'vitest';
import { zlyLagrangian } from '../../../../src/papers/zly/problem/lagrangian.ts';
import { forwardPass } from '../../../../src/papers/zly/problem/network.ts';
import type { ZlyIterate, ZlyProblem } from '../../../../src/papers/zly/problem/types.ts';
import { kktResidual, zlyGradient } from '../../../../src/papers/zly/theory/gradient.ts';
import { iterationSubproblems } from '../../../../src/papers/zly/theory/subproblems.ts';
import { gaussian, mulberry32 } from '../../../../src/core/rng.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { contextOf, initFor, randomProblem, recordRun } from '../../../helpers/zly.ts';
import { centralGradient } from '../../../helpers/fd.ts';

/** A random point Q (not an iterate): W, V, Λ with N(0, s²) entries. */
function randomPoint(prob: ZlyProblem, seed: number, s = 0.7): ZlyIterate {
  const g = gaussian(mulberry32(seed));
  const { d, n } = prob.dims;
  const N = d.length - 1;
  const draw = (len: number) => Float64Array.from({ length: len }, () => s * g());
  return {
    W: Array.from({ length: N }, (_, i) => draw(d[i + 1] * d[i])),
    V: Array.from({ length: N }, (_, i) => draw(d[i + 1] * n)),
    Lambda: Array.from({ length: N }, (_, i) => draw(d[i + 1] * n)),
  };
}

/** Flatten all blocks of Q in the order W, V, Λ (layers ascending) and back. */
function flatten(q: ZlyIterate): Float64Array {
  const parts = [...q.W, ...q.V, ...q.Lambda];
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function unflatten(like: ZlyIterate, x: Float64Array): ZlyIterate {
  let o = 0;
  const take = (a: Float64Array[]) => a.map((p) => {
    const r = x.slice(o, o + p.length);
    o += p.length;
    return r;
  });
  return { W: take(like.W), V: take(like.V), Lambda: take(like.Lambda) };
}

describe('∇L of (6) by its own formula', () => {
  for (const [act, d] of [['sigmoid', [2, 3, 1]], ['tanh', [2, 3, 4, 2]], ['sigmoid', [1, 2, 3, 2, 2]]] as const) {
    it(`matches central differences of L, ${act}, d = ${d.join(',')}`, () => {
      const prob = randomProblem(7, [...d], 4, act, undefined, 0.3);
      const q = randomPoint(prob, 12);
      const num = centralGradient((x) => zlyLagrangian(prob, unflatten(q, x)).L, flatten(q), 1e-5);
      expectClose(flatten(zlyGradient(prob, q)), num, 1e-7);
    });
  }
});

describe('KKT residual (24)', () => {
  it('equals ‖∇L‖ at a feasible point and vanishes on each line when its equation holds', () => {
    const prob = randomProblem(3, [2, 4, 3, 2], 5, 'tanh');
    const W = initFor(prob, 1);
    const V = forwardPass(prob.dims, prob.X, W, prob.activation);
    const Lambda = V.map((v) => new Float64Array(v.length));
    Lambda[2] = V[2].map((x, t) => x - prob.Y[t]);
    const q = { W, V, Lambda };
    const r = kktResidual(prob, q);
    // V from the solver's σ kernels, the oracle from smooth.ts's σ: the same to rounding
    for (const f of r.feasibility) expect(f).toBeLessThan(1e-14);
    expect(r.stationarityV[2]).toBe(0);
    const g = zlyGradient(prob, q);
    const nrm = (a: Float64Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
    expectClose(r.stationarityW, g.W.map(nrm), 1e-12);
    expectClose(r.stationarityV, g.V.map(nrm), 1e-12);
  });
});

describe('subproblem gradients (8), (11), (12), (18), (19)', () => {
  it('match central differences of their objectives', () => {
    const prob = randomProblem(5, [2, 3, 3, 2, 2], 4, 'sigmoid');
    const { snaps } = recordRun(prob, initFor(prob, 3), 2);
    const g = gaussian(mulberry32(99));
    for (const sp of iterationSubproblems(contextOf(prob, snaps[1]))) {
      const x = Float64Array.from({ length: sp.rows * sp.cols }, () => g());
      expectClose(sp.gradient(x), centralGradient(sp.objective, x, 1e-5), 1e-7);
    }
  });

  it('the LLA models (18), (19) touch the original (9), (10) at the linearization point, up to a constant', () => {
    const prob = randomProblem(5, [2, 3, 3, 2], 4, 'tanh');
    const { snaps } = recordRun(prob, initFor(prob, 3), 2);
    for (const sp of iterationSubproblems(contextOf(prob, snaps[1]))) {
      if (!sp.original) continue;
      const orig = sp.original;
      // same gradient at x⁰: the models are first-order exact there
      expectClose(centralGradient(sp.objective, sp.previous, 1e-5), centralGradient(orig, sp.previous, 1e-5), 1e-6);
    }
  });
});
