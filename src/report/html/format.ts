/**
 * Small formatting pieces of the report page: HTML escaping, the status → style map, JSON excerpts and the
 * command that re-creates a verify run.
 */
import type { RunMeta } from '../schema.ts';

/** Escape text for HTML element content and quoted attribute values (statements hold <, >, & and quotes). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** How a status (a verdict, an empirical status, a coverage finding) is drawn. */
export interface StatusStyle {
  /** CSS class; `st-other` for a status the page does not know. */
  cls: string;
  /** A symbol, so that statuses differ without colour too. */
  mark: string;
}

/**
 * Known statuses. `vacuous` (holds trivially) and `unsatisfiable` (no instance can meet the hypotheses) are findings
 * of their own, never to be read as a pass or a failure, so each has a style unlike every verdict. A status not
 * listed still renders, under its own name, in the neutral `st-other` style.
 */
export const STATUS_STYLES: Readonly<Record<string, StatusStyle>> = {
  holds: { cls: 'st-holds', mark: '✓' },
  violated: { cls: 'st-violated', mark: '✗' },
  inconclusive: { cls: 'st-inconclusive', mark: '?' },
  'hypotheses-unmet': { cls: 'st-unmet', mark: '–' },
  vacuous: { cls: 'st-vacuous', mark: '∅' },
  unsatisfiable: { cls: 'st-unsatisfiable', mark: '⊥' },
};

/** The style of `status` (the neutral one for an unknown status). */
export function statusStyle(status: string): StatusStyle {
  return Object.hasOwn(STATUS_STYLES, status) ? STATUS_STYLES[status] : { cls: 'st-other', mark: '•' };
}

/** A status badge: mark and name, always the name so an unknown status is still read. */
export function statusBadge(status: string, extra = ''): string {
  const st = statusStyle(status);
  return `<span class="badge ${st.cls}" data-status="${escapeHtml(status)}">${st.mark} ${escapeHtml(status)}${extra}</span>`;
}

/** JSON of `value`, cut to `max` characters (`…` and the full length appended when cut). */
export function jsonExcerpt(value: unknown, max = 1200): { text: string; truncated: boolean } {
  const json = JSON.stringify(value) ?? 'undefined';
  if (json.length <= max) return { text: json, truncated: false };
  return { text: `${json.slice(0, max)}… (${json.length} characters in all)`, truncated: true };
}

/** The `lagrangelab verify` command line that re-creates a report's run (same seed, scale, selection, counts). */
export function verifyCommand(run: RunMeta, mutants: { runsPerCell: number } | null): string {
  const parts = ['lagrangelab verify', `--seed ${run.seed}`];
  if (run.paper !== null) parts.push(`--paper ${run.paper}`);
  if (run.claimFilter !== null) parts.push(`--claim '${run.claimFilter}'`);
  if (run.runsOverride !== null) parts.push(`--runs ${run.runsOverride}`);
  if (run.runsFactor !== 1) parts.push(`--factor ${run.runsFactor}`);
  if (run.scale === 'deep') parts.push('--deep');
  if (run.timeBudgetSec !== null) parts.push(`--time-budget ${run.timeBudgetSec}`);
  if (mutants !== null) parts.push(`--mutants --mutant-runs ${mutants.runsPerCell}`);
  if (run.shard !== null) parts.push(`--shard ${run.shard.index}/${run.shard.count}`);
  return parts.join(' ');
}
