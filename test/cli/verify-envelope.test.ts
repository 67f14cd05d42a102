/** `lagrangelab verify --paper P --envelope`: runs the paper's envelope and writes envelope.{md,json,svg}; usage errors name the flag. */
import { describe, expect, it } from 'vitest';
import { Command, CommanderError } from 'commander';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerVerify, type VerifyDeps } from '../../src/cli/verify.ts';
import { UsageError } from '../../src/cli/errors.ts';
import type { PaperEnvelope } from '../../src/engine/envelope.ts';
import { toyLedger } from '../engine/fixtures/toyLedger.ts';

const toyEnvelope: PaperEnvelope = {
  paper: 'ZLY',
  description: 'a toy grid',
  run: (opts) => {
    opts.onProgress?.(1, 1, 'cell');
    return {
      markdown: `# toy envelope seed ${opts.seed} ${opts.scale}`,
      json: { schema: 'toy', version: 1, seed: opts.seed },
      chart: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values: [{ t: 'a', v: 1 }] }, mark: 'rect', encoding: { x: { field: 't', type: 'ordinal' }, color: { field: 'v', type: 'quantitative' } } },
    };
  },
};

async function cli(argv: string[], extra: Partial<VerifyDeps> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '', code = 0;
  const deps: VerifyDeps = { loadLedgers: () => [toyLedger([])], loadEnvelopes: () => [toyEnvelope], stdout: { write: (s: string) => { out += s; return true; } }, ...extra };
  const program = new Command('lagrangelab').exitOverride().configureOutput({ writeErr: (s) => { err += s; }, writeOut: (s) => { out += s; } });
  registerVerify(program, (c) => { code = c; }, deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, out, err };
    if (e instanceof UsageError) return { code: 2, out, err: `lagrangelab: ${e.message}\n` };
    throw e;
  }
  return { code, out, err };
}

describe('lagrangelab verify --envelope', () => {
  it('writes envelope.md, envelope.json and an SVG rendered by vega', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lagrangelab-env-')), 'out');
    const r = await cli(['verify', '--paper', 'zly', '--envelope', '--seed', '7', '--report-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ZLY envelope (ci, seed 7): a toy grid');
    expect(readdirSync(dir).sort()).toEqual(['envelope.json', 'envelope.md', 'envelope.svg']);
    expect(JSON.parse(readFileSync(join(dir, 'envelope.json'), 'utf8'))).toEqual({ schema: 'toy', version: 1, seed: 7 });
    expect(readFileSync(join(dir, 'envelope.md'), 'utf8')).toBe('# toy envelope seed 7 ci\n');
    expect(readFileSync(join(dir, 'envelope.svg'), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // a report directory may hold both a report and an envelope: running again over its own output is fine
    expect((await cli(['verify', '--paper', 'zly', '--envelope', '--deep', '--report-dir', dir])).out).toContain('(deep, seed');
  });

  it('usage errors name the flag', async () => {
    expect((await cli(['verify', '--envelope'])).err).toContain('--envelope: needs --paper');
    expect((await cli(['verify', '--paper', 'wzc', '--envelope'])).err).toContain('--paper: wzc has no envelope (papers with one: zly)');
    expect((await cli(['verify', '--paper', 'zly', '--envelope', '--claim', 'x'])).err).toContain('--envelope: runs no claims; drop --claim');
    expect((await cli(['verify', '--paper', 'zly', '--envelope', '--mutants'])).err).toContain('drop --mutants');
    const dir = mkdtempSync(join(tmpdir(), 'lagrangelab-env-'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await cli(['verify', '--paper', 'zly', '--envelope', '--report-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--report-dir');
  });
});
