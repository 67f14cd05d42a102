import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../helpers/cli.ts';
import { toyExperiment } from '../helpers/toyExperiment.ts';
import type { ExperimentResult } from '../../src/report/experimentResult.ts';
import { loadExperiments } from '../../src/cli/registry.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-reproduce-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const experiments = [toyExperiment()];
const run = (args: string[], exps = experiments) => cli(['reproduce', ...args], { experiments: exps });
const readResult = (dir: string): ExperimentResult => JSON.parse(fs.readFileSync(path.join(dir, 'toy-line', 'result.json'), 'utf8')) as ExperimentResult;

describe('lagrangelab reproduce', () => {
  it('--list names every experiment with its paper and title', async () => {
    const r = await run(['--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^toy-line {2}TOY {2}A toy: seeded points on a line\n$/);
    const real = await cli(['reproduce', '--list']);
    for (const e of loadExperiments()) expect(real.stdout).toContain(e.name);
  });

  it('runs a tiny experiment end to end: result.json in the report\'s shape, a non-empty SVG, a PNG and the plotted rows', async () => {
    const out = path.join(tmp, 'e2e');
    const r = await run(['toy-line', '--seed', '3', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const res = readResult(out);
    expect(res).toMatchObject({
      version: 1, name: 'toy-line', paper: 'TOY', scale: 'scaled', seed: 3, command: 'lagrangelab reproduce toy-line --seed 3',
      cells: { total: 3, computed: 3, reused: 0 }, notes: ['a toy'],
    });
    expect(Object.keys(res.versions)).toEqual(expect.arrayContaining(['lagrangelab', 'code', 'node', 'vega', 'vega-lite']));
    expect(res.tables[0].rows).toHaveLength(3);
    expect(res.empirical[0]).toMatchObject({ claimId: 'toy.mean-half', status: 'holds' });
    expect(res.figures).toEqual([{ title: 'x per cell', svg: 'line.svg', png: 'line.png', points: 3, data: 'line.json' }]);
    const svg = fs.readFileSync(path.join(out, 'toy-line', 'line.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toMatch(/<path[^>]* d="M[\d.]+,[\d.]+L/); // the line was drawn from the data
    expect(fs.readFileSync(path.join(out, 'toy-line', 'line.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'toy-line', 'line.json'), 'utf8'))).toHaveLength(3);
    expect(r.stdout).toContain('| p0 |');
    expect(r.stdout).toContain('HOLDS toy.mean-half');
  });

  it('a rerun resumes: says what it reused and writes the same result (timestamps and counts aside)', async () => {
    const out = path.join(tmp, 'resume');
    const first = await run(['toy-line', '--out', out]);
    expect(first.stderr).toContain('toy-line: 3 cells\n');
    expect(first.stderr).toContain('reused 0 of 3 cells, computed 3');
    const a = readResult(out);
    const second = await run(['toy-line', '--out', out]);
    expect(second.stderr).toContain('3 cells, 3 stored from an earlier run (reused)');
    expect(second.stderr).toMatch(/cell 1\/3 p0 reused/);
    expect(second.stderr).toContain('reused 3 of 3 cells, computed 0');
    const b = readResult(out);
    const strip = (x: ExperimentResult) => ({ ...x, startedAt: '', finishedAt: '', cells: null });
    expect(strip(b)).toEqual(strip(a));
  });

  it('on a terminal, progress is a bar on stderr', async () => {
    const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const r = await run(['toy-line', '--out', path.join(tmp, 'tty')]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/toy-line .*3\/3 p2/);
    } finally {
      if (had) Object.defineProperty(process.stderr, 'isTTY', had);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });

  it('refuses to replace a result of another seed or scale without --force, and replaces it with --force', async () => {
    const out = path.join(tmp, 'force');
    expect((await run(['toy-line', '--out', out, '--quiet'])).code).toBe(0);
    const r = await run(['toy-line', '--out', out, '--seed', '2', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lagrangelab: --force: .*holds the scaled run with seed 1; add --force to replace it with the scaled run with seed 2\n$/);
    const full = await run(['toy-line', '--out', out, '--full', '--force', '--quiet']);
    expect(full.code).toBe(0);
    expect(readResult(out)).toMatchObject({ scale: 'full', seed: 1, cells: { total: 6 } });
    fs.writeFileSync(path.join(out, 'toy-line', 'result.json'), 'not json');
    expect((await run(['toy-line', '--out', out, '--quiet'])).stderr).toMatch(/is not a result of lagrangelab reproduce \(add --force/);
  });

  it.each([
    [['nope'], /^lagrangelab: name: unknown experiment "nope" \(known: toy-line\)\n$/],
    [[], /^lagrangelab: name: give an experiment name or --list \(known: toy-line\)\n$/],
    [['toy-line', '--seed', 'x'], /^lagrangelab: --seed: /],
    [['toy-line', '--seed', '-1'], /^lagrangelab: --seed: /],
    [['toy-line', '--list'], /^lagrangelab: --list: takes no experiment name \(got "toy-line"\)\n$/],
    [['toy-line', '--bogus'], /unknown option '--bogus'/],
  ])('bad input %j: one line naming it', async (args, msg) => {
    const r = await run([...args, '--out', path.join(tmp, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an experiment folder that cannot be created is one line naming --out', async () => {
    const out = path.join(tmp, 'blocked');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'toy-line'), '');
    const r = await run(['toy-line', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lagrangelab: --out: cannot create ".*toy-line" \(EEXIST\)\n$/);
  });

  it('a folder of other files is written into only with --force', async () => {
    const out = path.join(tmp, 'foreign');
    fs.mkdirSync(path.join(out, 'toy-line'), { recursive: true });
    fs.writeFileSync(path.join(out, 'toy-line', 'line.svg'), 'mine');
    const r = await run(['toy-line', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lagrangelab: --out: ".*toy-line" holds files that are not a result of lagrangelab reproduce \(add --force to write into it\)\n$/);
    expect(fs.readFileSync(path.join(out, 'toy-line', 'line.svg'), 'utf8')).toBe('mine');
    expect((await run(['toy-line', '--out', out, '--force', '--quiet'])).code).toBe(0);
  });

  it('--out naming a file is refused', async () => {
    const f = path.join(tmp, 'afile');
    fs.writeFileSync(f, '');
    const r = await run(['toy-line', '--out', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lagrangelab: --out: ".*afile" is not a directory\n$/);
  });
});
