/**
 * `index.html` of `lagrangelab report`: one self-contained page (inline CSS, inline SVG, a few lines of inline
 * script for the ledger filter; no network, no external font). It reads fully without script.
 */
import { escapeHtml as h } from './format.ts';
import { paperViews, type PageInputs, type PaperView } from './model.ts';
import { countsHtml, coverageHtml, errataHtml, experimentHtml, ledgerHtml, mutantsHtml, slug, verifyProvenanceHtml } from './sections.ts';
import { verifyCommand } from './format.ts';

/** Marks a file as written by `lagrangelab report` (so a rerun may replace it; see write.ts). */
export const GENERATOR_MARK = 'lagrangelab report';

const CSS = `
:root{--fg:#1b1f24;--muted:#5b636d;--line:#d6dbe1;--bg:#fff;--soft:#f5f7f9}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:0 20px 40px}
h1{font-size:24px;margin:20px 0 4px}h2{font-size:20px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:36px}h3{font-size:16px;margin:24px 0 8px}h4{font-size:14px;margin:12px 0 6px}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
p,dd,td,li{overflow-wrap:break-word}
pre.instance{background:var(--soft);border:1px solid var(--line);padding:6px 8px;white-space:pre-wrap;word-break:break-all;max-height:180px;overflow:auto}
code.cmd{background:#eef1f4;padding:1px 4px;border-radius:3px;word-break:break-all}
table{border-collapse:collapse;margin:6px 0 10px;width:100%}th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}th{background:var(--soft)}td.num{text-align:right;white-space:nowrap}
.stmt{display:block;min-width:240px;max-width:420px}
table.mutants td:last-child{text-align:right;white-space:nowrap}
.badge{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;white-space:nowrap;border:1px solid transparent}
.st-holds{background:#e3f4e8;color:#155d2c;border-color:#9bd3ab}.st-violated{background:#fde4e4;color:#9b1111;border-color:#f0a3a3}
.st-inconclusive{background:#fff3d6;color:#7a5200;border-color:#f0cf7f}.st-unmet{background:#eceef1;color:#4a525c;border-color:#c9ced5}
.st-vacuous{background:#f1e8fb;color:#5a2a8c;border:1px dashed #9a6fd0}.st-unsatisfiable{background:#2b2f36;color:#fff;border-color:#2b2f36}
.st-other{background:#fff;color:#234;border:1px dotted #567}
.mismatch{color:#9b1111;font-weight:600}.match{color:#155d2c}.uncovered{color:var(--muted)}
.counts{font-size:15px}.counts .n{font-weight:700}
.erratum,.experiment{border:1px solid var(--line);border-radius:6px;padding:4px 12px;margin:10px 0}
.filters{background:var(--soft);border:1px solid var(--line);padding:6px 10px;border-radius:6px}.filters label{margin-right:14px}
.fig{margin:10px 0;display:inline-block;vertical-align:top}.fig figcaption{color:var(--muted);font-size:12px}
.prov{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:12px;color:var(--muted);border-top:1px dashed var(--line);padding-top:6px}.prov dt{font-weight:600}
.note,.caption{color:var(--muted)}.caption{font-weight:600;margin-bottom:2px}
nav a{margin-right:12px}footer{margin-top:40px;color:var(--muted);font-size:12px}
`;

// Each select narrows its own paper's ledger; rows keep `hidden` off unless both filters exclude them.
const SCRIPT = `
for (const f of document.querySelectorAll('.filters')) {
  f.hidden = false;
  const sec = f.closest('section'), rows = [...sec.querySelectorAll('table.ledger tbody tr')], shown = f.querySelector('.shown');
  const apply = () => {
    const want = {};
    for (const s of f.querySelectorAll('select')) want[s.dataset.filter] = s.value;
    let n = 0;
    for (const r of rows) { const ok = (!want.verdict || r.dataset.verdict === want.verdict) && (!want.kind || r.dataset.kind === want.kind); r.hidden = !ok; if (ok) n++; }
    shown.textContent = n + ' of ' + rows.length + ' claims shown';
  };
  for (const s of f.querySelectorAll('select')) s.addEventListener('change', apply);
  apply();
}
`;

function noResultsHtml(inp: PageInputs): string {
  const cmd = '<code class="cmd">lagrangelab reproduce --list</code> lists them; <code class="cmd">lagrangelab reproduce &lt;name&gt;</code> runs one';
  if (inp.results === null) return `<p class="no-experiments">No experiments were run (no results folder ${h(inp.resultsDir)}): ${cmd}.</p>`;
  if (inp.results.experiments.length === 0) return `<p class="no-experiments">No finished experiments in ${h(inp.resultsDir)}: ${cmd}.</p>`;
  return '';
}

function paperHtml(v: PaperView, inp: PageInputs): string {
  const exp = v.experiments.length
    ? v.experiments.map(experimentHtml).join('')
    : `<p class="no-experiments">No reproduced experiments of ${h(v.paper)} in ${h(inp.resultsDir)} (<code class="cmd">lagrangelab reproduce --list</code>).</p>`;
  const verify = inp.verify;
  const prov = verify && v.claims.length
    ? `<h3>Provenance of the verdicts</h3>${verifyProvenanceHtml(verifyCommand(verify.report.run, v.mutants), verify.file, verify.report.run)}`
    : '';
  const head = `<section class="paper" id="paper-${slug(v.paper)}"><h2>${h(v.paper)}${v.title ? ` — ${h(v.title)}` : ''}</h2>`;
  // a paper known only from its experiments: no empty ledger, errata, coverage and matrix headings
  if (v.claims.length === 0 && v.coverage === null) return `${head}${countsHtml(v)}<h3>Experiments</h3>${exp}</section>`;
  return `${head}${countsHtml(v)}<h3>Claims ledger</h3>${ledgerHtml(v)}<h3>Errata</h3>${errataHtml(v)}<h3>Coverage</h3>${coverageHtml(v)}` +
    `<h3>Mutant matrix</h3>${mutantsHtml(v)}<h3>Experiments</h3>${exp}${prov}</section>`;
}

function summaryHtml(inp: PageInputs): string {
  const r = inp.verify?.report;
  if (!r) return '<p class="summary">No verify report: <code class="cmd">lagrangelab verify</code> makes one.</p>';
  const s = r.summary;
  const extra = [
    s.inconclusiveExceeded.length ? `${s.inconclusiveExceeded.length} over their inconclusive budget` : '',
    s.engineErrors.length ? `${s.engineErrors.length} engine error(s)` : '',
    s.fixturesFailed.length ? `${s.fixturesFailed.length} fixture(s) failed` : '',
    r.ledgerProblems.length ? `${r.ledgerProblems.length} ledger problem(s)` : '',
  ].filter((x) => x).join(', ');
  return `<p class="summary"><b class="${s.ok ? 'match' : 'mismatch'}">${s.ok ? 'OK' : 'FAILED'}</b>: ${s.matching}/${s.claims} claims match their expectation` +
    `${extra ? `, ${h(extra)}` : ''}; ${s.fixturesReplayed} counterexample fixture(s) replayed. Seed ${r.run.seed}, scale ${h(r.run.scale)}.</p>`;
}

/** Render the whole page. */
export function renderReportHtml(inp: PageInputs): string {
  const views = paperViews(inp);
  const p = inp.provenance;
  const nav = views.map((v) => `<a href="#paper-${slug(v.paper)}">${h(v.paper)}</a>`).join('');
  const pkgs = Object.entries(p.packages).map(([k, x]) => `${h(k)} ${h(x)}`).join(' · ');
  const incomplete = inp.results?.incomplete.length
    ? `<p class="note">Unfinished experiments (no result.json yet): ${inp.results.incomplete.map((n) => `<code>${h(n)}</code>`).join(', ')}.</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="${GENERATOR_MARK}"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>lagrangelab report</title><style>${CSS}</style></head>
<body><header><h1>lagrangelab report</h1>${summaryHtml(inp)}${noResultsHtml(inp)}${incomplete}<nav>${nav}</nav></header>
${views.map((v) => paperHtml(v, inp)).join('\n')}
<footer><p>Generated ${h(p.generatedAt)} by <code class="cmd">${h(p.command)}</code> — lagrangelab ${h(p.lagrangelab)}, node ${h(p.node)}${pkgs ? `, ${pkgs}` : ''}.</p></footer>
<script>${SCRIPT}</script></body></html>
`;
}
