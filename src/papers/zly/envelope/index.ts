/**
 * The ZLY envelope (`lagrangelab verify --paper zly --envelope`): where Theorem 3's conclusions hold on the path from
 * the authors' demo parameters to the smallest meeting its hypotheses, and what the network is at the end of each run.
 */
import type { EnvelopeOptions, EnvelopeResult, PaperEnvelope } from '../../../engine/envelope.ts';
import { ENVELOPE_CONFIGS, envelopeCells, type EnvelopeConfig } from './cells.ts';
import { envelopeChart, envelopeJson, envelopeMarkdown } from './render.ts';
import { scoreCell, type CellScore } from './score.ts';

export { ENVELOPE_CONFIGS, type EnvelopeConfig } from './cells.ts';
export { CONCLUSIONS, type CellScore } from './score.ts';

/** Run the envelope with an explicit configuration (tests use tiny ones). */
export function runZlyEnvelope(seed: number, cfg: EnvelopeConfig, onProgress?: EnvelopeOptions['onProgress']): { cells: CellScore[]; result: EnvelopeResult } {
  const grid = envelopeCells(seed, cfg);
  const cells = grid.map((cell, i) => {
    const s = scoreCell(cell, cfg.K);
    onProgress?.(i + 1, grid.length, `${cell.activation} N=${cell.N} t=${cell.t.toFixed(2)}`);
    return s;
  });
  return { cells, result: { markdown: envelopeMarkdown(seed, cfg, cells), json: envelopeJson(seed, cfg, cells), chart: envelopeChart(cells) } };
}

/** The ZLY envelope as the CLI sees it. */
export const zlyEnvelope: PaperEnvelope = {
  paper: 'ZLY',
  description: "descent, dual ≤ primal, boundedness, rate and KKT on a grid from the demo's β = 1, λ = 1e-6 to the smallest β, λ of (42)–(45), sigmoid and tanh, N = 2, 3",
  run: (opts) => runZlyEnvelope(opts.seed, ENVELOPE_CONFIGS[opts.scale], opts.onProgress).result,
};
