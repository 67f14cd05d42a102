/** Ctrl-C in the middle of an experiment: a real process, a real SIGINT; the rerun reuses every finished cell. */
import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExperiment } from '../../../src/engine/experiments/run.ts';
import { cellDir } from '../../../src/engine/experiments/store.ts';
import { slowToy } from './fixtures/slowToy.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-sigint-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('SIGINT loses at most the running cell; the rerun reuses the rest and sums the same', async () => {
  const script = fileURLToPath(new URL('./fixtures/slowToy.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, tmp], { stdio: ['ignore', 'pipe', 'inherit'] });
  let done = 0;
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (b: Buffer) => {
      done += b.toString().split('\n').filter(Boolean).length;
      if (done >= 3 && !child.killed) child.kill('SIGINT');
    });
    child.on('exit', () => resolve());
  });
  expect(child.signalCode ?? child.exitCode).toBe('SIGINT');
  const files = fs.readdirSync(cellDir(tmp, 'scaled', 1));
  const stored = files.filter((f) => f.endsWith('.json')).length;
  expect(stored).toBeGreaterThanOrEqual(3);
  expect(stored).toBeLessThan(10);
  expect(files.filter((f) => !f.endsWith('.json') && !f.endsWith('.tmp'))).toEqual([]);
  const r = runExperiment(slowToy, { scale: 'scaled', seed: 1, dir: tmp, codeVersion: 'test' });
  expect(r.cells).toEqual({ total: 10, computed: 10 - stored, reused: stored });
  expect(r.summary.tables[0].rows[0][0]).toBe(String(2 * (9 * 10) / 2));
  expect(fs.readdirSync(cellDir(tmp, 'scaled', 1)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}, 30_000);
