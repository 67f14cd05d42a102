import { describe, expect, it } from 'vitest';
import { tksExperiments } from '../../../../src/papers/tks/experiments/index.ts';
import { rho3MattersMost, tksTable2Experiment, TKS_TABLE2 } from '../../../../src/papers/tks/experiments/table2.ts';
import { FIG9_NUS, largerNuWorse, tksFig9Experiment } from '../../../../src/papers/tks/experiments/fig9.ts';
import { runTks, type TksRunOutcome } from '../../../../src/papers/tks/experiments/runs.ts';

const fake = (trainLoss: number | null): TksRunOutcome => ({
  stop: trainLoss === null ? 'diverged' : 'iterations', iterations: 3, trainLoss, heldOutLoss: trainLoss, curve: [4, 3, trainLoss], trainMs: 10,
  hyper: { nu: 1e-4, rho1: 1, rho2: 1, rho3: 1, r: 1, omega: 0 },
});

describe('TKS experiments', () => {
  it('tks-table2 has the paper\'s seven rows of 20 iterations; tks-fig9 the five ν', () => {
    expect(tksExperiments().map((e) => e.name)).toEqual(['tks-table2', 'tks-fig7', 'tks-fig9', 'tks-fig11']);
    const cells = tksTable2Experiment.cells('scaled', 2);
    expect(cells.map((c) => c.inputs.factors)).toEqual(TKS_TABLE2.map(({ rho1, rho2, rho3, r }) => ({ rho1, rho2, rho3, r })));
    expect(cells.every((c) => c.inputs.iterations === 20 && c.inputs.seed === 2)).toBe(true);
    expect(tksFig9Experiment.cells('full', 1).map((c) => [c.inputs.nu, c.inputs.iterations])).toEqual(FIG9_NUS.map((nu) => [nu, 1000]));
  });

  it('"ρ3 matters most": the best row is a ρ3 row and the ρ3-only rows move the loss more than ρ1 or ρ2 (r aside)', () => {
    const rows = (losses: (number | null)[]) => TKS_TABLE2.map(({ rho1, rho2, rho3, r }, i) => ({ factors: { rho1, rho2, rho3, r }, trainLoss: losses[i] }));
    expect(rho3MattersMost(rows([1, 1.1, 1.1, 0.5, 2, 1.05, 2])).holds).toBe(true);
    expect(rho3MattersMost(rows([1, 1.1, 1.1, 0.5, 1.2, 5, 2])).holds).toBe(true); // r moving more does not matter
    expect(rho3MattersMost(rows([1, 3, 1.1, 0.9, 1.2, 1.05, 2])).holds).toBe(false);
    expect(rho3MattersMost(rows([1, 0.8, 1.1, 0.9, 1.2, 1.05, 2])).holds).toBe(false); // best row changes ρ1
    expect(rho3MattersMost(rows([1, 1.1, 1.1, 0.9, null, 1, 2])).holds).toBe(true);
    expect(rho3MattersMost(rows([null, 1, 1, 1, 1, 1, 1]))).toEqual({ holds: false, detail: 'the base row (all 1) diverged or is missing' });
  });

  it('"larger ν worse, small ν alike": the loss never falls as ν grows (1% slack), the two smallest ν within 1%', () => {
    const by = (l: (number | null)[]) => FIG9_NUS.map((nu, i) => ({ nu, trainLoss: l[i] }));
    expect(largerNuWorse(by([3, 2.5, 2.2, 2.1, 2.105])).holds).toBe(true);
    expect(largerNuWorse(by([2, 2.5, 2.2, 2.1, 2.105])).holds).toBe(false);
    expect(largerNuWorse(by([3, 2.5, 2.2, 2.1, 1.9])).holds).toBe(false);
    const measured = largerNuWorse(by([3.168, 2.334, 2.341, 2.841, 2.876])); // tks-fig9, seed 1, 50 iterations
    expect(measured.holds).toBe(false);
    expect(measured.detail).toContain('ν = 0.000001 ends worse than ν = 0.0001');
    expect(largerNuWorse(by([null, 2.5, 2.2, 2.1, 2.1])).detail).toContain('0.01: diverged');
  });

  it('summaries: the table beside the paper\'s, a figure with data, one verdict each', () => {
    const t2 = tksTable2Experiment.summarize(tksTable2Experiment.cells('scaled', 1).map((cell, i) => ({ cell, result: fake(i === 4 ? null : 2 + i / 10) })), { scale: 'scaled', seed: 1 });
    expect(t2.tables[0].rows).toHaveLength(7);
    expect(t2.tables[0].rows[4][4]).toBe('diverged');
    expect(t2.paperComparisons).toHaveLength(7);
    expect(t2.figures[0].rows).toHaveLength(14);
    expect(t2.empirical[0].claimId).toBe('tks.table2.rho3-matters-most');
    const f9 = tksFig9Experiment.summarize(tksFig9Experiment.cells('scaled', 1).map((cell) => ({ cell, result: fake(2) })), { scale: 'scaled', seed: 1 });
    expect(f9.figures[0].rows).toHaveLength(5 * 3);
    expect(f9.notes.join(' ')).toContain('Scaled run: 50 iterations');
    expect(f9.empirical.map((v) => [v.claimId, v.status])).toEqual([['tks.fig9.larger-nu-worse', 'holds'], ['tks.fig9.larger-nu-worse.corrected', 'violated']]);
  });

  it('runTks: a short run through the tks-admmirnn method, with scaled or set hyperparameters', () => {
    const a = runTks({ iterations: 1, seed: 1, scale: { rho3: 10 }, set: { nu: 1e-6 } });
    expect(a.iterations).toBe(1);
    expect(a.curve).toHaveLength(1);
    expect(a.hyper.rho3).toBeCloseTo(10 * a.hyper.rho1, 12);
    expect(a.hyper.nu).toBe(1e-6);
    expect(a.trainLoss).toBeGreaterThan(0);
  }, 30_000);
});
