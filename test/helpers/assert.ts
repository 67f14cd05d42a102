import { expect } from 'vitest';
import { Matrix } from 'ml-matrix';

/** Relative closeness: |a_i − b_i| ≤ rtol·max(1, ‖b‖∞) for every i (the project's tolerance policy, see README). */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rtol = 1e-10): void {
  expect(a.length).toBe(b.length);
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0, at = -1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) { worst = d; at = i; }
  }
  if (!(worst <= rtol * scale)) {
    throw new Error(`arrays differ at ${at}: ${a[at]} vs ${b[at]} (|d|=${worst}, allowed ${rtol * scale})`);
  }
}

/** View a flat row-major array as an ml-matrix Matrix (copy). */
export function fromFlat(a: ArrayLike<number>, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, a[i * cols + j]);
  return m;
}

/** Flatten an ml-matrix Matrix row-major. */
export function toFlat(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.columns);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) out[i * m.columns + j] = m.get(i, j);
  return out;
}
