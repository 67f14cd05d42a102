import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../../helpers/cli.ts';
import { tksAdmmirnn } from '../../../../../src/papers/tks/method.ts';
import { readTksRunFile } from '../../../../../src/papers/tks/runFile.ts';
import { loadMethods } from '../../../../../src/cli/registry.ts';
import { WorkerFailureError } from '../../../../../src/engine/parallel/transport.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tks-parallel-cli-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const TEXT = fs.readFileSync(new URL('../../../../../fixtures/data/metamorphosis.txt', import.meta.url), 'utf8').slice(0, 4000);
fs.writeFileSync(path.join(root, 'small.txt'), TEXT);
const inst = path.join(root, 'inst.json');
fs.writeFileSync(inst, JSON.stringify({ task: 'text', textFile: 'small.txt', sequenceLength: 10, hidden: 8, split: 0.9, params: { batch: 4 } }));
const train = (...extra: string[]) => ['train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '20', '--quiet', ...extra];

describe('lagrangelab train --method tks-admmirnn --parallel', () => {
  it('sp with --timing: a run file the reader accepts, with the variant, staleness and where the time went', async () => {
    const out = path.join(root, 'sp.json');
    const r = await cli(train('--parallel', 'sp', '--workers', '2', '--timing', '--out', out));
    expect(r.code, r.stderr).toBe(0);
    const file = readTksRunFile(fs.readFileSync(out, 'utf8'));
    expect(file.command).toEqual(['lagrangelab', 'train', '--method', 'tks-admmirnn', '--instance', inst, '--iterations', '20', '--parallel', 'sp', '--workers', '2', '--seed', '1', '--timing']);
    expect(file.iterations).toBe(20);
    expect(file.parallel).toMatchObject({ variant: 'sp', workers: 2, maxDelay: 1, groups: 'output', staleness: { bound: 1, max: 1 } });
    expect(file.trace.every((row) => row.staleness !== undefined)).toBe(true);
    const t = file.parallel?.timing;
    expect(t?.perWorker.map((w) => w.role)).toEqual(['parameters', 'states']);
    expect(Object.keys(t?.blockFractions ?? {})).toEqual(['forward', 'o', 'c', 'v', 's', 'a', 'b', 'w', 'u']);
    expect(t?.time.computeMs).toBeGreaterThan(0);
    expect(file.metrics.heldOutLoss).toBeLessThan(file.metrics.initialHeldOutLoss);
  });

  it('without --timing the file holds no times (and the reader refuses a bad parallel section by field)', async () => {
    const out = path.join(root, 'ap.json');
    const r = await cli(train('--parallel', 'ap', '--groups', 'output', '--out', out));
    expect(r.code, r.stderr).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    const file = readTksRunFile(text);
    expect(file.parallel?.variant).toBe('ap');
    expect(file.parallel?.groups).toBe('output');
    expect(file.parallel?.timing).toBeUndefined();
    const bad = JSON.parse(text) as { parallel: { variant: string; groups?: string } };
    bad.parallel.groups = 'rows';
    expect(() => readTksRunFile(JSON.stringify(bad))).toThrow(/parallel\.groups/);
    delete bad.parallel.groups; // files before the option: no groups key
    expect(readTksRunFile(JSON.stringify(bad)).parallel?.groups).toBeUndefined();
    bad.parallel.variant = 'xp';
    expect(() => readTksRunFile(JSON.stringify(bad))).toThrow(/parallel\.variant/);
  });

  it('data: the same file as vanilla but for the parallel key (parameters, trace, metrics bit for bit), and --timing per thread', async () => {
    const outV = path.join(root, 'vanilla.json'), outD = path.join(root, 'data.json'), outT = path.join(root, 'data-timing.json');
    for (const [out, extra] of [[outV, []], [outD, ['--parallel', 'data', '--workers', '2']], [outT, ['--parallel', 'data', '--workers', '3', '--timing']]] as const) {
      const r = await cli(train(...extra, '--out', out));
      expect(r.code, r.stderr).toBe(0);
    }
    const v = readTksRunFile(fs.readFileSync(outV, 'utf8'));
    const d = readTksRunFile(fs.readFileSync(outD, 'utf8'));
    const t = readTksRunFile(fs.readFileSync(outT, 'utf8'));
    expect(d.parallel).toEqual({ variant: 'data', workers: 2, maxDelay: 0, staleness: { bound: 0, max: 0, mean: 0 } });
    const { command: _c, parallel: _p, ...restD } = d;
    const { command: _cv, ...restV } = v;
    expect(restD).toEqual(restV);
    expect(t.params).toEqual(v.params);
    expect(t.trace.map((row) => row.batchLoss)).toEqual(v.trace.map((row) => row.batchLoss));
    const tm = t.parallel?.timing;
    expect(tm?.perWorker.map((w) => w.worker)).toEqual([0, 1, 2]);
    expect(tm?.perWorker.every((w) => w.role === 'data')).toBe(true);
    expect(tm?.time.copyMs).toBe(0);
    expect(Object.keys(tm?.blockFractions ?? {})).toEqual(['forward', 'o', 'c', 'v', 's', 'a', 'b', 'w', 'u', 'multipliers']);
  });

  const refusals: [string[], RegExp][] = [
    [['--parallel', 'async'], /^lagrangelab: --parallel: must be one of sp \| ap \| data, got "async"\n$/],
    [['--parallel', 'data', '--workers', '1'], /^lagrangelab: --workers: data runs on 2 to 8 threads \(the master computes too\), got 1\n$/],
    [['--parallel', 'data', '--workers', '9'], /^lagrangelab: --workers: data runs on 2 to 8 threads .*got 9\n$/],
    [['--parallel', 'sp', '--workers', '3'], /^lagrangelab: --workers: sp and ap run on 2 workers .*got 3\n$/],
    [['--parallel', 'sp', '--workers', 'two'], /^lagrangelab: --workers: /],
    [['--workers', '2'], /^lagrangelab: --workers: only with --parallel sp\|ap\|data\n$/],
    [['--groups', 'output'], /^lagrangelab: --groups: only with --parallel sp\|ap\n$/],
    [['--parallel', 'data', '--groups', 'output'], /^lagrangelab: --groups: only with --parallel sp\|ap\n$/],
    [['--parallel', 'sp', '--groups', 'rows'], /^lagrangelab: --groups: must be one of kind \| output, got "rows"\n$/],
  ];
  for (const [flags, message] of refusals) {
    it(`refuses ${flags.join(' ')} in one line naming the flag`, async () => {
      const r = await cli(train(...flags, '--out', path.join(root, 'never.json')));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(fs.existsSync(path.join(root, 'never.json'))).toBe(false);
    });
  }

  it('data through runAsync: progress events with the held-out loss of each epoch, and the data report', async () => {
    const prepared = tksAdmmirnn.prepare({ instance: { file: inst, text: fs.readFileSync(inst, 'utf8') }, flags: { parallel: 'data', workers: 2, iterations: 6 }, seed: 1 });
    const events: { iteration: number; detail?: string }[] = [];
    const r = await tksAdmmirnn.runAsync?.(prepared.instance, { seed: 1, observer: { progress: (e) => events.push(e) } });
    expect(r && 'result' in r && r.parallel?.variant).toBe('data');
    expect(events.map((e) => e.iteration)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[0].detail).toMatch(/^epoch 0, 2 threads$/);
  });

  it('a parallel instance through the synchronous run is refused; through runAsync a planted worker failure rejects (nothing to write)', async () => {
    const prepared = tksAdmmirnn.prepare({ instance: { file: inst, text: fs.readFileSync(inst, 'utf8') }, flags: { parallel: 'sp', iterations: 4 }, seed: 1 });
    expect(() => tksAdmmirnn.run(prepared.instance, { seed: 1 })).toThrow(/runAsync/);
    const run = tksAdmmirnn.runAsync?.(prepared.instance, { seed: 1, faults: new Set(['worker-throw']) });
    await expect(run).rejects.toBeInstanceOf(WorkerFailureError);
  });
});

describe('a worker failure through the CLI', () => {
  it('prints one line naming the worker and block with a replay command, writes no file, exits 4', async () => {
    const planted = {
      ...tksAdmmirnn,
      runAsync: (i: Parameters<typeof tksAdmmirnn.run>[0], o: Parameters<typeof tksAdmmirnn.run>[1]) =>
        (tksAdmmirnn.runAsync as NonNullable<typeof tksAdmmirnn.runAsync>)(i, { ...o, faults: new Set(['worker-exit']) }),
    };
    const out = path.join(root, 'failed.json');
    const methods = loadMethods().map((m) => (m.id === tksAdmmirnn.id ? (planted as never) : m));
    const r = await cli(train('--parallel', 'ap', '--out', out), { methods });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^lagrangelab: run stopped: worker 0 \(parameters: blocks b, w, u; in block w of iteration 1\) exited \(code 3\); no run file written \(replay: lagrangelab train --method tks-admmirnn .* --parallel ap --seed 1\)\n$/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
