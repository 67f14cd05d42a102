import { describe, expect, it } from 'vitest';
import { fig7Cells } from '../../../../src/papers/tks/experiments/fig7.ts';
import { compareSpread, fig7Verdict, FIG7_INITS, FIG7_LR_FACTORS, selectedGroups, FIG7_SCALED, fQuantile, smallerSpread, spread, tksFig7Experiment, type Fig7Inputs } from '../../../../src/papers/tks/experiments/fig7.ts';
import { FIG7_METHODS, runFig7, type Fig7Method, type Fig7RunResult } from '../../../../src/papers/tks/claims/_internals/fig7Runs.ts';
import type { CellResult } from '../../../../src/engine/experiments/types.ts';
import { gradientVariesLess } from '../../../../src/papers/tks/claims/_internals/fig7Stats.ts';
import { nuInteriorBest } from '../../../../src/papers/tks/claims/_internals/sec4Stats.ts';
import { FULL_TEXT, textTaskOf } from '../../../../src/papers/tks/claims/_internals/textRuns.ts';

const around = (mean: number, std: number, n = 10): number[] => Array.from({ length: n }, (_, i) => mean + std * (i % 2 === 0 ? 1 : -1) * Math.sqrt((n - 1) / n));
const finals = (f: Partial<Record<Fig7Method, (number | null)[]>>) => ({
  finals: { admmirnn: around(2.5, 0.01), sgd: around(3, 0.1), adam: around(2.8, 0.1), rmsprop: around(2.8, 0.1), ...f },
  unigram: 2.98,
});

describe('TKS Fig. 7: the spread decision rule', () => {
  it('spread: mean, sample std, min–max; a diverged run makes the std infinite', () => {
    const s = spread([1, 2, 3]);
    expect([s.n, s.mean, s.std, s.min, s.max]).toEqual([3, 2, 1, 1, 3]);
    expect(spread([1, null]).std).toBe(Infinity);
    expect(spread([4]).std).toBe(0);
    expect(Number.isNaN(spread([]).mean)).toBe(true);
  });

  it('fQuantile matches tables (F_0.95(9, 9) = 3.179, F_0.95(4, 4) = 6.388)', () => {
    expect(fQuantile(0.95, 9, 9)).toBeCloseTo(3.1789, 3);
    expect(fQuantile(0.95, 4, 4)).toBeCloseTo(6.3882, 3);
  });

  it('compareSpread: smaller / larger beyond the F quantile, unclear inside it, infinite std is the larger', () => {
    const s = (std: number, n = 10) => ({ n, mean: 2, std, min: 1, max: 3 });
    expect(compareSpread(s(0.01), s(0.1))).toBe('smaller');
    expect(compareSpread(s(0.1), s(0.01))).toBe('larger');
    expect(compareSpread(s(0.05), s(0.06))).toBe('unclear');
    expect(compareSpread(s(Infinity), s(0.1))).toBe('larger');
    expect(compareSpread(s(0.1), s(Infinity))).toBe('smaller');
    expect(compareSpread(s(Infinity), s(Infinity))).toBe('unclear');
    expect(compareSpread(s(0.01, 1), s(0.1))).toBe('unclear');
  });

  it('holds, violated, inconclusive, vacuous', () => {
    expect(smallerSpread(finals({})).status).toBe('holds');
    const v = smallerSpread(finals({ adam: around(2.8, 0.001) }));
    expect(v.status).toBe('violated');
    expect(v.detail).toContain('Adam vary less than ADMMiRNN');
    const i = smallerSpread(finals({ rmsprop: around(2.8, 0.012) }));
    expect(i.status).toBe('inconclusive');
    expect(i.detail).toContain('not clearly smaller than RMSProp');
    // ADMMiRNN that does not move: zero spread, but nothing trained
    const z = smallerSpread(finals({ admmirnn: around(3.9, 0) }));
    expect(z.status).toBe('vacuous');
    expect(z.detail).toContain('has not trained');
    expect(z.detail).toContain('is not the lowest');
    // a baseline that does not train is named; a diverged baseline has the larger spread
    expect(smallerSpread(finals({ sgd: [...around(3.5, 0.1, 9), null] })).status).toBe('holds');
    expect(smallerSpread(finals({ sgd: around(3.5, 0.1) })).detail).toContain('barely trained, so a small spread of theirs says little): SGD');
    expect(smallerSpread(finals({ admmirnn: [...around(2.5, 0.01, 9), null] })).status).toBe('violated');
  });
});

describe('tks-fig7', () => {
  it('cells: 10 initializations of ADMMiRNN and of SGD, Adam, RMSProp at each learning rate; full = the paper\'s sizes', () => {
    const c = tksFig7Experiment.cells('scaled', 5);
    expect(c).toHaveLength((1 + 3 * FIG7_LR_FACTORS.length) * FIG7_INITS);
    expect(c[0]).toEqual({ id: 'admmirnn-init5', inputs: { method: 'admmirnn', seed: 5, epochs: 12, setup: FIG7_SCALED, lrFactor: 1 } });
    expect(c[FIG7_INITS + 1].id).toBe('sgd-lr1x-init6');
    expect(c.filter((x) => x.inputs.method === 'adam' && x.inputs.lrFactor === 10)).toHaveLength(FIG7_INITS);
    expect(tksFig7Experiment.cells('full', 1)[0].inputs.setup).toEqual({ chars: null, N: 25, B: 32, hidden: 100 });
  });

  it('summary from hand-made results: table, bands with data, the verdict under the ledger id', () => {
    // at 10× the baselines end lower, except SGD, whose 10× runs diverge once (never selected)
    const fake = (m: Fig7Method, i: number, lr: number): Fig7RunResult => {
      const end = m === 'admmirnn' ? 2.5 + 0.001 * i : (lr === 10 ? 2.7 : 2.8) + 0.05 * i;
      const diverged = m === 'sgd' && lr === 10 && i === 9;
      return { heldOut: [3.9, 3, diverged ? null : end], train: [3, end], finalTrain: end, finalHeldOut: diverged ? null : end, unigram: 2.98, diverged, trainMs: 100 };
    };
    const results: CellResult<Fig7Inputs, Fig7RunResult>[] = tksFig7Experiment.cells('scaled', 1).map((cell) => ({ cell, result: fake(cell.inputs.method, cell.inputs.seed - 1, cell.inputs.lrFactor) }));
    const s = tksFig7Experiment.summarize(results, { scale: 'scaled', seed: 1 });
    expect(s.tables[0].rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(['ADMMiRNN —', 'SGD 1× (compared)', 'SGD 10×', 'Adam 1×', 'Adam 10× (compared)', 'RMSProp 1×', 'RMSProp 10× (compared)']);
    expect(s.tables[0].rows[2][7]).toBe('1');
    expect(s.figures[0].rows).toHaveLength(4 * (3 + 2));
    expect(s.figures[0].rows.find((r) => r.method === 'Adam' && r.epoch === 2 && r.measure === 'held-out loss')?.mean).toBeCloseTo(2.7 + 0.05 * 4.5, 12);
    expect(selectedGroups(results).sgd.lrFactor).toBe(1);
    expect(fig7Verdict(results).detail).toContain('SGD 1×, Adam 10×, RMSProp 10×');
    expect(s.empirical).toEqual([
      expect.objectContaining({ claimId: 'tks.fig7.smaller-spread', status: 'holds' }),
      expect.objectContaining({ claimId: 'tks.fig7.smaller-spread.corrected', status: 'violated' }),
    ]);
    expect(s.paperComparisons[0].paper).toContain('no numbers');
    expect(s.notes.join(' ')).toContain('Scaled run: 12 epochs');
    expect(fig7Verdict(results).status).toBe('holds');
  });

  it('a diverged run: band without std, the summary still decides', () => {
    const cells = fig7Cells(FIG7_SCALED, 2, 1, 3).filter((c) => c.inputs.lrFactor === 1);
    const results = cells.map((cell) => {
      const bad = cell.inputs.seed === 3 && (cell.inputs.method === 'admmirnn' || cell.inputs.method === 'sgd');
      return { cell, result: { heldOut: [3.9, bad ? null : 3], train: [3], finalTrain: 3, finalHeldOut: bad ? null : 2.9 + cell.inputs.seed / 100, unigram: 2.98, diverged: bad, trainMs: 1 } };
    });
    const s = tksFig7Experiment.summarize(results, { scale: 'full', seed: 1 });
    expect(s.figures[0].rows.find((r) => r.method === 'SGD' && r.epoch === 1 && r.measure === 'held-out loss')?.lo).toBeNull();
    expect(s.empirical[0].status).toBe('violated'); // ADMMiRNN's own run diverged: Adam and RMSProp vary less
    expect(s.notes.join(' ')).not.toContain('Scaled run');
  });

  it('runFig7: every method starts from the same weights for the same seed and logs held-out loss per epoch', () => {
    const setup = { chars: 2000, N: 10, B: 4, hidden: 6 };
    const runs = FIG7_METHODS.map((m) => runFig7(m, setup, 2, 3));
    for (const r of runs) {
      expect(r.heldOut).toHaveLength(3);
      expect(r.train).toHaveLength(2);
      expect(r.heldOut[0]).toBeCloseTo(runs[0].heldOut[0] as number, 10);
      expect(r.finalHeldOut).toBeCloseTo(r.heldOut[2] as number, 10);
      expect(r.diverged).toBe(false);
    }
    expect(runs[0].unigram).toBeCloseTo(runs[1].unigram, 12);
  }, 20_000);
});

describe('the corrected readings of Figs. 7 and 9', () => {
  it('gradientVariesLess: a trained baseline that is lower and clearly less spread', () => {
    const cells = fig7Cells(FIG7_SCALED, 2, 1, 10, [10]);
    const mk = (spreadOf: (m: string) => number, meanOf: (m: string) => number) => cells.map((cell) => {
      const i = cell.inputs.seed - 1, m = cell.inputs.method;
      const end = meanOf(m) + spreadOf(m) * (i % 2 === 0 ? 1 : -1);
      return { cell, result: { heldOut: [3.9, end], train: [end], finalTrain: end, finalHeldOut: end, unigram: 2.98, diverged: false, trainMs: 1 } };
    });
    const ours = gradientVariesLess(mk((m) => (m === 'rmsprop' ? 0.01 : 0.05), (m) => (m === 'admmirnn' ? 2.7 : m === 'sgd' ? 3.05 : 2.5)));
    expect(ours.holds).toBe(true);
    expect(ours.detail).toContain('RMSProp');
    expect(gradientVariesLess(mk((m) => (m === 'admmirnn' ? 0.01 : 0.05), () => 2.5)).holds).toBe(false);
    // less spread but not lower, or lower but untrained: no
    expect(gradientVariesLess(mk((m) => (m === 'admmirnn' ? 0.05 : 0.01), (m) => (m === 'admmirnn' ? 2.5 : 2.7))).holds).toBe(false);
  });

  it('nuInteriorBest: the best ν is intermediate and both extremes end > 1% worse', () => {
    const by = (l: (number | null)[]) => [1e-2, 1e-3, 1e-4, 1e-6, 1e-8].map((nu, i) => ({ nu, trainLoss: l[i] }));
    expect(nuInteriorBest(by([3.168, 2.334, 2.341, 2.841, 2.876])).holds).toBe(true); // tks-fig9, hidden 100, seed 1
    expect(nuInteriorBest(by([2.722, 2.645, 3.031, 3.241, 3.244])).holds).toBe(true); // the ledger's tiny run
    const flat = nuInteriorBest(by([3, 2.5, 2.4, 2.41, 2.42]));
    expect(flat.holds).toBe(false);
    expect(flat.detail).toContain('not clearly (> 0.01) worse than the best: ν = 0.000001, ν = 1e-8');
    expect(nuInteriorBest(by([2, 2.5, 2.4, 3, 3])).holds).toBe(false); // the largest ν is the best
    expect(nuInteriorBest(by([null, 2.5, 2.4, 3, null])).holds).toBe(true);
    expect(nuInteriorBest([{ nu: 1e-2, trainLoss: 1 }, { nu: 1e-3, trainLoss: 1 }]).detail).toContain('needs a ν ≤ 1e-6');
  });
});

describe('edges of the Fig. 7 and text-run helpers', () => {
  it('selectedGroups: a method without results is an empty group at 1×; summary of nothing says so', () => {
    const only = fig7Cells(FIG7_SCALED, 1, 1, 2, [10]).filter((c) => c.inputs.method !== 'sgd')
      .map((cell) => ({ cell, result: { heldOut: [3], train: [], finalTrain: 2.5, finalHeldOut: 2.5, unigram: 2.98, diverged: false, trainMs: 1 } }));
    const g = selectedGroups(only);
    expect(g.sgd).toEqual({ method: 'sgd', lrFactor: 1, runs: [] });
    expect(fig7Verdict(only).detail).toContain('SGD none ± 0');
  });

  it('textTaskOf: the whole text for the paper\'s sizes, a slice otherwise; runFig7 refuses an unknown method', () => {
    expect(textTaskOf(FULL_TEXT).task.J).toBeGreaterThan(100);
    expect(textTaskOf({ chars: 2000, N: 10, B: 4, hidden: 4 }).task.train.length).toBe(1800);
    expect(() => runFig7('lbfgs' as Fig7Method, { chars: 2000, N: 10, B: 4, hidden: 4 }, 1, 1)).toThrow('no baseline lbfgs');
  });
});
