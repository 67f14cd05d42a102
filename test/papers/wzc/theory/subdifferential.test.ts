import { describe, expect, it } from 'vitest';
import type { Dims } from '../../../../src/papers/wzc/problem/types.ts';
import { distToSubdifferential } from '../../../../src/papers/wzc/theory/subdifferential.ts';
import { blockDot, gradLSmooth, stackPaper } from '../../../../src/papers/wzc/theory/gradient.ts';
import { psiW } from '../../../../src/models/elman.ts';
import { ACTIVATIONS, randomIterate, randomMult, randomProblem, stationaryPoint } from '../../../helpers/theory.ts';

const dims: Dims = { T: 4, n: 2, m: 2, r: 3 };

describe('dist(0, ∂L) at smooth points', () => {
  for (const act of ACTIVATIONS) {
    it(`${act.kind}: equals ‖∇L‖`, () => {
      const prob = randomProblem(1, dims, act);
      const s = randomIterate(dims, 2);
      const mult = randomMult(dims, 3);
      const g = gradLSmooth(prob, s, mult, 2.5);
      const r = distToSubdifferential(prob, s, mult, 2.5);
      expect(r.kinkCount).toBe(0);
      expect(r.dist).toBeCloseTo(Math.sqrt(blockDot(g, g)), 10);
      expect(r.frechetDist).toBe(r.dist);
    });
  }
});

/**
 * Brute force from the definition: limiting subgradients at a kink set K are limits of gradients at nearby
 * smooth points (u_i = ±ε for i ∈ K), and, for a coordinate whose left gradient ≤ right gradient (convex kink),
 * every convex combination of the two (Fréchet subgradients at the kink itself), sampled on a 1/1000 grid.
 * Off-K coordinates of all candidates agree up to O(ε), so only the K-coordinates are compared; returns the
 * least norm of that K-part and every candidate gradient (for the off-K check).
 */
function bruteKinkPart(prob: ReturnType<typeof randomProblem>, s: ReturnType<typeof randomIterate>, mult: ReturnType<typeof randomMult>, gamma: number, K: number[]) {
  const eps = 1e-9;
  const uOff = stackPaper(dims, s).length - dims.T * dims.r;
  const grads: Float64Array[] = [];
  for (let p = 0; p < 1 << K.length; p++) {
    const sp = { z: s.z, h: s.h, u: s.u.slice() };
    K.forEach((k, j) => { sp.u[k] = (p >> j) & 1 ? eps : -eps; });
    grads.push(stackPaper(dims, gradLSmooth(prob, sp, mult, gamma)));
  }
  // per kink coordinate: candidate values of the u_k-entry (left/right limits, plus the segment if convex)
  const cands = K.map((k, j) => {
    const gl = grads[0][uOff + k], gr = grads[(1 << j)][uOff + k];
    const vals = [gl, gr];
    if (gl <= gr) for (let t = 0; t <= 1000; t++) vals.push(gl + (gr - gl) * (t / 1000));
    return { vals, convex: gl <= gr, len: Math.abs(gr - gl) };
  });
  let best = Infinity;
  for (const a of cands[0].vals) for (const b of cands[1].vals) best = Math.min(best, Math.hypot(a, b));
  return { best, grads, uOff, cands };
}

describe('dist(0, ∂L) at kinks vs brute force over nearby gradients', () => {
  const seen = new Set<string>();
  for (const act of ACTIVATIONS.slice(0, 2)) {
    for (let seed = 1; seed <= 6; seed++) {
      it(`${act.kind}, seed ${seed}, 2 kinks`, () => {
        const K = [1, 6];
        const prob = randomProblem(10 + seed, dims, act);
        const s = randomIterate(dims, 20 + seed, K);
        const mult = randomMult(dims, 30 + seed, 1.5);
        const r = distToSubdifferential(prob, s, mult, 1.2);
        expect(r.kinkCount).toBe(2);
        const { best, grads, uOff, cands } = bruteKinkPart(prob, s, mult, 1.2, K);
        const mine = Math.hypot(...K.map((k) => r.minNormElement.u[k]));
        // grid 1/1000 overshoots the segment minimum by at most len/1000; ε = 1e-9 moves gradients by O(1e-9)
        const slack = 1e-6 + Math.max(...cands.map((c) => c.len)) / 1000;
        expect(mine).toBeLessThanOrEqual(best + 1e-6);
        expect(mine).toBeGreaterThan(best - slack);
        expect(r.concaveKinkCount).toBe(cands.filter((c) => !c.convex).length);
        // off-K coordinates: the minimal-norm element is the common gradient of the nearby smooth points
        const e = stackPaper(dims, r.minNormElement);
        for (let i = 0; i < e.length; i++) {
          if (i >= uOff && K.includes(i - uOff)) continue;
          expect(Math.abs(e[i] - grads[0][i])).toBeLessThan(1e-7);
        }
        seen.add(cands.map((c) => (c.convex ? 'v' : 'c')).join(''));
      });
    }
  }

  // hand-set (κ_k, ∂_{u_k}g) so that the u-derivatives straddle 0: ReLU left = g, right = g − κ
  const cases: [number, number, number][] = [
    [2, 1, 1], // concave, straddles 0: limiting {1, −1} → 1 (Clarke hull would give 0)
    [2, 3, 1], // concave: {3, 1} → 1
    [-2, -1, 0], // convex, straddles: [−1, 1] ∋ 0
    [-2, 1, 1], // convex: [1, 3] → 1
  ];
  for (const [kap, gu, expected] of cases) {
    it(`ReLU kink with κ=${kap}, ∂_u g=${gu}: |nearest| = ${expected}, agrees with brute force`, () => {
      const prob = randomProblem(70, dims, ACTIVATIONS[0]);
      const K = [2, 7];
      const s = randomIterate(dims, 71, K);
      const mult = randomMult(dims, 72);
      const gamma = 1.2;
      const P = new Float64Array(dims.T * dims.r);
      psiW(dims, prob.data.X, s.z, s.h, P);
      for (const k of K) {
        mult.xi[k] = gu - gamma * (s.u[k] - P[k]) - 2 * prob.lambda[5] * s.u[k];
        mult.zeta[k] = kap - gamma * s.h[k];
      }
      const r = distToSubdifferential(prob, s, mult, gamma);
      for (const k of K) expect(Math.abs(r.minNormElement.u[k])).toBeCloseTo(expected, 12);
      const { best } = bruteKinkPart(prob, s, mult, gamma, K);
      expect(Math.hypot(...K.map((k) => r.minNormElement.u[k]))).toBeCloseTo(best, 6);
    });
  }

  it('the seeds above covered convex and concave kinks', () => {
    expect([...seen].join('')).toMatch(/v/);
    expect([...seen].join('')).toMatch(/c/);
  });

  it('a kink whose u-gradients straddle 0 contributes nothing when convex and min(|l|,|r|) when concave', () => {
    for (const act of ACTIVATIONS.slice(0, 2)) {
      for (let seed = 1; seed <= 5; seed++) {
        const prob = randomProblem(40 + seed, dims, act);
        const { s, mult, concaveKinks } = stationaryPoint(prob, 50 + seed, 1.7, [0, 4, 8, 10]);
        const r = distToSubdifferential(prob, s, mult, 1.7);
        // constructed exactly stationary (limiting); residual is rounding of O(1) sums
        expect(r.dist).toBeLessThan(1e-12);
        expect(r.concaveKinkCount).toBe(concaveKinks.length);
        expect(r.frechetDist).toBe(concaveKinks.length > 0 ? Infinity : r.dist);
      }
    }
  });
});
