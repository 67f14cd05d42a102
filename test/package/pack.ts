/**
 * Build the npm package the way a release would (`npm pack`, whose `prepack` runs `npm run build`) from a copy of
 * the repository in a temporary folder, and install the tarball into an empty consumer project offline: the
 * consumer's lockfile is derived from this repository's (exact versions, registry URLs, integrities), so `npm ci
 * --offline` takes every tarball from the npm cache that the repository's own `npm ci` filled. Nothing is written
 * into the repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/engine/registry.ts';

/** Lockfile entry (the fields this file uses). */
interface LockEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [k: string]: unknown;
}
interface PackageJson {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  bin: Record<string, string>;
  engines: Record<string, string>;
  files: string[];
  [k: string]: unknown;
}

export const readPackageJson = (dir = REPO_ROOT): PackageJson => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** A child process environment without the test runner's variables (NODE_OPTIONS, VITEST…): PATH and HOME only. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME };
}

/** Run a command; throws with its output when it fails. */
export function run(cmd: string, args: string[], cwd: string, timeout = 180_000): string {
  try {
    return execFileSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${x.message}\n${x.stdout ?? ''}\n${x.stderr ?? ''}`);
  }
}

/** `npm pack` a copy of the repository into `tmp`; returns the tarball's path and the files it holds. */
export function packRepository(tmp: string): { tarball: string; files: string[] } {
  const pkg = join(tmp, 'pkg');
  mkdirSync(pkg, { recursive: true });
  const manifest = readPackageJson();
  // What the package ships plus what the build needs; node_modules is shared (read only).
  for (const f of new Set([...manifest.files, 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src'])) {
    if (f === 'dist') continue;
    cpSync(join(REPO_ROOT, f), join(pkg, f), { recursive: true });
  }
  symlinkSync(realpathSync(join(REPO_ROOT, 'node_modules')), join(pkg, 'node_modules'), 'dir');
  const out = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], pkg, 240_000).replace(/^[^[]*/, '')) as {
    filename: string; files: { path: string }[];
  }[];
  return { tarball: join(tmp, out[0].filename), files: out[0].files.map((f) => f.path).sort() };
}

/** The lockfile entries of `deps` and everything they depend on, resolved as npm hoists them. */
function closure(lock: Record<string, LockEntry>, deps: readonly string[]): Record<string, LockEntry> {
  const find = (dep: string, parent: string): string | null => {
    for (let p = parent; ; p = p.includes('/node_modules/') ? p.slice(0, p.lastIndexOf('/node_modules/')) : '') {
      const key = p === '' ? `node_modules/${dep}` : `${p}/node_modules/${dep}`;
      if (key in lock) return key;
      if (p === '') return null;
    }
  };
  const out: Record<string, LockEntry> = {};
  const todo: [string, string][] = deps.map((d) => [d, '']);
  while (todo.length > 0) {
    const [dep, parent] = todo.pop() as [string, string];
    const key = find(dep, parent);
    if (key === null) throw new Error(`${dep} (needed by ${parent || 'the package'}) is not in package-lock.json`);
    if (key in out) continue;
    const { dev: _d, devOptional: _o, peer: _p, optional: _x, ...entry } = lock[key];
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // npm 11 leaves `resolved` out for the default registry; npm ci --offline needs it to find the cached tarball.
    entry.resolved ??= `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    out[key] = entry;
    for (const d of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {})]) todo.push([d, key]);
  }
  return out;
}

/**
 * An empty consumer project in `dir` (ESM, with `@types/node` for its type check) with the tarball installed by
 * `npm ci --offline`. Only the package's `dependencies` are installed: no devDependency, no tsx, no vitest.
 */
export function installConsumer(dir: string, tarball: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = readPackageJson();
  const repoLock = (JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const spec = `file:${tarball}`;
  const typesNode = repoLock['node_modules/@types/node'].version;
  const consumer = { name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies: { lagrangelab: spec }, devDependencies: { '@types/node': typesNode } };
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const { dependencies, peerDependencies, peerDependenciesMeta, bin, engines } = manifest;
  const lock = {
    name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true,
    packages: {
      '': { name: 'consumer', version: '1.0.0', dependencies: consumer.dependencies, devDependencies: consumer.devDependencies },
      'node_modules/lagrangelab': { version: manifest.version, resolved: spec, integrity, license: 'MIT', dependencies, peerDependencies, peerDependenciesMeta, bin, engines },
      ...closure(repoLock, [...Object.keys(dependencies), '@types/node']),
    },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(consumer, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], dir);
}
