import { describe, expect, it } from 'vitest';
import { FieldError } from '../../src/core/fields.ts';
import { fieldReaders } from '../../src/core/fieldReaders.ts';

class MyError extends FieldError {}
const r = fieldReaders((field, detail) => new MyError(field, detail));

describe('fieldReaders', () => {
  it('throws the caller\'s error class, naming the JSON path', () => {
    expect(() => r.number('NaN', 'X[0][1]')).toThrow(MyError);
    expect(() => r.number('NaN', 'X[0][1]')).toThrow('X[0][1]: not a finite number (NaN)');
    expect(() => r.number(null, 'b[2]')).toThrow(/^b\[2\]: not a finite number \(null/);
    expect(() => r.number(1e400, 'c')).toThrow('c: not a finite number (Infinity: magnitude beyond the double range)');
  });

  it('reads matrices row-major and checks their shape entry by entry', () => {
    expect(Array.from(r.matrix([[1, 2], [3, 4]], 'W', { rows: 2, cols: 2 }).data)).toEqual([1, 2, 3, 4]);
    expect(() => r.matrix([[1, 2], [3]], 'W')).toThrow('W[1]: row has 1 entries, expected 2');
    expect(() => r.matrix([[1, 2]], 'W', { rows: 2, cols: 2 })).toThrow('W: expected 2×2, got 1×2');
    expect(() => r.matrix([[1, 'x']], 'W')).toThrow(/^W\[0\]\[1\]: expected a number, got a string/);
  });

  it('vectors, positive integers and unknown keys with a typo hint', () => {
    expect(() => r.vector([1, 2], 'b', 3)).toThrow('b: expected 3 entries, got 2');
    expect(() => r.positiveInt(2.5, 'params.outer', 10)).toThrow('params.outer: must be a positive integer, got 2.5');
    expect(() => r.positiveInt(11, 'params.outer', 10)).toThrow('params.outer: 11 is too large (at most 10)');
    expect(() => r.checkKeys({ lamda: 1 }, ['lambda', 'beta'], 'params')).toThrow('params.lamda: unknown key (did you mean "lambda"?)');
    expect(() => r.checkKeys({ zzz: 1 }, ['lambda'], '')).toThrow('zzz: unknown key (expected one of lambda)');
  });
});
