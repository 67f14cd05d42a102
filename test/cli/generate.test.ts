/** `lagrangelab generate`, in-process: a generated instance trains exactly like `train --generate`. */
import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-gen-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('lagrangelab generate', () => {
  it('writes an instance that `train --instance` trains exactly like `train --generate`', async () => {
    const inst = path.join(root, 'g.json');
    expect((await cli(['generate', '--setting', 'synthetic-T10', '--seed', '3', '--init', 'glorot', '--out', inst])).code).toBe(0);
    const a = path.join(root, 'a.json'), b = path.join(root, 'b.json');
    expect((await cli(['train', '--instance', inst, '--outer', '3', '--quiet', '--out', a])).code).toBe(0);
    expect((await cli(['train', '--generate', 'synthetic-T10', '--seed', '3', '--init', 'glorot', '--outer', '3', '--quiet', '--out', b])).code).toBe(0);
    const ra = JSON.parse(fs.readFileSync(a, 'utf8')), rb = JSON.parse(fs.readFileSync(b, 'utf8'));
    expect(ra.params).toEqual(rb.params);
    expect(ra.trainErr).toBe(rb.trainErr);
    expect(ra.testErr).toBe(rb.testErr);
  });
  it('refuses to overwrite without --force, and names the field on bad input', async () => {
    const inst = path.join(root, 'h.json');
    expect((await cli(['generate', '--setting', 'synthetic-T10', '--out', inst])).code).toBe(0);
    const before = fs.readFileSync(inst, 'utf8');
    const again = await cli(['generate', '--setting', 'synthetic-T10', '--seed', '9', '--out', inst]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^lagrangelab: --out: .*already exists/);
    expect(fs.readFileSync(inst, 'utf8')).toBe(before);
    const bad = await cli(['generate', '--setting', 'synthetic-T99', '--out', path.join(root, 'x.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--setting: unknown setting/);
    expect(fs.existsSync(path.join(root, 'x.json'))).toBe(false);
    expect((await cli(['generate', '--setting', 'synthetic-T10', '--seed', '-1', '--out', path.join(root, 'y.json')])).stderr).toMatch(/--seed/);
  });
});
