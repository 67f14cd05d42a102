/**
 * Scoring one envelope cell: run Algorithm 1 (the paper's LLA rule) for K iterations and decide, on that run, each
 * conclusion of the theory with the cell's own constants (problem/conditions.ts):
 *
 * - descent: Lemma 1 (27), L̂(Q̂^k) ≤ L̂(Q̂^{k−1}) − a(Σ‖ΔW_i‖² + Σ‖ΔV_i‖²) at every k ≥ 2, with ξ of (91)–(94) and a of (96) > 0
 *   (a ≤ 0 fails: the lemma asserts a positive a);
 * - dual ≤ primal: (84), Σ‖ΔΛ_i‖² ≤ α Σ(‖ΔW_i‖² + ‖ΔV_i‖² + ‖ΔV_i^{k−1}‖²) with α from (87)–(89), at every k ≥ 2;
 * - bounded: Lemma 4 (32)–(34) at every iterate;
 * - rate: Theorem 3 (c) as a finite proxy, Σ_k‖∇L(Q^k)‖² levels off (the second half of the run adds at most half
 *   of the first half);
 * - KKT: Theorem 3 (b) as a finite proxy, the residual of (24) at Q^K is at most 1e-3 of its value at Q¹;
 * plus the hypotheses (42)–(47) and what the network is at the end (training MSE/var(Y) of its own forward pass,
 * ‖W_i^K‖_F). Each check uses the engine's tolerance policy (compareLe).
 */
import { compareLe } from '../../../engine/tolerance.ts';
import { DEFAULT_RTOL } from '../../../engine/tolerance.ts';
import { sqnorm } from '../../../linalg/index.ts';
import { checkConditions, conditionsInput, descentWeights } from '../problem/conditions.ts';
import { targetVariance, trainingMse } from '../problem/network.ts';
import { layers } from '../problem/types.ts';
import { ZlyAdmm } from '../solver/admm.ts';
import type { ZlyTraceRow } from '../solver/types.ts';
import { kktResidual } from '../theory/gradient.ts';
import { squaredBounds, type StepNorms } from '../claims/_internals/steps.ts';
import type { EnvelopeCell } from './cells.ts';

/** The conclusions scored per cell, in table order. */
export const CONCLUSIONS = ['descent', 'dual ≤ primal', 'bounded', 'rate', 'KKT'] as const;
/** A conclusion. */
export type Conclusion = (typeof CONCLUSIONS)[number];

/** The verdict on one conclusion in one cell. */
export interface ConclusionScore {
  holds: boolean;
  /** Why not (first failing iteration and sides), or the deciding numbers. */
  detail: string;
}

/** Everything the envelope reports about one cell. */
export interface CellScore {
  activation: string;
  N: number;
  t: number;
  lambda: number;
  beta: number[];
  /** Conditions of (42)–(47) that fail at these parameters (empty: Theorem 3 applies). */
  unmet: string[];
  /** a of (96) at these parameters. */
  a: number;
  conclusions: Record<Conclusion, ConclusionScore>;
  /** Iterations completed (< K when the run diverged). */
  iterations: number;
  diverged: string | null;
  /** Training MSE of the network's forward pass over var(Y), at Q⁰ and Q^K. */
  mseRatio0: number;
  mseRatio: number;
  /** ‖W_i^K‖_F. */
  weightNorms: number[];
}

const ctx = { rtol: DEFAULT_RTOL };
const fro = (a: Float64Array): number => Math.sqrt(sqnorm(a));

/** First failure of a per-iteration check, kept as text. */
class FirstFailure {
  detail: string | null = null;
  note(ok: boolean, what: () => string): void {
    if (!ok && this.detail === null) this.detail = what();
  }
  score(fallback: string): ConclusionScore {
    return this.detail === null ? { holds: true, detail: fallback } : { holds: false, detail: this.detail };
  }
}

const holdsLe = (lhs: number, rhs: number, scale?: number): boolean => compareLe(lhs, rhs, ctx, { scale }).status !== 'violated';

/** Run and score one cell for K iterations. */
export function scoreCell(cell: EnvelopeCell, K: number): CellScore {
  const { prob, W0 } = cell;
  const N = layers(prob.dims);
  const inp = conditionsInput(prob, W0);
  const cond = checkConditions(inp, prob.beta, prob.lambda);
  const w = descentWeights(inp, prob.beta, prob.lambda);
  const { gamma: g, C3, L3 } = cond.constants;
  const sq = squaredBounds(cond.constants, prob.beta, N);
  const alpha = (() => {
    const sums = new Map<string, number>();
    for (let i = 1; i <= N; i++) for (const [c, kind, l] of sq[i].terms) sums.set(`${kind}${l}`, (sums.get(`${kind}${l}`) ?? 0) + c);
    return Math.max(...sums.values());
  })();
  const solver = new ZlyAdmm(prob, W0, { lla: 'paper', trace: 'full', xi: w.xi });
  const descent = new FirstFailure(), dual = new FirstFailure(), bounded = new FirstFailure();
  const boundedAt = (k: number): void => {
    const q = solver.view().current;
    for (let i = 1; i <= N; i++) {
      bounded.note(holdsLe(fro(q.W[i - 1]), g), () => `‖W_${i}^${k}‖ = ${fro(q.W[i - 1]).toPrecision(3)} > γ = ${g.toPrecision(3)}`);
      bounded.note(holdsLe(fro(q.V[i - 1]), 3 * C3 * g ** (i - 1)), () => `‖V_${i}^${k}‖ > 3C3γ^${i - 1}`);
      bounded.note(holdsLe(fro(q.Lambda[i - 1]), C3 * prob.beta[i - 1] * g ** (i - 1)), () => `‖Λ_${i}^${k}‖ > C3β_${i}γ^${i - 1}`);
    }
  };
  boundedAt(0);
  const kkt1 = { v: NaN };
  let prev: ZlyTraceRow | null = null, iterations = 0;
  const grad2: number[] = [];
  for (let k = 1; k <= K; k++) {
    const row = solver.step();
    if (row === null) break;
    iterations = k;
    boundedAt(k);
    row.h.forEach((h, i) => bounded.note(holdsLe(h, 4 * L3 * C3 * g ** i), () => `h_${i + 1}^${k} > 4L3C3γ^${i}`));
    row.mu.forEach((mu, j) => bounded.note(holdsLe(mu, 4 * L3 * C3 * g ** (j + 1)), () => `μ_${j + 1}^${k} > 4L3C3γ^${j + 1}`));
    grad2.push((row.gradNorm ?? NaN) ** 2);
    if (k === 1) kkt1.v = kktResidual(prob, solver.view().current).total;
    if (prev !== null) {
      const st: StepNorms = { dW: [0, ...row.stepW], dV: [0, ...row.stepV], dVprev: [0, ...prev.stepV], dL: [0, ...row.stepLambda] };
      let dec = 0, lhs = 0, base = 0;
      for (let i = 1; i <= N; i++) {
        dec += st.dW[i] ** 2 + st.dV[i] ** 2;
        lhs += st.dL[i] ** 2;
        base += st.dW[i] ** 2 + st.dV[i] ** 2 + st.dVprev[i] ** 2;
      }
      const scale = Math.abs(prev.L) + Math.abs(row.L);
      descent.note(holdsLe(row.lyapunov, prev.lyapunov - Math.max(w.a, 0) * dec, scale), () => `(27) fails at k=${k}: L̂ ${row.lyapunov.toPrecision(6)} > ${(prev as ZlyTraceRow).lyapunov.toPrecision(6)} − a·${dec.toPrecision(3)}`);
      dual.note(holdsLe(lhs, alpha * base), () => `(84) fails at k=${k}: Σ‖ΔΛ‖² = ${lhs.toPrecision(3)} > α·${base.toPrecision(3)} (α = ${alpha.toPrecision(3)})`);
    }
    prev = row;
  }
  const diverged = iterations < K ? solver.divergence || `stopped at k=${iterations}` : null;
  if (diverged !== null) bounded.note(false, () => `the run diverged: ${diverged}`);
  const q = solver.view().current;
  const half = Math.floor(grad2.length / 2);
  const first = grad2.slice(0, half).reduce((x, y) => x + y, 0), second = grad2.slice(half).reduce((x, y) => x + y, 0);
  const kktK = kktResidual(prob, q).total;
  const varY = targetVariance(prob.dims, prob.Y);
  const rate: ConclusionScore = diverged === null && second <= 0.5 * first
    ? { holds: true, detail: `Σ‖∇L‖²: first half ${first.toExponential(2)}, second half ${second.toExponential(2)}` }
    : { holds: false, detail: `Σ‖∇L‖² not levelling off: first half ${first.toExponential(2)}, second half ${second.toExponential(2)}` };
  const kkt: ConclusionScore = diverged === null && kktK <= 1e-3 * kkt1.v
    ? { holds: true, detail: `KKT residual (24): ${kkt1.v.toExponential(2)} at k=1 → ${kktK.toExponential(2)} at k=${iterations}` }
    : { holds: false, detail: `KKT residual (24): ${kkt1.v.toExponential(2)} at k=1 → ${kktK.toExponential(2)} at k=${iterations}` };
  const descentScore = w.a > 0 ? descent.score(`a = ${w.a.toPrecision(3)}`) : { holds: false, detail: `a of (96) = ${w.a.toPrecision(3)} ≤ 0${descent.detail ? `; ${descent.detail}` : ''}` };
  return {
    activation: cell.activation, N, t: cell.t, lambda: prob.lambda, beta: [...prob.beta],
    unmet: cond.strong.filter((c) => !c.holds).map((c) => c.id), a: w.a,
    conclusions: {
      descent: descentScore,
      'dual ≤ primal': dual.score(`α = ${alpha.toPrecision(3)}`),
      bounded: bounded.score(`γ = ${g.toPrecision(3)}, C3 = ${C3.toPrecision(3)}`),
      rate, KKT: kkt,
    },
    iterations, diverged,
    mseRatio0: trainingMse(prob.dims, prob.X, prob.Y, W0, prob.activation) / varY,
    mseRatio: trainingMse(prob.dims, prob.X, prob.Y, q.W, prob.activation) / varY,
    weightNorms: q.W.map(fro),
  };
}
