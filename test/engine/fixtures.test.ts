import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fixtureFailed, parseFixture, replayFixtures } from '../../src/engine/fixtures.ts';
import { ClaimRegistry } from '../../src/engine/registry.ts';
import { alwaysInconclusive, toyLedger, TOY_FIXTURES, TOY_ROOT } from './fixtures/toyLedger.ts';

const reg = new ClaimRegistry([toyLedger()]);
const lookup = (id: string) => reg.claim(id);

function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lagrangelab-fx-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('counterexample fixtures', () => {
  it('the toy erratum fixture replays as violated', () => {
    const r = replayFixtures({ dir: TOY_FIXTURES, root: TOY_ROOT, lookup });
    expect(r).toEqual([expect.objectContaining({ file: 'fixtures/counterexamples/toy-E1.json', status: 'ok', claim: 'toy.square.ge-x' })]);
    expect(r[0].verdict?.status).toBe('violated');
  });
  it('detects a changed verdict, unknown claims, malformed files and skips unselected claims', () => {
    const dir = dirWith({
      'a-changed.json': { claim: 'toy.square.ge-x', instance: { x: 0.5 }, expected: 'holds' },
      'b-unknown.json': { claim: 'toy.gone', instance: { x: 1 }, expected: 'violated' },
      'c-malformed.json': '{ not json',
      'd-bad-instance.json': { claim: 'toy.square.nonneg', instance: { y: 1 }, expected: 'holds' },
      'e-skipped.json': { claim: 'toy.recip.identity', instance: { x: 3 }, expected: 'holds' },
      'f-ok.json': { claim: 'toy.square.nonneg', instance: { x: -2 }, expected: 'holds' },
      'ignored.txt': 'x',
    });
    const r = replayFixtures({ dir, root: dir, lookup, selected: new Set(['toy.square.ge-x', 'toy.square.nonneg']) });
    expect(r.map((x) => [x.file, x.status])).toEqual([
      ['a-changed.json', 'mismatch'], ['b-unknown.json', 'unregistered'], ['c-malformed.json', 'malformed'],
      ['d-bad-instance.json', 'malformed'], ['e-skipped.json', 'skipped'], ['f-ok.json', 'ok'],
    ]);
    expect(r[0].detail).toBe('expected holds, got violated');
    expect(r.filter(fixtureFailed).map((x) => x.file)).toEqual(['a-changed.json', 'c-malformed.json', 'd-bad-instance.json']);
  });
  it('reads one folder per paper, in path order', () => {
    const dir = dirWith({
      'toy/toy.square.ge-x--hand.json': { claim: 'toy.square.ge-x', instance: { x: 0.5 }, expected: 'violated' },
      'toy/toy.square.ge-x.json': { claim: 'toy.square.ge-x', instance: { x: 0.25 }, expected: 'violated' },
      'other/deeper/toy.square.nonneg.json': { claim: 'toy.square.nonneg', instance: { x: 1 }, expected: 'holds' },
      'toy/notes.txt': 'x',
    });
    const r = replayFixtures({ dir, root: dir, lookup });
    expect(r.map((x) => [x.file, x.status])).toEqual([
      ['other/deeper/toy.square.nonneg.json', 'ok'], ['toy/toy.square.ge-x--hand.json', 'ok'], ['toy/toy.square.ge-x.json', 'ok'],
    ]);
  });
  it('an inconclusive replay passes only where the fixture says why (inconclusiveOk: wall-clock claims)', () => {
    const id = alwaysInconclusive.id;
    const dir = dirWith({
      'a-strict.json': { claim: id, instance: { x: 1 }, expected: 'violated' },
      'b-tolerant.json': { claim: id, instance: { x: 1 }, expected: 'violated', inconclusiveOk: 'wall times on a loaded machine' },
      'c-still-strict.json': { claim: 'toy.square.ge-x', instance: { x: 0.5 }, expected: 'holds', inconclusiveOk: 'only inconclusive is excused' },
    });
    const r = replayFixtures({ dir, root: dir, lookup });
    expect(r.map((x) => [x.file, x.status])).toEqual([['a-strict.json', 'mismatch'], ['b-tolerant.json', 'ok'], ['c-still-strict.json', 'mismatch']]);
    expect(() => parseFixture({ claim: id, instance: {}, expected: 'holds', inconclusiveOk: '' })).toThrow(/^inconclusiveOk: /);
  });
  it('a missing directory means no fixtures', () => {
    expect(replayFixtures({ dir: join(tmpdir(), 'lagrangelab-no-such-dir'), root: tmpdir(), lookup })).toEqual([]);
  });
  it('parseFixture names the bad field', () => {
    expect(() => parseFixture({ claim: 'a', instance: 1, expected: 'maybe' })).toThrow(/^expected:/);
    expect(() => parseFixture({ claim: 'a', expected: 'holds' })).toThrow(/^instance:/);
    expect(() => parseFixture({ claim: 'a', instance: 1, expected: 'holds', seed: 1.5 })).toThrow(/^seed:/);
    expect(parseFixture({ claim: 'a', instance: null, expected: 'holds', path: '1:2' })).toEqual({ claim: 'a', instance: null, expected: 'holds', path: '1:2' });
  });
});
