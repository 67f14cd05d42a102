import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  buildSp500Volatility,
  endsBeforeLastWeekday,
  loadSp500Volatility,
  monthlyStats,
  parseSp500Csv,
  sp500CsvPath,
  SP500_INPUT_NAMES,
  type DailyBar,
} from '../../../src/models/datasets/sp500.ts';

const bars = parseSp500Csv(readFileSync(sp500CsvPath(), 'utf8'));
const data = buildSp500Volatility(bars);

/** A close-to-close move by factor f on date with volume v and a 1% range. */
function bar(date: string, close: number, volume = 1e9): DailyBar {
  return { date, open: close, high: close * 1.01, low: close, close, adjclose: close, volume };
}

describe('the packaged S&P 500 file', () => {
  it('has 5,105 trading days from 2000-01-03 to 2020-04-17 and adjclose = close on every row', () => {
    expect(bars.length).toBe(5105);
    expect(bars[0].date).toBe('2000-01-03');
    expect(bars[bars.length - 1].date).toBe('2020-04-17');
    expect(bars.every((b) => b.adjclose === b.close)).toBe(true);
  });

  it('gives 244 months, the last one (April 2020, 12 days) partial and dropped: 241 rows March 2000..March 2020', () => {
    expect(data.monthStats.length).toBe(244);
    expect(data.partialLastMonth).toEqual({ month: '2020-04', days: 12, policy: 'drop' });
    expect(data.T).toBe(241);
    expect(data.n).toBe(4);
    expect(data.names).toEqual(SP500_INPUT_NAMES);
    expect(data.months[0]).toBe('2000-03');
    expect(data.months[240]).toBe('2020-03');
    expect(data.inputs.length).toBe(241 * 4);
    expect(data.split).toEqual({ fraction: 0.9, T1: 217, T2: 24 });
  });

  it('keeps April 2020 as the last target when asked', () => {
    const kept = loadSp500Volatility({ partialLastMonth: 'keep' });
    expect(kept.T).toBe(242);
    expect(kept.months[241]).toBe('2020-04');
    expect(kept.partialLastMonth?.policy).toBe('keep');
    expect(kept.rawTarget.subarray(0, 241)).toEqual(data.rawTarget);
  });

  it('matches February 2000 computed by hand from the CSV (numbers from a separate Python script)', () => {
    const feb = data.monthStats[1];
    expect(feb.month).toBe('2000-02');
    expect(feb.days).toBe(20);
    expect(feb.returns).toBe(20); // the first return is 2000-02-01 against 2000-01-31's close 1394.459961
    expect(feb.rv).toBeCloseTo(0.19580427563174635, 14);
    expect(feb.meanLogRange).toBeCloseTo(0.01852692106178204, 15);
    expect(feb.lastClose).toBe(1366.420044);
    // Row 0 targets March 2000 and reads February's values.
    expect(data.rawInputs[0]).toBe(feb.rv);
    expect(data.rawInputs[1]).toBeCloseTo(Math.log(1366.420044 / 1394.459961), 15);
    expect(data.rawInputs[2]).toBe(feb.meanLogRange);
    expect(data.rawInputs[3]).toBeCloseTo(Math.log(1045600000 / 1074720000), 15);
    expect(data.rawTarget[0]).toBe(data.monthStats[2].rv);
    // January 2000 has no return for its first day.
    expect(data.monthStats[0].returns).toBe(data.monthStats[0].days - 1);
  });

  it('standardizes with the training rows only: they have mean 0 and std 1, the constants undo the map', () => {
    const { T1 } = data.split;
    for (let j = 0; j < data.n; j++) {
      let s = 0;
      let s2 = 0;
      for (let t = 0; t < T1; t++) {
        s += data.inputs[t * data.n + j];
        s2 += data.inputs[t * data.n + j] ** 2;
      }
      expect(Math.abs(s / T1)).toBeLessThan(1e-12);
      expect(s2 / T1).toBeCloseTo(1, 12);
      const { mean, scale } = data.standardization.inputs;
      expect(mean[j] + scale[j] * data.inputs[5 * data.n + j]).toBeCloseTo(data.rawInputs[5 * data.n + j], 12);
    }
    const { mean, scale } = data.standardization.target;
    expect(mean + scale * data.target[T1 + 3]).toBeCloseTo(data.rawTarget[T1 + 3], 12);
  });
});

describe('no look-ahead', () => {
  it('changing every day after the last training month changes no training row and no constant', () => {
    const lastTrainMonth = data.months[data.split.T1 - 1];
    const changed = bars.map((b) => (b.date.slice(0, 7) > lastTrainMonth
      ? { ...b, close: b.close * (1 + 0.3 * Math.sin(b.volume)), high: b.high * 2, volume: b.volume * 3 }
      : b));
    const other = buildSp500Volatility(changed);
    const T1 = data.split.T1;
    expect(other.split.T1).toBe(T1);
    expect(other.rawInputs.subarray(0, T1 * data.n)).toEqual(data.rawInputs.subarray(0, T1 * data.n));
    expect(other.inputs.subarray(0, T1 * data.n)).toEqual(data.inputs.subarray(0, T1 * data.n));
    expect(other.target.subarray(0, T1)).toEqual(data.target.subarray(0, T1));
    expect(other.standardization).toEqual(data.standardization);
    expect(other.rawTarget.subarray(T1)).not.toEqual(data.rawTarget.subarray(T1));
  });

  it('a row\'s inputs do not depend on its target month: changing month m moves only rows after its own', () => {
    const m = data.months[100];
    const changed = bars.map((b) => (b.date.slice(0, 7) === m ? { ...b, high: b.high * 1.5, volume: b.volume * 2 } : b));
    const other = buildSp500Volatility(changed);
    expect(other.rawInputs.subarray(0, 101 * data.n)).toEqual(data.rawInputs.subarray(0, 101 * data.n));
    expect(other.rawInputs.subarray(101 * data.n, 102 * data.n)).not.toEqual(data.rawInputs.subarray(101 * data.n, 102 * data.n));
  });
});

describe('determinism and small hand-made series', () => {
  it('builds the same arrays twice', () => {
    const again = buildSp500Volatility(parseSp500Csv(readFileSync(sp500CsvPath(), 'utf8')));
    expect(again.inputs).toEqual(data.inputs);
    expect(again.target).toEqual(data.target);
    expect(again.months).toEqual(data.months);
  });

  it('a month of constant ±1% log returns has RV = sqrt(252)·0.01; the split follows trainFraction', () => {
    const days: DailyBar[] = [];
    let c = 100;
    for (let mo = 1; mo <= 6; mo++) {
      for (let d = 1; d <= 4; d++) {
        c *= Math.exp(d % 2 === 0 ? 0.01 : -0.01);
        days.push(bar(`2001-0${mo}-0${d + 1}`, c));
      }
    }
    days.push(bar('2001-07-31', c)); // July 31, 2001 is a Tuesday, the month's last weekday: complete
    const s = buildSp500Volatility(days, { trainFraction: 0.5 });
    expect(s.partialLastMonth).toBeNull();
    expect(s.T).toBe(5);
    expect(s.split).toEqual({ fraction: 0.5, T1: 3, T2: 2 });
    expect(s.monthStats[2].rv).toBeCloseTo(Math.sqrt(252) * 0.01, 14);
    expect(s.monthStats[6].rv).toBe(0); // one flat day
    expect(s.rawInputs[2]).toBeCloseTo(Math.log(1.01), 14);
    expect(s.rawInputs[3]).toBe(0);
    expect(monthlyStats([bar('2001-01-02', 1)])[0].rv).toBeNaN(); // no return at all
  });

  it('calls a month partial when it ends before its last weekday', () => {
    expect(endsBeforeLastWeekday('2020-04-17')).toBe(true);
    expect(endsBeforeLastWeekday('2020-04-30')).toBe(false);
    expect(endsBeforeLastWeekday('2020-05-29')).toBe(false); // Friday; the 30th and 31st are a weekend
    expect(endsBeforeLastWeekday('2020-05-28')).toBe(true);
  });
});

describe('bad input: one line naming the line and column', () => {
  const head = 'date,open,high,low,close,adjclose,volume';
  it.each([
    ['', /empty file/],
    ['date,open\n', /line 1: expected header/],
    [`${head}\n2000-01-03,1,2,1,1,1\n`, /line 2: expected 7 columns, got 6/],
    [`${head}\n01/03/2000,1,2,1,1,1,5\n`, /line 2: date must be YYYY-MM-DD/],
    [`${head}\n2000-01-03,1,2,1,x,1,5\n`, /line 2: close must be a positive number, got "x"/],
    [`${head}\n2000-01-03,1,2,1,1,1,\n`, /line 2: volume must be a positive number/],
    [`${head}\n2000-01-03,1,1,2,1,1,5\n`, /line 2: high 1 is below low 2/],
    [`${head}\n2000-01-04,1,2,1,1,1,5\n2000-01-03,1,2,1,1,1,5\n`, /line 3: date 2000-01-03 does not follow 2000-01-04/],
  ])('%j', (text, msg) => {
    expect(() => parseSp500Csv(text)).toThrow(msg);
  });

  it('refuses fewer than four usable months', () => {
    expect(() => buildSp500Volatility([bar('2001-01-31', 1), bar('2001-02-28', 1), bar('2001-03-30', 1)])).toThrow(/at least 4 months of data, got 3/);
    expect(() => buildSp500Volatility([])).toThrow(/got 0/);
  });
});
