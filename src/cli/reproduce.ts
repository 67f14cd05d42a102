/**
 * `lagrangelab reproduce <name> [--full] [--seed S] [--out DIR] [--force]` and `lagrangelab reproduce --list`:
 * run one of the papers' experiments (src/papers/<paper>/experiments/, listed by registry.ts `loadExperiments`)
 * and write `<out>/<name>/result.json` in the shape `lagrangelab report` reads (src/report/experimentResult.ts),
 * beside its figures (`<figure>.svg`, `.png`, and the plotted rows as `<figure>.json`).
 *
 * Cells are stored as they finish (engine/experiments/store.ts): a rerun resumes and says what it reused. A
 * result.json of another scale or seed is replaced only with --force (its cells stay: they are keyed by scale and
 * seed, so switching back reuses them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { version as vegaVersion } from 'vega';
import { version as vegaLiteVersion } from 'vega-lite';
import { formatJson } from '../core/json.ts';
import { parseInteger } from '../core/fields.ts';
import { runExperimentAsync, type CellEvent } from '../engine/experiments/run.ts';
import type { AnyExperiment, ExperimentScale, SummaryFigure } from '../engine/experiments/types.ts';
import { renderFigure } from '../report/figures.ts';
import { EXPERIMENT_RESULT_VERSION, type ExperimentFigure, type ExperimentResult } from '../report/experimentResult.ts';
import { UsageError } from './errors.ts';
import { errCode, statOrNull, writeAtomic } from './files.ts';
import { loadExperiments } from './registry.ts';

/** Default output folder (git-ignored). */
export const DEFAULT_REPRODUCE_OUT = 'reproduce';

interface ReproduceFlags {
  list?: boolean;
  full?: boolean;
  seed: string;
  out: string;
  force?: boolean;
  quiet?: boolean;
}

/** Register `lagrangelab reproduce`. */
export function registerReproduce(program: Command, setExit: (code: number) => void, experiments?: readonly AnyExperiment[]): void {
  program
    .command('reproduce')
    .description("reproduce one of the papers' experiments (tables, figures, empirical claims); --list names them")
    .argument('[name]', 'experiment name (see --list)')
    .option('--list', 'list the experiments and exit')
    .option('--full', "the paper's sizes (default: scaled, about a minute per experiment)")
    .option('--seed <S>', 'seed of data and initializations (0..4294967295)', '1')
    .option('--out <dir>', 'output folder; the experiment writes <dir>/<name>/', DEFAULT_REPRODUCE_OUT)
    .option('--force', 'replace a result.json of another scale or seed')
    .option('--quiet', 'no progress on stderr')
    .action(async (name: string | undefined, flags: ReproduceFlags) => {
      setExit(await reproduce(name, flags, experiments ?? loadExperiments()));
    });
}

/** Run the command; resolves to the exit code. */
export async function reproduce(name: string | undefined, flags: ReproduceFlags, experiments: readonly AnyExperiment[]): Promise<number> {
  const names = experiments.map((e) => e.name);
  if (flags.list) {
    if (name !== undefined) throw new UsageError('--list', `takes no experiment name (got "${name}")`);
    const w = Math.max(...names.map((n) => n.length));
    for (const e of experiments) process.stdout.write(`${e.name.padEnd(w)}  ${e.paper.padEnd(4)} ${e.title}\n`);
    return 0;
  }
  if (name === undefined) throw new UsageError('name', `give an experiment name or --list (known: ${names.join(', ')})`);
  const exp = experiments.find((e) => e.name === name);
  if (!exp) throw new UsageError('name', `unknown experiment "${name}" (known: ${names.join(', ')})`);
  const seed = parseInteger(flags.seed, '--seed', 0, 4294967295);
  const scale: ExperimentScale = flags.full ? 'full' : 'scaled';
  const dir = prepareDir(flags.out, exp.name, scale, seed, flags.force ?? false);
  const startedAt = new Date().toISOString();
  const progress = makeProgress(exp.name, !flags.quiet);
  let run;
  try {
    run = await runExperimentAsync(exp, { scale, seed, dir, onStart: progress.start, onCell: progress.cell });
  } finally {
    progress.stop();
  }
  const { summary, cells } = run;
  const figures: ExperimentFigure[] = [];
  for (const f of summary.figures) figures.push(await writeFigure(dir, f));
  const command = ['lagrangelab', 'reproduce', exp.name, ...(flags.full ? ['--full'] : []), '--seed', String(seed)];
  const result: ExperimentResult = {
    version: EXPERIMENT_RESULT_VERSION,
    name: exp.name,
    paper: exp.paper,
    title: exp.title,
    scale,
    seed,
    command: command.join(' '),
    versions: versions(run.codeVersion),
    startedAt,
    finishedAt: new Date().toISOString(),
    cells,
    tables: summary.tables,
    figures,
    paperComparisons: summary.paperComparisons,
    empirical: summary.empirical,
    notes: summary.notes,
    ...(summary.profiles && summary.profiles.length > 0 ? { profiles: summary.profiles } : {}),
  };
  const file = path.join(dir, 'result.json');
  writeAtomic(file, `${formatJson(result)}\n`, '--out');
  process.stderr.write(`${exp.name}: reused ${cells.reused} of ${cells.total} cells, computed ${cells.computed}\n`);
  for (const t of summary.tables) process.stdout.write(`${markdownTable(t.title, t.columns, t.rows)}\n`);
  for (const v of summary.empirical) process.stdout.write(`${v.status.toUpperCase()} ${v.claimId}: ${v.detail}\n`);
  process.stdout.write(`wrote ${file}${figures.length ? ` and ${figures.map((f) => f.svg).join(', ')}` : ''}\n`);
  return 0;
}

/** Create `<out>/<name>`; refuse a result.json of another scale or seed without --force, and anything not ours. */
function prepareDir(out: string, name: string, scale: ExperimentScale, seed: number, force: boolean): string {
  const st = statOrNull(out);
  if (st && !st.isDirectory()) throw new UsageError('--out', `"${out}" is not a directory`);
  const dir = path.join(out, name);
  const here = statOrNull(dir);
  if (here && !here.isDirectory()) throw new UsageError('--out', `cannot create "${dir}" (EEXIST)`);
  // a folder of someone else's files is not ours to write figures into
  if (here && !force && !fs.existsSync(path.join(dir, 'result.json')) && !fs.existsSync(path.join(dir, 'cells')) && fs.readdirSync(dir).length > 0) {
    throw new UsageError('--out', `"${dir}" holds files that are not a result of lagrangelab reproduce (add --force to write into it)`);
  }
  const old = statOrNull(path.join(dir, 'result.json'));
  if (old && !force) {
    let prev: { scale?: unknown; seed?: unknown } = {};
    try {
      prev = JSON.parse(fs.readFileSync(path.join(dir, 'result.json'), 'utf8')) as typeof prev;
    } catch {
      throw new UsageError('--out', `"${path.join(dir, 'result.json')}" exists and is not a result of lagrangelab reproduce (add --force to replace it)`);
    }
    if (prev.scale !== scale || prev.seed !== seed) {
      throw new UsageError('--force', `"${path.join(dir, 'result.json')}" holds the ${String(prev.scale)} run with seed ${String(prev.seed)}; add --force to replace it with the ${scale} run with seed ${seed}`);
    }
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError('--out', `cannot create "${dir}" (${errCode(e)})`);
  }
  return dir;
}

/** Render one figure: `<file>.svg`, `<file>.png` and the plotted rows `<file>.json`, each atomically. */
async function writeFigure(dir: string, f: SummaryFigure): Promise<ExperimentFigure> {
  const { svg, png } = await renderFigure({ ...f.spec, data: { values: f.rows } });
  writeAtomic(path.join(dir, `${f.file}.svg`), svg, '--out');
  const pngTmp = path.join(dir, `.${f.file}.png.${process.pid}.tmp`);
  fs.writeFileSync(pngTmp, png);
  fs.renameSync(pngTmp, path.join(dir, `${f.file}.png`));
  writeAtomic(path.join(dir, `${f.file}.json`), `${JSON.stringify(f.rows, null, 1)}\n`, '--out');
  return { title: f.title, svg: `${f.file}.svg`, png: `${f.file}.png`, points: f.rows.length, data: `${f.file}.json` };
}

function versions(code: string): Record<string, string> {
  const require = createRequire(import.meta.url);
  const pkg = require('../../package.json') as { version: string };
  const resvg = require('@resvg/resvg-js/package.json') as { version: string };
  return { lagrangelab: pkg.version, code, node: process.version, vega: vegaVersion, 'vega-lite': vegaLiteVersion, '@resvg/resvg-js': resvg.version };
}

function markdownTable(title: string, columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [`\n${title}\n`, line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Progress on stderr: a cli-progress bar on a TTY, one line per cell otherwise. */
function makeProgress(name: string, enabled: boolean): { start: (total: number, stored: number) => void; cell: (e: CellEvent) => void; stop: () => void } {
  if (!enabled) return { start: () => {}, cell: () => {}, stop: () => {} };
  const start = (total: number, stored: number) => {
    process.stderr.write(`${name}: ${total} cells${stored ? `, ${stored} stored from an earlier run (reused)` : ''}\n`);
  };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${name} {bar} {value}/{total} {cell}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      start: (total, stored) => {
        start(total, stored);
        bar.start(total, 0, { cell: '' });
        started = true;
      },
      cell: (e) => bar.update(e.index, { cell: e.cell }),
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  return {
    start,
    cell: (e) => process.stderr.write(`cell ${e.index}/${e.total} ${e.cell} ${e.reused ? 'reused' : `${(e.elapsedMs / 1000).toFixed(2)} s`}\n`),
    stop: () => {},
  };
}
