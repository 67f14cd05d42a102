/**
 * The Markdown form of a {@link Comparison}, sized for a pull-request comment: the verdict line first, then
 * regressions, improvements and other changes (one table row each), the settings that differ, and the runtime
 * in a folded section. The first line is an HTML marker a CI job can use to find and update its own comment.
 */
import type { Comparison, Finding, Severity } from './comparison.ts';
import { fmtNum, mdCell } from './markdown.ts';

/** First line of every rendered comparison. */
export const COMPARE_MARKER = '<!-- lagrangelab-compare -->';

/** Most per-claim runtime rows shown. */
const RUNTIME_ROWS = 10;

const TITLES: Record<Severity, string> = { regression: 'Regressions', improvement: 'Improvements', change: 'Other changes' };

function findingTable(fs: readonly Finding[]): string[] {
  return ['| subject | kind | what |', '| --- | --- | --- |', ...fs.map((f) => `| \`${mdCell(f.subject)}\` | ${f.kind} | ${mdCell(f.text)} |`)];
}

const seconds = (ms: number): string => `${fmtNum(ms / 1000)} s`;

function runtimeSection(c: Comparison): string[] {
  const { baseMs, headMs, claims } = c.runtime;
  const rows = claims
    .filter((x) => x.basePerRunMs > 0 && x.headPerRunMs > 0)
    .map((x) => ({ ...x, factor: x.headPerRunMs / x.basePerRunMs }))
    .sort((a, b) => Math.abs(Math.log(b.factor)) - Math.abs(Math.log(a.factor)) || (a.id < b.id ? -1 : 1))
    .slice(0, RUNTIME_ROWS);
  const out = [
    '<details><summary>Runtime (informational: one wall-clock measurement per claim and run, not a regression test)</summary>',
    '',
    `Whole run: ${seconds(baseMs)} → ${seconds(headMs)}${baseMs > 0 ? ` (×${fmtNum(headMs / baseMs)})` : ''}.`,
  ];
  if (rows.length > 0) {
    out.push('', '| claim | ms per run (base) | ms per run (head) | × |', '| --- | ---: | ---: | ---: |');
    for (const r of rows) out.push(`| \`${mdCell(r.id)}\` | ${fmtNum(r.basePerRunMs)} | ${fmtNum(r.headPerRunMs)} | ${fmtNum(r.factor)} |`);
  }
  out.push('', '</details>');
  return out;
}

/** Render a comparison as Markdown (ends without a newline). */
export function renderComparisonMarkdown(c: Comparison): string {
  const n = c.counts;
  const verdict = c.regression
    ? `❌ **${n.regression} regression${n.regression === 1 ? '' : 's'}**`
    : '✅ **no regression**';
  const run = (s: Comparison['base']): string =>
    `\`${mdCell(s.label)}\` (${s.claims} claims, seed ${s.seed}, scale ${s.scale}, ×${s.runsFactor}${s.runsOverride !== null ? `, runs ${s.runsOverride}` : ''}; verify ${s.ok ? 'OK' : 'FAILED'})`;
  const out = [
    COMPARE_MARKER,
    `## lagrangelab compare: ${verdict}, ${n.improvement} improvement${n.improvement === 1 ? '' : 's'}, ${n.change} other change${n.change === 1 ? '' : 's'}`,
    '',
    `${run(c.base)} → ${run(c.head)}`,
  ];
  if (c.mismatches.length > 0) {
    out.push('', '> **Settings differ** (compared anyway):');
    for (const m of c.mismatches) out.push(`> - ${m}`);
  }
  for (const sev of ['regression', 'improvement', 'change'] as const) {
    const fs = c.findings.filter((f) => f.severity === sev);
    if (fs.length > 0) out.push('', `### ${TITLES[sev]} (${fs.length})`, '', ...findingTable(fs));
  }
  if (c.findings.length === 0) out.push('', 'No verdict, rate, ratio-distribution, fixture or mutant changed.');
  out.push('', ...runtimeSection(c));
  return out.join('\n');
}
