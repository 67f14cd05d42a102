/**
 * An independent symbolic oracle for the constants of ZLY Assumption 1 ("|σ(u)| ≤ L0, |σ′(u)| ≤ L1 and
 * |σ″(u)| ≤ L2 for any u ∈ ℝ") and for the curvature bound 𝕃 of (22) (Lemma 9).
 *
 * mathjs differentiates the written-out σ symbolically (σ′, σ″, σ‴); the sup of |σ^{(m)}| is taken over its
 * stationary points (zeros of σ^{(m+1)}, located by a sign scan of [−U, U] and bisection to machine precision)
 * and the two tails u → ±∞ (evaluated at ±800, where both activations are at their limits in double precision).
 * Nothing here uses `problem/activation.ts`: the tests compare the two.
 */
import { derivative, parse, type EvalFunction, type MathNode } from 'mathjs';
import type { ZlyActivation } from '../problem/activation.ts';

/** σ written out for mathjs. */
export const SIGMA_EXPRESSIONS: Readonly<Record<ZlyActivation, string>> = {
  sigmoid: '1 / (1 + exp(-u))',
  tanh: 'tanh(u)',
};

/** The symbolic derivatives and the sups they give. */
export interface SymbolicConstants {
  /** σ, σ′, σ″, σ‴ as mathjs prints them. */
  expressions: [string, string, string, string];
  L0: number;
  L1: number;
  L2: number;
  /** Where |σ′| and |σ″| attain L1 and L2 (one maximizer each; ±∞ when at a tail). */
  argL1: number;
  argL2: number;
  /** Stationary points of σ′ (zeros of σ″) and of σ″ (zeros of σ‴) found in the scan. */
  stationary1: number[];
  stationary2: number[];
}

const SCAN = 20;
const STEPS = 2000;
const TAIL = 800;

/** σ, σ′, σ″ of mathjs's symbolic derivatives, compiled once per activation. */
const derivativeCache = new Map<ZlyActivation, ((u: number) => number)[]>();

/** σ^{(m)}(u), m = 0, 1, 2, from mathjs's symbolic derivatives of the written-out σ (compiled once). */
export function symbolicDerivative(act: ZlyActivation, m: 0 | 1 | 2, u: number): number {
  let f = derivativeCache.get(act);
  if (f === undefined) {
    const nodes: MathNode[] = [parse(SIGMA_EXPRESSIONS[act])];
    for (let k = 1; k <= 2; k++) nodes.push(derivative(nodes[k - 1], 'u'));
    f = nodes.map((n) => {
      const c = n.compile();
      return (x: number) => Number(c.evaluate({ u: x }));
    });
    derivativeCache.set(act, f);
  }
  return f[m](u);
}

const constantsCache = new Map<ZlyActivation, SymbolicConstants>();

/** {@link symbolicAssumption1}, computed once per activation. */
export function symbolicAssumption1Cached(act: ZlyActivation): SymbolicConstants {
  let c = constantsCache.get(act);
  if (c === undefined) {
    c = symbolicAssumption1(act);
    constantsCache.set(act, c);
  }
  return c;
}

/** L0, L1, L2 of Assumption 1 from mathjs's symbolic derivatives of σ. */
export function symbolicAssumption1(act: ZlyActivation): SymbolicConstants {
  const nodes: MathNode[] = [parse(SIGMA_EXPRESSIONS[act])];
  for (let m = 1; m <= 3; m++) nodes.push(derivative(nodes[m - 1], 'u'));
  const f = nodes.map((n) => n.compile());
  const at = (m: number, u: number): number => Number(f[m].evaluate({ u }));
  const sup = (m: number, stationary: number[]): { value: number; arg: number } => {
    let best = { value: -Infinity, arg: NaN };
    for (const u of [-TAIL, TAIL, ...stationary]) {
      const v = Math.abs(at(m, u));
      if (v > best.value) best = { value: v, arg: Math.abs(u) === TAIL ? Math.sign(u) * Infinity : u };
    }
    return best;
  };
  const stationary1 = zeros((u) => at(2, u));
  const stationary2 = zeros((u) => at(3, u));
  const l1 = sup(1, stationary1), l2 = sup(2, stationary2);
  return {
    expressions: [nodes[0].toString(), nodes[1].toString(), nodes[2].toString(), nodes[3].toString()],
    L0: sup(0, zeros((u) => at(1, u))).value,
    L1: l1.value,
    L2: l2.value,
    argL1: l1.arg,
    argL2: l2.arg,
    stationary1,
    stationary2,
  };
}

/**
 * The exact curvature sup_u |f_c″(u)| of f_c(u) = (σ(u) − c)² (Lemma 9), f_c″ = 2σ′² + 2(σ − c)σ″, by the same
 * stationary-point search on mathjs's derivative of f_c″; compare with 𝕃(|c|) of (22), which bounds it.
 */
export function symbolicCurvature(act: ZlyActivation, c: number): { value: number; arg: number } {
  const { g, g3 } = curvatureTrees(act);
  let best = { value: -Infinity, arg: NaN };
  for (const u of [-TAIL, TAIL, ...zeros((x) => Number(g3.evaluate({ u: x, c })))]) {
    const v = Math.abs(Number(g.evaluate({ u, c })));
    if (v > best.value) best = { value: v, arg: u };
  }
  return best;
}

const curvatureCache = new Map<ZlyActivation, { g: EvalFunction; g3: EvalFunction }>();

/** f_c″ and f_c‴ of f_c = (σ − c)², compiled once per activation (c stays a symbol). */
function curvatureTrees(act: ZlyActivation): { g: EvalFunction; g3: EvalFunction } {
  let t = curvatureCache.get(act);
  if (t === undefined) {
    // unsimplified: mathjs's simplification of these trees costs seconds, evaluation of the raw tree milliseconds
    const raw = { simplify: false };
    const f2 = derivative(derivative(parse(`(${SIGMA_EXPRESSIONS[act]} - c)^2`), 'u', raw), 'u', raw);
    t = { g: f2.compile(), g3: derivative(f2, 'u', raw).compile() };
    curvatureCache.set(act, t);
  }
  return t;
}

/** Zeros of a compiled expression in u over [−SCAN, SCAN]: sign changes on a grid, refined by bisection. */
function zeros(val: (u: number) => number): number[] {
  const out: number[] = [];
  const h = (2 * SCAN) / STEPS;
  let a = -SCAN, fa = val(a);
  for (let s = 1; s <= STEPS; s++) {
    const b = -SCAN + s * h, fb = val(b);
    if (fa === 0) out.push(a);
    else if (fa * fb < 0) out.push(bisect(val, a, b, fa));
    a = b;
    fa = fb;
  }
  return out;
}

function bisect(val: (u: number) => number, a: number, b: number, fa: number): number {
  for (let it = 0; it < 200; it++) {
    const m = 0.5 * (a + b);
    if (m === a || m === b) break;
    const fm = val(m);
    if (fm === 0) return m;
    if (fa * fm < 0) b = m;
    else {
      a = m;
      fa = fm;
    }
  }
  return 0.5 * (a + b);
}
