/**
 * Algorithm 1: every update is the argmin of its subproblem as the paper defines it (theory/subproblems.ts,
 * independent code): first-order conditions to rounding and no descent under random perturbations. Shapes
 * cover N = 2, 3, 4, both activations, the Woodbury path (2d_{j+1} < d_j), widths past the blocked Cholesky
 * panel (16), and both LLA rules.
 */
import { describe, expect, it } from 'vitest';
import { iterationSubproblems } from '../../../../src/papers/zly/theory/subproblems.ts';
import { contextOf, expectNoDescent, expectStationary, initFor, randomProblem, recordRun, solverBlock } from '../../../helpers/zly.ts';
import type { ZlyActivation } from '../../../../src/papers/zly/problem/types.ts';
import type { LlaRule } from '../../../../src/papers/zly/solver/types.ts';

const CASES: { name: string; d: number[]; n: number; act: ZlyActivation; lla: LlaRule; beta?: number[]; lambda?: number }[] = [
  { name: 'N=2 sigmoid', d: [3, 4, 1], n: 6, act: 'sigmoid', lla: 'paper' },
  { name: 'N=2 tanh, dN > d1', d: [2, 2, 3], n: 5, act: 'tanh', lla: 'paper' },
  { name: 'N=3 sigmoid', d: [2, 5, 4, 2], n: 7, act: 'sigmoid', lla: 'paper' },
  { name: 'N=3 tanh demo rule', d: [2, 5, 4, 2], n: 7, act: 'tanh', lla: 'demo' },
  { name: 'N=4 Woodbury paths', d: [2, 6, 2, 5, 1], n: 9, act: 'tanh', lla: 'paper', beta: [3, 2, 1.5, 1], lambda: 0.1 },
  { name: 'N=3 wide (blocked Cholesky)', d: [3, 20, 18, 2], n: 25, act: 'sigmoid', lla: 'paper', beta: [2, 1, 4], lambda: 1e-3 },
];

describe('ZLY Algorithm 1: each update is the exact minimizer of its subproblem', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const prob = randomProblem(11, c.d, c.n, c.act, c.beta, c.lambda);
      const { snaps } = recordRun(prob, initFor(prob, 5), 4, { lla: c.lla });
      for (const s of snaps) {
        const subs = iterationSubproblems(contextOf(prob, s));
        expect(subs).toHaveLength(2 * (c.d.length - 1));
        for (const sp of subs) {
          const x = solverBlock(sp, s.next);
          expectStationary(sp, x);
          expectNoDescent(sp, x, 100 * s.k + sp.layer);
        }
      }
    });
  }

  it('h and μ follow (20)–(22) (paper) and ‖B‖_max (demo)', () => {
    const prob = randomProblem(3, [2, 4, 3, 3, 1], 6, 'tanh');
    for (const lla of ['paper', 'demo'] as const) {
      const { snaps } = recordRun(prob, initFor(prob, 2), 3, { lla });
      const { L0, L1, L2 } = { L0: 1, L1: 1, L2: 4 / (3 * Math.sqrt(3)) };
      for (const s of snaps) {
        const bmax = (i: number) => {
          let m = 0;
          const V = s.prev.V[i - 1], L = s.prev.Lambda[i - 1], b = prob.beta[i - 1];
          for (let t = 0; t < V.length; t++) m = Math.max(m, Math.abs(V[t] - L[t] / b));
          return m;
        };
        const rule = (c: number) => (lla === 'demo' ? c : 2 * L2 * (L0 + c) + 2 * L1 * L1);
        expect(s.h).toHaveLength(3);
        expect(s.mu).toHaveLength(2);
        for (let i = 1; i <= 3; i++) expect(s.h[i - 1]).toBeCloseTo(rule(bmax(i)), 14);
        for (let j = 1; j <= 2; j++) expect(s.mu[j - 1]).toBeCloseTo(rule(bmax(j + 1)), 14);
      }
    }
  });
});
