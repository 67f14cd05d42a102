/**
 * The authors' ZLY demo (demo.ts) as `lagrangelab reproduce` experiments: `zly-demo-square` (y = x² on [−1, 1]) and
 * `zly-demo-product` (y = x₁x₂ on [−1, 1]²), one cell per hidden width, each cell running Algorithm 1 under both LLA
 * rules beside the ridge fit on the initial random features. Scaled: width 100, 100 iterations; full: widths 100
 * and 300, 200 iterations (`npm run demo:zly`'s default, whose table the README quotes).
 */
import type { CellResult, Experiment, ExperimentScale, ExperimentSummary } from '../../../engine/experiments/types.ts';
import type { ZlyDemo } from '../problem/demo.ts';
import { demoChart, runDemo, type DemoResult } from './demo.ts';

/** Inputs of one demo cell. */
export interface DemoInputs {
  target: ZlyDemo;
  width: number;
  K: number;
  seed: number;
  /** Samples (default 1000, the authors'); tests use fewer. */
  n?: number;
}

const SCALES: Readonly<Record<ExperimentScale, { widths: number[]; K: number }>> = {
  scaled: { widths: [100], K: 100 },
  full: { widths: [100, 300], K: 200 },
};

const f = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));

/** The demo experiment for one target. */
export function zlyDemoExperiment(target: ZlyDemo): Experiment<DemoInputs, DemoResult> {
  const label = target === 'square' ? 'y = x²' : 'y = x₁x₂';
  return {
    name: `zly-demo-${target}`,
    paper: 'ZLY',
    title: `The authors' demo, ${label}: Algorithm 1 (both LLA rules) against the ridge fit on the initial features`,
    version: 1,
    cells: (scale, seed) => SCALES[scale].widths.map((width) => ({ id: `width-${width}`, inputs: { target, width, K: SCALES[scale].K, seed } })),
    runCell: (cell) => runDemo(cell.inputs),
    summarize: (results) => summarize(label, results),
  };
}

function summarize(label: string, results: readonly CellResult<DemoInputs, DemoResult>[]): ExperimentSummary {
  const rows: string[][] = [];
  for (const { result: r } of results) {
    for (const run of r.runs) {
      const mse = run.mseNet.map((v) => (v === null ? NaN : v));
      const best = Math.min(...mse.filter(Number.isFinite));
      rows.push([
        `${r.config.width}, ${r.config.width}`, run.lla, f(r.varY), f(r.mseInit), f(r.mseRidge), `${f(best)}, k = ${mse.indexOf(best) + 1}`,
        `${f(mse[mse.length - 1])}${run.status === 'diverged' ? ' (diverged)' : ''}`, `${f(run.lyapunov[0])} → ${f(run.lyapunov[run.lyapunov.length - 1])}`,
      ]);
    }
  }
  const chart = demoChart(results.map((x) => x.result));
  const values = ((chart.vconcat as { data: { values: Record<string, string | number | null>[] } }[])[0].data.values);
  return {
    tables: [{
      title: `ZLY demo, ${label} (n = 1000, sigmoid, β_i = 1, λ = 1e-6)`,
      columns: ['widths', 'LLA rule', 'var(Y)', 'MSE at W⁰', 'ridge on V_{N−1}⁰', 'ADMM best MSE', 'ADMM MSE at K', 'L̂ at k = 1 → K'],
      rows,
      note: 'The ridge fit refits only the output weights on the initial last hidden layer (same λ): the simplest baseline that uses the same random features.',
    }],
    figures: [{ file: 'demo', title: `Training MSE and L̂ (26) per iteration, ${label}`, spec: inlineDataSpec(chart), rows: values }],
    paperComparisons: [],
    empirical: [],
    notes: [
      'The authors\' demo (their MATLAB code\'s setting); the paper prints no numbers for it, so nothing is compared.',
      'The figure\'s data file holds the line layer\'s rows (MSE and L̂ per iteration, plus the ridge and var(Y) levels).',
    ],
  };
}

/** demoChart puts its rows into each panel; the writer supplies them once at the top instead. */
function inlineDataSpec(chart: Record<string, unknown>): Record<string, unknown> {
  const panels = chart.vconcat as Record<string, unknown>[];
  return {
    ...chart,
    vconcat: panels.map((p, i) => {
      const { data: _data, ...rest } = p;
      // the second panel plots only the line rows
      return i === 0 ? rest : { ...rest, transform: [{ filter: "datum.kind === 'line'" }] };
    }),
  };
}
