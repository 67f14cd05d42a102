/** wzc-alm as a TrainingMethod, driven through the interface alone (as experiments will). */
import { describe, it, expect } from 'vitest';
import { wzcAlm, DEFAULT_INIT, type WzcFlags } from '../../../src/papers/wzc/method.ts';
import type { ProgressEvent } from '../../../src/engine/method.ts';
import { FieldError } from '../../../src/core/fields.ts';
import { instanceToJson } from '../../../src/papers/wzc/instance.ts';
import { runAlm, tableTwo } from '../../../src/papers/wzc/solver/index.ts';
import { generateSetting, generateSynthetic } from '../../../src/papers/wzc/problem/synthetic.ts';
import { initSeedFor, initWeights } from '../../../src/papers/wzc/problem/init.ts';
import { sliceRows } from '../../../src/models/dataset.ts';

const dims = { T: 8, n: 2, m: 1, r: 3 };
const gen = generateSynthetic(dims, { seed: 42 });
const init = initWeights(dims, 'lecun', 43);
const text = instanceToJson({ data: gen.data, init, split: 0.75, params: { outer: 2, inner: 4, eta1: 0.9, eta3: 2 } }, dims.r);
const fromFile = (flags: Partial<WzcFlags> = {}, seed = 1) => wzcAlm.prepare({ instance: { file: 'tiny.json', text }, flags, seed });
const meta = { command: ['lagrangelab', 'train'], seed: 1 };

describe('wzc-alm prepare', () => {
  it('settings: Table 2 (sp500 row without a setting), then the instance params, then flags', () => {
    const { instance, warnings } = fromFile({ outer: 3, eps0: 0 });
    const table = tableTwo('sp500', instance.prob.data.dims);
    expect(instance.settings).toEqual({ ...table.params, inner: 4, eta1: 0.9, eta3: 2, outer: 3, eps0: 0 });
    expect(instance.prob.lambda).toEqual(table.lambda);
    expect([instance.T1, instance.T2]).toEqual([6, 2]);
    expect(instance.source).toEqual({ kind: 'instance', file: 'tiny.json' });
    expect(warnings).toEqual([]); // η3 = 2 from the instance: no Table 2 warning
  });

  it('--generate draws the §5.1 data from the seed and uses that Table 2 row', () => {
    const { instance, warnings } = wzcAlm.prepare({ flags: { generate: 'synthetic-T10' }, seed: 5 });
    const data = generateSetting('synthetic-T10', 5).data;
    expect(instance.full.X).toEqual(data.X);
    expect(instance.setting).toBe('synthetic-T10');
    expect(instance.settings).toEqual(tableTwo('synthetic-T10', instance.prob.data.dims).params);
    expect(warnings).toEqual([expect.stringMatching(/^η3 \(Table 2, synthetic-T10\) = 0\.01 ≤ 1/)]);
  });

  it('needs exactly one data source; bad instance text is a FieldError naming the JSON path', () => {
    expect(() => wzcAlm.prepare({ flags: {}, seed: 1 })).toThrow(FieldError);
    expect(() => wzcAlm.prepare({ instance: { file: 'a', text }, flags: { generate: 'synthetic-T10' }, seed: 1 })).toThrow(/give exactly one/);
    expect(() => wzcAlm.prepare({ instance: { file: 'a', text: '{"X": [[1]], "Y": [[1]], "hidden": 0}' }, flags: {}, seed: 1 })).toThrow(/^hidden: must be a positive integer/);
  });

  it('flag parsers name their flag', () => {
    expect(wzcAlm.flags.outer.parse('7', '--outer')).toBe(7);
    expect(() => wzcAlm.flags.outer.parse('0', '--outer')).toThrow(/^--outer: must be an integer in 1\.\.100000000/);
    expect(() => wzcAlm.flags.eps0.parse('-1', '--eps0')).toThrow(/^--eps0: must be a finite number ≥ 0/);
    expect(() => wzcAlm.flags.init.parse('xavier', '--init')).toThrow(/^--init: unknown initialization "xavier"/);
    expect(() => wzcAlm.flags.generate.parse('mnist', '--generate')).toThrow(/^--generate: unknown setting "mnist"/);
    expect(wzcAlm.flags.generate.source).toBe(true);
  });

  it('the run-file command order names every flag', () => {
    expect(wzcAlm.commandOrder).toEqual(expect.arrayContaining([...Object.keys(wzcAlm.flags), 'instance', 'seed']));
  });
});

describe('wzc-alm run', () => {
  it('runs Algorithm 3.1 from the instance init; the run file holds exactly the solver result', () => {
    const { instance } = fromFile();
    const res = wzcAlm.run(instance, { seed: 1 });
    expect(res.status).toBe('done');
    if (res.status !== 'done') return;
    const train = sliceRows(gen.data, 0, 6);
    const direct = runAlm({ data: train, activation: { kind: 'relu' }, lambda: instance.prob.lambda }, init, instance.settings);
    expect(Array.from(res.alm.s.z.W)).toEqual(Array.from(direct.s.z.W));
    const file = wzcAlm.runFile(instance, res, meta);
    expect(file.init).toBe('instance');
    expect(wzcAlm.outcome(file).diverged).toBe(false);
    expect(wzcAlm.readRunFile(JSON.stringify(file))).toEqual(file);
  });

  it('--init (or no instance init) draws s⁰ from the run seed', () => {
    const { instance } = fromFile({ init: 'he' });
    const a = wzcAlm.run(instance, { seed: 7 });
    const b = wzcAlm.run(instance, { seed: 8 });
    if (a.status !== 'done' || b.status !== 'done') throw new Error('diverged');
    const direct = runAlm(instance.prob, initWeights(instance.prob.data.dims, 'he', initSeedFor(7)), instance.settings);
    expect(Array.from(a.alm.s.z.V)).toEqual(Array.from(direct.s.z.V));
    expect(Array.from(a.alm.s.z.V)).not.toEqual(Array.from(b.alm.s.z.V));
    const gen10 = wzcAlm.prepare({ flags: { generate: 'synthetic-T10', outer: 1 }, seed: 3 }).instance;
    expect(wzcAlm.runFile(gen10, wzcAlm.run(gen10, { seed: 3 }), meta).init).toBe(DEFAULT_INIT);
  });

  it('observer: a warning before start, one progress event per outer iteration; results do not depend on it', () => {
    const { instance } = fromFile({ outer: 3 });
    const seen: string[] = [];
    const events: ProgressEvent[] = [];
    const observed = wzcAlm.run({ ...instance, settings: { ...instance.settings, Gamma: 1e-9 } }, {
      seed: 1,
      faults: new Set(['ignored']),
      observer: { warning: (w) => seen.push(`warning ${w.slice(0, 4)}`), start: (of) => seen.push(`start ${of}`), progress: (e) => events.push(e) },
    });
    expect(seen).toEqual(['warning Γ = ', 'start 3']);
    expect(events.map((e) => [e.iteration, e.of])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(Object.keys(events[0].metrics)).toEqual([...wzcAlm.progressLabels.metrics]);
    expect(events[0].detail).toMatch(/^inner \d+ \((converged|max-inner)\)$/);
    const plain = wzcAlm.run({ ...instance, settings: { ...instance.settings, Gamma: 1e-9 } }, { seed: 1 });
    if (observed.status !== 'done' || plain.status !== 'done') throw new Error('diverged');
    expect(observed.alm.outer).toEqual(plain.alm.outer);
    expect(observed.warnings).toEqual(plain.warnings);
  });

  it('divergence is a result: the diverged run file holds the last finite iterate', () => {
    const bad = JSON.stringify({ X: [[1e308], [1], [1]], Y: [[1], [2], [3]], hidden: 1, init: { W: [[0.5]], V: [[10]], b: [0], A: [[1]], c: [0] } });
    const { instance } = wzcAlm.prepare({ instance: { file: 'bad.json', text: bad }, flags: {}, seed: 1 });
    const res = wzcAlm.run(instance, { seed: 1 });
    expect(res.status).toBe('diverged');
    const file = wzcAlm.runFile(instance, res, meta);
    expect(wzcAlm.outcome(file)).toEqual({ diverged: true, message: expect.stringMatching(/^solver diverged: non-finite forward pass/) });
    expect(file.status === 'diverged' && file.lastFinite.params.W).toEqual([[0.5]]);
  });
});
