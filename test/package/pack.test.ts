/**
 * lagrangelab as an npm package. Always: package.json's exports, files, bin and dependencies agree with the
 * sources (fast, static). With LAGRANGELAB_PACK_TEST=1 (`npm run test:pack`; ~15 s of CPU, about a minute of wall
 * time on a loaded 2-core machine, so not part of `npm test`): `npm pack` in a temporary copy, the tarball
 * installed offline into an empty project, and there — without this repository — plain JavaScript imports it,
 * TypeScript type-checks against it, and the `lagrangelab` binary runs (worker threads included) with no
 * TypeScript loader installed.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../../src/engine/registry.ts';
import { cleanEnv, installConsumer, packRepository, readPackageJson, run } from './pack.ts';

const pkg = readPackageJson();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|mjs)$/.test(f)).map((f) => join(dir, f));
}

/** Bare module specifiers a source file imports (statically, or dynamically with a literal), package names only. */
function packageImports(text: string): { name: string; dynamic: boolean }[] {
  const out: { name: string; dynamic: boolean }[] = [];
  const name = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*'([^'.][^']*)'/gm)) out.push({ name: name(m[1]), dynamic: false });
  for (const m of text.matchAll(/^\s*import\s+'([^'.][^']*)'/gm)) out.push({ name: name(m[1]), dynamic: false });
  for (const m of text.matchAll(/\bimport\(\s*'([^'.][^']*)'\s*\)/g)) out.push({ name: name(m[1]), dynamic: true });
  return out.filter((x) => !x.name.startsWith('node:') && !builtinModules.includes(x.name));
}

describe('package.json (static)', () => {
  it('every export has its types and a source file the build compiles to it', () => {
    const exportsMap = pkg.exports as Record<string, string | { types: string; default: string }>;
    const entries = Object.entries(exportsMap).filter(([k]) => k !== './package.json');
    expect(entries.map(([k]) => k)).toEqual(['.', './vitest']);
    for (const [, v] of entries) {
      if (typeof v === 'string') throw new Error('exports need { types, default }');
      expect(v.default).toMatch(/^\.\/dist\/.*\.js$/);
      expect(v.types).toBe(v.default.replace(/\.js$/, '.d.ts'));
      expect(existsSync(join(REPO_ROOT, v.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')))).toBe(true);
    }
    expect(pkg.types).toBe('./dist/index.d.ts');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'bin', 'fixtures']));
    expect(pkg.files).not.toContain('src');
    expect((pkg.scripts as Record<string, string>).build).toBe('tsc -p tsconfig.build.json');
    expect((pkg.scripts as Record<string, string>).prepack).toBe('npm run build');
  });

  it('what runs imports only dependencies; tsx and vitest are optional peers, loaded only where needed', () => {
    const deps = new Set(Object.keys(pkg.dependencies));
    const peers = new Set(Object.keys(pkg.peerDependencies ?? {}));
    expect([...peers].sort()).toEqual(['tsx', 'vitest']);
    expect(deps.has('tsx') || deps.has('vitest')).toBe(false);
    for (const p of peers) expect((pkg.peerDependenciesMeta as Record<string, { optional: boolean }>)[p]).toEqual({ optional: true });
    const bad: string[] = [];
    for (const f of sourceFiles('src')) {
      for (const imp of packageImports(readFileSync(join(REPO_ROOT, f), 'utf8'))) {
        if (deps.has(imp.name)) continue;
        const ok = (imp.name === 'tsx' && imp.dynamic) || (imp.name === 'vitest' && f.startsWith('src/vitest/'));
        if (!ok) bad.push(`${f}: ${imp.name}${imp.dynamic ? ' (dynamic)' : ''}`);
      }
    }
    expect(bad).toEqual([]);
    // the launcher and the worker bootstrap load tsx only from a source checkout
    for (const f of ['bin/lagrangelab.js', 'src/engine/parallel/bootstrap.mjs']) {
      expect(packageImports(readFileSync(join(REPO_ROOT, f), 'utf8')).filter((x) => !x.dynamic)).toEqual([]);
    }
    expect(readFileSync(join(REPO_ROOT, 'bin/lagrangelab.js'), 'utf8')).toContain("import('../dist/cli/main.js')");
  });
});

const PACK = process.env.LAGRANGELAB_PACK_TEST === '1';

describe.runIf(PACK)('npm pack → install in an empty project (LAGRANGELAB_PACK_TEST=1)', () => {
  let consumer = '';
  const bin = (): string => join(consumer, 'node_modules', '.bin', 'lagrangelab');
  const cli = (...args: string[]) => spawnSync(bin(), args, { cwd: consumer, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  let files: string[] = [];

  it('packs compiled output, no sources, and installs offline with its dependencies only', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'lagrangelab-pack-'));
    consumer = join(tmp, 'consumer');
    const t0 = Date.now();
    const packed = packRepository(tmp);
    files = packed.files;
    const t1 = Date.now();
    installConsumer(consumer, packed.tarball);
    console.log(`npm pack (with build) ${((t1 - t0) / 1000).toFixed(1)} s, npm ci --offline ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    expect(files).toEqual(expect.arrayContaining([
      'package.json', 'bin/lagrangelab.js', 'dist/index.js', 'dist/index.d.ts', 'dist/vitest/index.js', 'dist/cli/main.js',
      'dist/engine/parallel/bootstrap.mjs', 'dist/engine/parallel/worker.js',
    ]));
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.d.mts'))).toEqual([]);
    expect(files.some((f) => f.startsWith('fixtures/counterexamples/'))).toBe(true);
    const installed = readdirSync(join(consumer, 'node_modules'));
    expect(installed).toContain('lagrangelab');
    expect(installed.filter((x) => ['tsx', 'vitest', 'typescript', 'esbuild'].includes(x))).toEqual([]);
  }, 300_000);

  it('plain JavaScript imports the API and runs a claim', () => {
    writeFileSync(join(consumer, 'use.mjs'), `
      import { defineClaim, compareLe, fc, runClaim, validateLedgers } from 'lagrangelab';
      const family = { name: 'p', arbitrary: () => fc.integer({ min: -9, max: 9 }).map((x) => ({ x })), toJSON: (p) => p, fromJSON: (j) => j };
      const claim = defineClaim({ id: 'c.sq', source: { paper: 'C', item: 'L1' }, statement: 'x² ≥ 0', method: 'grid', kind: 'inequality',
        expected: { status: 'holds' }, family, hypotheses: [], check: (p, ctx) => compareLe(0, p.x * p.x, ctx) });
      validateLedgers({ paper: 'C', title: 't', file: '', claims: [claim], errata: [], coverage: [] });
      const r = runClaim(claim, { runs: 25 });
      console.log(JSON.stringify([r.verdict, r.tally.runs]));
    `);
    expect(run('node', ['use.mjs'], consumer).trim()).toBe('["holds",25]');
  });

  it('TypeScript resolves the types (tsc --noEmit in the consumer, lagrangelab and lagrangelab/vitest)', () => {
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'] },
      include: ['check.ts'],
    }));
    writeFileSync(join(consumer, 'check.ts'), `
      import { compareLe, defineClaim, fc, runClaim, type InstanceFamily, type PaperLedger, type Verdict } from 'lagrangelab';
      import type { ClaimTestOptions } from 'lagrangelab/vitest';
      interface P { x: number }
      const family: InstanceFamily<P> = { name: 'p', arbitrary: () => fc.integer({ min: -9, max: 9 }).map((x) => ({ x })), toJSON: (p) => p, fromJSON: (j) => j as P };
      const claim = defineClaim<P>({ id: 'c.sq', source: { paper: 'C', item: 'L' }, statement: 's', method: 'm', kind: 'inequality',
        expected: { status: 'holds' }, family, hypotheses: [], check: (p, ctx): Verdict => compareLe(0, p.x * p.x, ctx) });
      export const ledger: PaperLedger = { paper: 'C', title: 't', file: '', claims: [claim], errata: [], coverage: [] };
      export const runs: number = runClaim(claim, { runs: 3 }).tally.runs;
      export const opts: ClaimTestOptions = { runs: 3, scale: 'ci' };
      // @ts-expect-error: not a claim kind
      export const wrong: Parameters<typeof defineClaim<P>>[0]['kind'] = 'lemma';
    `);
    run('node', [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);
  }, 120_000);

  it('the lagrangelab binary runs from dist/: a JS ledger on worker threads, a built-in claim, compare; a .ts ledger asks for tsx', () => {
    writeFileSync(join(consumer, 'ledger.js'), readFileSync(join(REPO_ROOT, 'test/cli/fixtures/ledgers/plain.js'), 'utf8'));
    const a = cli('verify', '--ledger', './ledger.js', '--jobs', '2', '--report-dir', 'r1');
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/✓ js\.abs-bound {2}holds/);
    const b = cli('verify', '--claim', 'wzc.eq3.14*', '--runs', '5', '--jobs', '1', '--report-dir', 'r2');
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/OK: 1\/1 claims match/);
    expect(cli('compare', 'r1', 'r1', '--quiet').status).toBe(0);
    writeFileSync(join(consumer, 'ledger.ts'), readFileSync(join(consumer, 'ledger.js'), 'utf8'));
    const c = cli('verify', '--ledger', './ledger.ts', '--report-dir', 'r3');
    expect(c.status).toBe(2);
    expect(c.stderr).toBe('lagrangelab: --ledger: ./ledger.ts: a TypeScript ledger needs tsx to load (npm install --save-dev tsx), or compile it to .js\n');
  }, 120_000);
});
