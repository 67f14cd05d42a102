/**
 * The real series of the experiments: **monthly realized volatility of the S&P 500**, built from the daily prices
 * that the npm package `vega-datasets` ships (`data/sp500-2000.csv`: date, open, high, low, close, adjclose,
 * volume; 2000-01-03 to 2020-04-17, 5,105 trading days). It stands in for WZC's S&P volatility data (1973–2009),
 * which is not available here, and is TKS's regression task. Nothing is downloaded.
 *
 * Definitions (month m, its trading days d = 1..n_m, C_d the close):
 * - daily log return r_d = ln(C_d / C_{d−1}), where C_{d−1} is the previous trading day's close, also across a
 *   month boundary (so a month's first return is counted in that month). The very first day of the file has no
 *   return: January 2000 has n_m − 1 returns.
 * - **RV_m = sqrt((252 / k_m) · Σ_{d ∈ m} r_d²)**, k_m the number of returns in m: the realized volatility,
 *   annualized. Annualizing by the day count puts months of 19–23 trading days, January 2000 and a partial last
 *   month on one scale (a plain sqrt(Σ r²) grows with the number of days, so a 12-day month would look calm).
 * - The close, not `adjclose`: for a price index they are the same column (equal on every row of this file);
 *   the close is what the high/low range is measured against.
 *
 * Rows. Row t is a target month m_t; its inputs are only what is known when month m_t − 1 has closed, so a model
 * that reads x_1..x_t and predicts y_t forecasts next month's volatility:
 * - `rvLag1` = RV_{m−1};
 * - `returnLag1` = ln(C_last(m−1) / C_last(m−2)), the monthly log return;
 * - `rangeLag1` = mean over the days of m−1 of ln(H_d / L_d), the Parkinson-style intraday range;
 * - `logVolumeChangeLag1` = ln(V̄_{m−1} / V̄_{m−2}), V̄ the mean daily volume.
 * - target y_t = RV_m.
 * The first row is the third month of the file (its inputs need two earlier months): March 2000.
 *
 * Partial last month: the file ends on 2020-04-17, a Friday before the month's last weekday, so April 2020 has
 * only 12 of its ≈ 22 trading days. A month counts as partial when it is the file's last month and its last date
 * falls before the last Monday–Friday of the month (holidays are not known here, so a month whose last weekday is
 * a holiday is conservatively called partial). By default (`partialLastMonth: 'drop'`) it is dropped — its RV
 * estimates a whole month from half of it; `'keep'` keeps it as the last target (annualized like the others).
 *
 * Split and standardization (models/dataset.ts): the first T1 = round(0.9·T) rows train, the rest test, in time
 * order; each input column and the target are standardized (population mean and std) with the training rows'
 * statistics only, so nothing from the test months reaches the constants.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { applyScaler, fitScaler, splitPoint, TRAIN_FRACTION, type ColumnScaler } from '../dataset.ts';

/** One trading day of the CSV. */
export interface DailyBar {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly adjclose: number;
  readonly volume: number;
}

/** What one calendar month of daily bars summarizes to. */
export interface MonthStats {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Trading days in the month, and daily returns counted in it (one less for the file's first month). */
  readonly days: number;
  readonly returns: number;
  /** Σ r_d² over the month's returns. */
  readonly sumSquaredReturns: number;
  /** RV_m = sqrt(252 · Σ r² / k_m). */
  readonly rv: number;
  /** Close of the month's last trading day. */
  readonly lastClose: number;
  /** Mean of ln(H_d / L_d) over the month's days. */
  readonly meanLogRange: number;
  /** Mean daily volume. */
  readonly meanVolume: number;
  /** Last date present. */
  readonly lastDate: string;
}

/** How to treat a partial last month. */
export type PartialMonthPolicy = 'drop' | 'keep';

/** Options of {@link buildSp500Volatility}. */
export interface Sp500Options {
  /** Fraction of rows (time order) that train; default 0.9. */
  readonly trainFraction?: number;
  /** Default `'drop'`. */
  readonly partialLastMonth?: PartialMonthPolicy;
}

/** The monthly realized-volatility regression data set. */
export interface Sp500Volatility {
  /** Target month of each row, `YYYY-MM`, T entries. */
  readonly months: readonly string[];
  /** Input column names (n entries), in the order of `inputs`' columns. */
  readonly names: readonly string[];
  /** The target's name. */
  readonly targetName: string;
  /** Standardized inputs, T×n row-major. */
  readonly inputs: Float64Array;
  /** Standardized target, T entries. */
  readonly target: Float64Array;
  /** The same before standardization (annualized volatility, log return, …). */
  readonly rawInputs: Float64Array;
  readonly rawTarget: Float64Array;
  readonly T: number;
  readonly n: number;
  /** Train rows [0, T1), test rows [T1, T). */
  readonly split: { readonly fraction: number; readonly T1: number; readonly T2: number };
  /** Training-rows statistics: x̃ = (x − mean)/scale per column. */
  readonly standardization: { readonly inputs: ColumnScaler; readonly target: { readonly mean: number; readonly scale: number } };
  /** Every month of the file (including the ones only used as lags). */
  readonly monthStats: readonly MonthStats[];
  /** The partial last month, if the file ends in one, and what was done with it. */
  readonly partialLastMonth: { readonly month: string; readonly days: number; readonly policy: PartialMonthPolicy } | null;
}

/** Input column names, in order. */
export const SP500_INPUT_NAMES: readonly string[] = ['rvLag1', 'returnLag1', 'rangeLag1', 'logVolumeChangeLag1'];

/** Trading days per year in the annualization. */
export const TRADING_DAYS_PER_YEAR = 252;

const HEADER = ['date', 'open', 'high', 'low', 'close', 'adjclose', 'volume'] as const;

/** Parse the CSV text; a malformed line throws one message naming its line number and column. */
export function parseSp500Csv(text: string): DailyBar[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('sp500 csv: empty file');
  const head = lines[0].split(',').map((s) => s.trim());
  if (head.join(',') !== HEADER.join(',')) throw new Error(`sp500 csv line 1: expected header "${HEADER.join(',')}", got "${lines[0]}"`);
  const out: DailyBar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    if (cells.length !== HEADER.length) throw new Error(`sp500 csv line ${i + 1}: expected ${HEADER.length} columns, got ${cells.length}`);
    const date = cells[0].trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`sp500 csv line ${i + 1}: date must be YYYY-MM-DD, got "${date}"`);
    const num = (j: number): number => {
      const x = Number(cells[j]);
      if (!(Number.isFinite(x) && x > 0) || cells[j].trim() === '') {
        throw new Error(`sp500 csv line ${i + 1}: ${HEADER[j]} must be a positive number, got "${cells[j]}"`);
      }
      return x;
    };
    const bar: DailyBar = { date, open: num(1), high: num(2), low: num(3), close: num(4), adjclose: num(5), volume: num(6) };
    if (bar.high < bar.low) throw new Error(`sp500 csv line ${i + 1}: high ${bar.high} is below low ${bar.low}`);
    if (out.length > 0 && date <= out[out.length - 1].date) {
      throw new Error(`sp500 csv line ${i + 1}: date ${date} does not follow ${out[out.length - 1].date}`);
    }
    out.push(bar);
  }
  return out;
}

/** Summarize daily bars by calendar month (bars in increasing date order). */
export function monthlyStats(bars: readonly DailyBar[]): MonthStats[] {
  const out: MonthStats[] = [];
  let i = 0;
  while (i < bars.length) {
    const month = bars[i].date.slice(0, 7);
    let j = i;
    let ss = 0;
    let k = 0;
    let range = 0;
    let vol = 0;
    for (; j < bars.length && bars[j].date.slice(0, 7) === month; j++) {
      if (j > 0) {
        const r = Math.log(bars[j].close / bars[j - 1].close);
        ss += r * r;
        k++;
      }
      range += Math.log(bars[j].high / bars[j].low);
      vol += bars[j].volume;
    }
    const days = j - i;
    out.push({
      month,
      days,
      returns: k,
      sumSquaredReturns: ss,
      rv: k > 0 ? Math.sqrt((TRADING_DAYS_PER_YEAR * ss) / k) : Number.NaN,
      lastClose: bars[j - 1].close,
      meanLogRange: range / days,
      meanVolume: vol / days,
      lastDate: bars[j - 1].date,
    });
    i = j;
  }
  return out;
}

/** Is `date` (YYYY-MM-DD) before the last Monday–Friday of its month? */
export function endsBeforeLastWeekday(date: string): boolean {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  let last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  // Step back over a weekend: getUTCDay() is 0 on Sunday, 6 on Saturday.
  while ([0, 6].includes(new Date(Date.UTC(y, mo - 1, last)).getUTCDay())) last--;
  return day < last;
}

/**
 * Build the monthly realized-volatility regression set from daily bars (pure: same bars, same result).
 * Throws when fewer than four months remain (two lag months, one train and one test row).
 */
export function buildSp500Volatility(bars: readonly DailyBar[], opts: Sp500Options = {}): Sp500Volatility {
  const policy = opts.partialLastMonth ?? 'drop';
  const fraction = opts.trainFraction ?? TRAIN_FRACTION;
  const stats = monthlyStats(bars);
  const lastStats = stats[stats.length - 1];
  const partial = lastStats !== undefined && endsBeforeLastWeekday(lastStats.lastDate)
    ? { month: lastStats.month, days: lastStats.days, policy }
    : null;
  const usable = partial && policy === 'drop' ? stats.slice(0, -1) : stats;
  if (usable.length < 4) throw new Error(`sp500: need at least 4 months of data, got ${usable.length}`);
  const n = SP500_INPUT_NAMES.length;
  const T = usable.length - 2;
  const rawInputs = new Float64Array(T * n);
  const rawTarget = new Float64Array(T);
  const months: string[] = [];
  for (let t = 0; t < T; t++) {
    const cur = usable[t + 2];
    const prev = usable[t + 1];
    const prev2 = usable[t];
    rawInputs[t * n] = prev.rv;
    rawInputs[t * n + 1] = Math.log(prev.lastClose / prev2.lastClose);
    rawInputs[t * n + 2] = prev.meanLogRange;
    rawInputs[t * n + 3] = Math.log(prev.meanVolume / prev2.meanVolume);
    rawTarget[t] = cur.rv;
    months.push(cur.month);
  }
  const T1 = splitPoint(T, fraction);
  const xs = fitScaler(rawInputs, n, T1);
  const ys = fitScaler(rawTarget, 1, T1);
  return {
    months,
    names: SP500_INPUT_NAMES,
    targetName: 'rv',
    inputs: applyScaler(rawInputs, n, xs),
    target: applyScaler(rawTarget, 1, ys),
    rawInputs,
    rawTarget,
    T,
    n,
    split: { fraction, T1, T2: T - T1 },
    standardization: { inputs: xs, target: { mean: ys.mean[0], scale: ys.scale[0] } },
    monthStats: stats,
    partialLastMonth: partial,
  };
}

/**
 * Path of `data/sp500-2000.csv` inside the installed `vega-datasets` package. Resolved through the package's
 * entry point (its `exports` hide package.json), so it works wherever node_modules is.
 */
export function sp500CsvPath(): string {
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return join(dirname(entry), '..', 'data', 'sp500-2000.csv');
}

/** The packaged file read and built with {@link buildSp500Volatility}. */
export function loadSp500Volatility(opts: Sp500Options = {}): Sp500Volatility {
  return buildSp500Volatility(parseSp500Csv(readFileSync(sp500CsvPath(), 'utf8')), opts);
}
