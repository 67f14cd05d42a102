/**
 * TKS Table 2 (§4.4.1): training and test loss after 20 iterations under seven settings of (ρ1, ρ2, ρ3, r), and
 * the paper's reading "ρ3 determines the best result …; ρ1 and ρ2 account less". The paper ran it on MNIST; we run
 * it on the text task (fixtures/tks/text.json), with the paper's values as multiples of our defaults (its 1 ↦ our
 * default, 0.1 ↦ a tenth of it, 10 ↦ ten times), because (8)'s weights scale with how R is normalized (a mean over
 * the N·B output rows here: solver/defaults.ts).
 */
import type { CellResult, Experiment, ExperimentSummary } from '../../../engine/experiments/types.ts';
import type { Hyper } from '../problem/types.ts';
import { runTks, type TksRunOutcome } from './runs.ts';
import { rho3MattersMost, TKS_TABLE2, type Table2Factors } from '../claims/_internals/sec4Stats.ts';

export { rho3MattersMost, TKS_TABLE2 } from '../claims/_internals/sec4Stats.ts';

/** Inputs of one cell: the row's multipliers of (ρ1, ρ2, ρ3, r). */
export interface Table2Inputs {
  row: number;
  factors: Table2Factors;
  iterations: number;
  seed: number;
}

const ITERATIONS = 20; // "All of these values are obtained after 20 iterations"

/** The Table 2 experiment (the same at both scales: 7 runs of 20 iterations). */
export const tksTable2Experiment: Experiment<Table2Inputs, TksRunOutcome> = {
  name: 'tks-table2',
  paper: 'TKS',
  title: 'Table 2: training and test loss after 20 iterations for seven (ρ1, ρ2, ρ3, r), text task',
  version: 1,
  cells: (_scale, seed) => TKS_TABLE2.map(({ rho1, rho2, rho3, r }, row) => ({ id: `row${row + 1}`, inputs: { row, factors: { rho1, rho2, rho3, r }, iterations: ITERATIONS, seed } })),
  runCell: (cell) => runTks({ iterations: cell.inputs.iterations, seed: cell.inputs.seed, scale: cell.inputs.factors as Partial<Hyper> }),
  summarize,
};

const f = (x: number | null): string => (x === null ? 'diverged' : x.toPrecision(4));

function summarize(results: readonly CellResult<Table2Inputs, TksRunOutcome>[]): ExperimentSummary {
  const d = rho3MattersMost(results.map((x) => ({ factors: x.cell.inputs.factors, trainLoss: x.result.trainLoss })));
  return {
    tables: [{
      title: 'TKS Table 2 on the text task: loss (nats per character) after 20 iterations, paper\'s MNIST values beside',
      columns: ['ρ1', 'ρ2', 'ρ3', 'r', 'training loss', 'test loss', 'paper training', 'paper test'],
      rows: results.map(({ cell, result }) => {
        const p = TKS_TABLE2[cell.inputs.row];
        return [String(p.rho1), String(p.rho2), String(p.rho3), String(p.r), f(result.trainLoss), f(result.heldOutLoss), p.train, p.test];
      }),
      note: 'ρ1, ρ2, ρ3, r as multiples of our defaults (ρ_i = 2.5e-3 = 4H, r = 8e-6 at M = 800); the paper\'s columns are on MNIST with its own scaling.',
    }],
    figures: [{
      file: 'table2',
      title: 'Training and held-out loss after 20 iterations per setting',
      rows: results.flatMap(({ cell, result }) => {
        const p = TKS_TABLE2[cell.inputs.row];
        const setting = `ρ=(${p.rho1}, ${p.rho2}, ${p.rho3}), r=${p.r}`;
        return [{ setting, loss: 'training', value: result.trainLoss }, { setting, loss: 'held-out', value: result.heldOutLoss }];
      }),
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: 'TKS Table 2 on the text task (20 iterations)',
        width: 360,
        height: 200,
        mark: 'bar',
        encoding: {
          y: { field: 'setting', type: 'nominal', title: null, sort: null },
          x: { field: 'value', type: 'quantitative', title: 'loss (nats per character)' },
          yOffset: { field: 'loss', type: 'nominal' },
          color: { field: 'loss', type: 'nominal', title: null },
        },
      },
    }],
    paperComparisons: results.map(({ cell, result }) => {
      const p = TKS_TABLE2[cell.inputs.row];
      return { quantity: `Table 2, ρ = (${p.rho1}, ${p.rho2}, ${p.rho3}), r = ${p.r}, training loss`, paper: p.train, ours: f(result.trainLoss), note: 'MNIST in the paper, the text task here: only the ordering of the rows compares' };
    }),
    empirical: [{
      claimId: 'tks.table2.rho3-matters-most',
      statement: 'ρ3 determines the best result; ρ1 and ρ2 account less (§4.4.1, Table 2).',
      status: d.holds ? 'holds' : 'violated',
      detail: `${d.detail} (decided by this experiment only)`,
    }],
    notes: [
      'The paper\'s Table 2 is on MNIST; MNIST is not available here, so the grid runs on the text task of fixtures/tks/text.json (Metamorphosis, windows of 25, hidden 100).',
      'Training loss: the final parameters on the whole training text run as the 32 streams of the batches; test loss: on the held-out 10%.',
    ],
  };
}
