import { describe, expect, it } from 'vitest';
import { FIG11_CLAIMS, tksFig11Experiment } from '../../../../src/papers/tks/experiments/fig11.ts';
import { tksExperiments } from '../../../../src/papers/tks/experiments/index.ts';
import { apBeforeSpBeforeVanilla, median, timesToLoss, vanillaFirst } from '../../../../src/papers/tks/claims/_internals/fig11Stats.ts';
import type { Fig11RunResult } from '../../../../src/papers/tks/claims/_internals/fig11Runs.ts';

/** A hand-made run: time to the common loss per variant (null: never). */
const run = (t: { vanilla: number | null; sp: number | null; ap: number | null }): Fig11RunResult => ({
  variants: (['vanilla', 'sp', 'ap'] as const).map((variant) => ({
    variant, iterations: 100, trainMs: 1000, itersPerSec: 100, targetLoss: 2.5, timeToLoss: t[variant], itersToLoss: t[variant] === null ? null : 50,
    finalLoss: 2.4, heldOutLoss: variant === 'ap' ? null : 2.45, trainLoss: 2.4, curve: [[50, 500, 2.6], [100, 1000, 2.4]],
  })),
  load: [3, 4],
});

describe('TKS Figs 11–12: the decision rules', () => {
  it('median: odd, even, never = +∞, empty = NaN', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([1, null])).toBe(Infinity);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('"AP before SP before vanilla" and "vanilla first", on median times over runs', () => {
    const paper = [run({ vanilla: 300, sp: 200, ap: 100 })];
    expect(apBeforeSpBeforeVanilla(paper).holds).toBe(true);
    expect(vanillaFirst(paper).holds).toBe(false);
    const ours = [run({ vanilla: 100, sp: 300, ap: 200 }), run({ vanilla: 120, sp: 250, ap: null }), run({ vanilla: 90, sp: 260, ap: 220 })];
    expect(timesToLoss(ours)).toEqual({ vanilla: 100, sp: 260, ap: 220 });
    const d = apBeforeSpBeforeVanilla(ours);
    expect(d.holds).toBe(false);
    expect(d.detail).toContain('SP is clearly after vanilla');
    expect(d.decided).toBe(true);
    expect(d.detail).not.toContain('AP is clearly after SP');
    expect(d.detail).toContain('load average 3.0–4.0');
    expect(vanillaFirst(ours).holds).toBe(true);
    expect(apBeforeSpBeforeVanilla([run({ vanilla: 100, sp: 50, ap: null })]).detail).toContain('AP is clearly after SP');
  });

  it('does not compare wall times when the machine was busy while vanilla ran', () => {
    const busy = [{ ...run({ vanilla: 470, sp: 370, ap: 480 }), vanillaBusyCores: 1.9 }];
    for (const d of [apBeforeSpBeforeVanilla(busy), vanillaFirst(busy)]) {
      expect(d).toMatchObject({ decided: false, holds: false });
      expect(d.detail).toContain('the machine was busy while vanilla ran (1.90 cores busy');
    }
    const quiet = [{ ...run({ vanilla: 240, sp: 310, ap: 330 }), vanillaBusyCores: 1.05 }, { ...run({ vanilla: 250, sp: 320, ap: 330 }), vanillaBusyCores: null }];
    expect(vanillaFirst(quiet)).toMatchObject({ decided: true, holds: true });
  });

  it('leaves wall times within 1.25× of each other undecided (a loaded machine), never reversed', () => {
    const close = [run({ vanilla: 480, sp: 440, ap: 450 })];
    for (const d of [apBeforeSpBeforeVanilla(close), vanillaFirst(close)]) {
      expect(d.decided).toBe(false);
      expect(d.detail).toContain('not ordered by this measurement');
    }
    const quiet = [run({ vanilla: 240, sp: 310, ap: 330 })];
    expect(vanillaFirst(quiet)).toMatchObject({ decided: true, holds: true });
    expect(apBeforeSpBeforeVanilla(quiet)).toMatchObject({ decided: true, holds: false });
    expect(vanillaFirst([run({ vanilla: 400, sp: 300, ap: 310 })])).toMatchObject({ decided: true, holds: false });
  });
});

describe('tks-fig11', () => {
  it('is listed; cells: one initialization scaled, three at full, the paper\'s text sizes', () => {
    expect(tksExperiments().map((e) => e.name)).toContain('tks-fig11');
    expect(tksFig11Experiment.cells('scaled', 4).map((c) => [c.id, c.inputs.iterations])).toEqual([['init4', 200]]);
    const full = tksFig11Experiment.cells('full', 1);
    expect(full.map((c) => c.inputs.seed)).toEqual([1, 2, 3]);
    expect(full[0].inputs.setup).toEqual({ chars: null, N: 25, B: 32, hidden: 100 });
  });

  it('summary from hand-made results: table per variant, figure with both axes, both verdicts, the load in the note', () => {
    const cells = tksFig11Experiment.cells('full', 1);
    const results = cells.map((cell, i) => ({ cell, result: run({ vanilla: 100 + i, sp: 300, ap: 200 }) }));
    const s = tksFig11Experiment.summarize(results, { scale: 'full', seed: 1 });
    expect(s.tables[0].rows.map((r) => r[0])).toEqual(['vanilla', 'SP', 'AP']);
    expect(s.tables[0].rows[0][3]).toBe('0.10');
    expect(s.tables[0].rows[2][6]).toBe('diverged');
    expect(s.tables[0].note).toContain('3.0–4.0');
    expect(s.figures[0].rows).toHaveLength(3 * 3 * 2 * 2);
    expect(new Set(s.figures[0].rows.map((r) => r.axis))).toEqual(new Set(['iteration', 'wall time (s)']));
    expect(s.empirical.map((v) => [v.claimId, v.status])).toEqual([[FIG11_CLAIMS.literal, 'violated'], [FIG11_CLAIMS.corrected, 'holds']]);
    expect(s.paperComparisons[0].paper).toContain('266.53');
    expect(s.notes.join(' ')).not.toContain('Scaled run');
    const scaled = tksFig11Experiment.summarize(results.slice(0, 1), { scale: 'scaled', seed: 1 });
    expect(scaled.notes.join(' ')).toContain('Scaled run: 200 iterations');
  });
});
