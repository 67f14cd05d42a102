/**
 * WZC Table 3 (§5.4, lines 705–722): every method (ALM, GD, GDC, GDNM, SGD, Adam) under every initialization of
 * §5.4 (He, N(0, 1e-3), N(0, 1e-1), Glorot, LeCun), repeated; mean ± std of the final TrainErr and TestErr, with
 * the paper's numbers beside ours and the paper's "ALM best under every initialization" decided on them.
 *
 * One cell = one run (method, initialization, repetition). Data: the §5.1 synthetic setting drawn from `--seed`;
 * repetition i draws its initialization (and its mini-batch order) from seed + i. The baselines use the paper's
 * own selected learning rates and clipping norms (Table 4) rather than a new search.
 */
import type { CellResult, Experiment, ExperimentScale, ExperimentSummary, SummaryComparison, SummaryVerdict } from '../../../engine/experiments/types.ts';
import { INIT_SCHEMES, type InitScheme } from '../problem/init.ts';
import { METHOD_NAMES, runMethod, TABLE3_METHODS, type RunBudget, type RunOutcome, type Sec5Setting, type Table3Method } from '../claims/_internals/sec5Runs.ts';
import { almBest, fmt, miniBatchBelowAlm, table3Cells, type Table3Cell } from '../claims/_internals/sec5Stats.ts';
import { TABLE3A, TABLE3B } from '../claims/_internals/sec5Tables.ts';
import { INIT_LABELS } from './labels.ts';

/** Inputs of one Table 3 cell. */
export interface Table3Inputs {
  method: Table3Method;
  setting: Sec5Setting;
  dataSeed: number;
  init: InitScheme;
  rep: number;
  repSeed: number;
  budget: RunBudget;
}

/** One variant of Table 3: its dataset and its budgets per scale. */
interface Variant {
  name: string;
  part: Part;
  setting: Sec5Setting;
  label: string;
  scales: Readonly<Record<ExperimentScale, { reps: number; budget: RunBudget }>>;
  paperBudget: string;
}

type Part = 'a' | 'b' | 'c';

const VARIANTS: Readonly<Record<Part, Variant>> = {
  a: {
    name: 'wzc-table3a', part: 'a', setting: 'synthetic-T10', label: 'synthetic T = 10',
    // the paper's own budget is cheap at T = 10: the scaled run is the full one
    scales: { scaled: { reps: 10, budget: { outer: 50, inner: 10, epochs: 500 } }, full: { reps: 10, budget: { outer: 50, inner: 10, epochs: 500 } } },
    paperBudget: 'ALM 50 outer × 10 inner iterations, baselines 500 epochs, 10 repetitions',
  },
  b: {
    name: 'wzc-table3b', part: 'b', setting: 'sp500', label: 'S&P 500 monthly realized volatility (2000–2020)',
    scales: { scaled: { reps: 3, budget: { outer: 50, inner: 50, epochs: 500 } }, full: { reps: 10, budget: { outer: 200, inner: 500, epochs: 5000 } } },
    paperBudget: 'ALM 200 outer × 500 inner iterations, baselines 5000 epochs, 10 repetitions',
  },
  c: {
    name: 'wzc-table3c', part: 'c', setting: 'synthetic-T500', label: 'synthetic T = 500',
    scales: { scaled: { reps: 2, budget: { outer: 20, inner: 20, epochs: 50 } }, full: { reps: 10, budget: { outer: 100, inner: 500, epochs: 1000 } } },
    paperBudget: 'ALM 100 outer × 500 inner iterations, baselines 1000 epochs, 10 repetitions',
  },
};

/** The Table 3a (synthetic T = 10), 3b (S&P volatility) or 3c (synthetic T = 500) experiment. */
export function table3Experiment(part: Part): Experiment<Table3Inputs, RunOutcome> {
  const v = VARIANTS[part];
  return {
    name: v.name,
    paper: 'WZC',
    title: `Table 3${part}: ALM vs GD, GDC, GDNM, SGD, Adam under five initializations, ${v.label}`,
    version: 1,
    cells(scale, seed) {
      const { reps, budget } = v.scales[scale];
      return TABLE3_METHODS.flatMap((method) => INIT_SCHEMES.flatMap((init) => Array.from({ length: reps }, (_, rep) => ({
        id: `${method}-${init}-r${rep}`,
        inputs: { method, setting: v.setting, dataSeed: seed, init, rep, repSeed: (seed + rep) >>> 0, budget },
      }))));
    },
    runCell: (cell) => runMethod(cell.inputs),
    summarize: (results, ctx) => summarize(v, results, ctx.scale),
  };
}

function summarize(v: Variant, results: readonly CellResult<Table3Inputs, RunOutcome>[], scale: ExperimentScale): ExperimentSummary {
  const cells = table3Cells(results.map((r) => ({ method: r.cell.inputs.method, init: r.cell.inputs.init, outcome: r.result })));
  const at = (m: Table3Method, i: InitScheme) => cells.find((c) => c.method === m && c.init === i);
  // a cell an experiment did not run (a partial set of cells) shows as a dash
  const cellText = (c: Table3Cell | undefined, which: 'train' | 'test') =>
    c === undefined ? '—' : c.diverged === c.runs ? `diverged (${c.runs}/${c.runs})` : `${fmt(c[which].mean)} ± ${fmt(c[which].std)}${c.diverged ? ` (${c.diverged}/${c.runs} diverged, left out)` : ''}`;
  const rows = TABLE3_METHODS.flatMap((m) => (['train', 'test'] as const).map((w) => [
    METHOD_NAMES[m], w === 'train' ? 'TrainErr' : 'TestErr', ...INIT_SCHEMES.map((i) => cellText(at(m, i), w)),
  ]));
  const { reps, budget } = v.scales[scale];
  const tables = [{
    title: `Table 3${v.part} (${v.label}), ours: mean ± std over ${reps} repetitions`,
    columns: ['method', '', ...INIT_SCHEMES.map((i) => INIT_LABELS[i])],
    rows,
    note: `ALM ${budget.outer} outer × ${budget.inner} inner iterations (Table 2 parameters), baselines ${budget.epochs} epochs with Table 4's learning rates; the paper: ${v.paperBudget}.`,
  }];
  const paperComparisons: SummaryComparison[] = [];
  const printed = v.part === 'a' ? TABLE3A : v.part === 'b' ? TABLE3B : undefined;
  if (printed) {
    tables.push({
      title: `Table 3${v.part} as printed in the paper (mean ± std over 10 repetitions)`,
      columns: ['method', '', ...INIT_SCHEMES.map((i) => INIT_LABELS[i])],
      rows: TABLE3_METHODS.flatMap((m) => [[METHOD_NAMES[m], 'TrainErr', ...printed[m].train], [METHOD_NAMES[m], 'TestErr', ...printed[m].test]]),
      note: 'Extraction artifacts of our copy corrected: a table rule read as a leading 1 ("12.232" is 2.232, "130.142" is 30.142).',
    });
    const why = v.part === 'a'
      ? 'different synthetic data: Table 1 (the teacher and its sizes) is missing from the paper; ours is src/papers/wzc/problem/synthetic.ts'
      : 'different data: 2000–2020 from vega-datasets with 4 inputs we derive (src/models/datasets/sp500.ts) instead of the paper\'s 1973–2009 with 11 exogenous variables';
    for (const m of TABLE3_METHODS) {
      INIT_SCHEMES.forEach((i, k) => {
        for (const w of ['train', 'test'] as const) {
          paperComparisons.push({
            quantity: `Table 3${v.part}, ${METHOD_NAMES[m]}, ${INIT_LABELS[i]}, ${w === 'train' ? 'TrainErr' : 'TestErr'}`,
            paper: printed[m][w][k],
            ours: cellText(at(m, i), w),
            note: why,
          });
        }
      });
    }
  }
  const best = almBest(cells);
  const id = `wzc.table3${v.part}.alm-best`;
  const empirical: SummaryVerdict[] = [{
    claimId: id,
    statement: v.part === 'b'
      ? 'On the S&P volatility series the ALM achieves the best TrainErr under two initializations and the best TestErr under three, and the best TrainErr and TestErr of all method × initialization combinations (lines 718–722); decided here on the stronger every-initialization reading, see the detail.'
      : `On ${v.label} the ALM achieves the best (lowest mean) TrainErr and TestErr among the six methods, no matter which initialization is employed (lines 715–717).`,
    status: best.holds ? 'holds' : 'violated',
    detail: `${best.detail}${v.part !== 'a' ? ' (decided by this experiment only: its runs are too slow for the ledger\'s npm-test budget)' : ''}`,
  }];
  if (v.part === 'a') {
    const corrected = miniBatchBelowAlm(cells, 'normal-1e-1');
    empirical.push({
      claimId: `${id}.corrected`,
      statement: 'On synthetic T = 10 under N(0, 1e-1) (the initialization of §5.3), SGD or Adam with Table 4\'s learning rates reach a lower mean TrainErr than the ALM.',
      status: corrected.holds ? 'holds' : 'violated',
      detail: corrected.detail,
    });
  }
  return {
    tables,
    figures: [errorFigure(v, cells)],
    paperComparisons,
    empirical,
    profiles: (['trainErr', 'testErr'] as const).map((w) => profile(v, results, w)),
    notes: [
      v.part === 'b'
        ? 'Data: monthly realized volatility of the S&P 500, 2000-03 to 2020-03, from vega-datasets\' daily prices (src/models/datasets/sp500.ts: 4 lagged inputs, standardized with the training rows\' statistics, 90/10 split in time order), r = 20 hidden units; it stands in for the paper\'s 1973–2009 series with 11 exogenous inputs. --seed does not change it (only the initializations).'
        : `Data: the §5.1 teacher RNN of src/papers/wzc/problem/synthetic.ts (the paper's Table 1 is missing), drawn from the seed; 90/10 split in time order.`,
      'Learning rates and GDC clipping norms: the paper\'s selected values (Table 4), not a new §5.4 search; SGD and Adam use §5.4\'s batch sizes (2 at T = 10, 50 on S&P, 100 at T = 500).',
      ...(scale === 'scaled' && v.part !== 'a' ? [`Scaled run: ${reps} repetitions, ALM ${budget.outer} × ${budget.inner}, ${budget.epochs} epochs (the paper: ${v.paperBudget}); --full runs the paper's sizes.`] : []),
    ],
  };
}

/**
 * Final TrainErr or TestErr of every method on every (initialization, repetition) as performance-profile costs; a
 * diverged run failed. Problems missing a method's run (a partial set of cells) are left out.
 */
function profile(v: Variant, results: readonly CellResult<Table3Inputs, RunOutcome>[], w: 'trainErr' | 'testErr') {
  const problems = [...new Set(results.map((r) => `${INIT_LABELS[r.cell.inputs.init]}, repetition ${r.cell.inputs.rep + 1}`))];
  const key = (r: CellResult<Table3Inputs, RunOutcome>) => `${INIT_LABELS[r.cell.inputs.init]}, repetition ${r.cell.inputs.rep + 1}`;
  const rows = problems.map((p) => TABLE3_METHODS.map((m) => results.find((r) => key(r) === p && r.cell.inputs.method === m)));
  const kept = problems.flatMap((p, i) => (rows[i].every((x) => x !== undefined) ? [i] : []));
  return {
    title: `Table 3${v.part} (${v.label}): final ${w === 'trainErr' ? 'TrainErr' : 'TestErr'} per initialization and repetition`,
    measure: `final ${w === 'trainErr' ? 'TrainErr' : 'TestErr'} (smaller is better; a diverged run failed)`,
    solvers: TABLE3_METHODS.map((m) => METHOD_NAMES[m]),
    problems: kept.map((i) => problems[i]),
    costs: kept.map((i) => rows[i].map((r) => {
      const x = r?.result.status === 'completed' ? r.result[w] : null;
      return x !== null && x !== undefined && x > 0 ? x : null;
    })),
  };
}

/** Mean TrainErr and TestErr per method and initialization, as points with error bars (log scale). */
function errorFigure(v: Variant, cells: readonly Table3Cell[]) {
  const rows = cells.flatMap((c) => (['train', 'test'] as const).map((w) => ({
    method: METHOD_NAMES[c.method], init: INIT_LABELS[c.init], error: w === 'train' ? 'TrainErr' : 'TestErr',
    mean: Number.isFinite(c[w].mean) ? c[w].mean : null,
    lo: Number.isFinite(c[w].mean) ? Math.max(c[w].mean - c[w].std, c[w].mean / 10) : null,
    hi: Number.isFinite(c[w].mean) ? c[w].mean + c[w].std : null,
  })));
  return {
    file: `table3${v.part}`,
    title: `Table 3${v.part}: mean ± std of TrainErr and TestErr per method and initialization (${v.label})`,
    rows,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `WZC Table 3${v.part} (${v.label}): mean ± std over repetitions`,
      facet: { row: { field: 'error', type: 'nominal', title: null }, column: { field: 'init', type: 'nominal', title: null, sort: INIT_SCHEMES.map((i) => INIT_LABELS[i]) } },
      spec: {
        width: 110,
        height: 150,
        layer: [
          { mark: 'rule', encoding: { x: { field: 'method', type: 'nominal', sort: TABLE3_METHODS.map((m) => METHOD_NAMES[m]), title: null }, y: { field: 'lo', type: 'quantitative', scale: { type: 'log' }, title: 'error' }, y2: { field: 'hi' }, color: { field: 'method', type: 'nominal', legend: null } } },
          { mark: { type: 'point', filled: true }, encoding: { x: { field: 'method', type: 'nominal', sort: TABLE3_METHODS.map((m) => METHOD_NAMES[m]) }, y: { field: 'mean', type: 'quantitative' }, color: { field: 'method', type: 'nominal', legend: null } } },
        ],
      },
    },
  };
}
