/**
 * The two checks every block item makes, on one point of (8):
 *
 * - corrected (the solver's update Y of block X): Y minimizes the block's model of (8) (theory/models.ts) —
 *   ‖∇m(Y)‖ ≤ rtol·S with S = ‖∇m(X^k)‖ + ‖∂_X(8) at Y‖ (the terms the gradient is a difference of), and no
 *   perturbation Y + εz (ε ∈ {1e-4, 1e-2, 1}, three seeded directions each) lowers m — and the step does not
 *   raise (8): L(Y) ≤ L(X^k), judged against the size of (8)'s terms;
 * - printed (a formula of the paper evaluated literally, theory/printed.ts): the step does not raise (8).
 */
import { gaussian, mulberry32 } from '../../../../core/rng.ts';
import { oracle } from '../../../../engine/attribution.ts';
import { claimGroup } from '../../../../engine/claimGroup.ts';
import { compareGe, compareLe, worstVerdict } from '../../../../engine/tolerance.ts';
import type { CheckContext, ClaimSource, Erratum, RegisteredClaim, Verdict } from '../../../../engine/types.ts';
import type { BlockName } from '../../solver/iteration.ts';
import { alGradient, alValue, type TksPoint } from '../../theory/lagrangian.ts';
import { blockModel, blockModelGradient, blockOf, withBlock } from '../../theory/models.ts';
import { fro, lagrangianScale } from './common.ts';
import { points } from './families.ts';
import { buildPoint, type PointSpec } from './points.ts';
import { solverBlock } from './runs.ts';

const onPoints = claimGroup<PointSpec>({ family: points, hypotheses: [], tags: ['per-block', 'solver'] });

/** "The step from X^k to Y does not raise (8)". */
export function descentVerdict(pt: TksPoint, next: TksPoint, ctx: Pick<CheckContext, 'rtol'>, what: string): Verdict {
  const L0 = oracle(() => alValue(pt).L, 'alValue'), L1 = oracle(() => alValue(next).L, 'alValue');
  return compareLe(L1, L0, ctx, { scale: lagrangianScale(pt), what: `${what}: L(X^{k+1}) ≤ L(X^k)` });
}

/** "Y minimizes the model of block X around the point" (first order and perturbations). */
export function modelVerdict(pt: TksPoint, X: BlockName, Y: Float64Array, ctx: Pick<CheckContext, 'rtol'>): Verdict {
  const Xk = blockOf(pt, X);
  const g = oracle(() => blockModelGradient(pt, X, Y), 'blockModelGradient');
  const S = oracle(() => fro(blockModelGradient(pt, X, Xk)) + fro(alGradient(withBlock(pt, X, Y))[X]), 'alGradient');
  const out: Verdict[] = [compareLe(fro(g), 0, ctx, { scale: S, what: `${X}-step: ‖∇m(Y)‖ (scale ${S.toPrecision(3)})` })];
  const mY = oracle(() => blockModel(pt, X, Y), 'blockModel');
  const scale = Math.abs(mY) + lagrangianScale(pt);
  const z = gaussian(mulberry32(Y.length * 7919 + X.charCodeAt(0)));
  for (const eps of [1e-4, 1e-2, 1]) {
    for (let rep = 0; rep < 3; rep++) {
      const Z = Y.map((y) => y + eps * z() * (1 + Math.abs(y)));
      out.push(compareGe(oracle(() => blockModel(pt, X, Z), 'blockModel'), mY, ctx, { scale, what: `${X}-step: m(Y + ${eps}·z) ≥ m(Y)` }));
    }
  }
  return worstVerdict(out);
}

/** Item-specific parts of a block's claims. */
export interface BlockItem {
  X: BlockName;
  /** Item part of the ids, e.g. `eq10`, `eq13-14`. */
  item: string;
  source: ClaimSource;
}

/** The corrected claim of a block item: the solver's update minimizes its model and does not raise (8). */
export function correctedBlockClaim(b: BlockItem, statement: string, corrects: string | undefined, extra?: (pt: TksPoint, next: TksPoint, ctx: CheckContext) => Verdict): RegisteredClaim {
  return onPoints({
    id: `tks.${b.item}.${b.X}${corrects ? '.corrected' : ''}`,
    source: b.source,
    statement,
    method:
      `Draws a point of (8) (tks.point: free ν, ρ_i, r, ω, noisy states, random multipliers), runs the solver's ${b.X}-step on it and `
      + `checks that the update minimizes the ${b.X}-block's model of (8) (theory/models.ts): ‖∇m(Y)‖ ≤ rtol·S, S the size of the terms `
      + 'of the gradient, and no perturbation Y + εz (ε = 1e-4, 1e-2, 1) lowers m; and that (8) itself, recomputed by the oracle '
      + `(theory/lagrangian.ts), does not increase (compareLe against the size of (8)'s terms)${extra ? '; plus the item\'s own identity (see its header)' : ''}.`,
    kind: 'closed-form',
    ...(corrects ? { corrects } : {}),
    runs: { ci: 25 },
    check: (s, ctx) => {
      const pt = buildPoint(s);
      const next = solverBlock(pt, b.X, ctx.faults);
      const vs = [modelVerdict(pt, b.X, blockOf(next, b.X), ctx), descentVerdict(pt, next, ctx, `${b.X}-step`)];
      if (extra) vs.push(extra(pt, next, ctx));
      return worstVerdict(vs);
    },
  });
}

/** The literal claim of a block item: the printed update does not raise (8). Null from `printed`: no minimizer exists. */
export function printedBlockClaim(b: BlockItem, statement: string, erratum: string, printed: (pt: TksPoint) => Float64Array | null): RegisteredClaim {
  return onPoints({
    id: `tks.${b.item}.${b.X}`,
    source: b.source,
    statement,
    method:
      `Draws a point of (8) (tks.point), evaluates the printed ${b.X}-update literally (theory/printed.ts) and recomputes (8) before and `
      + 'after it with the oracle (theory/lagrangian.ts): a step of ADMM on (8) must not raise it (compareLe against the size of (8)\'s '
      + 'terms); a printed subproblem without a minimizer is violated.',
    kind: 'closed-form',
    expected: { status: 'refuted', erratum },
    tags: ['per-block', 'literal'],
    runs: { ci: 25 },
    check: (s, ctx) => {
      const pt = buildPoint(s);
      const Y = oracle(() => printed(pt), `printed ${b.X}`);
      if (Y === null) return { status: 'violated', detail: `printed ${b.X}-subproblem is min R(o) alone, which has no minimizer for softmax cross-entropy (R > 0 = inf R)` };
      return descentVerdict(pt, withBlock(pt, b.X, Y), ctx, `printed ${b.X}-step`);
    },
  });
}

/** An erratum of a printed block update. */
export function blockErratum(id: string, b: BlockItem, says: string, corrected: string, solverImpact: string): Erratum {
  return {
    id, claim: `tks.${b.item}.${b.X}`, says, corrected, solverImpact,
    fixture: `fixtures/counterexamples/tks/tks.${b.item}.${b.X}.json`,
    correctedClaims: [`tks.${b.item}.${b.X}.corrected`],
  };
}
