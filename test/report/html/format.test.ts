import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonExcerpt, statusBadge, statusStyle, STATUS_STYLES, verifyCommand } from '../../../src/report/html/format.ts';
import { toyVerify } from './helpers.ts';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or end an attribute', () => {
    expect(escapeHtml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('status styles', () => {
  it('gives every known status its own class and mark', () => {
    const styles = Object.values(STATUS_STYLES);
    expect(new Set(styles.map((s) => s.cls)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.mark)).size).toBe(styles.length);
    expect(statusStyle('vacuous').cls).not.toBe(statusStyle('unsatisfiable').cls);
  });

  it('renders an unknown status under its own name in the neutral style (prototype names included)', () => {
    for (const s of ['brand-new', 'constructor', 'toString']) expect(statusStyle(s).cls).toBe('st-other');
    expect(statusBadge('<odd>')).toBe('<span class="badge st-other" data-status="&lt;odd&gt;">• &lt;odd&gt;</span>');
    expect(statusBadge('holds', ' 3')).toContain('✓ holds 3');
  });
});

describe('jsonExcerpt', () => {
  it('keeps short JSON whole and cuts long JSON saying how long it was', () => {
    expect(jsonExcerpt({ a: 1 })).toEqual({ text: '{"a":1}', truncated: false });
    const long = jsonExcerpt({ x: 'y'.repeat(100) }, 20);
    expect(long.truncated).toBe(true);
    expect(long.text).toBe(`${JSON.stringify({ x: 'y'.repeat(100) }).slice(0, 20)}… (108 characters in all)`);
    expect(jsonExcerpt(undefined).text).toBe('undefined');
  });
});

describe('verifyCommand', () => {
  it('re-creates the run from its metadata', () => {
    const run = toyVerify().run;
    expect(verifyCommand({ ...run, runsOverride: null, runsFactor: 1 }, null)).toBe(`lagrangelab verify --seed ${run.seed}`);
    const all = verifyCommand(
      { ...run, paper: 'wzc', claimFilter: 'wzc.lemma*', runsOverride: 30, runsFactor: 6, scale: 'deep', timeBudgetSec: 60, shard: { index: 2, count: 4 } },
      { runsPerCell: 5 },
    );
    expect(all).toBe(`lagrangelab verify --seed ${run.seed} --paper wzc --claim 'wzc.lemma*' --runs 30 --factor 6 --deep --time-budget 60 --mutants --mutant-runs 5 --shard 2/4`);
  });
});
