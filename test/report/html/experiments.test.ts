import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkExperimentResult, loadResults, profileSpec, ReportInputError, svgElement } from '../../../src/report/html/experiments.ts';
import { fixtureResults, RESULTS_DIR } from './helpers.ts';

const tmps: string[] = [];
afterEach(() => { for (const d of tmps.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A copy of the wzc-mini experiment with `edit` applied to its result.json. */
function brokenCopy(edit: (r: Record<string, unknown>) => void, svg?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lagrangelab-results-'));
  tmps.push(dir);
  cpSync(join(RESULTS_DIR, 'wzc-mini'), join(dir, 'wzc-mini'), { recursive: true });
  const file = join(dir, 'wzc-mini', 'result.json');
  const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(r);
  writeFileSync(file, JSON.stringify(r));
  if (svg !== undefined) writeFileSync(join(dir, 'wzc-mini', 'trainerr.svg'), svg);
  return dir;
}

describe('loadResults', () => {
  it('reads every finished experiment, sorted, and names the unfinished folders', async () => {
    const r = await fixtureResults();
    expect(r.experiments.map((e) => e.result.name)).toEqual(['tks-mini', 'wzc-mini']);
    expect(r.incomplete).toEqual(['zly-unfinished']);
    const wzc = r.experiments[1];
    expect(wzc.file).toBe(join('wzc-mini', 'result.json'));
    expect(wzc.figures[0]).toMatchObject({ title: 'TrainErr against iteration <ALM & GD>', points: 16, file: join('wzc-mini', 'trainerr.svg') });
    expect(wzc.figures[0].svg.startsWith('<svg')).toBe(true);
    expect(wzc.profiles).toHaveLength(1);
    expect(wzc.profiles[0].svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });

  it('returns null for a missing folder and refuses a file', async () => {
    await expect(loadResults(join(RESULTS_DIR, 'nope'))).resolves.toBeNull();
    await expect(loadResults(join(RESULTS_DIR, 'wzc-mini', 'result.json'))).rejects.toThrow(/not a directory/);
  });

  it.each([
    ['a missing field', (r: Record<string, unknown>) => { delete r.command; }, /result\.json: result\.command: missing/],
    ['a wrong version', (r: Record<string, unknown>) => { r.version = 2; }, /result\.version: expected 1/],
    ['a bad scale', (r: Record<string, unknown>) => { r.scale = 'huge'; }, /result\.scale: expected one of scaled, full/],
    ['a bad table cell', (r: Record<string, unknown>) => { r.tables = [{ title: 't', columns: ['a'], rows: [[1]] }]; }, /result\.tables\[0\]\.rows\[0\]\[0\]: expected a string/],
    ['a non-string version', (r: Record<string, unknown>) => { r.versions = { node: 20 }; }, /result\.versions\.node: expected a string/],
    ['versions not an object', (r: Record<string, unknown>) => { r.versions = []; }, /result\.versions: expected an object of strings/],
    ['a negative cell count', (r: Record<string, unknown>) => { r.cells = { total: -1, computed: 0, reused: 0 }; }, /result\.cells\.total: expected a non-negative integer/],
    ['a non-finite seed', (r: Record<string, unknown>) => { r.seed = 'x'; }, /result\.seed: expected a finite number/],
    ['notes not an array', (r: Record<string, unknown>) => { r.notes = 'x'; }, /result\.notes: expected an array/],
    ['a bad optional note', (r: Record<string, unknown>) => { r.paperComparisons = [{ quantity: 'q', paper: '1', ours: '2', note: 3 }]; }, /result\.paperComparisons\[0\]\.note: expected a string/],
    ['a profile cost ≤ 0', (r: Record<string, unknown>) => { (r.profiles as { costs: unknown[][] }[])[0].costs[0][0] = 0; }, /result\.profiles\[0\]\.costs\[0\]\[0\]: expected a cost > 0 or null/],
    ['a profile row too short', (r: Record<string, unknown>) => { (r.profiles as { costs: unknown[][] }[])[0].costs[1] = [1]; }, /result\.profiles\[0\]\.costs\[1\]: 1 costs for 2 methods/],
    ['profile rows ≠ problems', (r: Record<string, unknown>) => { (r.profiles as { problems: string[] }[])[0].problems.pop(); }, /result\.profiles\[0\]\.costs: 3 rows for 2 problems/],
    ['a profile without methods', (r: Record<string, unknown>) => { r.profiles = [{ title: 't', measure: 'm', solvers: [], problems: [], costs: [] }]; }, /result\.profiles\[0\]\.solvers: expected at least one method/],
    ['a missing figure file', (r: Record<string, unknown>) => { (r.figures as { svg: string }[])[0].svg = 'gone.svg'; }, /result\.figures\[0\]\.svg: gone\.svg does not exist/],
    ['a figure outside the folder', (r: Record<string, unknown>) => { (r.figures as { svg: string }[])[0].svg = '../../../etc/passwd'; }, /result\.figures\[0\]\.svg: \.\.\/\.\.\/\.\.\/etc\/passwd lies outside/],
  ])('names the file and the field for %s', async (_what, edit, msg) => {
    const dir = brokenCopy(edit);
    const err = await loadResults(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReportInputError);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).toContain(join(dir, 'wzc-mini', 'result.json'));
  });

  it('names a result.json that is not JSON, and a figure that holds no SVG', async () => {
    const dir = brokenCopy(() => {}, 'not an svg');
    await expect(loadResults(dir)).rejects.toThrow(/result\.figures\[0\]\.svg: trainerr\.svg holds no <svg> element/);
    writeFileSync(join(dir, 'wzc-mini', 'result.json'), '{oops');
    await expect(loadResults(dir)).rejects.toThrow(/result\.json: not JSON/);
  });

  it('accepts a result without the optional fields', async () => {
    const dir = brokenCopy((r) => { delete r.profiles; r.figures = []; });
    mkdirSync(join(dir, 'empty'));
    const r = await loadResults(dir);
    expect(r?.experiments[0].profiles).toEqual([]);
    expect(r?.incomplete).toEqual(['empty']);
    expect(checkExperimentResult(null)).toBe('result: expected an object');
  });
});

describe('svgElement', () => {
  it('keeps the svg element and drops prolog, doctype, scripts and event handlers', () => {
    const text = '<?xml version="1.0"?><!DOCTYPE svg><svg width="1" onload="alert(1)"><script>alert(2)</script><path d="M0,0" onclick=\'x()\'/></svg>\n';
    expect(svgElement(text)).toBe('<svg width="1"><path d="M0,0"/></svg>');
    expect(svgElement('<svgx></svgx>')).toBeNull();
  });
});

describe('profileSpec', () => {
  it('plots ρ_s at every breakpoint of every method', () => {
    const { spec, points } = profileSpec({ title: 't', measure: 'seconds', solvers: ['A', 'B'], problems: ['p1', 'p2'], costs: [[1, 2], [4, null]] });
    expect(points).toBe(4);
    const values = (spec.data as { values: { method: string; tau: number; rho: number }[] }).values;
    expect(values).toEqual([
      { method: 'A', tau: 1, rho: 1 }, { method: 'A', tau: 2, rho: 1 },
      { method: 'B', tau: 1, rho: 0 }, { method: 'B', tau: 2, rho: 0.5 },
    ]);
  });
});
