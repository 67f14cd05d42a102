/**
 * The two-sample Kolmogorov–Smirnov test, used by `lagrangelab compare` to say whether a claim's distribution
 * of observed/bound ratios moved between two runs. Distribution-free (no assumption on the ratios' shape),
 * sensitive to shifts of location and of spread, and computable from the sorted samples report.json keeps.
 */

/** The outcome of {@link ksTwoSample}. */
export interface KsResult {
  /** D = sup_x |F_a(x) − F_b(x)|, the largest gap between the two empirical distribution functions. */
  d: number;
  /** Asymptotic two-sided p-value Q_KS(√(n_a n_b / (n_a + n_b)) · D). */
  p: number;
  na: number;
  nb: number;
}

/**
 * Kolmogorov's limiting survival function Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²} = P(√n D_n > λ), the
 * distribution scipy calls `kstwobign`. For small λ the series converges slowly, so there the equivalent
 * theta-function form 1 − (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)} is summed instead.
 */
export function kolmogorovQ(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1) {
    const k = -(Math.PI * Math.PI) / (8 * lambda * lambda);
    let s = 0;
    for (let j = 1; j <= 20; j++) s += Math.exp(k * (2 * j - 1) * (2 * j - 1));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * s));
  }
  let s = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    s += j % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/**
 * Two-sample KS test of two ascending samples (ties allowed: both empirical functions step past a shared value
 * together). The p-value is the asymptotic one (scipy's `ks_2samp(..., method='asymp')`): adequate once
 * n_a n_b / (n_a + n_b) ≳ 4 and conservative with ties; callers skip smaller samples.
 */
export function ksTwoSample(a: readonly number[], b: readonly number[]): KsResult {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return { d: 0, p: 1, na, nb };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < na && j < nb) {
    const x = Math.min(a[i], b[j]);
    while (i < na && a[i] <= x) i++;
    while (j < nb && b[j] <= x) j++;
    d = Math.max(d, Math.abs(i / na - j / nb));
  }
  const ne = (na * nb) / (na + nb);
  return { d, p: kolmogorovQ(Math.sqrt(ne) * d), na, nb };
}
