import { describe, expect, it } from 'vitest';
import { arr, f64, num, obj, positive } from '../../src/engine/jsonReaders.ts';

describe('JSON readers', () => {
  it('round-trip Float64Arrays and accept well-formed values', () => {
    expect(Array.from(f64(arr(Float64Array.of(1, -2.5)), 'x'))).toEqual([1, -2.5]);
    expect(obj({ a: 1 }, 'o')).toEqual({ a: 1 });
    expect(num(-3, 'n')).toBe(-3);
    expect(positive(0.5, 'p')).toBe(0.5);
  });
  it('name the field when the input is malformed', () => {
    expect(() => f64([1, 'a'], 'prob.X')).toThrow(/^prob\.X: expected an array of numbers$/);
    expect(() => obj([1], 'instance')).toThrow(/^instance: expected an object$/);
    expect(() => obj(null, 'instance')).toThrow(/^instance:/);
    expect(() => num(Infinity, 'gamma')).toThrow(/^gamma: expected a finite number$/);
    expect(() => positive(0, 'mu')).toThrow(/^mu: expected a finite number > 0$/);
  });
});
