import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.ts';
import { readTksRunFile, tksRunOutcome, buildTksRunFile } from '../../../src/papers/tks/runFile.ts';
import { tksAdmmirnn } from '../../../src/papers/tks/method.ts';
import { prepareText } from '../../../src/papers/tks/problem/text.ts';
import { initParamsInto } from '../../../src/papers/tks/problem/init.ts';
import { textDims } from '../../../src/papers/tks/problem/text.ts';
import { zeroParams } from '../../../src/papers/tks/problem/types.ts';
import { trainText } from '../../../src/papers/tks/solver/train.ts';
import { DEFAULT_HYPER, defaultHyper } from '../../../src/papers/tks/solver/defaults.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tks-method-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const TEXT = fs.readFileSync(new URL('../../../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8').slice(0, 4000);
fs.writeFileSync(path.join(root, 'small.txt'), TEXT);
function instance(name: string, o: Record<string, unknown> = {}): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, JSON.stringify({ task: 'text', textFile: 'small.txt', sequenceLength: 10, hidden: 8, split: 0.9, params: { batch: 4 }, ...o }));
  return file;
}
const inst = instance('inst.json');

describe('lagrangelab train --method tks-admmirnn', () => {
  it('writes a run file that the reader accepts, with held-out and training loss in nats per character', async () => {
    const out = path.join(root, 'run.json');
    const r = await cli(['train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '100', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const file = readTksRunFile(fs.readFileSync(out, 'utf8'));
    expect(file.command).toEqual(['lagrangelab', 'train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '100', '--seed', '1']);
    expect(file.iterations).toBe(100);
    expect(file.trace.length).toBe(100);
    expect(file.task).toMatchObject({ sequenceLength: 10, batch: 4, hidden: 8, train: 3600, heldOut: 400 });
    expect(file.metrics.heldOutLoss).toBeLessThan(file.metrics.initialHeldOutLoss);
    expect(file.metrics.trainLoss).toBeGreaterThan(0);
    expect(file.settings).toMatchObject({ ...defaultHyper(40), iterations: 100, timeBudgetSec: null, sweeps: 1 });
    expect(file.trace.filter((row) => row.heldOutLoss !== undefined).map((row) => row.k)).toEqual([89]); // J = ⌊3599/4/10⌋
    expect(file.trace[0].timeMs).toBeUndefined();
    expect(tksRunOutcome(file)).toMatchObject({ diverged: false });
  });
  it('one command gives a byte-identical file; --timing adds wall-clock fields; a time budget stops the run', async () => {
    const a = path.join(root, 'a.json'), b = path.join(root, 'b.json'), t = path.join(root, 't.json'), tb = path.join(root, 'tb.json');
    for (const f of [a, b]) expect((await cli(['train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '5', '--seed', '3', '--out', f, '--quiet'])).code).toBe(0);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
    expect((await cli(['train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '5', '--timing', '--out', t, '--quiet'])).code).toBe(0);
    const timed = readTksRunFile(fs.readFileSync(t, 'utf8'));
    expect(timed.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(timed.trace[0].timeMs).toBeGreaterThanOrEqual(0);
    expect((await cli(['train', '--method', 'tks-admmirnn', '--instance', inst, '--time-budget', '0.2', '--out', tb, '--quiet'])).code).toBe(0);
    const budget = readTksRunFile(fs.readFileSync(tb, 'utf8'));
    expect(budget.stop).toBe('time-budget');
    expect(budget.settings.timeBudgetSec).toBe(0.2);
  });
  it("the instance's seed fixes the initialization", async () => {
    const seeded = instance('seeded.json', { seed: 9 });
    const a = path.join(root, 's1.json'), b = path.join(root, 's2.json');
    expect((await cli(['train', '--method', 'tks-admmirnn', '--instance', seeded, '--iterations', '2', '--seed', '1', '--out', a, '--quiet'])).code).toBe(0);
    expect((await cli(['train', '--method', 'tks-admmirnn', '--instance', seeded, '--iterations', '2', '--seed', '2', '--out', b, '--quiet'])).code).toBe(0);
    const fa = readTksRunFile(fs.readFileSync(a, 'utf8')), fb = readTksRunFile(fs.readFileSync(b, 'utf8'));
    expect(fa.initSeed).toBe(9);
    expect(fa.params).toEqual(fb.params);
  });
  it('bad settings name their field: no --instance, params out of range (text and window tasks), --parallel with several sweeps', async () => {
    const none = await cli(['train', '--method', 'tks-admmirnn', '--quiet']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^lagrangelab: --instance: missing/);
    const neg = await cli(['train', '--method', 'tks-admmirnn', '--instance', instance('neg.json', { params: { batch: 4, rho1: -1 } }), '--out', path.join(root, 'neg-run.json')]);
    expect(neg.code).toBe(2);
    expect(neg.stderr).toMatch(/^lagrangelab: params\.rho1: /);
    const win = path.join(root, 'win-neg.json');
    fs.writeFileSync(win, JSON.stringify({ task: 'synthetic-classification', sequenceLength: 5, classes: 3, inputs: 2, samples: 120, hidden: 5, seed: 4, params: { nu: -1 } }));
    const w = await cli(['train', '--method', 'tks-admmirnn', '--instance', win, '--out', path.join(root, 'win-run.json')]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/^lagrangelab: params\.nu: /);
    const sw = await cli(['train', '--method', 'tks-admmirnn', '--instance', instance('sweeps.json', { params: { batch: 4, sweeps: 2 } }), '--parallel', 'sp', '--out', path.join(root, 'sw-run.json')]);
    expect(sw.code).toBe(2);
    expect(sw.stderr).toBe('lagrangelab: --parallel: the parallel variants run one sweep per visit, but params.sweeps = 2\n');
  });

  it('progress lines go to stderr, about 100 per run', async () => {
    const r = await cli(['train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '300', '--out', path.join(root, 'p.json')]);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('iteration '));
    expect(lines.length).toBe(100);
    expect(lines[0]).toMatch(/^iteration 3\/300 {2}epoch 0 {2}R /);
    expect(r.stdout).toMatch(/^wrote .*p\.json \(300 iterations/);
  });
  it('warns when ρ_i ≤ 2H (Theorems 1–2 do not cover the run)', async () => {
    const low = instance('low.json', { params: { batch: 4, rho2: 1e-4 } });
    const r = await cli(['train', '--method', 'tks-admmirnn', '--instance', low, '--iterations', '1', '--out', path.join(root, 'low-run.json')]);
    expect(r.stderr).toMatch(/warning: rho2 ≤ 2H = 0\.0250/);
  });

  const bad: [string, string[], string, RegExp][] = [
    ['no instance', [], '--instance', /missing \(give --instance FILE/],
    ['a flag of another method', ['--instance', inst, '--generate', 'synthetic-T10'], '--generate', /not a flag of method tks-admmirnn \(it belongs to wzc-alm[,)]/],
    ['zero iterations', ['--instance', inst, '--iterations', '0'], '--iterations', /integer in 1\.\./],
    ['negative budget', ['--instance', inst, '--time-budget', '-1'], '--time-budget', /number of seconds/],
    ['budget not a number', ['--instance', inst, '--time-budget', 'ten'], '--time-budget', /number of seconds/],
    ['missing text file', ['--instance', instance('nofile.json', { textFile: 'nope.txt' })], 'textFile', /cannot read .*nope\.txt \(ENOENT\)/],
    ['text too short for the windows', ['--instance', instance('long.json', { sequenceLength: 2000 })], 'textFile', /need at least 8001/],
    ['bad ν', ['--instance', instance('nu.json', { params: { nu: -1 } })], 'params.nu', /must be > 0/],
    ['unknown task', ['--instance', instance('task.json', { task: 'mnist' })], 'task', /expected one of "text", "sp500-volatility", "synthetic-classification", got a string \("mnist"\)/],
  ];
  for (const [what, args, field, msg] of bad) {
    it(`bad input is one line naming the field: ${what}`, async () => {
      const r = await cli(['train', '--method', 'tks-admmirnn', ...args, '--out', path.join(root, 'never.json')]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines.length).toBe(1);
      expect(lines[0].startsWith(`lagrangelab: ${field}: `), r.stderr).toBe(true);
      expect(lines[0]).toMatch(msg);
      expect(fs.existsSync(path.join(root, 'never.json'))).toBe(false);
    });
  }
});

describe('TKS run file reader', () => {
  // the run file of the first test above (read when the tests run, not when they are collected)
  const good = (): string => fs.readFileSync(path.join(root, 'run.json'), 'utf8');
  const edit = (f: (o: Record<string, unknown>) => void) => (): string => {
    const o = JSON.parse(good()) as Record<string, unknown>;
    f(o);
    return JSON.stringify(o);
  };
  const cases: [string, () => string, RegExp][] = [
    ['version', edit((o) => { o.version = 2; }), /^version: expected run-file version 1/],
    ['u shape', edit((o) => { (o.params as { u: unknown[] }).u.pop(); }), /^params\.u/],
    ['trace length', edit((o) => { (o.trace as unknown[]).pop(); }), /^trace: 99 rows but iterations = 100/],
    ['held-out null', edit((o) => { (o.metrics as Record<string, unknown>).heldOutLoss = null; }), /^metrics\.heldOutLoss: expected a finite number/],
    ['unknown key', edit((o) => { o.extra = 1; }), /^extra: unknown key/],
    ['not JSON', () => '{', /^run file: not valid JSON/],
  ];
  for (const [what, text, msg] of cases) it(`names the bad field: ${what}`, () => expect(() => readTksRunFile(text())).toThrow(msg));
  it('reads back what it wrote', () => expect(readTksRunFile(good())).toEqual(JSON.parse(good())));
  it('refuses settings.iterations 0 and a missing settings.sweeps, naming the field', () => {
    const j = JSON.parse(good());
    j.settings.iterations = 0;
    expect(() => readTksRunFile(JSON.stringify(j))).toThrow(/settings\.iterations: expected an integer ≥ 1, got 0/);
    const k = JSON.parse(good());
    delete k.settings.sweeps;
    expect(() => readTksRunFile(JSON.stringify(k))).toThrow(/settings/);
  });
});

describe('TKS divergence', () => {
  it('a non-finite iterate stops the run with the last finite parameters, and the run file says so', () => {
    const task = prepareText(TEXT, 10, 4, 0.9);
    const dims = textDims(task, 8);
    const init = zeroParams(dims);
    initParamsInto(init, dims, 1);
    init.w[0] = Infinity;
    const res = trainText(task, init, { hyper: DEFAULT_HYPER, iterations: 10 });
    expect(res.stop).toBe('diverged');
    expect(res.iterations).toBe(0);
    expect(res.divergence).toMatch(/ at iteration 1$/);
    const prepared = tksAdmmirnn.prepare({ instance: { file: inst, text: fs.readFileSync(inst, 'utf8') }, flags: {}, seed: 1 });
    const file = buildTksRunFile(prepared.instance, { result: res, initSeed: 1, initialHeldOutLoss: NaN, unigramEntropy: 3 }, { command: ['x'], seed: 1 });
    expect(file.status).toBe('diverged');
    expect(tksRunOutcome(file)).toEqual({ diverged: true, message: expect.stringMatching(/^solver diverged: .*last finite parameters: iteration 0/) });
  });
});
