/**
 * The versions behind a result: lagrangelab's and those of the packages that shape the numbers and the figures,
 * read from the installed package.json files (the declared range when a package is not installed).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../engine/registry.ts';

/** Packages whose versions reports record. */
export const RECORDED_PACKAGES = ['fast-check', 'vega', 'vega-lite', '@resvg/resvg-js', 'mathjs', 'ml-matrix', 'commander'] as const;

function readJson(file: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The version of `name` as Node would resolve it from `root`: the nearest node_modules up the tree (an installed
 * lagrangelab finds its dependencies beside itself, a checkout in its own node_modules). */
function installedVersion(root: string, name: string): string | undefined {
  for (let dir = root; ; dir = dirname(dir)) {
    const v = readJson(join(dir, 'node_modules', name, 'package.json'))?.version;
    if (typeof v === 'string') return v;
    if (dirname(dir) === dir) return undefined;
  }
}

/** lagrangelab's version under `root` and the versions of {@link RECORDED_PACKAGES} ('unknown' when not found). */
export function versions(root: string): { lagrangelab: string; packages: Record<string, string> } {
  const own = readJson(join(root, 'package.json'));
  const declared = { ...(own?.dependencies as Record<string, string> | undefined), ...(own?.devDependencies as Record<string, string> | undefined) };
  const packages: Record<string, string> = {};
  for (const name of RECORDED_PACKAGES) {
    const v = installedVersion(root, name);
    packages[name] = v ?? declared[name] ?? 'unknown';
  }
  return { lagrangelab: typeof own?.version === 'string' ? own.version : 'unknown', packages };
}

let cached: Record<string, string> | null = null;

/** This installation's versions as one record (`lagrangelab` first), read once per process. */
export function runVersions(): Record<string, string> {
  if (cached === null) {
    const v = versions(REPO_ROOT);
    cached = { lagrangelab: v.lagrangelab, ...v.packages };
  }
  return { ...cached };
}
