import { describe, expect, it } from 'vitest';
import { sigma, sigmaInto, sigmaSlopes, sigmaLipschitz } from '../../../src/models/activations/piecewise.ts';
import type { Activation } from '../../../src/models/activations/piecewise.ts';
import { mulberry32 } from '../../helpers/rng.ts';

const ACTS: Activation[] = [{ kind: 'relu' }, { kind: 'leaky-relu', slope: 0.1 }, { kind: 'elu', alpha: 1 }];

describe('activations (2.1), §4.3', () => {
  it('values, one-sided slopes and the kink', () => {
    expect(sigma({ kind: 'relu' }, -2)).toBe(0);
    expect(sigma({ kind: 'leaky-relu', slope: 0.1 }, -2)).toBeCloseTo(-0.2, 15);
    expect(sigma({ kind: 'elu', alpha: 1 }, -1)).toBeCloseTo(Math.exp(-1) - 1, 15);
    expect(sigmaSlopes({ kind: 'relu' }, 0)).toEqual({ left: 0, right: 1 });
    expect(sigmaSlopes({ kind: 'leaky-relu', slope: 0.1 }, 0)).toEqual({ left: 0.1, right: 1 });
    expect(sigmaSlopes({ kind: 'elu', alpha: 1 }, 0)).toEqual({ left: 1, right: 1 });
    for (const act of ACTS) expect(sigmaLipschitz(act)).toBe(1);
  });
  it('sigmaInto agrees with sigma and one-sided slopes agree with finite differences', () => {
    const rng = mulberry32(5);
    for (const act of ACTS) {
      const u = Float64Array.from({ length: 200 }, () => 6 * rng() - 3);
      const out = new Float64Array(200);
      sigmaInto(act, u, out);
      for (let i = 0; i < u.length; i++) {
        expect(out[i]).toBe(sigma(act, u[i]));
        const h = 1e-7, s = sigmaSlopes(act, u[i]);
        expect((sigma(act, u[i] + h) - sigma(act, u[i])) / h).toBeCloseTo(s.right, 5);
        expect((sigma(act, u[i]) - sigma(act, u[i] - h)) / h).toBeCloseTo(s.left, 5);
      }
    }
  });
});
