#!/usr/bin/env node
// Launcher. In a source checkout (src/ beside bin/) it runs the TypeScript CLI through tsx, so a fresh `npm ci`
// needs no build step; the repository's tsconfig maps the package's own name to the sources. In the npm package
// (no src/) it runs the compiled dist/ with plain Node: no TypeScript loader at run time.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname });
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
