/** The wzc-alm run file: its reader accepts every file the CLI writes and names the first bad field otherwise. */
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRunFile, runOutcome, RUN_FILE_VERSION } from '../../../src/papers/wzc/runFile.ts';
import { formatJson } from '../../../src/core/json.ts';
import { FieldError } from '../../../src/core/fields.ts';

const FIX = 'test/cli/fixtures/compat';
const goldens = fs.readdirSync(FIX).filter((f) => f.endsWith('.run.json') || f.endsWith('.diverged.json'));
const text = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');
const tiny = () => JSON.parse(text('tiny.run.json')) as Record<string, any>;

function fieldError(json: unknown): FieldError {
  try {
    readRunFile(typeof json === 'string' ? json : JSON.stringify(json));
  } catch (e) {
    if (e instanceof FieldError) return e;
    throw e;
  }
  throw new Error('expected a FieldError');
}

function expectBad(patch: (o: Record<string, any>) => void, field: string, msg: RegExp): void {
  const o = tiny();
  patch(o);
  const e = fieldError(o);
  expect(e.field).toBe(field);
  expect(e.detail).toMatch(msg);
}

describe('readRunFile', () => {
  it('reads every golden file back to the same bytes (finished, diverged, with and without a test part)', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(7);
    for (const f of goldens) expect(formatJson(readRunFile(text(f))) + '\n', f).toBe(text(f));
  });

  it('reads a file with timing (trace timeMs, elapsedMs)', () => {
    const o = tiny();
    o.trace = o.trace.map((r: object, i: number) => ({ ...r, timeMs: i + 0.5 }));
    o.elapsedMs = 12;
    const back = readRunFile(JSON.stringify(o));
    expect(back.status).toBe('max-outer');
    if (back.status === 'diverged') return;
    expect(back.elapsedMs).toBe(12);
    expect(back.trace[1].timeMs).toBe(1.5);
  });

  it('outcome: the summary line of a finished run, the divergence message of a diverged one', () => {
    expect(runOutcome(readRunFile(text('tiny.run.json')))).toEqual({
      diverged: false, summary: expect.stringMatching(/^2 outer iterations, FeasVio \d\.\d{3}e[-+]\d+, TrainErr .+, TestErr .+$/),
    });
    expect(runOutcome(readRunFile(text('diverge.run.diverged.json')))).toEqual({
      diverged: true, message: 'solver diverged: non-finite forward pass (s⁰) at outer iteration 0, inner iteration 0',
    });
  });

  it('not JSON, not an object, another version', () => {
    expect(fieldError('{"version": 1,,}').field).toBe('run file');
    expect(fieldError('{"version": 1,,}').detail).toMatch(/not valid JSON \(position 14, line 1 column 15/);
    expect(fieldError('[1]').detail).toMatch(/expected an object/);
    expectBad((o) => (o.version = 2), 'version', new RegExp(`expected run-file version ${RUN_FILE_VERSION}, got 2`));
  });

  it('missing and unknown keys', () => {
    expectBad((o) => delete o.settings, 'settings', /missing/);
    expectBad((o) => delete o.status, 'status', /missing/);
    expectBad((o) => (o.trainerr = 1), 'trainerr', /unknown key/);
    expectBad((o) => delete o.settings.eta3, 'settings.eta3', /missing/);
    expectBad((o) => (o.outer[1].extra = true), 'outer[1].extra', /unknown key/);
    expectBad((o) => (o.k = 3), 'k', /unknown key/); // a diverged-only key in a finished run
  });

  it('wrong types and values', () => {
    expectBad((o) => (o.outer[1].feasVio = 'x'), 'outer[1].feasVio', /expected a finite number, got a string/);
    expectBad((o) => (o.trace[0].L = null), 'trace[0].L', /null stands for a non-finite value/);
    expectBad((o) => (o.status = 'done'), 'status', /expected one of "max-outer"/);
    expectBad((o) => (o.setting = 'mnist'), 'setting', /expected one of "synthetic-T10", "sp500", "synthetic-T500"/);
    expectBad((o) => (o.init = 'xavier'), 'init', /expected one of "he", .*"instance"/);
    expectBad((o) => (o.source = { kind: 'generate', setting: 'sp500' }), 'source.setting', /expected one of "synthetic-T10", "synthetic-T500"/);
    expectBad((o) => (o.source = { kind: 'instance' }), 'source.file', /missing/);
    expectBad((o) => (o.activation = { kind: 'elu', name: 'elu' }), 'activation.alpha', /missing/);
    expectBad((o) => (o.seed = -1), 'seed', /integer ≥ 0/);
    expectBad((o) => (o.settings.outer = 2.5), 'settings.outer', /integer ≥ 0/);
    expectBad((o) => (o.lambda = [1, 2]), 'lambda', /expected 6 entries, got 2/);
    expectBad((o) => (o.outer[0].bcdStatus = 'stopped'), 'outer[0].bcdStatus', /"converged", "max-inner"/);
  });

  it('matrix sizes follow dims', () => {
    expectBad((o) => o.params.W.pop(), 'params.W', /expected 3×3 nested arrays, got an array of 2/);
    expectBad((o) => o.params.V[2].push(0), 'params.V[2]', /expected 2 entries, got 3/);
    expectBad((o) => (o.h = o.h.slice(1)), 'h', /expected 6×3/);
    expectBad((o) => o.multipliers.zeta[5].pop(), 'multipliers.zeta[5]', /expected 3 entries, got 2/);
    expectBad((o) => (o.params.c = [0, 0]), 'params.c', /expected 1 entries, got 2/);
    expectBad((o) => (o.split.T1 = 8), 'split.T1', /differs from dims\.T = 6/);
  });

  it('a diverged file may hold null in lastFinite.h and .u only', () => {
    const o = JSON.parse(text('diverge.run.diverged.json'));
    expect(readRunFile(JSON.stringify(o)).status).toBe('diverged');
    o.lastFinite.params.W[0][0] = null;
    const e = fieldError(o);
    expect([e.field, e.detail]).toEqual(['lastFinite.params.W[0][0]', expect.stringMatching(/null stands for a non-finite value/)]);
  });
});
