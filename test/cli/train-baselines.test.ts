/**
 * `lagrangelab train --method <baseline>` on the papers' own instance files (WZC: RNN, ZLY: MLP): run files,
 * determinism, the shared start point, the §5.4 search, divergence, and bad input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { BASELINE_IDS } from '../../src/baselines/optimizers.ts';
import { readBaselineRunFile } from '../../src/baselines/runFile.ts';
import { zlyDemoData } from '../../src/papers/zly/problem/demo.ts';
import { zlyInstanceToJson } from '../../src/papers/zly/problem/instance.ts';
import { initSeedFor, initWeights } from '../../src/papers/wzc/problem/init.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-baselines-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const out = () => path.join(root, `run-${++n}.json`);
const wzc = path.join(root, 'wzc.json');
const zly = path.join(root, 'zly.json');
const data = zlyDemoData('product', 3, 40);
fs.writeFileSync(zly, zlyInstanceToJson({ dims: { n: 40, d: [2, 6, 1] }, X: data.X, Y: data.Y, activation: 'tanh', lambda: 0.01 }));

const read = (file: string) => readBaselineRunFile(fs.readFileSync(file, 'utf8'));

describe('train --method <baseline>', () => {
  it('every baseline trains on a WZC and a ZLY instance file and writes a run file its reader accepts', async () => {
    const g = await cli(['generate', '--setting', 'synthetic-T10', '--seed', '2', '--init', 'he', '--out', wzc]);
    expect(g.code, g.stderr).toBe(0);
    for (const id of BASELINE_IDS) {
      for (const inst of [wzc, zly]) {
        const file = out();
        const r = await cli(['train', '--method', id, '--instance', inst, '--epochs', '3', '--out', file, '--quiet']);
        expect(r.code, `${id} ${inst}: ${r.stderr}`).toBe(0);
        const f = read(file);
        expect(f).toMatchObject({ method: id, epochs: 3, status: 'completed', init: inst === wzc ? 'instance' : 'lecun-normal' });
        expect(f.trace).toHaveLength(4);
        expect(f.model).toBe(inst === wzc ? 'elman-rnn' : 'mlp');
      }
    }
  });

  it('is byte-identical on a rerun and records the command; --timing adds times', async () => {
    const a = out(), b = out(), c = out();
    const args = ['train', '--method', 'adam', '--instance', wzc, '--epochs', '4', '--batch', '3', '--history', '2'];
    expect((await cli([...args, '--out', a, '--quiet'])).code).toBe(0);
    expect((await cli([...args, '--out', b, '--quiet'])).code).toBe(0);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
    const f = read(a);
    expect(f.command).toEqual(['lagrangelab', 'train', '--method', 'adam', '--instance', wzc, '--epochs', '4', '--batch', '3', '--history', '2', '--seed', '1']);
    expect(f.settings).toMatchObject({ lr: 0.001, batch: 3, batchesPerEpoch: 3, history: 2, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    const r = await cli([...args, '--out', c, '--timing']);
    expect(r.stderr).toMatch(/epoch 4\/4 {2}loss /);
    expect(r.stdout).toMatch(/^wrote .* \(Adam: 4 epochs, 12 updates, TrainErr .*, TestErr .*\)\n$/);
    expect(read(c).trace[4].timeMs).toBeGreaterThanOrEqual(0);
    expect(read(c).elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('starts where wzc-alm starts: --generate and --init draw the same data and s⁰', async () => {
    const file = out();
    const r = await cli(['train', '--method', 'gd', '--generate', 'synthetic-T10', '--seed', '5', '--init', 'lecun', '--epochs', '1', '--out', file, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const f = read(file);
    const z = initWeights({ T: 10, n: 3, m: 2, r: 5 }, 'lecun', initSeedFor(5));
    const norm = (a: Float64Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
    [z.W, z.V, z.b, z.A, z.c].forEach((a, i) => expect(f.trace[0].norms[i]).toBeCloseTo(norm(a), 14));
    expect(f).toMatchObject({ init: 'lecun', source: { kind: 'generate', setting: 'synthetic-T10' }, split: { T1: 9, T2: 1 } });
    expect(f.settings.batch).toBe(9); // full batch
    const s = out();
    expect((await cli(['train', '--method', 'sgd', '--generate', 'synthetic-T10', '--epochs', '1', '--out', s, '--quiet'])).code).toBe(0);
    expect(read(s).settings).toMatchObject({ batch: 2, batchesPerEpoch: 5 }); // §5.4: batch 2 on synthetic T = 10
  });

  it('--activation overrides σ (tanh on an RNN); --tune runs the §5.4 grid and trains with the winner', async () => {
    const file = out();
    const r = await cli(['train', '--method', 'gdc', '--instance', wzc, '--activation', 'tanh', '--tune', '1', '--epochs', '2', '--out', file, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const f = read(file);
    expect(f.activation).toBe('tanh');
    expect(f.tuning?.rows).toHaveLength(40);
    expect(f.tuning?.criterion).toBe('testErr');
    const best = f.tuning!.rows.reduce((a, b) => ((b.mean ?? Infinity) < (a.mean ?? Infinity) ? b : a));
    expect(f.tuning?.chosen).toEqual({ lr: best.lr, clip: best.clip });
    expect(f.settings).toMatchObject({ lr: best.lr, clip: best.clip });
    const m = out();
    expect((await cli(['train', '--method', 'gd', '--instance', zly, '--tune', '1', '--epochs', '2', '--out', m, '--quiet'])).code).toBe(0);
    expect(read(m).tuning).toMatchObject({ criterion: 'loss', reps: 1 });
  });

  it('--tune scaled with --lr warns that --lr is a fallback; --batch full; a search where every point diverges', async () => {
    const file = out();
    const r = await cli(['train', '--method', 'sgd', '--instance', zly, '--tune', 'scaled', '--lr', '0.5', '--batch', 'full', '--epochs', '1', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: --lr is the fallback only: --tune chooses the learning rate/);
    expect(read(file).tuning?.reps).toBe(3);
    expect(read(file).settings).toMatchObject({ batch: 40, batchesPerEpoch: 1 });
    const huge = path.join(root, 'huge.json');
    const inst = JSON.parse(fs.readFileSync(wzc, 'utf8'));
    inst.X = inst.X.map((row: number[]) => row.map((x) => x * 1e200));
    fs.writeFileSync(huge, JSON.stringify(inst));
    const d = await cli(['train', '--method', 'gd', '--instance', huge, '--tune', '1', '--out', out()]);
    expect(d.code).toBe(3);
    expect(d.stderr).toMatch(/warning: --tune: every grid point diverged; training with the flags' learning rate/);
    expect(d.stderr).toMatch(/GD diverged: non-finite training objective \(.*\) at θ⁰/);
  });

  it('a diverging run exits 3 and writes the last finite iterate beside --out', async () => {
    const file = out();
    const r = await cli(['train', '--method', 'gd', '--instance', wzc, '--lr', '1e300', '--out', file, '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^lagrangelab: GD diverged: non-finite .*; nothing written to --out/);
    expect(fs.existsSync(file)).toBe(false);
    expect(read(file.replace(/\.json$/, '.diverged.json')).status).toBe('diverged');
  });

  const bad: [string, string, string[], string, RegExp][] = [
    ['a flag of another baseline', 'gd', ['--clip', '2'], '--clip', /not a flag of method gd \(it belongs to gdc\)/],
    ['--history on an MLP', 'sgd', ['--instance', zly, '--history', '3'], '--history', /only for RNN tasks/],
    ['an MLP activation on an RNN', 'adam', ['--activation', 'sigmoid'], '--activation', /not an RNN activation/],
    ['an RNN activation on an MLP', 'adam', ['--instance', zly, '--activation', 'relu'], '--activation', /not an MLP activation of ZLY/],
    ['an unknown init', 'gd', ['--init', 'xavier'], '--init', /unknown initialization "xavier" for a WZC instance/],
    ['a bad learning rate', 'gd', ['--lr', '-1'], '--lr', /must be a finite number > 0/],
    ['a bad momentum', 'gdnm', ['--momentum', '1'], '--momentum', /in \[0, 1\)/],
    ['a bad β2', 'adam', ['--beta2', '-0.1'], '--beta2', /in \[0, 1\)/],
    ['a bad batch', 'sgd', ['--batch', '0'], '--batch', /integer in 1\.\./],
    ['a bad --tune', 'gd', ['--tune', 'some'], '--tune', /integer in 1\.\./],
    ['an unknown setting', 'gd', ['--generate', 'T7'], '--generate', /unknown setting "T7"/],
    ['both sources', 'gd', ['--generate', 'synthetic-T10', '--instance', 'x.json'], '--instance', /exactly one of/],
  ];
  for (const [what, id, flags, field, msg] of bad) {
    it(`rejects ${what}`, async () => {
      const args = flags.includes('--instance') || flags.includes('--generate') ? flags : ['--instance', wzc, ...flags];
      const r = await cli(['train', '--method', id, ...args, '--out', out()]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.startsWith(`lagrangelab: ${field}: `), r.stderr).toBe(true);
      expect(r.stderr).toMatch(msg);
    });
  }

  it('rejects a file of no known format, and a bad field of a known one, by name', async () => {
    const f = path.join(root, 'other.json');
    fs.writeFileSync(f, JSON.stringify({ X: [[1]], Y: [[1]] }));
    const r = await cli(['train', '--method', 'adam', '--instance', f, '--out', out()]);
    expect(r.stderr).toMatch(/^lagrangelab: instance: not an instance file the baselines read; expected one of: TKS instance files .*; WZC instance files .*; ZLY instance files/);
    fs.writeFileSync(f, JSON.stringify({ X: [[1]], Y: [[1], [2]], hidden: 2 }));
    expect((await cli(['train', '--method', 'adam', '--instance', f, '--out', out()])).stderr).toBe('lagrangelab: Y: 2 rows but X has 1\n');
    fs.writeFileSync(f, '{"X": [1,');
    expect((await cli(['train', '--method', 'adam', '--instance', f, '--out', out()])).stderr).toMatch(/^lagrangelab: instance: not valid JSON/);
  });
});
