/**
 * Combine the report.json files of the shards of one run into the report of the whole run.
 *
 * Shards split every claim's run indices into contiguous ranges of one fast-check stream (see
 * `src/engine/runner.ts`), so merging is exact: counts add, sorted samples merge, statistics and verdicts are
 * recomputed from them, and the counterexample with the lowest run index is the one an unsharded run would
 * have shrunk. Reports that do not belong together (different seed, scale, runs, tolerance, filters or claim
 * sets; missing or repeated shards) are refused with a message saying which field differs.
 */
import { aggregateVerdict, checkInconclusive, summarize, mergeTallies, type Tally } from '../engine/stats.ts';
import { verdictMatches } from '../engine/evaluate.ts';
import { cellFromCounts, countsFrom, type MutantCell, type MutantCounts, type MutantMatrix } from '../engine/mutantMatrix.ts';
import { fixtureFailed, type FixtureResult } from '../engine/fixtures.ts';
import { summarizeReport } from './build.ts';
import type { ClaimReport, VerifyReport } from './schema.ts';

/** Reports that cannot be merged. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

const lowest = <T extends { runIndex: number }>(xs: readonly (T | null)[]): T | null => {
  let best: T | null = null;
  for (const x of xs) if (x !== null && (best === null || x.runIndex < best.runIndex)) best = x;
  return best;
};

function tallyOf(c: ClaimReport): Tally {
  const s = c.stats;
  return {
    runs: s.runs, holds: s.holds, violated: s.violated, unmet: s.unmet, inconclusive: s.inconclusive, errors: s.errors,
    ratios: [...c.samples.ratio], margins: [...c.samples.margin],
  };
}

function checkCompatible(reports: readonly VerifyReport[], names: readonly string[]): void {
  const first = reports[0];
  const fields: (keyof VerifyReport['run'])[] = ['seed', 'scale', 'runsOverride', 'runsFactor', 'rtol', 'paper', 'claimFilter', 'timeBudgetSec'];
  reports.forEach((r, i) => {
    for (const f of fields) {
      if (r.run[f] !== first.run[f]) {
        throw new MergeError(`${names[i]}: run.${f} is ${JSON.stringify(r.run[f])} but ${names[0]} has ${JSON.stringify(first.run[f])}; shards of one run must agree`);
      }
    }
    const ids = r.claims.map((c) => c.id).join(',');
    if (ids !== first.claims.map((c) => c.id).join(',')) {
      throw new MergeError(`${names[i]}: claim set differs from ${names[0]} (${r.claims.length} vs ${first.claims.length} claims, or another order)`);
    }
    r.claims.forEach((c, j) => {
      if (c.budget.plannedRuns !== first.claims[j].budget.plannedRuns) {
        throw new MergeError(`${names[i]}: claim ${c.id} planned ${c.budget.plannedRuns} runs but ${names[0]} planned ${first.claims[j].budget.plannedRuns}`);
      }
      if (c.inconclusiveBudget.rate !== first.claims[j].inconclusiveBudget.rate) {
        throw new MergeError(`${names[i]}: claim ${c.id} tolerates inconclusive rate ${c.inconclusiveBudget.rate} but ${names[0]} has ${first.claims[j].inconclusiveBudget.rate}`);
      }
    });
    if ((r.mutants === null) !== (first.mutants === null)) throw new MergeError(`${names[i]}: mutant matrix present in some shards only`);
  });
  if (reports.length === 1 && first.run.shard === null) return;
  const n = reports.length;
  const seen = new Set<number>();
  reports.forEach((r, i) => {
    const s = r.run.shard;
    if (s === null) throw new MergeError(`${names[i]}: not a shard report (no run.shard); only shard reports can be merged`);
    if (s.count !== n) throw new MergeError(`${names[i]}: shard ${s.index}/${s.count}, but ${n} report(s) were given; every shard is needed`);
    if (seen.has(s.index)) throw new MergeError(`${names[i]}: shard ${s.index}/${s.count} given twice`);
    seen.add(s.index);
  });
}

function mergeClaim(parts: readonly ClaimReport[]): ClaimReport {
  const first = parts[0];
  const tally = mergeTallies(...parts.map(tallyOf));
  const verdict = aggregateVerdict(tally);
  return {
    ...first,
    verdict,
    matchesExpectation: verdictMatches(first, verdict),
    stats: summarize(tally),
    samples: { ratio: tally.ratios, margin: tally.margins },
    counterexample: lowest(parts.map((p) => p.counterexample)),
    firstInconclusive: lowest(parts.map((p) => p.firstInconclusive)),
    firstUnmet: lowest(parts.map((p) => p.firstUnmet)),
    firstEngineError: lowest(parts.map((p) => p.firstEngineError)),
    inconclusiveBudget: { ...checkInconclusive(tally, first.inconclusiveBudget.rate), reason: first.inconclusiveBudget.reason },
    budget: {
      plannedRuns: first.budget.plannedRuns,
      range: { from: Math.min(...parts.map((p) => p.budget.range.from)), to: Math.max(...parts.map((p) => p.budget.range.to)) },
      runsDone: tally.runs,
      exhausted: parts.some((p) => p.budget.exhausted),
    },
    durationMs: parts.reduce((s, p) => s + p.durationMs, 0),
  };
}

function mergeFixtures(lists: readonly FixtureResult[][]): FixtureResult[] {
  const byFile = new Map<string, FixtureResult>();
  for (const list of lists) {
    for (const f of list) {
      const prev = byFile.get(f.file);
      if (prev === undefined || (fixtureFailed(f) && !fixtureFailed(prev))) byFile.set(f.file, f);
    }
  }
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function mergeCounts(all: readonly MutantCounts[], what: string): MutantCounts {
  const first = all[0];
  if (all.some((c) => c === undefined || c.claim !== first.claim)) throw new MergeError(`${what}: shards disagree on the cells`);
  const sum = (k: 'runs' | 'holds' | 'violated' | 'unmet' | 'inconclusive' | 'errors'): number => all.reduce((s, c) => s + c[k], 0);
  const fv = all.map((c) => c.firstViolation).filter((x): x is number => x !== null);
  return countsFrom(
    first.claim,
    { runs: sum('runs'), holds: sum('holds'), violated: sum('violated'), unmet: sum('unmet'), inconclusive: sum('inconclusive'), errors: sum('errors') },
    fv.length === 0 ? null : Math.min(...fv),
    first.inconclusiveRate,
  );
}

function mergeMatrices(parts: readonly MutantMatrix[]): MutantMatrix {
  const first = parts[0];
  const what = `mutant matrix of ${first.paper}`;
  const baseline = first.baseline.map((_, j) => mergeCounts(parts.map((p) => p.baseline[j]), what));
  const baseOf = new Map(baseline.map((b) => [b.claim, b]));
  const cells: MutantCell[] = first.cells.map((cell, i) => {
    const all = parts.map((p) => p.cells[i]);
    if (all.some((c) => c === undefined || c.mutant !== cell.mutant)) throw new MergeError(`${what}: shards disagree on the cells`);
    const base = baseOf.get(cell.claim);
    if (base === undefined) throw new MergeError(`${what}: no baseline for ${cell.claim}`);
    return cellFromCounts(cell.mutant, mergeCounts(all, what), base);
  });
  return {
    ...first,
    baseline,
    mutants: first.mutants.map((m) => ({ ...m, caughtBy: cells.filter((c) => c.mutant === m.id && c.caught).map((c) => c.claim) })),
    cells,
  };
}

/**
 * Merge shard reports into one report (see the module documentation). `names` label the inputs in error
 * messages (e.g. their directories). Throws {@link MergeError} when the reports do not belong together.
 */
export function mergeReports(reports: readonly VerifyReport[], names: readonly string[] = reports.map((_, i) => `report ${i + 1}`)): VerifyReport {
  if (reports.length === 0) throw new MergeError('nothing to merge');
  checkCompatible(reports, names);
  const sorted = [...reports].sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0));
  const first = sorted[0];
  const claims = first.claims.map((_, j) => mergeClaim(sorted.map((r) => r.claims[j])));
  const fixtures = mergeFixtures(sorted.map((r) => r.fixtures));
  const ledgerProblems = [...new Set(sorted.flatMap((r) => r.ledgerProblems))];
  let mutants: MutantMatrix[] | null = null;
  if (first.mutants !== null) {
    mutants = first.mutants.map((m, i) => {
      const parts = sorted.map((r) => r.mutants?.[i]);
      if (parts.some((p) => p === undefined || p.paper !== m.paper)) throw new MergeError(`mutant matrices differ between shards`);
      return mergeMatrices(parts as MutantMatrix[]);
    });
  }
  return {
    ...first,
    run: {
      ...first.run,
      shard: null,
      mergedShards: reports.length,
      budgetExhausted: sorted.some((r) => r.run.budgetExhausted),
      startedAt: sorted.map((r) => r.run.startedAt).sort()[0],
      durationMs: sorted.reduce((s, r) => s + r.run.durationMs, 0),
    },
    summary: summarizeReport(claims, fixtures, ledgerProblems, mutants),
    ledgerProblems,
    fixtures,
    claims,
    mutants,
  };
}
