/**
 * The import rule of src/ (README, "Layout"), checked over source text: no dependency, no TypeScript program,
 * just the module specifiers of `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`.
 *
 * Layers, lowest first (a file may import its own layer and any lower one):
 *
 *   core · linalg · models  <  engine  <  papers/<paper> , baselines , report , vitest  <  cli  <  src/index.ts
 *
 * core, linalg and models import nothing else in src today; they are ordered core < linalg < models so the
 * numeric kernels stay free of the model layer and the utilities free of both. papers and report are
 * siblings: neither imports the other; so are papers and baselines (the gradient baselines read the papers'
 * instance files only through readers that `cli/registry.ts` passes in). Inside one paper: problem < solver ,
 * theory < claims < envelope , experiments, where solver and theory are siblings too (theory holds the independent
 * oracles the claims hold the solver against), and so are envelope and experiments (they run the solver and reuse
 * the claims' checks). A paper's claims/ and experiments/ may import baselines/ (its empirical claims compare its
 * method with the gradient baselines); nothing else in a paper does, and the baselines never import a paper.
 */
import { posix } from 'node:path';

/** A source file as the checker sees it: its repository-relative path (`src/…`, forward slashes) and text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One import that breaks the rule. */
export interface Violation {
  file: string;
  /** The module specifier as written. */
  spec: string;
  /** The import's target, repository-relative. */
  target: string;
  rule: string;
}

const RANK: Record<string, number> = { core: 0, linalg: 1, models: 2, engine: 3, papers: 4, baselines: 4, report: 4, vitest: 4, cli: 5, index: 6 };
const PART_RANK: Record<string, number> = { problem: 0, solver: 1, theory: 1, claims: 2, envelope: 3, experiments: 3 };

/** Where a src file sits: top layer, and for papers the paper and its part (`problem`, `solver`, …). */
export interface Place {
  layer: string;
  paper?: string;
  part?: string;
}

/** The layer of a repository-relative path, or null when it is outside src/. */
export function placeOf(path: string): Place | null {
  const parts = path.split('/');
  if (parts[0] !== 'src') return null;
  if (parts.length === 2) return { layer: parts[1] === 'index.ts' ? 'index' : parts[1] };
  if (parts[1] === 'papers') return { layer: 'papers', paper: parts[2], part: parts.length > 4 ? parts[3] : undefined };
  return { layer: parts[1] };
}

// Import clauses span lines and hold only names, braces, commas, `*`, `as`, `type`; the class excludes `(`, `=`
// and `;`, so a declaration like `export function f(…): { from: number }` is never taken for a re-export.
const STATIC = /^[ \t]*(?:import|export)\s+(?:type\s+)?(?:[\w\s{},*$]*?\bfrom\s*)?['"]([^'"\n]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/** The relative module specifiers a source text imports or re-exports (package imports are left out). */
export function relativeImports(text: string): string[] {
  const specs: string[] = [];
  for (const re of [STATIC, DYNAMIC]) for (const m of text.matchAll(re)) if (m[1].startsWith('.')) specs.push(m[1]);
  return specs;
}

/** Why importing `to` from `from` breaks the rule, or null when it is allowed. */
export function ruleBroken(from: Place, to: Place | null): string | null {
  if (to === null) return 'src imports a file outside src/';
  if (!(to.layer in RANK)) return `unknown layer src/${to.layer}: add it to the rule (test/architecture/layers.ts, README)`;
  if (!(from.layer in RANK)) return `unknown layer src/${from.layer}: add it to the rule (test/architecture/layers.ts, README)`;
  if (from.layer === 'papers' && to.layer === 'papers') {
    if (from.paper !== to.paper) return `papers never import each other (${from.paper} → ${to.paper})`;
    const a = from.part, b = to.part;
    if (a === b || a === undefined || b === undefined || !(a in PART_RANK) || !(b in PART_RANK)) return null;
    if (a === 'theory' && b === 'solver') return `a paper's theory/ (independent oracles) never imports its solver/`;
    if (PART_RANK[a] < PART_RANK[b]) return `${a}/ is below ${b}/ in a paper (problem < solver, theory < claims)`;
    if (PART_RANK[a] === PART_RANK[b]) return `${a}/ and ${b}/ are siblings in a paper: neither imports the other`;
    return null;
  }
  if (to.layer === 'papers' && from.layer !== 'cli' && from.layer !== 'index') {
    return `only src/cli (the ledgers in cli/registry.ts) and src/index.ts import src/papers`;
  }
  if (to.layer === 'baselines' && from.layer !== 'baselines' && from.layer !== 'cli' && from.layer !== 'index' && !comparesBaselines(from)) {
    return `only src/cli (cli/registry.ts), src/index.ts and a paper's claims/ and experiments/ import src/baselines`;
  }
  if (from.layer === 'papers' && to.layer === 'baselines') return null;
  if (to.layer === 'cli' && from.layer !== 'cli' && from.layer !== 'index') return 'only src/index.ts imports src/cli';
  if (from.layer === to.layer) return null;
  if (RANK[from.layer] < RANK[to.layer]) return `${from.layer} is below ${to.layer}: a lower layer never imports a higher one`;
  if (RANK[from.layer] === RANK[to.layer]) return `${from.layer} and ${to.layer} are siblings: neither imports the other`;
  return null;
}

/**
 * A paper's empirical claims and experiments (§5 of WZC: the ALM against GD, Adam, …) run the baselines; the
 * baselines never import a paper, so this edge points one way only.
 */
function comparesBaselines(from: Place): boolean {
  return from.layer === 'papers' && (from.part === 'claims' || from.part === 'experiments');
}

/** Every import of `files` that breaks the rule, in file order. */
export function checkLayers(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files) {
    const from = placeOf(f.path);
    if (from === null) continue;
    for (const spec of relativeImports(f.text)) {
      const target = posix.normalize(posix.join(posix.dirname(f.path), spec));
      const rule = ruleBroken(from, placeOf(target));
      if (rule !== null) out.push({ file: f.path, spec, target, rule });
    }
  }
  return out;
}

/** `file: import 'spec' — rule`, one line per violation. */
export function formatViolation(v: Violation): string {
  return `${v.file}: import '${v.spec}' — ${v.rule}`;
}

/** Layer-to-layer edges (with import counts) actually present: the picture the README draws. */
export function layerEdges(files: readonly SourceFile[]): Map<string, number> {
  const name = (p: Place): string => (p.layer === 'papers' ? `papers/${p.paper}/${p.part ?? '.'}` : p.layer);
  const edges = new Map<string, number>();
  for (const f of files) {
    const from = placeOf(f.path);
    if (from === null) continue;
    for (const spec of relativeImports(f.text)) {
      const to = placeOf(posix.normalize(posix.join(posix.dirname(f.path), spec)));
      if (to === null || name(to) === name(from)) continue;
      const key = `${name(from)} -> ${name(to)}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
  return edges;
}
