/** `lagrangelab conditions zly`: the report, its JSON form, and bad input (one line naming the field). */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { zlyDemoData, zlyDefaultInit, zlyInitSeed } from '../../src/papers/zly/problem/demo.ts';
import { zlyInstanceToJson } from '../../src/papers/zly/problem/instance.ts';
import { conditionsReport } from '../../src/papers/zly/problem/conditions.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-cond-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const data = zlyDemoData('square', 4, 60);
const dims = { n: 60, d: [1, 8, 6, 1] };
const file = path.join(root, 'zly.json');
fs.writeFileSync(file, zlyInstanceToJson({ dims, X: data.X, Y: data.Y, activation: 'tanh', beta: [1e9, 1e4, 4], lambda: 1e14 }));

describe('lagrangelab conditions zly', () => {
  it('prints the smallest parameters, each constant and the instance’s own verdicts', async () => {
    const r = await cli(['conditions', 'zly', '--instance', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const s of ['L3 = ', 'C3 = ', 'f_min = ', 'α3 = ', 'β_3 = 3.5', 'λ   = ', '(46)', '(47) V1', '(81) Λ3', 'a (96)']) expect(r.stdout).toContain(s);
    expect(r.stdout).toContain("The instance's own parameters: β = (1.0000e+9, 10000, 4), λ = 1.0000e+14;");
  });

  it('--json gives the report of conditionsReport with the default initialization of --seed', async () => {
    const r = await cli(['conditions', 'zly', '--instance', file, '--seed', '7', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { strong: { smallest: { beta: number[]; lambda: number } }; init: string };
    const W0 = zlyDefaultInit(dims, zlyInitSeed(7));
    const ref = conditionsReport({ dims, X: data.X, Y: data.Y, activation: 'tanh', lambda: 1e14, beta: [1e9, 1e4, 4] }, W0);
    expect(j.strong.smallest.beta).toEqual(ref.strong.smallest.beta);
    expect(j.strong.smallest.lambda).toBe(ref.strong.smallest.lambda);
    expect(j.init).toBe('the default scheme, seed 7');
  });

  const bad: [string, string[], string, RegExp][] = [
    ['unknown paper', ['conditions', 'wzc', '--instance', file], 'paper', /no parameter conditions for "wzc" \(known: zly\)/],
    ['no instance', ['conditions', 'zly'], '--instance', /required/],
    ['unreadable file', ['conditions', 'zly', '--instance', path.join(root, 'nope.json')], '--instance', /cannot read .*ENOENT/],
    ['bad seed', ['conditions', 'zly', '--instance', file, '--seed', '-1'], '--seed', /integer/],
  ];
  for (const [name, args, field, msg] of bad) {
    it(`rejects: ${name}`, async () => {
      const r = await cli(args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0].startsWith(`lagrangelab: ${field}: `), r.stderr).toBe(true);
      expect(lines[0]).toMatch(msg);
      expect(r.stdout).toBe('');
    });
  }

  it('refuses an all-zero initialization (γ = 0 makes the constants undefined)', async () => {
    const f = path.join(root, 'zero.json');
    fs.writeFileSync(f, JSON.stringify({ X: [[1, 2, 3]], Y: [[1, 0, 1]], widths: [2], activation: 'tanh', init: { W: [[[0], [0]], [[0, 0]]] } }));
    const r = await cli(['conditions', 'zly', '--instance', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lagrangelab: init\.W: all zero: γ = max_i ‖W_i⁰‖_F = 0 \(37\)/);
    const t = await cli(['train', '--method', 'zly-admm', '--instance', f, '--iterations', '2', '--out', path.join(root, 'zero-run.json')]);
    expect(t.code).toBe(0);
    expect(t.stderr).toMatch(/warning: W⁰ = 0: γ = 0 in \(37\)/);
  });

  it('rejects a bad instance field by name', async () => {
    const f = path.join(root, 'bad.json');
    fs.writeFileSync(f, JSON.stringify({ X: [[1, 'NaN']], Y: [[1, 2]], widths: [2], activation: 'tanh' }));
    const r = await cli(['conditions', 'zly', '--instance', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('lagrangelab: X[0][1]: not a finite number (NaN)\n');
  });
});
