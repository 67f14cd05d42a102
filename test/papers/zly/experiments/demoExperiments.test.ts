import { afterAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runExperiment } from '../../../../src/engine/experiments/run.ts';
import { anyExperiment } from '../../../../src/engine/experiments/types.ts';
import { zlyExperiments } from '../../../../src/papers/zly/experiments/index.ts';
import { zlyDemoExperiment } from '../../../../src/papers/zly/experiments/demoExperiments.ts';
import { renderVegaLiteSvg } from '../../../../src/report/vega.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-zly-exp-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('ZLY demo experiments', () => {
  it('one per target; scaled = width 100 × 100 iterations, full = widths 100 and 300 × 200 (npm run demo:zly)', () => {
    expect(zlyExperiments().map((e) => e.name)).toEqual(['zly-demo-square', 'zly-demo-product']);
    const e = zlyDemoExperiment('square');
    expect(e.cells('scaled', 3)).toEqual([{ id: 'width-100', inputs: { target: 'square', width: 100, K: 100, seed: 3 } }]);
    expect(e.cells('full', 3).map((c) => [c.inputs.width, c.inputs.K])).toEqual([[100, 200], [300, 200]]);
  });

  it('a tiny run: both LLA rules beside the ridge fit, and a figure whose data is supplied once at the top', async () => {
    const base = zlyDemoExperiment('product');
    const e = { ...base, cells: () => [{ id: 'w4', inputs: { target: 'product' as const, width: 4, K: 3, seed: 1, n: 40 } }] };
    const r = runExperiment(anyExperiment(e), { scale: 'scaled', seed: 1, dir: tmp, codeVersion: 'test' });
    const s = r.summary;
    expect(s.tables[0].rows.map((x) => x[1])).toEqual(['paper', 'demo']);
    expect(s.tables[0].rows[0][0]).toBe('4, 4');
    expect(s.figures[0].rows.length).toBeGreaterThanOrEqual(2 * 3);
    const spec = s.figures[0].spec as { vconcat: Record<string, unknown>[] };
    expect(spec.vconcat.every((p) => !('data' in p))).toBe(true);
    const svg = await renderVegaLiteSvg({ ...s.figures[0].spec, data: { values: s.figures[0].rows } });
    expect(svg).toMatch(/<path[^>]* d="M/);
  });
});
