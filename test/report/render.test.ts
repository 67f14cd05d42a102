import { describe, it, expect } from 'vitest';
import { renderJUnit, xmlEscape } from '../../src/report/junit.ts';
import { renderReportMarkdown } from '../../src/report/markdown.ts';
import { renderCoverageMarkdown, renderErrataMarkdown } from '../../src/report/errata.ts';
import { toyLedger, TOY_ROOT } from '../engine/fixtures/toyLedger.ts';
import { toyReport } from './helpers.ts';

describe('junit.xml', () => {
  const report = toyReport();
  const xml = renderJUnit(report);

  it('has one testcase per claim with stable names, failing iff the verdict differs', () => {
    const claimCases = [...xml.matchAll(/<testcase classname="lagrangelab\.wzc" name="([^"]+)"[^>]*>([\s\S]*?)<\/testcase>/g)];
    expect(claimCases.map((m) => m[1])).toEqual(report.claims.map((c) => c.id));
    const failing = claimCases.filter((m) => m[2].includes('<failure')).map((m) => m[1]);
    expect(failing).toEqual(['toy.unmet.always', 'toy.band.inconclusive']);
    expect(xml).not.toMatch(/name="[^"]*20261122/);
    expect(xml).toMatch(/<testsuite name="WZC" tests="6" failures="2"/);
    expect(xml).toMatch(/<testcase classname="lagrangelab.fixtures" name="fixtures\/counterexamples\/toy-E1.json"/);
    expect(xml).toMatch(/<testcase classname="lagrangelab.ledgers" name="ledger consistency" time="0.000"\/>/);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
  });

  it('a mismatching claim with a counterexample carries its replay line', () => {
    const r = structuredClone(report);
    const c = r.claims.find((x) => x.id === 'toy.square.ge-x');
    if (!c) throw new Error('missing');
    c.expected = { status: 'holds' };
    c.matchesExpectation = false;
    expect(renderJUnit(r)).toContain(`replay: ${c.counterexample?.replay}`);
  });

  it('escapes XML', () => {
    expect(xmlEscape(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});

describe('report.md', () => {
  it('tables every claim, shows counterexamples with replay lines and the mutant matrix', () => {
    const r = toyReport({ mutants: true, mutantRuns: 5 });
    const md = renderReportMarkdown(r);
    expect(md).toContain('| id | source | kind | expected | verdict | n | hyp-held | violations | inconclusive (allowed) | 95% UB | max ratio |');
    for (const c of r.claims) expect(md).toContain(`| ${c.id} |`);
    expect(md).toContain('| toy.square.ge-x | WZC Toy Lemma 2 (T.2) | inequality | refuted (toy-E1) | violated | 100 | 100 |');
    expect(md).toContain('| toy.band.inconclusive | WZC Toy Remark 2 | inequality | holds | **inconclusive** ✗ | 100 | 100 | 0 | **100 (≤ 0)** ✗ |');
    expect(md).toContain('## Over the inconclusive budget');
    expect(md).toContain('- **toy.band.inconclusive**: 100/100 inconclusive, at most 0 allowed (declared rate 0: default: every run must decide)');
    expect(md).toContain('## Counterexamples');
    expect(md).toContain('x² ≥ x\n\n*How it is checked:* compareGe(x², x) on grid x');
    expect(md).toMatch(/- replay: `npx lagrangelab verify --claim toy\.square\.ge-x --seed 20261122 --path [\d:]+`/);
    expect(md).toContain('**toy.unmet.always**: expected holds, got hypotheses-unmet');
    expect(md).toContain('## Mutant × claim matrix');
    expect(md).toMatch(/\| square-negated \| V \| · \| V \| · \| C \| 3 \|/);
    expect(md).toContain('**Not caught:** noop');
  });
});

describe('ERRATA.md and coverage generators', () => {
  const ledger = toyLedger();
  it('errata: what the paper says, the fixture, the correction, evidence and solver impact', () => {
    const md = renderErrataMarkdown([ledger], { report: toyReport(), root: TOY_ROOT });
    expect(md).toContain('### toy-E1: `toy.square.ge-x`');
    expect(md).toContain('**The paper says:** (T.2): x² ≥ x for every real x');
    expect(md).toContain('**How lagrangelab checks it:** compareGe(x², x) on grid x');
    expect(md).toContain('**Counterexample:** `fixtures/counterexamples/toy-E1.json` — replays as violated');
    expect(md).toContain('{"x":0.5}');
    expect(md).toContain('**Corrected statement:** x² ≥ x − 1/4');
    expect(md).toMatch(/- `toy\.square\.ge-x-quarter`: \*\*holds\*\* on 100 instance\(s\)/);
    expect(md).toContain('**Solver impact:** none');
    const bare = renderErrataMarkdown([ledger], { root: TOY_ROOT });
    expect(bare).toContain('`toy.square.ge-x-quarter`: no report available');
    expect(bare).toContain('**How lagrangelab checks it:** compareGe(x², x) on grid x');
  });
  it('coverage: every item with its claims; uncovered ones with the reason; unlisted claims named', () => {
    const md = renderCoverageMarkdown([ledger], { report: toyReport() });
    expect(md).toContain('3 of 4 numbered items covered by claims.');
    expect(md).toContain('| Toy Lemma 1 | lemma | `toy.square.nonneg` (holds) | covered |');
    expect(md).toContain('| Toy Remark 3 | remark | — | uncovered: informal remark, nothing to test |');
    expect(md).toContain('Claims not listed under any item: `toy.unmet.always`, `toy.band.inconclusive`.');
  });
});
