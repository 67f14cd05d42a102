/**
 * The versions behind a result: lagrangelab's and those of the packages that shape the numbers and the figures,
 * read from the installed package.json files (the declared range when a package is not found where expected).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** lagrangelab's version under `root` and the versions of {@link RECORDED_PACKAGES} ('unknown' when not found). */
export function versions(root: string): { lagrangelab: string; packages: Record<string, string> } {
  const own = readJson(join(root, 'package.json'));
  const declared = { ...(own?.dependencies as Record<string, string> | undefined), ...(own?.devDependencies as Record<string, string> | undefined) };
  const packages: Record<string, string> = {};
  for (const name of RECORDED_PACKAGES) {
    const v = readJson(join(root, 'node_modules', name, 'package.json'))?.version;
    packages[name] = typeof v === 'string' ? v : (declared[name] ?? 'unknown');
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
