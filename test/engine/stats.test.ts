import { describe, it, expect } from 'vitest';
import {
  addEngineError, addVerdict, aggregateVerdict, binomialQuantile, checkInconclusive, clopperPearsonInterval, clopperPearsonUpper, emptyTally,
  INCONCLUSIVE_QUANTILE, inconclusiveLimit, lnGamma, mergeTallies, quantile, regularizedBeta, sortTally, summarize,
} from '../../src/engine/stats.ts';

describe('Clopper–Pearson upper bound (one-sided 95%)', () => {
  // Reference values: scipy.stats.beta.ppf(0.95, x + 1, n − x).
  it.each([
    [1, 10, 0.39416330243650466],
    [5, 10, 0.7775588989918706],
    [3, 100, 0.07571079374983004],
  ])('x=%i, n=%i', (x, n, want) => {
    expect(Math.abs(clopperPearsonUpper(x, n) - want)).toBeLessThan(1e-12);
  });
  it('zero failures: 1 − 0.05^(1/n)', () => {
    expect(clopperPearsonUpper(0, 10)).toBeCloseTo(0.2588655508, 9);
    expect(Math.abs(clopperPearsonUpper(0, 1000) - 0.002991249545095295)).toBeLessThan(1e-15);
    // The closed form agrees with the Beta quantile route.
    expect(regularizedBeta(clopperPearsonUpper(0, 30), 1, 30)).toBeCloseTo(0.95, 12);
  });
  it('degenerate cases', () => {
    expect(clopperPearsonUpper(0, 0)).toBe(1);
    expect(clopperPearsonUpper(7, 7)).toBe(1);
  });
});

describe('Clopper–Pearson interval (two-sided 95%)', () => {
  // Reference values: scipy.stats.beta.ppf(0.025, x, n − x + 1) and beta.ppf(0.975, x + 1, n − x).
  it.each([
    [0, 10, 0, 0.3084971078187607],
    [3, 10, 0.06673951117773447, 0.6524528500599973],
    [10, 10, 0.6915028921812392, 1],
    [5, 200, 0.008166166190842513, 0.05737435112684586],
    [0, 600, 0, 0.006129271330669258],
  ])('x=%i, n=%i', (x, n, lo, hi) => {
    const r = clopperPearsonInterval(x, n);
    expect(Math.abs(r.lower - lo)).toBeLessThan(1e-12);
    expect(Math.abs(r.upper - hi)).toBeLessThan(1e-12);
    expect(r.rate).toBe(x / n);
  });
  it('no trials: the whole of [0, 1]', () => {
    const r = clopperPearsonInterval(0, 0);
    expect([r.lower, r.upper, Number.isNaN(r.rate)]).toEqual([0, 1, true]);
  });
});

describe('special functions', () => {
  it('lnGamma and the incomplete beta', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(regularizedBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 4); // 1 − Σ… closed form for integer a,b
    expect(regularizedBeta(0.3, 2, 3) + regularizedBeta(0.7, 3, 2)).toBeCloseTo(1, 14);
  });
});

describe('tallies and summaries', () => {
  it('quantiles interpolate linearly', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.9)).toBe(9);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
  it('summarize counts, ratios, margins and the bound over decided runs', () => {
    const t = emptyTally();
    addVerdict(t, { status: 'holds', margin: 2, ratio: 0.5 });
    addVerdict(t, { status: 'holds', margin: 1, ratio: 0.9 });
    addVerdict(t, { status: 'violated', margin: -1, ratio: 1.5, detail: 'x' });
    addVerdict(t, { status: 'hypotheses-unmet', unmet: ['h'] });
    addVerdict(t, { status: 'inconclusive', detail: 'y', ratio: Infinity });
    const s = summarize(sortTally(t));
    expect(s).toMatchObject({ runs: 5, hypothesesHeld: 4, holds: 2, violated: 1, unmet: 1, inconclusive: 1, minMargin: -1 });
    expect(s.ratio).toEqual({ count: 3, max: 1.5, median: 0.9, p90: 0.9 + 0.8 * 0.6 });
    expect(s.violationRateUpper95).toBeCloseTo(clopperPearsonUpper(1, 3), 15);
  });
  it('aggregate verdict rule', () => {
    expect(aggregateVerdict({ runs: 3, holds: 2, violated: 1, unmet: 0 })).toBe('violated');
    expect(aggregateVerdict({ runs: 3, holds: 1, violated: 0, unmet: 1 })).toBe('holds');
    expect(aggregateVerdict({ runs: 3, holds: 0, violated: 0, unmet: 3 })).toBe('hypotheses-unmet');
    expect(aggregateVerdict({ runs: 3, holds: 0, violated: 0, unmet: 2 })).toBe('inconclusive');
    expect(aggregateVerdict({ runs: 0, holds: 0, violated: 0, unmet: 0 })).toBe('inconclusive');
  });
  it('merging tallies equals tallying everything at once', () => {
    const vs = [0.3, 0.1, 0.9, 0.5, 0.7, 0.2].map((r) => ({ status: 'holds' as const, ratio: r, margin: 1 - r }));
    const all = emptyTally();
    const a = emptyTally();
    const b = emptyTally();
    vs.forEach((v, i) => {
      addVerdict(all, v);
      addVerdict(i < 2 ? a : b, v);
    });
    expect(mergeTallies(sortTally(a), sortTally(b))).toEqual(sortTally(all));
  });
});

describe('binomial quantile and the inconclusive rule', () => {
  /** P(X ≤ k) for X ~ Binomial(n, p), summed exactly in log space. */
  function cdf(n: number, p: number, k: number): number {
    let s = 0;
    for (let i = 0; i <= k; i++) s += Math.exp(lnGamma(n + 1) - lnGamma(i + 1) - lnGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p));
    return s;
  }

  it('is the least k with P(X ≤ k) ≥ q, against a direct sum', () => {
    for (const n of [1, 5, 40, 200, 1000]) {
      for (const p of [0.001, 0.01, 0.1, 0.35, 0.5, 0.9]) {
        for (const q of [0.5, 0.95, 0.999]) {
          const k = binomialQuantile(n, p, q);
          expect(cdf(n, p, k), `n=${n} p=${p} q=${q} k=${k}`).toBeGreaterThanOrEqual(q - 1e-9);
          if (k > 0) expect(cdf(n, p, k - 1), `n=${n} p=${p} q=${q} k=${k}`).toBeLessThan(q + 1e-9);
        }
      }
    }
    expect(binomialQuantile(100, 0, 0.999)).toBe(0);
    expect(binomialQuantile(0, 0.5, 0.999)).toBe(0);
    expect(binomialQuantile(7, 1, 0.999)).toBe(7);
  });

  it('inconclusiveLimit: rate 0 tolerates none; a run at its declared rate rarely exceeds the limit', () => {
    expect(inconclusiveLimit(1000, 0)).toBe(0);
    expect(INCONCLUSIVE_QUANTILE).toBe(0.999);
    // 200 runs at rate 0.5: mean 100, sd ≈ 7.1; the 99.9% quantile is ≈ mean + 3.1 sd
    expect(inconclusiveLimit(200, 0.5)).toBeGreaterThanOrEqual(120);
    expect(inconclusiveLimit(200, 0.5)).toBeLessThanOrEqual(123);
    expect(checkInconclusive({ holds: 80, violated: 0, inconclusive: 120 }, 0.5)).toMatchObject({ n: 200, exceeded: false });
    expect(checkInconclusive({ holds: 60, violated: 0, inconclusive: 140 }, 0.5)).toMatchObject({ n: 200, exceeded: true });
  });

  it('counts engine errors apart from verdicts, and merges them', () => {
    const t = emptyTally();
    addEngineError(t);
    addVerdict(t, { status: 'holds' });
    expect(t).toMatchObject({ runs: 2, errors: 1, holds: 1 });
    expect(mergeTallies(t, t)).toMatchObject({ runs: 4, errors: 2, holds: 2 });
    expect(summarize(t).errors).toBe(1);
  });
});
