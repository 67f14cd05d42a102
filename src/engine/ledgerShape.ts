/**
 * Checking a ledger that comes from outside the type checker — a user's `--ledger` module, plain JavaScript
 * or TypeScript compiled elsewhere — before the engine touches it. The first problem is thrown as a
 * {@link LedgerError} naming the claim (or ledger, erratum, coverage entry) and the field, e.g.
 * `claim gd.descent: expected.status: expected "holds" or "refuted", got "maybe"`, so a typo never surfaces as
 * a stack trace from deep inside a run.
 *
 * Claims may be given as built by `defineClaim` (the engine's stored form) or as plain {@link Claim} objects
 * (with `family`, `hypotheses` and `check`), which are checked and then passed through `defineClaim`.
 */
import { LedgerError } from './registry.ts';
import {
  CLAIM_KINDS, COVERAGE_KINDS, defineClaim, PAPER_ID_PATTERN,
  type Claim, type PaperLedger, type RegisteredClaim,
} from './types.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const got = (v: unknown): string => {
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** Throws a LedgerError `<where>: <field>: <problem>`. */
function bad(where: string, field: string, problem: string): never {
  throw new LedgerError(`${where}: ${field}: ${problem}`);
}

function text(o: Obj, key: string, where: string, at = key, allowEmpty = false): string {
  const v = o[key];
  if (typeof v !== 'string' || (!allowEmpty && v.trim() === '')) bad(where, at, `expected a non-empty string, got ${got(v)}`);
  return v;
}

function fn(o: Obj, key: string, where: string, at = key): void {
  if (typeof o[key] !== 'function') bad(where, at, `expected a function, got ${got(o[key])}`);
}

function strings(o: Obj, key: string, where: string, optional = false, at = key): void {
  const v = o[key];
  if (optional && v === undefined) return;
  if (!Array.isArray(v)) bad(where, at, `expected an array of strings, got ${got(v)}`);
  v.forEach((x, i) => { if (typeof x !== 'string') bad(where, `${at}[${i}]`, `expected a string, got ${got(x)}`); });
}

function oneOf(o: Obj, key: string, where: string, values: readonly string[]): void {
  if (typeof o[key] !== 'string' || !values.includes(o[key] as string)) bad(where, key, `expected one of ${values.join(', ')}, got ${got(o[key])}`);
}

function rate(v: unknown, where: string, at: string): void {
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) bad(where, at, `expected a rate in [0, 1), got ${got(v)}`);
}

/** The fields every claim has, in either form. */
function checkClaimCommon(c: Obj, where: string): void {
  const src = c.source;
  if (!isObj(src)) bad(where, 'source', `expected an object { paper, item, equations?, line? }, got ${got(src)}`);
  text(src, 'paper', where, 'source.paper');
  text(src, 'item', where, 'source.item');
  strings(src, 'equations', where, true, 'source.equations');
  if (src.line !== undefined && !(Number.isInteger(src.line) && (src.line as number) >= 0)) bad(where, 'source.line', `expected a non-negative integer, got ${got(src.line)}`);
  text(c, 'statement', where);
  text(c, 'method', where);
  oneOf(c, 'kind', where, CLAIM_KINDS);
  const ex = c.expected;
  if (!isObj(ex) || (ex.status !== 'holds' && ex.status !== 'refuted')) {
    bad(where, 'expected.status', `expected "holds" or "refuted", got ${got(isObj(ex) ? ex.status : ex)}`);
  }
  if (ex.status === 'refuted') text(ex, 'erratum', where, 'expected.erratum');
  if (c.runs !== undefined) {
    if (!isObj(c.runs)) bad(where, 'runs', `expected an object { ci?, deep? }, got ${got(c.runs)}`);
    for (const [k, v] of Object.entries(c.runs)) {
      if (k !== 'ci' && k !== 'deep') bad(where, `runs.${k}`, 'unknown scale (ci or deep)');
      if (v !== undefined && !(Number.isSafeInteger(v) && (v as number) >= 1)) bad(where, `runs.${k}`, `expected an integer ≥ 1, got ${got(v)}`);
    }
  }
  const b = c.inconclusiveBudget;
  if (b !== undefined) {
    if (!isObj(b)) bad(where, 'inconclusiveBudget', `expected an object { rate, deep?, reason }, got ${got(b)}`);
    rate(b.rate, where, 'inconclusiveBudget.rate');
    if (b.deep !== undefined) rate(b.deep, where, 'inconclusiveBudget.deep');
    text(b, 'reason', where, 'inconclusiveBudget.reason');
  }
  if (c.corrects !== undefined && c.corrects !== null) text(c, 'corrects', where);
  strings(c, 'tags', where, true);
  const f = c.finding;
  if (f !== undefined) {
    if (!isObj(f)) bad(where, 'finding', `expected an object { kind, why }, got ${got(f)}`);
    if (f.kind !== 'vacuous' && f.kind !== 'unsatisfiable') bad(where, 'finding.kind', `expected "vacuous" or "unsatisfiable", got ${got(f.kind)}`);
    text(f, 'why', where, 'finding.why');
  }
}

/** One claim, checked, in the engine's stored form. */
function checkClaim(c: unknown, at: string): RegisteredClaim {
  if (!isObj(c)) throw new LedgerError(`${at}: expected a claim object, got ${got(c)}`);
  if (typeof c.id !== 'string' || !/^[^\s*,]+$/.test(c.id)) bad(at, 'id', `expected a non-empty id without spaces, '*' or ',', got ${got(c.id)}`);
  const where = `claim ${c.id}`;
  checkClaimCommon(c, where);
  if (typeof c.evaluate === 'function') {
    // built by defineClaim
    text(c, 'familyName', where);
    strings(c, 'hypothesisNames', where);
    for (const k of ['arbitrary', 'toJSON', 'fromJSON', 'describe']) fn(c, k, where);
    return c as unknown as RegisteredClaim;
  }
  const fam = c.family;
  if (!isObj(fam)) bad(where, 'family', `expected an instance family { name, arbitrary, toJSON, fromJSON }, got ${got(fam)} (or build the claim with defineClaim)`);
  text(fam, 'name', where, 'family.name');
  for (const k of ['arbitrary', 'toJSON', 'fromJSON']) fn(fam, k, where, `family.${k}`);
  if (fam.describe !== undefined) fn(fam, 'describe', where, 'family.describe');
  const hs = c.hypotheses ?? [];
  if (!Array.isArray(hs)) bad(where, 'hypotheses', `expected an array of { name, test }, got ${got(hs)}`);
  hs.forEach((h, i) => {
    if (!isObj(h)) bad(where, `hypotheses[${i}]`, `expected { name, test }, got ${got(h)}`);
    text(h, 'name', where, `hypotheses[${i}].name`);
    fn(h, 'test', where, `hypotheses[${i}].test`);
  });
  fn(c, 'check', where);
  return defineClaim({ ...(c as unknown as Claim<unknown>), hypotheses: hs as Claim<unknown>['hypotheses'] });
}

function checkErratum(e: unknown, at: string): void {
  if (!isObj(e)) throw new LedgerError(`${at}: expected an erratum object, got ${got(e)}`);
  const where = typeof e.id === 'string' && e.id !== '' ? `erratum ${e.id}` : at;
  for (const k of ['id', 'claim', 'says', 'fixture', 'corrected', 'solverImpact']) text(e, k, where);
  strings(e, 'correctedClaims', where);
}

function checkCoverage(x: unknown, at: string): void {
  if (!isObj(x)) throw new LedgerError(`${at}: expected a coverage entry { item, kind, claims }, got ${got(x)}`);
  const where = typeof x.item === 'string' && x.item !== '' ? `coverage of ${x.item}` : at;
  text(x, 'item', where);
  oneOf(x, 'kind', where, COVERAGE_KINDS);
  strings(x, 'claims', where);
  if (x.uncovered !== undefined) text(x, 'uncovered', where);
}

function checkLedger(l: unknown, at: string): PaperLedger {
  if (!isObj(l)) throw new LedgerError(`${at}: expected a ledger object { paper, title, file, claims, errata, coverage }, got ${got(l)}`);
  if (typeof l.paper !== 'string' || !PAPER_ID_PATTERN.test(l.paper)) {
    bad(at, 'paper', `expected a paper id (a letter, then up to 31 letters, digits, '.', '_' or '-'), got ${got(l.paper)}`);
  }
  const where = `ledger ${l.paper}`;
  text(l, 'title', where);
  text(l, 'file', where, 'file', true);
  for (const k of ['claims', 'errata', 'coverage']) if (!Array.isArray(l[k])) bad(where, k, `expected an array (use [] for none), got ${got(l[k])}`);
  const claims = (l.claims as unknown[]).map((c, i) => checkClaim(c, `${where}: claims[${i}]`));
  (l.errata as unknown[]).forEach((e, i) => checkErratum(e, `${where}: errata[${i}]`));
  (l.coverage as unknown[]).forEach((x, i) => checkCoverage(x, `${where}: coverage[${i}]`));
  if (l.mutants !== undefined) {
    if (!isObj(l.mutants)) bad(where, 'mutants', `expected an object { faultId: description }, got ${got(l.mutants)}`);
    for (const [k, v] of Object.entries(l.mutants)) if (typeof v !== 'string') bad(where, `mutants.${k}`, `expected a description string, got ${got(v)}`);
  }
  return { ...(l as unknown as PaperLedger), claims };
}

/**
 * Check what a ledger module gave — one ledger or an array of ledgers — and return the ledgers with every claim
 * in the engine's stored form. Throws a {@link LedgerError} naming the claim and field of the first problem,
 * including a claim id used twice (across all the ledgers).
 */
export function validateLedgers(value: unknown): PaperLedger[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new LedgerError('ledgers: expected at least one ledger, got []');
  const ledgers = list.map((l, i) => checkLedger(l, Array.isArray(value) ? `ledgers[${i}]` : 'ledger'));
  const seen = new Map<string, string>();
  for (const l of ledgers) {
    l.claims.forEach((c, i) => {
      const at = `ledger ${l.paper} claims[${i}]`;
      const first = seen.get(c.id);
      if (first !== undefined) bad(`claim ${c.id}`, 'id', `used twice (${first} and ${at})`);
      seen.set(c.id, at);
    });
  }
  return ledgers;
}
