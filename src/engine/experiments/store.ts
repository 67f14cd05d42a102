/**
 * Where an experiment's cells live on disk: `<dir>/cells/<scale>-s<seed>/<cellId>.json`, each written atomically
 * (a hidden temp file in the same folder, then rename: a reader sees the old file or the whole new one, never
 * half of one), each holding the key it was computed under. A cell file is reused only when its key equals the
 * key of the cell now asked for — the hash of the experiment's name and version, the cell's inputs and the code
 * version — so a change of code or inputs recomputes it instead of reusing a stale number.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentCell, ExperimentScale } from './types.ts';

/** Format version of a cell file. */
export const CELL_FILE_VERSION = 1;

/** A stored cell. */
export interface CellFile {
  version: typeof CELL_FILE_VERSION;
  experiment: string;
  cell: string;
  key: string;
  inputs: unknown;
  result: unknown;
  /** Wall time of the computation, ms (informational: never part of a summary). */
  elapsedMs: number;
}

/** JSON with object keys sorted, so equal inputs hash equally whatever order their keys were written in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The key of a cell: sha256 over the experiment, its version, the cell's id and inputs, and the code version. */
export function cellKey(experiment: string, version: number, cell: ExperimentCell<unknown>, codeVersion: string): string {
  return createHash('sha256').update(canonicalJson({ experiment, version, cell: cell.id, inputs: cell.inputs, code: codeVersion })).digest('hex');
}

/** The folder of one scale and seed's cells. */
export function cellDir(dir: string, scale: ExperimentScale, seed: number): string {
  return path.join(dir, 'cells', `${scale}-s${seed}`);
}

/** Write `text` to `file` atomically: a hidden temp file beside it, then rename. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** The stored result of a cell when its file exists and was computed under `key`; else undefined. */
export function readCell(file: string, key: string): CellFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Partial<CellFile>;
    return v.version === CELL_FILE_VERSION && v.key === key && 'result' in v ? (v as CellFile) : undefined;
  } catch {
    return undefined; // not ours or damaged: recompute (the rename makes a half-written file impossible)
  }
}

/** Remove temp files an interrupted run left behind in `dir`. */
export function removeStaleTemps(dir: string): number {
  let n = 0;
  for (const f of fs.readdirSync(dir)) {
    if (f.startsWith('.') && f.endsWith('.tmp')) {
      fs.rmSync(path.join(dir, f), { force: true });
      n++;
    }
  }
  return n;
}

const cachedCodeVersions = new Map<string, string>();

/** Folders and files of the source tree no experiment's numbers depend on (the CLI, the report, the vitest glue). */
const NOT_COMPUTATION = /^(cli|report|vitest)\/|^index\.(ts|js)$/;

/**
 * The code version of a paper's experiments: sha256 over every `.ts`/`.js` file of the source tree this module was
 * loaded from (`src/`, or `dist/` in the package) that can change their numbers — everything but the other
 * papers' folders, the CLI, the report and the vitest glue. So any change of that code invalidates the paper's
 * stored cells, and work on another paper does not. Computed once per process and paper.
 */
export function codeVersion(paper = '', root = defaultRoot): string {
  const key = `${root}\0${paper}`;
  const hit = cachedCodeVersions.get(key);
  if (hit !== undefined) return hit;
  const own = paper.toLowerCase();
  const h = createHash('sha256');
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !NOT_COMPUTATION.test(f))
    .filter((f) => !f.startsWith('papers/') || f.split('/')[1] === own)
    .sort();
  for (const f of files) h.update(f).update('\0').update(fs.readFileSync(path.join(root, f))).update('\0');
  const v = h.digest('hex').slice(0, 16);
  cachedCodeVersions.set(key, v);
  return v;
}

const defaultRoot = fileURLToPath(new URL('../..', import.meta.url));
