/**
 * The engine's module graph: it never imports a paper, the report or the CLI, and its modules import each other
 * without cycles (the runner once re-exported the mutant matrix, which imports the runner).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/engine/registry.ts';

const ENGINE = join(REPO_ROOT, 'src/engine');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Relative imports (static `import … from` and `export … from`) of a file, resolved to absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) out.push(resolve(dirname(file), m[1]));
  return out;
}

describe('engine module graph', () => {
  const files = tsFiles(ENGINE);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('imports nothing above the engine (papers, report, cli)', () => {
    const bad = [...graph].flatMap(([f, deps]) => deps
      .map((d) => relative(REPO_ROOT, d))
      .filter((d) => /^src\/(papers|report|cli)\//.test(d))
      .map((d) => `${relative(REPO_ROOT, f)} → ${d}`));
    expect(bad).toEqual([]);
  });

  it('has no import cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, stack: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(f)), f].map((x) => relative(ENGINE, x)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d, [...stack, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
