/**
 * `report.md`: the human-readable verify report — a table of every claim, the engine errors, the mismatches and
 * the claims over their inconclusive budget with their replay commands, every counterexample, the fixtures,
 * ledger problems and the mutant × claim matrix.
 */
import type { ClaimReport, VerifyReport } from './schema.ts';
import type { MutantMatrix } from '../engine/mutantMatrix.ts';

/** Escape a table cell (pipes and newlines would break the row). */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Compact number for tables. */
export function fmtNum(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1);
}

/** The source as one short string, e.g. `WZC Lemma 3.2 (3.4)`. */
export function sourceLabel(c: Pick<ClaimReport, 'source'>): string {
  const eq = c.source.equations && c.source.equations.length > 0 ? ` ${c.source.equations.join(', ')}` : '';
  return `${c.source.paper} ${c.source.item}${eq}`;
}

const expectedLabel = (c: ClaimReport): string => (c.expected.status === 'refuted' ? `refuted (${c.expected.erratum})` : 'holds');

/** Longest JSON shown inline for a counterexample instance. */
const MAX_INLINE_JSON = 2000;

function claimTable(claims: readonly ClaimReport[]): string[] {
  const rows = [
    '| id | source | kind | expected | verdict | n | hyp-held | violations | inconclusive (allowed) | 95% UB | max ratio |',
    '| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of claims) {
    const s = c.stats;
    const shown = c.finding ? `${c.finding.kind} (${c.verdict})` : c.verdict;
    const verdict = c.matchesExpectation ? shown : `**${shown}** ✗`;
    const b = c.inconclusiveBudget;
    const inconcl = `${b.exceeded ? '**' : ''}${s.inconclusive} (≤ ${b.limit})${b.exceeded ? '** ✗' : ''}${s.errors > 0 ? ` · **${s.errors} engine error(s)** ✗` : ''}`;
    rows.push(
      `| ${mdCell(c.id)} | ${mdCell(sourceLabel(c))} | ${c.kind} | ${mdCell(expectedLabel(c))} | ${verdict} | ${s.runs}` +
        `${c.budget.exhausted ? ` of ${c.budget.range.to - c.budget.range.from}` : ''} | ${s.hypothesesHeld} | ${s.violated} | ${inconcl} | ` +
        `${fmtNum(s.violationRateUpper95)} | ${fmtNum(s.ratio?.max)} |`,
    );
  }
  return rows;
}

function counterexampleSection(c: ClaimReport): string[] {
  const cx = c.counterexample;
  if (!cx) return [];
  const detail = 'detail' in cx.verdict ? cx.verdict.detail : cx.verdict.status;
  const json = JSON.stringify(cx.instance);
  const out = [
    `### ${c.id}`,
    '',
    `${c.statement}`,
    '',
    `*How it is checked:* ${c.method}`,
    '',
    `- run ${cx.runIndex}, shrunk in ${cx.shrinks} step(s)${cx.shrinkTruncated ? ' (shrinking stopped early)' : ''}: ${cx.description}`,
    `- verdict: ${mdCell(detail)}`,
    `- replay: \`${cx.replay}\``,
  ];
  if (json !== undefined && json.length <= MAX_INLINE_JSON) out.push('', '```json', json, '```');
  out.push('');
  return out;
}

/** A mutant × claim table: `V` caught by a violation, `C` caught by another verdict change, `I` caught by an
 * inconclusive count over the claim's budget, `·` not caught, `E` (added) engine errors in the cell; a first row
 * gives each claim's unmutated (baseline) verdict. */
export function renderMutantMatrix(m: MutantMatrix): string[] {
  const out = [`### ${m.paper} (${m.runsPerCell} runs per cell)`, ''];
  if (m.mutants.length === 0) return [...out, 'No mutants.', ''];
  const claims = m.claims;
  out.push(`| mutant | ${claims.map(mdCell).join(' | ')} | caught by |`, `| --- | ${claims.map(() => ':-:').join(' | ')} | ---: |`);
  const base = claims.map((id) => m.baseline.find((b) => b.claim === id)?.verdict ?? '—');
  out.push(`| *(baseline)* | ${base.join(' | ')} | |`);
  for (const mu of m.mutants) {
    const cells = claims.map((id) => {
      const cell = m.cells.find((c) => c.mutant === mu.id && c.claim === id);
      if (!cell) return ' ';
      const err = cell.errors > 0 ? ' E' : '';
      if (!cell.caught) return (cell.runs === 0 ? '–' : '·') + err;
      const base = m.baseline.find((b) => b.claim === id);
      const byVerdict = base === undefined || cell.verdict !== base.verdict;
      return (!byVerdict ? 'I' : cell.verdict === 'violated' ? 'V' : 'C') + err;
    });
    out.push(`| ${mdCell(mu.id)} | ${cells.join(' | ')} | ${mu.caughtBy.length} |`);
  }
  const uncaught = m.mutants.filter((mu) => mu.caughtBy.length === 0);
  out.push('', uncaught.length === 0 ? 'Every mutant is caught by at least one claim.' : `**Not caught:** ${uncaught.map((u) => `${u.id} (${u.description})`).join('; ')}`, '');
  return out;
}

/** Render a report as Markdown. */
export function renderReportMarkdown(r: VerifyReport): string {
  const run = r.run;
  const shard = run.shard ? ` · shard ${run.shard.index}/${run.shard.count}` : run.mergedShards ? ` · merged from ${run.mergedShards} shard(s)` : '';
  const out = [
    '# lagrangelab verify report',
    '',
    `**${r.summary.ok ? 'OK' : 'FAILED'}** — ${r.summary.matching}/${r.summary.claims} claims match their expectation` +
      `${r.summary.inconclusiveExceeded.length ? `, ${r.summary.inconclusiveExceeded.length} over their inconclusive budget` : ''}` +
      `${r.summary.engineErrors.length ? `, **${r.summary.engineErrors.length} engine error(s)**` : ''}` +
      `; ${r.summary.fixturesReplayed} fixture(s) replayed, ${r.summary.fixturesFailed.length} failed.`,
    '',
    `Seed ${run.seed} · scale ${run.scale}${run.runsOverride !== null ? ` · ${run.runsOverride} runs per claim` : ''}${run.runsFactor !== 1 ? ` · runs ×${run.runsFactor}` : ''}${shard}` +
      ` · rtol ${run.rtol} · node ${run.node} · ${(run.durationMs / 1000).toFixed(1)} s` +
      (run.timeBudgetSec !== null ? ` · time budget ${run.timeBudgetSec} s${run.budgetExhausted ? ' (exhausted: some claims ran fewer instances)' : ''}` : '') +
      ` · started ${run.startedAt}`,
    '',
    ...claimTable(r.claims),
    '',
  ];
  if (r.summary.engineErrors.length > 0) {
    out.push('## Engine errors', '', 'The checker itself failed here (an oracle, a hypothesis test or instance generation threw); the run fails.', '');
    for (const c of r.claims.filter((x) => x.firstEngineError !== null)) {
      const e = c.firstEngineError;
      if (e) out.push(`- **${c.id}** (run ${e.runIndex}${e.whileShrinking ? ', while shrinking' : ''}): ${mdCell(e.detail)} — replay: \`${e.replay}\``);
    }
    for (const x of r.summary.engineErrors.filter((id) => !r.claims.some((c) => c.id === id))) out.push(`- ${mdCell(x)}`);
    out.push('');
  }
  const over = r.claims.filter((c) => c.inconclusiveBudget.exceeded);
  if (over.length > 0) {
    out.push('## Over the inconclusive budget', '');
    for (const c of over) {
      const b = c.inconclusiveBudget;
      const first = c.firstInconclusive ? ` — first inconclusive run ${c.firstInconclusive.runIndex}: ${mdCell(c.firstInconclusive.detail)}` : '';
      out.push(`- **${c.id}**: ${c.stats.inconclusive}/${b.n} inconclusive, at most ${b.limit} allowed (declared rate ${b.rate}: ${mdCell(b.reason)})${first}`);
    }
    out.push('');
  }
  const mism = r.claims.filter((c) => !c.matchesExpectation);
  if (mism.length > 0) {
    out.push('## Mismatches', '');
    for (const c of mism) {
      const why = c.counterexample ? `replay: \`${c.counterexample.replay}\`` : c.firstInconclusive ? `first inconclusive run ${c.firstInconclusive.runIndex}: ${mdCell(c.firstInconclusive.detail)}` : c.firstUnmet ? `first unmet run ${c.firstUnmet.runIndex}: ${mdCell(c.firstUnmet.unmet.join('; '))}` : 'no runs';
      out.push(`- **${c.id}**: expected ${expectedLabel(c)}, got ${c.verdict} — ${why}`);
    }
    out.push('');
  }
  const found = r.claims.filter((c) => c.finding !== undefined);
  if (found.length > 0) {
    out.push('## Vacuous and unsatisfiable', '', 'Claims whose verdict says nothing about the method: a conclusion that holds trivially, or hypotheses no instance can meet.', '');
    for (const c of found) out.push(`- **${c.id}** — ${c.finding?.kind}: ${mdCell(c.finding?.why ?? '')}`);
    out.push('');
  }
  const cxs = r.claims.filter((c) => c.counterexample !== null);
  if (cxs.length > 0) out.push('## Counterexamples', '', ...cxs.flatMap(counterexampleSection));
  if (r.fixtures.length > 0) {
    out.push('## Counterexample fixtures', '', '| file | claim | expected | replayed | status |', '| --- | --- | --- | --- | --- |');
    for (const f of r.fixtures) {
      out.push(`| ${mdCell(f.file)} | ${mdCell(f.claim ?? '—')} | ${f.expected ?? '—'} | ${f.verdict?.status ?? '—'} | ${f.status}${f.detail ? `: ${mdCell(f.detail)}` : ''} |`);
    }
    out.push('');
  }
  if (r.ledgerProblems.length > 0) out.push('## Ledger problems', '', ...r.ledgerProblems.map((p) => `- ${p}`), '');
  if (r.mutants !== null) {
    out.push('## Mutant × claim matrix', '', '`V`: caught by a violation · `C`: caught by another verdict change · `I`: caught by inconclusive runs over the claim\'s budget · `·`: not caught · `–`: no runs · `E`: engine errors in the cell', '');
    for (const m of r.mutants) out.push(...renderMutantMatrix(m));
  }
  return out.join('\n');
}
