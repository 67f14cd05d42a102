import { describe, expect, it } from 'vitest';
import type { Dims } from '../../../../src/papers/wzc/problem/types.ts';
import { alParts } from '../../../../src/papers/wzc/problem/lagrangian.ts';
import { addScaled, gradG, gradHq, gradLSmooth, stackPaper, uOneSided, zeroBlock } from '../../../../src/papers/wzc/theory/gradient.ts';
import { ACTIVATIONS, centralFD, oneSidedFD, randomIterate, randomMult, randomProblem, unitDirection } from '../../../helpers/theory.ts';

const dims: Dims = { T: 4, n: 2, m: 2, r: 3 };
const BLOCKS = ['W', 'V', 'b', 'A', 'c', 'h', 'u'] as const;

function entry(v: ReturnType<typeof zeroBlock>, block: (typeof BLOCKS)[number], i: number): number {
  return block === 'h' ? v.h[i] : block === 'u' ? v.u[i] : v.z[block][i];
}
function blockLen(block: (typeof BLOCKS)[number]): number {
  const { T, n, m, r } = dims;
  return { W: r * r, V: r * n, b: r, A: m * r, c: m, h: T * r, u: T * r }[block];
}

describe('gradient oracle vs central finite differences of augmentedLagrangian', () => {
  for (const act of ACTIVATIONS) {
    for (const gamma of [0, 0.7, 3]) {
      it(`${act.kind}, γ=${gamma}: ∇L at a smooth point`, () => {
        const prob = randomProblem(11, dims, act);
        const s = randomIterate(dims, 12);
        const mult = randomMult(dims, 13);
        const g = gradLSmooth(prob, s, mult, gamma);
        let worst = 0;
        for (const block of BLOCKS) {
          for (let i = 0; i < blockLen(block); i++) {
            const fd = centralFD(prob, s, mult, gamma, unitDirection(dims, block, i));
            // central FD, step 1e-5: truncation ~1e-10·|L'''|, rounding ~1e-16·|L|/1e-5; 1e-6 is ~1000× both
            worst = Math.max(worst, Math.abs(fd - entry(g, block, i)) / Math.max(1, Math.abs(fd)));
          }
        }
        expect(worst).toBeLessThan(1e-6);
      });
    }
  }

  it('∇g alone: L(s, ξ, 0, γ) − γ/2‖C2‖² is g (4.2)', () => {
    const prob = randomProblem(21, dims, ACTIVATIONS[0]);
    const s = randomIterate(dims, 22);
    const mult = randomMult(dims, 23);
    const gamma = 1.3;
    const noZeta = { xi: mult.xi, zeta: new Float64Array(mult.zeta.length) };
    const gfun = (t: number, d: ReturnType<typeof zeroBlock>) => {
      const p = alParts(prob, addScaled(s, t, d), noZeta, gamma);
      return p.L - 0.5 * gamma * p.c2 * p.c2;
    };
    const g = gradG(prob, s, mult.xi, gamma);
    for (const block of BLOCKS) {
      for (let i = 0; i < blockLen(block); i++) {
        const d = unitDirection(dims, block, i);
        const fd = (gfun(1e-5, d) - gfun(-1e-5, d)) / 2e-5;
        expect(Math.abs(fd - entry(g, block, i))).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('∇_h q = ζ + γ(h − σ(u)) vs FD of γ/2‖h − σ(u) + ζ/γ‖² − ‖ζ‖²/(2γ) (4.3)', () => {
    const prob = randomProblem(31, dims, ACTIVATIONS[1]);
    const s = randomIterate(dims, 32);
    const mult = randomMult(dims, 33);
    const gamma = 2;
    const q = (h: Float64Array) => {
      let acc = 0;
      for (let i = 0; i < h.length; i++) {
        const v = h[i] - (s.u[i] >= 0 ? s.u[i] : 0.1 * s.u[i]) + mult.zeta[i] / gamma;
        acc += v * v;
      }
      return 0.5 * gamma * acc;
    };
    const gh = gradHq(prob, s, mult.zeta, gamma);
    for (let i = 0; i < gh.length; i++) {
      const hp = s.h.slice(), hm = s.h.slice();
      hp[i] += 1e-5; hm[i] -= 1e-5;
      expect(Math.abs((q(hp) - q(hm)) / 2e-5 - gh[i])).toBeLessThan(1e-6);
    }
  });

  it('one-sided u-derivatives at kinks match one-sided FD, for all activations', () => {
    for (const act of ACTIVATIONS) {
      const prob = randomProblem(41, dims, act);
      const kinks = [0, 4, 7];
      const s = randomIterate(dims, 42, kinks);
      const mult = randomMult(dims, 43);
      const os = uOneSided(prob, s, mult, 1.5);
      for (const k of kinks) {
        expect(os.kink[k]).toBe(act.kind === 'elu' ? 0 : 1);
        const right = oneSidedFD(prob, s, mult, 1.5, unitDirection(dims, 'u', k));
        const leftNeg = oneSidedFD(prob, s, mult, 1.5, (() => { const d = unitDirection(dims, 'u', k); d.u[k] = -1; return d; })());
        // Richardson-extrapolated one-sided FD, t = 1e-4: error O(t²)·|L'''| ≲ 1e-7
        expect(Math.abs(right - os.right[k])).toBeLessThan(1e-6 * Math.max(1, Math.abs(right)));
        expect(Math.abs(-leftNeg - os.left[k])).toBeLessThan(1e-6 * Math.max(1, Math.abs(leftNeg)));
      }
    }
  });

  it('stackPaper puts (w; a; h; u) in paper order', () => {
    const s = randomIterate(dims, 51);
    const v = stackPaper(dims, s);
    const { r, n, m, T } = dims;
    expect(v.length).toBe(r * r + r * n + r + m * r + m + 2 * T * r);
    expect(v[1]).toBe(s.z.W[1 * r + 0]); // column-major vec(W): second entry is W[1,0]
    expect(v[v.length - 1]).toBe(s.u[T * r - 1]);
  });
});
