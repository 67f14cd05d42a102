/**
 * `lagrangelab train` on the TKS window tasks (S&P 500 volatility, synthetic classification): `tks-admmirnn` and
 * the baselines on the same instance file, the same windows and the same initial RNN.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { readBaselineRunFile } from '../../src/baselines/runFile.ts';
import { readTksAnyRunFile, isWindowRunFile } from '../../src/papers/tks/runFile.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-tks-windows-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const out = () => path.join(root, `run-${++n}.json`);
const write = (name: string, o: object) => {
  const f = path.join(root, name);
  fs.writeFileSync(f, JSON.stringify(o));
  return f;
};
const sp500 = write('sp500.json', { task: 'sp500-volatility', sequenceLength: 6, hidden: 4, split: 0.9, params: { batch: 50 }, seed: 2 });
const syn = write('syn.json', { task: 'synthetic-classification', sequenceLength: 5, classes: 3, inputs: 2, samples: 120, hidden: 5, seed: 4 });

describe('train on TKS window tasks', () => {
  for (const [name, inst, cls] of [['S&P 500 volatility', sp500, false], ['synthetic classification', syn, true]] as const) {
    it(`${name}: tks-admmirnn and adam start from the same RNN on the same windows`, async () => {
      const t = out(), a = out();
      const r = await cli(['train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '6', '--out', t]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/held-out \d\.\d{4}/);
      const f = readTksAnyRunFile(fs.readFileSync(t, 'utf8'));
      if (!isWindowRunFile(f)) throw new Error('a window run file');
      expect(f.task.setting).toBe(cls ? 'synthetic-classification' : 'sp500-volatility');
      expect(f.metrics.heldOutAccuracy !== undefined).toBe(cls);
      expect(f.trace).toHaveLength(6);
      const b = await cli(['train', '--method', 'adam', '--instance', inst, '--epochs', '2', '--out', a, '--quiet']);
      expect(b.code, b.stderr).toBe(0);
      const g = readBaselineRunFile(fs.readFileSync(a, 'utf8'));
      expect(g.windows).toMatchObject({ setting: f.task.setting, N: f.task.sequenceLength, train: f.task.trainWindows, batch: f.task.batch, scored: 'last' });
      expect(g.trace[0].testErr!).toBeCloseTo(f.metrics.initialHeldOutLoss, 12);
      expect(g.metrics!.heldOutAccuracy !== undefined).toBe(cls);
      expect(g.settings.batchesPerEpoch).toBe(f.task.batchesPerEpoch);
    });
  }

  it('warns about windows left out of whole batches; a batch larger than the data is an error on params.batch', async () => {
    const r = await cli(['train', '--method', 'tks-admmirnn', '--instance', syn, '--iterations', '1', '--out', out()]);
    expect(r.stderr).toMatch(/warning: 12 of 108 training windows left out: batches of 32/);
    const big = write('big.json', { task: 'sp500-volatility', sequenceLength: 6, hidden: 4, split: 0.9, params: { batch: 5000 } });
    const e = await cli(['train', '--method', 'tks-admmirnn', '--instance', big, '--out', out()]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/^lagrangelab: params\.batch: batch 5000 is larger than the \d+ training windows\n$/);
  });

  it('refuses --parallel and --workers on a window task, naming the flag (the parallel variants train texts)', async () => {
    const p = await cli(['train', '--method', 'tks-admmirnn', '--instance', sp500, '--parallel', 'sp', '--out', out()]);
    expect(p.code).toBe(2);
    expect(p.stderr).toBe('lagrangelab: --parallel: the parallel variants train the text task only, not sp500-volatility\n');
    const w = await cli(['train', '--method', 'tks-admmirnn', '--instance', syn, '--workers', '2', '--out', out()]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/^lagrangelab: --workers: the parallel variants train the text task only/);
  });

  it('params.iterations sets the iterations', async () => {
    const it3 = write('it3.json', { task: 'sp500-volatility', sequenceLength: 6, hidden: 4, split: 0.9, params: { batch: 50, iterations: 3 } });
    const f = out();
    expect((await cli(['train', '--method', 'tks-admmirnn', '--instance', it3, '--out', f, '--quiet'])).code).toBe(0);
    expect(readTksAnyRunFile(fs.readFileSync(f, 'utf8'))).toMatchObject({ iterations: 3, settings: { iterations: 3 } });
  });

  it('a time budget and the ρ ≤ 2H warning work as on the text task', async () => {
    const low = write('low.json', { task: 'sp500-volatility', sequenceLength: 6, hidden: 4, split: 0.9, params: { rho1: 1e-9, batch: 50 } });
    const f = out();
    const r = await cli(['train', '--method', 'tks-admmirnn', '--instance', low, '--time-budget', '0.05', '--out', f]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: rho1 ≤ 2H = .*: Theorems 1–2/);
    expect(readTksAnyRunFile(fs.readFileSync(f, 'utf8'))).toMatchObject({ stop: 'time-budget', settings: { timeBudgetSec: 0.05 } });
  });
});
