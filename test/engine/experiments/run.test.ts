import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runExperiment, runExperimentAsync } from '../../../src/engine/experiments/run.ts';
import { canonicalJson, cellDir, cellKey, codeVersion, readCell, writeFileAtomic } from '../../../src/engine/experiments/store.ts';
import { anyExperiment } from '../../../src/engine/experiments/types.ts';
import { toyExperiment } from '../../helpers/toyExperiment.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-exp-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const fresh = () => fs.mkdtempSync(path.join(tmp, 'e-'));
const base = { scale: 'scaled' as const, seed: 7, codeVersion: 'test' };

describe('runExperimentAsync', () => {
  it('awaits asynchronous cells, stores and reuses them, and summarizes as the synchronous runner does', async () => {
    const dir = fresh();
    const calls = { n: 0 };
    const events: string[] = [];
    const a = await runExperimentAsync(toyExperiment({ calls, async: true }), { ...base, dir, onCell: (e) => events.push(`${e.index}/${e.total} ${e.cell}`) });
    expect(a.cells).toEqual({ total: 3, computed: 3, reused: 0 });
    expect(events).toEqual(['1/3 p0', '2/3 p1', '3/3 p2']);
    const b = await runExperimentAsync(toyExperiment({ calls, async: true }), { ...base, dir });
    expect(b.cells).toEqual({ total: 3, computed: 0, reused: 3 });
    expect(calls.n).toBe(3);
    expect(b.summary).toEqual(runExperiment(toyExperiment(), { ...base, dir: fresh() }).summary);
  });

  it('the synchronous runner refuses an asynchronous cell, naming it', () => {
    expect(() => runExperiment(toyExperiment({ async: true }), { ...base, dir: fresh() })).toThrow('cell "p0" is asynchronous');
  });
});

describe('runExperiment', () => {
  it('stores every cell, and a rerun reuses them all without computing', () => {
    const dir = fresh();
    const calls = { n: 0 };
    const a = runExperiment(toyExperiment({ calls }), { ...base, dir });
    expect(a.cells).toEqual({ total: 3, computed: 3, reused: 0 });
    expect(fs.readdirSync(cellDir(dir, 'scaled', 7)).sort()).toEqual(['p0.json', 'p1.json', 'p2.json']);
    const b = runExperiment(toyExperiment({ calls }), { ...base, dir });
    expect(b.cells).toEqual({ total: 3, computed: 0, reused: 3 });
    expect(calls.n).toBe(3);
    expect(b.summary).toEqual(a.summary);
  });

  it('after an interruption, resumes: keeps the finished cells and gives the same summary as an uninterrupted run', () => {
    const dir = fresh();
    expect(() => runExperiment(toyExperiment({ cells: 5, failAt: 3 }), { ...base, dir })).toThrow('interrupted');
    expect(fs.readdirSync(cellDir(dir, 'scaled', 7)).sort()).toEqual(['p0.json', 'p1.json', 'p2.json']);
    const events: string[] = [];
    let stored = -1;
    const resumed = runExperiment(toyExperiment({ cells: 5 }), {
      ...base, dir, onStart: (_t, s) => { stored = s; }, onCell: (e) => events.push(`${e.cell}:${e.reused ? 'reused' : 'computed'}`),
    });
    expect(stored).toBe(3);
    expect(events).toEqual(['p0:reused', 'p1:reused', 'p2:reused', 'p3:computed', 'p4:computed']);
    expect(resumed.cells).toEqual({ total: 5, computed: 2, reused: 3 });
    const clean = runExperiment(toyExperiment({ cells: 5 }), { ...base, dir: fresh() });
    expect(resumed.summary).toEqual(clean.summary);
  });

  it('recomputes a cell whose key changed (code version, experiment version, seed) and keeps scales and seeds apart', () => {
    const dir = fresh();
    runExperiment(toyExperiment(), { ...base, dir });
    expect(runExperiment(toyExperiment(), { ...base, dir, codeVersion: 'other' }).cells.computed).toBe(3);
    expect(runExperiment(toyExperiment({ version: 2 }), { ...base, dir, codeVersion: 'other' }).cells.computed).toBe(3);
    expect(runExperiment(toyExperiment(), { ...base, dir, seed: 8 }).cells.computed).toBe(3);
    expect(runExperiment(toyExperiment(), { ...base, dir, scale: 'full' }).cells).toEqual({ total: 6, computed: 6, reused: 0 });
    expect(fs.readdirSync(path.join(dir, 'cells')).sort()).toEqual(['full-s7', 'scaled-s7', 'scaled-s8']);
  });

  it('recomputes a damaged or foreign cell file, and removes temp files an interrupted write left', () => {
    const dir = fresh();
    runExperiment(toyExperiment(), { ...base, dir });
    const cells = cellDir(dir, 'scaled', 7);
    fs.writeFileSync(path.join(cells, 'p1.json'), '{"version": 1, "key": "trunc');
    fs.writeFileSync(path.join(cells, '.p2.json.999.tmp'), 'half');
    const r = runExperiment(toyExperiment(), { ...base, dir });
    expect(r.cells).toEqual({ total: 3, computed: 1, reused: 2 });
    expect(fs.readdirSync(cells).sort()).toEqual(['p0.json', 'p1.json', 'p2.json']);
  });

  it('refuses unsafe or duplicate cell ids', () => {
    const bad = (ids: string[]) => anyExperiment({
      name: 'bad', paper: 'TOY', title: 't', version: 1,
      cells: () => ids.map((id) => ({ id, inputs: {} })),
      runCell: () => 0,
      summarize: () => ({ tables: [], figures: [], paperComparisons: [], empirical: [], notes: [] }),
    });
    expect(() => runExperiment(bad(['../x']), { ...base, dir: fresh() })).toThrow(/not a safe file name/);
    expect(() => runExperiment(bad(['.x']), { ...base, dir: fresh() })).toThrow(/not a safe file name/);
    expect(() => runExperiment(bad(['a', 'a']), { ...base, dir: fresh() })).toThrow(/duplicate cell id "a"/);
  });
});

describe('store', () => {
  it('canonical JSON sorts keys and drops undefined members, so key order does not change a cell key', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }], e: null })).toBe('{"a":[1,{"d":2}],"b":1,"e":null}');
    const k1 = cellKey('x', 1, { id: 'c', inputs: { a: 1, b: 2 } }, 'v');
    expect(cellKey('x', 1, { id: 'c', inputs: { b: 2, a: 1 } }, 'v')).toBe(k1);
    expect(cellKey('x', 1, { id: 'c', inputs: { a: 1, b: 3 } }, 'v')).not.toBe(k1);
  });

  it('writes atomically: the target is whole or absent, and no temp file stays behind', () => {
    const dir = fresh();
    const f = path.join(dir, 'a.json');
    writeFileAtomic(f, '{"x":1}');
    expect(fs.readFileSync(f, 'utf8')).toBe('{"x":1}');
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'b.json'), 'x')).toThrow();
    expect(readCell(path.join(dir, 'none.json'), 'k')).toBeUndefined();
  });

  it('the code version hashes the source a paper\'s experiments depend on: not other papers, the CLI or the report', () => {
    expect(codeVersion('WZC')).toMatch(/^[0-9a-f]{16}$/);
    expect(codeVersion('WZC')).toBe(codeVersion('WZC'));
    expect(codeVersion('ZLY')).not.toBe(codeVersion('WZC'));
    const d = fresh();
    const put = (f: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
      fs.writeFileSync(path.join(d, f), text);
    };
    put('models/a.ts', 'x');
    put('papers/wzc/b.ts', 'x');
    put('papers/tks/c.ts', 'x');
    put('cli/d.ts', 'x');
    // the cache is per root spelling and paper: each call below spells the root anew
    const first = codeVersion('WZC', d);
    put('papers/tks/c.ts', 'y');
    put('cli/d.ts', 'y');
    expect(codeVersion('WZC', `${d}/`)).toBe(first); // other papers and the CLI do not count
    put('papers/wzc/b.ts', 'y');
    expect(codeVersion('WZC', `${d}/.`)).not.toBe(first); // its own paper does
  });
});
