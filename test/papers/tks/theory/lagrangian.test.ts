import { describe, expect, it } from 'vitest';
import { alGradient, alValue, type TksPoint } from '../../../../src/papers/tks/theory/lagrangian.ts';
import { lagrangianParts } from '../../../../src/papers/tks/problem/lagrangian.ts';
import { blockOf, withBlock, type TksBlock } from '../../../../src/papers/tks/theory/models.ts';
import { randomPoint } from '../../../helpers/tksInstance.ts';

const BLOCKS: TksBlock[] = ['o', 'c', 'v', 's', 'a', 'b', 'w', 'u'];

/** Central difference of L along coordinate k of block X (step h·max(1, |x|)); the error is O(h²) ≈ 1e-10. */
function centralDiff(pt: TksPoint, X: TksBlock | 'l1' | 'l2' | 'l3', k: number): number {
  const base = X === 'l1' || X === 'l2' || X === 'l3' ? pt.mult[X] : blockOf(pt, X);
  const step = 1e-5 * Math.max(1, Math.abs(base[k]));
  const at = (delta: number): number => {
    const Y = base.slice();
    Y[k] += delta;
    const q = X === 'l1' || X === 'l2' || X === 'l3' ? { ...pt, mult: { ...pt.mult, [X]: Y } } : withBlock(pt, X, Y);
    return alValue(q).L;
  };
  return (at(step) - at(-step)) / (2 * step);
}

describe('TKS (8): the oracle against the solver evaluation and against central differences', () => {
  for (const [seed, loss, inputs] of [[1, 'cross-entropy', 'onehot'], [2, 'squared', 'dense'], [3, 'cross-entropy', 'dense']] as const) {
    const pt = randomPoint(seed, { loss, inputs });
    it(`solver's lagrangianParts = oracle alValue (${loss}, ${inputs} inputs)`, () => {
      const a = alValue(pt);
      const b = lagrangianParts(pt.p, pt.aux, pt.mult, pt.batch, pt.hp);
      for (const key of ['R', 'omega', 'penalty', 'multiplier', 'augmented', 'L'] as const) {
        expect(Math.abs(a[key] - b[key])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a[key])));
      }
    });
    it(`∇L of every block and multiplier matches central differences (${loss}, ${inputs} inputs)`, () => {
      const g = alGradient(pt);
      for (const X of [...BLOCKS, 'l1', 'l2', 'l3'] as const) {
        const gx = g[X];
        const scale = Math.max(1, ...Array.from(gx, Math.abs));
        for (let k = 0; k < gx.length; k += Math.max(1, Math.floor(gx.length / 7))) {
          const fd = centralDiff(pt, X, k);
          // truncation O(step²·|L'''|) plus rounding ε·|L|/step: both ≲ 1e-8 at these sizes
          expect(Math.abs(fd - gx[k]), `${X}[${k}]`).toBeLessThanOrEqual(1e-6 * scale);
        }
      }
    });
  }

});
