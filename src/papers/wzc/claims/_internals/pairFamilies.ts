/**
 * Instance families of Lemmas 3.1 and 3.2: pairs of AL points sharing z (Lemma 3.2) and AL points drawn anywhere
 * or "aligned" near the bottom of the AL (Lemma 3.1 (i), (ii)). Same conventions as families.ts: grid-valued
 * draws, positive parameters as mantissa·10^e, instances stay valid while shrinking.
 */
import fc from 'fast-check';
import { gridArray, positiveArb } from '../../../../engine/arbitraries.ts';
import { arr, f64, num, obj } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily, Scale } from '../../../../engine/types.ts';
import { sigma } from '../../../../models/activations/piecewise.ts';
import { psiW } from '../../../../models/elman.ts';
import type { Iterate, Multipliers, Problem, Weights } from '../../problem/types.ts';
import { actText, dimsText, multFromJSON, multToJSON, problemFromJSON, problemToJSON, weightsFromJSON, weightsToJSON } from './codecs.ts';
import { mapWeights } from './common.ts';
import { dimsArb, pointFamily, problemArb, weightsArb, type WzcPoint } from './families.ts';

function scaleArr(a: Float64Array, f: number): Float64Array {
  return a.map((v) => v * f);
}

/** Two AL points s = (z, h, u) and s' = (z, h2, u2) with the same z, multipliers and penalty. */
export interface WzcPair {
  prob: Problem;
  s: Iterate;
  h2: Float64Array;
  u2: Float64Array;
  mult: Multipliers;
  gamma: number;
  /** How s was drawn: anywhere, or on the manifold C1 = −ξ/γ, C2 = −ζ/γ (see {@link alignedIterate}). */
  mode: 'general' | 'aligned';
}

/**
 * The point with C1(s) = −ξ/γ and C2(s) = −ζ/γ, built time by time like a forward pass:
 * u_t = W h_{t−1} + V x_t + b − ξ_t/γ, h_t = σ(u_t) − ζ_t/γ. There L(s) = R(s) − ‖ξ‖²/2γ − ‖ζ‖²/2γ, so δ of
 * (3.4) equals R(s) (small when z, Y, ξ are), while ‖h‖ ≈ ‖ζ‖/γ is as large as ζ makes it.
 */
export function alignedIterate(prob: Problem, z: Weights, mult: Multipliers, gamma: number): Iterate {
  const d = prob.data.dims;
  const N = d.T * d.r;
  const h = new Float64Array(N), u = new Float64Array(N), P = new Float64Array(N);
  for (let t = 0; t < d.T; t++) {
    psiW(d, prob.data.X, z, h, P); // rows ≤ t only read h_{<t}, which are final
    for (let i = 0; i < d.r; i++) {
      const k = t * d.r + i;
      u[k] = P[k] - mult.xi[k] / gamma;
      h[k] = sigma(prob.activation, u[k]) - mult.zeta[k] / gamma;
    }
  }
  return { z, h, u };
}

function perturb(base: Float64Array, delta: Float64Array, on: boolean): Float64Array {
  return on ? base.map((v, i) => v + delta[i]) : base.slice();
}

function pairArb(scale: Scale): fc.Arbitrary<WzcPair> {
  const general = dimsArb(scale).chain((d) => {
    const N = d.T * d.r;
    return fc
      .record({
        prob: problemArb(d, scale), z: weightsArb(d, 1.5), h: gridArray(N, 2), u: gridArray(N, 2),
        dh: gridArray(N, 1), du: gridArray(N, 1), moveH: fc.boolean(), moveU: fc.boolean(),
        xi: gridArray(N, 3), zeta: gridArray(N, 3), gamma: positiveArb(-2, 2),
      })
      .map(({ prob, z, h, u, dh, du, moveH, moveU, xi, zeta, gamma }): WzcPair => ({
        prob, s: { z, h, u }, h2: perturb(h, dh, moveH), u2: perturb(u, du, moveU || !moveH), mult: { xi, zeta }, gamma, mode: 'general',
      }));
  });
  // Small z, Y, ξ and steps (common factor 10^−e), moderate λ, large ζ: δ small but ‖h‖ ≈ ‖ζ‖/γ large, the
  // regime where δ² < δ0² in (3.4) matters (see the erratum of lemma3.2.ts).
  const moderate = positiveArb(-2, 1);
  const aligned = fc.integer({ min: 2, max: 6 }).chain((e) => {
    const f = 10 ** -e;
    return dimsArb(scale).chain((d) => {
      const N = d.T * d.r;
      return fc
        .record({
          prob: problemArb(d, scale, { yScale: f, lambda: fc.tuple(moderate, moderate, moderate, moderate, moderate, moderate) }),
          z: weightsArb(d, 1.5), xi: gridArray(N, 3), zeta: gridArray(N, 3),
          zetaExp: fc.integer({ min: 1, max: 2 }), gamma: positiveArb(-1, 1), dh: gridArray(N, 1), du: gridArray(N, 1),
          moveH: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        })
        .map(({ prob, z, xi, zeta, zetaExp, gamma, dh, du, moveH }): WzcPair => {
          const mult = { xi: scaleArr(xi, f), zeta: scaleArr(zeta, 10 ** zetaExp) };
          const s = alignedIterate(prob, mapWeights(z, (a) => scaleArr(a, f)), mult, gamma);
          return { prob, s, h2: perturb(s.h, scaleArr(dh, f), moveH), u2: perturb(s.u, scaleArr(du, f), true), mult, gamma, mode: 'aligned' };
        });
    });
  });
  return fc.oneof(general, aligned);
}

/** Pairs (z, h, u), (z, h', u') for Lemma 3.2. */
export function pairFamily(name: string): InstanceFamily<WzcPair> {
  return {
    name,
    arbitrary: pairArb,
    toJSON: (p) => ({
      prob: problemToJSON(p.prob), z: weightsToJSON(p.s.z), h: arr(p.s.h), u: arr(p.s.u), h2: arr(p.h2), u2: arr(p.u2),
      mult: multToJSON(p.mult), gamma: p.gamma, mode: p.mode,
    }),
    fromJSON: (j) => {
      const o = obj(j, 'instance');
      return {
        prob: problemFromJSON(o.prob),
        s: { z: weightsFromJSON(o.z), h: f64(o.h, 'h'), u: f64(o.u, 'u') },
        h2: f64(o.h2, 'h2'), u2: f64(o.u2, 'u2'),
        mult: multFromJSON(o.mult),
        gamma: num(o.gamma, 'gamma'),
        mode: o.mode === 'aligned' ? 'aligned' : 'general',
      };
    },
    describe: (p) => `${dimsText(p.prob.data.dims)} ${actText(p.prob.activation)} γ=${p.gamma} ${p.mode}`,
  };
}

/** An AL point, drawn anywhere (like `pointFamily`) or aligned (near the lower bound of Lemma 3.1 (i)). */
export type WzcAlPoint = WzcPoint;

/** AL points: 1/2 anywhere, 1/2 aligned with small z, Y, ξ (L close to its lower bound). JSON as `pointFamily`. */
export function alPointFamily(name: string): InstanceFamily<WzcAlPoint> {
  const pf = pairFamily(name);
  return {
    ...pointFamily(name),
    arbitrary: (scale) => pf.arbitrary(scale).map((p) => ({ prob: p.prob, s: p.s, mult: p.mult, gamma: p.gamma })),
    describe: (p) => `${dimsText(p.prob.data.dims)} ${actText(p.prob.activation)} γ=${p.gamma}`,
  };
}
