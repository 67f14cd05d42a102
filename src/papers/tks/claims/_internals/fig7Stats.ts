/**
 * The decision rule of TKS Fig. 7's stability claim, shared by the ledger claim (claims/fig7.ts, a tiny run) and
 * `lagrangelab reproduce tks-fig7` (experiments/fig7.ts): the cells of a run (ADMMiRNN and each baseline at each
 * learning rate from the same initializations), the learning rate each baseline is compared at, and the verdict.
 *
 * The statistic: the standard deviation over the initializations of the final held-out loss, compared by a
 * one-sided F test. A method that does not move has zero spread, so the comparison only means something when
 * ADMMiRNN trains: when its mean final held-out loss is not below the unigram entropy of the text (what character
 * frequencies alone give), the verdict is `vacuous`; and a baseline that has not trained cannot refute.
 */
import type { CellResult, SummaryVerdict } from '../../../../engine/experiments/types.ts';
import { betaQuantile } from '../../../../engine/stats.ts';
import { FIG7_METHODS, type Fig7Method, type Fig7RunResult } from './fig7Runs.ts';
import type { TextSetup } from './textRuns.ts';

/** Inputs of one cell: one method from one initialization. */
export interface Fig7Inputs {
  method: Fig7Method;
  seed: number;
  epochs: number;
  setup: TextSetup;
  /** A baseline's learning rate as a multiple of Keras' default (1 for ADMMiRNN, which has none). */
  lrFactor: number;
}

/** Initializations per method (the paper's "repeat each scheme ten times"). */
export const FIG7_INITS = 10;

/**
 * The baselines' learning-rate grid, as multiples of Keras' defaults (SGD 0.01, Adam and RMSProp 0.001): the paper
 * names none, and at the defaults the scaled run leaves Adam and RMSProp on the plateau at the unigram level.
 * Each baseline is compared at the factor with the lowest mean final held-out loss (WZC §5.4's selection rule).
 */
export const FIG7_LR_FACTORS: readonly number[] = [1, 10];

/** The cells of a Fig. 7 run: ADMMiRNN and each baseline at each learning-rate factor, from initializations seed … seed + inits − 1. */
export function fig7Cells(setup: TextSetup, epochs: number, seed: number, inits = FIG7_INITS, factors = FIG7_LR_FACTORS): { id: string; inputs: Fig7Inputs }[] {
  const seeds = Array.from({ length: inits }, (_, i) => seed + i);
  return FIG7_METHODS.flatMap((method) => (method === 'admmirnn' ? [1] : factors).flatMap((lrFactor) => seeds.map((s) => ({
    id: method === 'admmirnn' ? `admmirnn-init${s}` : `${method}-lr${lrFactor}x-init${s}`, inputs: { method, seed: s, epochs, setup, lrFactor },
  }))));
}

/** The claim this experiment decides (also a ledger claim, claims/fig7.ts). */
export const FIG7_CLAIM = {
  id: 'tks.fig7.smaller-spread',
  statement: 'ADMMiRNN\'s loss varies less across initializations than SGD\'s, Adam\'s and RMSProp\'s: it "has a relatively small variance from beginning to end" (§4.3, Fig. 7).',
} as const;

export const FIG7_NAMES: Readonly<Record<Fig7Method, string>> = { admmirnn: 'ADMMiRNN', sgd: 'SGD', adam: 'Adam', rmsprop: 'RMSProp' };

/** Mean, sample standard deviation, min and max of the finite values; a non-finite value (a diverged run) makes the spread infinite. */
export interface Spread {
  n: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** {@link Spread} of values where null marks a diverged run. */
export function spread(xs: readonly (number | null)[]): Spread {
  const v = xs.filter((x): x is number => x !== null);
  const n = v.length;
  const mean = n > 0 ? v.reduce((a, b) => a + b, 0) / n : NaN;
  const std = v.length < xs.length ? Infinity : n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { n, mean, std, min: n > 0 ? Math.min(...v) : NaN, max: n > 0 ? Math.max(...v) : NaN };
}

/** The final held-out losses of each method over the initializations, and the unigram entropy of the text. */
export interface Fig7Finals {
  finals: Readonly<Record<Fig7Method, readonly (number | null)[]>>;
  unigram: number;
}

/** Three significant digits; ∞ for a diverged run's spread. */
export const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : x === Infinity ? '∞ (a run diverged)' : 'none');

/** One-sided level of the variance-ratio test that decides "smaller spread". */
export const SPREAD_TEST_LEVEL = 0.05;

/** The (1 − level) quantile of the F distribution with (d1, d2) degrees of freedom (X ~ Beta(d1/2, d2/2) ↦ d2·X / d1·(1 − X)). */
export function fQuantile(q: number, d1: number, d2: number): number {
  const x = betaQuantile(q, d1 / 2, d2 / 2);
  return (d2 * x) / (d1 * (1 - x));
}

/**
 * Is the spread of `a` smaller than that of `b`, beyond sampling noise? `smaller` when var(b)/var(a) exceeds the
 * F quantile (one-sided, {@link SPREAD_TEST_LEVEL}), `larger` when var(a)/var(b) does, `unclear` otherwise.
 * An infinite std (a diverged run) is the larger spread; two zero spreads are `unclear`.
 */
export function compareSpread(a: Spread, b: Spread): 'smaller' | 'larger' | 'unclear' {
  if (a.std === Infinity || b.std === Infinity) return a.std === b.std ? 'unclear' : a.std < b.std ? 'smaller' : 'larger';
  if (a.n < 2 || b.n < 2) return 'unclear';
  const va = a.std * a.std, vb = b.std * b.std;
  if (vb > va * fQuantile(1 - SPREAD_TEST_LEVEL, b.n - 1, a.n - 1)) return 'smaller';
  if (va > vb * fQuantile(1 - SPREAD_TEST_LEVEL, a.n - 1, b.n - 1)) return 'larger';
  return 'unclear';
}

/**
 * The decision rule (shared with the ledger claim), on the final held-out loss over the initializations:
 * `vacuous` when ADMMiRNN's mean is not below the unigram entropy (it has not trained, so a small spread says
 * nothing); else `holds` when ADMMiRNN's variance is smaller than each of SGD's, Adam's and RMSProp's by a one-sided
 * F test at level {@link SPREAD_TEST_LEVEL}, `violated` when some baseline that trained (mean below the unigram
 * entropy) has a smaller variance than ADMMiRNN's by the same test, `inconclusive` otherwise (the spreads differ
 * by less than the initializations can tell, or only an untrained baseline varies less). The detail adds
 * the spread relative to the mean, the min–max range and whether ADMMiRNN's mean loss is the lowest.
 */
export function smallerSpread(d: Fig7Finals): { status: 'holds' | 'violated' | 'vacuous' | 'inconclusive'; detail: string } {
  const s = Object.fromEntries(FIG7_METHODS.map((m) => [m, spread(d.finals[m])])) as Record<Fig7Method, Spread>;
  const a = s.admmirnn;
  const others = FIG7_METHODS.filter((m) => m !== 'admmirnn');
  const per = FIG7_METHODS.map((m) => `${FIG7_NAMES[m]} ${fmt(s[m].mean)} ± ${fmt(s[m].std)} (std/mean ${fmt(s[m].std / s[m].mean)}, range ${fmt(s[m].min)}–${fmt(s[m].max)})`).join('; ');
  const lower = others.every((m) => a.mean < s[m].mean);
  const untrained = others.filter((m) => !(s[m].mean < d.unigram)).map((m) => FIG7_NAMES[m]);
  const tail = `; ADMMiRNN's mean final held-out loss is ${lower ? '' : 'not '}the lowest`
    + (untrained.length ? `; not below the unigram entropy either (barely trained, so a small spread of theirs says little): ${untrained.join(', ')}` : '');
  const head = `final held-out loss (nats/char) over ${a.n} initializations, mean ± std: ${per}; unigram entropy ${d.unigram.toPrecision(4)}`;
  if (!(a.mean < d.unigram)) return { status: 'vacuous', detail: `${head}; ADMMiRNN does not get below the unigram entropy: it has not trained, so its spread decides nothing${tail}` };
  // a baseline that has not trained has the small spread of a method that does not move: it cannot refute
  const cmp = others.map((m) => {
    const c = compareSpread(a, s[m]);
    return [m, c === 'larger' && !(s[m].mean < d.unigram) ? 'unclear' : c] as const;
  });
  const list = (k: string) => cmp.filter(([, c]) => c === k).map(([m]) => FIG7_NAMES[m]).join(', ');
  const status = cmp.every(([, c]) => c === 'smaller') ? 'holds' : cmp.some(([, c]) => c === 'larger') ? 'violated' : 'inconclusive';
  const test = `one-sided F test on the variances at ${SPREAD_TEST_LEVEL}`;
  const verdict = status === 'holds' ? `ADMMiRNN's variance is smaller than every baseline's (${test})`
    : status === 'violated' ? `${list('larger')} vary less than ADMMiRNN (${test})`
      : `ADMMiRNN's variance is not clearly smaller than ${list('unclear')}'s (${test})`;
  return { status, detail: `${head}; ${verdict}${tail}` };
}

/** Results of one method at one learning-rate factor. */
export interface Group {
  method: Fig7Method;
  lrFactor: number;
  runs: Fig7RunResult[];
}

/** The results grouped by method and learning-rate factor, in cell order. */
export function groups(results: readonly CellResult<Fig7Inputs, Fig7RunResult>[]): Group[] {
  const out: Group[] = [];
  for (const { cell, result } of results) {
    let g = out.find((x) => x.method === cell.inputs.method && x.lrFactor === cell.inputs.lrFactor);
    if (g === undefined) out.push((g = { method: cell.inputs.method, lrFactor: cell.inputs.lrFactor, runs: [] }));
    g.runs.push(result);
  }
  return out;
}

/** Mean final held-out loss of a group (a diverged run makes it infinite: such a setting is never selected). */
const groupMean = (g: Group): number => (g.runs.some((r) => r.finalHeldOut === null) ? Infinity : spread(g.runs.map((r) => r.finalHeldOut)).mean);

/** Per method, the group compared: the learning-rate factor with the lowest mean final held-out loss (first on ties). */
export function selectedGroups(results: readonly CellResult<Fig7Inputs, Fig7RunResult>[]): Record<Fig7Method, Group> {
  const all = groups(results);
  const pick = (m: Fig7Method): Group => {
    const gs = all.filter((g) => g.method === m);
    if (gs.length === 0) return { method: m, lrFactor: 1, runs: [] };
    return gs.reduce((a, b) => (groupMean(b) < groupMean(a) ? b : a));
  };
  return Object.fromEntries(FIG7_METHODS.map((m) => [m, pick(m)])) as Record<Fig7Method, Group>;
}

/** {@link smallerSpread} on stored results at the selected learning rates, as the verdict of the ledger claim. */
export function fig7Verdict(results: readonly CellResult<Fig7Inputs, Fig7RunResult>[]): SummaryVerdict {
  const g = selectedGroups(results);
  const finals = Object.fromEntries(FIG7_METHODS.map((m) => [m, g[m].runs.map((r) => r.finalHeldOut)])) as Record<Fig7Method, (number | null)[]>;
  const lr = FIG7_METHODS.filter((m) => m !== 'admmirnn').map((m) => `${FIG7_NAMES[m]} ${g[m].lrFactor}×`).join(', ');
  const d = smallerSpread({ finals, unigram: results[0]?.result.unigram ?? NaN });
  return { claimId: FIG7_CLAIM.id, statement: FIG7_CLAIM.statement, status: d.status, detail: `${d.detail}; learning rates (× Keras' default) selected by the lowest mean held-out loss: ${lr}` };
}

/**
 * The corrected reading of Fig. 7 on our runs: some gradient method that trains (mean below the unigram entropy),
 * at its selected learning rate, varies less across the initializations than ADMMiRNN (one-sided F test at
 * {@link SPREAD_TEST_LEVEL}) and ends at a lower mean held-out loss.
 */
export function gradientVariesLess(results: readonly CellResult<Fig7Inputs, Fig7RunResult>[]): { holds: boolean; detail: string } {
  const g = selectedGroups(results);
  const unigram = results[0]?.result.unigram ?? NaN;
  const s = (m: Fig7Method): Spread => spread(g[m].runs.map((r) => r.finalHeldOut));
  const a = s('admmirnn');
  const better = FIG7_METHODS.filter((m) => m !== 'admmirnn').filter((m) => {
    const b = s(m);
    return b.mean < unigram && b.mean < a.mean && compareSpread(a, b) === 'larger';
  });
  const per = FIG7_METHODS.map((m) => `${FIG7_NAMES[m]}${m === 'admmirnn' ? '' : ` (${g[m].lrFactor}×)`} ${fmt(s(m).mean)} ± ${fmt(s(m).std)}`).join(', ');
  return {
    holds: better.length > 0,
    detail: `final held-out loss mean ± std: ${per}; unigram entropy ${unigram.toPrecision(4)}; `
      + (better.length ? `lower and less spread than ADMMiRNN (F test at ${SPREAD_TEST_LEVEL}): ${better.map((m) => FIG7_NAMES[m]).join(', ')}` : 'no gradient method is both lower and clearly less spread than ADMMiRNN'),
  };
}
