/**
 * WZC Fig. 2 (lines 723–730): TrainErr and TestErr against time for every method on the S&P volatility series and on
 * synthetic T = 500, each method with the initialization that gives it the lowest final TestErr (the paper takes
 * Table 3's bold one; we run every initialization once and take each method's best). The paper: on S&P "the ALM
 * achieves the smallest test error among all the methods", on T = 500 it "exhibits superior performance in terms of
 * both training and test errors" — decided on the final errors.
 *
 * Time is wall-clock training time (sec5Runs.ts): the paper plots CPU seconds; on a machine shared with other
 * work wall time overstates both methods alike.
 */
import type { CellResult, Experiment, ExperimentScale, ExperimentSummary, SummaryVerdict } from '../../../engine/experiments/types.ts';
import { INIT_SCHEMES, type InitScheme } from '../problem/init.ts';
import { METHOD_NAMES, runMethod, TABLE3_METHODS, type RunBudget, type RunOutcome, type Table3Method } from '../claims/_internals/sec5Runs.ts';
import { fmt } from '../claims/_internals/sec5Stats.ts';
import { INIT_LABELS } from './labels.ts';

/** Inputs of one Fig. 2 cell: one run with its error curve. */
export interface Fig2Inputs {
  setting: Fig2Setting;
  method: Table3Method;
  init: InitScheme;
  dataSeed: number;
  repSeed: number;
  budget: RunBudget;
}

/** Fig. 2's datasets. */
export type Fig2Setting = 'sp500' | 'synthetic-T500';
const SETTINGS: readonly Fig2Setting[] = ['sp500', 'synthetic-T500'];
const TAG: Readonly<Record<Fig2Setting, string>> = { sp500: 'sp500', 'synthetic-T500': 't500' };
const LABEL: Readonly<Record<Fig2Setting, string>> = { sp500: 'S&P 500 volatility', 'synthetic-T500': 'synthetic T = 500' };

/** Table 3b's and 3c's budgets (the paper plots the runs of Table 3). */
const BUDGET: Readonly<Record<ExperimentScale, Readonly<Record<Fig2Setting, RunBudget>>>> = {
  scaled: { sp500: { outer: 50, inner: 50, epochs: 500 }, 'synthetic-T500': { outer: 20, inner: 20, epochs: 50 } },
  full: { sp500: { outer: 200, inner: 500, epochs: 5000 }, 'synthetic-T500': { outer: 100, inner: 500, epochs: 1000 } },
};

/** The Fig. 2 experiment (synthetic T = 500). */
export const fig2Experiment: Experiment<Fig2Inputs, RunOutcome> = {
  name: 'wzc-fig2',
  paper: 'WZC',
  title: 'Fig. 2: TrainErr and TestErr against time, every method, S&P volatility and synthetic T = 500',
  version: 1,
  cells: (scale, seed) => SETTINGS.flatMap((setting) => TABLE3_METHODS.flatMap((method) => INIT_SCHEMES.map((init) => ({
    id: `${TAG[setting]}-${method}-${init}`, inputs: { setting, method, init, dataSeed: seed, repSeed: seed, budget: BUDGET[scale][setting] },
  })))),
  runCell: (cell) => runMethod({ ...cell.inputs, curve: true }),
  summarize,
};

/** Each method's run with the lowest final TestErr (a diverged run never). */
function bestPerMethod(results: readonly CellResult<Fig2Inputs, RunOutcome>[]): CellResult<Fig2Inputs, RunOutcome>[] {
  const score = (r: CellResult<Fig2Inputs, RunOutcome>) => (r.result.status === 'completed' && r.result.testErr !== null ? r.result.testErr : Infinity);
  return TABLE3_METHODS.flatMap((m) => {
    const mine = results.filter((r) => r.cell.inputs.method === m);
    return mine.length ? [mine.reduce((a, b) => (score(b) < score(a) ? b : a))] : [];
  });
}

type Result = CellResult<Fig2Inputs, RunOutcome>;

/** Is the ALM's final `w` strictly below every other method's (each at its best initialization)? */
function almLowestFinal(best: readonly Result[], w: 'trainErr' | 'testErr'): boolean {
  const alm = best.find((r) => r.cell.inputs.method === 'alm');
  const a = alm?.result.status === 'completed' ? alm.result[w] : null;
  if (a === null || a === undefined) return false;
  return best.every((o) => o === alm || o.result.status !== 'completed' || o.result[w] === null || a < (o.result[w] as number));
}

function summarize(results: readonly Result[], ctx: { scale: ExperimentScale }): ExperimentSummary {
  const label = (r: Result) => `${METHOD_NAMES[r.cell.inputs.method]} (${INIT_LABELS[r.cell.inputs.init]})`;
  const bySetting = SETTINGS.map((setting) => ({ setting, best: bestPerMethod(results.filter((r) => r.cell.inputs.setting === setting)) })).filter((x) => x.best.length > 0);
  const rows = bySetting.flatMap(({ setting, best }) => best.flatMap((r) => (r.result.curve ?? []).flatMap((p) => [
    // one colour per method across both datasets; its initialization is in the table and the data
    { dataset: LABEL[setting], method: METHOD_NAMES[r.cell.inputs.method], init: INIT_LABELS[r.cell.inputs.init], seconds: p.ms / 1000, error: 'TrainErr', value: p.trainErr },
    { dataset: LABEL[setting], method: METHOD_NAMES[r.cell.inputs.method], init: INIT_LABELS[r.cell.inputs.init], seconds: p.ms / 1000, error: 'TestErr', value: p.testErr },
  ])));
  const finals = (best: readonly Result[]) => best.map((r) => `${label(r)}: TrainErr ${fmt(r.result.trainErr ?? NaN)}, TestErr ${fmt(r.result.testErr ?? NaN)}`).join('; ');
  const empirical: SummaryVerdict[] = bySetting.map(({ setting, best }) => (setting === 'sp500'
    ? {
      claimId: 'wzc.fig2.alm-best-test-sp500',
      statement: 'On the S&P volatility series the ALM achieves the smallest test error among all the methods (lines 726–728).',
      status: almLowestFinal(best, 'testErr') ? 'holds' : 'violated',
      detail: `${finals(best)} (decided by this experiment only)`,
    }
    : {
      claimId: 'wzc.fig2.alm-best-t500',
      statement: 'On synthetic T = 500 the ALM exhibits superior performance in terms of both training and test errors (lines 729–730).',
      status: almLowestFinal(best, 'trainErr') && almLowestFinal(best, 'testErr') ? 'holds' : 'violated',
      detail: `${finals(best)} (decided by this experiment only)`,
    }));
  const b = BUDGET[ctx.scale];
  return {
    tables: [{
      title: 'Fig. 2 in numbers: final errors and training time, each method at its best initialization',
      columns: ['dataset', 'method', 'initialization', 'TrainErr', 'TestErr', 'seconds', 'status'],
      rows: bySetting.flatMap(({ setting, best }) => best.map((r) => [LABEL[setting], METHOD_NAMES[r.cell.inputs.method], INIT_LABELS[r.cell.inputs.init], fmt(r.result.trainErr ?? NaN), fmt(r.result.testErr ?? NaN), (r.result.ms / 1000).toFixed(2), r.result.status])),
      note: `S&P: ALM ${b.sp500.outer} × ${b.sp500.inner}, baselines ${b.sp500.epochs} epochs; synthetic T = 500: ALM ${b['synthetic-T500'].outer} × ${b['synthetic-T500'].inner}, ${b['synthetic-T500'].epochs} epochs (Table 4 learning rates); one run per method and initialization.`,
    }],
    figures: [{
      file: 'fig2',
      title: 'TrainErr and TestErr against training time, every method at its best initialization',
      rows,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: 'WZC Fig. 2: errors against wall-clock training time',
        facet: { row: { field: 'dataset', type: 'nominal', title: null }, column: { field: 'error', type: 'nominal', title: null, sort: ['TrainErr', 'TestErr'] } },
        resolve: { scale: { y: 'independent', x: 'independent' } },
        spec: {
          width: 320,
          height: 200,
          mark: 'line',
          encoding: {
            x: { field: 'seconds', type: 'quantitative', title: 'training time (s, wall clock)' },
            y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'error' },
            color: { field: 'method', type: 'nominal', title: null, sort: TABLE3_METHODS.map((m) => METHOD_NAMES[m]) },
          },
        },
      },
    }],
    paperComparisons: [],
    empirical,
    notes: [
      'Time: wall-clock training time (the ALM\'s error evaluations and the baselines\' per-epoch evaluations excluded); the paper plots CPU seconds on its own machines, so only the shapes compare.',
      'The S&P series is 2000–2020 from vega-datasets (src/models/datasets/sp500.ts), standing in for the paper\'s 1973–2009 data.',
      ...(ctx.scale === 'scaled' ? ['Scaled run: the budgets of the scaled wzc-table3b and wzc-table3c (--full runs the paper\'s).'] : []),
    ],
  };
}
