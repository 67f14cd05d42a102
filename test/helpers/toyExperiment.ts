/**
 * A tiny deterministic experiment for the runner and CLI tests: cell i computes a seeded number; `failAt` makes
 * the cell with that index throw (an interruption: the cells before it are stored, it and those after are not).
 */
import { mulberry32 } from '../../src/core/rng.ts';
import { anyExperiment, type AnyExperiment, type Experiment } from '../../src/engine/experiments/types.ts';

export interface ToyInputs {
  i: number;
  seed: number;
  n: number;
}
export interface ToyResult {
  x: number;
}

/** A toy experiment of `cells` cells; `calls` counts runCell calls. */
export function toyExperiment(opts: { cells?: number; failAt?: number; calls?: { n: number }; version?: number; async?: boolean } = {}): AnyExperiment {
  const e: Experiment<ToyInputs, ToyResult> = {
    name: 'toy-line',
    paper: 'TOY',
    title: 'A toy: seeded points on a line',
    version: opts.version ?? 1,
    cells: (scale, seed) => Array.from({ length: opts.cells ?? (scale === 'full' ? 6 : 3) }, (_, i) => ({ id: `p${i}`, inputs: { i, seed, n: 100 } })),
    runCell: (cell) => {
      if (opts.calls) opts.calls.n++;
      if (cell.inputs.i === opts.failAt) throw new Error('interrupted');
      const rng = mulberry32(cell.inputs.seed * 1000 + cell.inputs.i);
      let s = 0;
      for (let k = 0; k < cell.inputs.n; k++) s += rng();
      return opts.async ? Promise.resolve({ x: s / cell.inputs.n }) : { x: s / cell.inputs.n };
    },
    summarize: (results) => ({
      tables: [{ title: 'Points', columns: ['cell', 'x'], rows: results.map((r) => [r.cell.id, r.result.x.toFixed(6)]) }],
      figures: [{
        file: 'line',
        title: 'x per cell',
        spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', mark: 'line', encoding: { x: { field: 'i', type: 'quantitative' }, y: { field: 'x', type: 'quantitative' } } },
        rows: results.map((r) => ({ i: r.cell.inputs.i, x: r.result.x })),
      }],
      paperComparisons: [{ quantity: 'mean x', paper: '0.5', ours: (results.reduce((a, r) => a + r.result.x, 0) / results.length).toFixed(3) }],
      empirical: [{ claimId: 'toy.mean-half', statement: 'x is near 1/2', status: results.every((r) => Math.abs(r.result.x - 0.5) < 0.2) ? 'holds' : 'violated', detail: `${results.length} cells` }],
      notes: ['a toy'],
    }),
  };
  return anyExperiment(e);
}
