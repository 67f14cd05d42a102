/**
 * The updates of TKS §3.2 and Appendices A–F *as printed*, evaluated literally — claims under test, not what
 * the solver runs (the solver's corrected updates are in `solver/blocks.ts`). Each function returns the
 * closed-form minimizer of the printed subproblem at the point's current iterate X^k (the subproblem is
 * linear-plus-proximal in every case below, so its minimizer is unique and explicit), in the solver's layouts.
 *
 * What the printed forms do, read against (8) (κ = ν for t < N; residuals r1, r3 as in `lagrangian.ts`):
 * - (10) u, (19) w, (21) v: linear term +ν⟨X − X^k, Σ r x_tᵀ⟩ — the gradient of ν/2‖r‖² with respect to X is
 *   −ν Σ r x_tᵀ, so the printed step moves *up* (8). (21) also divides λ1 (length h) by ρ3 where λ3 (length q)
 *   belongs; evaluated here with λ3 (as printed it is undefined unless h = q).
 * - (9)–(14), (21), (24): the t = N terms carry −λ_i/ρ_i; with ⟨λ_i, r⟩ + ρ_i/2‖r‖² = ρ_i/2‖r + λ_i/ρ_i‖² − const
 *   (and the multiplier step (15) λ ← λ + ρ r), the shift is +λ_i/ρ_i.
 * - (11)/(12) a: the ‖s − f(a)‖² term is kept exact and has no closed form for tanh; the printed "trick" f(a) = a
 *   for small a gives the closed form returned here.
 * - (13) s_t: drops the coupling of s_t to a_{t+1}; (14) s_N: drops ρ2/2‖s_N − f(a_N)‖² and ⟨λ2, ·⟩ entirely.
 * - (23)/(24) o: the penalty is evaluated at o^k, a constant, so the subproblem is min R(o) alone: for softmax
 *   cross-entropy it has no minimizer (R > 0 = inf R); for the squared loss it is o = y.
 * - (20)/(22) b, c: "argmin φ", the exact block minimizer (no closed form printed); returned here from the
 *   normal equations by the oracle's own sums.
 */
import { residuals, type TksPoint } from './lagrangian.ts';

const last = (pt: TksPoint, row: number): boolean => row >= (pt.batch.dims.N - 1) * pt.batch.dims.B;

/** x of a row as a dense vector. */
function xRow(pt: TksPoint, row: number): Float64Array {
  const { d } = pt.batch.dims;
  const x = pt.batch.x;
  const out = new Float64Array(d);
  if (x.kind === 'onehot') out[x.idx[row]] = 1;
  else for (let k = 0; k < d; k++) out[k] = x.x[row * d + k];
  return out;
}

/** s_{t−1} of a row (s0 for t = 1). */
function sPrevRow(pt: TksPoint, row: number): Float64Array {
  const { B, h } = pt.batch.dims;
  return row < B ? pt.batch.s0.slice(row * h, (row + 1) * h) : pt.aux.s.slice((row - B) * h, (row - B + 1) * h);
}

/**
 * Σ_rows c_row · r_row ⊗ z_row for the printed linear terms: c = ν (t < N) or ρ, and at t = N the residual
 * shifted by −λ/ρ as printed. Returns a rows(r)×len(z) matrix.
 */
function printedLinear(
  pt: TksPoint, res: Float64Array, width: number, lam: Float64Array, rho: number, z: (row: number) => Float64Array, zLen: number,
): Float64Array {
  const { N, B } = pt.batch.dims;
  const G = new Float64Array(width * zLen);
  for (let row = 0; row < N * B; row++) {
    const isLast = last(pt, row);
    const coef = isLast ? rho : pt.hp.nu;
    const zr = z(row);
    for (let j = 0; j < width; j++) {
      let rj = res[row * width + j];
      if (isLast) rj -= lam[(row - (N - 1) * B) * width + j] / rho;
      const cj = coef * rj;
      for (let k = 0; k < zLen; k++) G[j * zLen + k] += cj * zr[k];
    }
  }
  return G;
}

/** (10): u = u^k − G/(N r), G = ν Σ_{t<N} r1_t x_tᵀ + ρ1 (r1_N − λ1/ρ1) x_Nᵀ (as printed). */
export function printedU(pt: TksPoint): Float64Array {
  const { N, d, h } = pt.batch.dims;
  const { r1 } = residuals(pt);
  const G = printedLinear(pt, r1, h, pt.mult.l1, pt.hp.rho1, (row) => xRow(pt, row), d);
  return pt.p.u.map((x, k) => x - G[k] / (N * pt.hp.r));
}

/** (19) with Ω = ω/2‖w‖²: w = (N r w^k − G)/(N r + ω), G = ν Σ r1_t s_{t−1}ᵀ + ρ1 (r1_N − λ1/ρ1) s_{N−1}ᵀ. */
export function printedW(pt: TksPoint): Float64Array {
  const { N, h } = pt.batch.dims;
  const { r1 } = residuals(pt);
  const G = printedLinear(pt, r1, h, pt.mult.l1, pt.hp.rho1, (row) => sPrevRow(pt, row), h);
  const Nr = N * pt.hp.r;
  return pt.p.w.map((x, k) => (Nr * x - G[k]) / (Nr + pt.hp.omega));
}

/** (21), with λ3 in place of the printed λ1: v = v^k − G/(N r), G = ν Σ r3_t s_tᵀ + ρ3 (r3_N − λ3/ρ3) s_Nᵀ. */
export function printedV(pt: TksPoint): Float64Array {
  const { N, h, q } = pt.batch.dims;
  const { r3 } = residuals(pt);
  const G = printedLinear(pt, r3, q, pt.mult.l3, pt.hp.rho3, (row) => pt.aux.s.slice(row * h, (row + 1) * h), h);
  return pt.p.v.map((x, k) => x - G[k] / (N * pt.hp.r));
}

/**
 * (11)/(12) with the §3.2.2 trick f(a) = a: for t < N, a = (r a^k − ν r1 + ν s)/(r + ν); at t = N,
 * a = (r a^k − ρ1 (r1 − λ1/ρ1) + ρ2 (s − λ2/ρ2))/(r + ρ2).
 */
export function printedATrick(pt: TksPoint): Float64Array {
  const { N, B, h } = pt.batch.dims;
  const { nu, rho1, rho2, r } = pt.hp;
  const { r1 } = residuals(pt);
  const out = new Float64Array(N * B * h);
  for (let row = 0; row < N * B; row++) {
    for (let j = 0; j < h; j++) {
      const k = row * h + j;
      const ak = pt.aux.a[k], s = pt.aux.s[k];
      if (!last(pt, row)) out[k] = (r * ak - nu * r1[k] + nu * s) / (r + nu);
      else {
        const m = (row - (N - 1) * B) * h + j;
        out[k] = (r * ak - rho1 * (r1[k] - pt.mult.l1[m] / rho1) + rho2 * (s - pt.mult.l2[m] / rho2)) / (r + rho2);
      }
    }
  }
  return out;
}

/**
 * The objective of (11)/(12) as printed (f = tanh, no trick) for a candidate a (all rows), at the point's a^k:
 * Σ r/2‖a − a^k‖² + κ⟨a − a^k, r1^k (− λ1/ρ1 at N)⟩ + κ2/2‖s − tanh(a) (− λ2/ρ2 at N)‖².
 */
export function printedAObjective(pt: TksPoint, a: Float64Array): number {
  const { N, B, h } = pt.batch.dims;
  const { nu, rho1, rho2, r } = pt.hp;
  const { r1 } = residuals(pt);
  let f = 0;
  for (let row = 0; row < N * B; row++) {
    const isLast = last(pt, row);
    for (let j = 0; j < h; j++) {
      const k = row * h + j, m = (row - (N - 1) * B) * h + j;
      const da = a[k] - pt.aux.a[k];
      const lin = isLast ? rho1 * (r1[k] - pt.mult.l1[m] / rho1) : nu * r1[k];
      const gap = pt.aux.s[k] - Math.tanh(a[k]) - (isLast ? pt.mult.l2[m] / rho2 : 0);
      f += (r / 2) * da * da + da * lin + ((isLast ? rho2 : nu) / 2) * gap * gap;
    }
  }
  return f;
}

/** (13)/(14): s_t = (r s^k − ν vᵀ r3_t + ν tanh a_t)/(r + ν) for t < N; s_N = s^k − (ρ3/r) vᵀ(r3_N − λ3/ρ3). */
export function printedS(pt: TksPoint): Float64Array {
  const { N, B, h, q } = pt.batch.dims;
  const { nu, rho3, r } = pt.hp;
  const { r3 } = residuals(pt);
  const out = new Float64Array(N * B * h);
  for (let row = 0; row < N * B; row++) {
    const isLast = last(pt, row);
    for (let j = 0; j < h; j++) {
      let vr = 0;
      for (let k = 0; k < q; k++) {
        let rk = r3[row * q + k];
        if (isLast) rk -= pt.mult.l3[(row - (N - 1) * B) * q + k] / rho3;
        vr += pt.p.v[k * h + j] * rk;
      }
      const sk = pt.aux.s[row * h + j];
      out[row * h + j] = isLast ? sk - (rho3 / r) * vr : (r * sk - nu * vr + nu * Math.tanh(pt.aux.a[row * h + j])) / (r + nu);
    }
  }
  return out;
}

/** (23)/(24): min R(o) alone — y for the squared loss; null for cross-entropy (no minimizer exists). */
export function printedO(pt: TksPoint): Float64Array | null {
  return pt.batch.y.kind === 'values' ? pt.batch.y.y.slice() : null;
}

/** (20): b = argmin φ = (Σ κ (a − u x − w s_{t−1}) + Σ λ1) / (B Σ κ), by the oracle's residuals. */
export function exactB(pt: TksPoint): Float64Array {
  const { N, B, h } = pt.batch.dims;
  const { r1 } = residuals(pt);
  const out = new Float64Array(h);
  for (let row = 0; row < N * B; row++) {
    const kap = last(pt, row) ? pt.hp.rho1 : pt.hp.nu;
    for (let j = 0; j < h; j++) out[j] += kap * (r1[row * h + j] + pt.p.b[j]);
  }
  for (let i = 0; i < B; i++) for (let j = 0; j < h; j++) out[j] += pt.mult.l1[i * h + j];
  const den = B * ((N - 1) * pt.hp.nu + pt.hp.rho1);
  return out.map((x) => x / den);
}

/** (22): c = argmin φ = (Σ κ (o − v s) + Σ λ3) / (B Σ κ). */
export function exactC(pt: TksPoint): Float64Array {
  const { N, B, q } = pt.batch.dims;
  const { r3 } = residuals(pt);
  const out = new Float64Array(q);
  for (let row = 0; row < N * B; row++) {
    const kap = last(pt, row) ? pt.hp.rho3 : pt.hp.nu;
    for (let k = 0; k < q; k++) out[k] += kap * (r3[row * q + k] + pt.p.c[k]);
  }
  for (let i = 0; i < B; i++) for (let k = 0; k < q; k++) out[k] += pt.mult.l3[i * q + k];
  const den = B * ((N - 1) * pt.hp.nu + pt.hp.rho3);
  return out.map((x) => x / den);
}

/**
 * (3) as printed for one sequence x_1..x_N (dense rows of length d), without Ω:
 * Φ = v f(u x_N + w(v f(u x_{N−1} + w(… v f(u x_1 + b) + c …) + b) + c) + b) + c — the recurrence feeds the
 * *output* v s_{t−1} + c into w, where (4) feeds the state s_{t−1}. Returns Φ (length q).
 */
export function printedPhi3(p: { u: Float64Array; w: Float64Array; b: Float64Array; v: Float64Array; c: Float64Array }, x: Float64Array[], dims: { d: number; h: number; q: number }): Float64Array {
  const { d, h, q } = dims;
  let inner: Float64Array | null = null; // v f(·) + c of the previous step, length q
  for (const xt of x) {
    const a = new Float64Array(h);
    for (let j = 0; j < h; j++) {
      let z = p.b[j];
      for (let k = 0; k < d; k++) z += p.u[j * d + k] * xt[k];
      // w(·) applied to a q-vector only makes sense when q = h; the printed nesting needs it
      if (inner) for (let k = 0; k < h; k++) z += p.w[j * h + k] * inner[k];
      a[j] = Math.tanh(z);
    }
    const o = new Float64Array(q);
    for (let k = 0; k < q; k++) {
      let z = p.c[k];
      for (let j = 0; j < h; j++) z += p.v[k * h + j] * a[j];
      o[k] = z;
    }
    inner = o;
  }
  return inner ?? new Float64Array(q);
}
