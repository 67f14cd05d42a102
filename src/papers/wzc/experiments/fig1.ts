/**
 * WZC Fig. 1 (§5.3, lines 672–685): FeasVio = max{‖u − Ψ(h)w‖, ‖h − (u)_+‖} of the ALM iterates against the outer
 * iteration, one line per dataset (synthetic T = 10, S&P volatility, synthetic T = 500), from N(0, 0.1) weights (b⁰ = c⁰ = 0) with Table 2's parameters; the paper stops
 * at 100 outer × 500 inner iterations. The paper's reading — "very small at the beginning …, a large value at the
 * first iteration …, an oscillatory decrease … tends to zero" — is decided on the curves (claims/fig1.ts).
 */
import type { CellResult, Experiment, ExperimentScale, ExperimentSummary } from '../../../engine/experiments/types.ts';
import { runMethod, type RunBudget, type RunOutcome, type Sec5Setting } from '../claims/_internals/sec5Runs.ts';
import { feasVioToZero, fmt } from '../claims/_internals/sec5Stats.ts';

/** Inputs of one Fig. 1 cell: one ALM run on one dataset. */
export interface Fig1Inputs {
  setting: Sec5Setting;
  dataSeed: number;
  repSeed: number;
  budget: RunBudget;
}

const SETTINGS: readonly Sec5Setting[] = ['synthetic-T10', 'sp500', 'synthetic-T500'];
const BUDGET: Readonly<Record<ExperimentScale, Readonly<Record<Sec5Setting, RunBudget>>>> = {
  scaled: { 'synthetic-T10': { outer: 100, inner: 500, epochs: 0 }, sp500: { outer: 100, inner: 100, epochs: 0 }, 'synthetic-T500': { outer: 30, inner: 20, epochs: 0 } },
  full: { 'synthetic-T10': { outer: 100, inner: 500, epochs: 0 }, sp500: { outer: 100, inner: 500, epochs: 0 }, 'synthetic-T500': { outer: 100, inner: 500, epochs: 0 } },
};
const LABEL: Readonly<Record<Sec5Setting, string>> = { 'synthetic-T10': 'synthetic T = 10', sp500: 'S&P 500 volatility', 'synthetic-T500': 'synthetic T = 500' };

/** The Fig. 1 experiment. */
export const fig1Experiment: Experiment<Fig1Inputs, RunOutcome> = {
  name: 'wzc-fig1',
  paper: 'WZC',
  title: 'Fig. 1: feasibility violation of the ALM against the outer iteration',
  version: 1,
  cells: (scale, seed) => SETTINGS.map((setting) => ({ id: setting, inputs: { setting, dataSeed: seed, repSeed: seed, budget: BUDGET[scale][setting] } })),
  runCell: (cell) => runMethod({ method: 'alm', init: 'normal-1e-1', feasVio: true, ...cell.inputs }),
  summarize,
};

function summarize(results: readonly CellResult<Fig1Inputs, RunOutcome>[], ctx: { scale: ExperimentScale }): ExperimentSummary {
  const rows = results.flatMap((r) => (r.result.feasVio ?? []).map((v, k) => ({ dataset: LABEL[r.cell.inputs.setting], k, feasVio: v })));
  const verdicts = results.map((r) => ({ r, d: feasVioToZero(r.result.feasVio ?? []) }));
  const holds = verdicts.every((x) => x.d.holds);
  return {
    tables: [{
      title: 'Fig. 1 in numbers: FeasVio of the ALM iterates',
      columns: ['dataset', 'outer × inner', 'FeasVio(s⁰)', 'FeasVio(s¹)', 'max FeasVio', 'FeasVio at the last iteration', 'TrainErr', 'TestErr'],
      rows: results.map((r) => {
        const f = r.result.feasVio ?? [];
        const b = r.cell.inputs.budget;
        return [LABEL[r.cell.inputs.setting], `${b.outer} × ${b.inner}`, fmt(f[0]), fmt(f[1]), fmt(Math.max(...f)), fmt(f[f.length - 1]), fmt(r.result.trainErr ?? NaN), fmt(r.result.testErr ?? NaN)];
      }),
      note: 'FeasVio(s⁰) = 0: the start is feasible by construction (h⁰ = σ(u⁰), u⁰ = Ψ(h⁰)w⁰).',
    }],
    figures: [{
      file: 'fig1',
      title: 'FeasVio against the ALM outer iteration, per dataset',
      rows: rows.map((x) => ({ ...x, feasVio: x.feasVio > 0 ? x.feasVio : null })),
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: 'WZC Fig. 1: feasibility violation of the ALM (N(0, 0.1) start, Table 2 parameters)',
        width: 420,
        height: 260,
        mark: { type: 'line', point: { size: 12 } },
        encoding: {
          x: { field: 'k', type: 'quantitative', title: 'outer iteration k' },
          y: { field: 'feasVio', type: 'quantitative', scale: { type: 'log' }, title: 'FeasVio(s^k)' },
          color: { field: 'dataset', type: 'nominal', title: null },
        },
      },
    }],
    paperComparisons: [],
    empirical: [{
      claimId: 'wzc.fig1.feasvio-to-zero',
      statement: 'After the first ALM iteration FeasVio jumps to a large value, then decreases (oscillating) and tends to zero (§5.3, Fig. 1).',
      status: holds ? 'holds' : 'violated',
      detail: verdicts.map((x) => `${LABEL[x.r.cell.inputs.setting]}: ${x.d.detail}`).join('; '),
    }],
    notes: [
      'The S&P series is 2000–2020 from vega-datasets (src/models/datasets/sp500.ts), standing in for the paper\'s 1973–2009 data; the synthetic sets are src/papers/wzc/problem/synthetic.ts.',
      ...(ctx.scale === 'scaled' ? ['Scaled run: S&P stops at 100 × 100 and synthetic T = 500 at 30 × 20 outer × inner iterations (the paper: 100 × 500 for all three); --full runs the paper\'s budget.'] : []),
    ],
  };
}
