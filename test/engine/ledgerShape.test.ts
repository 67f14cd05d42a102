import { describe, expect, it } from 'vitest';
import { validateLedgers } from '../../src/engine/ledgerShape.ts';
import { LedgerError } from '../../src/engine/registry.ts';
import { toyFamily, toyLedger } from './fixtures/toyLedger.ts';

/** A raw (not defineClaim'd) claim object as a JavaScript user writes it. */
const raw = (): Record<string, unknown> => ({
  id: 'u.c1', source: { paper: 'U', item: 'Lemma 1', equations: ['(1)'], line: 3 }, statement: 's', method: 'm', kind: 'bound',
  expected: { status: 'holds' }, family: toyFamily, hypotheses: [{ name: 'h', test: () => true }], check: () => ({ status: 'holds' }),
  runs: { ci: 5 }, inconclusiveBudget: { rate: 0.1, deep: 0.2, reason: 'r' }, tags: ['t'],
});
const ledger = (claims: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  paper: 'U', title: 'User paper', file: '', claims, errata: [], coverage: [], ...extra,
});
const err = (v: unknown): string => {
  try {
    validateLedgers(v);
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('validateLedgers', () => {
  it('accepts ledgers built with defineClaim and raw claim objects (wrapped by defineClaim)', () => {
    const [t] = validateLedgers(toyLedger());
    expect(t.claims.map((c) => c.id)).toEqual(toyLedger().claims.map((c) => c.id));
    const [u] = validateLedgers([ledger([raw()], { mutants: { f1: 'a fault' } })]);
    const c = u.claims[0];
    expect([c.familyName, c.hypothesisNames, c.runs, c.tags]).toEqual(['toy.point', ['h'], { ci: 5 }, ['t']]);
    expect(c.evaluate({ x: 1 }, { rtol: 1e-9, faults: new Set() })).toEqual({ status: 'holds' });
    const noHyp = { ...raw(), hypotheses: undefined };
    expect(validateLedgers(ledger([noHyp]))[0].claims[0].hypothesisNames).toEqual([]);
  });

  const cases: [string, () => unknown, string][] = [
    ['an empty list', () => [], 'ledgers: expected at least one ledger, got []'],
    ['a ledger that is not an object', () => [42], 'ledgers[0]: expected a ledger object { paper, title, file, claims, errata, coverage }, got 42'],
    ['a bad paper id', () => ledger([], { paper: 'two words' }), "ledger: paper: expected a paper id (a letter, then up to 31 letters, digits, '.', '_' or '-'), got \"two words\""],
    ['no title', () => ledger([], { title: '' }), 'ledger U: title: expected a non-empty string, got ""'],
    ['errata not an array', () => ledger([], { errata: undefined }), 'ledger U: errata: expected an array (use [] for none), got undefined'],
    ['a claim that is not an object', () => ledger(['c']), 'ledger U: claims[0]: expected a claim object, got "c"'],
    ['an id with a space', () => ledger([{ ...raw(), id: 'a b' }]), "ledger U: claims[0]: id: expected a non-empty id without spaces, '*' or ',', got \"a b\""],
    ['no source', () => ledger([{ ...raw(), source: 'WZC' }]), 'claim u.c1: source: expected an object { paper, item, equations?, line? }, got "WZC"'],
    ['no source item', () => ledger([{ ...raw(), source: { paper: 'U' } }]), 'claim u.c1: source.item: expected a non-empty string, got undefined'],
    ['equations not strings', () => ledger([{ ...raw(), source: { paper: 'U', item: 'i', equations: [1] } }]), 'claim u.c1: source.equations[0]: expected a string, got 1'],
    ['a negative line', () => ledger([{ ...raw(), source: { paper: 'U', item: 'i', line: -1 } }]), 'claim u.c1: source.line: expected a non-negative integer, got -1'],
    ['an unknown kind', () => ledger([{ ...raw(), kind: 'lemma' }]), 'claim u.c1: kind: expected one of identity, closed-form, inequality, bound, finite-termination, asymptotic, qualitative, empirical, got "lemma"'],
    ['refuted without erratum', () => ledger([{ ...raw(), expected: { status: 'refuted' } }]), 'claim u.c1: expected.erratum: expected a non-empty string, got undefined'],
    ['expected not an object', () => ledger([{ ...raw(), expected: 'holds' }]), 'claim u.c1: expected.status: expected "holds" or "refuted", got "holds"'],
    ['runs not an object', () => ledger([{ ...raw(), runs: 5 }]), 'claim u.c1: runs: expected an object { ci?, deep? }, got 5'],
    ['runs at an unknown scale', () => ledger([{ ...raw(), runs: { fast: 5 } }]), 'claim u.c1: runs.fast: unknown scale (ci or deep)'],
    ['zero runs', () => ledger([{ ...raw(), runs: { ci: 0 } }]), 'claim u.c1: runs.ci: expected an integer ≥ 1, got 0'],
    ['a budget rate of 1', () => ledger([{ ...raw(), inconclusiveBudget: { rate: 1, reason: 'r' } }]), 'claim u.c1: inconclusiveBudget.rate: expected a rate in [0, 1), got 1'],
    ['a budget that is not an object', () => ledger([{ ...raw(), inconclusiveBudget: 0.1 }]), 'claim u.c1: inconclusiveBudget: expected an object { rate, deep?, reason }, got 0.1'],
    ['a budget without reason', () => ledger([{ ...raw(), inconclusiveBudget: { rate: 0.1 } }]), 'claim u.c1: inconclusiveBudget.reason: expected a non-empty string, got undefined'],
    ['a bad deep budget', () => ledger([{ ...raw(), inconclusiveBudget: { rate: 0.1, deep: -1, reason: 'r' } }]), 'claim u.c1: inconclusiveBudget.deep: expected a rate in [0, 1), got -1'],
    ['corrects not a string', () => ledger([{ ...raw(), corrects: 3 }]), 'claim u.c1: corrects: expected a non-empty string, got 3'],
    ['a finding that is not an object', () => ledger([{ ...raw(), finding: 'vacuous' }]), 'claim u.c1: finding: expected an object { kind, why }, got "vacuous"'],
    ['a finding of an unknown kind', () => ledger([{ ...raw(), finding: { kind: 'trivial', why: 'w' } }]), 'claim u.c1: finding.kind: expected "vacuous" or "unsatisfiable", got "trivial"'],
    ['a finding without why', () => ledger([{ ...raw(), finding: { kind: 'vacuous' } }]), 'claim u.c1: finding.why: expected a non-empty string, got undefined'],
    ['tags not an array', () => ledger([{ ...raw(), tags: 't' }]), 'claim u.c1: tags: expected an array of strings, got "t"'],
    ['no family', () => ledger([{ ...raw(), family: undefined }]), 'claim u.c1: family: expected an instance family { name, arbitrary, toJSON, fromJSON }, got undefined (or build the claim with defineClaim)'],
    ['a family describe that is not a function', () => ledger([{ ...raw(), family: { ...toyFamily, describe: 'x' } }]), 'claim u.c1: family.describe: expected a function, got "x"'],
    ['hypotheses not an array', () => ledger([{ ...raw(), hypotheses: {} }]), 'claim u.c1: hypotheses: expected an array of { name, test }, got {}'],
    ['a hypothesis that is not an object', () => ledger([{ ...raw(), hypotheses: [null] }]), 'claim u.c1: hypotheses[0]: expected { name, test }, got null'],
    ['a hypothesis without test', () => ledger([{ ...raw(), hypotheses: [{ name: 'h' }] }]), 'claim u.c1: hypotheses[0].test: expected a function, got undefined'],
    ['no check', () => ledger([{ ...raw(), check: true }]), 'claim u.c1: check: expected a function, got true'],
    ['a defineClaim claim without toJSON', () => ({ ...toyLedger(), claims: [{ ...toyLedger().claims[0], toJSON: null }] }), 'claim toy.square.nonneg: toJSON: expected a function, got null'],
    ['an erratum that is not an object', () => ledger([], { errata: [1] }), 'ledger U: errata[0]: expected an erratum object, got 1'],
    ['an erratum without fixture', () => ledger([], { errata: [{ id: 'E1', claim: 'c', says: 's', corrected: 'c', correctedClaims: [], solverImpact: 'n' }] }), 'erratum E1: fixture: expected a non-empty string, got undefined'],
    ['an erratum with bad corrected claims', () => ledger([], { errata: [{ id: 'E1', claim: 'c', says: 's', fixture: 'f', corrected: 'c', correctedClaims: 'x', solverImpact: 'n' }] }), 'erratum E1: correctedClaims: expected an array of strings, got "x"'],
    ['an erratum without id', () => ledger([], { errata: [{}] }), 'ledger U: errata[0]: id: expected a non-empty string, got undefined'],
    ['a coverage entry that is not an object', () => ledger([], { coverage: ['x'] }), 'ledger U: coverage[0]: expected a coverage entry { item, kind, claims }, got "x"'],
    ['a coverage entry of an unknown kind', () => ledger([], { coverage: [{ item: 'L1', kind: 'claim', claims: [] }] }), 'coverage of L1: kind: expected one of lemma, theorem, closed-form, equation, algorithm-step, remark, experiment, definition, got "claim"'],
    ['a coverage reason that is empty', () => ledger([], { coverage: [{ item: 'L1', kind: 'lemma', claims: [], uncovered: '' }] }), 'coverage of L1: uncovered: expected a non-empty string, got ""'],
    ['mutants not an object', () => ledger([], { mutants: ['f'] }), 'ledger U: mutants: expected an object { faultId: description }, got an array'],
    ['a mutant without description', () => ledger([], { mutants: { f: () => 1 } }), 'ledger U: mutants.f: expected a description string, got a function'],
    ['a duplicate id across ledgers', () => [ledger([raw()]), ledger([raw()], { paper: 'V' })], 'claim u.c1: id: used twice (ledger U claims[0] and ledger V claims[0])'],
  ];
  it.each(cases)('%s', (_what, make, msg) => {
    expect(err(make())).toBe(msg);
  });
  it('shortens long values in messages', () => {
    expect(err(ledger([{ ...raw(), kind: 'x'.repeat(100) }]))).toMatch(/got "x{56}\.\.\.$/);
  });
});
