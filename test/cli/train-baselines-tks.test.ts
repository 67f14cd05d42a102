/**
 * `lagrangelab train --method <baseline>` on TKS instance files: the tanh RNN (4) on the windows of
 * `tks-admmirnn`, from its initialization, with held-out metrics comparable to its run file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { readBaselineRunFile } from '../../src/baselines/runFile.ts';
import { readTksRunFile } from '../../src/papers/tks/runFile.ts';
import { mulberry32 } from '../../src/core/rng.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-baselines-tks-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const out = () => path.join(root, `run-${++n}.json`);
const rng = mulberry32(8);
// a text with structure: "ab" pairs and random letters, so the RNN has something to learn
fs.writeFileSync(path.join(root, 'text.txt'), Array.from({ length: 1200 }, () => (rng() < 0.5 ? 'ab' : 'cdefg'[Math.floor(rng() * 5)])).join(''));
const text = path.join(root, 'text.json');
fs.writeFileSync(text, JSON.stringify({ task: 'text', textFile: 'text.txt', sequenceLength: 6, hidden: 8, split: 0.9, params: { batch: 4 }, seed: 3 }));
const read = (file: string) => readBaselineRunFile(fs.readFileSync(file, 'utf8'));

describe('train --method <baseline> on a TKS text instance', () => {
  it('Adam trains the tanh RNN on ADMMiRNN\'s batches and records held-out nats/char from the same start', async () => {
    const a = out(), t = out();
    const r = await cli(['train', '--method', 'adam', '--instance', text, '--epochs', '3', '--lr', '0.01', '--out', a, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const f = read(a);
    expect(f).toMatchObject({ model: 'tanh-rnn', paper: 'TKS', activation: 'tanh', init: 'tks', status: 'completed', epochs: 3 });
    expect(f.dims).toEqual({ N: 6, inputs: 7, hidden: 8, outputs: 7 });
    expect(f.windows).toMatchObject({ setting: 'text', N: 6, batch: 4, heldOut: 1, scored: 'all' });
    expect(f.settings).toMatchObject({ batch: 4, batchesPerEpoch: f.windows!.train / 4, history: null });
    expect(Object.keys(f.params)).toEqual(['u', 'w', 'b', 'v', 'c']);
    expect(f.metrics!.heldOutLoss).toBe(f.testErr);
    expect(f.metrics!.heldOutAccuracy).toBeGreaterThan(0);
    expect(f.trace[3].testErr!).toBeLessThan(f.trace[0].testErr!);
    const k = await cli(['train', '--method', 'tks-admmirnn', '--instance', text, '--iterations', '1', '--out', t, '--quiet']);
    expect(k.code, k.stderr).toBe(0);
    const tks = readTksRunFile(fs.readFileSync(t, 'utf8'));
    // same windows, same initial RNN: the held-out loss at epoch 0 is ADMMiRNN's initial held-out loss
    expect(f.trace[0].testErr!).toBeCloseTo(tks.metrics.initialHeldOutLoss, 13);
    expect(tks.task.batchesPerEpoch * 4).toBe(f.windows!.train);
  });

  it('full-batch GD uses every window per step; the file reads back', async () => {
    const a = out();
    expect((await cli(['train', '--method', 'gd', '--instance', text, '--epochs', '2', '--out', a, '--quiet'])).code).toBe(0);
    const f = read(a);
    expect(f.settings).toMatchObject({ batch: f.windows!.train, batchesPerEpoch: 1 });
    expect(f.updates).toBe(2);
  });

  const bad: [string, string[], string, RegExp][] = [
    ['--history', ['--history', '3'], '--history', /every window starts from s0 = 0/],
    ['another activation', ['--activation', 'relu'], '--activation', /"relu" is not the activation of TKS's RNN \(4\), which is tanh/],
    ['an unknown init', ['--init', 'he'], '--init', /unknown initialization "he" for a TKS instance/],
  ];
  for (const [what, flags, field, msg] of bad) {
    it(`rejects ${what}`, async () => {
      const r = await cli(['train', '--method', 'sgd', '--instance', text, ...flags, '--out', out()]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.startsWith(`lagrangelab: ${field}: `), r.stderr).toBe(true);
      expect(r.stderr).toMatch(msg);
    });
  }
});
