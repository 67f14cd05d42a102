/**
 * WebAssembly SIMD (f64x2) kernels for the element-wise passes of Algorithm 3.2 on arena arrays (`inArena`):
 * the u-step (3.16) for ReLU and leaky ReLU, the sums of one trace row — σ(u), ‖C1‖², ‖C2‖², ⟨ξ, C1⟩ + ⟨ζ, C2⟩,
 * ‖u‖² and the step's ‖h − h'‖², ‖u − u'‖² — in one pass, and the T×r passes of the z- and h-steps. Each lane performs the operations of the JS code in
 * `uStep.ts` and `bcd.ts` in the same order (no fused multiply-add, divisions kept as divisions, branches as
 * lane masks), and the sums are accumulated one element at a time in index order, so results are bit-identical
 * to the JS path. Why: the JS loops branch on data (u⁺ vs u⁻, σ's kink) and mispredict on half the
 * coordinates; lane masks do not branch.
 */
import { arenaMemoryOf } from '../../../linalg/simd.ts';
import { F64, I32, V128, WasmFunction, assembleModule, moduleCache, op } from '../../../linalg/wasmAsm.ts';
import { sigmaInto, type Activation } from '../../../models/activations/piecewise.ts';

/** u-step kernel: uStep(pairs, Pw, h, xi, zeta, uPrev, out, γ, μ, ½a, ½γ, D⁺, D⁻, γϖ, ϖ, leaky). */
export type UStepKernel = (
  pairs: number, Pw: number, h: number, xi: number, zeta: number, uPrev: number, out: number,
  g: number, mu: number, ha: number, hg: number, dPlus: number, dMinus: number, gs: number, slope: number, leaky: number,
) => void;

/** Sums kernel: sums(pairs, u, Pw, h, xi, zeta, sig, hPrev, uPrev, out, ϖ, leaky, withStep). */
export type SumsKernel = (
  pairs: number, u: number, Pw: number, h: number, xi: number, zeta: number, sig: number, hPrev: number, uPrev: number,
  out: number, slope: number, leaky: number, withStep: number,
) => void;

/**
 * uStep: per pair of coordinates, θ1 = Pw − ξ/γ, θ2 = h + ζ/γ, θ3 = u', b = γθ1 + μθ3; u⁺ of (3.21), u⁻ of (3.22)
 * (ReLU) or of the corrected (4.35) (leaky); their shifted values φ − φ(0) and Remark 3.4's choice u⁺ on ties.
 * The constants are computed by the caller exactly as `uStep.ts` computes them per coordinate.
 */
function uStepFunction(scaled: boolean): WasmFunction {
  const f = new WasmFunction(scaled ? 'uStepScaled' : 'uStep', [I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, I32]);
  const P = { n: 0, Pw: 1, h: 2, xi: 3, zeta: 4, up: 5, out: 6, g: 7, mu: 8, ha: 9, hg: 10, dp: 11, dm: 12, gs: 13, sl: 14, leaky: 15 };
  const [G, M, HA, HG, DP, DM, GS, SL, Z, TWO] = f.localN(V128, 10);
  const [th1, th2, th3, b, up, um, s, t] = f.localN(V128, 8);
  const off = f.local(I32);
  const splat = (p: number, l: number): number[][] => [op.get(p), op.splat, op.set(l)];
  f.emit(...splat(P.g, G), ...splat(P.mu, M), ...splat(P.ha, HA), ...splat(P.hg, HG), ...splat(P.dp, DP));
  f.emit(...splat(P.dm, DM), ...splat(P.gs, GS), ...splat(P.sl, SL), op.vzero, op.set(Z), op.vconst(2), op.set(TWO));
  const at = (p: number): number[][] => [op.get(p), op.get(off), op.add, op.vload()];
  /** φ(u) − φ(0) = (½a·u − b)·u + (½γ·σ)·(σ − 2θ2) with u in `u`, σ in `sg` (phiShift of uStep.ts). */
  const phi = (u: number, sg: number): number[][] => [
    op.get(HA), op.get(u), op.fmul, op.get(b), op.fsub, op.get(u), op.fmul,
    op.get(HG), op.get(sg), op.fmul, op.get(sg), op.get(TWO), op.get(th2), op.fmul, op.fsub, op.fmul, op.fadd,
  ];
  f.emit(op.i32(0), op.set(off), op.block, op.loop, op.get(P.n), op.eqz, op.brIf(1));
  // scaled: ξ/γ and ζ/γ come divided already
  const over = scaled ? [] : [op.get(G), op.fdiv];
  f.emit(...at(P.Pw), ...at(P.xi), ...over, op.fsub, op.set(th1));
  f.emit(...at(P.h), ...at(P.zeta), ...over, op.fadd, op.set(th2));
  f.emit(...at(P.up), op.set(th3));
  f.emit(op.get(G), op.get(th1), op.fmul, op.get(M), op.get(th3), op.fmul, op.fadd, op.set(b));
  // u⁺: num = (γθ1 + γθ2) + μθ3; num > 0 ? num/D⁺ : 0
  f.emit(op.get(G), op.get(th1), op.fmul, op.get(G), op.get(th2), op.fmul, op.fadd, op.get(M), op.get(th3), op.fmul, op.fadd, op.tee(t));
  f.emit(op.get(DP), op.fdiv, op.get(t), op.get(Z), op.fgt, op.vand, op.set(up));
  // u⁻: num = b (ReLU) or (γθ1 + γϖθ2) + μθ3 (leaky); num < 0 ? num/D⁻ : 0; σ(u⁻) = 0 or ϖu⁻
  f.emit(op.get(P.leaky), op.if);
  f.emit(op.get(G), op.get(th1), op.fmul, op.get(GS), op.get(th2), op.fmul, op.fadd, op.get(M), op.get(th3), op.fmul, op.fadd, op.set(t));
  f.emit(op.else, op.get(b), op.set(t), op.end);
  f.emit(op.get(t), op.get(DM), op.fdiv, op.get(t), op.get(Z), op.flt, op.vand, op.set(um));
  f.emit(op.get(P.leaky), op.if, op.get(SL), op.get(um), op.fmul, op.set(s), op.else, op.get(Z), op.set(s), op.end);
  // out = φ(u⁺) ≤ φ(u⁻) ? u⁺ : u⁻
  f.emit(op.get(P.out), op.get(off), op.add, op.get(up), op.get(um), ...phi(up, up), ...phi(um, s), op.fle, op.bitselect, op.vstore());
  f.emit(op.get(off), op.i32(16), op.add, op.set(off), op.get(P.n), op.i32(1), op.sub, op.set(P.n), op.br(0), op.end, op.end);
  return f;
}

/**
 * sums: per pair, σ(u) (ReLU: pmax(0, u) = u > 0 ? u : 0; leaky: u ≥ 0 ? u : ϖu) into sig, then e1 = u − Pw,
 * e2 = h − σ(u) and, lane 0 then lane 1, c1 += e1², c2 += e2², lin += ξe1 + ζe2, uu += u², and with the step
 * dh += (h − h')², du += (u − u')². out receives [c1, c2, lin, uu, dh, du], to be continued by the caller.
 */
function sumsFunction(): WasmFunction {
  const f = new WasmFunction('sums', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, I32, I32]);
  const P = { n: 0, u: 1, Pw: 2, h: 3, xi: 4, zeta: 5, sig: 6, hp: 7, up: 8, out: 9, sl: 10, leaky: 11, step: 12 };
  const acc = f.localN(F64, 6);
  const [u, h, sg, e1, e2, t, SL, Z] = f.localN(V128, 8);
  const off = f.local(I32);
  const at = (p: number): number[][] => [op.get(p), op.get(off), op.add, op.vload()];
  /** acc[q] += lane 0 of t, then += lane 1 (the vector on the stack is consumed via t). */
  const lanes = (q: number): number[][] => [
    op.set(t), op.get(acc[q]), op.get(t), op.extract(0), op.f64add, op.get(t), op.extract(1), op.f64add, op.set(acc[q]),
  ];
  for (let q = 0; q < 6; q++) f.emit(op.get(P.out), op.f64load(8 * q), op.set(acc[q]));
  f.emit(op.get(P.sl), op.splat, op.set(SL), op.vzero, op.set(Z));
  f.emit(op.i32(0), op.set(off), op.block, op.loop, op.get(P.n), op.eqz, op.brIf(1));
  f.emit(...at(P.u), op.set(u), ...at(P.h), op.set(h));
  f.emit(op.get(P.leaky), op.if, op.get(u), op.get(SL), op.get(u), op.fmul, op.get(u), op.get(Z), op.fge, op.bitselect, op.set(sg));
  f.emit(op.else, op.get(Z), op.get(u), op.fpmax, op.set(sg), op.end);
  f.emit(op.get(P.sig), op.get(off), op.add, op.get(sg), op.vstore());
  f.emit(op.get(u), ...at(P.Pw), op.fsub, op.set(e1), op.get(h), op.get(sg), op.fsub, op.set(e2));
  f.emit(op.get(e1), op.get(e1), op.fmul, ...lanes(0), op.get(e2), op.get(e2), op.fmul, ...lanes(1));
  f.emit(...at(P.xi), op.get(e1), op.fmul, ...at(P.zeta), op.get(e2), op.fmul, op.fadd, ...lanes(2));
  f.emit(op.get(u), op.get(u), op.fmul, ...lanes(3));
  f.emit(op.get(P.step), op.if);
  f.emit(op.get(h), ...at(P.hp), op.fsub, op.tee(t), op.get(t), op.fmul, ...lanes(4));
  f.emit(op.get(u), ...at(P.up), op.fsub, op.tee(t), op.get(t), op.fmul, ...lanes(5), op.end);
  f.emit(op.get(off), op.i32(16), op.add, op.set(off), op.get(P.n), op.i32(1), op.sub, op.set(P.n), op.br(0), op.end, op.end);
  for (let q = 0; q < 6; q++) f.emit(op.get(P.out), op.get(acc[q]), op.f64store(8 * q));
  return f;
}

/** Element-wise kernel: f(pairs, x, y, z, out, γ) for the three-operand passes below. */
export type EwKernel = (pairs: number, x: number, y: number, z: number, out: number, g: number) => void;

/**
 * The element-wise passes of the z- and h-steps, as f(pairs, x, y, z, out, γ), each the JS expression's
 * operations in its order: zM: out = γ·x + y (γu + ξ); hQ: out = x + γ·(y − z) (ξ + γ(u − Xᵥ)); hE: out = γ·x − y
 * (γσ(u) − ζ; z unused).
 */
function ewFunction(name: 'zM' | 'hQ' | 'hE'): WasmFunction {
  const f = new WasmFunction(name, [I32, I32, I32, I32, I32, F64]);
  const P = { n: 0, x: 1, y: 2, z: 3, out: 4, g: 5 };
  const G = f.local(V128), off = f.local(I32);
  const at = (p: number): number[][] => [op.get(p), op.get(off), op.add, op.vload()];
  f.emit(op.get(P.g), op.splat, op.set(G));
  f.emit(op.i32(0), op.set(off), op.block, op.loop, op.get(P.n), op.eqz, op.brIf(1));
  f.emit(op.get(P.out), op.get(off), op.add);
  if (name === 'zM') f.emit(op.get(G), ...at(P.x), op.fmul, ...at(P.y), op.fadd);
  else if (name === 'hQ') f.emit(...at(P.x), op.get(G), ...at(P.y), ...at(P.z), op.fsub, op.fmul, op.fadd);
  else f.emit(op.get(G), ...at(P.x), op.fmul, ...at(P.y), op.fsub);
  f.emit(op.vstore(), op.get(off), op.i32(16), op.add, op.set(off), op.get(P.n), op.i32(1), op.sub, op.set(P.n), op.br(0), op.end, op.end);
  return f;
}

const exportsFor = moduleCache(() => assembleModule([
  uStepFunction(false), uStepFunction(true), sumsFunction(), ewFunction('zM'), ewFunction('hQ'), ewFunction('hE'),
]));

/** The kernels of this file for one arena. */
export interface WzcKernels {
  uStep: UStepKernel;
  /** uStep with ξ/γ, ζ/γ in place of ξ, ζ. */
  uStepScaled: UStepKernel;
  sums: SumsKernel;
  zM: EwKernel;
  hQ: EwKernel;
  hE: EwKernel;
}

/** The kernels for arrays of one arena (all of `arrays`), or null (heap arrays, mixed buffers, no SIMD). */
export function wzcSimdFor(...arrays: Float64Array[]): WzcKernels | null {
  const mem = arenaMemoryOf(arrays[0]);
  if (mem === null) return null;
  for (const a of arrays) if (a.buffer !== arrays[0].buffer) return null;
  const ex = exportsFor(mem);
  return ex ? ex as unknown as WzcKernels : null;
}

/**
 * Run element-wise kernel `name` on the leading pairs of `out` when x, y, z and out share an arena; returns how
 * many entries it did (0 otherwise), so the caller's JS loop finishes from there.
 */
export function ewSimd(name: 'zM' | 'hQ' | 'hE', x: Float64Array, y: Float64Array, z: Float64Array, out: Float64Array, g: number): number {
  const k = wzcSimdFor(x, y, z, out);
  if (k === null) return 0;
  const pairs = out.length >> 1;
  k[name](pairs, x.byteOffset, y.byteOffset, z.byteOffset, out.byteOffset, g);
  return 2 * pairs;
}

/** The h, u blocks of an iterate (a structural slice of `Iterate`). */
interface HU {
  readonly h: Float64Array;
  readonly u: Float64Array;
}

/**
 * The element-wise part of one trace row at s = (h, u): σ(u) into `sig`, and into `sums` ‖u − Pw‖², ‖h − σ(u)‖²,
 * ⟨ξ, u − Pw⟩ + ⟨ζ, h − σ(u)⟩, ‖u‖² and, with `prev`, ‖h − h'‖², ‖u − u'‖² (else 0). Each sum is accumulated in
 * index order: the SIMD kernel (ReLU, leaky ReLU on one arena) takes the leading pairs, JS the rest.
 */
export function traceSums(
  act: Activation, s: HU, Pw: Float64Array, mult: { readonly xi: Float64Array; readonly zeta: Float64Array },
  sig: Float64Array, sums: Float64Array, prev: HU | null,
): void {
  const { xi, zeta } = mult;
  const { h, u } = s;
  const n = u.length;
  sums.fill(0);
  let i0 = 0;
  const k = act.kind === 'elu' ? null : prev ? wzcSimdFor(u, Pw, h, xi, zeta, sig, sums, prev.h, prev.u) : wzcSimdFor(u, Pw, h, xi, zeta, sig, sums);
  if (k) {
    const pairs = n >> 1;
    const leaky = act.kind === 'leaky-relu';
    k.sums(pairs, u.byteOffset, Pw.byteOffset, h.byteOffset, xi.byteOffset, zeta.byteOffset, sig.byteOffset,
      prev ? prev.h.byteOffset : 0, prev ? prev.u.byteOffset : 0, sums.byteOffset, leaky ? act.slope : 0, leaky ? 1 : 0, prev ? 1 : 0);
    i0 = 2 * pairs;
  }
  sigmaInto(act, u, sig, i0);
  let c1 = sums[0], c2 = sums[1], lin = sums[2], uu = sums[3], dh = sums[4], du = sums[5];
  for (let i = i0; i < n; i++) {
    const e1 = u[i] - Pw[i], e2 = h[i] - sig[i];
    c1 += e1 * e1;
    c2 += e2 * e2;
    lin += xi[i] * e1 + zeta[i] * e2;
    uu += u[i] * u[i];
  }
  if (prev) {
    for (let i = i0; i < n; i++) {
      const d = h[i] - prev.h[i];
      dh += d * d;
    }
    for (let i = i0; i < n; i++) {
      const d = u[i] - prev.u[i];
      du += d * d;
    }
  }
  sums[0] = c1; sums[1] = c2; sums[2] = lin; sums[3] = uu; sums[4] = dh; sums[5] = du;
}
