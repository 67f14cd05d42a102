/**
 * The literal objects of the WZC paper, formed explicitly as ml-matrix matrices: Ψ(h), Φ(h_t) (2.3), the
 * Jacobians of C1 and C2 (§2.2, (A.1)–(A.3)), and the blocks Q̂1, q̂1, Q̂2, q̂2, D1, D2, d1t, d2T of Lemma 3.1.
 *
 * These are reference objects for claims and naive checks, NOT solver code: they allocate dense matrices
 * of size rT × N_w and worse. Use only at small sizes (T, n, m, r ≤ ~8).
 *
 * Column orders follow the paper's stacked vectors: w = (vec W; vec V; b), a = (vec A; c) with column-major
 * vec, exactly as {@link packW} / {@link packA} in `src/models/rnn.ts`; h and u are stacked (h_1; …; h_T),
 * which is our row-major T×r layout read flat. Times t are the paper's 1-based t ∈ [T].
 */
import { Matrix } from 'ml-matrix';
import type { Dims, Iterate, Multipliers, Problem } from '../problem/types.ts';
import { paramCounts } from '../problem/types.ts';
import { sigma } from '../../../models/activations/piecewise.ts';
import { oracleFn } from '../../../engine/attribution.ts';

/** Copy a flat vector into an ml-matrix column vector. */
export const colVec = oracleFn(function colVec(v: ArrayLike<number>): Matrix {
  const m = new Matrix(v.length, 1);
  for (let i = 0; i < v.length; i++) m.set(i, 0, v[i]);
  return m;
});

/** Read an ml-matrix column (or any single-column matrix) back into a flat Float64Array. */
export const toVec = oracleFn(function toVec(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.get(i, 0);
  return out;
});

/** Block-diagonal matrix of the given square blocks. */
export const blockDiag = oracleFn(function blockDiag(blocks: readonly Matrix[]): Matrix {
  const n = blocks.reduce((s, b) => s + b.rows, 0);
  const out = Matrix.zeros(n, n);
  let o = 0;
  for (const b of blocks) {
    out.setSubMatrix(b, o, o);
    o += b.rows;
  }
  return out;
});

/**
 * Ψ(h) of (2.3), rT × N_w: row block t is [h_{t−1}ᵀ ⊗ I_r, x_tᵀ ⊗ I_r, I_r] with h_0 = 0, so that
 * (Ψ(h)w)_t = W h_{t−1} + V x_t + b for w = packW(z).
 */
export const psiMatrix = oracleFn(function psiMatrix(d: Dims, X: Float64Array, h: Float64Array): Matrix {
  const { T, n, r } = d;
  const { Nw } = paramCounts(d);
  const P = Matrix.zeros(T * r, Nw);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < r; i++) {
      const row = t * r + i;
      // (h_{t−1}ᵀ ⊗ I_r): column j·r + i carries h_{t−1, j}
      if (t > 0) for (let j = 0; j < r; j++) P.set(row, j * r + i, h[(t - 1) * r + j]);
      for (let k = 0; k < n; k++) P.set(row, r * r + k * r + i, X[t * n + k]);
      P.set(row, r * r + r * n + i, 1);
    }
  }
  return P;
});

/** Φ(h_t) of (2.3), m × N_a: [h_tᵀ ⊗ I_m, I_m], so that Φ(h_t)a = A h_t + c for a = packA(z). t ∈ [T]. */
export const phiMatrix = oracleFn(function phiMatrix(d: Dims, h: Float64Array, t: number): Matrix {
  const { m, r } = d;
  const { Na } = paramCounts(d);
  const F = Matrix.zeros(m, Na);
  const ho = (t - 1) * r;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < r; j++) F.set(i, j * m + i, h[ho + j]);
    F.set(i, m * r + i, 1);
  }
  return F;
});

/** Diagonal of Λ1 = diag(λ2 e_{r²}; λ3 e_{rn}; λ4 e_r) (Lemma 3.1 (iii)). */
export const lambda1Diag = oracleFn(function lambda1Diag(prob: Problem): Float64Array {
  const { r, n } = prob.data.dims;
  const [, l2, l3, l4] = prob.lambda;
  const out = new Float64Array(r * r + r * n + r);
  out.fill(l2, 0, r * r);
  out.fill(l3, r * r, r * r + r * n);
  out.fill(l4, r * r + r * n);
  return out;
});

/** Diagonal of Λ2 = diag(λ1 e_{rm}; λ5 e_m) (Lemma 3.1 (iii)). */
export const lambda2Diag = oracleFn(function lambda2Diag(prob: Problem): Float64Array {
  const { r, m } = prob.data.dims;
  const [l1, , , , l5] = prob.lambda;
  const out = new Float64Array(m * r + m);
  out.fill(l1, 0, m * r);
  out.fill(l5, m * r);
  return out;
});

/** Q̂1 = γΨ(h)ᵀΨ(h) + 2Λ1 (Lemma 3.1 (iii)). */
export const QHat1 = oracleFn(function QHat1(prob: Problem, s: Iterate, gamma: number): Matrix {
  const P = psiMatrix(prob.data.dims, prob.data.X, s.h);
  const Q = P.transpose().mmul(P).mul(gamma);
  const l = lambda1Diag(prob);
  for (let i = 0; i < l.length; i++) Q.set(i, i, Q.get(i, i) + 2 * l[i]);
  return Q;
});

/** q̂1 = −Ψ(h)ᵀ(ξ + γu) (Lemma 3.1 (iii)), as an N_w column. */
export const qHat1 = oracleFn(function qHat1(prob: Problem, s: Iterate, mult: Multipliers, gamma: number): Matrix {
  const P = psiMatrix(prob.data.dims, prob.data.X, s.h);
  const v = new Float64Array(s.u.length);
  for (let i = 0; i < v.length; i++) v[i] = mult.xi[i] + gamma * s.u[i];
  return P.transpose().mmul(colVec(v)).mul(-1);
});

/** Q̂2 = (2/T)Σ_t Φ(h_t)ᵀΦ(h_t) + 2Λ2 (Lemma 3.1 (iii)). */
export const QHat2 = oracleFn(function QHat2(prob: Problem, s: Iterate): Matrix {
  const d = prob.data.dims;
  const { Na } = paramCounts(d);
  const Q = Matrix.zeros(Na, Na);
  for (let t = 1; t <= d.T; t++) {
    const F = phiMatrix(d, s.h, t);
    Q.add(F.transpose().mmul(F));
  }
  Q.mul(2 / d.T);
  const l = lambda2Diag(prob);
  for (let i = 0; i < l.length; i++) Q.set(i, i, Q.get(i, i) + 2 * l[i]);
  return Q;
});

/** q̂2 = −(2/T)Σ_t Φ(h_t)ᵀ y_t (Lemma 3.1 (iii)), as an N_a column. */
export const qHat2 = oracleFn(function qHat2(prob: Problem, s: Iterate): Matrix {
  const d = prob.data.dims;
  const { Na } = paramCounts(d);
  const q = Matrix.zeros(Na, 1);
  for (let t = 1; t <= d.T; t++) {
    const y = prob.data.Y.subarray((t - 1) * d.m, t * d.m);
    q.add(phiMatrix(d, s.h, t).transpose().mmul(colVec(y)));
  }
  return q.mul(-2 / d.T);
});

function WMat(d: Dims, s: Iterate): Matrix {
  return new Matrix(Array.from({ length: d.r }, (_, i) => Array.from(s.z.W.subarray(i * d.r, (i + 1) * d.r))));
}

function AMat(d: Dims, s: Iterate): Matrix {
  return new Matrix(Array.from({ length: d.m }, (_, i) => Array.from(s.z.A.subarray(i * d.r, (i + 1) * d.r))));
}

/** D2 = (2/T)AᵀA + γI_r (Lemma 3.1 (iv)). */
export const D2 = oracleFn(function D2(prob: Problem, s: Iterate, gamma: number): Matrix {
  const d = prob.data.dims;
  const A = AMat(d, s);
  return A.transpose().mmul(A).mul(2 / d.T).add(Matrix.eye(d.r).mul(gamma));
});

/** D1 = γWᵀW + (2/T)AᵀA + γI_r (Lemma 3.1 (iv)). */
export const D1 = oracleFn(function D1(prob: Problem, s: Iterate, gamma: number): Matrix {
  const W = WMat(prob.data.dims, s);
  return D2(prob, s, gamma).add(W.transpose().mmul(W).mul(gamma));
});

/** The shared tail γσ(u_t) − ζ_t + (2/T)Aᵀ(y_t − c) of d1t and d2T. */
function dTail(prob: Problem, s: Iterate, mult: Multipliers, gamma: number, t: number): Matrix {
  const d = prob.data.dims;
  const { r, m, T } = d;
  const v = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    const k = (t - 1) * r + i;
    v[i] = gamma * sigma(prob.activation, s.u[k]) - mult.zeta[k];
  }
  const yc = new Float64Array(m);
  for (let j = 0; j < m; j++) yc[j] = prob.data.Y[(t - 1) * m + j] - s.z.c[j];
  return colVec(v).add(AMat(d, s).transpose().mmul(colVec(yc)).mul(2 / T));
}

/** d1t = Wᵀ(ξ_{t+1} + γ(u_{t+1} − V x_{t+1} − b)) + γσ(u_t) − ζ_t + (2/T)Aᵀ(y_t − c), t ∈ [T−1] (Lemma 3.1 (iv)). */
export const d1t = oracleFn(function d1t(prob: Problem, s: Iterate, mult: Multipliers, gamma: number, t: number): Matrix {
  const d = prob.data.dims;
  const { r, n } = d;
  const v = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    const k = t * r + i; // index of (t+1, i)
    let vx = 0;
    for (let l = 0; l < n; l++) vx += s.z.V[i * n + l] * prob.data.X[t * n + l];
    v[i] = mult.xi[k] + gamma * (s.u[k] - vx - s.z.b[i]);
  }
  return WMat(d, s).transpose().mmul(colVec(v)).add(dTail(prob, s, mult, gamma, t));
});

/** d2T = γσ(u_T) − ζ_T + (2/T)Aᵀ(y_T − c) (Lemma 3.1 (iv)). */
export const d2T = oracleFn(function d2T(prob: Problem, s: Iterate, mult: Multipliers, gamma: number): Matrix {
  return dTail(prob, s, mult, gamma, prob.data.dims.T);
});

/** J_z C1(s) = [−Ψ(h), 0], rT × (N_w + N_a): C1 = u − Ψ(h)w does not depend on a. */
export const JzC1 = oracleFn(function JzC1(prob: Problem, s: Iterate): Matrix {
  const d = prob.data.dims;
  const { Nw, Na } = paramCounts(d);
  const J = Matrix.zeros(d.T * d.r, Nw + Na);
  J.setSubMatrix(psiMatrix(d, prob.data.X, s.h).mul(-1), 0, 0);
  return J;
});

/** J_h C1(s), rT × rT: −W on the block sub-diagonal (row block t, column block t−1), since (Ψ(h)w)_t = W h_{t−1} + …. */
export const JhC1 = oracleFn(function JhC1(prob: Problem, s: Iterate): Matrix {
  const { T, r } = prob.data.dims;
  const J = Matrix.zeros(T * r, T * r);
  for (let t = 1; t < T; t++) {
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) J.set(t * r + i, (t - 1) * r + j, -s.z.W[i * r + j]);
  }
  return J;
});

/** J_u C1 = I_{rT}. */
export const JuC1 = oracleFn(function JuC1(d: Dims): Matrix {
  return Matrix.eye(d.T * d.r);
});

/** Full Jacobian JC1(s) = [J_zC1, J_hC1, J_uC1], rT × (N_w + N_a + 2rT), columns in the order of s = (w; a; h; u). */
export const JC1 = oracleFn(function JC1(prob: Problem, s: Iterate): Matrix {
  const d = prob.data.dims;
  const { Nw, Na } = paramCounts(d);
  const N = d.T * d.r;
  const J = Matrix.zeros(N, Nw + Na + 2 * N);
  J.setSubMatrix(JzC1(prob, s), 0, 0);
  J.setSubMatrix(JhC1(prob, s), 0, Nw + Na);
  J.setSubMatrix(JuC1(d), 0, Nw + Na + N);
  return J;
});
