/**
 * ZLY's view of the smooth activations of `src/models/activations/smooth.ts` (Proposition 1: sigmoid and tanh):
 * names as the instance file writes them, the constants L0, L1, L2 of Assumption 1 ("|σ(u)| ≤ L0, |σ′(u)| ≤ L1
 * and |σ″(u)| ≤ L2 for any u ∈ ℝ"; derived in smooth.ts: sigmoid 1, 1/4, √3/18, tanh 1, 1, 4√3/9; checked
 * independently against mathjs in theory/assumption1.ts), the curvature bound 𝕃 of (22), and the solver's fused
 * array kernel.
 *
 * 𝕃(|c|) = 2L2(L0 + |c|) + 2L1² (22) bounds |f_c″| for f_c(u) = (σ(u) − c)²: f_c″ = 2σ′² + 2(σ − c)σ″.
 *
 * The hot loops use {@link sigmaAndSlopeInto}: σ and σ′ of every entry from one exp (sigmoid: s = q or e·q and
 * s′ = e·q² with e = e^{−|u|}, q = 1/(1 + e), the forms of smooth.ts, so σ is bit-identical to `smoothSigma`)
 * or one tanh (σ′ = 1 − t², exact to absolute precision, which is what the updates need).
 */
import { smoothBounds, smoothSigma, smoothSigmaPrime, smoothSigmaSecond } from '../../../models/activations/smooth.ts';

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

/** σ″(u) for one scalar. */
export function sigmaSecond(act: ZlyActivation, u: number): number {
  return smoothSigmaSecond({ kind: act }, u);
}

/** out_i = σ(u_i) for i < len (bit-identical to `smoothSigma`). `out` may alias `u`. */
export function sigmaInto(act: ZlyActivation, u: Float64Array, out: Float64Array, len = u.length): void {
  if (act === 'sigmoid') {
    for (let i = 0; i < len; i++) {
      const x = u[i], e = Math.exp(-Math.abs(x)), q = 1 / (1 + e);
      out[i] = x >= 0 ? q : e * q;
    }
  } else for (let i = 0; i < len; i++) out[i] = Math.tanh(u[i]);
}

/** s_i = σ(u_i) and ds_i = σ′(u_i) for i < len, one exp (or tanh) per entry. `s` may alias `u`; `ds` must not. */
export function sigmaAndSlopeInto(act: ZlyActivation, u: Float64Array, s: Float64Array, ds: Float64Array, len = u.length): void {
  if (act === 'sigmoid') {
    for (let i = 0; i < len; i++) {
      const x = u[i], e = Math.exp(-Math.abs(x)), q = 1 / (1 + e);
      s[i] = x >= 0 ? q : e * q;
      ds[i] = e * q * q;
    }
  } else {
    for (let i = 0; i < len; i++) {
      const t = Math.tanh(u[i]);
      s[i] = t;
      ds[i] = 1 - t * t;
    }
  }
}

/**
 * G_t = (σ(p_t) − v_t + inv·l_t) · σ′(p_t) for t < len: the LLA gradient (σ(WA) − B) ⊙ σ′(WA) of (16)/(17) with
 * B = V − Λ/β (inv = 1/β), fused so σ(P) and σ′(P) are never stored. `G` may alias `p`.
 */
export function llaGradientInto(act: ZlyActivation, p: Float64Array, v: Float64Array, l: Float64Array, inv: number, G: Float64Array, len: number): void {
  if (act === 'sigmoid') {
    for (let t = 0; t < len; t++) {
      const x = p[t], e = Math.exp(-Math.abs(x)), q = 1 / (1 + e);
      G[t] = ((x >= 0 ? q : e * q) - v[t] + inv * l[t]) * (e * q * q);
    }
  } else {
    for (let t = 0; t < len; t++) {
      const y = Math.tanh(p[t]);
      G[t] = (y - v[t] + inv * l[t]) * (1 - y * y);
    }
  }
}

/** Whether `s` names a ZLY activation. */
export function isZlyActivation(s: unknown): s is ZlyActivation {
  return typeof s === 'string' && (ZLY_ACTIVATIONS as readonly string[]).includes(s);
}
