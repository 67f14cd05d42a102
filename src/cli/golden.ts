/**
 * `lagrangelab golden`: check the golden traces in fixtures/golden/<paper or baselines>/ (exit 1 when a value
 * moved beyond its band, naming the file, iteration row, quantity, and by how much), or `--update`: rerun every
 * case, derive its bands again (src/engine/golden.ts) and rewrite the files, printing what moved.
 *
 * A golden file holds its case (method, instance file relative to the golden directory, flags, seed, rows), the
 * band rule and the pinned values. A new case is a file with only `case` (and optionally `bands`): `--update`
 * fills it. Instance files live in fixtures/golden/instances/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { formatJson } from '../core/json.ts';
import { count, num, parseJsonText, record, str } from '../core/shape.ts';
import { FieldError } from '../core/fields.ts';
import { DEFAULT_RTOL } from '../engine/tolerance.ts';
import { findMethod, type AnyTrainingMethod } from '../engine/method.ts';
import {
  compareGolden, deriveBands, formatMove, goldenQuantities, perturbInstanceText, type BandRule, type GoldenCase, type GoldenFile,
  type Move, type Pinned,
} from '../engine/golden.ts';
import { loadMethods } from './registry.ts';
import { UsageError } from './errors.ts';
import { writeAtomic } from './files.ts';

/** Where the golden files live. */
export const GOLDEN_DIR = 'fixtures/golden';
/** The band rule of new files: the policy's rtol, 4 perturbed runs, a fixed seed. */
export const DEFAULT_BAND_RULE: BandRule = { rtol: DEFAULT_RTOL, perturbations: 4, seed: 20261122 };

interface GoldenFlags {
  update?: boolean;
  dir: string;
  case?: string;
}

/** Register `lagrangelab golden`. */
export function registerGolden(program: Command, setExit: (code: number) => void, methods?: readonly AnyTrainingMethod[]): void {
  program
    .command('golden')
    .description('check the golden traces (first iterations of every method on fixed seeds) or rewrite them with --update')
    .option('--update', 'rerun every case, derive its bands again, rewrite the files and print what moved')
    .option('--dir <dir>', 'golden directory', GOLDEN_DIR)
    .option('--case <glob>', 'only cases whose path under the directory (without .json) matches, e.g. "baselines/adam-*"')
    .action((flags: GoldenFlags) => {
      setExit(golden(flags, methods ?? loadMethods()));
    });
}

/** Run the command; returns the exit code (1: a value moved, in check mode). */
export function golden(flags: GoldenFlags, methods: readonly AnyTrainingMethod[]): number {
  const files = goldenFiles(flags.dir, flags.case);
  if (files.length === 0) throw new UsageError('--case', `no golden file under "${flags.dir}"${flags.case ? ` matches "${flags.case}"` : ''}`);
  let moved = 0;
  for (const rel of files) {
    const file = path.join(flags.dir, rel);
    const old = readGoldenFile(fs.readFileSync(file, 'utf8'), rel);
    if (flags.update) {
      const next = updateGolden(old.case, old.bands ?? DEFAULT_BAND_RULE, flags.dir, methods);
      const moves = old.values ? compareGolden(old.values, new Map(Object.entries(next.values).map(([k, [v]]) => [k, v]))) : [];
      writeAtomic(file, formatJson(next) + '\n');
      const loose = Object.values(next.values).filter(([, b]) => b === null).length;
      const what = !old.values ? 'new' : moves.length ? `${moves.length} value(s) moved` : 'unchanged';
      process.stdout.write(`updated ${rel}: ${what} (${Object.keys(next.values).length} values${loose ? `, ${loose} unbounded` : ''})\n`);
      for (const m of moves) process.stdout.write(`  ${formatMove(m)}\n`);
      continue;
    }
    if (!old.values) {
      process.stdout.write(`MOVED ${rel}: no pinned values yet (run lagrangelab golden --update)\n`);
      moved++;
      continue;
    }
    const moves = compareGolden(old.values, runGoldenCase(old.case, flags.dir, methods));
    if (moves.length === 0) continue;
    moved++;
    process.stdout.write(`MOVED ${rel}: ${moves.length} value(s) left their bands\n`);
    for (const m of moves) process.stdout.write(`  ${formatMove(m)}\n`);
  }
  const verb = flags.update ? 'rewritten' : `checked, ${moved} moved`;
  process.stdout.write(`golden: ${files.length} case(s) ${verb}\n`);
  return !flags.update && moved > 0 ? 1 : 0;
}

/** Golden files under dir (paths relative to it, sorted), instances/ excluded, filtered by a glob. */
export function goldenFiles(dir: string, glob?: string): string[] {
  if (!fs.existsSync(dir)) throw new UsageError('--dir', `"${dir}" does not exist`);
  const re = glob === undefined ? null : new RegExp(`^(?:${glob.split(',').map((g) => g.split('*').map(escape).join('.*')).join('|')})$`);
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('instances/') && (re === null || re.test(rel.replace(/\.json$/, ''))))
    .sort();
}

function escape(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Run a case once (optionally on another instance text) and read the pinned quantities off its run file. */
export function runGoldenCase(c: GoldenCase, dir: string, methods: readonly AnyTrainingMethod[], text?: string): Map<string, number | null> {
  const method = findMethod(methods, c.method, 'case.method');
  const flags: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(c.flags)) {
    const f = method.flags[name];
    if (!f) throw new FieldError(`case.flags.${name}`, `not a flag of method ${c.method}`);
    flags[name] = f.parse(raw, `--${name}`);
  }
  const instanceText = text ?? fs.readFileSync(path.join(dir, c.instance), 'utf8');
  const prepared = method.prepare({ instance: { file: path.join(dir, c.instance), text: instanceText }, flags, seed: c.seed });
  const result = method.run(prepared.instance, { seed: c.seed });
  const file = method.runFile(prepared.instance, result, { command: ['lagrangelab', 'golden'], seed: c.seed });
  // what the run file holds as written (non-finite numbers become null)
  return goldenQuantities(JSON.parse(formatJson(file)), c.rows);
}

/** Rerun a case and its perturbed twins and pin the values with their bands. */
export function updateGolden(c: GoldenCase, bands: BandRule, dir: string, methods: readonly AnyTrainingMethod[]): GoldenFile {
  const text = fs.readFileSync(path.join(dir, c.instance), 'utf8');
  const reference = runGoldenCase(c, dir, methods, text);
  const perturbed = Array.from({ length: bands.perturbations }, (_, p) =>
    runGoldenCase(c, dir, methods, perturbInstanceText(text, bands.rtol, (bands.seed + p) >>> 0)));
  return { case: c, bands, values: deriveBands(reference, perturbed, bands.rtol) };
}

/** A golden file as read: `bands` and `values` are absent in a new case. */
export type GoldenFileRead = { case: GoldenCase; bands?: BandRule; values?: Record<string, Pinned> };

/** Parse and validate a golden file; errors name the file and field. */
export function readGoldenFile(text: string, name: string): GoldenFileRead {
  try {
    const o = record(parseJsonText(text, 'golden file'), '', ['case'], ['bands', 'values']);
    const c = record(o.case, 'case', ['method', 'instance', 'flags', 'seed', 'rows']);
    const flags = record(c.flags, 'case.flags', [], Object.keys((c.flags ?? {}) as object));
    const out: GoldenFileRead = {
      case: {
        method: str(c.method, 'case.method'), instance: str(c.instance, 'case.instance'),
        flags: Object.fromEntries(Object.entries(flags).map(([k, v]) => [k, str(v, `case.flags.${k}`)])),
        seed: count(c.seed, 'case.seed'), rows: count(c.rows, 'case.rows'),
      },
    };
    if (o.bands !== undefined) {
      const b = record(o.bands, 'bands', ['rtol', 'perturbations', 'seed']);
      out.bands = { rtol: num(b.rtol, 'bands.rtol'), perturbations: count(b.perturbations, 'bands.perturbations'), seed: count(b.seed, 'bands.seed') };
    }
    if (o.values !== undefined) {
      const v = record(o.values, 'values', [], Object.keys((o.values ?? {}) as object));
      out.values = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, readPinned(x, `values.${k}`)]));
    }
    return out;
  } catch (e) {
    if (e instanceof FieldError) throw new UsageError(name, e.message);
    throw e;
  }
}

function readPinned(x: unknown, at: string): Pinned {
  if (!Array.isArray(x) || x.length !== 2) throw new FieldError(at, 'expected [value, band]');
  const val = (y: unknown, w: string) => (y === null ? null : num(y, w));
  return [val(x[0], `${at}[0]`), val(x[1], `${at}[1]`)];
}

/** The moves of one golden file against a fresh run (for tests and tools). */
export function checkGoldenFile(dir: string, rel: string, methods: readonly AnyTrainingMethod[]): Move[] {
  const g = readGoldenFile(fs.readFileSync(path.join(dir, rel), 'utf8'), rel);
  if (!g.values) throw new UsageError(rel, 'no pinned values yet (run lagrangelab golden --update)');
  return compareGolden(g.values, runGoldenCase(g.case, dir, methods));
}
