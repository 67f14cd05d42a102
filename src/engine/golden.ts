/**
 * Golden traces: the first iterations of a method's run, pinned with tolerance bands, so that a change that moves
 * a trajectory is seen the day it is made. Paper-agnostic: a golden case names a method, an instance file, flags
 * and a seed; what is pinned is read off the method's own run file ({@link goldenQuantities}).
 *
 * Bands come from the tolerance policy (tolerance.ts), carried along the trajectory. The policy's rtol is its
 * bound on the relative rounding error one computation may accumulate (k·κ·ε for the claims' instances). A
 * refactoring that only reorders floating-point operations perturbs a run by errors of that kind, and the method
 * then propagates them — damps or amplifies them — as it propagates any perturbation of its input. So the band of
 * each pinned value v is measured, not guessed:
 *
 *   band(v) = rtol·max(1, |v|) + max_p |v_p − v|
 *
 * where v_p are the values of P runs on the instance with every non-integer number x replaced by
 * x·(1 + rtol·ξ), ξ uniform on [−1, 1] from a seeded stream ({@link perturbInstanceText}): rtol-sized errors
 * injected at the start, as far as the trajectory carries them. Quantities the method amplifies (a ReLU kink
 * crossed, a restart taken or not) get wide bands; quantities it damps keep the policy's rtol. A value a
 * perturbed run does not produce at all (a shorter trace, null for a non-finite number) is unbounded: only its
 * presence is checked (band null).
 */
import { mulberry32 } from '../core/rng.ts';

/** What one golden case runs. `instance` is relative to the golden directory. */
export interface GoldenCase {
  readonly method: string;
  readonly instance: string;
  /** The method's own flags, as on the command line (`{"epochs": "5"}`). */
  readonly flags: Readonly<Record<string, string>>;
  readonly seed: number;
  /** Rows kept of each per-iteration table of the run file (`trace`, `outer`). */
  readonly rows: number;
}

/** How the bands were derived (kept in the file, so a reader can redo it). */
export interface BandRule {
  readonly rtol: number;
  readonly perturbations: number;
  readonly seed: number;
}

/** A pinned value and its band (null: unbounded, presence only); value null stands for a non-finite number. */
export type Pinned = readonly [value: number | null, band: number | null];

/** A golden file. */
export interface GoldenFile {
  readonly case: GoldenCase;
  readonly bands: BandRule;
  readonly values: Readonly<Record<string, Pinned>>;
}

/** Numeric arrays up to this length are pinned entry by entry (per-block norms); longer ones by their norm. */
const SHORT = 16;

/** Keys of a run file that are inputs, bookkeeping or wall-clock data, not results. */
const SKIP = new Set(['version', 'seed', 'command', 'elapsedMs', 'timeMs', 'settings', 'dims', 'split', 'source', 'warnings', 'lambda', 'beta', 'tuning']);

/**
 * The quantities of a run file a golden trace pins, by path: every number (the objective and everything else a
 * trace row records), the first `rows` rows of each array of objects (`trace[3].loss`), short numeric arrays entry
 * by entry (`trace[3].norms[1]`), and each matrix or long vector by its Frobenius norm (`‖params.W‖`, one per layer
 * for a list of matrices: the iterate summaries). Keys in {@link SKIP} are left out.
 */
export function goldenQuantities(runFile: unknown, rows: number): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number' || v === null) {
      out.set(path, v);
      return;
    }
    if (Array.isArray(v)) {
      if (isNumeric(v)) {
        const depth = depthOf(v);
        if (depth === 1 && v.length <= SHORT) v.forEach((x, i) => out.set(`${path}[${i}]`, x as number | null));
        else if (depth <= 2) out.set(`‖${path}‖`, frobenius(v));
        else v.forEach((x, i) => walk(x, `${path}[${i}]`)); // a list of matrices (ZLY's layers): one norm each
        return;
      }
      v.slice(0, rows).forEach((x, i) => walk(x, `${path}[${i}]`));
      return;
    }
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (!SKIP.has(k)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(runFile, '');
  return out;
}

function depthOf(v: unknown): number {
  return Array.isArray(v) ? 1 + depthOf(v[0]) : 0;
}

function isNumeric(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 && v.every(isNumeric) : typeof v === 'number' || v === null;
}

/** ‖·‖_F of a (nested) numeric array; null when an entry is null (non-finite). */
function frobenius(v: unknown[]): number | null {
  let s = 0;
  const add = (x: unknown): boolean => {
    if (Array.isArray(x)) return x.every(add);
    if (typeof x !== 'number') return false;
    s += x * x;
    return true;
  };
  return add(v) ? Math.sqrt(s) : null;
}

/**
 * The instance text with every non-integer number x (at any depth) replaced by x·(1 + rtol·ξ), ξ ~ U[−1, 1] from
 * mulberry32(seed) in document order. Integers (sizes, counts, exact data) are left alone.
 */
export function perturbInstanceText(text: string, rtol: number, seed: number): string {
  const u = mulberry32(seed);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isInteger(v) ? v : v * (1 + rtol * (2 * u() - 1));
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return JSON.stringify(walk(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)));
}

/** The pinned values of a reference run with bands from perturbed runs (module header). */
export function deriveBands(reference: Map<string, number | null>, perturbed: readonly Map<string, number | null>[], rtol: number): Record<string, Pinned> {
  const out: Record<string, Pinned> = {};
  for (const [key, v] of reference) {
    if (v === null) {
      out[key] = [null, null];
      continue;
    }
    let spread = 0;
    for (const p of perturbed) {
      const w = p.get(key);
      spread = typeof w === 'number' ? Math.max(spread, Math.abs(w - v)) : Infinity;
    }
    out[key] = [v, Number.isFinite(spread) ? rtol * Math.max(1, Math.abs(v)) + spread : null];
  }
  return out;
}

/** A pinned value that moved, appeared or disappeared. */
export interface Move {
  readonly key: string;
  /** The iteration row of the key (`trace[3].loss` → 3), when it has one. */
  readonly row?: number;
  readonly golden: number | null | undefined;
  readonly now: number | null | undefined;
  /** |now − golden| (Infinity when one side is missing or non-finite). */
  readonly diff: number;
  readonly band: number | null;
}

/**
 * Every pinned value of `golden` that `now` moves beyond its band, and every key only one side has: iteration rows
 * in order (the first line is where the trajectory started to move), then the values without a row.
 */
export function compareGolden(golden: Readonly<Record<string, Pinned>>, now: Map<string, number | null>): Move[] {
  const moves: Move[] = [];
  for (const [key, [g, band]] of Object.entries(golden)) {
    const v = now.get(key);
    const row = rowOf(key);
    const base = { key, ...(row !== undefined ? { row } : {}), golden: g, now: v, band };
    if (v === undefined) moves.push({ ...base, diff: Infinity });
    else if (g === null || v === null) {
      if (g !== v) moves.push({ ...base, diff: Infinity });
    } else if (band !== null && !(Math.abs(v - g) <= band)) moves.push({ ...base, diff: Math.abs(v - g) });
  }
  for (const [key, v] of now) {
    if (!(key in golden)) {
      const row = rowOf(key);
      moves.push({ key, ...(row !== undefined ? { row } : {}), golden: undefined, now: v, diff: Infinity, band: null });
    }
  }
  // earliest iteration first (where the trajectory started to move), the final values after the rows
  return moves.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity));
}

function rowOf(key: string): number | undefined {
  const m = /^[^[.]*\[(\d+)\]/.exec(key);
  return m ? Number(m[1]) : undefined;
}

/** One line per move: which iteration and quantity, golden and current values, by how much, against which band. */
export function formatMove(m: Move): string {
  const f = (x: number | null | undefined) => (x === undefined ? 'absent' : x === null ? 'non-finite' : x.toPrecision(12));
  const where = m.row !== undefined ? `iteration row ${m.row}, ${m.key}` : m.key;
  if (m.golden === undefined) return `${where}: new quantity ${f(m.now)} (not in the golden file)`;
  if (m.now === undefined) return `${where}: missing (golden ${f(m.golden)})`;
  if (!Number.isFinite(m.diff)) return `${where}: golden ${f(m.golden)}, now ${f(m.now)}`;
  const bands = m.band !== null && m.band > 0 ? ` = ${(m.diff / m.band).toPrecision(3)} bands` : '';
  return `${where}: golden ${f(m.golden)}, now ${f(m.now)}, moved ${m.diff.toPrecision(3)} (band ${m.band === null ? 'none' : m.band.toPrecision(3)}${bands})`;
}
