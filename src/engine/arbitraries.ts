/**
 * Grid arbitraries for numerical instance families. fast-check's `fc.double` draws mostly values near 0 or
 * subnormal (shared/notes/stack.md), so problem data is drawn on integer grids instead: instances are spread
 * out, shrink towards round values, and positive parameters (mantissa × 10^exponent) can never reach 0.
 */
import fc from 'fast-check';

/** Values k/100 · scale for integer k in [−100·maxAbs, 100·maxAbs]. */
export function gridValue(maxAbs: number, scale = 1): fc.Arbitrary<number> {
  const K = Math.round(100 * maxAbs);
  return fc.integer({ min: -K, max: K }).map((k) => (k / 100) * scale);
}

/** Flat array of `len` grid values. */
export function gridArray(len: number, maxAbs: number): fc.Arbitrary<Float64Array> {
  return fc.array(gridValue(maxAbs), { minLength: len, maxLength: len }).map((a) => Float64Array.from(a));
}

/** Positive number mantissa·10^e, mantissa in {1,…,9}, e in [eMin, eMax]; shrinks towards 10^0-ish values. */
export function positiveArb(eMin: number, eMax: number): fc.Arbitrary<number> {
  return fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: eMin, max: eMax }))
    .map(([mant, e]) => Number(`${mant}e${e}`));
}
