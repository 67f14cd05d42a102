import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { reportAction, type ReportDeps } from '../../src/cli/report.ts';
import { writeReportDir } from '../../src/report/write.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { RESULTS_DIR, toyDocs, toyVerify } from '../report/html/helpers.ts';
import { TOY_ROOT } from '../engine/fixtures/toyLedger.ts';

let dir = '';
let out = '';
const deps = (): ReportDeps => ({ cwd: dir, root: TOY_ROOT, loadLedgers: () => [toyDocs()], stdout: { write: (s: string) => { out += s; return true; } }, now: () => new Date(0) });
const flags = (over: Partial<{ out: string; verify: string; results: string; force: boolean }> = {}) => ({ out: 'page', verify: 'verify', results: 'reproduce', ...over });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lagrangelab-reportcli-'));
  out = '';
  writeReportDir(join(dir, 'verify'), toyVerify());
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lagrangelab report', () => {
  it('writes index.html and report.md from a verify folder, saying when no experiments were run', async () => {
    expect(await reportAction(flags(), false, deps())).toBe(0);
    expect(out).toContain('report: 6 claims, 0 experiment(s) (no results folder reproduce: `lagrangelab reproduce <name>` makes one)');
    expect(out).toContain(`wrote ${join(dir, 'page', 'index.html')}`);
    const html = readFileSync(join(dir, 'page', 'index.html'), 'utf8');
    expect(html).toContain('No experiments were run (no results folder reproduce)');
    expect(html).toContain('<pre class="instance">{&quot;x&quot;:0.5}</pre>');
    expect(html).toContain('Generated 1970-01-01T00:00:00.000Z by <code class="cmd">lagrangelab report --out page --verify verify --results reproduce</code>');
    expect(readFileSync(join(dir, 'page', 'report.md'), 'utf8')).toContain('verify/report.json');
    // a rerun replaces its own page
    expect(await reportAction(flags(), false, deps())).toBe(0);
  });

  it('reads a results folder and links its figures from report.md', async () => {
    cpSync(RESULTS_DIR, join(dir, 'res'), { recursive: true });
    expect(await reportAction(flags({ results: 'res', out: 'site/page', force: true }), true, deps())).toBe(0);
    expect(out).toContain('report: 6 claims, 2 experiment(s)\n');
    expect(readFileSync(join(dir, 'site', 'page', 'report.md'), 'utf8')).toContain('](../../res/wzc-mini/trainerr.svg)');
    expect(readFileSync(join(dir, 'site', 'page', 'index.html'), 'utf8')).toContain('--results res --force');
  });

  it('names the flag, the file and the field of a bad input', async () => {
    const fail = (f: ReturnType<typeof flags>, explicit = false) => reportAction(f, explicit, deps()).then(() => 'no error', (e: unknown) => (e instanceof UsageError ? e.message : `other: ${String(e)}`));
    expect(await fail(flags({ verify: 'none' }))).toBe(`--verify: ${join(dir, 'none')} does not exist (\`lagrangelab verify --report-dir DIR\` writes one)`);
    mkdirSync(join(dir, 'empty'));
    expect(await fail(flags({ verify: 'empty' }))).toMatch(/^--verify: .*empty\/report\.json does not exist/);
    writeFileSync(join(dir, 'verify', 'report.json'), JSON.stringify({ ...toyVerify(), run: { ...toyVerify().run, seed: 'x' } }));
    expect(await fail(flags())).toMatch(/^--verify: .*report\.json: not a valid report: report\.run\.seed: expected a finite number/);
    writeReportDir(join(dir, 'verify'), toyVerify());
    expect(await fail(flags({ results: 'gone' }), true)).toBe(`--results: ${join(dir, 'gone')} does not exist`);
    mkdirSync(join(dir, 'res', 'x'), { recursive: true });
    writeFileSync(join(dir, 'res', 'x', 'result.json'), '{"version": 1}');
    expect(await fail(flags({ results: 'res' }), true)).toBe(`--results: ${join(dir, 'res', 'x', 'result.json')}: result.name: missing`);
    expect(await fail(flags({ out: 'verify' }))).toBe('--out: verify is the verify report folder (its report.md is verify\'s); choose another --out');
    mkdirSync(join(dir, 'page'));
    writeFileSync(join(dir, 'page', 'index.html'), 'mine');
    expect(await fail(flags())).toMatch(/^--out: .*page holds files lagrangelab report did not write \(index\.html\); choose another --out or pass --force/);
    expect(readFileSync(join(dir, 'page', 'index.html'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'page', 'report.md'))).toBe(false);
  });

  it('is registered in the CLI: one line and exit 2 on a bad input, exit 0 on a good one', async () => {
    const bad = await cli(['report', '--verify', join(dir, 'none'), '--out', join(dir, 'p')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^lagrangelab: --verify: .*none does not exist .*\n$/);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    const good = await cli(['report', '--verify', join(dir, 'verify'), '--out', join(dir, 'p'), '--results', RESULTS_DIR]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('report: 6 claims, 2 experiment(s)');
  });
});
