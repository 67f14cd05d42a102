/**
 * The shared TKS instance families. Dimensions are drawn first (hidden 2–5, N 2–4, B ≤ 2, vocabulary/inputs and
 * outputs 2–4 at CI scale) and everything else is a seed and a few scales (points.ts), so instances shrink
 * towards small sizes and round values.
 *
 * - `tks.point`: one point of (8) with every hyperparameter over a wide range (ν, ρ_i, r ∈ m·10^e, e ∈ [−2, 0];
 *   ω = 0 half the time), for the claims about one block update;
 * - `tks.run`: a start point and K iterations of Algorithm 1 in the regime of Theorems 1–2: ρ_i = f_i·H with
 *   f_i ∈ {2.5, 3, 4, 8} (so ρ_i > 2H), ν and r per output row (m·10^e / M), the start the RNN's forward pass
 *   from seeded parameters, with or without noise and multipliers ("starting from any (θ⁰, λ⁰)");
 * - `tks.ap-run`: a `tks.run` start with ρ_i = f_i·ρ̄(H) (Lemma 1's (16), f_i ∈ {1.1, 1.5, 2, 4}), a delay bound
 *   τ ∈ [1, 4] and the delays of AP-ADMMiRNN's state blocks: the worst (always τ − 1) or seeded draws in [0, τ − 1].
 */
import fc from 'fast-check';
import { positiveArb } from '../../../../engine/arbitraries.ts';
import { num, obj, positive } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily, Scale } from '../../../../engine/types.ts';
import { lossLipschitz } from '../../problem/loss.ts';
import type { Dims, Hyper, LossKind } from '../../problem/types.ts';
import type { PointSpec } from './points.ts';
import { lemma1RhoBar } from './ap.ts';

interface DimBounds { N: number; B: number; d: number; h: number; q: number; K: number }

const BOUNDS: Record<Scale, DimBounds> = {
  ci: { N: 4, B: 2, d: 4, h: 5, q: 4, K: 12 },
  deep: { N: 6, B: 3, d: 6, h: 8, q: 6, K: 30 },
};

function dimsArb(scale: Scale): fc.Arbitrary<Dims> {
  const b = BOUNDS[scale];
  return fc.record({
    N: fc.integer({ min: 2, max: b.N }), B: fc.integer({ min: 1, max: b.B }), d: fc.integer({ min: 2, max: b.d }),
    h: fc.integer({ min: 2, max: b.h }), q: fc.integer({ min: 2, max: b.q }),
  });
}

const seedArb = fc.integer({ min: 1, max: 0x7fffffff });
const lossArb = fc.constantFrom<LossKind>('cross-entropy', 'squared');
const inputsArb = fc.constantFrom<'onehot' | 'dense'>('onehot', 'dense');

/** A point of (8) with every hyperparameter over a wide range. */
export function pointArb(scale: Scale): fc.Arbitrary<PointSpec> {
  return fc.record({
    dims: dimsArb(scale), loss: lossArb, inputs: inputsArb, seed: seedArb,
    hyper: fc.record({
      nu: positiveArb(-2, 0), rho1: positiveArb(-2, 0), rho2: positiveArb(-2, 0), rho3: positiveArb(-2, 0), r: positiveArb(-2, 0),
      omega: fc.oneof(fc.constant(0), positiveArb(-2, 0)),
    }),
    paramScale: fc.constantFrom(0.7, 0.3, 1.5),
    noise: fc.constantFrom(0.3, 0, 1),
    lambda: fc.constantFrom(0.5, 0, 2),
  });
}

/** A run of Algorithm 1: its start point and the number of iterations K. */
export interface RunCase {
  point: PointSpec;
  K: number;
}

/** The hyperparameters of a run in the regime of Theorems 1–2 (see the module header). */
function runHyper(dims: Dims, loss: LossKind, f: number[], nuRow: number, rRow: number, omega: number): Hyper {
  const M = dims.N * dims.B, H = lossLipschitz(loss, M);
  return { nu: nuRow / M, rho1: f[0] * H, rho2: f[1] * H, rho3: f[2] * H, r: rRow / M, omega };
}

/** A run in the regime ρ_i > 2H. */
export function runArb(scale: Scale): fc.Arbitrary<RunCase> {
  const b = BOUNDS[scale];
  return fc.record({
    dims: dimsArb(scale), loss: lossArb, inputs: inputsArb, seed: seedArb,
    f: fc.array(fc.constantFrom(4, 2.5, 3, 8), { minLength: 3, maxLength: 3 }),
    nuRow: positiveArb(-2, 0), rRow: positiveArb(-3, -1), omega: fc.oneof(fc.constant(0), positiveArb(-3, -1)),
    paramScale: fc.constantFrom(0.5, 0.2, 1),
    noise: fc.constantFrom(0, 0.3), lambda: fc.constantFrom(0, 0.3),
    K: fc.integer({ min: 6, max: b.K }),
  }).map(({ dims, loss, inputs, seed, f, nuRow, rRow, omega, paramScale, noise, lambda, K }) => ({
    point: { dims, loss, inputs, seed, hyper: runHyper(dims, loss, f, nuRow, rRow, omega), paramScale, noise, lambda },
    K,
  }));
}

/** Point spec → JSON. */
export function pointToJSON(s: PointSpec): unknown {
  return { dims: { ...s.dims }, loss: s.loss, inputs: s.inputs, seed: s.seed, hyper: { ...s.hyper }, paramScale: s.paramScale, noise: s.noise, lambda: s.lambda };
}

const int = (j: unknown, field: string, min: number): number => {
  const v = num(j, field);
  if (!Number.isInteger(v) || v < min) throw new Error(`${field}: expected an integer ≥ ${min}`);
  return v;
};
const nonneg = (j: unknown, field: string): number => {
  const v = num(j, field);
  if (v < 0) throw new Error(`${field}: expected a number ≥ 0`);
  return v;
};

/** JSON → point spec (throws naming the bad field). */
export function pointFromJSON(j: unknown, at = 'instance'): PointSpec {
  const o = obj(j, at);
  const d = obj(o.dims, `${at}.dims`);
  const dims: Dims = { N: int(d.N, `${at}.dims.N`, 1), B: int(d.B, `${at}.dims.B`, 1), d: int(d.d, `${at}.dims.d`, 1), h: int(d.h, `${at}.dims.h`, 1), q: int(d.q, `${at}.dims.q`, 2) };
  if (o.loss !== 'cross-entropy' && o.loss !== 'squared') throw new Error(`${at}.loss: expected cross-entropy or squared`);
  if (o.inputs !== 'onehot' && o.inputs !== 'dense') throw new Error(`${at}.inputs: expected onehot or dense`);
  const hp = obj(o.hyper, `${at}.hyper`);
  const hyper: Hyper = {
    nu: positive(hp.nu, `${at}.hyper.nu`), rho1: positive(hp.rho1, `${at}.hyper.rho1`), rho2: positive(hp.rho2, `${at}.hyper.rho2`),
    rho3: positive(hp.rho3, `${at}.hyper.rho3`), r: positive(hp.r, `${at}.hyper.r`), omega: nonneg(hp.omega, `${at}.hyper.omega`),
  };
  return {
    dims, loss: o.loss, inputs: o.inputs, seed: int(o.seed, `${at}.seed`, 0), hyper,
    paramScale: nonneg(o.paramScale, `${at}.paramScale`), noise: nonneg(o.noise, `${at}.noise`), lambda: nonneg(o.lambda, `${at}.lambda`),
  };
}

const dimsText = (d: Dims): string => `N=${d.N} B=${d.B} d=${d.d} h=${d.h} q=${d.q}`;
const hyperText = (h: Hyper): string =>
  `ν=${h.nu.toPrecision(2)} ρ=(${[h.rho1, h.rho2, h.rho3].map((x) => x.toPrecision(2)).join(',')}) r=${h.r.toPrecision(2)} ω=${h.omega.toPrecision(2)}`;

const describePoint = (s: PointSpec): string => `${dimsText(s.dims)} ${s.loss} ${s.inputs} seed=${s.seed} ${hyperText(s.hyper)} noise=${s.noise} λ=${s.lambda}`;

/** Points of (8) with free hyperparameters. */
export const points: InstanceFamily<PointSpec> = {
  name: 'tks.point',
  arbitrary: pointArb,
  toJSON: pointToJSON,
  fromJSON: (j) => pointFromJSON(j),
  describe: describePoint,
};

/** Runs of Algorithm 1 with ρ_i > 2H. */
export const runs: InstanceFamily<RunCase> = {
  name: 'tks.run',
  arbitrary: runArb,
  toJSON: (c) => ({ point: pointToJSON(c.point), K: c.K }),
  fromJSON: (j) => {
    const o = obj(j, 'instance');
    return { point: pointFromJSON(o.point, 'point'), K: int(o.K, 'K', 1) };
  },
  describe: (c) => `${describePoint(c.point)} K=${c.K}`,
};

/** A loss, a batch size and a delay bound τ of AP-ADMMiRNN (Lemma 1, Theorem 4). */
export interface ApCase {
  point: PointSpec;
  /** Delay bound τ ≥ 1 (Assumption of [40]: every block is at most τ − 1 updates stale). */
  tau: number;
}

/** Points with a delay bound τ ∈ [1, 20]. */
export const apCases: InstanceFamily<ApCase> = {
  name: 'tks.ap',
  arbitrary: (scale) => fc.record({ point: pointArb(scale), tau: fc.integer({ min: 1, max: 20 }) }),
  toJSON: (c) => ({ point: pointToJSON(c.point), tau: c.tau }),
  fromJSON: (j) => {
    const o = obj(j, 'instance');
    return { point: pointFromJSON(o.point, 'point'), tau: int(o.tau, 'tau', 1) };
  },
  describe: (c) => `${c.point.dims.N * c.point.dims.B} rows ${c.point.loss} τ=${c.tau}`,
};

/** A point with its a, s and parameters scaled so that max|a^k| = ā (the "small a_t" regime of §3.2.2). */
export interface SmallACase {
  point: PointSpec;
  abar: number;
}

/** Points in the small-a regime, ā ∈ {0.01, 0.05, 0.1, 0.3} (shrinking towards 0.1). */
export const smallACases: InstanceFamily<SmallACase> = {
  name: 'tks.point-small-a',
  arbitrary: (scale) => fc.record({ point: pointArb(scale), abar: fc.constantFrom(0.1, 0.01, 0.05, 0.3) }),
  toJSON: (c) => ({ point: pointToJSON(c.point), abar: c.abar }),
  fromJSON: (j) => {
    const o = obj(j, 'instance');
    return { point: pointFromJSON(o.point, 'point'), abar: positive(o.abar, 'abar') };
  },
  describe: (c) => `${describePoint(c.point)} ā=${c.abar}`,
};

/** Scalars a on a grid over [−4, 4] (step 1e-3), with the small values the §3.2.2 trick is about. */
export const scalarsA: InstanceFamily<number> = {
  name: 'tks.scalar-a',
  arbitrary: () => fc.oneof(fc.integer({ min: -4000, max: 4000 }).map((k) => k / 1000), fc.integer({ min: -1000, max: 1000 }).map((k) => k / 1e5)),
  toJSON: (a) => ({ a }),
  fromJSON: (j) => num(obj(j, 'instance').a, 'a'),
  describe: (a) => `a=${a}`,
};

/** A run of AP-ADMMiRNN on one Problem 2 (Lemma 1): a start, K iterations, the delay bound τ and the delays. */
export interface ApRunCase {
  run: RunCase;
  tau: number;
  /** 'worst': every state block reads the parameters τ − 1 iterations old; a number: the seed of uniform draws in [0, τ − 1]. */
  delays: 'worst' | number;
}

/** `tks.run` starts with ρ_i = f_i·ρ̄(H) of (16), τ ∈ [1, 4], worst or seeded delays. */
export const apRuns: InstanceFamily<ApRunCase> = {
  name: 'tks.ap-run',
  arbitrary: (scale) => fc.record({
    run: runArb(scale), tau: fc.integer({ min: 1, max: 4 }), delays: fc.oneof(fc.constant<'worst'>('worst'), seedArb),
    f: fc.array(fc.constantFrom(1.5, 1.1, 2, 4), { minLength: 3, maxLength: 3 }),
  }).map(({ run, tau, delays, f }) => {
    const { dims, loss, hyper } = run.point;
    const bar = lemma1RhoBar(lossLipschitz(loss, dims.N * dims.B));
    return { run: { ...run, point: { ...run.point, hyper: { ...hyper, rho1: f[0] * bar, rho2: f[1] * bar, rho3: f[2] * bar } } }, tau, delays };
  }),
  toJSON: (c) => ({ run: runs.toJSON(c.run), tau: c.tau, delays: c.delays }),
  fromJSON: (j) => {
    const o = obj(j, 'instance');
    const d = o.delays;
    if (typeof d === 'string' && d !== 'worst') throw new RangeError(`delays: expected "worst" or an integer ≥ 0, got ${JSON.stringify(d)}`);
    return { run: runs.fromJSON(o.run), tau: int(o.tau, 'tau', 1), delays: d === 'worst' ? 'worst' : int(d, 'delays', 0) };
  },
  describe: (c) => `${describePoint(c.run.point)} K=${c.run.K} τ=${c.tau} delays=${c.delays}`,
};
