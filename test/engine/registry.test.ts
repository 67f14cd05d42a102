import { describe, it, expect } from 'vitest';
import { ClaimRegistry, LedgerError, checkLedgers, globToRegExp } from '../../src/engine/registry.ts';
import { toyLedger, TOY_ROOT, nonneg, geX } from './fixtures/toyLedger.ts';
import type { PaperLedger } from '../../src/engine/types.ts';

describe('ClaimRegistry', () => {
  it('finds claims by id and glob, in registry order', () => {
    const reg = new ClaimRegistry([toyLedger()]);
    expect(reg.claim('toy.square.nonneg')).toBe(nonneg);
    expect(reg.ledgerOf('toy.square.ge-x')?.title).toBe('A toy paper about squares');
    expect(reg.findClaims('toy.square.*').map((c) => c.id)).toEqual(['toy.square.nonneg', 'toy.square.ge-x', 'toy.square.ge-x-quarter']);
    expect(reg.findClaims('*.identity,toy.unmet.*').map((c) => c.id)).toEqual(['toy.recip.identity', 'toy.unmet.always']);
    expect(reg.findClaims('toy.square')).toEqual([]);
    expect(reg.allClaims()).toHaveLength(6);
  });
  it('globs treat dots literally and * as any run', () => {
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('wzc.*.L1').test('wzc.lemma3.2.L1')).toBe(true);
  });
  it('refuses duplicate claim ids', () => {
    const reg = new ClaimRegistry([toyLedger()]);
    const dup: PaperLedger = { paper: 'ZLY', title: 'dup', file: 'x', claims: [geX], errata: [], coverage: [] };
    expect(() => reg.registerLedger(dup)).toThrow(LedgerError);
    expect(() => new ClaimRegistry([{ ...dup, claims: [nonneg, nonneg] }])).toThrow(/duplicate claim id toy.square.nonneg/);
  });
});

describe('checkLedgers', () => {
  it('the toy ledger is consistent', () => {
    expect(checkLedgers([toyLedger()], { root: TOY_ROOT })).toEqual([]);
  });
  it('reports missing fixtures, errata, corrected claims and coverage gaps', () => {
    const l = toyLedger();
    const broken: PaperLedger = {
      ...l,
      claims: l.claims.filter((c) => c.id !== 'toy.square.ge-x-quarter'),
      errata: [{ ...l.errata[0], fixture: 'fixtures/counterexamples/nope.json' }, { ...l.errata[0], id: 'toy-E2', claim: 'toy.square.nonneg' }],
      coverage: [...l.coverage, { item: 'Toy Lemma 9', kind: 'lemma', claims: [] }, { item: 'X', kind: 'lemma', claims: ['toy.missing'] }],
    };
    const p = checkLedgers([broken, { ...l, paper: 'ZLY', claims: [nonneg], errata: [], coverage: [] }], { root: TOY_ROOT });
    const has = (re: RegExp) => expect(p.some((x) => re.test(x)), `${re} in\n${p.join('\n')}`).toBe(true);
    has(/duplicate claim id toy.square.nonneg/);
    has(/toy-E1 fixture fixtures\/counterexamples\/nope.json does not exist/);
    has(/corrected claim toy.square.ge-x-quarter does not exist/);
    has(/erratum toy-E2 is about toy.square.nonneg, which is expected to hold/);
    has(/Toy Lemma 9 has no claims and no reason/);
    has(/names unknown claim toy.missing/);
    const noErratum: PaperLedger = { ...l, errata: [] };
    expect(checkLedgers([noErratum], { root: TOY_ROOT })).toContain('WZC: claim toy.square.ge-x is expected refuted but erratum toy-E1 does not exist');
  });
});
