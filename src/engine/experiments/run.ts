/**
 * Run an experiment: every cell, each stored as soon as it is done (store.ts) and reused on a rerun, then the
 * summary over all of them. Interrupting a run (Ctrl-C, a killed process) loses at most the cell being computed;
 * the next run says what it reused. Summaries always see results as read back from JSON, so a resumed run and a
 * fresh one summarize byte-identical inputs.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cellDir, cellKey, CELL_FILE_VERSION, codeVersion, readCell, removeStaleTemps, writeFileAtomic, type CellFile } from './store.ts';
import type { AnyExperiment, CellResult, ExperimentCell, ExperimentScale, ExperimentSummary } from './types.ts';

/** Progress of a run, one event per cell. */
export interface CellEvent {
  /** 1-based index and total. */
  readonly index: number;
  readonly total: number;
  readonly cell: string;
  readonly reused: boolean;
  /** Wall time of the computation (0 for a reused cell). */
  readonly elapsedMs: number;
}

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  readonly scale: ExperimentScale;
  readonly seed: number;
  /** The experiment's folder (`<out>/<name>`); created when missing. */
  readonly dir: string;
  /** Called before the cells run, with how many there are and how many are already stored. */
  readonly onStart?: (total: number, stored: number) => void;
  readonly onCell?: (e: CellEvent) => void;
  /** Code version in the cell keys (default: the hash of the source the experiment's paper depends on, store.ts). */
  readonly codeVersion?: string;
}

/** What {@link runExperiment} returns. */
export interface ExperimentRun {
  readonly summary: ExperimentSummary;
  readonly cells: { total: number; computed: number; reused: number };
  readonly codeVersion: string;
}

/** Run (or resume) `exp` at a scale and seed in `dir`; every cell must be synchronous (else {@link runExperimentAsync}). */
export function runExperiment(exp: AnyExperiment, o: RunExperimentOptions): ExperimentRun {
  const run = startRun(exp, o);
  for (const p of run.planned) {
    if (p.stored !== undefined) {
      run.reuse(p);
      continue;
    }
    const t0 = performance.now();
    const result = exp.runCell(p.cell, run.ctx);
    if (result instanceof Promise) throw new Error(`${exp.name}: cell "${p.cell.id}" is asynchronous: run the experiment with runExperimentAsync`);
    run.store(p, result, performance.now() - t0);
  }
  return run.finish();
}

/** {@link runExperiment} for experiments whose cells may be asynchronous (e.g. runs on worker threads); cells still run one at a time. */
export async function runExperimentAsync(exp: AnyExperiment, o: RunExperimentOptions): Promise<ExperimentRun> {
  const run = startRun(exp, o);
  for (const p of run.planned) {
    if (p.stored !== undefined) {
      run.reuse(p);
      continue;
    }
    const t0 = performance.now();
    const result = await exp.runCell(p.cell, run.ctx);
    run.store(p, result, performance.now() - t0);
  }
  return run.finish();
}

interface Planned {
  readonly cell: ExperimentCell<unknown>;
  readonly key: string;
  readonly file: string;
  readonly stored: CellFile | undefined;
}

/** Validate the cells, read what is stored, and return the steps both runners share. */
function startRun(exp: AnyExperiment, o: RunExperimentOptions) {
  const ctx = { scale: o.scale, seed: o.seed };
  const cells = exp.cells(o.scale, o.seed);
  const ids = new Set<string>();
  for (const c of cells) {
    if (!/^[A-Za-z0-9._-]+$/.test(c.id) || c.id.startsWith('.')) throw new Error(`${exp.name}: cell id "${c.id}" is not a safe file name`);
    if (ids.has(c.id)) throw new Error(`${exp.name}: duplicate cell id "${c.id}"`);
    ids.add(c.id);
  }
  const dir = cellDir(o.dir, o.scale, o.seed);
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const code = o.codeVersion ?? codeVersion(exp.paper);
  const planned: Planned[] = cells.map((cell) => {
    const key = cellKey(exp.name, exp.version, cell, code);
    const file = `${dir}/${cell.id}.json`;
    return { cell, key, file, stored: readCell(file, key) };
  });
  o.onStart?.(planned.length, planned.filter((p) => p.stored !== undefined).length);
  const results: CellResult<unknown, unknown>[] = [];
  let computed = 0, reused = 0;
  const event = (p: Planned, elapsedMs: number): void => {
    o.onCell?.({ index: results.length, total: planned.length, cell: p.cell.id, reused: p.stored !== undefined, elapsedMs });
  };
  return {
    ctx,
    planned,
    reuse(p: Planned): void {
      reused++;
      results.push({ cell: p.cell, result: (p.stored as CellFile).result });
      event(p, 0);
    },
    store(p: Planned, result: unknown, elapsedMs: number): void {
      const file: CellFile = { version: CELL_FILE_VERSION, experiment: exp.name, cell: p.cell.id, key: p.key, inputs: p.cell.inputs, result, elapsedMs };
      const text = `${JSON.stringify(file)}\n`;
      writeFileAtomic(p.file, text);
      computed++;
      results.push({ cell: p.cell, result: (JSON.parse(text) as CellFile).result });
      event(p, elapsedMs);
    },
    finish(): ExperimentRun {
      return { summary: exp.summarize(results, ctx), cells: { total: planned.length, computed, reused }, codeVersion: code };
    },
  };
}
