/**
 * What the report page shows, grouped per paper: the inputs ({@link PageInputs}) and the per-paper view both the
 * HTML and the Markdown are rendered from ({@link paperViews}), so the two never disagree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { CoverageEntry, Erratum } from '../../engine/types.ts';
import type { MutantMatrix } from '../../engine/mutantMatrix.ts';
import type { ClaimReport, VerifyReport } from '../schema.ts';
import type { LoadedExperiment, LoadedResults } from './experiments.ts';
import { jsonExcerpt } from './format.ts';

/** The documentary half of a paper ledger (no claim code): title, errata and coverage. */
export interface LedgerDocs {
  paper: string;
  title: string;
  errata: readonly Erratum[];
  coverage: readonly CoverageEntry[];
}

/** An erratum's counterexample fixture, as the page quotes it. */
export interface FixtureExcerpt {
  /** The fixture's own note, when it has one. */
  note: string | null;
  /** `seed S, path P` it was found with, when recorded. */
  foundWith: string | null;
  /** The instance JSON (cut when long); null when the file is missing or unreadable. */
  instance: { text: string; truncated: boolean } | null;
  /** Why there is no instance. */
  problem: string | null;
}

/** Who made the page, with what. */
export interface Provenance {
  lagrangelab: string;
  node: string;
  /** Versions of the packages that shape the numbers and the figures. */
  packages: Readonly<Record<string, string>>;
  /** The `lagrangelab report …` command that made the page. */
  command: string;
  generatedAt: string;
}

/** Everything the page is made from. */
export interface PageInputs {
  /** The verify report and the file it came from; null when none is shown. */
  verify: { file: string; report: VerifyReport } | null;
  /** Ledger documents (errata, coverage, titles), in report order. */
  ledgers: readonly LedgerDocs[];
  /** Erratum fixture path → excerpt. */
  fixtures: ReadonlyMap<string, FixtureExcerpt>;
  /** The results folder read, or null when it does not exist. */
  results: LoadedResults | null;
  /** The results folder looked at (named on the page when it holds nothing). */
  resultsDir: string;
  provenance: Provenance;
}

/** One erratum with the evidence of the verify run. */
export interface ErratumView {
  erratum: Erratum;
  /** The literal claim's result, when the run included it. */
  literal: ClaimReport | null;
  corrected: { id: string; claim: ClaimReport | null }[];
  fixture: FixtureExcerpt | null;
}

/** One paper's part of the page. */
export interface PaperView {
  paper: string;
  title: string | null;
  claims: ClaimReport[];
  /** Claims per verdict, in a fixed order, then any other status by name. */
  counts: [string, number][];
  /** Claims whose verdict matches the expectation. */
  matching: number;
  errata: ErratumView[];
  /** Claims with a counterexample that no erratum quotes (an unexpected violation, a literal claim without erratum). */
  counterexamples: ClaimReport[];
  coverage: readonly CoverageEntry[] | null;
  mutants: MutantMatrix | null;
  experiments: LoadedExperiment[];
}

const VERDICT_ORDER = ['holds', 'violated', 'inconclusive', 'hypotheses-unmet', 'vacuous', 'unsatisfiable'];

/** Counts of each status, known statuses first in a fixed order, then the others alphabetically. */
export function statusCounts(statuses: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const s of statuses) m.set(s, (m.get(s) ?? 0) + 1);
  const rank = (s: string) => (VERDICT_ORDER.includes(s) ? VERDICT_ORDER.indexOf(s) : VERDICT_ORDER.length);
  return [...m.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1));
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The papers of the page: ledger order first, then any other paper a claim or an experiment names. */
export function paperViews(inp: PageInputs): PaperView[] {
  const claims = inp.verify?.report.claims ?? [];
  const experiments = inp.results?.experiments ?? [];
  const named = [...claims.map((c) => c.paper), ...experiments.map((e) => e.result.paper)];
  const papers: string[] = [];
  for (const p of [...inp.ledgers.map((l) => l.paper).filter((p) => named.some((n) => same(n, p))), ...named]) {
    if (!papers.some((q) => same(p, q))) papers.push(p);
  }
  return papers.map((paper) => {
    const docs = inp.ledgers.find((l) => same(l.paper, paper)) ?? null;
    const own = claims.filter((c) => same(c.paper, paper));
    const byId = new Map(own.map((c) => [c.id, c]));
    const errata = (docs?.errata ?? []).map((e) => ({
      erratum: e,
      literal: byId.get(e.claim) ?? null,
      corrected: e.correctedClaims.map((id) => ({ id, claim: byId.get(id) ?? null })),
      fixture: inp.fixtures.get(e.fixture) ?? null,
    }));
    const quoted = new Set(errata.map((e) => e.erratum.claim));
    return {
      paper,
      title: docs?.title ?? null,
      claims: own,
      counts: statusCounts(own.map((c) => c.verdict)),
      matching: own.filter((c) => c.matchesExpectation).length,
      errata,
      counterexamples: own.filter((c) => c.counterexample !== null && !quoted.has(c.id)),
      coverage: docs?.coverage ?? null,
      mutants: inp.verify?.report.mutants?.find((m) => same(m.paper, paper)) ?? null,
      experiments: experiments.filter((e) => same(e.result.paper, paper)),
    };
  });
}

/** Read an erratum's fixture (path relative to `root`) for quoting; a missing or broken file is said, not thrown. */
export function readFixtureExcerpt(root: string, path: string): FixtureExcerpt {
  const full = isAbsolute(path) ? path : join(root, path);
  if (!existsSync(full)) return { note: null, foundWith: null, instance: null, problem: `${path} is missing` };
  try {
    const fx = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>;
    return {
      note: typeof fx.note === 'string' ? fx.note : null,
      foundWith: fx.seed !== undefined && fx.path !== undefined ? `seed ${String(fx.seed)}, path ${String(fx.path)}` : null,
      instance: fx.instance === undefined ? null : jsonExcerpt(fx.instance),
      problem: fx.instance === undefined ? `${path} has no instance` : null,
    };
  } catch (e) {
    return { note: null, foundWith: null, instance: null, problem: `${path} is not JSON (${(e as Error).message})` };
  }
}
