/**
 * The constants and parameter conditions of ZLY Appendix A and C, literally as printed:
 * L3 (36), γ (37), d_min (38), f_min (39), α3 (40), C3 (41), λ̄ and λ̂ (after (41)), the conditions (42)–(47) of
 * Theorem 3 and the weaker (77)–(81) of Lemma 4, and the weights ζ_i, η_i, ξ_i of (90)–(94) with a of (96).
 *
 * Index conventions as in `types.ts`: arrays are 0-based, `beta[i−1]` = β_i, `d[i]` = d_i (d[0] = d0).
 * Where a printed range is empty for small N (e.g. λ̄'s max over 2 ≤ i ≤ N−1 when N = 2, the sums
 * Σ_{j=1}^{N−2}), the max of nothing is taken as 0 and the sum of nothing as 0. Where two printed cases meet
 * (N = 2: i = 1 is both "1" of (94) and "N−1" of (92)), the case nearer the output wins: N, then N−1, then 1.
 *
 * Everything here is a claim under test (part 2 of the ZLY issue): the solver takes ξ from
 * {@link lyapunovWeights} only to report L̂ in its trace.
 */
import { sqnorm } from '../../../linalg/index.ts';
import type { Assumption1Constants } from './activation.ts';
import { assumption1 } from './activation.ts';
import { forwardPass } from './network.ts';
import type { ZlyProblem } from './types.ts';
import { layers } from './types.ts';

/** What the constants depend on: σ, sizes, data norms and the initial point Q⁰. */
export interface ConditionsInput {
  readonly sigma: Assumption1Constants;
  readonly n: number;
  /** d0..dN. */
  readonly d: readonly number[];
  readonly normX: number;
  readonly normY: number;
  /** γ = max_i ‖W_i⁰‖_F (37). */
  readonly gamma: number;
  /** ‖V_i⁰‖_F, i = 1..N. */
  readonly normV0: readonly number[];
  /** ‖Λ_i⁰‖_F, i = 1..N. */
  readonly normLambda0: readonly number[];
}

/** The β-independent constants and C3 (which depends on β_N). */
export interface ZlyConstants {
  L0: number;
  L1: number;
  L2: number;
  /** (36) */
  L3: number;
  /** (37) */
  gamma: number;
  /** (38) */
  dMin: number;
  /** (39) */
  fMin: number;
  /** (40) */
  alpha3: number;
  /** (41) */
  C3: number;
  /** Which term of (41) attains C3: the activation-bound term (index j) or the ‖Y‖ term. */
  C3From: 'activation' | 'Y';
}

/** One condition with both sides and whether it holds. */
export interface ConditionCheck {
  /** Equation number, e.g. `(44) i=1`. */
  id: string;
  /** The condition in words/symbols. */
  text: string;
  lhs: number;
  rhs: number;
  holds: boolean;
}

/** Build the input for problem `prob` started at W⁰ with (7): V⁰ by the forward pass, Λ⁰ = 0. */
export function conditionsInput(prob: ZlyProblem, W0: readonly Float64Array[]): ConditionsInput {
  const V0 = forwardPass(prob.dims, prob.X, W0, prob.activation);
  return {
    sigma: assumption1(prob.activation),
    n: prob.dims.n,
    d: prob.dims.d,
    normX: Math.sqrt(sqnorm(prob.X)),
    normY: Math.sqrt(sqnorm(prob.Y)),
    gamma: Math.max(...W0.map((w) => Math.sqrt(sqnorm(w)))),
    normV0: V0.map((v) => Math.sqrt(sqnorm(v))),
    normLambda0: V0.map(() => 0),
  };
}

/** L3 (36), γ, d_min, f_min, α3 and C3 (41) for penalty β_N. */
export function zlyConstants(inp: ConditionsInput, betaN: number): ZlyConstants {
  const { L0, L1, L2 } = inp.sigma;
  const N = inp.d.length - 1, n = inp.n, g = inp.gamma;
  const L3 = 2 * (L1 * L1 + L2 * L0 + L2);
  let dMin = Infinity;
  for (let i = 1; i <= N - 1; i++) dMin = Math.min(dMin, inp.d[i]);
  const fMin = Math.sqrt(6) * (Math.sqrt(3 * L1) + 2 * Math.sqrt(L0 * L3) * (n * dMin) ** 0.25);
  const alpha3 = (fMin / L1) ** 2;
  let act = 0;
  for (let j = 0; j <= N - 2; j++) act = Math.max(act, (2 * L0 * Math.sqrt(n * inp.d[j + 1])) / g ** j);
  const yTerm = inp.normY / ((betaN - 3) * g ** (N - 1));
  const C3 = Math.max(act, yTerm);
  return { L0, L1, L2, L3, gamma: g, dMin, fMin, alpha3, C3, C3From: yTerm > act ? 'Y' : 'activation' };
}

/** λ̄ (after (41)): the max over 2 ≤ i ≤ N−1 of two terms; 0 when N = 2. `firstOnly` gives (80)'s third term. */
export function lambdaBar(inp: ConditionsInput, c: ZlyConstants, beta: readonly number[], firstOnly = false): number {
  const N = inp.d.length - 1, n = inp.n, g = c.gamma;
  const { L0, L1, L2, L3, C3 } = c;
  let best = 0;
  for (let i = 2; i <= N - 1; i++) {
    const bi = beta[i - 1];
    const inner = 4 * C3 * g ** (i - 1) + L0 * Math.sqrt(n * inp.d[i]);
    const t1 = 3 * L1 * C3 * bi * g ** (i - 3) * inner * (1 + Math.sqrt((6 * L3 * C3 * C3 * g ** (2 * i - 2)) / (L1 * inner)));
    const t2 = (1 / 6) * (1 + 3 * (L2 * L3 / L1) * g ** (i - 1)) ** 2 * C3 * C3 * g ** (2 * (i - 2)) * bi;
    best = Math.max(best, t1, firstOnly ? 0 : t2);
  }
  return best;
}

/** λ̂ (after (41)). */
export function lambdaHat(inp: ConditionsInput, c: ZlyConstants, beta1: number): number {
  const { L0, L1, L3, C3, gamma: g } = c;
  const inner = 4 * C3 + L0 * Math.sqrt(inp.n * inp.d[1]);
  return L1 * beta1 * inp.normX * inner / g * (1 + Math.sqrt((2 * L3 * C3 * inp.normX * g) / (L1 * inner)));
}

/** Right side of (44) for index i (1-based, 1 ≤ i ≤ N−2): the bound on β_i/β_{i+1}. */
export function ratioBound44(c: ZlyConstants, N: number, i: number): number {
  const { L1, L2, L3, C3, gamma: g } = c;
  const a = 6 * Math.sqrt(N) * (2 * L1 * L1 + (4 * L3 + L2) * C3 * g ** i) * g * g;
  return Math.max(a, ratioBound79(c, i));
}

/** Right side of (79) for index i: 6(√(3L1) + √(2L3C3γ^i))²γ². */
export function ratioBound79(c: ZlyConstants, i: number): number {
  const { L1, L3, C3, gamma: g } = c;
  return 6 * (Math.sqrt(3 * L1) + Math.sqrt(2 * L3 * C3 * g ** i)) ** 2 * g * g;
}

/** Right side of (46): the smallest d_min it allows. */
export function dMinBound46(c: ZlyConstants, N: number, n: number): number {
  const { L0, L1, L3 } = c;
  const t = Math.max(Math.sqrt(24 * N + 1) * L1 - Math.sqrt(18 * L1), 0);
  return t ** 4 / (n * (24 * L0 * L3) ** 2);
}

/** The conditions (42)–(47) of Theorem 3 (`strong`) and (77)–(81) of Lemma 4 (`weak`) at given β, λ. */
export function checkConditions(inp: ConditionsInput, beta: readonly number[], lambda: number): { constants: ZlyConstants; strong: ConditionCheck[]; weak: ConditionCheck[] } {
  const N = inp.d.length - 1;
  const c = zlyConstants(inp, beta[N - 1]);
  const g = c.gamma, C3 = c.C3;
  const chk = (id: string, text: string, lhs: number, rhs: number): ConditionCheck => ({ id, text, lhs, rhs, holds: lhs >= rhs });
  const bN = beta[N - 1], bN1 = beta[N - 2];
  const lamFirst = 12 * bN * C3 * C3 * g ** (2 * N - 4);
  const lBar = lambdaBar(inp, c, beta), lHat = lambdaHat(inp, c, beta[0]);
  const init = (tag: string): ConditionCheck[] => {
    const out: ConditionCheck[] = [];
    for (let i = 1; i <= N; i++) {
      out.push(chk(`${tag} V${i}`, `3C3γ^${i - 1} ≥ ‖V_${i}⁰‖_F`, 3 * C3 * g ** (i - 1), inp.normV0[i - 1]));
      out.push(chk(`${tag} Λ${i}`, `C3β_${i}γ^${i - 1} ≥ ‖Λ_${i}⁰‖_F`, C3 * beta[i - 1] * g ** (i - 1), inp.normLambda0[i - 1]));
    }
    return out;
  };
  const strong: ConditionCheck[] = [
    chk('(42)', 'β_N ≥ 3.5', bN, 3.5),
    chk('(43)', 'β_{N−1}/β_N ≥ 16γ²', bN1 / bN, 16 * g * g),
  ];
  for (let i = 1; i <= N - 2; i++) strong.push(chk(`(44) i=${i}`, `β_${i}/β_${i + 1} ≥ max{6√N(2L1² + (4L3 + L2)C3γ^i)γ², 6(√(3L1) + √(2L3C3γ^i))²γ²}`, beta[i - 1] / beta[i], ratioBound44(c, N, i)));
  strong.push(chk('(45)', 'λ ≥ max{12β_N C3²γ^{2N−4}, λ̄, λ̂}', lambda, Math.max(lamFirst, lBar, lHat)));
  strong.push(chk('(46)', 'd_min ≥ (max{√(24N+1)L1 − √(18L1), 0})⁴ / (n(24L0L3)²)', c.dMin, dMinBound46(c, N, inp.n)));
  strong.push(...init('(47)'));
  const weak: ConditionCheck[] = [
    chk('(77)', 'β_N ≥ 3.5', bN, 3.5),
    chk('(78)', 'β_{N−1}/β_N ≥ 7γ²', bN1 / bN, 7 * g * g),
  ];
  for (let i = 1; i <= N - 2; i++) weak.push(chk(`(79) i=${i}`, `β_${i}/β_${i + 1} ≥ 6(√(3L1) + √(2L3C3γ^i))²γ²`, beta[i - 1] / beta[i], ratioBound79(c, i)));
  weak.push(chk('(80)', 'λ ≥ max{λ̂, 12β_N C3²γ^{2N−4}, first term of λ̄}', lambda, Math.max(lHat, lamFirst, lambdaBar(inp, c, beta, true))));
  weak.push(...init('(81)'));
  return { constants: c, strong, weak };
}

/** The smallest parameters meeting a set of conditions, with the constants they came from. */
export interface SmallestParameters {
  beta: number[];
  lambda: number;
  constants: ZlyConstants;
  /** Terms of the λ condition: name → value (the max of them is λ). */
  lambdaTerms: Record<string, number>;
}

/**
 * The smallest β and λ meeting (42)–(45) (`which = 'strong'`) or (77)–(80) (`'weak'`) for this data, widths,
 * initialization and activation. The conditions form a chain from the output layer: β_N = 3.5 is the least
 * (42) allows, then each β_i is the least its ratio condition allows given β_{i+1}, then λ the least given β.
 * (46) and (47)/(81) involve no free parameter: check them with {@link checkConditions}.
 */
export function smallestParameters(inp: ConditionsInput, which: 'strong' | 'weak'): SmallestParameters {
  const N = inp.d.length - 1;
  const beta = new Array<number>(N).fill(0);
  beta[N - 1] = 3.5;
  const c = zlyConstants(inp, beta[N - 1]);
  const g = c.gamma;
  beta[N - 2] = leastWithRatio((which === 'strong' ? 16 : 7) * g * g, beta[N - 1]);
  for (let i = N - 2; i >= 1; i--) beta[i - 1] = leastWithRatio(which === 'strong' ? ratioBound44(c, N, i) : ratioBound79(c, i), beta[i]);
  const lambdaTerms: Record<string, number> = {
    '12β_N C3²γ^{2N−4}': 12 * beta[N - 1] * c.C3 * c.C3 * g ** (2 * N - 4),
    [which === 'strong' ? 'λ̄' : 'λ̄ (first term)']: lambdaBar(inp, c, beta, which === 'weak'),
    'λ̂': lambdaHat(inp, c, beta[0]),
  };
  return { beta, lambda: Math.max(...Object.values(lambdaTerms)), constants: c, lambdaTerms };
}

/** The least double b with b/next ≥ bound (the product bound·next can round to a b whose ratio falls 1 ulp short). */
function leastWithRatio(bound: number, next: number): number {
  let b = bound * next;
  while (b / next < bound) b += Math.max(Number.MIN_VALUE, Math.abs(b) * Number.EPSILON);
  return b;
}

/** The weights ζ_i, η_i, ξ_i of (90)–(94) (arrays indexed i−1) and a = min{ζ_i, η_i − ξ_i} of (96). */
export interface DescentWeights {
  zeta: number[];
  eta: number[];
  xi: number[];
  a: number;
}

/**
 * ζ, η, ξ and a of (90)–(96), literally as printed, at β, λ; with `zetaConstant: 'C3'`, ζ_i (2 ≤ i ≤ N−1) has C3 where
 * (90) prints L3 in (1 + 3L1^{-1}L2·γ^{i−1})², the factor (89) and Lemma 11 give (erratum zly-E-90).
 */
export function descentWeights(inp: ConditionsInput, beta: readonly number[], lambda: number, opts: { zetaConstant?: 'L3' | 'C3' } = {}): DescentWeights {
  const N = inp.d.length - 1;
  const c = zlyConstants(inp, beta[N - 1]);
  const { L1, L2, L3, C3, gamma: g } = c;
  const b = (i: number): number => beta[i - 1];
  /** Σ_{j=1}^{upTo} β_j^{-1}(N − j + off)(L1γ)^{2(p − j)}. */
  const sum = (upTo: number, off: number, p: number): number => {
    let s = 0;
    for (let j = 1; j <= upTo; j++) s += ((N - j + off) * (L1 * g) ** (2 * (p - j))) / b(j);
    return s;
  };
  const zeta = new Array<number>(N), eta = new Array<number>(N), xi = new Array<number>(N);
  for (let i = 1; i <= N; i++) {
    if (i === N) {
      zeta[i - 1] = lambda / 2 - 3 * C3 * C3 * b(N) ** 2 * g ** (2 * (N - 1)) / b(N - 1)
        - (2 / (L1 * L1)) * C3 * C3 * b(N) ** 2 * g ** (2 * (N - 2)) * sum(N - 2, 0, N);
    } else if (i === 1) {
      zeta[i - 1] = lambda / 2;
    } else {
      const K = opts.zetaConstant === 'C3' ? C3 : L3;
      zeta[i - 1] = lambda / 2 - 2 * (1 + 3 * (L2 * K / L1) * g ** (i - 1)) ** 2 * C3 * C3 * b(i) ** 2 * g ** (2 * (i - 2)) * sum(i - 1, 0, i);
    }
  }
  for (let i = N; i >= 1; i--) {
    if (i === N) {
      const s = sum(N - 2, 1, N);
      eta[i - 1] = (1 + b(N)) / 2 - 1 / b(N) - 3 * g * g * (1 + b(N)) ** 2 / b(N - 1) - (4 * (1 + b(N)) ** 2 / (L1 * L1)) * s;
      xi[i - 1] = 3 * g * g * b(N) ** 2 / b(N - 1) + (4 * b(N) ** 2 / (L1 * L1)) * s;
    } else if (i === N - 1) {
      const s = sum(N - 2, 1, N - 1);
      eta[i - 1] = b(N - 1) / 2 - 4 * b(N - 1) ** 2 * s;
      xi[i - 1] = 4 * b(N - 1) ** 2 * s;
    } else if (i === 1) {
      const p = L1 * L1 + 2 * L3 * C3 * g, q = p + L2 * C3 * g;
      eta[0] = b(1) / 2 - 4 * p * p * g ** 4 * b(2) ** 2 / b(1) * N;
      xi[0] = 4 * q * q * g ** 4 * b(2) ** 2 / b(1) * N;
    } else {
      const p = L1 * L1 + 2 * L3 * C3 * g ** i, q = p + L2 * C3 * g ** i;
      const s = sum(i - 1, 1, i);
      eta[i - 1] = b(i) / 2 - 4 * (b(i) + p * g * g * b(i + 1)) ** 2 * s - 4 * p * p * g ** 4 * b(i + 1) ** 2 / b(i) * (N - i + 1);
      xi[i - 1] = 4 * (b(i) + q * g * g * b(i + 1)) ** 2 * s + 4 * q * q * g ** 4 * b(i + 1) ** 2 / b(i) * (N - i + 1);
    }
  }
  let a = Infinity;
  for (let i = 0; i < N; i++) a = Math.min(a, zeta[i], eta[i] - xi[i]);
  return { zeta, eta, xi, a };
}

/** The ξ of (91)–(94) that weigh L̂ (26) for problem `prob` started at W⁰. */
export function lyapunovWeights(prob: ZlyProblem, W0: readonly Float64Array[]): number[] {
  if (layers(prob.dims) < 2) throw new Error('ZLY needs N ≥ 2 layers');
  return descentWeights(conditionsInput(prob, W0), prob.beta, prob.lambda).xi;
}

/** Everything `lagrangelab conditions zly` shows for one problem and initialization. */
export interface ConditionsReport {
  input: ConditionsInput;
  /** The smallest β, λ for (42)–(45), all of (42)–(47) checked there, and a of (96) there. */
  strong: { smallest: SmallestParameters; checks: ConditionCheck[]; descent: DescentWeights };
  /** The smallest β, λ for (77)–(80), all of (77)–(81) checked there. */
  weak: { smallest: SmallestParameters; checks: ConditionCheck[] };
  /** The problem's own β, λ: which conditions they meet. */
  given: { beta: number[]; lambda: number; constants: ZlyConstants; strong: ConditionCheck[]; weak: ConditionCheck[] };
}

/** The conditions of Theorem 3 and Lemma 4 for `prob` started at W⁰ by (7). */
export function conditionsReport(prob: ZlyProblem, W0: readonly Float64Array[]): ConditionsReport {
  const input = conditionsInput(prob, W0);
  const strong = smallestParameters(input, 'strong'), weak = smallestParameters(input, 'weak');
  const atGiven = checkConditions(input, prob.beta, prob.lambda);
  return {
    input,
    strong: { smallest: strong, checks: checkConditions(input, strong.beta, strong.lambda).strong, descent: descentWeights(input, strong.beta, strong.lambda) },
    weak: { smallest: weak, checks: checkConditions(input, weak.beta, weak.lambda).weak },
    given: { beta: [...prob.beta], lambda: prob.lambda, constants: atGiven.constants, strong: atGiven.strong, weak: atGiven.weak },
  };
}
