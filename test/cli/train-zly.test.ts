/** `lagrangelab train --method zly-admm`: the run file, determinism, timing, divergence, and bad input. */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { zlyDemoData } from '../../src/papers/zly/problem/demo.ts';
import { zlyInstanceToJson } from '../../src/papers/zly/problem/instance.ts';
import { readZlyRunFile } from '../../src/papers/zly/runFile.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-zly-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const data = zlyDemoData('square', 9, 30);
const dims = { n: 30, d: [1, 5, 4, 1] };
const inst = path.join(root, 'zly.json');
fs.writeFileSync(inst, zlyInstanceToJson({ dims, X: data.X, Y: data.Y, activation: 'sigmoid', beta: [30, 8, 3.5], lambda: 0.1 }));
let n = 0;
const out = () => path.join(root, `run-${++n}.json`);

describe('train --method zly-admm', () => {
  it('writes a run file readRunFile accepts, byte-identical on a rerun', async () => {
    const a = out(), b = out();
    const r1 = await cli(['train', '--method', 'zly-admm', '--instance', inst, '--iterations', '5', '--out', a, '--quiet']);
    const r2 = await cli(['train', '--method', 'zly-admm', '--instance', inst, '--iterations', '5', '--out', b, '--quiet']);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.code).toBe(0);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
    const f = readZlyRunFile(fs.readFileSync(a, 'utf8'));
    expect(f.command).toEqual(['lagrangelab', 'train', '--method', 'zly-admm', '--instance', inst, '--iterations', '5', '--seed', '1']);
    expect(f.iterations).toBe(5);
    expect(f.beta).toEqual([30, 8, 3.5]);
  });

  it('prints progress, warnings and a summary unless --quiet; --timing records times', async () => {
    const file = out();
    const r = await cli(['train', '--method', 'zly-admm', '--instance', inst, '--iterations', '3', '--lla', 'demo', '--out', file, '--timing']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: Theorem 3's conditions/);
    expect(r.stderr).toMatch(/warning: --lla demo/);
    expect(r.stderr).toMatch(/iteration 3\/3 {2}L /);
    expect(r.stdout).toMatch(/^wrote .* \(3 iterations, training MSE .* \(V_N: .*; variance of Y .*\)\)\n$/);
    const f = readZlyRunFile(fs.readFileSync(file, 'utf8'));
    expect(f.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(f.trace[2].timeMs).toBeGreaterThanOrEqual(0);
  });

  it('a diverging run exits 3 and leaves the last finite iterate beside --out', async () => {
    const bad = path.join(root, 'huge.json');
    fs.writeFileSync(bad, zlyInstanceToJson({ dims, X: data.X.map((x) => x * 1e200), Y: data.Y, activation: 'tanh' }));
    const file = out();
    const r = await cli(['train', '--method', 'zly-admm', '--instance', bad, '--iterations', '2', '--out', file, '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^lagrangelab: solver diverged: .* at iteration 1 \(last finite iterate: 0\); nothing written to --out/);
    expect(fs.existsSync(file)).toBe(false);
    expect(readZlyRunFile(fs.readFileSync(file.replace(/\.json$/, '.diverged.json'), 'utf8')).status).toBe('diverged');
  });

  const bad: [string, string[], string, RegExp][] = [
    ['WZC flag', ['--outer', '3'], '--outer', /not a flag of method zly-admm \(it belongs to wzc-alm\)/],
    ['WZC source flag', ['--generate', 'synthetic-T10'], '--generate', /not a flag of method zly-admm/],
    ['iterations', ['--iterations', '0'], '--iterations', /integer in 1\.\./],
    ['lla', ['--lla', 'half'], '--lla', /expected "paper" or "demo"/],
  ];
  for (const [name, flags, field, msg] of bad) {
    it(`rejects ${name}`, async () => {
      const file = out();
      const r = await cli(['train', '--method', 'zly-admm', '--instance', inst, ...flags, '--out', file]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.startsWith(`lagrangelab: ${field}: `), r.stderr).toBe(true);
      expect(r.stderr).toMatch(msg);
      expect(fs.existsSync(file)).toBe(false);
    });
  }

  it('rejects a missing instance and a bad instance field by name', async () => {
    const r = await cli(['train', '--method', 'zly-admm', '--out', out()]);
    expect(r.stderr).toMatch(/^lagrangelab: --instance: /);
    const f = path.join(root, 'relu.json');
    fs.writeFileSync(f, JSON.stringify({ X: [[1, 2]], Y: [[1, 2]], widths: [3], activation: 'relu' }));
    const r2 = await cli(['train', '--method', 'zly-admm', '--instance', f, '--out', out()]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe('lagrangelab: activation: "relu" is not twice differentiable; Assumption 1 needs a smooth σ: expected "sigmoid" or "tanh"\n');
  });
});
