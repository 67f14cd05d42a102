/**
 * The printed closed forms (53)–(60), evaluated literally, against the solver's exact minimizers (which the
 * argmin tests tie to the subproblems). What holds and what does not is recorded here for the ledger (part 2):
 * (53), (54)/(55) (both lines), (59) hold; (58) holds from k = 2 only (it substitutes Λ_N^{k−1} = V_N^{k−1} − Y,
 * false for Λ⁰ = 0); (60) as printed adds W_{j+1}ᵀ[(Λ_{j+1} + β_{j+1}(σ − V_{j+1})) ⊙ σ′] where the optimality
 * condition of (19) subtracts it.
 */
import { describe, expect, it } from 'vitest';
import { closedForm53, closedForm54, closedForm58, closedForm59, closedForm60 } from '../../../../src/papers/zly/theory/closedForms.ts';
import { sigma, sigmaPrime } from '../../../../src/papers/zly/problem/activation.ts';
import { expectClose } from '../../../helpers/assert.ts';
import { contextOf, initFor, randomProblem, recordRun } from '../../../helpers/zly.ts';

const prob = randomProblem(17, [2, 5, 4, 3, 2], 9, 'tanh', [6, 4, 3, 3.5], 0.2);
const { snaps } = recordRun(prob, initFor(prob, 4), 4);
const N = 4;

function maxRel(a: Float64Array, b: Float64Array): number {
  let scale = 1, worst = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / scale;
}

describe('closed forms that hold', () => {
  for (const s of snaps) {
    it(`k = ${s.k}: (53), (54)/(55) both lines, (59)`, () => {
      const ctx = contextOf(prob, s);
      expectClose(closedForm53(ctx), s.next.W[N - 1], 1e-10);
      for (let i = 1; i <= N - 1; i++) {
        expectClose(closedForm54(ctx, i, 'first'), s.next.W[i - 1], 1e-10);
        expectClose(closedForm54(ctx, i, 'second'), s.next.W[i - 1], 1e-10);
      }
      expectClose(closedForm59(ctx), s.next.V[N - 2], 1e-10);
    });
  }
});

describe('(58) needs k ≥ 2', () => {
  it('holds for k ≥ 2 and fails at k = 1 (Λ⁰ = 0 ≠ V_N⁰ − Y)', () => {
    for (const s of snaps.slice(1)) expectClose(closedForm58(contextOf(prob, s)), s.next.V[N - 1], 1e-10);
    expect(maxRel(closedForm58(contextOf(prob, snaps[0])), snaps[0].next.V[N - 1])).toBeGreaterThan(1e-3);
  });
});

describe('(60) as printed has the sign of its last term wrong', () => {
  it('differs from the minimizer of (19); with that term subtracted it agrees', () => {
    for (const s of snaps) {
      const ctx = contextOf(prob, s);
      for (let j = 1; j <= N - 2; j++) {
        const lit1 = closedForm60(ctx, j, 'first'), lit2 = closedForm60(ctx, j, 'second');
        expectClose(lit1, lit2, 1e-10);
        expect(maxRel(lit1, s.next.V[j - 1])).toBeGreaterThan(1e-4);
        // corrected: flip the sign of W_{j+1}ᵀQ by evaluating (60) with Q's source negated
        const fixed = correctedForm60(s, j);
        expectClose(fixed, s.next.V[j - 1], 1e-10);
      }
    }
  });
});

/** (60) with −W_{j+1}ᵀQ: V = (β_jI + cWᵀW)^{-1}[cWᵀWV⁰ + Λ_j + β_jσ(W_jV_{j−1}) − WᵀQ], by plain Gauss–Jordan. */
function correctedForm60(s: (typeof snaps)[number], j: number): Float64Array {
  const { d, n } = prob.dims;
  const m = d[j], p = d[j + 1], bj = prob.beta[j - 1], bj1 = prob.beta[j], c = (bj1 * s.mu[j - 1]) / 2;
  const W = s.next.W[j], V0 = s.prev.V[j - 1];
  const Vin = j === 1 ? prob.X : s.next.V[j - 2];
  const Wj = s.next.W[j - 1];
  const rhs = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let t = 0; t < n; t++) {
      let u = 0;
      for (let q = 0; q < d[j - 1]; q++) u += Wj[r * d[j - 1] + q] * Vin[q * n + t];
      rhs[r * n + t] = s.prev.Lambda[j - 1][r * n + t] + bj * sigma(prob.activation, u);
    }
  }
  const Q = new Float64Array(p * n);
  for (let r = 0; r < p; r++) {
    for (let t = 0; t < n; t++) {
      let u = 0;
      for (let q = 0; q < m; q++) u += W[r * m + q] * V0[q * n + t];
      Q[r * n + t] = (s.prev.Lambda[j][r * n + t] + bj1 * (sigma(prob.activation, u) - s.prev.V[j][r * n + t])) * sigmaPrime(prob.activation, u);
    }
  }
  const M = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) {
    let x = 0;
    for (let r = 0; r < p; r++) x += W[r * m + a] * W[r * m + b];
    M[a * m + b] = c * x + (a === b ? bj : 0);
  }
  for (let a = 0; a < m; a++) for (let t = 0; t < n; t++) {
    let x = 0;
    for (let b = 0; b < m; b++) x += (M[a * m + b] - (a === b ? bj : 0)) * V0[b * n + t];
    for (let r = 0; r < p; r++) x -= W[r * m + a] * Q[r * n + t];
    rhs[a * n + t] += x;
  }
  return solve(M, rhs, m, n);
}

function solve(M: Float64Array, B: Float64Array, m: number, n: number): Float64Array {
  const A = M.slice(), X = B.slice();
  for (let c = 0; c < m; c++) {
    const piv = A[c * m + c];
    for (let r = c + 1; r < m; r++) {
      const f = A[r * m + c] / piv;
      for (let k = c; k < m; k++) A[r * m + k] -= f * A[c * m + k];
      for (let t = 0; t < n; t++) X[r * n + t] -= f * X[c * n + t];
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    for (let t = 0; t < n; t++) {
      let x = X[c * n + t];
      for (let k = c + 1; k < m; k++) x -= A[c * m + k] * X[k * n + t];
      X[c * n + t] = x / A[c * m + c];
    }
  }
  return X;
}

describe('Lemma 6: the multipliers expressed by primal updates', () => {
  const { d, n } = prob.dims;
  const mulT = (W: Float64Array, rows: number, cols: number, B: Float64Array): Float64Array => {
    const out = new Float64Array(cols * n);
    for (let a = 0; a < cols; a++) for (let t = 0; t < n; t++) {
      let x = 0;
      for (let r = 0; r < rows; r++) x += W[r * cols + a] * B[r * n + t];
      out[a * n + t] = x;
    }
    return out;
  };
  const mulN = (W: Float64Array, rows: number, cols: number, B: Float64Array): Float64Array => {
    const out = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++) for (let t = 0; t < n; t++) {
      let x = 0;
      for (let a = 0; a < cols; a++) x += W[r * cols + a] * B[a * n + t];
      out[r * n + t] = x;
    }
    return out;
  };
  it('(50) Λ_N^k = V_N^k − Y, (51), (52) hold for every k ≥ 1 (and (50) fails at k = 0)', () => {
    expect(snaps[0].prev.Lambda[N - 1].every((x) => x === 0)).toBe(true);
    for (const s of snaps) {
      const { next: q, prev: p } = s;
      expectClose(q.Lambda[N - 1], q.V[N - 1].map((v, t) => v - prob.Y[t]), 1e-10);
      const bN = prob.beta[N - 1];
      const dVN = q.V[N - 1].map((v, t) => v - p.V[N - 1][t]);
      const r51 = mulT(q.W[N - 1], d[N], d[N - 1], q.Lambda[N - 1].map((l, t) => l + bN * dVN[t]));
      expectClose(q.Lambda[N - 2], r51, 1e-10);
      for (let j = 1; j <= N - 2; j++) {
        const W = q.W[j], m = d[j], pp = d[j + 1], b1 = prob.beta[j], mu = s.mu[j - 1];
        const Pold = mulN(W, pp, m, p.V[j - 1]), Pnew = mulN(W, pp, m, q.V[j - 1]);
        const dVj = q.V[j - 1].map((v, t) => v - p.V[j - 1][t]);
        const WdV = mulN(W, pp, m, dVj);
        const inner = new Float64Array(pp * n);
        for (let t = 0; t < pp * n; t++) {
          const sp = sigmaPrime(prob.activation, Pold[t]);
          const bracket = (sigma(prob.activation, Pold[t]) - sigma(prob.activation, Pnew[t]) + (q.V[j][t] - p.V[j][t])) * sp + (mu * WdV[t]) / 2;
          inner[t] = q.Lambda[j][t] * sp + b1 * bracket;
        }
        expectClose(q.Lambda[j - 1], mulT(W, pp, m, inner), 1e-10);
      }
    }
  });
});
