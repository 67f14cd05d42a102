/**
 * Branches and functions that a V8 coverage run (istanbul `coverage-final.json`, as @vitest/coverage-v8 writes
 * it) never reached, for the files under given folders. Pure: `npm run coverage:claims` feeds it the coverage of
 * the property suites alone and checks the README's "Branches no claim reaches" table against it.
 */

interface Position { line?: number; column?: number | null }
interface Range { start: Position; end: Position }
interface BranchEntry { loc: Range; type: string; locations: Range[]; line?: number }
interface FunctionEntry { name: string; decl: Range; loc: Range; line?: number }

/** One file's record in coverage-final.json (only the fields read here). */
export interface FileCoverage {
  path?: string;
  branchMap: Record<string, BranchEntry>;
  b: Record<string, number[]>;
  fnMap: Record<string, FunctionEntry>;
  f: Record<string, number>;
}

/** coverage-final.json: absolute file path → its coverage. */
export type CoverageFinal = Record<string, FileCoverage>;

/** Everything unreached on one source line. */
export interface Unreached {
  /** Path relative to the repository root, forward slashes. */
  file: string;
  line: number;
  /**
   * What never ran, e.g. `if: then`, `if: else` (an `if` without `else` still has a fall-through arm),
   * `cond-expr: false`, `binary-expr: operand 2 of 2`, `switch: case 1 of 3`, `default-arg`, or
   * `function name (k arms inside)` for a function never called (its own branches are folded into that row).
   */
  arms: string[];
}

function armName(type: string, index: number, count: number): string {
  switch (type) {
    case 'if':
      return index === 0 ? 'if: then' : 'if: else';
    case 'cond-expr':
      return index === 0 ? 'cond-expr: true' : 'cond-expr: false';
    case 'binary-expr':
      return `binary-expr: operand ${index + 1} of ${count}`;
    case 'switch':
      return `switch: case ${index + 1} of ${count}`;
    case 'default-arg':
      return 'default-arg';
    default:
      return `${type}: arm ${index + 1} of ${count}`;
  }
}

function relativePath(absolute: string, root: string): string {
  const norm = absolute.replace(/\\/g, '/');
  const base = root.replace(/\\/g, '/').replace(/\/?$/, '/');
  return norm.startsWith(base) ? norm.slice(base.length) : norm;
}

const lineOf = (p: Position | undefined): number => p?.line ?? 0;

/**
 * Every unreached branch arm and function in the files whose root-relative path starts with one of `prefixes`,
 * one entry per source line, sorted by file then line.
 */
export function unreachedBranches(coverage: CoverageFinal, root: string, prefixes: readonly string[]): Unreached[] {
  const rows = new Map<string, Unreached>();
  const add = (file: string, line: number, arm: string): void => {
    const key = `${file}:${line}`;
    const row = rows.get(key) ?? { file, line, arms: [] };
    row.arms.push(arm);
    rows.set(key, row);
  };
  for (const [key, fc] of Object.entries(coverage)) {
    const file = relativePath(fc.path ?? key, root);
    if (!prefixes.some((p) => file.startsWith(p))) continue;
    // decl.start: default arguments sit between the name and the body, which is where loc starts
    const deadFns = Object.entries(fc.fnMap)
      .filter(([id]) => fc.f[id] === 0)
      .map(([, fn]) => ({ fn, from: lineOf(fn.decl.start) || lineOf(fn.loc.start), to: lineOf(fn.loc.end), folded: 0 }));
    for (const [id, entry] of Object.entries(fc.branchMap)) {
      (fc.b[id] ?? []).forEach((n, i, counts) => {
        if (n !== 0) return;
        const line = lineOf(entry.locations[i]?.start) || entry.line || lineOf(entry.loc.start);
        const inside = deadFns.find((d) => line >= d.from && line <= d.to);
        if (inside) inside.folded++;
        else add(file, line, armName(entry.type, i, counts.length));
      });
    }
    for (const d of deadFns) {
      const line = d.from;
      // A function nested in another dead function is folded into the outer one too.
      if (deadFns.some((o) => o !== d && o.from <= d.from && o.to >= d.to && (o.from < d.from || o.to > d.to))) continue;
      add(file, line, `function ${d.fn.name} never called${d.folded ? ` (${d.folded} arm${d.folded > 1 ? 's' : ''} inside)` : ''}`);
    }
  }
  return [...rows.values()].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/** `file:line`, the key the README table is matched on. */
export function locationKey(u: Pick<Unreached, 'file' | 'line'>): string {
  return `${u.file}:${u.line}`;
}

/** The `file:line` keys in the first column of markdown table rows (`| \`file:line\` | …`) under `prefixes`. */
export function tableKeys(markdown: string, prefixes: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const m of markdown.matchAll(/^\|\s*`([^`:]+):(\d+)`/gm)) {
    if (prefixes.some((p) => m[1].startsWith(p))) keys.add(`${m[1]}:${m[2]}`);
  }
  return keys;
}

/** Keys unreached but missing from the table, and keys in the table that are now reached. */
export function tableDrift(unreached: readonly Unreached[], listed: ReadonlySet<string>): { missing: string[]; stale: string[] } {
  const now = new Set(unreached.map(locationKey));
  return {
    missing: [...now].filter((k) => !listed.has(k)),
    stale: [...listed].filter((k) => !now.has(k)),
  };
}
