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

/**
 * Values lo + k·(hi − lo)/cells on a uniform grid of an interval: k ∈ [1, cells − 1] for the open interval
 * (lo, hi), k ∈ [1, cells] for (lo, hi] when `closedHi`. Drawn without fast-check's small-value bias, so the
 * whole interval is reached; shrinks towards the low end.
 */
export function intervalGrid(lo: number, hi: number, cells: number, closedHi = false): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 1, max: closedHi ? cells : cells - 1 })).map((k) => lo + (k * (hi - lo)) / cells);
}

/**
 * A parameter over its range: one of the `hard` values (the boundaries, the default, the values a case analysis
 * turns on) with weight `hardWeight`, else a draw of `grid` with weight `gridWeight`. Shrinks towards hard[0].
 */
export function hardOrGrid(hard: readonly number[], grid: fc.Arbitrary<number>, hardWeight = 1, gridWeight = 1): fc.Arbitrary<number> {
  return fc.oneof({ weight: hardWeight, arbitrary: fc.constantFrom(...hard) }, { weight: gridWeight, arbitrary: grid });
}
