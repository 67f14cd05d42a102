/**
 * ZLY's view of the smooth activations of `src/models/activations/smooth.ts` (Proposition 1: sigmoid and tanh):
 * names as the instance file writes them, the constants L0, L1, L2 of Assumption 1 ("|σ(u)| ≤ L0, |σ′(u)| ≤ L1
 * and |σ″(u)| ≤ L2 for any u ∈ ℝ"; derived in smooth.ts: sigmoid 1, 1/4, √3/18, tanh 1, 1, 4√3/9; checked
 * independently against mathjs in theory/assumption1.ts), the curvature bound 𝕃 of (22), and the solver's fused
 * array kernel.
 *
 * 𝕃(|c|) = 2L2(L0 + |c|) + 2L1² (22) bounds |f_c″| for f_c(u) = (σ(u) − c)²: f_c″ = 2σ′² + 2(σ − c)σ″.
 *
 * The array kernels compute σ and σ′ of every entry from one e = exp(−c|u|) (`src/linalg/simdExp.ts`: a WebAssembly
 * SIMD kernel on arena arrays, the same bits from its JS twin elsewhere; within a few ulp of Math.exp), with
 * q = 1/(1 + e), the overflow-free forms of smooth.ts:
 *   sigmoid (c = 1): σ = q (u ≥ 0) or e·q (u < 0), σ′ = e·q·q;
 *   tanh (c = 2):    σ = ±(1 − e)·q,               σ′ = 4·e·q·q  (= 4s′(2u)).
 * They agree with smooth.ts to rounding (relative ~1e−15; tanh near 0 to absolute 1e−16, through 1 − e), and all
 * three kernels below give bit-identical σ, so V⁰ of (7) satisfies its constraints exactly.
 */
import { smoothBounds, smoothSigma, smoothSigmaPrime } from '../../../models/activations/smooth.ts';
import { expNegAbs, expNegAbsInto } from '../../../linalg/simdExp.ts';

/** Activation names accepted by ZLY (Proposition 1). */
export const ZLY_ACTIVATIONS = ['sigmoid', 'tanh'] as const;

/** A smooth hidden-layer activation of ZLY. */
export type ZlyActivation = (typeof ZLY_ACTIVATIONS)[number];

/** The constants of Assumption 1: sup|σ|, sup|σ′|, sup|σ″|. */
export interface Assumption1Constants {
  readonly L0: number;
  readonly L1: number;
  readonly L2: number;
}

/** L0, L1, L2 of Assumption 1 for `act` (smooth.ts). */
export function assumption1(act: ZlyActivation): Assumption1Constants {
  const b = smoothBounds({ kind: act });
  return { L0: b.L0, L1: b.L1, L2: b.L2 };
}

/** 𝕃(|c|) = 2L2(L0 + |c|) + 2L1² of (22). */
export function curvatureBound(k: Assumption1Constants, c: number): number {
  return 2 * k.L2 * (k.L0 + Math.abs(c)) + 2 * k.L1 * k.L1;
}

/** σ(u) for one scalar. */
export function sigma(act: ZlyActivation, u: number): number {
  return smoothSigma({ kind: act }, u);
}

/** σ′(u) for one scalar. */
export function sigmaPrime(act: ZlyActivation, u: number): number {
  return smoothSigmaPrime({ kind: act }, u);
}

/** The c of e = exp(−c|u|) each activation is built on. */
const EXP_SCALE: Readonly<Record<ZlyActivation, number>> = { sigmoid: 1, tanh: 2 };

/**
 * out_i = σ(u_i) for i < len. `out` may alias `u`. With a `scratch` array (len entries, not aliasing `u`) the
 * exponentials run in the SIMD kernel; without, in its JS twin (same bits).
 */
export function sigmaInto(act: ZlyActivation, u: Float64Array, out: Float64Array, len = u.length, scratch?: Float64Array): void {
  const c = EXP_SCALE[act];
  if (scratch) expNegAbsInto(c, u, scratch, len);
  const sig = act === 'sigmoid';
  for (let i = 0; i < len; i++) {
    const x = u[i], e = scratch ? scratch[i] : expNegAbs(x, -c), q = 1 / (1 + e);
    out[i] = sig ? (x >= 0 ? q : e * q) : x >= 0 ? (1 - e) * q : -((1 - e) * q);
  }
}

/** s_i = σ(u_i) and ds_i = σ′(u_i) for i < len. `s` may alias `u`; `ds` must not. */
export function sigmaAndSlopeInto(act: ZlyActivation, u: Float64Array, s: Float64Array, ds: Float64Array, len = u.length): void {
  expNegAbsInto(EXP_SCALE[act], u, ds, len);
  if (act === 'sigmoid') {
    for (let i = 0; i < len; i++) {
      const x = u[i], e = ds[i], q = 1 / (1 + e);
      s[i] = x >= 0 ? q : e * q;
      ds[i] = e * q * q;
    }
  } else {
    for (let i = 0; i < len; i++) {
      const x = u[i], e = ds[i], q = 1 / (1 + e), t = (1 - e) * q;
      s[i] = x >= 0 ? t : -t;
      ds[i] = 4 * e * q * q;
    }
  }
}

/**
 * G_t = (σ(p_t) − v_t + inv·l_t) · σ′(p_t) for t < len: the LLA gradient (σ(WA) − B) ⊙ σ′(WA) of (16)/(17) with
 * B = V − Λ/β (inv = 1/β), without storing σ(P) and σ′(P). `G` may alias `p`; `scratch` (len entries) must alias
 * neither.
 */
export function llaGradientInto(
  act: ZlyActivation, p: Float64Array, v: Float64Array, l: Float64Array, inv: number, G: Float64Array, len: number, scratch: Float64Array,
): void {
  expNegAbsInto(EXP_SCALE[act], p, scratch, len);
  if (act === 'sigmoid') {
    for (let t = 0; t < len; t++) {
      const x = p[t], e = scratch[t], q = 1 / (1 + e);
      G[t] = ((x >= 0 ? q : e * q) - v[t] + inv * l[t]) * (e * q * q);
    }
  } else {
    for (let t = 0; t < len; t++) {
      const x = p[t], e = scratch[t], q = 1 / (1 + e), y = (1 - e) * q;
      G[t] = ((x >= 0 ? y : -y) - v[t] + inv * l[t]) * (4 * e * q * q);
    }
  }
}

/** Whether `s` names a ZLY activation. */
export function isZlyActivation(s: unknown): s is ZlyActivation {
  return typeof s === 'string' && (ZLY_ACTIVATIONS as readonly string[]).includes(s);
}
