/**
 * What the TKS claim files share: the source shorthand, norms, the point of (8) a solver state is, and the size
 * of (8)'s terms against which a difference of them is judged.
 */
import type { ClaimSource, Hypothesis } from '../../../../engine/types.ts';
import { lossLipschitz } from '../../problem/loss.ts';
import type { Hyper, LossKind } from '../../problem/types.ts';
import { alValue, type TksPoint } from '../../theory/lagrangian.ts';

/** A TKS source: item and equation numbers (the extracted text has no line numbers). */
export const src = (item: string, equations: string[] = []): ClaimSource => ({ paper: 'TKS', item, equations });

/** ‖a‖_F. */
export function fro(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** ‖a − b‖_F² . */
export function sqDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}

/** The loss kind of a point. */
export const lossOf = (pt: TksPoint): LossKind => (pt.batch.y.kind === 'classes' ? 'cross-entropy' : 'squared');

/** H of Assumption 1 for the point's loss (the mean over M = N·B rows). */
export function hOf(pt: TksPoint): number {
  const { N, B } = pt.batch.dims;
  return lossLipschitz(lossOf(pt), N * B);
}

/** The size of (8)'s terms, R + Ω + penalties + |⟨λ, r⟩|: a difference of two values of (8) is judged against it. */
export function lagrangianScale(pt: TksPoint): number {
  const v = alValue(pt);
  return Math.abs(v.R) + v.omega + v.penalty + v.augmented + Math.abs(v.multiplier);
}

/** Hypothesis of Theorems 1–2: ρ_i > 2H (i = 1, 2, 3). */
export function rhoOver2H<I>(hyperOf: (c: I) => Hyper, hOfCase: (c: I) => number): Hypothesis<I> {
  return {
    name: 'ρ_i > 2H (i = 1, 2, 3)',
    test: (c) => {
      const hp = hyperOf(c), H = hOfCase(c);
      const bad = (['rho1', 'rho2', 'rho3'] as const).filter((k) => !(hp[k] > 2 * H));
      return bad.length === 0 || `${bad.join(', ')} ≤ 2H = ${(2 * H).toPrecision(3)}`;
    },
  };
}
