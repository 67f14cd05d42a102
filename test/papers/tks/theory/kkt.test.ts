import { describe, expect, it } from 'vitest';
import { alGradient } from '../../../../src/papers/tks/theory/lagrangian.ts';
import { kktResidual } from '../../../../src/papers/tks/theory/kkt.ts';
import { residuals } from '../../../../src/papers/tks/theory/lagrangian.ts';
import { randomPoint } from '../../../helpers/tksInstance.ts';

const norm = (a: Float64Array): number => Math.sqrt(a.reduce((s, x) => s + x * x, 0));

describe('TKS dist(0, ∂L_ρ) and the KKT residual', () => {
  it('is the norm of ∇L over every block; feasibility is the norm of the t = N residuals', () => {
    const pt = randomPoint(3);
    const k = kktResidual(pt);
    const g = alGradient(pt);
    expect(k.blocks.w).toBeCloseTo(norm(g.w), 12);
    const st = Math.hypot(...(['u', 'w', 'b', 'v', 'c', 'a', 's', 'o'] as const).map((x) => norm(g[x])));
    expect(k.stationarity).toBeCloseTo(st, 12);
    const { N, B, h, q } = pt.batch.dims;
    const { r1, r2, r3 } = residuals(pt);
    const fe = Math.hypot(norm(r1.slice((N - 1) * B * h)), norm(r2.slice((N - 1) * B * h)), norm(r3.slice((N - 1) * B * q)));
    expect(k.feasibility).toBeCloseTo(fe, 12);
    expect(k.dist).toBeCloseTo(Math.hypot(st, fe), 12);
  });
  it('at the RNN\'s feasible point with λ = 0 and ω = 0 only ∂o = ∇R remains (feasible, not stationary)', () => {
    const pt = randomPoint(4, { noise: 0, lambda: 0, hyper: { omega: 0 } });
    const k = kktResidual(pt);
    expect(k.feasibility).toBeLessThan(1e-12);
    // at the feasible point every penalty gradient is zero, so only ∂o = ∇R remains
    expect(k.stationarity).toBeCloseTo(norm(alGradient(pt).o), 12);
    expect(k.blocks.a + k.blocks.s + k.blocks.u + k.blocks.w).toBeLessThan(1e-12);
  });
});
