/** `lagrangelab train` end to end, in-process through `main`. */
import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { generateSynthetic } from '../../src/papers/wzc/problem/synthetic.ts';
import { initWeights } from '../../src/papers/wzc/problem/init.ts';
import { instanceToJson } from '../../src/papers/wzc/instance.ts';
import { runAlm, tableTwo } from '../../src/papers/wzc/solver/index.ts';
import { predictionError } from '../../src/models/elman.ts';
import { sliceRows } from '../../src/models/dataset.ts';
import { loadMethods } from '../../src/cli/registry.ts';
import { wzcAlm } from '../../src/papers/wzc/method.ts';
import { toyGd } from '../helpers/toyMethod.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-train-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));


const dims = { T: 8, n: 2, m: 1, r: 3 };
const gen = generateSynthetic(dims, { seed: 42 });
const init = initWeights(dims, 'lecun', 43);
const instanceFile = path.join(root, 'tiny.json');
fs.writeFileSync(
  instanceFile,
  instanceToJson({ data: gen.data, init, split: 0.75, params: { outer: 2, inner: 4, eta1: 0.9 }, comment: 'tiny test instance' }, dims.r),
);
const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, any>;

describe('lagrangelab train', () => {
  it('trains a tiny instance end to end and writes the run file', async () => {
    const out = path.join(root, 'a.json');
    const r = await cli(['train', '--instance', instanceFile, '--outer', '3', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const run = read(out);
    expect(run.version).toBe(1);
    expect(run.command).toEqual(['lagrangelab', 'train', '--instance', instanceFile, '--outer', '3', '--seed', '1']);
    expect(run.dims).toEqual({ T: 6, n: 2, m: 1, r: 3 });
    expect(run.split).toEqual({ T1: 6, T2: 2, standardized: false });
    expect(run.init).toBe('instance');
    // precedence: Table 2 (sp500 row) < instance params < flags
    const table = tableTwo('sp500', run.dims);
    expect(run.settings).toEqual({ ...table.params, inner: 4, eta1: 0.9, outer: 3 });
    expect(run.lambda).toEqual([...table.lambda]);
    expect(run.outer).toHaveLength(3);
    expect(run.trace).toHaveLength(run.outer.reduce((a: number, o: { inner: number }) => a + o.inner, 0));
    expect(run.trace[0]).not.toHaveProperty('timeMs');
    expect(run).not.toHaveProperty('elapsedMs');
    expect(run.params.W).toHaveLength(3);
    expect(run.params.W[0]).toHaveLength(3);
    expect(run.params.V[0]).toHaveLength(2);
    expect(run.params.A).toHaveLength(1);
    expect(run.h).toHaveLength(6);
    expect(run.multipliers.xi[5]).toHaveLength(3);

    // The file holds exactly what the library computes from the same inputs.
    const train = sliceRows(gen.data, 0, 6);
    const prob = { data: train, activation: { kind: 'relu' as const }, lambda: table.lambda };
    const res = runAlm(prob, init, run.settings);
    expect(run.params.W.flat()).toEqual(Array.from(res.s.z.W));
    expect(run.u.flat()).toEqual(Array.from(res.s.u));
    expect(run.gamma).toBe(res.gamma);
    expect(run.trainErr).toBe(predictionError(train.dims, train, res.s.z, prob.activation));
    expect(run.testErr).toBe(predictionError(dims, gen.data, res.s.z, prob.activation, 6, 8));
  });

  it('gives a byte-identical file for the same seed, wherever it is written and however verbose', async () => {
    const a = path.join(root, 'same-1.json'), b = path.join(root, 'same-2.json');
    expect((await cli(['train', '--generate', 'synthetic-T10', '--outer', '3', '--inner', '3', '--seed', '9', '--init', 'he', '--out', a, '--quiet'])).code).toBe(0);
    const r = await cli(['train', '--seed', '9', '--generate', 'synthetic-T10', '--init', 'he', '--inner', '3', '--outer', '3', '--out', b]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*same-2\.json \(3 outer iterations, FeasVio .*, TrainErr .*, TestErr .*\)\n$/);
    expect(r.stderr).toMatch(/^lagrangelab: warning: η3 \(Table 2, synthetic-T10\) = 0\.01 ≤ 1/);
    expect(r.stderr).toMatch(/^outer 3\/3 {2}inner \d+ /m);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    const run = read(a);
    expect(run.split).toEqual({ T1: 9, T2: 1, standardized: false });
    expect(run.init).toBe('he');
    expect(run.source).toEqual({ kind: 'generate', setting: 'synthetic-T10' });
    // another seed, another file
    const c = path.join(root, 'same-3.json');
    await cli(['train', '--generate', 'synthetic-T10', '--outer', '3', '--inner', '3', '--seed', '10', '--init', 'he', '--out', c, '--quiet']);
    expect(fs.readFileSync(a).equals(fs.readFileSync(c))).toBe(false);
  });

  it('--timing adds wall-clock data; --force overwrites; no temp files are left', async () => {
    const dir = path.join(root, 'timing');
    fs.mkdirSync(dir);
    const out = path.join(dir, 'run.json');
    fs.writeFileSync(out, 'old');
    const r = await cli(['train', '--instance', instanceFile, '--out', out, '--force', '--timing', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const run = read(out);
    expect(run.elapsedMs).toBeTypeOf('number');
    expect(run.trace[0].timeMs).toBeTypeOf('number');
    expect(fs.readdirSync(dir)).toEqual(['run.json']);
  });

  it('instance keys standardize and setting are honoured', async () => {
    const file = path.join(root, 'std.json');
    fs.writeFileSync(file, instanceToJson({ data: gen.data, split: 0.75, standardize: true, setting: 'synthetic-T500', params: { outer: 1, inner: 2 } }, dims.r));
    const out = path.join(root, 'std-run.json');
    const r = await cli(['train', '--instance', file, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const run = read(out);
    expect(run.split).toEqual({ T1: 6, T2: 2, standardized: true });
    expect(run.setting).toBe('synthetic-T500');
    const table = tableTwo('synthetic-T500', run.dims);
    expect(run.settings).toEqual({ ...table.params, outer: 1, inner: 2 });
    expect(run.lambda).toEqual([...table.lambda]);
  });

  it('--init overrides the instance\'s init', async () => {
    const out = path.join(root, 'init.json');
    expect((await cli(['train', '--instance', instanceFile, '--init', 'glorot', '--out', out, '--quiet'])).code).toBe(0);
    expect(read(out).init).toBe('glorot');
  });

  it('on divergence: exit 3, one line naming k, j and the block, nothing at --out, last iterate beside it', async () => {
    const dir = path.join(root, 'diverge');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'inst.json');
    // 10·1e308 overflows in the very first pre-activation u_1 = V x_1.
    fs.writeFileSync(file, JSON.stringify({
      X: [[1e308], [1], [1]], Y: [[1], [2], [3]], hidden: 1,
      init: { W: [[0.5]], V: [[10]], b: [0], A: [[1]], c: [0] },
    }));
    const out = path.join(dir, 'run.json');
    const r = await cli(['train', '--instance', file, '--out', out, '--quiet']);
    expect(r.code).toBe(3);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lagrangelab: solver diverged: non-finite .+ at outer iteration 0, inner iteration 0; nothing written to --out; last finite iterate in ".*run\.diverged\.json"$/);
    expect(fs.existsSync(out)).toBe(false);
    const div = read(path.join(dir, 'run.diverged.json'));
    expect([div.status, div.k, div.j]).toEqual(['diverged', 0, 0]);
    expect(div.lastFinite.params.W).toEqual([[0.5]]);
    // a second divergence does not overwrite the saved iterate without --force
    const r2 = await cli(['train', '--instance', file, '--out', out, '--quiet']);
    expect(r2.stderr).toMatch(/exists, not overwritten \(use --force\); nothing written/);
  });
});

describe('lagrangelab train --method', () => {
  const withToy = { methods: [...loadMethods(), toyGd] };

  it('--method wzc-alm is the default: same file, and --method is not in its command', async () => {
    const a = path.join(root, 'm-default.json'), b = path.join(root, 'm-explicit.json');
    const args = ['--generate', 'synthetic-T10', '--outer', '2', '--inner', '2', '--seed', '3'];
    expect((await cli(['train', ...args, '--out', a, '--quiet'])).code).toBe(0);
    expect((await cli(['train', '--method', 'wzc-alm', ...args, '--out', b, '--quiet'], withToy)).code).toBe(0);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    expect(read(a).command).toEqual(['lagrangelab', 'train', '--generate', 'synthetic-T10', '--outer', '2', '--inner', '2', '--seed', '3']);
    // what the CLI wrote, the method reads back
    const file = wzcAlm.readRunFile(fs.readFileSync(a, 'utf8'));
    expect(wzcAlm.outcome(file)).toMatchObject({ diverged: false });
  });

  it('another method: its flags, progress, warnings, run file and summary; --method in the command', async () => {
    const inst = path.join(root, 'toy.json');
    fs.writeFileSync(inst, JSON.stringify({ a: 0, b: 1 }));
    const out = path.join(root, 'toy-run.json');
    const r = await cli(['train', '--method', 'toy-gd', '--instance', inst, '--steps', '2', '--lr', '0.5', '--out', out], withToy);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('lagrangelab: warning: a = 0: every x is optimal\nstep 1/2  f 5.000e-1\nstep 2/2  f 5.000e-1\n');
    expect(r.stdout).toBe(`wrote ${out} (x = 0)\n`);
    const file = toyGd.readRunFile(fs.readFileSync(out, 'utf8'));
    expect(file.command).toEqual(['lagrangelab', 'train', '--method', 'toy-gd', '--instance', inst, '--steps', '2', '--lr', '0.5', '--seed', '1']);
    expect(file.f).toEqual([0.5, 0.5]);
  });

  it('a diverged run of any method: exit 3, nothing at --out, its file beside it', async () => {
    const inst = path.join(root, 'toy-big.json');
    fs.writeFileSync(inst, JSON.stringify({ a: 10, b: 1 }));
    const out = path.join(root, 'toy-div.json');
    const r = await cli(['train', '--method', 'toy-gd', '--instance', inst, '--steps', '1000', '--lr', '1', '--out', out, '--quiet'], withToy);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^lagrangelab: x is not finite; nothing written to --out; last finite iterate in ".*toy-div\.diverged\.json"\n$/);
    expect(fs.existsSync(out)).toBe(false);
    expect(read(path.join(root, 'toy-div.diverged.json')).x).toBe(null);
  });

  it('help lists the methods and which method each flag belongs to', async () => {
    const r = await cli(['train', '--help'], withToy);
    expect(r.code).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--method <id> training method: wzc-alm \| zly-admm \| tks-admmirnn \| gd \| gdc \| gdnm \| sgd \| adam \| rmsprop \| adagrad \| momentum \| toy-gd \(default: "wzc-alm"\)/);
    expect(help).toMatch(/--generate <setting> wzc-alm: generate synthetic data \(§5\.1\).*; gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum: generate a paper's synthetic data: .* \[wzc-alm, gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum\]/);
    expect(help).toMatch(/--lr <η> gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum: learning rate \(default: Keras'\); toy-gd: step size \[gd, gdc, gdnm, sgd, adam, rmsprop, adagrad, momentum, toy-gd\]/);
    expect(help).toMatch(/--clip <c> gdc: clipping norm \(default 1\) \[gdc\]/);
    expect(help).toMatch(/--outer <K> wzc-alm: maximum ALM \(outer\) iterations; toy-gd: restarts \(ignored\)/);
  });
});

