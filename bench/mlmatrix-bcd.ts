/**
 * One BCD iteration (z, h, u blocks of Algorithm 3.2) written on ml-matrix, with the same structure as the flat
 * solver (one (r+n+1)² solve with r right-hand sides, one (r+1)² solve with m right-hand sides, shared D1/D2
 * factorizations). It exists to measure what the flat kernels gain; it also cross-checks the flat path.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { Iterate, Multipliers, Problem } from '../src/papers/wzc/problem/types.ts';
import { uStepInto } from '../src/papers/wzc/solver/uStep.ts';
import { sigmaInto } from '../src/models/activations/piecewise.ts';

function fromFlat(a: Float64Array, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, a[i * cols + j]);
  return m;
}

function intoFlat(m: Matrix, out: Float64Array): void {
  const cols = m.columns;
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = m.get(i, j);
}

/** Run one z→h→u iteration in place on `s` using ml-matrix for every product and solve. */
export function mlMatrixBcdIteration(prob: Problem, s: Iterate, mult: Multipliers, gamma: number, mu: number): void {
  const { T, n, m, r } = prob.data.dims;
  const [l1, l2, l3, l4, l5, l6] = prob.lambda;
  const X = fromFlat(prob.data.X, T, n);
  const Y = fromFlat(prob.data.Y, T, m);
  const H = fromFlat(s.h, T, r);
  const U = fromFlat(s.u, T, r);
  const Xi = fromFlat(mult.xi, T, r);
  const Zeta = fromFlat(mult.zeta, T, r);

  // z-step, w block: Z_t = [h_{t−1}; x_t; 1]
  const p = r + n + 1;
  const Z = new Matrix(T, p);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < r; k++) Z.set(t, k, t > 0 ? H.get(t - 1, k) : 0);
    for (let k = 0; k < n; k++) Z.set(t, r + k, X.get(t, k));
    Z.set(t, p - 1, 1);
  }
  const Zt = Z.transpose();
  const G = Zt.mmul(Z).mul(gamma);
  for (let k = 0; k < p; k++) G.set(k, k, G.get(k, k) + 2 * (k < r ? l2 : k < r + n ? l3 : l4));
  const theta = new CholeskyDecomposition(G).solve(Zt.mmul(U.clone().mul(gamma).add(Xi)));
  const thetaT = theta.transpose(); // r × p = [W V b]
  const W = thetaT.subMatrix(0, r - 1, 0, r - 1);
  const V = thetaT.subMatrix(0, r - 1, r, r + n - 1);
  const b = thetaT.getColumnVector(p - 1);

  // a block: H_t = [h_t; 1]
  const Hh = new Matrix(T, r + 1);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < r; k++) Hh.set(t, k, H.get(t, k));
    Hh.set(t, r, 1);
  }
  const Ht = Hh.transpose();
  const G2 = Ht.mmul(Hh).mul(2 / T);
  for (let k = 0; k <= r; k++) G2.set(k, k, G2.get(k, k) + 2 * (k < r ? l1 : l5));
  const ac = new CholeskyDecomposition(G2).solve(Ht.mmul(Y).mul(2 / T)).transpose(); // m × (r+1)
  const A = ac.subMatrix(0, m - 1, 0, r - 1);
  const c = ac.getColumnVector(r);

  // h-step (3.18): rows solved against D1 (t < T) and D2 (t = T)
  const AtA = A.transpose().mmul(A).mul(2 / T);
  const D2 = AtA.clone();
  for (let k = 0; k < r; k++) D2.set(k, k, D2.get(k, k) + gamma);
  const D1 = W.transpose().mmul(W).mul(gamma).add(D2);
  const sigFlat = new Float64Array(T * r);
  sigmaInto(prob.activation, s.u, sigFlat);
  const sigU = fromFlat(sigFlat, T, r);
  // d rows: γσ(u_t) − ζ_t + (2/T)Aᵀ(y_t − c) (+ Wᵀ(ξ_{t+1} + γ(u_{t+1} − V x_{t+1} − b)) for t < T)
  const Yc = Y.clone().subRowVector(c.to1DArray());
  const base = sigU.mul(gamma).sub(Zeta).add(Yc.mmul(A).mul(2 / T));
  const inner = U.clone().mul(gamma).add(Xi).sub(X.mmul(V.transpose()).addRowVector(b.to1DArray()).mul(gamma));
  const back = inner.mmul(W); // row t: (Wᵀ v_t)ᵀ
  const rhs1 = new Matrix(T - 1 > 0 ? T - 1 : 1, r);
  for (let t = 0; t < T - 1; t++) for (let k = 0; k < r; k++) rhs1.set(t, k, base.get(t, k) + back.get(t + 1, k));
  const Hnew = new Matrix(T, r);
  if (T > 1) {
    const sol = new CholeskyDecomposition(D1).solve(rhs1.transpose()).transpose();
    for (let t = 0; t < T - 1; t++) for (let k = 0; k < r; k++) Hnew.set(t, k, sol.get(t, k));
  }
  const last = new CholeskyDecomposition(D2).solve(base.subMatrix(T - 1, T - 1, 0, r - 1).transpose()).transpose();
  for (let k = 0; k < r; k++) Hnew.set(T - 1, k, last.get(0, k));

  // u-step (3.19)–(3.22): θ1 = Ψ(h^j)w^j − ξ/γ with the NEW h
  const Znew = new Matrix(T, p);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < r; k++) Znew.set(t, k, t > 0 ? Hnew.get(t - 1, k) : 0);
    for (let k = 0; k < n; k++) Znew.set(t, r + k, X.get(t, k));
    Znew.set(t, p - 1, 1);
  }
  const Pw = Znew.mmul(theta);
  intoFlat(W, s.z.W);
  intoFlat(V, s.z.V);
  intoFlat(b, s.z.b);
  intoFlat(A, s.z.A);
  intoFlat(c, s.z.c);
  intoFlat(Hnew, s.h);
  const PwFlat = new Float64Array(T * r);
  intoFlat(Pw, PwFlat);
  const uPrev = s.u.slice();
  uStepInto(prob.activation, PwFlat, s.h, mult.xi, mult.zeta, uPrev, gamma, mu, l6, s.u);
}
