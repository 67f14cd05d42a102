/**
 * Plain dense matrices for the ZLY oracles: straightforward loops, no blocking, no SIMD, no shared kernels, so a
 * bug in `src/linalg` or in the solver's transposed layouts cannot hide in both sides of a comparison.
 * Small sizes only (claims and tests).
 */

/** A row-major matrix. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly a: Float64Array;
}

/** Wrap a flat row-major array (no copy). */
export function mat(rows: number, cols: number, a: Float64Array): Mat {
  if (a.length !== rows * cols) throw new Error(`mat: ${rows}×${cols} needs ${rows * cols} entries, got ${a.length}`);
  return { rows, cols, a };
}

/** A zero matrix. */
export function zeros(rows: number, cols: number): Mat {
  return { rows, cols, a: new Float64Array(rows * cols) };
}

/** A·B. */
export function mul(A: Mat, B: Mat): Mat {
  if (A.cols !== B.rows) throw new Error(`mul: ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  const C = zeros(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let k = 0; k < A.cols; k++) s += A.a[i * A.cols + k] * B.a[k * B.cols + j];
      C.a[i * B.cols + j] = s;
    }
  }
  return C;
}

/** Aᵀ. */
export function tr(A: Mat): Mat {
  const C = zeros(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) C.a[j * A.rows + i] = A.a[i * A.cols + j];
  return C;
}

/** Entry-wise f(a_t, b_t). */
export function zip(A: Mat, B: Mat, f: (x: number, y: number) => number): Mat {
  if (A.rows !== B.rows || A.cols !== B.cols) throw new Error(`zip: ${A.rows}×${A.cols} vs ${B.rows}×${B.cols}`);
  const C = zeros(A.rows, A.cols);
  for (let t = 0; t < A.a.length; t++) C.a[t] = f(A.a[t], B.a[t]);
  return C;
}

/** Entry-wise f(a_t). */
export function map(A: Mat, f: (x: number) => number): Mat {
  const C = zeros(A.rows, A.cols);
  for (let t = 0; t < A.a.length; t++) C.a[t] = f(A.a[t]);
  return C;
}

/** A + B. */
export function add(A: Mat, B: Mat): Mat {
  return zip(A, B, (x, y) => x + y);
}

/** A − B. */
export function sub(A: Mat, B: Mat): Mat {
  return zip(A, B, (x, y) => x - y);
}

/** s·A. */
export function scale(A: Mat, s: number): Mat {
  return map(A, (x) => s * x);
}

/** A ⊙ B. */
export function had(A: Mat, B: Mat): Mat {
  return zip(A, B, (x, y) => x * y);
}

/** ⟨A, B⟩ = Σ a_t b_t. */
export function inner(A: Mat, B: Mat): number {
  if (A.a.length !== B.a.length) throw new Error('inner: sizes differ');
  let s = 0;
  for (let t = 0; t < A.a.length; t++) s += A.a[t] * B.a[t];
  return s;
}

/** ‖A‖²_F. */
export function fro2(A: Mat): number {
  return inner(A, A);
}

/** The identity of order m. */
export function eye(m: number): Mat {
  const C = zeros(m, m);
  for (let i = 0; i < m; i++) C.a[i * m + i] = 1;
  return C;
}

/** A^{-1} by Gauss–Jordan elimination with partial pivoting (the closed forms' literal "(…)^{-1}"). */
export function inv(A: Mat): Mat {
  const m = A.rows;
  if (A.cols !== m) throw new Error('inv: not square');
  const a = Float64Array.from(A.a), b = eye(m).a;
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]) > Math.abs(a[p * m + c])) p = r;
    if (a[p * m + c] === 0) throw new Error('inv: singular matrix');
    if (p !== c) {
      for (let k = 0; k < m; k++) {
        [a[p * m + k], a[c * m + k]] = [a[c * m + k], a[p * m + k]];
        [b[p * m + k], b[c * m + k]] = [b[c * m + k], b[p * m + k]];
      }
    }
    const piv = a[c * m + c];
    for (let k = 0; k < m; k++) {
      a[c * m + k] /= piv;
      b[c * m + k] /= piv;
    }
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = a[r * m + c];
      if (f === 0) continue;
      for (let k = 0; k < m; k++) {
        a[r * m + k] -= f * a[c * m + k];
        b[r * m + k] -= f * b[c * m + k];
      }
    }
  }
  return { rows: m, cols: m, a: b };
}
