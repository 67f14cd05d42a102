/**
 * Instance families of the §4 / Algorithm 3.1–3.2 claims that families.ts does not cover: ALM runs with a
 * restart level Γ, AL points with a direction (directional derivatives), the three Table 2 settings, and the
 * synthetic settings with the §5.4 initializations. They reuse the shared arbitraries and JSON forms, so
 * instances stay on integer grids and shrink the same way.
 */
import fc from 'fast-check';
import { gridArray, positiveArb } from '../../../../engine/arbitraries.ts';
import { arr, f64, type Json, obj, positive } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily, Scale } from '../../../../engine/types.ts';
import { INIT_SCHEMES, type InitScheme } from '../../problem/init.ts';
import { SYNTHETIC_SETTINGS, type SyntheticSetting } from '../../problem/synthetic.ts';
import type { Activation, Dims, Iterate } from '../../problem/types.ts';
import { ALM_SETTINGS, type AlmSetting } from '../../solver/index.ts';
import { leakyArb } from './activationArbs.ts';
import { weightsToJSON } from './codecs.ts';
import { almCaseArb, almFamily, pointArb, pointFamily, weightsArb, type WzcPoint } from './families.ts';
import type { WzcAlmLevelCase } from './runs.ts';

/**
 * Short ALM runs (the shared ALM family) plus a restart level Γ = L(s⁰, ξ⁰, ζ⁰, γ0) + slack, slack ∈
 * {1e-4, …, 90}, and starting multipliers ξ⁰, ζ⁰ (Algorithm 3.1 allows any; zero in a quarter of the draws, as in
 * Table 2). s⁰ is feasible, so L(s⁰, ξ⁰, ζ⁰, γ0) = R(s⁰) whatever ξ⁰, ζ⁰ are. Nonzero ξ⁰ make ‖ξ¹‖^{1+η3} in (3.9)
 * large, so γ jumps and L(s^{k−1}, ξ^{k−1}, ζ^{k−1}, γ_{k−1}) can exceed a tight Γ: both branches of (3.13) occur.
 */
export function almLevelFamily(name: string, opts: { activation?: Activation } = {}): InstanceFamily<WzcAlmLevelCase> {
  const base = almFamily(name, opts);
  return {
    name,
    arbitrary: (scale: Scale) =>
      almCaseArb(scale, opts).chain((c) => {
        const N = c.prob.data.dims.T * c.prob.data.dims.r;
        const zero = fc.constant({ xi: new Float64Array(N), zeta: new Float64Array(N) });
        const mult0 = fc.oneof({ weight: 1, arbitrary: zero }, { weight: 3, arbitrary: fc.record({ xi: gridArray(N, 3), zeta: gridArray(N, 3) }) });
        return fc.tuple(positiveArb(-4, 1), mult0).map(([gammaSlack, m]) => ({ ...c, gammaSlack, mult0: m }));
      }),
    toJSON: (c) => ({ ...(base.toJSON(c) as Json), gammaSlack: c.gammaSlack, xi0: arr(c.mult0.xi), zeta0: arr(c.mult0.zeta) }),
    fromJSON: (j) => {
      const c = base.fromJSON(j);
      const o = obj(j, 'instance');
      const N = c.prob.data.dims.T * c.prob.data.dims.r;
      const mult0 = { xi: f64(o.xi0, 'xi0'), zeta: f64(o.zeta0, 'zeta0') };
      if (mult0.xi.length !== N || mult0.zeta.length !== N) throw new Error(`xi0/zeta0: expected ${N} numbers each`);
      return { ...c, gammaSlack: positive(o.gammaSlack, 'gammaSlack'), mult0 };
    },
    describe: (c) => `${base.describe ? base.describe(c) : name} Γ=L(s⁰)+${c.gammaSlack} ‖ξ⁰‖∞=${Math.max(0, ...c.mult0.xi.map(Math.abs))}`,
  };
}

/** An AL point and a direction d = (d_z; d_h; d_u) of the same shape. */
export interface WzcPointDirection extends WzcPoint {
  d: Iterate;
}

/**
 * The piecewise-linear activations, for which L(s + t·d) is a polynomial of degree ≤ 4 in t between kinks: ReLU,
 * and leaky ReLU with ϖ over (0, 1) (activationArbs.ts), half each.
 */
export function piecewiseLinearArb(): fc.Arbitrary<Activation> {
  return fc.oneof(fc.constant<Activation>({ kind: 'relu' }), leakyArb());
}

function directionArb(d: Dims): fc.Arbitrary<Iterate> {
  const N = d.T * d.r;
  return fc.record({
    z: weightsArb(d, 1),
    h: gridArray(N, 1),
    u: gridArray(N, 1),
  });
}

/**
 * Points with exact kinks (u_i = 0) for ReLU and leaky ReLU (ϖ over (0, 1)), with a direction on the grid [−1, 1].
 * ELU is left out: L(s + t·d) is then not piecewise polynomial (and with the paper's α = 1 it is C¹, so Lemma 4.2
 * is classical there).
 */
export function pointDirectionFamily(name: string): InstanceFamily<WzcPointDirection> {
  const base = pointFamily(name, { kinks: true });
  const arb = (scale: Scale): fc.Arbitrary<WzcPointDirection> =>
    piecewiseLinearArb()
      .chain((activation) => pointArb(scale, { kinks: true, activation }))
      .chain((p) => directionArb(p.prob.data.dims).map((d) => ({ ...p, d })));
  return {
    name,
    arbitrary: arb,
    toJSON: (p) => ({
      ...(base.toJSON(p) as Json),
      d: { ...weightsToJSON(p.d.z), h: arr(p.d.h), u: arr(p.d.u) },
    }),
    fromJSON: (j) => {
      const p = base.fromJSON(j);
      const o = obj(obj(j, 'instance').d, 'd');
      const d: Iterate = {
        z: { W: f64(o.W, 'd.W'), V: f64(o.V, 'd.V'), b: f64(o.b, 'd.b'), A: f64(o.A, 'd.A'), c: f64(o.c, 'd.c') },
        h: f64(o.h, 'd.h'),
        u: f64(o.u, 'd.u'),
      };
      if (d.h.length !== p.s.h.length || d.u.length !== p.s.u.length || d.z.W.length !== p.s.z.W.length) {
        throw new Error('d: shape differs from the point');
      }
      return { ...p, d };
    },
    describe: (p) => `${base.describe ? base.describe(p) : name} with a direction`,
  };
}

/** One of Table 2's three parameter settings. */
export interface TableTwoCase {
  setting: AlmSetting;
}

/** The three settings of Table 2 (drawn uniformly; a handful of runs covers all three). */
export function tableTwoFamily(name: string): InstanceFamily<TableTwoCase> {
  return {
    name,
    arbitrary: () => fc.constantFrom(...ALM_SETTINGS).map((setting) => ({ setting })),
    toJSON: (c) => ({ setting: c.setting }),
    fromJSON: (j) => {
      const s = obj(j, 'instance').setting;
      if (typeof s !== 'string' || !(ALM_SETTINGS as readonly string[]).includes(s)) throw new Error(`setting: expected one of ${ALM_SETTINGS.join(', ')}`);
      return { setting: s as AlmSetting };
    },
    describe: (c) => `Table 2 setting ${c.setting}`,
  };
}

/** A synthetic setting of §5.1 with one of the §5.4 initializations. */
export interface SyntheticStartCase {
  setting: SyntheticSetting;
  scheme: InitScheme;
  dataSeed: number;
  initSeed: number;
}

/** Synthetic settings × §5.4 initialization schemes × seeds. */
export function syntheticStartFamily(name: string): InstanceFamily<SyntheticStartCase> {
  const seed = fc.integer({ min: 0, max: 0x7fffffff });
  return {
    name,
    arbitrary: () =>
      fc.record({ setting: fc.constantFrom(...SYNTHETIC_SETTINGS), scheme: fc.constantFrom(...INIT_SCHEMES), dataSeed: seed, initSeed: seed }),
    toJSON: (c) => ({ ...c }),
    fromJSON: (j) => {
      const o = obj(j, 'instance');
      if (typeof o.setting !== 'string' || !(SYNTHETIC_SETTINGS as readonly string[]).includes(o.setting)) throw new Error('setting: unknown');
      if (typeof o.scheme !== 'string' || !(INIT_SCHEMES as readonly string[]).includes(o.scheme)) throw new Error('scheme: unknown');
      if (!Number.isInteger(o.dataSeed) || !Number.isInteger(o.initSeed)) throw new Error('dataSeed/initSeed: expected integers');
      return { setting: o.setting as SyntheticSetting, scheme: o.scheme as InitScheme, dataSeed: o.dataSeed as number, initSeed: o.initSeed as number };
    },
    describe: (c) => `${c.setting} init=${c.scheme} data seed ${c.dataSeed} init seed ${c.initSeed}`,
  };
}
