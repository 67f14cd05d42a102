/**
 * The HTML of one paper's part of the report page: verdict counts, the claims ledger (rows carry `data-verdict`
 * and `data-kind` for the filter), errata with their counterexamples and replay commands, other counterexamples,
 * the coverage table, the mutant matrix and the experiments. Every text from an input goes through
 * {@link escapeHtml}; figures are inlined SVG from experiments.ts (already stripped of scripts).
 */
import type { ClaimReport, RunMeta } from '../schema.ts';
import { fmtNum, sourceLabel } from '../markdown.ts';
import type { LoadedExperiment, LoadedFigure } from './experiments.ts';
import { escapeHtml as h, jsonExcerpt, statusBadge } from './format.ts';
import type { ErratumView, FixtureExcerpt, PaperView } from './model.ts';

/** A stable id fragment for anchors. */
export const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const table = (head: string[], rows: string[][], cls: string): string =>
  `<table class="${cls}"><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead>` +
  `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

const code = (s: string): string => `<code>${h(s)}</code>`;
const replay = (cmd: string): string => `<p class="replay">replay: <code class="cmd">${h(cmd)}</code></p>`;

/** The verdict counts line of a paper. */
export function countsHtml(v: PaperView): string {
  if (v.claims.length === 0) return `<p class="counts" data-paper="${h(v.paper)}">No claims of ${h(v.paper)} in the verify report (<code class="cmd">lagrangelab verify --paper ${h(v.paper.toLowerCase())}</code>).</p>`;
  const badges = v.counts.map(([s, n]) => statusBadge(s, ` <b class="n">${n}</b>`)).join(' ');
  const mism = v.claims.length - v.matching;
  return `<p class="counts" data-paper="${h(v.paper)}">${v.claims.length} claims: ${badges} · ` +
    `<span class="${mism === 0 ? 'match' : 'mismatch'}">${v.matching}/${v.claims.length} match their expectation</span></p>`;
}

function ratioCell(c: ClaimReport): string {
  const parts: string[] = [];
  if (c.stats.ratio) parts.push(`max ratio ${fmtNum(c.stats.ratio.max)}`);
  if (c.stats.minMargin !== null) parts.push(`min margin ${fmtNum(c.stats.minMargin)}`);
  return parts.length ? parts.join('<br>') : '—';
}

/** Where the page shows a claim's counterexample: its erratum when one quotes it, else its own entry. */
function cxAnchor(v: PaperView, c: ClaimReport): string | null {
  if (c.counterexample === null) return null;
  const e = v.errata.find((x) => x.erratum.claim === c.id);
  return e ? `erratum-${slug(e.erratum.id)}` : `cx-${slug(c.id)}`;
}

function ledgerRow(v: PaperView, c: ClaimReport): string {
  const expected = c.expected.status === 'refuted' ? `refuted (${h(String(c.expected.erratum))})` : 'holds';
  const anchor = cxAnchor(v, c);
  const verdict = statusBadge(c.verdict) + (c.matchesExpectation ? '' : ' <span class="mismatch">✗ not as expected</span>') +
    (anchor ? ` <a class="to-cx" href="#${anchor}">counterexample</a>` : '');
  const s = c.stats;
  const cells = [
    `<a href="#claim-${slug(c.id)}"><code>${h(c.id).replace(/\./g, '.<wbr>')}</code></a>`, h(sourceLabel(c)), h(c.kind), `<span class="stmt">${h(c.statement)}</span>`, expected, verdict,
    `${s.runs}${c.budget.exhausted ? ` of ${c.budget.range.to - c.budget.range.from}` : ''}`, String(s.violated), fmtNum(s.violationRateUpper95), ratioCell(c),
  ];
  return `<tr id="claim-${slug(c.id)}" data-verdict="${h(c.verdict)}" data-kind="${h(c.kind)}">${cells.map((x, i) => `<td${i >= 6 && i <= 8 ? ' class="num"' : ''}>${x}</td>`).join('')}</tr>`;
}

const options = (values: string[]): string => ['<option value="">all</option>', ...values.map((x) => `<option value="${h(x)}">${h(x)}</option>`)].join('');

/**
 * The claims ledger. The filter controls start `hidden` and the page's script reveals them, so without script the
 * page shows every row and no control that does nothing.
 */
export function ledgerHtml(v: PaperView): string {
  if (v.claims.length === 0) return '<p>No claims of this paper in the verify report.</p>';
  const verdicts = [...new Set(v.claims.map((c) => c.verdict))].sort();
  const kinds = [...new Set(v.claims.map((c) => c.kind))].sort();
  const filters = `<div class="filters" hidden><label>verdict <select data-filter="verdict">${options(verdicts)}</select></label> ` +
    `<label>kind <select data-filter="kind">${options(kinds)}</select></label> <span class="shown"></span></div>`;
  const head = ['id', 'source', 'kind', 'statement', 'expected', 'verdict', 'n runs', 'failures', '95% UB', 'margin / ratio'];
  return `${filters}<table class="ledger"><thead><tr>${head.map((x) => `<th>${x}</th>`).join('')}</tr></thead><tbody>${v.claims.map((c) => ledgerRow(v, c)).join('')}</tbody></table>`;
}

function evidence(id: string, c: ClaimReport | null): string {
  if (c === null) return `${code(id)}: not in this verify run (<code class="cmd">${h(`lagrangelab verify --claim ${id}`)}</code>)`;
  const s = c.stats;
  const mism = c.matchesExpectation ? '' : ` <span class="mismatch">✗ expected ${c.expected.status === 'refuted' ? 'violated' : 'holds'}</span>`;
  return `${code(id)}: ${statusBadge(c.verdict)}${mism} on ${s.runs} instances (${s.holds} held, ${s.violated} violated, ${s.inconclusive} inconclusive); 95% UB on the violation rate ${fmtNum(s.violationRateUpper95)}`;
}

function fixtureHtml(path: string, fx: FixtureExcerpt | null): string {
  const head = `<p>Counterexample fixture ${code(path)}${fx?.foundWith ? ` (found with ${h(fx.foundWith)})` : ''}</p>`;
  if (fx === null) return head;
  const note = fx.note ? `<p class="note">${h(fx.note)}</p>` : '';
  const body = fx.instance ? `<pre class="instance">${h(fx.instance.text)}</pre>` : `<p class="problem">${h(fx.problem ?? 'no instance')}</p>`;
  return head + note + body;
}

function counterexampleHtml(c: ClaimReport): string {
  const cx = c.counterexample;
  if (cx === null) return '';
  const detail = 'detail' in cx.verdict && cx.verdict.detail ? cx.verdict.detail : cx.verdict.status;
  return `<div class="cx"><p>Shrunk counterexample (run ${cx.runIndex}, ${cx.shrinks} shrink step(s)${cx.shrinkTruncated ? ', stopped early' : ''}): ${h(cx.description)}</p>` +
    `<p>verdict: ${statusBadge(cx.verdict.status)} ${h(detail)}</p><pre class="instance">${h(jsonExcerpt(cx.instance).text)}</pre>${replay(cx.replay)}</div>`;
}

function erratumHtml(e: ErratumView): string {
  const er = e.erratum;
  return `<article class="erratum" id="erratum-${slug(er.id)}"><h4>${h(er.id)}: ${code(er.claim)}</h4>` +
    `<p><b>The paper says:</b> <span class="literal">${h(er.says)}</span></p>` +
    `<p><b>Corrected:</b> <span class="corrected">${h(er.corrected)}</span></p>` +
    fixtureHtml(er.fixture, e.fixture) +
    (e.literal ? `<p>Literal claim: ${evidence(er.claim, e.literal)}</p>${counterexampleHtml(e.literal)}` : `<p>Literal claim: ${evidence(er.claim, null)}</p>`) +
    `<p><b>Evidence for the correction:</b></p><ul>${e.corrected.map((c) => `<li>${evidence(c.id, c.claim)}</li>`).join('')}</ul>` +
    `<p><b>Solver impact:</b> ${h(er.solverImpact)}</p></article>`;
}

/** Errata of the paper, then counterexamples no erratum quotes. */
export function errataHtml(v: PaperView): string {
  const parts = [v.errata.length ? v.errata.map(erratumHtml).join('') : '<p>No errata.</p>'];
  if (v.counterexamples.length) {
    parts.push('<h3>Other counterexamples</h3>');
    for (const c of v.counterexamples) parts.push(`<article class="erratum" id="cx-${slug(c.id)}"><h4>${code(c.id)}</h4><p class="stmt">${h(c.statement)}</p>${counterexampleHtml(c)}</article>`);
  }
  return parts.join('');
}

/** The coverage table: every numbered item, the claims covering it (with verdicts) and findings. */
export function coverageHtml(v: PaperView): string {
  if (v.coverage === null) return '<p>No coverage table (the paper\'s ledger is not known to this lagrangelab).</p>';
  const byId = new Map(v.claims.map((c) => [c.id, c]));
  const covered = v.coverage.filter((e) => e.claims.length > 0).length;
  const rows = v.coverage.map((e) => {
    const claims = e.claims.map((id) => `${code(id)}${byId.has(id) ? ` ${statusBadge(byId.get(id)?.verdict ?? '')}` : ''}`).join('<br>') || '—';
    const finding = e.note ? /^(vacuous|unsatisfiable)/.exec(e.note)?.[1] : undefined;
    const status = (e.claims.length > 0 ? 'covered' : `<span class="uncovered">uncovered: ${h(e.uncovered ?? '(no reason given)')}</span>`) +
      (e.note ? ` — ${finding ? `${statusBadge(finding)} ` : ''}${h(e.note)}` : '');
    return [h(e.item), h(e.kind), claims, status];
  });
  return `<p>${covered} of ${v.coverage.length} numbered items covered by claims.</p>${table(['item', 'kind', 'claims', 'status'], rows, 'coverage')}`;
}

/** The mutant matrix as a list: each planted fault and the claims that catch it. */
export function mutantsHtml(v: PaperView): string {
  const m = v.mutants;
  if (m === null) return '<p>No mutant matrix in this verify run (<code class="cmd">lagrangelab verify --mutants</code> makes one).</p>';
  const rows = m.mutants.map((mu) => {
    const by = mu.caughtBy.length ? mu.caughtBy.map(code).join(' ') : '<span class="mismatch">not caught</span>';
    return [code(mu.id), h(mu.description), by, String(mu.caughtBy.length)];
  });
  const uncaught = m.mutants.filter((mu) => mu.caughtBy.length === 0).length;
  return `<p>${m.mutants.length - uncaught} of ${m.mutants.length} planted faults caught, ${m.runsPerCell} runs per cell, over ${m.claims.length} claims.</p>` +
    table(['fault', 'what it plants', 'caught by', '#'], rows, 'mutants');
}

function figureHtml(f: LoadedFigure): string {
  const empty = f.points === 0 ? '<p class="mismatch">empty figure: 0 data points</p>' : '';
  return `<figure class="fig" data-points="${f.points}">${empty}<div class="svg">${f.svg}</div><figcaption>${h(f.title)} (${f.points} points; ${code(f.file)})</figcaption></figure>`;
}

function provenanceHtml(rows: [string, string][]): string {
  return `<dl class="prov">${rows.map(([k, x]) => `<dt>${h(k)}</dt><dd>${x}</dd>`).join('')}</dl>`;
}

/** One reproduced experiment: tables, the paper's numbers beside ours, empirical verdicts, figures, provenance. */
export function experimentHtml(e: LoadedExperiment): string {
  const r = e.result;
  const parts = [`<article class="experiment" id="exp-${slug(r.name)}"><h4>${code(r.name)} — ${h(r.title)}</h4>`];
  for (const t of r.tables) {
    parts.push(`<p class="caption">${h(t.title)}</p>`, table(t.columns.map(h), t.rows.map((row) => row.map(h)), 'exp'));
    if (t.note) parts.push(`<p class="note">${h(t.note)}</p>`);
  }
  if (r.paperComparisons.length) {
    parts.push('<p class="caption">The paper\'s numbers beside ours</p>', table(['quantity', 'paper', 'ours', 'note'], r.paperComparisons.map((c) => [h(c.quantity), h(c.paper), h(c.ours), h(c.note ?? '')]), 'exp'));
  }
  if (r.empirical.length) {
    parts.push('<p class="caption">Empirical claims</p>', table(['claim', 'statement', 'status', 'statistic'], r.empirical.map((x) => [code(x.claimId), h(x.statement), statusBadge(x.status), h(x.detail)]), 'exp'));
  }
  parts.push(...e.figures.map(figureHtml), ...e.profiles.map(figureHtml));
  if (r.notes.length) parts.push(`<ul class="notes">${r.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`);
  parts.push(provenanceHtml([
    ['command', `<code class="cmd">${h(r.command)}</code>`], ['seed', String(r.seed)], ['scale', h(r.scale)],
    ['versions', Object.entries(r.versions).map(([k, x]) => `${h(k)} ${h(x)}`).join(' · ') || '—'],
    ['ran', `${h(r.startedAt)} → ${h(r.finishedAt)}; ${r.cells.total} cells (${r.cells.computed} computed, ${r.cells.reused} reused)`],
    ['result', code(e.file)],
  ]), '</article>');
  return parts.join('');
}

/** Provenance of the verify run behind a paper's ledger. */
export function verifyProvenanceHtml(command: string, file: string, run: RunMeta): string {
  const versions = run.versions ? Object.entries(run.versions).map(([k, x]) => `${h(k)} ${h(x)}`).join(' · ') : 'not recorded (a report from before lagrangelab recorded them)';
  return provenanceHtml([
    ['command', `<code class="cmd">${h(command)}</code>`], ['seed', String(run.seed)], ['scale', h(run.scale)], ['pass tolerance (rtol)', String(run.rtol)],
    ['versions (of the run)', versions], ['node (of the run)', h(run.node)], ['ran', `${h(run.startedAt)}, ${(run.durationMs / 1000).toFixed(1)} s`], ['report', code(file)],
  ]);
}
