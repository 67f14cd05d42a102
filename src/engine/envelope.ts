/**
 * The "envelope" contract: where a paper's conclusions hold in practice, on a grid of parameters from the values
 * people use to the ones its theorems require (`lagrangelab verify --paper P --envelope`). Paper-agnostic: a paper
 * computes the table and describes its charts as Vega-Lite specifications (plain JSON); the CLI renders and writes
 * them (src/report/vega.ts). Only src/cli/registry.ts wires papers' envelopes in.
 */
import type { PaperId, Scale } from './types.ts';

/** Options of an envelope run. */
export interface EnvelopeOptions {
  /** Seed of the data and initialization. */
  seed: number;
  /** `ci`: a grid that runs in seconds; `deep`: the authors' demo sizes. */
  scale: Scale;
  /** Called after each grid cell. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** What an envelope run produces. */
export interface EnvelopeResult {
  /** The table as Markdown. */
  markdown: string;
  /** The same as JSON (a paper's own schema, with a `schema` and `version` field). */
  json: unknown;
  /** A Vega-Lite specification (inline data) of the heat map. */
  chart: Record<string, unknown>;
}

/** A paper's envelope. */
export interface PaperEnvelope {
  paper: PaperId;
  /** One line: what the grid spans and which conclusions it scores. */
  description: string;
  run(opts: EnvelopeOptions): EnvelopeResult;
}
