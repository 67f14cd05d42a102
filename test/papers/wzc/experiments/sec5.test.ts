/** The runs and statistics behind WZC §5's experiments and empirical claims (claims/_internals/sec5*.ts). */
import { describe, expect, it } from 'vitest';
import { almProblem, runMethod, sec5Data, table3Runs, type RunOutcome } from '../../../../src/papers/wzc/claims/_internals/sec5Runs.ts';
import { almBest, almLowest, feasVioToZero, fmt, meanStd, miniBatchBelowAlm, table3Cells, type Table3Cell } from '../../../../src/papers/wzc/claims/_internals/sec5Stats.ts';
import { TABLE4 } from '../../../../src/papers/wzc/claims/_internals/sec5Tables.ts';

const tiny = { outer: 2, inner: 2, epochs: 2 };
const out = (trainErr: number | null, testErr: number | null, status: RunOutcome['status'] = 'completed'): RunOutcome => ({ status, trainErr, testErr, ms: 1 });

describe('sec5Runs', () => {
  it('the ALM and a baseline start from the same s⁰ on the same data (equal errors before the first step)', () => {
    const spec = { setting: 'synthetic-T10' as const, dataSeed: 3, init: 'glorot' as const, repSeed: 5, budget: tiny, curve: true };
    const alm = runMethod({ ...spec, method: 'alm' });
    const gd = runMethod({ ...spec, method: 'gd' });
    expect(alm.curve?.[0].trainErr).toBeCloseTo(gd.curve?.[0].trainErr as number, 12);
    expect(alm.curve?.[0].testErr).toBeCloseTo(gd.curve?.[0].testErr as number, 12);
    expect(alm.curve).toHaveLength(tiny.outer + 1);
    expect(gd.curve).toHaveLength(tiny.epochs + 1);
  });

  it('is deterministic given its inputs, and uses Table 4\'s learning rate and clipping norm', () => {
    const spec = { method: 'gdc' as const, setting: 'synthetic-T10' as const, dataSeed: 1, init: 'he' as const, repSeed: 2, budget: tiny };
    const a = runMethod(spec), b = runMethod(spec);
    expect([a.trainErr, a.testErr]).toEqual([b.trainErr, b.testErr]);
    expect({ lr: a.lr, clip: a.clip }).toEqual(TABLE4['synthetic-T10'].gdc.he);
  });

  it('records FeasVio from the feasible start (0) after every ALM iteration', () => {
    const r = runMethod({ method: 'alm', setting: 'synthetic-T10', dataSeed: 1, init: 'normal-1e-1', repSeed: 1, budget: tiny, feasVio: true });
    expect(r.feasVio).toHaveLength(tiny.outer + 1);
    expect(r.feasVio?.[0]).toBe(0);
    expect(r.feasVio?.[1]).toBeGreaterThan(0);
  });

  it('the S&P series: r = 20, four inputs, one output, 90/10 split, Table 2\'s S&P row', () => {
    const d = sec5Data('sp500', 0);
    expect(d.dims).toMatchObject({ n: 4, m: 1, r: 20 });
    expect(sec5Data('sp500', 99)).toBe(d); // the seed draws only the initializations
    const p = almProblem('sp500', 0, { outer: 3, inner: 4 });
    expect(p.T1 + p.T2).toBe(d.dims.T);
    expect(p.T2).toBe(d.dims.T - Math.round(0.9 * d.dims.T));
    expect(p.settings).toMatchObject({ outer: 3, inner: 4, eta3: 0.01 });
    const r = runMethod({ method: 'adam', setting: 'sp500', dataSeed: 0, init: 'lecun', repSeed: 1, budget: tiny });
    expect(r.status).toBe('completed');
    expect(r.testErr).toBeGreaterThan(0);
  });

  it('a diverging baseline is reported as diverged with the errors of its last finite iterate', () => {
    // GD with Table 4's η = 1 under Glorot on synthetic T = 10 diverges for some seeds (the scaled run: 4 of 10)
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((rep) => runMethod({ method: 'gd', setting: 'synthetic-T10', dataSeed: 1, init: 'glorot', repSeed: 1 + rep, budget: { ...tiny, epochs: 500 } }));
    const diverged = runs.filter((r) => r.status === 'diverged');
    expect(diverged.length).toBeGreaterThan(0);
    for (const r of diverged) expect(r.trainErr === null || Number.isFinite(r.trainErr)).toBe(true);
  });

  it('table3Runs: every method × initialization × repetition, and the same array again for the same inputs', () => {
    const a = table3Runs('synthetic-T10', 4, 1, tiny);
    expect(a).toHaveLength(6 * 5);
    expect(table3Runs('synthetic-T10', 4, 1, tiny)).toBe(a);
    for (let s = 10; s < 15; s++) table3Runs('synthetic-T10', s, 1, { ...tiny, epochs: 1 }); // evicts the oldest
    expect(table3Runs('synthetic-T10', 4, 1, tiny)).not.toBe(a);
  });
});

describe('sec5Stats', () => {
  it('meanStd: sample std, finite values only', () => {
    expect(meanStd([1, 2, 3])).toEqual({ mean: 2, std: 1, n: 3 });
    expect(meanStd([5, null, NaN])).toEqual({ mean: 5, std: 0, n: 1 });
    expect(meanStd([null]).mean).toBeNaN();
  });

  const cell = (method: Table3Cell['method'], init: Table3Cell['init'], train: number, test: number): { method: Table3Cell['method']; init: Table3Cell['init']; outcome: RunOutcome }[] =>
    [{ method, init, outcome: out(train, test) }];

  it('table3Cells leaves diverged repetitions out and counts them', () => {
    const c = table3Cells([...cell('gd', 'he', 1, 2), { method: 'gd', init: 'he', outcome: out(1e300, 1e300, 'diverged') }]);
    expect(c).toEqual([{ method: 'gd', init: 'he', runs: 2, diverged: 1, train: { mean: 1, std: 0, n: 1 }, test: { mean: 2, std: 0, n: 1 } }]);
  });

  it('almLowest / almBest: strict, per initialization; a cell with no finite repetition never wins', () => {
    const cells = table3Cells([
      ...cell('alm', 'he', 1, 5), ...cell('gd', 'he', 2, 4),
      ...cell('alm', 'lecun', 1, 1), { method: 'gd', init: 'lecun', outcome: out(null, null, 'diverged') }, ...cell('sgd', 'lecun', 3, 3),
    ]);
    expect(almLowest(cells, 'train').holds).toBe(true);
    const test = almLowest(cells, 'test');
    expect(test).toEqual({ holds: false, detail: expect.stringContaining('not lowest under 1 of 2 initializations — he: ALM 5.00 vs best other GD 4.00') });
    expect(almBest(cells).holds).toBe(false);
    expect(() => almLowest(table3Cells(cell('gd', 'he', 1, 1)), 'train')).toThrow(/no ALM cell/);
  });

  it('miniBatchBelowAlm compares the better of SGD and Adam with the ALM', () => {
    const cells = table3Cells([...cell('alm', 'he', 1, 1), ...cell('sgd', 'he', 2, 1), ...cell('adam', 'he', 0.5, 1)]);
    expect(miniBatchBelowAlm(cells, 'he').holds).toBe(true);
    expect(miniBatchBelowAlm(table3Cells([...cell('alm', 'he', 0.1, 1), ...cell('sgd', 'he', 2, 1), { method: 'adam', init: 'he', outcome: out(null, null, 'diverged') }]), 'he').holds).toBe(false);
    expect(() => miniBatchBelowAlm(cells, 'glorot')).toThrow(/missing/);
  });

  it('feasVioToZero: the peak after the start and the last value at most 1% of it', () => {
    expect(feasVioToZero([0, 1, 0.5, 0.005]).holds).toBe(true);
    expect(feasVioToZero([0, 1, 0.5, 0.02]).holds).toBe(false);
    expect(feasVioToZero([2, 1, 0.001]).holds).toBe(false); // the peak is the start
    expect(feasVioToZero([0, 1])).toEqual({ holds: false, detail: 'only 2 values' });
  });

  it('fmt: three significant digits, exponents for tiny and huge values', () => {
    expect([fmt(0.0123456), fmt(12.345), fmt(1e-5), fmt(123456), fmt(0), fmt(NaN)]).toEqual(['0.0123', '12.3', '1.00e-5', '1.23e+5', '0.00', 'NaN']);
  });
});
