/**
 * `junit.xml` for CI dashboards: one testsuite per paper with one testcase per claim (a failure when the verdict
 * differs from the expectation or the claim exceeds its inconclusive budget; an error when the engine could not
 * evaluate some run), a `fixtures` suite with one testcase per fixture file, a `mutant-matrix` error case when
 * a matrix cell met an engine error, and a `ledgers` suite with one consistency testcase. Names carry no seed or
 * count, so a claim's history stays on one test.
 */
import type { FixtureResult } from '../engine/fixtures.ts';
import { fixtureFailed } from '../engine/fixtures.ts';
import { matrixEngineErrors } from '../engine/mutantMatrix.ts';
import type { ClaimReport, VerifyReport } from './schema.ts';

/** Escape text for XML attributes and content (and drop characters XML 1.0 forbids). */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

function claimCase(c: ClaimReport): string {
  const s = c.stats;
  const info =
    `verdict ${c.verdict} (expected ${c.expected.status}); runs ${s.runs}, hypotheses held ${s.hypothesesHeld}, ` +
    `holds ${s.holds}, violated ${s.violated}, unmet ${s.unmet}, inconclusive ${s.inconclusive} (allowed ${c.inconclusiveBudget.limit}), ` +
    `engine errors ${s.errors}; ` +
    `95% upper bound on violation rate ${s.violationRateUpper95.toPrecision(3)}` +
    (s.ratio ? `; max ratio ${s.ratio.max.toPrecision(6)}` : '');
  const open = `    <testcase classname="lagrangelab.${xmlEscape(c.paper.toLowerCase())}" name="${xmlEscape(c.id)}" time="${secs(c.durationMs)}">`;
  const lines = [open];
  if (!c.matchesExpectation) {
    const body = [info];
    if (c.counterexample) {
      body.push(`counterexample (${c.counterexample.description}): ${'detail' in c.counterexample.verdict ? c.counterexample.verdict.detail : c.counterexample.verdict.status}`);
      body.push(`replay: ${c.counterexample.replay}`);
    } else if (c.firstInconclusive) {
      body.push(`first inconclusive run ${c.firstInconclusive.runIndex}: ${c.firstInconclusive.detail}`);
    } else if (c.firstUnmet) {
      body.push(`first run with unmet hypotheses ${c.firstUnmet.runIndex}: ${c.firstUnmet.unmet.join('; ')}`);
    }
    const msg = `expected ${c.expected.status === 'refuted' ? 'violated' : 'holds'}, got ${c.verdict}`;
    lines.push(`      <failure message="${xmlEscape(msg)}" type="verdict-mismatch">${xmlEscape(body.join('\n'))}</failure>`);
  } else if (c.inconclusiveBudget.exceeded) {
    const b = c.inconclusiveBudget;
    const msg = `${s.inconclusive}/${b.n} runs inconclusive, more than the ${b.limit} its declared rate ${b.rate} allows`;
    const body = [info, `declared: ${b.reason}`];
    if (c.firstInconclusive) body.push(`first inconclusive run ${c.firstInconclusive.runIndex}: ${c.firstInconclusive.detail}`);
    lines.push(`      <failure message="${xmlEscape(msg)}" type="inconclusive-budget">${xmlEscape(body.join('\n'))}</failure>`);
  }
  if (c.firstEngineError) {
    const e = c.firstEngineError;
    lines.push(`      <error message="${xmlEscape(`engine error: ${e.detail}`)}" type="engine-error">${xmlEscape(`replay: ${e.replay}`)}</error>`);
  }
  lines.push(`      <system-out>${xmlEscape(info)}</system-out>`, '    </testcase>');
  return lines.join('\n');
}

function fixtureCase(f: FixtureResult): string {
  const name = `<testcase classname="lagrangelab.fixtures" name="${xmlEscape(f.file)}" time="0.000"`;
  if (f.status === 'skipped' || f.status === 'unregistered') {
    return `    ${name}>\n      <skipped message="${xmlEscape(f.status === 'skipped' ? 'claim not selected' : f.detail ?? 'unregistered claim')}"/>\n    </testcase>`;
  }
  if (fixtureFailed(f)) {
    return `    ${name}>\n      <failure message="${xmlEscape(f.detail ?? f.status)}" type="fixture-${f.status}"/>\n    </testcase>`;
  }
  return `    ${name}/>`;
}

/** The claim fails its test case (as opposed to erring: see {@link claimErrs}). */
const claimFails = (c: ClaimReport): boolean => !c.matchesExpectation || c.inconclusiveBudget.exceeded;
const claimErrs = (c: ClaimReport): boolean => c.firstEngineError !== null;

function suite(name: string, cases: string[], failures: number, skipped: number, ms: number, errors = 0): string {
  return [
    `  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${secs(ms)}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/** Render a report as JUnit XML. */
export function renderJUnit(r: VerifyReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const papers = [...new Set(r.claims.map((c) => c.paper))];
  for (const p of papers) {
    const cs = r.claims.filter((c) => c.paper === p);
    const f = cs.filter(claimFails).length;
    const e = cs.filter(claimErrs).length;
    suites.push(suite(p, cs.map(claimCase), f, 0, cs.reduce((s, c) => s + c.durationMs, 0), e));
    tests += cs.length;
    failures += f;
    errors += e;
  }
  const matrixErrors = (r.mutants ?? []).flatMap(matrixEngineErrors);
  if (matrixErrors.length > 0) {
    const body = xmlEscape(matrixErrors.join('\n'));
    suites.push(suite('mutant-matrix', [
      `    <testcase classname="lagrangelab.mutants" name="engine errors" time="0.000">\n      <error message="${matrixErrors.length} cell(s) met engine errors" type="engine-error">${body}</error>\n    </testcase>`,
    ], 0, 0, 0, 1));
    tests += 1;
    errors += 1;
  }
  if (r.fixtures.length > 0) {
    const f = r.fixtures.filter(fixtureFailed).length;
    const sk = r.fixtures.filter((x) => x.status === 'skipped' || x.status === 'unregistered').length;
    suites.push(suite('fixtures', r.fixtures.map(fixtureCase), f, sk, 0));
    tests += r.fixtures.length;
    failures += f;
  }
  const ledgerFail = r.ledgerProblems.length > 0;
  const ledgerCase = ledgerFail
    ? `    <testcase classname="lagrangelab.ledgers" name="ledger consistency" time="0.000">\n      <failure message="${r.ledgerProblems.length} problem(s)" type="ledger-inconsistent">${xmlEscape(r.ledgerProblems.join('\n'))}</failure>\n    </testcase>`
    : '    <testcase classname="lagrangelab.ledgers" name="ledger consistency" time="0.000"/>';
  suites.push(suite('ledgers', [ledgerCase], ledgerFail ? 1 : 0, 0, 0));
  tests += 1;
  failures += ledgerFail ? 1 : 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lagrangelab verify" tests="${tests}" failures="${failures}" errors="${errors}" time="${secs(r.run.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
