/**
 * Compatibility of `lagrangelab train`: run files written by the CLI as it was before the method adapter
 * (`--method`) stay byte-identical. The golden files under fixtures/compat/ were written by that CLI (commit
 * 0f65c23) with exactly the arguments below, run from the repository root (the instance path is part of the
 * file's `command` and `source`, so it is given relative to the root).
 *
 * Why golden files rather than comparing an old and a new code path in one process: the old path is gone (it
 * was moved, not kept), and a copy of it inside the test would drift with the code it is meant to pin. Bytes
 * written by the old binary pin key order, number formatting, the command vector and the warnings, and keep
 * pinning them through later refactors. They also pin the solver's numbers: if a deliberate change to the
 * solver moves them, regenerate each file with its command below (and say so in the commit).
 */
import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';

const FIX = 'test/cli/fixtures/compat';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-compat-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Golden file → the train arguments that wrote it (besides --out and --quiet). */
const CASES: Record<string, string[]> = {
  'tiny.run.json': ['--instance', `${FIX}/tiny.json`],
  'std.run.json': ['--instance', `${FIX}/std.json`],
  'leaky.run.json': ['--instance', `${FIX}/leaky.json`, '--init', 'glorot', '--seed', '4'],
  'gamma.run.json': ['--instance', `${FIX}/gamma.json`, '--init', 'lecun', '--seed', '9'],
  'synthetic-T10-he.run.json': ['--generate', 'synthetic-T10', '--seed', '7', '--init', 'he', '--outer', '3', '--inner', '3'],
  'synthetic-T10-eps0.run.json': ['--generate', 'synthetic-T10', '--seed', '2', '--eps0', '0', '--outer', '2', '--inner', '3'],
};

const golden = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');

describe('train run files are byte-identical to those of the pre-adapter CLI', () => {
  it('runs from the repository root (the golden files hold repository-relative instance paths)', () => {
    expect(fs.existsSync(path.join(FIX, 'tiny.json'))).toBe(true);
  });

  for (const [name, args] of Object.entries(CASES)) {
    it(`train ${args.join(' ')}`, async () => {
      const out = path.join(root, name);
      const r = await cli(['train', ...args, '--out', out, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toBe(golden(name));
    });
  }

  it('the diverged file (last finite iterate) of a run that overflows at once', async () => {
    const out = path.join(root, 'diverge.run.json');
    const r = await cli(['train', '--instance', `${FIX}/diverge.json`, '--out', out, '--quiet']);
    expect(r.code).toBe(3);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readFileSync(path.join(root, 'diverge.run.diverged.json'), 'utf8')).toBe(golden('diverge.run.diverged.json'));
  });

  it('warnings and progress lines on stderr, and the summary line, are unchanged', async () => {
    const out = path.join(root, 'gamma-verbose.json');
    const r = await cli(['train', ...CASES['gamma.run.json'], '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(golden('gamma.stderr.txt'));
    expect(r.stdout).toBe(`wrote ${out} (2 outer iterations, FeasVio 9.521e-2, TrainErr 4.335e-2)\n`);
    expect(fs.readFileSync(out, 'utf8')).toBe(golden('gamma.run.json'));
  });
});
