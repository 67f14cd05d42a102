/**
 * Who is blamed for an exception (src/engine/attribution.ts): the code under test (a violated run, shrunk, with
 * its replay), or the engine (an oracle, a hypothesis test, instance generation: an engine error that fails the
 * verify run). Also the inconclusive budget end to end on toy claims.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EngineError, isOracleFn, oracle, oracleFn, OracleError } from '../../src/engine/attribution.ts';
import { runClaim } from '../../src/engine/runner.ts';
import { replayPath } from '../../src/engine/replay.ts';
import { runMutantMatrix } from '../../src/engine/mutantMatrix.ts';
import { defineClaim, type Claim, type InstanceFamily, type RegisteredClaim } from '../../src/engine/types.ts';
import { compareGe, compareLe } from '../../src/engine/tolerance.ts';
import { renderJUnit } from '../../src/report/junit.ts';
import { renderReportMarkdown } from '../../src/report/markdown.ts';
import { validateReport } from '../../src/report/schema.ts';
import { square, toyFamily, toyLedger, MATCHING, type ToyPoint } from './fixtures/toyLedger.ts';
import { toyReport } from '../report/helpers.ts';

const base = {
  source: { paper: 'WZC' as const, item: 't' }, statement: 's', method: 'test claim', kind: 'inequality' as const, expected: { status: 'holds' as const },
  family: toyFamily, hypotheses: [],
};
const toy = (c: Partial<Claim<ToyPoint>> & Pick<Claim<ToyPoint>, 'id' | 'check'>): RegisteredClaim => defineClaim<ToyPoint>({ ...base, ...c });

/** The "solver" fails on large inputs: a crash of the code under test. */
function fragileSquare(x: number): number {
  if (Math.abs(x) > 50) throw new RangeError(`diverged at x = ${x}`);
  return x * x;
}

describe('exceptions from the code under test', () => {
  const crash = toy({ id: 't.crash', check: (p, ctx) => compareGe(fragileSquare(p.x), 0, ctx) });

  it('make the run violated, shrunk to the smallest crashing instance, with a replay command', () => {
    const r = runClaim(crash, { runs: 200 });
    expect(r.verdict).toBe('violated');
    expect(r.tally.errors).toBe(0);
    expect(r.firstEngineError).toBeNull();
    const cx = r.counterexample;
    // the smallest |x| past 50 on the grid of tenths
    const x = (cx?.instance as ToyPoint).x;
    expect(Math.abs(x)).toBe(50.1);
    expect(cx?.verdict).toMatchObject({ status: 'violated', detail: `the code under test threw RangeError: diverged at x = ${x}` });
    expect(cx?.replay).toMatch(/^npx lagrangelab verify --claim t\.crash --seed \d+ --path [\d:]+$/);
    const rp = replayPath(crash, { seed: cx?.seed ?? 0, path: cx?.path ?? '' });
    expect(rp.verdict?.status).toBe('violated');
    expect(rp.instance).toEqual({ x });
  });

  it('a throwing solver of a refuted claim still counts as a violation (the code under test failed)', () => {
    const refuted = toy({ id: 't.crash.refuted', expected: { status: 'refuted', erratum: 'x' }, check: (p, ctx) => compareGe(fragileSquare(p.x), 1e9, ctx) });
    expect(runClaim(refuted, { runs: 50 }).verdict).toBe('violated');
  });
});

describe('engine errors', () => {
  const oracleSquare = oracleFn(function oracleSquare(x: number): number {
    if (x < -90) throw new Error('oracle out of range');
    return x * x;
  });

  it('an oracle marked with oracleFn or wrapped in oracle() throws OracleError', () => {
    expect(isOracleFn(oracleSquare)).toBe(true);
    expect(isOracleFn(fragileSquare)).toBe(false);
    expect(oracleSquare.name).toBe('oracleSquare');
    expect(() => oracleSquare(-100)).toThrow(OracleError);
    expect(() => oracleSquare(-100)).toThrow('oracle oracleSquare failed: Error: oracle out of range');
    expect(() => oracle(() => { throw new TypeError('t'); })).toThrow(OracleError);
    expect(oracle(() => 3)).toBe(3);
    return expect(oracle(async () => { throw new Error('later'); })).rejects.toBeInstanceOf(OracleError);
  });

  it('an oracle failure is an engine error: counted apart, never a verdict, first kept with its replay', () => {
    const c = toy({ id: 't.oracle', check: (p, ctx) => compareLe(square(p.x, ctx), oracleSquare(p.x), ctx) });
    const r = runClaim(c, { runs: 300 });
    expect(r.tally.errors).toBeGreaterThan(0);
    expect(r.tally.holds + r.tally.errors).toBe(300);
    expect(r.verdict).toBe('holds');
    expect(r.counterexample).toBeNull();
    expect(r.firstEngineError).toMatchObject({ whileShrinking: false, detail: 'oracle oracleSquare failed: Error: oracle out of range' });
    expect(r.firstEngineError?.replay).toBe(`npx lagrangelab verify --claim t.oracle --seed 20261122 --path ${r.firstEngineError?.runIndex}`);
    const rp = replayPath(c, { seed: 20261122, path: String(r.firstEngineError?.runIndex) });
    expect(rp.verdict).toBeNull();
    expect(rp.engineError).toMatch(/oracle out of range/);
    expect(rp.matchesExpectation).toBe(false);
  });

  it('a hypothesis test that throws is an engine error', () => {
    const c = toy({ id: 't.hyp', hypotheses: [{ name: 'h', test: () => { throw new Error('bad hypothesis'); } }], check: () => ({ status: 'holds' }) });
    const r = runClaim(c, { runs: 5 });
    expect(r.tally).toMatchObject({ runs: 5, errors: 5, holds: 0 });
    expect(r.firstEngineError?.detail).toBe("hypothesis 'h' threw Error: bad hypothesis");
  });

  it('instance generation that throws is an engine error at that run index', () => {
    const family: InstanceFamily<ToyPoint> = {
      ...toyFamily, name: 'toy.broken',
      arbitrary: () => fc.integer({ min: 0, max: 9 }).map((k) => {
        if (k === 7) throw new Error('no sevens');
        return { x: k };
      }),
    };
    const c = defineClaim<ToyPoint>({ ...base, id: 't.gen', family, check: () => ({ status: 'holds' }) });
    const r = runClaim(c, { runs: 60 });
    expect(r.tally.runs).toBe(60);
    expect(r.tally.errors).toBeGreaterThan(0);
    expect(r.tally.holds + r.tally.errors).toBe(60);
    expect(r.firstEngineError?.detail).toMatch(/^instance generation failed: .*no sevens/);
  });

  it('fail the verify run: summary.engineErrors, ok false, junit <error>, a report.md section', () => {
    const bad = toy({ id: 't.oracle', check: (p, ctx) => compareLe(square(p.x, ctx), oracleSquare(p.x), ctx) });
    const r = toyReport({ ledgers: [{ ...toyLedger(MATCHING), claims: [...MATCHING, bad] }] });
    expect(validateReport(r).ok).toBe(true);
    expect(r.summary.engineErrors).toEqual(['t.oracle']);
    expect(r.summary.mismatching).toEqual([]);
    expect(r.summary.ok).toBe(false);
    expect(renderJUnit(r)).toMatch(/<error message="engine error: oracle oracleSquare failed: Error: oracle out of range" type="engine-error">replay: npx lagrangelab verify --claim t.oracle/);
    expect(renderJUnit(r)).toMatch(/<testsuites name="lagrangelab verify" tests="\d+" failures="0" errors="1"/);
    expect(renderReportMarkdown(r)).toContain('## Engine errors');
  });
});

describe('inconclusive budgets', () => {
  // Inconclusive (inside the float band) exactly when x ∈ [0, 30): about 15% of the draws on [−100, 100].
  const check = (p: ToyPoint, ctx: { rtol: number }) => (p.x >= 0 && p.x < 30 ? compareLe(1 + 1e-8, 1, ctx) : compareLe(0, 1, ctx));

  it('a claim within its declared rate passes; the same counts over a smaller rate fail', () => {
    const within = toy({ id: 't.budget', check, inconclusiveBudget: { rate: 0.2, reason: 'half-open band' } });
    const r = runClaim(within, { runs: 400 });
    expect(r.tally.inconclusive).toBeGreaterThan(20);
    expect(r.inconclusive).toMatchObject({ rate: 0.2, n: 400, exceeded: false });
    expect(r.inconclusive.limit).toBeGreaterThanOrEqual(r.tally.inconclusive);
    const tight = toy({ id: 't.budget', check, inconclusiveBudget: { rate: 0.05, reason: 'too tight' } });
    const t = runClaim(tight, { runs: 400 });
    expect(t.tally).toEqual(r.tally);
    expect(t.inconclusive.exceeded).toBe(true);
    expect(runClaim(toy({ id: 't.budget', check }), { runs: 400 }).inconclusive).toMatchObject({ rate: 0, limit: 0, exceeded: true });
  });

  it('the deep rate applies at scale deep', () => {
    const c = toy({ id: 't.budget', check, inconclusiveBudget: { rate: 0, deep: 0.5, reason: 'only deep draws land in the band' } });
    expect(runClaim(c, { runs: 100, scale: 'deep' }).inconclusive.rate).toBe(0.5);
    expect(runClaim(c, { runs: 100 }).inconclusive.rate).toBe(0);
  });

  it('a mutant that only adds inconclusive runs past the budget is caught (I), and the report says so', () => {
    const c = toy({
      id: 't.budget.mut', inconclusiveBudget: { rate: 0.01, reason: 'rare' },
      check: (p, ctx) => (ctx.faults.has('square-negated') && p.x > 0 ? compareLe(1 + 1e-8, 1, ctx) : compareLe(0, 1, ctx)),
    });
    const l = { ...toyLedger(MATCHING), claims: [...MATCHING, c] };
    const m = runMutantMatrix(l, l.claims, { runs: 40 });
    const cell = m.cells.find((x) => x.mutant === 'square-negated' && x.claim === 't.budget.mut');
    expect(cell).toMatchObject({ verdict: 'holds', inconclusiveExceeded: true, caught: true });
    expect(m.baseline.find((b) => b.claim === 't.budget.mut')?.inconclusiveExceeded).toBe(false);
    const r = toyReport({ ledgers: [l], mutants: true, mutantRuns: 40 });
    expect(renderReportMarkdown(r)).toContain('| square-negated | V | · | V | I | 3 |');
  });

  it('a claim over its budget fails the report: summary, junit failure, validator', () => {
    const r = toyReport();
    expect(r.summary.inconclusiveExceeded).toEqual(['toy.band.inconclusive']);
    const c = r.claims.find((x) => x.id === 'toy.band.inconclusive');
    expect(c?.inconclusiveBudget).toEqual({ rate: 0, reason: 'default: every run must decide', n: 100, limit: 0, exceeded: true });
    // a claim that matches its expectation but is over budget still fails its junit case
    const over = structuredClone(r);
    const o = over.claims.find((x) => x.id === 'toy.band.inconclusive');
    if (!o) throw new Error('missing');
    o.expected = { status: 'refuted', erratum: 'toy-E1' };
    o.matchesExpectation = true;
    o.verdict = 'inconclusive';
    expect(renderJUnit(over)).toMatch(/type="inconclusive-budget"/);
  });

  it('EngineError passes through a check untouched', () => {
    const c = toy({ id: 't.ee', check: () => { throw new EngineError('harness broke'); } });
    expect(runClaim(c, { runs: 3 }).firstEngineError?.detail).toBe('harness broke');
  });
});
