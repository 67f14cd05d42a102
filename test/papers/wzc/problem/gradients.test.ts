import { describe, it, expect } from 'vitest';
import { augmentedLagrangian } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import { gradHInto, gradUSmoothInto, gradWorkspace, gradZInto } from '../../../../src/papers/wzc/problem/gradients.ts';
import type { Activation, Dims, Iterate, Multipliers, Problem } from '../../../../src/papers/wzc/problem/types.ts';
import { cloneIterate, zeroWeights } from '../../../../src/papers/wzc/problem/types.ts';
import { sigma, sigmaSlopes } from '../../../../src/models/activations/piecewise.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { randomIterate, randomMultipliers, randomProblem } from '../../../helpers/wzcInstance.ts';

const dims: Dims = { T: 4, n: 3, m: 2, r: 3 };
const acts: Activation[] = [{ kind: 'relu' }, { kind: 'leaky-relu', slope: 0.2 }, { kind: 'elu', alpha: 1 }];

/** Central difference of L along coordinate i of one block of s. */
function centralDiff(prob: Problem, s: Iterate, block: Float64Array, i: number, mult: Multipliers, gamma: number): number {
  // Step 1e-6: truncation O(step²·L''') ≈ 1e-12 and rounding O(ε·|L|/step) ≈ 1e-9 at these sizes (|L| ≲ 100),
  // so 1e-6 relative agreement has three orders of margin; |u_i| ≥ 0.1 keeps u ± step off the kink.
  const step = 1e-6, x = block[i];
  block[i] = x + step;
  const fp = augmentedLagrangian(prob, s, mult, gamma);
  block[i] = x - step;
  const fm = augmentedLagrangian(prob, s, mult, gamma);
  block[i] = x;
  return (fp - fm) / (2 * step);
}

function fdBlock(prob: Problem, s: Iterate, block: Float64Array, mult: Multipliers, gamma: number): Float64Array {
  return Float64Array.from(block, (_, i) => centralDiff(prob, s, block, i, mult, gamma));
}

describe('structured gradients of the AL (3.1) against central finite differences', () => {
  for (const act of acts) {
    for (const seed of [1, 2, 3]) {
      const gamma = [0.7, 3, 25][seed - 1];
      it(`${act.kind}, seed ${seed}, γ=${gamma}: ∇_z, ∇_h, ∇_u`, () => {
        const prob = randomProblem(dims, seed, act, [0.11, 0.07, 0.05, 0.13, 0.09, 0.03]);
        const s = cloneIterate(randomIterate(dims, seed + 10));
        const mult = randomMultipliers(dims, seed + 20);
        const ws = gradWorkspace(dims);

        const gz = zeroWeights(dims);
        gradZInto(prob, s, mult, gamma, ws, gz);
        for (const key of ['W', 'V', 'b', 'A', 'c'] as const) {
          expectClose(gz[key], fdBlock(prob, s, s.z[key], mult, gamma), 1e-6);
        }

        const gh = new Float64Array(dims.T * dims.r);
        gradHInto(prob, s, mult, gamma, ws, gh);
        expectClose(gh, fdBlock(prob, s, s.h, mult, gamma), 1e-6);

        // ∇_u L = ∇_u g + ∇_u q with q of (4.3): ∇_u q = −(ζ + γ(h − σ(u)))·σ'(u) away from kinks.
        const gu = new Float64Array(dims.T * dims.r);
        gradUSmoothInto(prob, s, mult, gamma, ws, gu);
        for (let i = 0; i < gu.length; i++) {
          const slope = sigmaSlopes(act, s.u[i]).right;
          gu[i] -= (mult.zeta[i] + gamma * (s.h[i] - sigma(act, s.u[i]))) * slope;
        }
        expectClose(gu, fdBlock(prob, s, s.u, mult, gamma), 1e-6);
      });
    }
  }

  it('null multipliers mean ξ = ζ = 0', () => {
    const prob = randomProblem(dims, 5);
    const s = randomIterate(dims, 6);
    const zero: Multipliers = { xi: new Float64Array(dims.T * dims.r), zeta: new Float64Array(dims.T * dims.r) };
    const ws = gradWorkspace(dims);
    const a = new Float64Array(dims.T * dims.r), b = new Float64Array(dims.T * dims.r);
    gradHInto(prob, s, null, 2, ws, a);
    gradHInto(prob, s, zero, 2, ws, b);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
