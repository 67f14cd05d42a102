/**
 * Scalar instance families of the activation claims (Proposition 1, Assumption 1, Lemma 9): an activation, a
 * constant c and points u, v on integer grids (engine/arbitraries.ts).
 */
import fc from 'fast-check';
import { gridValue } from '../../../../engine/arbitraries.ts';
import { num, obj } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily, Scale } from '../../../../engine/types.ts';
import { isZlyActivation, ZLY_ACTIVATIONS, type ZlyActivation } from '../../problem/activation.ts';

/** σ, c of f_c(u) = (σ(u) − c)² (Lemma 9), and two points u, v. */
export interface CurvatureCase {
  act: ZlyActivation;
  c: number;
  u: number;
  v: number;
}

const RANGE: Record<Scale, { c: number; u: number }> = { ci: { c: 6, u: 8 }, deep: { c: 40, u: 30 } };

/** c on [−6, 6] (deep: [−40, 40]), u, v on [−8, 8] (deep: [−30, 30]), grids of 0.01. */
export const curvatureFamily: InstanceFamily<CurvatureCase> = {
  name: 'zly.activation-points',
  arbitrary: (scale) =>
    fc.record({
      act: fc.constantFrom<ZlyActivation>(...ZLY_ACTIVATIONS),
      c: gridValue(RANGE[scale].c),
      u: gridValue(RANGE[scale].u),
      v: gridValue(RANGE[scale].u),
    }),
  toJSON: (x) => ({ ...x }),
  fromJSON: (j) => {
    const o = obj(j, 'instance');
    if (!isZlyActivation(o.act)) throw new Error('act: expected sigmoid or tanh');
    return { act: o.act, c: num(o.c, 'c'), u: num(o.u, 'u'), v: num(o.v, 'v') };
  },
  describe: (x) => `${x.act} c=${x.c} u=${x.u} v=${x.v}`,
};
