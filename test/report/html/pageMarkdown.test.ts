import { describe, expect, it } from 'vitest';
import { MD_MARK, mdText, renderReportPageMarkdown } from '../../../src/report/html/pageMarkdown.ts';
import { fixtureResults, toyInputs, toyVerify } from './helpers.ts';

describe('renderReportPageMarkdown', () => {
  it('starts with the generator mark and gives the summary, counts, ledger, erratum, coverage and matrix', () => {
    const md = renderReportPageMarkdown(toyInputs());
    expect(md.split('\n')[0]).toBe(MD_MARK);
    expect(md).toContain('**FAILED**: 4/6 claims match their expectation.');
    expect(md).toContain('6 claims: ✓ holds 3, ✗ violated 1, ? inconclusive 1, – hypotheses-unmet 1 · 4/6 match their expectation');
    expect(md).toMatch(/\| toy\.square\.ge-x \| WZC Toy Lemma 2 \(T\.2\) \| inequality \| x² ≥ x \| refuted \(toy-E1\) \| ✗ violated \| 40 \| \d+ \|/);
    expect(md).toContain('✗ not as expected');
    expect(md).toContain('#### toy-E1: `toy.square.ge-x`');
    expect(md).toContain('```json\n{"x":0.5}\n```');
    expect(md).toMatch(/Replay: `[^`]*--claim toy\.square\.ge-x --seed \d+ --path [^`]+`/);
    expect(md).toContain('| Toy Remark 3 | remark | — | uncovered: informal remark, nothing to test |');
    expect(md).toContain('| noop | changes nothing | not caught |');
    expect(md).toContain('No experiments were run (nothing in reproduce)');
    expect(md).toMatch(/Provenance of the verdicts: `lagrangelab verify --seed \d+ --runs 40 --mutants --mutant-runs 5`/);
    expect(md.trimEnd().split('\n').pop()).toBe('Generated 2026-11-26T00:00:00.000Z by `lagrangelab report` — lagrangelab 0.1.0, node v20.0.0, vega 6.4.0.');
  });

  it('escapes markup characters, pipes and newlines in free text and cells, and backticks in code', () => {
    expect(mdText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    const report = toyVerify();
    report.claims[0].statement = 'x | y <b>\nz';
    report.claims[1].counterexample = report.claims[1].counterexample && { ...report.claims[1].counterexample, replay: 'run `x`', instance: { s: '```' } };
    const md = renderReportPageMarkdown(toyInputs({ verify: { file: 'r.json', report } }));
    expect(md).toContain('| x \\| y &lt;b&gt; z |');
    expect(md).toContain('Replay: `` run `x` ``');
    expect(md).not.toContain('{"s":"```"}');
  });

  it('lists experiments with tables, comparisons, empirical claims, figure links and provenance', async () => {
    const md = renderReportPageMarkdown(toyInputs({ results: await fixtureResults() }), (f) => `../results/${f}`);
    expect(md).toContain('#### `wzc-mini` — Synthetic T = 4');
    expect(md).toContain('| ALM | 0.012 ± 0.003 | 0.015 ± 0.002 |');
    expect(md).toContain('cells &lt; 0.02 &amp; &gt; 0 are bold in the paper');
    expect(md).toContain('| Table 3a, ALM, init 1, TrainErr | 0.0098 | 0.012 | T = 4 instead of T = 10 |');
    expect(md).toContain('| wzc.table3a.sgd-stable | SGD\'s TrainErr std &lt; 0.01 | ∅ vacuous | no SGD run at this scale |');
    expect(md).toContain('⊥ unsatisfiable');
    expect(md).toContain('• a-new-status');
    expect(md).toContain('- Figure: [TrainErr against iteration &lt;ALM &amp; GD&gt;](../results/wzc-mini/trainerr.svg) (16 points)');
    expect(md).toContain('- Performance profile: Final TrainErr profile (6 points; in index.html)');
    expect(md).toContain('Provenance: `lagrangelab reproduce wzc-mini --seed 7` · seed 7 · scaled');
    expect(md).toContain('## TKS\n\nNo claims of TKS in the verify report (`lagrangelab verify --paper tks`).\n\n### Experiments');
    expect(md).not.toContain('No experiments were run');
  });

  it('says what is missing: verify report, ledger documents, mutant matrix, errata, experiments of a paper', () => {
    const report = toyVerify();
    report.mutants = null;
    const md = renderReportPageMarkdown(toyInputs({ verify: { file: 'r.json', report }, ledgers: [], results: { dir: 'r', experiments: [], incomplete: [] }, resultsDir: 'r' }));
    expect(md).toContain('No coverage table.');
    expect(md).toContain('No errata.');
    expect(md).toContain('No mutant matrix in this verify run');
    expect(md).toContain('### Other counterexamples');
    expect(md).toContain('No reproduced experiments of WZC in r');
    expect(renderReportPageMarkdown(toyInputs({ verify: null }))).toContain('No verify report: `lagrangelab verify` makes one.');
  });
});
