/**
 * THE tolerance policy of the claims engine, in one place. Every numerical comparison a claim makes should go
 * through {@link compareLe}, {@link compareEq} or {@link compareEqArrays}, so that "holds", "violated" and
 * "inconclusive" mean the same thing for every claim of every paper.
 *
 * Tolerances are relative to the size of the numbers compared: `scale = max(1, |a|, |b|, opts.scale)`. The
 * floor of 1 keeps the test absolute near zero (a relative test against 0 would demand exact zeros).
 *
 * Two numbers define the policy:
 *
 * - `rtol` (default {@link DEFAULT_RTOL} = 1e-9) is the pass tolerance. Float64 has unit roundoff
 *   ε = 2.2e-16; a quantity computed by a chain of k floating-point operations on data of condition κ carries a
 *   relative error up to about k·κ·ε. The claims' instances are small (dimensions ≤ ~200, so dot products and
 *   Cholesky solves accumulate k ≲ 10³–10⁴ roundings) and their linear systems are mildly conditioned
 *   (κ ≲ 10²–10³ after the proximal/penalty regularisation), so k·κ·ε ≲ 10⁷·2.2e-16 ≈ 2e-9. rtol = 1e-9 covers
 *   the typical case with room, and is still six orders above anything a real modelling error produces (a
 *   wrong sign, a missing factor 2, a stale block: those move values by O(1) relative amounts).
 * - `band = BAND_FACTOR · rtol · scale` with {@link BAND_FACTOR} = 1e3, i.e. 1e-6 relative. Results of
 *   iterative procedures (inner BCD loops stopped at a tolerance, ill-conditioned solves with κ up to ~10⁶)
 *   can legitimately be off by more than rtol. A value past the pass tolerance but within the band is therefore
 *   `inconclusive`, not `violated`: the engine refuses to call a 1e-8 relative excess a counterexample. Past
 *   the band, no rounding explanation is plausible and the verdict is `violated`.
 *
 * Inequality `lhs ≤ rhs` (bound claims):
 *   - holds        when lhs ≤ rhs + rtol·scale;
 *   - inconclusive when rhs + rtol·scale < lhs ≤ rhs + band;
 *   - violated     when lhs > rhs + band.
 *   A holding value inside [rhs − band, rhs + rtol·scale] is a *tight* hold: the verdict stays `holds` (bounds
 *   attained with equality are common and must not turn a true claim inconclusive) but carries
 *   `note: 'tight'`. Claims that must not count tight values as evidence pass `{ tightIsInconclusive: true }`
 *   and get the symmetric band [rhs − band, rhs + band] → `inconclusive`.
 *
 * Identity `a = b`: holds when |a − b| ≤ rtol·scale, inconclusive up to band, violated beyond.
 *
 * Non-finite values: NaN anywhere is `inconclusive` (the computation broke; that refutes nothing). For
 * inequalities, lhs = −∞ or rhs = +∞ holds trivially; any other infinity is `inconclusive`.
 *
 * Margins and ratios (see {@link Verdict}): for `lhs ≤ rhs`, margin = rhs − lhs and ratio = lhs/rhs (only when
 * rhs > 0, where "observed/bound" means something). For identities, margin = rtol·scale − |a − b| and
 * ratio = |a − b| / (rtol·scale), so ratio ≤ 1 iff the identity holds and the statistics show how close to the
 * tolerance the worst instance came.
 */
import type { CheckContext, Verdict } from './types.ts';

/** Default pass tolerance (relative). See the module documentation for the derivation. */
export const DEFAULT_RTOL = 1e-9;

/** The inconclusive band is this many pass tolerances wide. */
export const BAND_FACTOR = 1e3;

/** Float64 unit roundoff, 2^−52. */
export const FLOAT64_EPS = 2.220446049250313e-16;

/** The part of a {@link CheckContext} the comparisons need. */
export type TolContext = Pick<CheckContext, 'rtol'>;

/** Options of a comparison. */
export interface CompareOptions {
  /** Extra magnitude for the relative scale (e.g. ‖x‖ when comparing one entry of x). */
  scale?: number;
  /** Label for details, e.g. `L(s^{k,j}) ≤ L(s^{k,j−1}) at k=3, j=2`. */
  what?: string;
  /** Treat holding values within the band as inconclusive (symmetric band). */
  tightIsInconclusive?: boolean;
  /** Override the band factor for this comparison (e.g. claims about iterative solvers' outputs). */
  bandFactor?: number;
}

/** The tolerance scale `max(1, |values|…, extra)`. */
export function toleranceScale(values: readonly number[], extra = 0): number {
  let s = Math.max(1, Math.abs(extra));
  for (const v of values) if (Number.isFinite(v)) s = Math.max(s, Math.abs(v));
  return s;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(6) : String(x));

/** Decide `lhs ≤ rhs` under the tolerance policy. */
export function compareLe(lhs: number, rhs: number, ctx: TolContext, opts: CompareOptions = {}): Verdict {
  const what = opts.what ?? 'lhs ≤ rhs';
  if (Number.isNaN(lhs) || Number.isNaN(rhs)) {
    return { status: 'inconclusive', detail: `${what}: non-finite value (lhs=${fmt(lhs)}, rhs=${fmt(rhs)})` };
  }
  if (lhs === -Infinity || rhs === Infinity) return { status: 'holds', note: 'trivial (infinite side)' };
  if (!Number.isFinite(lhs) || !Number.isFinite(rhs)) {
    return { status: 'inconclusive', detail: `${what}: non-finite value (lhs=${fmt(lhs)}, rhs=${fmt(rhs)})` };
  }
  const scale = toleranceScale([lhs, rhs], opts.scale);
  const tol = ctx.rtol * scale;
  const band = (opts.bandFactor ?? BAND_FACTOR) * tol;
  const margin = rhs - lhs;
  const ratio = rhs > 0 ? lhs / rhs : undefined;
  const withRatio = <T extends object>(v: T): T => (ratio === undefined ? v : { ...v, ratio });
  if (margin < -band) {
    return withRatio({
      status: 'violated' as const,
      margin,
      detail: `${what}: ${fmt(lhs)} > ${fmt(rhs)} (excess ${fmt(-margin)}, band ${fmt(band)})`,
    });
  }
  if (margin < -tol || (opts.tightIsInconclusive === true && margin < band)) {
    return withRatio({
      status: 'inconclusive' as const,
      margin,
      detail: `${what}: ${fmt(lhs)} vs ${fmt(rhs)} within the float band (margin ${fmt(margin)}, band ${fmt(band)})`,
    });
  }
  return margin < band ? withRatio({ status: 'holds' as const, margin, note: 'tight' }) : withRatio({ status: 'holds' as const, margin });
}

/** Decide `lhs ≥ rhs` (as `rhs ≤ lhs`; margin = lhs − rhs, ratio = rhs/lhs). */
export function compareGe(lhs: number, rhs: number, ctx: TolContext, opts: CompareOptions = {}): Verdict {
  return compareLe(rhs, lhs, ctx, { ...opts, what: opts.what ?? 'lhs ≥ rhs' });
}

/**
 * Decide "the matrix is nonsingular" from its relative smallest singular value ρ = σ_min/σ_max ∈ [0, 1].
 * ρ is already scale-free, so the absolute floor of {@link toleranceScale} must not apply (a comparison
 * ρ ≥ 1e-10 with slack rtol·max(1, …) = 1e-9 could never fail). Policy:
 *   - holds        when ρ > rtol (1e-9): well clear of rank deficiency for the small matrices claims use;
 *   - violated     when ρ ≤ 1e3·ε ≈ 2.2e-13: σ_min is at the roundoff level of an SVD of a well-scaled matrix of
 *                  dimension ≲ 10³ (backward error ≈ dimension·ε·σ_max), i.e. numerically singular;
 *   - inconclusive in between.
 */
export function compareNonsingular(rho: number, ctx: TolContext, opts: Pick<CompareOptions, 'what'> = {}): Verdict {
  const what = opts.what ?? 'σ_min/σ_max > 0';
  if (!Number.isFinite(rho)) return { status: 'inconclusive', detail: `${what}: non-finite ratio ${fmt(rho)}` };
  const singular = 1e3 * FLOAT64_EPS;
  if (rho > ctx.rtol) return { status: 'holds', margin: rho - ctx.rtol, ratio: ctx.rtol / rho };
  if (rho <= singular) return { status: 'violated', margin: rho - ctx.rtol, detail: `${what}: σ_min/σ_max = ${fmt(rho)} ≤ ${fmt(singular)} (numerically singular)` };
  return { status: 'inconclusive', margin: rho - ctx.rtol, detail: `${what}: σ_min/σ_max = ${fmt(rho)} between ${fmt(singular)} and ${fmt(ctx.rtol)}` };
}

/** Decide the identity `a = b` under the tolerance policy. */
export function compareEq(a: number, b: number, ctx: TolContext, opts: CompareOptions = {}): Verdict {
  const what = opts.what ?? 'a = b';
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    if (a === b) return { status: 'holds', note: 'equal infinities' };
    return { status: 'inconclusive', detail: `${what}: non-finite value (a=${fmt(a)}, b=${fmt(b)})` };
  }
  return decideDiff(Math.abs(a - b), toleranceScale([a, b], opts.scale), ctx, opts, `${fmt(a)} vs ${fmt(b)}`);
}

/**
 * Decide the identity `a = b` entrywise for arrays: max_i |a_i − b_i| against rtol·max(1, ‖a‖∞, ‖b‖∞) (the
 * same rule as test/helpers `expectClose`). Lengths must agree (a mismatch is a violation: the shapes differ).
 */
export function compareEqArrays(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  ctx: TolContext,
  opts: CompareOptions = {},
): Verdict {
  const what = opts.what ?? 'a = b';
  if (a.length !== b.length) return { status: 'violated', detail: `${what}: lengths ${a.length} ≠ ${b.length}` };
  let worst = 0;
  let at = -1;
  let scale = Math.max(1, Math.abs(opts.scale ?? 0));
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      return { status: 'inconclusive', detail: `${what}: non-finite entry ${i} (${fmt(x)} vs ${fmt(y)})` };
    }
    scale = Math.max(scale, Math.abs(x), Math.abs(y));
    const d = Math.abs(x - y);
    if (d > worst) {
      worst = d;
      at = i;
    }
  }
  const where = at < 0 ? 'all entries equal' : `entry ${at}: ${fmt(a[at])} vs ${fmt(b[at])}`;
  return decideDiff(worst, scale, ctx, opts, where);
}

function decideDiff(diff: number, scale: number, ctx: TolContext, opts: CompareOptions, where: string): Verdict {
  const what = opts.what ?? 'a = b';
  const tol = ctx.rtol * scale;
  const band = (opts.bandFactor ?? BAND_FACTOR) * tol;
  const margin = tol - diff;
  const ratio = diff / tol;
  if (diff > band) return { status: 'violated', margin, ratio, detail: `${what}: ${where} (|d|=${fmt(diff)}, band ${fmt(band)})` };
  if (diff > tol) return { status: 'inconclusive', margin, ratio, detail: `${what}: ${where} within the float band (|d|=${fmt(diff)}, tol ${fmt(tol)})` };
  return { status: 'holds', margin, ratio };
}

const SEVERITY: Record<Verdict['status'], number> = { violated: 3, inconclusive: 2, 'hypotheses-unmet': 1, holds: 0 };

/**
 * Combine the verdicts of several sub-checks of one instance (e.g. one inequality per iteration of a
 * per-iteration claim) into the worst one: violated > inconclusive > hypotheses-unmet > holds. Among holds,
 * the one with the smallest margin wins (so the instance's margin/ratio describe its tightest sub-check).
 * The details of the first violation/inconclusive are kept. An empty list holds vacuously.
 */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  let worst: Verdict = { status: 'holds', note: 'vacuous (no sub-checks)' };
  let first = true;
  for (const v of verdicts) {
    if (first) {
      worst = v;
      first = false;
      continue;
    }
    const d = SEVERITY[v.status] - SEVERITY[worst.status];
    if (d > 0) worst = v;
    else if (d === 0 && v.status === 'holds' && worst.status === 'holds') {
      if ((v.margin ?? Infinity) < (worst.margin ?? Infinity)) worst = v;
    }
  }
  return worst;
}
