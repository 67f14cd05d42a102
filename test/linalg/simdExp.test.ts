/** exp(−c|x|): the SIMD kernel and its JS twin give the same bits, within a few ulp of Math.exp. */
import { describe, expect, it } from 'vitest';
import { expNegAbs, expNegAbsInto } from '../../src/linalg/simdExp.ts';
import { inArena, simdAvailable } from '../../src/linalg/index.ts';

const xs = [
  ...Array.from({ length: 4001 }, (_, i) => -400 + i * 0.2),
  ...Array.from({ length: 2000 }, (_, i) => Math.sin(i) * 10 ** ((i % 9) - 6)),
  0, -0, 1e-300, -1e-300, 5e-324, 700, -707.9, 708, 709, 745, 746, 800, 1e300, Infinity, -Infinity,
];

describe('expNegAbs', () => {
  it('is within 4 ulp of Math.exp on [−708, 0] and clamps below e^{−708}', () => {
    for (const c of [1, 2]) {
      for (const x of xs) {
        const y = -c * Math.abs(x);
        const got = expNegAbs(x, -c);
        if (y >= -708) {
          const ref = Math.exp(y);
          expect(Math.abs(got - ref) / ref, `x=${x} c=${c}`).toBeLessThanOrEqual(4 * Number.EPSILON);
        } else {
          expect(got).toBe(expNegAbs(708, -1));
          expect(got).toBeLessThan(4e-308);
        }
      }
    }
    expect(Number.isNaN(expNegAbs(NaN, -1))).toBe(true);
  });

  it('the SIMD kernel and the JS loop give the same bits (odd lengths, aliasing, heap arrays)', () => {
    expect(simdAvailable()).toBe(true);
    for (const len of [xs.length, xs.length - 1, 1, 2, 3]) {
      const [src, dst] = inArena((alloc) => [alloc(len), alloc(len)]);
      src.set(xs.slice(0, len));
      for (const c of [1, 2]) {
        expNegAbsInto(c, src, dst, len);
        for (let i = 0; i < len; i++) expect(Object.is(dst[i], expNegAbs(src[i], -c)), `i=${i} x=${src[i]}`).toBe(true);
        const heap = Float64Array.from(src);
        expNegAbsInto(c, heap, heap, len);
        expect(Array.from(heap)).toEqual(Array.from(dst));
      }
    }
  });
});
