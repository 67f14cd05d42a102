/** Builders for the report-page tests: page inputs from the toy ledger's verify run and the fixture results folder. */
import { fileURLToPath } from 'node:url';
import { toyReport } from '../helpers.ts';
import { toyLedger, TOY_ROOT } from '../../engine/fixtures/toyLedger.ts';
import { loadResults, type LoadedResults } from '../../../src/report/html/experiments.ts';
import { readFixtureExcerpt, type LedgerDocs, type PageInputs } from '../../../src/report/html/model.ts';
import type { VerifyReport } from '../../../src/report/schema.ts';

/** The synthetic results folder (two experiments, one unfinished folder). */
export const RESULTS_DIR = fileURLToPath(new URL('../../fixtures/report/results', import.meta.url));

/** The toy ledger's documents. */
export function toyDocs(): LedgerDocs {
  const l = toyLedger();
  return { paper: l.paper, title: l.title, errata: l.errata, coverage: l.coverage };
}

let cached: VerifyReport | null = null;
/** A toy verify report with its mutant matrix (a fresh copy each call). */
export function toyVerify(): VerifyReport {
  cached ??= toyReport({ runs: 40, mutants: true, mutantRuns: 5 });
  return JSON.parse(JSON.stringify(cached)) as VerifyReport;
}

let results: LoadedResults | null = null;
/** The fixture results folder, loaded once. */
export async function fixtureResults(): Promise<LoadedResults> {
  results ??= await loadResults(RESULTS_DIR);
  if (results === null) throw new Error('fixture results folder missing');
  return results;
}

/** Page inputs: the toy report, the toy ledger's documents and fixture, the given results. */
export function toyInputs(over: Partial<PageInputs> = {}): PageInputs {
  const docs = toyDocs();
  return {
    verify: { file: 'reports/latest/report.json', report: toyVerify() },
    ledgers: [docs],
    fixtures: new Map(docs.errata.map((e) => [e.fixture, readFixtureExcerpt(TOY_ROOT, e.fixture)])),
    results: null,
    resultsDir: 'reproduce',
    provenance: { lagrangelab: '0.1.0', node: 'v20.0.0', packages: { vega: '6.4.0' }, command: 'lagrangelab report', generatedAt: '2026-11-26T00:00:00.000Z' },
    ...over,
  };
}
