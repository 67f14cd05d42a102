import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldError } from '../../../../src/core/fields.ts';
import { loadTextTask, parseTksInstance } from '../../../../src/papers/tks/problem/instance.ts';

const FIXTURE = new URL('../../../../fixtures/tks/text.json', import.meta.url).pathname;

function fieldOf(text: string): string {
  try {
    parseTksInstance(text);
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    expect((e as Error).message).not.toMatch(/\n/);
    return (e as FieldError).field;
  }
  throw new Error('no error');
}

const base = { task: 'text', textFile: 'x.txt', sequenceLength: 25, hidden: 100, split: 0.9 };
const withField = (patch: Record<string, unknown>): string => JSON.stringify({ ...base, ...patch });

describe('TKS instance file', () => {
  it('the fixture parses and loads the 61-symbol text', () => {
    const inst = parseTksInstance(fs.readFileSync(FIXTURE, 'utf8'));
    expect(inst).toMatchObject({ task: 'text', sequenceLength: 25, hidden: 100, split: 0.9, seed: 1 });
    const { task } = loadTextTask(inst, FIXTURE, 32);
    expect(task.vocab.length).toBe(61);
    expect(task.heldOut.length).toBe(11_857);
  });
  it('params are read and checked', () => {
    const inst = parseTksInstance(withField({ params: { nu: 1e-3, rho1: 1, rho2: 2, rho3: 3, r: 1e-5, omega: 0, batch: 8, iterations: 10, sweeps: 2 } }));
    expect(inst.params).toEqual({ nu: 1e-3, rho1: 1, rho2: 2, rho3: 3, r: 1e-5, omega: 0, batch: 8, iterations: 10, sweeps: 2 });
  });
  const bad: [string, string, string][] = [
    ['not JSON', '{"task": "text",', 'instance'],
    ['an array', '[1, 2]', 'instance'],
    ['unknown top key', withField({ hiden: 3 }), 'hiden'],
    ['missing task', JSON.stringify({ ...base, task: undefined }), 'task'],
    ['wrong task', withField({ task: 'mnist' }), 'task'],
    ['missing textFile', JSON.stringify({ ...base, textFile: undefined }), 'textFile'],
    ['empty textFile', withField({ textFile: '' }), 'textFile'],
    ['textFile a number', withField({ textFile: 3 }), 'textFile'],
    ['sequenceLength 0', withField({ sequenceLength: 0 }), 'sequenceLength'],
    ['sequenceLength 2.5', withField({ sequenceLength: 2.5 }), 'sequenceLength'],
    ['sequenceLength a string', withField({ sequenceLength: '25' }), 'sequenceLength'],
    ['hidden missing', JSON.stringify({ ...base, hidden: undefined }), 'hidden'],
    ['hidden too large', withField({ hidden: 1e6 }), 'hidden'],
    ['split 1', withField({ split: 1 }), 'split'],
    ['split null (NaN)', withField({ split: null }), 'split'],
    ['params not an object', withField({ params: [1] }), 'params'],
    ['params unknown key', withField({ params: { mu: 1 } }), 'params.mu'],
    ['nu 0', withField({ params: { nu: 0 } }), 'params.nu'],
    ['rho2 negative', withField({ params: { rho2: -1 } }), 'params.rho2'],
    ['omega negative', withField({ params: { omega: -1e-3 } }), 'params.omega'],
    ['batch 0', withField({ params: { batch: 0 } }), 'params.batch'],
    ['iterations 1.5', withField({ params: { iterations: 1.5 } }), 'params.iterations'],
    ['seed negative', withField({ seed: -1 }), 'seed'],
    ['comment a number', withField({ comment: 1 }), 'comment'],
  ];
  for (const [what, text, field] of bad) {
    it(`bad input names the field: ${what} → ${field}`, () => expect(fieldOf(text)).toBe(field));
  }
  it('an unreadable or too short text file is reported on textFile', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tks-inst-'));
    const inst = parseTksInstance(withField({ textFile: 'short.txt' }));
    const file = path.join(dir, 'inst.json');
    expect(() => loadTextTask(inst, file, 32)).toThrow(/textFile: cannot read .*short\.txt \(ENOENT\)/);
    fs.writeFileSync(path.join(dir, 'short.txt'), 'only a few characters');
    expect(() => loadTextTask(inst, file, 32)).toThrow(/^textFile: .*need at least 801/);
    fs.writeFileSync(path.join(dir, 'short.txt'), '');
    expect(() => loadTextTask(inst, file, 32)).toThrow(/textFile: .* is empty/);
    fs.rmSync(dir, { recursive: true });
  });
});
