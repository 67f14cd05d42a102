import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { NPM_VERIFY_FACTOR, registerVerify } from '../../src/cli/verify.ts';

const root = new URL('../../', import.meta.url);
const scripts = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> }).scripts;
const factorOf = (script: string): number | null => {
  const m = /--factor (\d+)/.exec(script);
  return m ? Number(m[1]) : null;
};

describe('--factor of npm run verify', () => {
  it('package.json\'s verify and docs scripts use NPM_VERIFY_FACTOR', () => {
    expect(factorOf(scripts.verify)).toBe(NPM_VERIFY_FACTOR);
    expect(factorOf(scripts.docs)).toBe(NPM_VERIFY_FACTOR);
  });

  it('verify --help says the same', () => {
    const program = new Command('lagrangelab');
    registerVerify(program, () => undefined);
    const verify = program.commands.find((c) => c.name() === 'verify');
    expect(verify?.helpInformation().replace(/\s+/g, ' ')).toContain(`(npm run verify uses ${NPM_VERIFY_FACTOR})`);
  });

  it('the README quotes the script and its factor', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    for (const needle of [
      `\`${scripts.verify.replace(/^node bin\/lagrangelab\.js /, 'lagrangelab ')}\``,
      `(\`npm run verify\` uses ${NPM_VERIFY_FACTOR})`,
    ]) {
      expect(readme.includes(needle), `README.md lacks ${needle}`).toBe(true);
    }
  });
});
