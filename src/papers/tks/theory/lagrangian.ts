/**
 * Independent oracle for the augmented Lagrangian (8) and its gradient, written from the paper's formulas
 * window by window and step by step in the column-vector convention of (4) (a_t = u x_t + w s_{t−1} + b), with
 * plain loops: no linear-algebra kernels, no solver code. The solver evaluates the same quantities with flat
 * row-major kernels (`problem/lagrangian.ts`); the tests compare the two.
 *
 * Residuals (window i, step t = 1..N; s_0 = the batch's s0):
 *   r1 = a_t − u x_t − w s_{t−1} − b,   r2 = s_t − tanh(a_t),   r3 = o_t − v s_t − c,
 * and the scaled residuals e_k = κ_t r_k + [t = N] λ_k (κ_t = ν for t < N, ρ_k at t = N), which are ∂L/∂r_k.
 * Gradients of (8):
 *   ∂o_t = ∇_{o_t}R + e3_t                ∂c = −Σ e3              ∂v = −Σ e3 s_tᵀ
 *   ∂s_t = e2_t − vᵀe3_t − [t<N] wᵀe1_{t+1}                       ∂a_t = e1_t − sech²(a_t) ⊙ e2_t
 *   ∂b = −Σ e1        ∂w = ω w − Σ e1 s_{t−1}ᵀ        ∂u = −Σ e1 x_tᵀ        ∂λ_k = r_{k,N}
 */
import { smoothSigmaPrime } from '../../../models/activations/smooth.ts';
import type { Aux, Batch, Hyper, Multipliers, Params } from '../problem/types.ts';

/** Everything (8) depends on. */
export interface TksPoint {
  batch: Batch;
  hp: Hyper;
  p: Params;
  aux: Aux;
  mult: Multipliers;
}

/** A deep copy of a point (the batch is shared: nothing writes it). */
export function clonePoint(pt: TksPoint): TksPoint {
  return {
    batch: pt.batch,
    hp: { ...pt.hp },
    p: { u: pt.p.u.slice(), w: pt.p.w.slice(), b: pt.p.b.slice(), v: pt.p.v.slice(), c: pt.p.c.slice() },
    aux: { a: pt.aux.a.slice(), s: pt.aux.s.slice(), o: pt.aux.o.slice() },
    mult: { l1: pt.mult.l1.slice(), l2: pt.mult.l2.slice(), l3: pt.mult.l3.slice() },
  };
}

/** The parts of (8). */
export interface AlValue {
  R: number;
  omega: number;
  penalty: number;
  multiplier: number;
  augmented: number;
  L: number;
}

/** ∂L/∂(block) for every block, in the solver's storage layouts. */
export interface AlGradient {
  u: Float64Array;
  w: Float64Array;
  b: Float64Array;
  v: Float64Array;
  c: Float64Array;
  a: Float64Array;
  s: Float64Array;
  o: Float64Array;
  l1: Float64Array;
  l2: Float64Array;
  l3: Float64Array;
}

const idx = (t: number, i: number, B: number): number => t * B + i;

/** x_t of window i as a dense vector (one-hot inputs expanded). */
function inputVector(pt: TksPoint, row: number): number[] {
  const { d } = pt.batch.dims;
  const x = pt.batch.x;
  const out = new Array<number>(d).fill(0);
  if (x.kind === 'onehot') out[x.idx[row]] = 1;
  else for (let k = 0; k < d; k++) out[k] = x.x[row * d + k];
  return out;
}

/** s_{t−1} of window i (t 0-based here: t = 0 gives s0). */
function prevState(pt: TksPoint, t: number, i: number): number[] {
  const { B, h } = pt.batch.dims;
  const out = new Array<number>(h);
  for (let j = 0; j < h; j++) out[j] = t === 0 ? pt.batch.s0[i * h + j] : pt.aux.s[idx(t - 1, i, B) * h + j];
  return out;
}

/** The residuals r1, r2 (N·B×h) and r3 (N·B×q). */
export function residuals(pt: TksPoint): { r1: Float64Array; r2: Float64Array; r3: Float64Array } {
  const { N, B, d, h, q } = pt.batch.dims;
  const { u, w, b, v, c } = pt.p;
  const r1 = new Float64Array(N * B * h), r2 = new Float64Array(N * B * h), r3 = new Float64Array(N * B * q);
  for (let t = 0; t < N; t++) {
    for (let i = 0; i < B; i++) {
      const row = idx(t, i, B);
      const x = inputVector(pt, row);
      const sp = prevState(pt, t, i);
      for (let j = 0; j < h; j++) {
        let pre = b[j];
        for (let k = 0; k < d; k++) pre += u[j * d + k] * x[k];
        for (let k = 0; k < h; k++) pre += w[j * h + k] * sp[k];
        const a = pt.aux.a[row * h + j];
        r1[row * h + j] = a - pre;
        r2[row * h + j] = pt.aux.s[row * h + j] - Math.tanh(a);
      }
      for (let k = 0; k < q; k++) {
        let out = c[k];
        for (let j = 0; j < h; j++) out += v[k * h + j] * pt.aux.s[row * h + j];
        r3[row * q + k] = pt.aux.o[row * q + k] - out;
      }
    }
  }
  return { r1, r2, r3 };
}

/** R(o) and ∇R(o) (mean over the N·B rows, or the scored ones from `y.from`), by their own formulas. */
export function lossAndGradient(pt: TksPoint, o: Float64Array = pt.aux.o): { R: number; g: Float64Array } {
  const { N, B, q } = pt.batch.dims;
  const M = N * B;
  const g = new Float64Array(M * q);
  let R = 0;
  const y = pt.batch.y;
  // rows before y.from carry no loss (R(o_N) of a sequence label); the mean is over the scored rows
  const F = y.from ?? 0;
  const Ms = M - F;
  for (let row = F; row < M; row++) {
    if (y.kind === 'classes') {
      let mx = -Infinity;
      for (let k = 0; k < q; k++) mx = Math.max(mx, o[row * q + k]);
      let z = 0;
      for (let k = 0; k < q; k++) z += Math.exp(o[row * q + k] - mx);
      R += mx + Math.log(z) - o[row * q + y.y[row]];
      for (let k = 0; k < q; k++) g[row * q + k] = (Math.exp(o[row * q + k] - mx) / z - (k === y.y[row] ? 1 : 0)) / Ms;
    } else {
      for (let k = 0; k < q; k++) {
        const e = o[row * q + k] - y.y[row * q + k];
        R += 0.5 * e * e;
        g[row * q + k] = e / Ms;
      }
    }
  }
  return { R: R / Ms, g };
}

/** (8) and its parts. */
export function alValue(pt: TksPoint): AlValue {
  const { N, B, h, q } = pt.batch.dims;
  const { nu, rho1, rho2, rho3, omega } = pt.hp;
  const { r1, r2, r3 } = residuals(pt);
  let pen = 0, mul = 0, aug = 0;
  for (let t = 0; t < N; t++) {
    for (let i = 0; i < B; i++) {
      const row = idx(t, i, B);
      let s1 = 0, s2 = 0, s3 = 0, m = 0;
      for (let j = 0; j < h; j++) {
        s1 += r1[row * h + j] ** 2;
        s2 += r2[row * h + j] ** 2;
        if (t === N - 1) m += pt.mult.l1[i * h + j] * r1[row * h + j] + pt.mult.l2[i * h + j] * r2[row * h + j];
      }
      for (let k = 0; k < q; k++) {
        s3 += r3[row * q + k] ** 2;
        if (t === N - 1) m += pt.mult.l3[i * q + k] * r3[row * q + k];
      }
      if (t < N - 1) pen += (nu / 2) * (s1 + s2 + s3);
      else {
        mul += m;
        aug += (rho1 / 2) * s1 + (rho2 / 2) * s2 + (rho3 / 2) * s3;
      }
    }
  }
  let ww = 0;
  for (const x of pt.p.w) ww += x * x;
  const R = lossAndGradient(pt).R;
  const om = (omega / 2) * ww;
  return { R, omega: om, penalty: pen, multiplier: mul, augmented: aug, L: R + om + pen + mul + aug };
}

/** ∇ of (8) with respect to every block. */
export function alGradient(pt: TksPoint): AlGradient {
  const { N, B, d, h, q } = pt.batch.dims;
  const { nu, rho1, rho2, rho3, omega } = pt.hp;
  const { r1, r2, r3 } = residuals(pt);
  const e1 = new Float64Array(r1.length), e2 = new Float64Array(r2.length), e3 = new Float64Array(r3.length);
  for (let t = 0; t < N; t++) {
    const last = t === N - 1;
    for (let i = 0; i < B; i++) {
      const row = idx(t, i, B);
      for (let j = 0; j < h; j++) {
        e1[row * h + j] = (last ? rho1 : nu) * r1[row * h + j] + (last ? pt.mult.l1[i * h + j] : 0);
        e2[row * h + j] = (last ? rho2 : nu) * r2[row * h + j] + (last ? pt.mult.l2[i * h + j] : 0);
      }
      for (let k = 0; k < q; k++) e3[row * q + k] = (last ? rho3 : nu) * r3[row * q + k] + (last ? pt.mult.l3[i * q + k] : 0);
    }
  }
  const gr: AlGradient = {
    u: new Float64Array(h * d), w: new Float64Array(h * h), b: new Float64Array(h), v: new Float64Array(q * h),
    c: new Float64Array(q), a: new Float64Array(N * B * h), s: new Float64Array(N * B * h), o: lossAndGradient(pt).g,
    l1: new Float64Array(B * h), l2: new Float64Array(B * h), l3: new Float64Array(B * q),
  };
  for (let k = 0; k < pt.p.w.length; k++) gr.w[k] = omega * pt.p.w[k];
  for (let t = 0; t < N; t++) {
    for (let i = 0; i < B; i++) {
      const row = idx(t, i, B);
      const x = inputVector(pt, row);
      const sp = prevState(pt, t, i);
      for (let k = 0; k < q; k++) {
        const e = e3[row * q + k];
        gr.o[row * q + k] += e;
        gr.c[k] -= e;
        for (let j = 0; j < h; j++) gr.v[k * h + j] -= e * pt.aux.s[row * h + j];
      }
      for (let j = 0; j < h; j++) {
        const a = pt.aux.a[row * h + j];
        const sech2 = smoothSigmaPrime({ kind: 'tanh' }, a);
        const ea = e1[row * h + j];
        gr.a[row * h + j] = ea - sech2 * e2[row * h + j];
        gr.b[j] -= ea;
        for (let k = 0; k < h; k++) gr.w[j * h + k] -= ea * sp[k];
        for (let k = 0; k < d; k++) gr.u[j * d + k] -= ea * x[k];
        let gs = e2[row * h + j];
        for (let k = 0; k < q; k++) gs -= pt.p.v[k * h + j] * e3[row * q + k];
        if (t < N - 1) {
          const nxt = idx(t + 1, i, B);
          for (let k = 0; k < h; k++) gs -= pt.p.w[k * h + j] * e1[nxt * h + k];
        }
        gr.s[row * h + j] = gs;
      }
      if (t === N - 1) {
        for (let j = 0; j < h; j++) {
          gr.l1[i * h + j] = r1[row * h + j];
          gr.l2[i * h + j] = r2[row * h + j];
        }
        for (let k = 0; k < q; k++) gr.l3[i * q + k] = r3[row * q + k];
      }
    }
  }
  return gr;
}
