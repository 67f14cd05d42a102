import { describe, it } from 'vitest';
import { onesidedPolyDerivative } from '../../../../../src/papers/wzc/claims/_internals/polyDerivative.ts';
import { uOneSided, zeroBlock } from '../../../../../src/papers/wzc/theory/gradient.ts';
import { expectClose } from '../../../../helpers/assert.ts';
import { randomIterate, randomMult, randomProblem } from '../../../../helpers/theory.ts';

describe('one-sided derivative from the degree-4 polynomial form', () => {
  const dims = { T: 3, n: 2, m: 2, r: 2 };
  const prob = randomProblem(11, dims, { kind: 'relu' });
  const s = randomIterate(dims, 12, [1, 4]);
  const mult = randomMult(dims, 13);

  it('is positively homogeneous in d', () => {
    const d = randomIterate(dims, 14);
    const scaled = { z: { W: d.z.W.map((x) => 2 * x), V: d.z.V.map((x) => 2 * x), b: d.z.b.map((x) => 2 * x), A: d.z.A.map((x) => 2 * x), c: d.z.c.map((x) => 2 * x) }, h: d.h.map((x) => 2 * x), u: d.u.map((x) => 2 * x) };
    expectClose([onesidedPolyDerivative(prob, s, mult, 1.5, scaled).value], [2 * onesidedPolyDerivative(prob, s, mult, 1.5, d).value], 1e-9);
  });

  it('gives the right and left u-derivatives at a kink', () => {
    const os = uOneSided(prob, s, mult, 1.5);
    const e = zeroBlock(dims);
    e.u[4] = 1;
    expectClose([onesidedPolyDerivative(prob, s, mult, 1.5, e).value], [os.right[4]], 1e-9);
    e.u[4] = -1;
    expectClose([onesidedPolyDerivative(prob, s, mult, 1.5, e).value], [-os.left[4]], 1e-9);
  });
});
