/**
 * The shared ZLY instance families: a problem (5) with an initialization W⁰, the LLA rule and a number of
 * iterations K of Algorithm 1. Dimensions are drawn first (N ∈ {2, 3} at CI scale, widths ≤ 6, n ≤ 12) and the
 * data on integer grids (engine/arbitraries.ts), so instances shrink towards small sizes and round values; W⁰ is
 * the seeded default initialization (problem/demo.ts: N(0, 1/d_{i−1}) entries) times a drawn scale, so it never
 * shrinks to the all-zero W⁰ for which γ = 0 and the constants (41) are undefined.
 *
 * Parameter regimes:
 * - `free`: every user-settable parameter over its range — σ ∈ {sigmoid, tanh}, λ = m·10^e with e ∈ [−6, 2]
 *   (the authors' demo takes λ = 1e-6), β_i = m·10^e with e ∈ [−1, 3] (the demo takes β_i = 1), the LLA rule
 *   (the paper's 𝕃 of (20)–(22) three times in four, the demo's ‖B‖_max otherwise);
 * - `strong` / `weak`: β and λ the smallest meeting (42)–(45) resp. (77)–(80) for the drawn data and W⁰
 *   (problem/conditions.ts `smallestParameters`), times factors f_β, f_λ ∈ {1, 2, 10} (β·f_β keeps every ratio,
 *   and λ·f_β·f_λ stays above every λ term, which grows at most linearly in β); the paper's LLA rule.
 */
import fc from 'fast-check';
import { gridArray, positiveArb } from '../../../../engine/arbitraries.ts';
import { arr, f64, num, obj, positive } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily, Scale } from '../../../../engine/types.ts';
import { isZlyActivation, ZLY_ACTIVATIONS, type ZlyActivation } from '../../problem/activation.ts';
import { conditionsInput, smallestParameters } from '../../problem/conditions.ts';
import { zlyDefaultInit } from '../../problem/demo.ts';
import type { ZlyDims, ZlyProblem } from '../../problem/types.ts';
import type { LlaRule } from '../../solver/types.ts';
import { dimsText } from './common.ts';

/** How β and λ are drawn (see the module header). */
export type ParamRegime = 'free' | 'strong' | 'weak';

/** A run of Algorithm 1: problem, W⁰, LLA rule, iterations. */
export interface ZlyRunCase {
  prob: ZlyProblem;
  W0: Float64Array[];
  lla: LlaRule;
  K: number;
  regime: ParamRegime;
}

interface DimBounds { N: number; d0: number; width: number; dN: number; n: number; K: number }

const BOUNDS: Record<Scale, DimBounds> = {
  ci: { N: 3, d0: 3, width: 6, dN: 2, n: 12, K: 6 },
  deep: { N: 4, d0: 4, width: 10, dN: 3, n: 30, K: 15 },
};

/** d = (d0, d1, …, dN) and n, shrinking towards N = 2 and width 1. */
export function dimsArb(scale: Scale): fc.Arbitrary<ZlyDims> {
  const b = BOUNDS[scale];
  return fc
    .record({
      N: fc.integer({ min: 2, max: b.N }),
      d0: fc.integer({ min: 1, max: b.d0 }),
      dN: fc.integer({ min: 1, max: b.dN }),
      n: fc.integer({ min: 2, max: b.n }),
      widths: fc.array(fc.integer({ min: 1, max: b.width }), { minLength: b.N - 1, maxLength: b.N - 1 }),
    })
    .map(({ N, d0, dN, n, widths }) => ({ n, d: [d0, ...widths.slice(0, N - 1), dN] }));
}

/** β, λ of the regime for the data and W⁰ (free parameters are returned as drawn). */
function regimeParameters(
  regime: ParamRegime, base: Omit<ZlyProblem, 'beta' | 'lambda'>, W0: Float64Array[], free: { beta: number[]; lambda: number }, fb: number, fl: number,
): { beta: number[]; lambda: number } {
  if (regime === 'free') return free;
  const s = smallestParameters(conditionsInput({ ...base, beta: free.beta, lambda: free.lambda }, W0), regime);
  // fb·β_i/(fb·β_{i+1}) can round one ulp below the ratio bound the chain met exactly: lift each layer by
  // a few ulps more than the next (and λ likewise), far below anything the checks resolve
  const N = s.beta.length;
  return { beta: s.beta.map((b, i) => fb * b * (1 + 1e-13 * (N - 1 - i))), lambda: fl * fb * s.lambda * (1 + 1e-13 * (N + 1)) };
}

/** Draw a run case of the regime. */
export function runArb(scale: Scale, regime: ParamRegime): fc.Arbitrary<ZlyRunCase> {
  const b = BOUNDS[scale];
  return dimsArb(scale).chain((dims) => {
    const N = dims.d.length - 1, n = dims.n;
    return fc
      .record({
        X: gridArray(dims.d[0] * n, 1),
        Y: gridArray(dims.d[N] * n, 1),
        seed: fc.integer({ min: 0, max: 0x7fffffff }),
        wScale: fc.constantFrom(1, 0.5, 2),
        activation: fc.constantFrom<ZlyActivation>(...ZLY_ACTIVATIONS),
        lambda: positiveArb(-6, 2),
        beta: fc.array(positiveArb(-1, 3), { minLength: N, maxLength: N }),
        lla: regime === 'free' ? fc.oneof({ arbitrary: fc.constant<LlaRule>('paper'), weight: 3 }, { arbitrary: fc.constant<LlaRule>('demo'), weight: 1 }) : fc.constant<LlaRule>('paper'),
        K: fc.integer({ min: 2, max: b.K }),
        fb: fc.constantFrom(1, 2, 10),
        fl: fc.constantFrom(1, 2, 10),
      })
      .map(({ X, Y, seed, wScale, activation, lambda, beta, lla, K, fb, fl }): ZlyRunCase => {
        const W0 = zlyDefaultInit(dims, seed).map((w) => w.map((x) => wScale * x));
        const base = { dims, X, Y, activation };
        const p = regimeParameters(regime, base, W0, { beta, lambda }, fb, fl);
        return { prob: { ...base, ...p }, W0, lla, K, regime };
      });
  });
}

/** Run case → JSON. */
export function runToJSON(c: ZlyRunCase): unknown {
  const { prob } = c;
  return {
    prob: { n: prob.dims.n, d: [...prob.dims.d], X: arr(prob.X), Y: arr(prob.Y), activation: prob.activation, lambda: prob.lambda, beta: [...prob.beta] },
    W0: c.W0.map(arr), lla: c.lla, K: c.K, regime: c.regime,
  };
}

/** JSON → run case (throws naming the bad field). */
export function runFromJSON(j: unknown): ZlyRunCase {
  const o = obj(j, 'instance');
  const p = obj(o.prob, 'prob');
  if (!Array.isArray(p.d) || p.d.length < 3) throw new Error('prob.d: expected [d0, d1, …, dN] with N ≥ 2');
  const d = p.d.map((x, i) => num(x, `prob.d[${i}]`));
  const n = num(p.n, 'prob.n');
  if (!isZlyActivation(p.activation)) throw new Error('prob.activation: expected sigmoid or tanh');
  if (!Array.isArray(p.beta)) throw new Error('prob.beta: expected an array');
  if (!Array.isArray(o.W0)) throw new Error('W0: expected an array of matrices');
  const lla = o.lla === 'paper' || o.lla === 'demo' ? o.lla : null;
  if (lla === null) throw new Error('lla: expected paper or demo');
  const regime = o.regime === 'free' || o.regime === 'strong' || o.regime === 'weak' ? o.regime : null;
  if (regime === null) throw new Error('regime: expected free, strong or weak');
  return {
    prob: {
      dims: { n, d }, X: f64(p.X, 'prob.X'), Y: f64(p.Y, 'prob.Y'), activation: p.activation,
      lambda: positive(p.lambda, 'prob.lambda'), beta: p.beta.map((b, i) => positive(b, `prob.beta[${i}]`)),
    },
    W0: o.W0.map((w, i) => f64(w, `W0[${i}]`)),
    lla, K: num(o.K, 'K'), regime,
  };
}

/** The run family of a regime. */
export function runFamily(name: string, regime: ParamRegime): InstanceFamily<ZlyRunCase> {
  return {
    name,
    arbitrary: (scale) => runArb(scale, regime),
    toJSON: runToJSON,
    fromJSON: runFromJSON,
    describe: (c) => `${dimsText(c.prob)} ${c.prob.activation} ${c.regime} λ=${c.prob.lambda.toPrecision(3)} β=(${c.prob.beta.map((x) => x.toPrecision(3)).join(',')}) lla=${c.lla} K=${c.K}`,
  };
}

/** Runs with free parameters (every user-settable parameter over its range). */
export const freeRuns = runFamily('zly.run', 'free');
/** Runs at (multiples of) the smallest β, λ meeting (42)–(45) of Theorem 3. */
export const strongRuns = runFamily('zly.run-theorem3', 'strong');
/** Runs at (multiples of) the smallest β, λ meeting (77)–(80) of Lemma 4. */
export const weakRuns = runFamily('zly.run-lemma4', 'weak');
