/**
 * The envelope's outputs: the table as Markdown and JSON, and the heat map as a Vega-Lite specification (rendered
 * to SVG by the CLI through src/report/vega.ts): one panel per (σ, N), columns the grid points t (demo parameters at
 * t = 0, the smallest of (42)–(45) at t = 1), rows the hypotheses and the five conclusions, colour holds/fails; below
 * it the training MSE/var(Y) of the network at the end of each run.
 */
import { CONCLUSIONS, type CellScore } from './score.ts';
import type { EnvelopeConfig } from './cells.ts';

/** Schema name and version of envelope.json. */
export const ENVELOPE_SCHEMA = 'lagrangelab/zly-envelope';
export const ENVELOPE_VERSION = 1;

const e = (x: number, p = 2): string => (Number.isFinite(x) ? x.toExponential(p) : String(x));
const mark = (holds: boolean): string => (holds ? '✓' : '✗');

/** The envelope as JSON. */
export function envelopeJson(seed: number, cfg: EnvelopeConfig, cells: readonly CellScore[]): unknown {
  return { schema: ENVELOPE_SCHEMA, version: ENVELOPE_VERSION, seed, config: cfg, conclusions: CONCLUSIONS, cells };
}

/** The envelope as Markdown: one table per (σ, N). */
export function envelopeMarkdown(seed: number, cfg: EnvelopeConfig, cells: readonly CellScore[]): string {
  const out = [
    '# ZLY envelope: where the conclusions hold',
    '',
    `Demo problem y = x₁x₂ on [−1, 1]², n = ${cfg.n}, hidden width ${cfg.width}, seed ${seed}, ${cfg.K} iterations of Algorithm 1 `
      + `(paper's LLA rule) per cell; parameters from the authors' demo values (β_i = 1, λ = 1e-6; t = 0) to the smallest meeting `
      + '(42)–(45) (t = 1), geometrically. ✓/✗: the conclusion held/failed on the run (see src/papers/zly/envelope/score.ts); '
      + 'hyp.: conditions of (42)–(47) that fail; MSE/var(Y): training MSE of the network at the end over the variance of Y '
      + '(1 = the best constant predictor).',
    '',
  ];
  for (const act of ['sigmoid', 'tanh']) {
    for (const N of [2, 3]) {
      const rows = cells.filter((c) => c.activation === act && c.N === N);
      if (rows.length === 0) continue;
      out.push(`## ${act}, N = ${N}`, '');
      out.push(`| t | λ | β | hyp. unmet | a (96) | ${CONCLUSIONS.join(' | ')} | MSE/var(Y) | ‖W_i‖ |`);
      out.push(`| --- | --- | --- | --- | --- | ${CONCLUSIONS.map(() => '---').join(' | ')} | --- | --- |`);
      for (const c of rows) {
        const concl = CONCLUSIONS.map((k) => mark(c.conclusions[k].holds)).join(' | ');
        out.push(`| ${c.t.toFixed(2)} | ${e(c.lambda)} | ${c.beta.map((b) => e(b, 1)).join(', ')} | ${c.unmet.join(' ') || '—'} | ${e(c.a)} | ${concl} | ${c.mseRatio.toPrecision(3)}${c.diverged ? ' (diverged)' : ''} | ${c.weightNorms.map((x) => e(x, 1)).join(', ')} |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

/** The heat map (and MSE panel) as a Vega-Lite specification with inline data. */
export function envelopeChart(cells: readonly CellScore[]): Record<string, unknown> {
  const rows: Record<string, unknown>[] = [];
  for (const c of cells) {
    const panel = `${c.activation}, N = ${c.N}`;
    const t = c.t.toFixed(2);
    rows.push({ panel, t, row: '(42)–(47)', status: c.unmet.length === 0 ? 'holds' : 'fails', detail: c.unmet.join(' ') || 'all met' });
    for (const k of CONCLUSIONS) rows.push({ panel, t, row: k, status: c.conclusions[k].holds ? 'holds' : 'fails', detail: c.conclusions[k].detail });
  }
  const mse = cells.map((c) => ({ panel: `${c.activation}, N = ${c.N}`, t: c.t.toFixed(2), mse: Math.max(c.mseRatio, 1e-6), lambda: c.lambda }));
  const order = ['(42)–(47)', ...CONCLUSIONS];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'ZLY: where the theory holds, from the demo parameters (t = 0) to the smallest meeting (42)–(45) (t = 1)',
    vconcat: [
      {
        data: { values: rows },
        facet: { column: { field: 'panel', type: 'nominal', title: null } },
        spec: {
          width: 180,
          height: 130,
          mark: { type: 'rect', stroke: 'white' },
          encoding: {
            x: { field: 't', type: 'ordinal', title: 't' },
            y: { field: 'row', type: 'ordinal', sort: order, title: null },
            color: { field: 'status', type: 'nominal', scale: { domain: ['holds', 'fails'], range: ['#4c9f70', '#d1495b'] }, title: null },
            tooltip: [{ field: 'detail' }],
          },
        },
      },
      {
        data: { values: mse },
        width: 820,
        height: 160,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 't', type: 'ordinal', title: 't' },
          y: { field: 'mse', type: 'quantitative', scale: { type: 'log' }, title: 'training MSE / var(Y) at the end' },
          color: { field: 'panel', type: 'nominal', title: null },
        },
      },
    ],
  };
}
