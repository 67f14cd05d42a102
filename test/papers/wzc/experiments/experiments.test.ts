/**
 * WZC §5's experiments end to end on tiny budgets (the scaled and full budgets are for `lagrangelab reproduce`):
 * their cells, and summaries in Table 3's layout with the paper's numbers and the empirical verdicts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runExperiment } from '../../../../src/engine/experiments/run.ts';
import { anyExperiment, type Experiment, type ExperimentCell } from '../../../../src/engine/experiments/types.ts';
import { wzcExperiments } from '../../../../src/papers/wzc/experiments/index.ts';
import { table3Experiment } from '../../../../src/papers/wzc/experiments/table3.ts';
import { fig1Experiment } from '../../../../src/papers/wzc/experiments/fig1.ts';
import { fig2Experiment } from '../../../../src/papers/wzc/experiments/fig2.ts';
import type { RunBudget } from '../../../../src/papers/wzc/claims/_internals/sec5Runs.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-wzc-exp-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const tiny: RunBudget = { outer: 2, inner: 2, epochs: 2 };

/** The experiment with its scaled cells cut to `keep` and their budgets to `tiny`. */
function shrunk<I extends { budget: RunBudget }, R>(e: Experiment<I, R>, keep: (c: ExperimentCell<I>) => boolean = () => true): Experiment<I, R> {
  return { ...e, cells: (scale, seed) => e.cells(scale, seed).filter(keep).map((c) => ({ ...c, inputs: { ...c.inputs, budget: tiny } })) };
}
const run = <I, R>(e: Experiment<I, R>) => runExperiment(anyExperiment(e), { scale: 'scaled', seed: 1, dir: fs.mkdtempSync(path.join(tmp, 'e-')), codeVersion: 'test' });

describe('WZC experiments', () => {
  it('are listed with unique names, and their cells match the paper\'s layout at both scales', () => {
    const names = wzcExperiments().map((e) => e.name);
    expect(names).toEqual(['wzc-table3a', 'wzc-table3b', 'wzc-table3c', 'wzc-fig1', 'wzc-fig2']);
    expect(table3Experiment('a').cells('scaled', 1)).toHaveLength(6 * 5 * 10);
    expect(table3Experiment('c').cells('scaled', 1)).toHaveLength(6 * 5 * 2);
    expect(table3Experiment('c').cells('full', 1)).toHaveLength(6 * 5 * 10);
    expect(table3Experiment('c').cells('full', 1)[0].inputs.budget).toEqual({ outer: 100, inner: 500, epochs: 1000 });
    expect(table3Experiment('b').cells('full', 1)[0].inputs.budget).toEqual({ outer: 200, inner: 500, epochs: 5000 });
    const reps = table3Experiment('a').cells('scaled', 7).filter((c) => c.inputs.method === 'alm' && c.inputs.init === 'he');
    expect(reps.map((c) => c.inputs.repSeed)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(fig1Experiment.cells('full', 1).map((c) => [c.inputs.setting, c.inputs.budget.outer, c.inputs.budget.inner])).toEqual([['synthetic-T10', 100, 500], ['sp500', 100, 500], ['synthetic-T500', 100, 500]]);
    expect(fig2Experiment.cells('scaled', 1)).toHaveLength(2 * 30);
    expect(fig2Experiment.cells('full', 1)[0]).toMatchObject({ id: 'sp500-alm-he', inputs: { setting: 'sp500', budget: { outer: 200, inner: 500, epochs: 5000 } } });
  });

  it('wzc-table3a: our table and the paper\'s, 60 comparisons, the verdict and its corrected claim, a figure with data', () => {
    const r = run(shrunk(table3Experiment('a'), (c) => c.inputs.rep === 0));
    const s = r.summary;
    expect(s.tables.map((t) => t.rows.length)).toEqual([12, 12]);
    expect(s.tables[0].columns).toEqual(['method', '', 'He', 'N(0, 1e-3)', 'N(0, 1e-1)', 'Glorot', 'LeCun']);
    expect(s.tables[1].rows[0]).toEqual(['ALM', 'TrainErr', '0.345 ± 0.24', '0.113 ± 0.03', '0.143 ± 0.04', '0.206 ± 0.10', '0.279 ± 0.22']);
    expect(s.paperComparisons).toHaveLength(60);
    expect(s.empirical.map((v) => v.claimId)).toEqual(['wzc.table3a.alm-best', 'wzc.table3a.alm-best.corrected']);
    for (const v of s.empirical) expect(['holds', 'violated']).toContain(v.status);
    expect(s.figures[0].rows).toHaveLength(60);
    expect(s.figures[0].rows.every((x) => x.mean === null || (typeof x.mean === 'number' && x.mean > 0))).toBe(true);
    // performance-profile costs: six methods on five (initialization, repetition) problems, positive or failed
    expect(s.profiles?.map((p) => [p.solvers.length, p.problems.length, p.costs.length])).toEqual([[6, 5, 5], [6, 5, 5]]);
    expect(s.profiles?.[0].costs.flat().every((x) => x === null || x > 0)).toBe(true);
  });

  it('wzc-table3b (S&P) and wzc-table3c (T = 500): decided by the experiment only, the paper\'s 3b beside ours, 3c without', () => {
    const b = run(shrunk(table3Experiment('b'), (c) => c.inputs.rep === 0 && c.inputs.init === 'lecun')).summary;
    expect(b.tables).toHaveLength(2);
    expect(b.empirical.map((v) => v.claimId)).toEqual(['wzc.table3b.alm-best']);
    expect(b.empirical[0].detail).toContain('decided by this experiment only');
    expect(b.notes.join(' ')).toContain('vega-datasets');
    const c = run(shrunk(table3Experiment('c'), (x) => x.inputs.rep === 0 && x.inputs.init === 'normal-1e-1')).summary;
    expect(c.tables).toHaveLength(1);
    expect(c.paperComparisons).toEqual([]);
    expect(c.notes.join(' ')).toContain('Scaled run');
  });

  it('summaries of hand-made outcomes: an all-diverged cell, a cell not run, a diverged best-init candidate', () => {
    const e = table3Experiment('a');
    const cells = e.cells('scaled', 1).filter((c) => c.inputs.rep < 2 && !(c.inputs.method === 'gdc' && c.inputs.init === 'he'));
    const results = cells.map((cell) => ({
      cell,
      result: cell.inputs.method === 'gd' && cell.inputs.init === 'glorot'
        ? { status: 'diverged' as const, trainErr: null, testErr: null, ms: 1 }
        : { status: 'completed' as const, trainErr: cell.inputs.method === 'alm' ? 0.5 : 1, testErr: cell.inputs.method === 'alm' ? 0.5 : 1, ms: 1 },
    }));
    const s = e.summarize(results, { scale: 'scaled', seed: 1 });
    const row = (m: string, w: string) => s.tables[0].rows.find((r) => r[0] === m && r[1] === w) as string[];
    expect(row('GD', 'TrainErr')[5]).toBe('diverged (2/2)');
    expect(row('GDC', 'TrainErr')[2]).toBe('—');
    expect(s.empirical[0]).toMatchObject({ claimId: 'wzc.table3a.alm-best', status: 'holds' });
    expect(s.empirical[1]).toMatchObject({ status: 'violated' });
    expect(s.profiles?.[0].problems).toHaveLength(8); // He lacks GDC: its two problems are left out
    expect(s.profiles?.[0].costs.flat()).toContain(null);
    const f = fig2Experiment.cells('scaled', 1).map((cell) => ({
      cell,
      result: cell.inputs.method === 'adam' && cell.inputs.init !== 'he'
        ? { status: 'diverged' as const, trainErr: null, testErr: null, ms: 1 }
        : { status: 'completed' as const, trainErr: cell.inputs.method === 'alm' ? 0.5 : 1, testErr: 1, ms: 5, curve: [{ ms: 0, trainErr: 2, testErr: 2 }, { ms: 5, trainErr: 1, testErr: null }] },
    }));
    const s2 = fig2Experiment.summarize(f, { scale: 'full', seed: 1 });
    expect(s2.tables[0].rows.find((r) => r[1] === 'Adam')?.[2]).toBe('He');
    expect(s2.empirical.map((v) => [v.claimId, v.status])).toEqual([['wzc.fig2.alm-best-test-sp500', 'violated'], ['wzc.fig2.alm-best-t500', 'violated']]); // equal TestErr is not lower
    expect(s2.notes.join(' ')).not.toContain('Scaled run');
  });

  it('fig1 and fig2 summaries without curves: empty figures, a violated reading, the full-scale notes', () => {
    const f1 = fig1Experiment.summarize(fig1Experiment.cells('full', 1).map((cell) => ({ cell, result: { status: 'completed' as const, trainErr: null, testErr: null, ms: 1 } })), { scale: 'full', seed: 1 });
    expect(f1.figures[0].rows).toEqual([]);
    expect(f1.empirical[0].status).toBe('violated');
    expect(f1.tables[0].rows[0][6]).toBe('NaN');
    expect(f1.notes.join(' ')).not.toContain('Scaled run');
    const f2 = fig2Experiment.summarize(fig2Experiment.cells('full', 1).filter((c) => c.inputs.method !== 'alm').map((cell) => ({ cell, result: { status: 'completed' as const, trainErr: null, testErr: 1, ms: 1 } })), { scale: 'full', seed: 1 });
    expect(f2.figures[0].rows).toEqual([]);
    expect(f2.empirical[0].status).toBe('violated'); // no ALM run
  });

  it('wzc-fig1: FeasVio per outer iteration on the three datasets, one verdict over all', () => {
    const s = run(shrunk(fig1Experiment)).summary;
    expect(s.figures[0].rows).toHaveLength(3 * (tiny.outer + 1)); // FeasVio(s⁰) = 0 plotted as null (log scale)
    expect(s.tables[0].rows.map((r) => r[0])).toEqual(['synthetic T = 10', 'S&P 500 volatility', 'synthetic T = 500']);
    expect(s.empirical).toHaveLength(1);
    expect(s.empirical[0].detail).toMatch(/synthetic T = 10: FeasVio\(s⁰\) 0\.00, peak/);
  });

  it('wzc-fig2: each method at its best initialization per dataset, TrainErr and TestErr curves against time', () => {
    const s = run(shrunk(fig2Experiment, (c) => c.inputs.init === 'lecun' || (c.inputs.setting === 'sp500' && c.inputs.init === 'glorot'))).summary;
    expect(s.tables[0].rows.map((r) => `${r[0]}: ${r[1]}`)).toEqual([
      ...['ALM', 'GD', 'GDC', 'GDNM', 'SGD', 'Adam'].map((m) => `S&P 500 volatility: ${m}`),
      ...['ALM', 'GD', 'GDC', 'GDNM', 'SGD', 'Adam'].map((m) => `synthetic T = 500: ${m}`),
    ]);
    expect(s.figures[0].rows.length).toBeGreaterThanOrEqual(2 * 2 * 6 * 3);
    expect(new Set(s.figures[0].rows.map((x) => x.dataset))).toEqual(new Set(['S&P 500 volatility', 'synthetic T = 500']));
    expect(s.empirical.map((v) => v.claimId)).toEqual(['wzc.fig2.alm-best-test-sp500', 'wzc.fig2.alm-best-t500']);
  });
});
