/**
 * The TKS experiments end to end through the runner (store, resume, summary) at toy sizes: the same cells,
 * runCell and summarize as `lagrangelab reproduce tks-fig7 / tks-fig11`, only smaller.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runExperimentAsync } from '../../../../src/engine/experiments/run.ts';
import { anyExperiment } from '../../../../src/engine/experiments/types.ts';
import { fig7Cells, tksFig7Experiment } from '../../../../src/papers/tks/experiments/fig7.ts';
import { tksFig11Experiment } from '../../../../src/papers/tks/experiments/fig11.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-tks-e2e-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const opts = { scale: 'scaled' as const, seed: 1, codeVersion: 'test' };

describe('TKS experiments end to end (toy sizes)', () => {
  it('tks-fig7: every method from three initializations, stored, resumed, one verdict under the ledger id', async () => {
    const toy = { ...tksFig7Experiment, cells: () => fig7Cells({ chars: 1500, N: 10, B: 4, hidden: 4 }, 2, 1, 3) };
    const dir = path.join(tmp, 'fig7');
    const a = await runExperimentAsync(anyExperiment(toy), { ...opts, dir });
    expect(a.cells).toEqual({ total: 3 + 3 * 2 * 3, computed: 21, reused: 0 });
    expect(a.summary.empirical[0].claimId).toBe('tks.fig7.smaller-spread');
    expect(['holds', 'violated', 'inconclusive', 'vacuous']).toContain(a.summary.empirical[0].status);
    expect(a.summary.figures[0].rows.length).toBeGreaterThan(0);
    const b = await runExperimentAsync(anyExperiment(toy), { ...opts, dir });
    expect(b.cells.reused).toBe(21);
    expect(b.summary).toEqual(a.summary);
  }, 60_000);

  it('tks-fig11: vanilla, SP and AP on worker threads in one cell, with the load recorded', async () => {
    const toy = { ...tksFig11Experiment, cells: () => [{ id: 'init1', inputs: { seed: 1, iterations: 12, window: 4, setup: { chars: 1500, N: 10, B: 4, hidden: 4 } } }] };
    const r = await runExperimentAsync(anyExperiment(toy), { ...opts, dir: path.join(tmp, 'fig11') });
    expect(r.summary.tables[0].rows.map((x) => x[0])).toEqual(['vanilla', 'SP', 'AP']);
    expect(r.summary.empirical.map((v) => v.claimId)).toEqual(['tks.fig11-12.ap-fastest', 'tks.fig11-12.ap-fastest.corrected']);
    expect(r.summary.tables[0].note).toMatch(/Load average per run: \d+\.\d–\d+\.\d/);
  }, 60_000);
});
