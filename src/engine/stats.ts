/**
 * Per-claim statistics over many instances, and the rule that turns per-instance verdicts into one claim
 * verdict. Everything here is a pure function of a {@link Tally}, and tallies merge by addition, so a sharded
 * run merged afterwards yields exactly the statistics of one unsharded run (samples are kept sorted).
 */
import type { Verdict } from './types.ts';

/** The aggregate verdict of a claim: one of the per-instance statuses. */
export type ClaimVerdict = Verdict['status'];

/** Raw counts and samples of a claim's runs (mergeable). runs = holds + violated + unmet + inconclusive + errors. */
export interface Tally {
  runs: number;
  holds: number;
  violated: number;
  unmet: number;
  inconclusive: number;
  /** Runs the engine could not evaluate (an oracle, a hypothesis test or generation threw): engine errors. */
  errors: number;
  /** Finite observed/bound ratios of the runs that reported one, sorted ascending. */
  ratios: number[];
  /** Finite margins (bound − observed) of the runs that reported one, sorted ascending. */
  margins: number[];
}

/** Summary of a ratio distribution. */
export interface RatioSummary {
  count: number;
  max: number;
  median: number;
  p90: number;
}

/** Statistics reported per claim. */
export interface ClaimStats {
  /** Instances evaluated. */
  runs: number;
  /** Instances whose hypotheses held (runs − unmet). */
  hypothesesHeld: number;
  holds: number;
  violated: number;
  unmet: number;
  inconclusive: number;
  /** Engine errors (see attribution.ts); any fails the run. */
  errors: number;
  /**
   * One-sided 95% Clopper–Pearson upper bound on the violation rate among decided instances
   * (holds + violated; inconclusive ones decide nothing). 1 when nothing was decided.
   */
  violationRateUpper95: number;
  /** observed/bound over the runs that reported a ratio; null when none did. */
  ratio: RatioSummary | null;
  /** Smallest margin (bound − observed) seen; null when no run reported one. */
  minMargin: number | null;
}

/** A tally with no runs. */
export function emptyTally(): Tally {
  return { runs: 0, holds: 0, violated: 0, unmet: 0, inconclusive: 0, errors: 0, ratios: [], margins: [] };
}

/** Count one verdict into a tally (samples are appended; call {@link sortTally} before summarising). */
export function addVerdict(t: Tally, v: Verdict): void {
  t.runs++;
  switch (v.status) {
    case 'holds':
      t.holds++;
      break;
    case 'violated':
      t.violated++;
      break;
    case 'hypotheses-unmet':
      t.unmet++;
      return;
    case 'inconclusive':
      t.inconclusive++;
      break;
  }
  if (v.ratio !== undefined && Number.isFinite(v.ratio)) t.ratios.push(v.ratio);
  if (v.margin !== undefined && Number.isFinite(v.margin)) t.margins.push(v.margin);
}

/** Count one engine error (a run that produced no verdict) into a tally. */
export function addEngineError(t: Tally): void {
  t.runs++;
  t.errors++;
}

/** Sort a tally's samples in place (ascending); returns it. */
export function sortTally(t: Tally): Tally {
  t.ratios.sort((a, b) => a - b);
  t.margins.sort((a, b) => a - b);
  return t;
}

/** Merge tallies (sums counts, merges sorted samples). */
export function mergeTallies(...ts: Tally[]): Tally {
  const out = emptyTally();
  for (const t of ts) {
    out.runs += t.runs;
    out.holds += t.holds;
    out.violated += t.violated;
    out.unmet += t.unmet;
    out.inconclusive += t.inconclusive;
    out.errors += t.errors;
    out.ratios.push(...t.ratios);
    out.margins.push(...t.margins);
  }
  return sortTally(out);
}

/**
 * The claim verdict from its counts: violated if any run violated; holds if at least one held and none
 * violated; hypotheses-unmet if every run (at least one) had unmet hypotheses; otherwise inconclusive
 * (including zero runs: nothing was tested).
 */
export function aggregateVerdict(c: Pick<Tally, 'runs' | 'holds' | 'violated' | 'unmet'>): ClaimVerdict {
  if (c.violated > 0) return 'violated';
  if (c.holds > 0) return 'holds';
  if (c.runs > 0 && c.unmet === c.runs) return 'hypotheses-unmet';
  return 'inconclusive';
}

/** Linear-interpolation quantile (type 7) of an ascending sample; NaN for an empty sample. */
export function quantile(sorted: readonly number[], q: number): number {
  const m = sorted.length;
  if (m === 0) return NaN;
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, m - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Statistics of a tally (whose samples are sorted). */
export function summarize(t: Tally): ClaimStats {
  const decided = t.holds + t.violated;
  return {
    runs: t.runs,
    hypothesesHeld: t.runs - t.unmet,
    holds: t.holds,
    violated: t.violated,
    unmet: t.unmet,
    inconclusive: t.inconclusive,
    errors: t.errors,
    violationRateUpper95: clopperPearsonUpper(t.violated, decided, 0.95),
    ratio:
      t.ratios.length === 0
        ? null
        : { count: t.ratios.length, max: t.ratios[t.ratios.length - 1], median: quantile(t.ratios, 0.5), p90: quantile(t.ratios, 0.9) },
    minMargin: t.margins.length === 0 ? null : t.margins[0],
  };
}

/**
 * One-sided Clopper–Pearson upper confidence bound for a binomial rate with `x` failures in `n` trials: the p
 * with P(X ≤ x | n, p) = 1 − conf, i.e. the conf-quantile of Beta(x + 1, n − x). With x = 0 this is the
 * closed form 1 − (1 − conf)^{1/n} (the "rule of three" ≈ 3/n at 95%). Returns 1 for n = 0 or x = n.
 */
export function clopperPearsonUpper(x: number, n: number, conf = 0.95): number {
  if (!(n > 0) || x >= n) return 1;
  if (x <= 0) return 1 - Math.pow(1 - conf, 1 / n);
  return betaQuantile(conf, x + 1, n - x);
}

/** A two-sided confidence interval for a binomial rate: `x` events in `n` trials. */
export interface RateInterval {
  x: number;
  n: number;
  /** x / n (NaN for n = 0). */
  rate: number;
  lower: number;
  upper: number;
}

/**
 * Two-sided Clopper–Pearson ("exact") interval at confidence `conf`: lower = the (1−conf)/2 quantile of
 * Beta(x, n − x + 1) (0 when x = 0), upper = the (1+conf)/2 quantile of Beta(x + 1, n − x) (1 when x = n).
 * Covers the true rate with probability ≥ conf for every n and rate; [0, 1] when n = 0.
 */
export function clopperPearsonInterval(x: number, n: number, conf = 0.95): RateInterval {
  if (!(n > 0)) return { x, n, rate: NaN, lower: 0, upper: 1 };
  const tail = (1 - conf) / 2;
  return {
    x, n, rate: x / n,
    lower: x <= 0 ? 0 : betaQuantile(tail, x, n - x + 1),
    upper: x >= n ? 1 : betaQuantile(1 - tail, x + 1, n - x),
  };
}

/** Quantile of Beta(a, b) by bisection on the regularized incomplete beta function (monotone in p). */
export function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  // 200 halvings reach the float spacing anywhere in (0, 1); stop early once the bracket stops shrinking.
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (regularizedBeta(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Regularized incomplete beta I_x(a, b) (continued fraction, modified Lentz; Numerical Recipes §6.4). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  // The fraction converges fast for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  const zz = z - 1;
  let x = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) x += LANCZOS[i] / (zz + i + 1);
  const t = zz + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(x);
}

// ---------------------------------------------------------------------------------------------------------
// Inconclusive budgets

/**
 * THE rule for inconclusive runs, next to the tolerance policy (tolerance.ts) that produces them.
 *
 * A claim declares the rate p of runs it may leave inconclusive (`InconclusiveBudget`, default 0): the share of
 * its instances on which no verdict is possible for a documented reason (an iteration cap reached before the
 * bound, values inside the float band). Over n runs whose hypotheses held (and that the engine could evaluate),
 * the inconclusive count X of a claim whose true rate is ≤ p is stochastically ≤ Binomial(n, p). The run FAILS
 * when X > Q, Q = the {@link INCONCLUSIVE_QUANTILE} (99.9%) quantile of Binomial(n, p):
 *
 * - false alarms: a claim running at its declared rate fails with probability ≤ 0.1% per claim and seed (the
 *   ~45 WZC claims together: ≤ 4.5% for a fresh seed, and budgets are set above the measured rates, which makes
 *   it far smaller); the default seed is deterministic, so CI either passes or fails for good;
 * - power: an excess of a few standard deviations √(np(1−p)) is caught; with p = 0 (the default), Q = 0 and one
 *   inconclusive run fails — the planted bug that made 40% of deep runs throw would have been caught either way;
 * - sharding and merging: the rule is applied to whatever counts a report holds, so a merged report decides on
 *   the whole run (a single shard decides on its range, at the same per-report false-alarm rate).
 *
 * Quantile over a bound on X rather than a confidence bound on p: it needs no choice of n-dependent slack, is
 * exact for every n, and reads as "more inconclusive runs than the declared rate can explain".
 */
export const INCONCLUSIVE_QUANTILE = 0.999;

/**
 * The q-quantile of Binomial(n, p): the least k with P(X ≤ k) ≥ q. P(X ≤ k) = I_{1−p}(n − k, k + 1) (the
 * regularized incomplete beta), monotone in k, so k is found by bisection. 0 for p ≤ 0, n for p ≥ 1.
 */
export function binomialQuantile(n: number, p: number, q: number): number {
  if (!(n > 0) || !(p > 0)) return 0;
  if (p >= 1) return n;
  const cdf = (k: number): number => (k >= n ? 1 : regularizedBeta(1 - p, n - k, k + 1));
  let lo = 0;
  let hi = n;
  if (cdf(0) >= q) return 0;
  // invariant: cdf(lo) < q ≤ cdf(hi)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (cdf(mid) >= q) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Runs that could have decided the claim: hypotheses held and the engine evaluated them (holds + violated + inconclusive). */
export function decidableRuns(t: Pick<Tally, 'holds' | 'violated' | 'inconclusive'>): number {
  return t.holds + t.violated + t.inconclusive;
}

/** Most inconclusive runs a claim with tolerated rate `rate` may leave out of `n` decidable runs (see {@link INCONCLUSIVE_QUANTILE}). */
export function inconclusiveLimit(n: number, rate: number): number {
  return binomialQuantile(n, rate, INCONCLUSIVE_QUANTILE);
}

/** The inconclusive verdict of a tally against a tolerated rate. */
export interface InconclusiveCheck {
  /** Tolerated rate. */
  rate: number;
  /** Decidable runs (see {@link decidableRuns}). */
  n: number;
  /** Most inconclusive runs tolerated at n. */
  limit: number;
  /** inconclusive > limit: the claim run fails. */
  exceeded: boolean;
}

/** Judge a tally's inconclusive count against a tolerated rate. */
export function checkInconclusive(t: Pick<Tally, 'holds' | 'violated' | 'inconclusive'>, rate: number): InconclusiveCheck {
  const n = decidableRuns(t);
  const limit = inconclusiveLimit(n, rate);
  return { rate, n, limit, exceeded: t.inconclusive > limit };
}
