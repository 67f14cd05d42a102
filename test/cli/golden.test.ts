/**
 * The golden traces of fixtures/golden/ (the regression gate: a change that moves any method's first iterations
 * beyond the bands derived from the tolerance policy fails here, naming the case, iteration row and quantity), and
 * `lagrangelab golden` / `golden --update` on copies.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { checkGoldenFile, goldenFiles, GOLDEN_DIR, readGoldenFile } from '../../src/cli/golden.ts';
import { loadMethods } from '../../src/cli/registry.ts';
import { formatMove } from '../../src/engine/golden.ts';

const methods = loadMethods();
const files = goldenFiles(GOLDEN_DIR);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-golden-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A scratch golden directory holding copies of the instances and of the given golden files. */
function scratch(...rels: string[]): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'g-'));
  fs.cpSync(path.join(GOLDEN_DIR, 'instances'), path.join(dir, 'instances'), { recursive: true });
  for (const rel of rels) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.copyFileSync(path.join(GOLDEN_DIR, rel), path.join(dir, rel));
  }
  return dir;
}

describe('golden traces', () => {
  it.each(files)('%s stays within its bands', (rel) => {
    const moves = checkGoldenFile(GOLDEN_DIR, rel, methods);
    expect(moves.map(formatMove), `${rel} moved; if on purpose, run \`lagrangelab golden --update\``).toEqual([]);
  });

  it('every training method has a golden case; the baselines on both an RNN and an MLP instance', () => {
    const cases = files.map((rel) => readGoldenFile(fs.readFileSync(path.join(GOLDEN_DIR, rel), 'utf8'), rel).case);
    for (const m of methods) expect(cases.some((c) => c.method === m.id), m.id).toBe(true);
    for (const m of methods.filter((x) => x.paper === 'baseline')) {
      expect(cases.filter((c) => c.method === m.id).map((c) => c.instance).sort()).toEqual(expect.arrayContaining(['instances/wzc-synthetic-T10-he.json', 'instances/zly-product-n40.json']));
    }
  });

  it('a changed trajectory fails the check (exit 1), naming the case, iteration row, quantity and how far it moved', async () => {
    const dir = scratch('baselines/adam-rnn.json');
    const file = path.join(dir, 'baselines/adam-rnn.json');
    const g = JSON.parse(fs.readFileSync(file, 'utf8'));
    g.case.flags.lr = '0.0010001'; // Adam's default 0.001, moved by 1e-4 relative
    fs.writeFileSync(file, JSON.stringify(g));
    const r = await cli(['golden', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^MOVED baselines\/adam-rnn\.json: \d+ value\(s\) left their bands$/m);
    expect(r.stdout).toMatch(/^ {2}iteration row 1, trace\[1\]\.loss: golden \S+, now \S+, moved \S+ \(band \S+ = \S+ bands\)$/m);
    expect(r.stdout).not.toMatch(/trace\[0\]\.loss/); // the start point did not move
    expect(r.stdout).toMatch(/golden: 1 case\(s\) checked, 1 moved\n$/);
  });

  it('--update rewrites a file deliberately and prints what moved; a new case is filled in; --case filters', async () => {
    const dir = scratch('zly/zly-admm.json', 'baselines/gd-mlp.json');
    const file = path.join(dir, 'zly/zly-admm.json');
    const before = fs.readFileSync(file, 'utf8');
    const g = JSON.parse(before);
    g.values['trace[2].L'][0] += 1e-3;
    fs.writeFileSync(file, JSON.stringify(g));
    fs.mkdirSync(path.join(dir, 'extra'));
    fs.writeFileSync(path.join(dir, 'extra/new.json'), JSON.stringify({ case: { method: 'gd', instance: 'instances/zly-product-n40.json', flags: { epochs: '2' }, seed: 1, rows: 3 } }));
    const c = await cli(['golden', '--dir', dir, '--case', 'extra/*']);
    expect(c.code).toBe(1);
    expect(c.stdout).toMatch(/^MOVED extra\/new\.json: no pinned values yet \(run lagrangelab golden --update\)$/m);
    const u = await cli(['golden', '--dir', dir, '--update', '--case', 'zly/*,extra/*']);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/^updated zly\/zly-admm\.json: 1 value\(s\) moved \(\d+ values\)$/m);
    expect(u.stdout).toMatch(/^ {2}iteration row 2, trace\[2\]\.L: golden \S+, now \S+, moved 0\.00100 /m);
    expect(u.stdout).toMatch(/^updated extra\/new\.json: new \(\d+ values\)$/m);
    expect(u.stdout).not.toMatch(/gd-mlp/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect((await cli(['golden', '--dir', dir])).code).toBe(0);
  });

  it('bad input: an unknown directory, no matching case, a malformed golden file', async () => {
    expect((await cli(['golden', '--dir', path.join(tmp, 'none')])).stderr).toMatch(/^lagrangelab: --dir: ".*none" does not exist\n$/);
    expect((await cli(['golden', '--case', 'nothing/*'])).stderr).toMatch(/^lagrangelab: --case: no golden file under "fixtures\/golden" matches "nothing\/\*"\n$/);
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ case: { method: 'gd', instance: 'x', flags: {}, seed: -1, rows: 2 } }));
    expect((await cli(['golden', '--dir', dir])).stderr).toBe('lagrangelab: bad.json: case.seed: expected an integer ≥ 0, got -1\n');
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ case: { method: 'gd', instance: 'instances/zly-product-n40.json', flags: { outer: '2' }, seed: 1, rows: 2 }, values: {} }));
    expect((await cli(['golden', '--dir', dir])).stderr).toBe('lagrangelab: case.flags.outer: not a flag of method gd\n');
  });
});
