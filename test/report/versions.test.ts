import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORDED_PACKAGES, runVersions, versions } from '../../src/report/versions.ts';
import { REPO_ROOT } from '../../src/engine/registry.ts';
import { validateReport } from '../../src/report/schema.ts';
import { toyReport } from './helpers.ts';

describe('versions', () => {
  it("records lagrangelab's version and the installed packages", () => {
    const v = versions(REPO_ROOT);
    expect(v.lagrangelab).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(v.packages)).toEqual([...RECORDED_PACKAGES]);
    expect(v.packages.vega).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runVersions()).toEqual({ lagrangelab: v.lagrangelab, ...v.packages });
  });

  it('finds the dependencies of an installed lagrangelab beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lagrangelab-installed-'));
    try {
      const own = join(dir, 'node_modules', 'lagrangelab');
      mkdirSync(own, { recursive: true });
      mkdirSync(join(dir, 'node_modules', 'vega'));
      writeFileSync(join(own, 'package.json'), JSON.stringify({ version: '9.9.9', dependencies: { vega: '^6' } }));
      writeFileSync(join(dir, 'node_modules', 'vega', 'package.json'), JSON.stringify({ version: '6.4.1' }));
      expect(versions(own)).toMatchObject({ lagrangelab: '9.9.9', packages: { vega: '6.4.1' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to the declared range, then to unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lagrangelab-versions-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { vega: '^6' }, devDependencies: { mathjs: '15' } }));
      expect(versions(dir)).toMatchObject({ lagrangelab: 'unknown', packages: { vega: '^6', mathjs: '15', commander: 'unknown' } });
      writeFileSync(join(dir, 'package.json'), '[');
      expect(versions(dir).lagrangelab).toBe('unknown');
      writeFileSync(join(dir, 'package.json'), 'null');
      expect(versions(dir).packages.vega).toBe('unknown');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('goes into every verify report as run.versions, which the schema checks when present', () => {
    const r = toyReport({ runs: 5 });
    expect(r.run.versions).toEqual(runVersions());
    expect(validateReport(r).ok).toBe(true);
    const { versions: _, ...old } = r.run;
    expect(validateReport({ ...r, run: old }).ok).toBe(true);
    expect(validateReport({ ...r, run: { ...r.run, versions: { vega: 6 } } })).toEqual({ ok: false, errors: ['report.run.versions.vega: expected a string'] });
    expect(validateReport({ ...r, run: { ...r.run, versions: [] } })).toEqual({ ok: false, errors: ['report.run.versions: expected an object of strings'] });
  });
});
