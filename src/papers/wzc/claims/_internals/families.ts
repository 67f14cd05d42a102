/**
 * The shared WZC instance families: AL points (problem, s, ξ, ζ, γ), BCD subproblems (3.5) and short ALM runs.
 * Every number is drawn on an integer grid (engine/arbitraries.ts) so instances are spread out, shrink towards
 * small dimensions and round values, and stay valid while shrinking (penalties and λ are drawn as positive
 * mantissa × 10^exponent and can never reach 0). The one exception is the adversarial near-singular data (see
 * {@link DataConditioning}), whose perturbation is 1e-9 times a grid value.
 */
import fc from 'fast-check';
import { gridArray, positiveArb } from '../../../../engine/arbitraries.ts';
import { arr, f64, num, obj } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily, Scale } from '../../../../engine/types.ts';
import { forward } from '../../../../models/elman.ts';
import type { Activation, Dims, Iterate, Lambda, Multipliers, Problem, Weights } from '../../problem/types.ts';
import { activationArb } from './activationArbs.ts';
import { dimsText, multFromJSON, multToJSON, problemFromJSON, problemToJSON, weightsFromJSON, weightsToJSON } from './codecs.ts';

/** A point of the AL (3.1): problem, iterate s, multipliers (ξ, ζ) and penalty γ. */
export interface WzcPoint {
  prob: Problem;
  s: Iterate;
  mult: Multipliers;
  gamma: number;
  /** `false`: run the solver's blocks with SIMD off (heap arrays, the JS kernels); absent: in a SIMD arena. */
  simd?: boolean;
}

/** A BCD subproblem (3.5): problem, start weights, fixed (ξ, ζ, γ), μ, ε and an inner-iteration cap. */
export interface WzcBcdCase {
  prob: Problem;
  z0: Weights;
  mult: Multipliers;
  gamma: number;
  mu: number;
  eps: number;
  inner: number;
  /** `false`: run the BCD with SIMD off (`bcdWorkspace(prob, ev, false)`); absent: SIMD, as `lagrangelab train`. */
  simd?: boolean;
}

/** A short ALM run on a small problem. */
export interface WzcAlmCase {
  prob: Problem;
  z0: Weights;
  gamma0: number;
  mu: number;
  eps0: number;
  outer: number;
  inner: number;
  eta: readonly [number, number, number, number];
}

interface DimBounds { T: number; n: number; m: number; r: number }

const DIMS: Record<Scale, DimBounds> = {
  ci: { T: 5, n: 3, m: 2, r: 4 },
  deep: { T: 12, n: 6, m: 4, r: 8 },
};

/** Dimensions, shrinking towards 1 (n towards `minN`). */
export function dimsArb(scale: Scale, minN = 1): fc.Arbitrary<Dims> {
  const b = DIMS[scale];
  return fc.record({
    T: fc.integer({ min: 1, max: b.T }),
    n: fc.integer({ min: minN, max: Math.max(minN, b.n) }),
    m: fc.integer({ min: 1, max: b.m }),
    r: fc.integer({ min: 1, max: b.r }),
  });
}

type Range = readonly [number, number];
interface DimRanges { T: Range; n: Range; m: Range; r: Range }

/**
 * Dimensions that reach the kernels' other paths (linalg/blocked.ts, simd.ts), which the small dimensions above
 * never do: `edges` has r ≥ 5, n ≥ 4 (mostly ≢ 0 mod 4) and T − 1 ≥ 4, so the products inside the solver's SIMD
 * arena have right-edge columns and bottom-edge rows left to JS; `panel` has r + n + 1 ≥ 20 > 16, the blocked
 * Cholesky's panel size, so the z-step's w-system factorization takes the panel update, itself a product of SIMD
 * size.
 */
const KERNEL_DIMS: Record<Scale, { edges: DimRanges; panel: DimRanges }> = {
  ci: { edges: { T: [5, 9], n: [4, 8], m: [1, 6], r: [5, 11] }, panel: { T: [5, 8], n: [10, 12], m: [1, 6], r: [9, 11] } },
  deep: { edges: { T: [5, 16], n: [4, 12], m: [1, 8], r: [5, 13] }, panel: { T: [5, 12], n: [10, 14], m: [1, 8], r: [9, 13] } },
};

function rangeDims(b: DimRanges): fc.Arbitrary<Dims> {
  const int = ([min, max]: Range) => fc.integer({ min, max });
  return fc.record({ T: int(b.T), n: int(b.n), m: int(b.m), r: int(b.r) });
}

/** Kernel-path dimensions (see KERNEL_DIMS): SIMD edges or the Cholesky panel path, half each. */
export function kernelDimsArb(scale: Scale): fc.Arbitrary<Dims> {
  return fc.oneof(rangeDims(KERNEL_DIMS[scale].edges), rangeDims(KERNEL_DIMS[scale].panel));
}

/**
 * Dimensions of a family and the kernel path its solver calls take. With `kernels` = k > 0, one draw in k has
 * kernel-path dimensions and runs with SIMD on or off (half each: `simd` false is the JS path, whose results are
 * bit-identical); the others are small and leave `simd` unset (SIMD on, as the solver runs by default).
 */
function sizedDims(scale: Scale, minN: number, kernels = 0): fc.Arbitrary<{ d: Dims; simd?: boolean }> {
  const small = dimsArb(scale, minN).map((d) => ({ d }));
  if (!(kernels > 0)) return small;
  const large = fc.record({ d: kernelDimsArb(scale), simd: fc.boolean() });
  return fc.oneof({ weight: kernels - 1, arbitrary: small }, { weight: 1, arbitrary: large });
}

/** `{ simd: false }` for the JSON form of an instance on the JS path, else nothing (old fixtures stay valid). */
function simdToJSON(simd: boolean | undefined): { simd?: false } {
  return simd === false ? { simd: false } : {};
}

function simdFromJSON(j: unknown): { simd?: false } {
  const v = obj(j, 'instance').simd;
  if (v !== undefined && typeof v !== 'boolean') throw new Error('simd: expected true or false');
  return v === false ? { simd: false } : {};
}

/** λ1..λ6 > 0, including tiny (1e-8, Table 2's λ6) and large values. */
export function lambdaArb(scale: Scale): fc.Arbitrary<Lambda> {
  const p = scale === 'deep' ? positiveArb(-8, 3) : positiveArb(-6, 1);
  return fc.tuple(p, p, p, p, p, p);
}

/** Weights with every entry on the grid [−maxAbs, maxAbs]. */
export function weightsArb(d: Dims, maxAbs: number): fc.Arbitrary<Weights> {
  return fc.record({
    W: gridArray(d.r * d.r, maxAbs),
    V: gridArray(d.r * d.n, maxAbs),
    b: gridArray(d.r, maxAbs),
    A: gridArray(d.m * d.r, maxAbs),
    c: gridArray(d.m, maxAbs),
  });
}

/**
 * How the data X is conditioned.
 *
 * - `regular`: every entry on the grid [−2, 2].
 * - `near-singular`: n ≥ 2 and X's last column duplicates its first up to {@link NEAR_SINGULAR_PERTURBATION}
 *   times a grid value in [−1, 1] (0 included: an exact duplicate, where shrinking goes). XᵀX then has an
 *   eigenvalue of order T·1e-18 (or 0), and so do the V-blocks of Ψ(h)ᵀΨ(h) in Q̂1 of Lemma 3.1 (iii): along
 *   V_{:,1} − V_{:,n} only the regularization 2λ3 keeps the z-step (3.14) strongly convex. T < n (X of rank < n
 *   outright) comes up in about a third of the draws at ci.
 * - `mixed`: half `regular`, half `near-singular` (fc.oneof).
 */
export type DataConditioning = 'regular' | 'near-singular' | 'mixed';

/** The perturbation that keeps a near-singular X's last column from duplicating its first exactly. */
export const NEAR_SINGULAR_PERTURBATION = 1e-9;

/** X on the grid, with its last column replaced by the first plus 1e-9·(grid value in [−1, 1]) per row. */
function nearSingularX(d: Dims): fc.Arbitrary<Float64Array> {
  return fc.tuple(gridArray(d.T * d.n, 2), gridArray(d.T, 1)).map(([X, e]) => {
    const out = X.slice();
    for (let t = 0; t < d.T; t++) out[t * d.n + d.n - 1] = X[t * d.n] + NEAR_SINGULAR_PERTURBATION * e[t];
    return out;
  });
}

/** Options of {@link problemArb}. */
export interface ProblemOptions {
  /** Fix the activation (default: {@link activationArb}, every activation over its parameter range). */
  activation?: Activation;
  /** Draw X near-singular (needs d.n ≥ 2; see {@link DataConditioning}). */
  nearSingular?: boolean;
  /** Multiply Y by this factor (default 1). */
  yScale?: number;
  /** λ's arbitrary (default {@link lambdaArb}). */
  lambda?: fc.Arbitrary<Lambda>;
}

/** Problems of dimensions d: X, Y on the grid [−2, 2], an activation and λ. */
export function problemArb(d: Dims, scale: Scale, opts: ProblemOptions = {}): fc.Arbitrary<Problem> {
  const yScale = opts.yScale ?? 1;
  return fc
    .record({
      X: opts.nearSingular && d.n >= 2 ? nearSingularX(d) : gridArray(d.T * d.n, 2),
      Y: gridArray(d.T * d.m, 2),
      activation: opts.activation ? fc.constant(opts.activation) : activationArb(),
      lambda: opts.lambda ?? lambdaArb(scale),
    })
    .map(({ X, Y, activation, lambda }) => ({ data: { dims: d, X, Y: yScale === 1 ? Y : Y.map((v) => v * yScale) }, activation, lambda }));
}

function multipliersArb(d: Dims, zero: boolean): fc.Arbitrary<Multipliers> {
  if (zero) return fc.constant({ xi: new Float64Array(d.T * d.r), zeta: new Float64Array(d.T * d.r) });
  return fc.record({ xi: gridArray(d.T * d.r, 3), zeta: gridArray(d.T * d.r, 3) });
}

/** Options of the point family. */
export interface PointOptions {
  /** Put some u-coordinates exactly at the kink u = 0. */
  kinks?: boolean;
  /** Draw s on the feasible set F (forward pass) instead of anywhere. */
  feasible?: boolean;
  /** Fix the activation. */
  activation?: Activation;
  /** Allow ξ = ζ = 0 in a quarter of the draws (Table 2's start) besides general multipliers. */
  zeroMultipliers?: boolean;
  /** Conditioning of X (default `regular`). */
  data?: DataConditioning;
  /** One draw in `kernels` has kernel-path dimensions, SIMD on or off (see {@link kernelDimsArb}); default never. */
  kernels?: number;
}

/** `arb(regular)` or `arb(near-singular)` for a one-sided choice; both, half each, for `mixed`. */
function withConditioning<A>(data: DataConditioning | undefined, arb: (nearSingular: boolean) => fc.Arbitrary<A>): fc.Arbitrary<A> {
  if (data === 'mixed') return fc.oneof(arb(false), arb(true));
  return arb(data === 'near-singular');
}

/** Arbitrary WZC points (problem, s, ξ, ζ, γ). */
export function pointArb(scale: Scale, opts: PointOptions = {}): fc.Arbitrary<WzcPoint> {
  return withConditioning(opts.data, (nearSingular) => sizedDims(scale, nearSingular ? 2 : 1, opts.kernels).chain(({ d, simd }) => {
    const N = d.T * d.r;
    const kernel = simd === undefined ? {} : { simd };
    return fc
      .record({
        prob: problemArb(d, scale, { activation: opts.activation, nearSingular }),
        z: weightsArb(d, 1.5),
        h: gridArray(N, 2),
        u: gridArray(N, 2),
        kinkMask: opts.kinks ? fc.array(fc.boolean(), { minLength: N, maxLength: N }) : fc.constant<boolean[]>([]),
        mult: opts.zeroMultipliers
          ? fc.oneof({ weight: 1, arbitrary: multipliersArb(d, true) }, { weight: 3, arbitrary: multipliersArb(d, false) })
          : multipliersArb(d, false),
        gamma: scale === 'deep' ? positiveArb(-3, 4) : positiveArb(-2, 2),
      })
      .map(({ prob, z, h, u, kinkMask, mult, gamma }) => {
        let hh = h, uu = u;
        if (opts.feasible) {
          const zz = opts.kinks ? withKinkBiases(d, prob, z, kinkMask) : z;
          const fw = forward(d, prob.data.X, zz, prob.activation);
          return { prob, s: { z: zz, h: fw.h, u: fw.u }, mult, gamma, ...kernel };
        }
        if (opts.kinks) {
          uu = u.slice();
          for (let i = 0; i < N; i++) if (kinkMask[i]) uu[i] = 0;
          hh = h;
        }
        return { prob, s: { z, h: hh, u: uu }, mult, gamma, ...kernel };
      });
  }));
}

/**
 * Feasible points with exact kinks: choose b so that u_{1,i} = 0 exactly for the masked units i at t = 1
 * (u_1 = V x_1 + b since h_0 = 0), which is exact in floating point because b_i := −(V x_1)_i.
 */
function withKinkBiases(d: Dims, prob: Problem, z: Weights, mask: boolean[]): Weights {
  const b = z.b.slice();
  for (let i = 0; i < d.r; i++) {
    if (!mask[i]) continue;
    let s = 0;
    for (let k = 0; k < d.n; k++) s += z.V[i * d.n + k] * prob.data.X[k];
    b[i] = -s;
  }
  return { ...z, b };
}

/** Options of the BCD family. */
export interface BcdOptions {
  /** Fix the activation. */
  activation?: Activation;
  /** ε = 0 (the exact stop test (4.9)) or ε > 0 (3.17) (default). */
  eps?: 'zero' | 'positive';
  /** Conditioning of X (default `regular`). */
  data?: DataConditioning;
  /** One draw in `kernels` has kernel-path dimensions, SIMD on or off (see {@link kernelDimsArb}); default never. */
  kernels?: number;
}

/** Arbitrary BCD subproblems. */
export function bcdCaseArb(scale: Scale, opts: BcdOptions = {}): fc.Arbitrary<WzcBcdCase> {
  return withConditioning(opts.data, (nearSingular) => sizedDims(scale, nearSingular ? 2 : 1, opts.kernels).chain(({ d, simd }) =>
    fc.record({
      prob: problemArb(d, scale, { activation: opts.activation, nearSingular }),
      z0: weightsArb(d, 1),
      mult: fc.oneof(multipliersArb(d, true), multipliersArb(d, false)),
      gamma: positiveArb(-1, 2),
      mu: positiveArb(-5, 0),
      eps: opts.eps === 'zero' ? fc.constant(0) : positiveArb(-3, 0),
      inner: fc.integer({ min: 2, max: scale === 'deep' ? 60 : 15 }),
    }).map((c) => (simd === undefined ? c : { ...c, simd })),
  ));
}

/** Arbitrary short ALM runs. η drawn inside the paper's intervals (η1, η2, η4 ∈ (0,1), η3 > 1). */
export function almCaseArb(scale: Scale, opts: { activation?: Activation } = {}): fc.Arbitrary<WzcAlmCase> {
  return dimsArb(scale).chain((d) =>
    fc.record({
      prob: problemArb(d, scale, { activation: opts.activation }),
      z0: weightsArb(d, 0.5),
      gamma0: positiveArb(-1, 1),
      mu: positiveArb(-5, -1),
      eps0: positiveArb(-2, 0),
      outer: fc.integer({ min: 2, max: scale === 'deep' ? 25 : 8 }),
      inner: fc.integer({ min: 2, max: scale === 'deep' ? 40 : 10 }),
      eta: fc.tuple(
        fc.integer({ min: 50, max: 99 }).map((k) => k / 100),
        fc.integer({ min: 50, max: 95 }).map((k) => k / 100),
        fc.integer({ min: 101, max: 200 }).map((k) => k / 100),
        fc.integer({ min: 50, max: 95 }).map((k) => k / 100),
      ),
    }),
  );
}

/** The family of AL points. */
export function pointFamily(name: string, opts: PointOptions = {}): InstanceFamily<WzcPoint> {
  return {
    name,
    arbitrary: (scale) => pointArb(scale, opts),
    toJSON: (p) => ({
      prob: problemToJSON(p.prob), z: weightsToJSON(p.s.z), h: arr(p.s.h), u: arr(p.s.u), mult: multToJSON(p.mult), gamma: p.gamma,
      ...simdToJSON(p.simd),
    }),
    fromJSON: (j) => {
      const o = obj(j, 'instance');
      return {
        prob: problemFromJSON(o.prob),
        s: { z: weightsFromJSON(o.z), h: f64(o.h, 'h'), u: f64(o.u, 'u') },
        mult: multFromJSON(o.mult),
        gamma: num(o.gamma, 'gamma'),
        ...simdFromJSON(j),
      };
    },
    describe: (p) => `${dimsText(p.prob.data.dims)} ${p.prob.activation.kind} γ=${p.gamma}${p.simd === false ? ' SIMD off' : ''}`,
  };
}

/** The family of BCD subproblems. */
export function bcdFamily(name: string, opts: BcdOptions = {}): InstanceFamily<WzcBcdCase> {
  return {
    name,
    arbitrary: (scale) => bcdCaseArb(scale, opts),
    toJSON: (c) => ({
      prob: problemToJSON(c.prob), z0: weightsToJSON(c.z0), mult: multToJSON(c.mult), gamma: c.gamma, mu: c.mu, eps: c.eps, inner: c.inner,
      ...simdToJSON(c.simd),
    }),
    fromJSON: (j) => {
      const o = obj(j, 'instance');
      return {
        prob: problemFromJSON(o.prob),
        z0: weightsFromJSON(o.z0),
        mult: multFromJSON(o.mult),
        gamma: num(o.gamma, 'gamma'),
        mu: num(o.mu, 'mu'),
        eps: num(o.eps, 'eps'),
        inner: num(o.inner, 'inner'),
        ...simdFromJSON(j),
      };
    },
    describe: (c) => `${dimsText(c.prob.data.dims)} ${c.prob.activation.kind} γ=${c.gamma} μ=${c.mu} ε=${c.eps} J≤${c.inner}${c.simd === false ? ' SIMD off' : ''}`,
  };
}

/** The family of short ALM runs. */
export function almFamily(name: string, opts: { activation?: Activation } = {}): InstanceFamily<WzcAlmCase> {
  return {
    name,
    arbitrary: (scale) => almCaseArb(scale, opts),
    toJSON: (c) => ({ prob: problemToJSON(c.prob), z0: weightsToJSON(c.z0), gamma0: c.gamma0, mu: c.mu, eps0: c.eps0, outer: c.outer, inner: c.inner, eta: [...c.eta] }),
    fromJSON: (j) => {
      const o = obj(j, 'instance');
      const eta = f64(o.eta, 'eta');
      return {
        prob: problemFromJSON(o.prob),
        z0: weightsFromJSON(o.z0),
        gamma0: num(o.gamma0, 'gamma0'),
        mu: num(o.mu, 'mu'),
        eps0: num(o.eps0, 'eps0'),
        outer: num(o.outer, 'outer'),
        inner: num(o.inner, 'inner'),
        eta: [eta[0], eta[1], eta[2], eta[3]],
      };
    },
    describe: (c) => `${dimsText(c.prob.data.dims)} ${c.prob.activation.kind} γ0=${c.gamma0} K=${c.outer} J=${c.inner}`,
  };
}
