import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATOR_MARK, renderReportHtml } from '../../../src/report/html/page.ts';
import { renderReportPageMarkdown } from '../../../src/report/html/pageMarkdown.ts';
import { paperViews, readFixtureExcerpt, statusCounts } from '../../../src/report/html/model.ts';
import { fixtureResults, toyInputs, toyVerify } from './helpers.ts';
import { TOY_ROOT } from '../../engine/fixtures/toyLedger.ts';

/** The opening tags of the ledger rows. */
const rows = (html: string): string[] => [...html.matchAll(/<tr id="claim-[^"]*"[^>]*>/g)].map((m) => m[0]);

describe('renderReportHtml', () => {
  it('is one self-contained page: inline style and script, generator mark, nothing fetched', async () => {
    const html = renderReportHtml(toyInputs({ results: await fixtureResults() }));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta name="generator" content="${GENERATOR_MARK}">`);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toMatch(/<script>[\s\S]+<\/script><\/body><\/html>\n$/);
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|@import|url\(/);
    expect(html).not.toMatch(/href="(?!#)/);
  });

  it('escapes every text from the inputs', () => {
    const report = toyVerify();
    report.claims[0].statement = '<script>alert(1)</script> a < b & c > d';
    report.claims[0].kind = 'odd"kind' as never;
    const html = renderReportHtml(toyInputs({ verify: { file: 'x<y>.json', report } }));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; a &lt; b &amp; c &gt; d');
    expect(html).toContain('data-kind="odd&quot;kind"');
    expect(html).toContain('x&lt;y&gt;.json');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('marks every ledger row with its verdict and kind, and offers exactly those in hidden filters', () => {
    const html = renderReportHtml(toyInputs());
    const r = rows(html);
    expect(r).toHaveLength(6);
    expect(r[1]).toBe('<tr id="claim-toy-square-ge-x" data-verdict="violated" data-kind="inequality">');
    expect(html).toContain('<div class="filters" hidden><label>verdict <select data-filter="verdict"><option value="">all</option>' +
      '<option value="holds">holds</option><option value="hypotheses-unmet">hypotheses-unmet</option><option value="inconclusive">inconclusive</option><option value="violated">violated</option></select></label> ' +
      '<label>kind <select data-filter="kind"><option value="">all</option><option value="identity">identity</option><option value="inequality">inequality</option></select></label>');
  });

  it('shows the counts, the erratum with its fixture, counterexample and replay, coverage and the mutant matrix', () => {
    const html = renderReportHtml(toyInputs());
    expect(html).toContain('6 claims: <span class="badge st-holds" data-status="holds">✓ holds <b class="n">3</b></span>');
    expect(html).toContain('✗ violated <b class="n">1</b>');
    expect(html).toContain('<span class="mismatch">4/6 match their expectation</span>');
    expect(html).toContain('<span class="literal">(T.2): x² ≥ x for every real x</span>');
    expect(html).toContain('<pre class="instance">{&quot;x&quot;:0.5}</pre>');
    expect(html).toMatch(/<p class="replay">replay: <code class="cmd">[^<]*--claim toy\.square\.ge-x --seed \d+ --path [^<]+<\/code><\/p>/);
    expect(html).toContain('Evidence for the correction');
    expect(html).toContain('3 of 4 numbered items covered by claims.');
    expect(html).toContain('<span class="uncovered">uncovered: informal remark, nothing to test</span>');
    expect(html).toContain('1 of 2 planted faults caught, 5 runs per cell');
    expect(html).toContain('<span class="mismatch">not caught</span>');
    expect(html).toContain('lagrangelab verify --seed');
    expect(html).toMatch(/<dt>versions \(of the run\)<\/dt><dd>lagrangelab [^<]* · fast-check /);
    expect(html).toContain('No experiments were run (no results folder reproduce)');
  });

  it('renders vacuous, unsatisfiable and unknown verdicts, coverage findings and mismatches distinctly', () => {
    const report = toyVerify();
    report.claims[0].verdict = 'vacuous' as never;
    report.claims[2].verdict = 'fresh-status' as never;
    report.claims[3].matchesExpectation = false;
    const docs = toyInputs().ledgers[0];
    const coverage = [...docs.coverage, { item: 'Toy Lemma 9', kind: 'lemma' as const, claims: ['toy.square.nonneg'], note: 'unsatisfiable at sane sizes: n > 10⁹' }];
    const html = renderReportHtml(toyInputs({ verify: { file: 'r.json', report }, ledgers: [{ ...docs, coverage }] }));
    expect(html).toContain('<span class="badge st-vacuous" data-status="vacuous">∅ vacuous</span>');
    expect(html).toContain('<span class="badge st-other" data-status="fresh-status">• fresh-status</span>');
    expect(html).toContain('<span class="badge st-unsatisfiable" data-status="unsatisfiable">⊥ unsatisfiable</span> unsatisfiable at sane sizes');
    expect(html).toContain('✗ not as expected');
    expect(html).toContain('3/6 match their expectation');
  });

  it('shows experiments per paper with their tables, comparisons, figures, profiles and provenance', async () => {
    const html = renderReportHtml(toyInputs({ results: await fixtureResults() }));
    const wzc = html.slice(html.indexOf('<section class="paper" id="paper-wzc"'), html.indexOf('</section>'));
    expect(wzc).toContain('<article class="experiment" id="exp-wzc-mini">');
    expect(wzc).toContain('<td>0.012 ± 0.003</td>');
    expect(wzc).toContain('cells &lt; 0.02 &amp; &gt; 0 are bold in the paper');
    expect(wzc).toContain("The paper's numbers beside ours");
    expect(wzc).toMatch(/<figure class="fig" data-points="16"><div class="svg"><svg/);
    expect(wzc).toContain('TrainErr against iteration &lt;ALM &amp; GD&gt; (16 points;');
    expect(wzc).toContain('Final TrainErr profile (6 points;');
    expect(wzc).toContain('<code class="cmd">lagrangelab reproduce wzc-mini --seed 7</code>');
    expect(wzc).toContain('4 cells (3 computed, 1 reused)');
    // TKS is known only from its experiment: no empty ledger headings
    const tks = html.slice(html.indexOf('<section class="paper" id="paper-tks"'));
    expect(tks).toContain('No claims of TKS in the verify report');
    expect(tks.slice(0, tks.indexOf('</section>'))).not.toContain('Claims ledger');
    expect(html).toContain('Unfinished experiments (no result.json yet): <code>zly-unfinished</code>');
    expect(html).not.toContain('No experiments were run');
  });

  it('flags an empty figure and says when a results folder holds no experiment or a paper has none', async () => {
    const res = await fixtureResults();
    const wzc = res.experiments[1];
    const empty = { ...wzc, figures: [{ ...wzc.figures[0], points: 0 }], profiles: [] };
    expect(renderReportHtml(toyInputs({ results: { ...res, experiments: [empty] } }))).toContain('empty figure: 0 data points');
    const none = renderReportHtml(toyInputs({ results: { dir: 'r', experiments: [], incomplete: [] }, resultsDir: 'r' }));
    expect(none).toContain('No finished experiments in r');
    expect(none).toContain('No reproduced experiments of WZC in r');
  });

  it('says when there is no verify report, no ledger document or no mutant matrix', () => {
    const noVerify = renderReportHtml(toyInputs({ verify: null }));
    expect(noVerify).toContain('No verify report: <code class="cmd">lagrangelab verify</code> makes one.');
    const report = toyVerify();
    report.mutants = null;
    report.summary = { ...report.summary, ok: false, inconclusiveExceeded: ['a'], engineErrors: ['b'], fixturesFailed: ['c'] };
    report.ledgerProblems = ['d'];
    delete report.run.versions;
    const bare = renderReportHtml(toyInputs({ verify: { file: 'r.json', report }, ledgers: [] }));
    expect(bare).toContain('<dt>versions (of the run)</dt><dd>not recorded');
    expect(bare).toContain('No coverage table');
    expect(bare).toContain('No errata.');
    expect(bare).toContain('No mutant matrix in this verify run');
    expect(bare).toContain('<b class="mismatch">FAILED</b>');
    expect(bare).toContain('1 over their inconclusive budget, 1 engine error(s), 1 fixture(s) failed, 1 ledger problem(s)');
    // without the erratum, the violated claim's counterexample is listed on its own
    expect(bare).toContain('<h3>Other counterexamples</h3>');
    expect(bare).toContain('<a class="to-cx" href="#cx-toy-square-ge-x">counterexample</a>');
    expect(bare).toContain('<article class="erratum" id="cx-toy-square-ge-x">');
    expect(renderReportHtml(toyInputs())).toContain('<a class="to-cx" href="#erratum-toy-e1">counterexample</a>');
  });
});

describe('the page model', () => {
  it('orders statuses: known ones first in a fixed order, then others by name', () => {
    expect(statusCounts(['z', 'violated', 'holds', 'a', 'holds', 'unsatisfiable'])).toEqual([['holds', 2], ['violated', 1], ['unsatisfiable', 1], ['a', 1], ['z', 1]]);
  });

  it('lists papers in ledger order, matching ids case-insensitively', async () => {
    const inp = toyInputs({ results: await fixtureResults() });
    expect(paperViews(inp).map((v) => v.paper)).toEqual(['WZC', 'TKS']);
    const lower = toyInputs({ ledgers: [{ ...inp.ledgers[0], paper: 'wzc' }] });
    expect(paperViews(lower).map((v) => [v.paper, v.claims.length])).toEqual([['wzc', 6]]);
  });

  it('quotes a fixture, and says when it is missing, broken or has no instance', () => {
    expect(readFixtureExcerpt(TOY_ROOT, 'fixtures/counterexamples/toy-E1.json').instance?.text).toBe('{"x":0.5}');
    expect(readFixtureExcerpt(TOY_ROOT, 'nope.json').problem).toBe('nope.json is missing');
    const dir = mkdtempSync(join(tmpdir(), 'lagrangelab-fx-'));
    try {
      writeFileSync(join(dir, 'bad.json'), '{');
      writeFileSync(join(dir, 'empty.json'), '{"seed": 1, "path": "0:1"}');
      expect(readFixtureExcerpt(TOY_ROOT, join(dir, 'bad.json')).problem).toMatch(/bad\.json is not JSON/);
      const empty = readFixtureExcerpt(dir, 'empty.json');
      expect(empty).toEqual({ note: null, foundWith: 'seed 1, path 0:1', instance: null, problem: 'empty.json has no instance' });
      const html = renderReportHtml(toyInputs({ fixtures: new Map([['fixtures/counterexamples/toy-E1.json', empty]]) }));
      expect(html).toContain('(found with seed 1, path 0:1)</p><p class="problem">empty.json has no instance</p>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderReportHtml on the less common paths', () => {
  it('handles a literal claim without counterexample, a fixture not read, a cut-short claim, coverage oddities and sparse experiments', async () => {
    const report = toyVerify();
    const geX = report.claims[1];
    report.claims[0].budget.exhausted = true;
    report.claims[0].budget.range = { from: 0, to: 99 };
    const cx = geX.counterexample;
    if (cx === null) throw new Error('toy.square.ge-x has no counterexample');
    const withCx = { ...report.claims[3], id: 'toy.other', counterexample: { ...cx, shrinkTruncated: true, verdict: { status: 'violated' as const, detail: '' } } };
    geX.counterexample = null;
    report.claims.push(withCx);
    const docs = toyInputs().ledgers[0];
    const coverage = [{ item: 'Ghost', kind: 'lemma' as const, claims: ['toy.ghost'] }, { item: 'Bare', kind: 'remark' as const, claims: [], note: 'plain note' }];
    const res = await fixtureResults();
    const wzc = res.experiments[1];
    const sparse = { ...wzc, result: { ...wzc.result, versions: {}, empirical: [], notes: [], tables: [{ title: 't', columns: ['a'], rows: [['1']] }], paperComparisons: [{ quantity: 'q', paper: '1', ours: '2' }] } };
    const html = renderReportHtml(toyInputs({ verify: { file: 'r.json', report }, ledgers: [{ ...docs, coverage }], fixtures: new Map(), results: { ...res, experiments: [sparse] } }));
    expect(html).toContain('<td class="num">40 of 99</td>');
    expect(html).toContain('Counterexample fixture <code>fixtures/counterexamples/toy-E1.json</code></p><p>Literal claim:');
    expect(html).toContain('shrink step(s), stopped early)');
    report.claims[1].matchesExpectation = false;
    report.claims[2].matchesExpectation = false;
    const mism = renderReportHtml(toyInputs({ verify: { file: 'r.json', report } }));
    expect(mism).toContain('<code>toy.square.ge-x</code>: <span class="badge st-violated" data-status="violated">✗ violated</span> <span class="mismatch">✗ expected violated</span>');
    expect(mism).toContain('<span class="mismatch">✗ expected holds</span>');
    const mismMd = renderReportPageMarkdown(toyInputs({ verify: { file: 'r.json', report } }));
    expect(mismMd).toContain('`toy.square.ge-x`: ✗ violated ✗ expected violated on');
    expect(mismMd).toContain('`toy.square.ge-x-quarter`: ✓ holds ✗ expected holds on');
    expect(html).toContain('verdict: <span class="badge st-violated" data-status="violated">✗ violated</span> violated</p>');
    expect(html).toContain('<td><code>toy.ghost</code></td>');
    expect(html).toContain('uncovered: (no reason given)</span> — plain note');
    expect(html).toContain('<dt>versions</dt><dd>—</dd>');
    expect(html).not.toContain('Empirical claims');
    const md = renderReportPageMarkdown(toyInputs({ verify: { file: 'r.json', report }, ledgers: [{ ...docs, coverage }], fixtures: new Map(), results: { ...res, experiments: [sparse] } }));
    expect(md).toContain('| Bare | remark | — | uncovered: (no reason given) — plain note |');
    expect(md).toContain('| q | 1 | 2 |  |');
    expect(md).toContain('](wzc-mini/trainerr.svg)');
  });

  it('shows an OK run and a paper with a ledger but no claims in the run', async () => {
    const report = toyVerify();
    report.claims = report.claims.filter((c) => c.matchesExpectation);
    report.summary = { ...report.summary, ok: true, claims: 4, matching: 4, mismatching: [] };
    const ok = renderReportHtml(toyInputs({ verify: { file: 'r.json', report } }));
    expect(ok).toContain('<b class="match">OK</b>: 4/4 claims match');
    expect(ok).toContain('<span class="match">4/4 match their expectation</span>');
    expect(renderReportPageMarkdown(toyInputs({ verify: { file: 'r.json', report } }))).toContain('**OK**: 4/4 claims match their expectation.');
    const none = { ...report, claims: [] };
    const res = await fixtureResults();
    const inp = toyInputs({ verify: { file: 'r.json', report: none }, results: res });
    expect(renderReportHtml(inp)).toContain('<p>No claims of this paper in the verify report.</p>');
    expect(renderReportPageMarkdown(inp)).toContain('No claims of this paper in the verify report.');
  });
});
