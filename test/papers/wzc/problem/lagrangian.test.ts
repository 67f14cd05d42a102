import { describe, expect, it } from 'vitest';
import { alParts, constraints, ell, penalty } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import type { Activation, Dims, Iterate, Multipliers, Problem } from '../../../../src/papers/wzc/problem/types.ts';
import { zeroWeights } from '../../../../src/papers/wzc/problem/types.ts';
import { forward } from '../../../../src/models/elman.ts';
import { mulberry32 } from '../../../helpers/rng.ts';

const d: Dims = { T: 5, n: 2, m: 3, r: 4 };

function instance(seed: number, act: Activation): { prob: Problem; s: Iterate; mult: Multipliers } {
  const rng = mulberry32(seed);
  const u01 = (len: number) => Float64Array.from({ length: len }, () => 2 * rng() - 1);
  const z = zeroWeights(d);
  for (const a of [z.W, z.V, z.b, z.A, z.c]) a.set(u01(a.length));
  const prob: Problem = { data: { dims: d, X: u01(d.T * d.n), Y: u01(d.T * d.m) }, activation: act, lambda: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] };
  return { prob, s: { z, h: u01(d.T * d.r), u: u01(d.T * d.r) }, mult: { xi: u01(d.T * d.r), zeta: u01(d.T * d.r) } };
}

const sq = (a: Float64Array) => a.reduce((s, v) => s + v * v, 0);

describe('augmented Lagrangian (3.1)', () => {
  it('both forms of (3.1) agree: R + ⟨ξ,C1⟩ + ⟨ζ,C2⟩ + γ/2‖C‖² = R + γ/2‖C1 + ξ/γ‖² + γ/2‖C2 + ζ/γ‖² − ‖ξ‖²/2γ − ‖ζ‖²/2γ', () => {
    for (const act of [{ kind: 'relu' }, { kind: 'leaky-relu', slope: 0.2 }, { kind: 'elu', alpha: 1 }] as Activation[]) {
      for (const gamma of [0.01, 1, 300]) {
        const { prob, s, mult } = instance(7, act);
        const C1 = new Float64Array(d.T * d.r), C2 = new Float64Array(d.T * d.r);
        constraints(prob, s, C1, C2);
        const shifted = sq(C1.map((v, i) => v + mult.xi[i] / gamma)) + sq(C2.map((v, i) => v + mult.zeta[i] / gamma));
        const second = ell(prob, s) + penalty(prob, s) + (gamma / 2) * shifted - sq(mult.xi) / (2 * gamma) - sq(mult.zeta) / (2 * gamma);
        const parts = alParts(prob, s, mult, gamma);
        expect(Math.abs(parts.L - second)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(second), sq(mult.xi) / gamma));
        expect(parts.feasVio).toBe(Math.max(Math.sqrt(sq(C1)), Math.sqrt(sq(C2))));
      }
    }
  });
  it('on a forward pass the constraints vanish and L = R (feasible start of Algorithm 3.1)', () => {
    const { prob, s, mult } = instance(8, { kind: 'relu' });
    const fw = forward(d, prob.data.X, s.z, prob.activation);
    const p = alParts(prob, { z: s.z, h: fw.h, u: fw.u }, mult, 5);
    expect(p.c2).toBe(0);
    expect(p.c1).toBeLessThanOrEqual(1e-15);
    expect(p.L).toBeCloseTo(p.R, 12);
  });
});
