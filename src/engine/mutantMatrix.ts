/**
 * The falsifiability matrix: every planted bug ("mutant") of a paper's solver against every claim. A claim
 * that never changes its verdict under any mutant proves little; a mutant no claim catches is a blind spot.
 *
 * Each claim is first run unmutated (the baseline cell), then once per mutant on the SAME run indices of the
 * same stream, with a small budget; the mutant reaches the claim's solver calls as `CheckContext.faults`. A cell is caught when its verdict differs from the baseline's: for a claim
 * that holds, any violation (or losing every hold); for a refuted claim, no longer being violated. Comparing
 * with the baseline rather than the expectation keeps a claim that already misbehaves unmutated (say, always
 * inconclusive) from "catching" every mutant.
 */
import { aggregateVerdict, type ClaimVerdict, type Tally } from './stats.ts';
import { plannedRuns, runClaim, type RunOptions } from './runner.ts';
import type { PaperLedger, RegisteredClaim } from './types.ts';

/** Tag of claims that do not involve the solver: the mutant matrix skips them. */
export const SOLVER_INDEPENDENT_TAG = 'solver-independent';

/** Runs per claim in each cell when not given. */
export const DEFAULT_MUTANT_RUNS = 20;

/** Counts of one cell. */
export interface MutantCounts {
  claim: string;
  runs: number;
  holds: number;
  violated: number;
  unmet: number;
  inconclusive: number;
  /** Lowest run index that violated, or null. */
  firstViolation: number | null;
  verdict: ClaimVerdict;
}

/** One cell of the mutant × claim matrix. */
export interface MutantCell extends MutantCounts {
  mutant: string;
  /** At least one run, and the verdict differs from the claim's baseline (unmutated) verdict. */
  caught: boolean;
}

/** The falsifiability matrix of one ledger. */
export interface MutantMatrix {
  paper: string;
  /** Runs per cell (before sharding). */
  runsPerCell: number;
  mutants: { id: string; description: string; caughtBy: string[] }[];
  claims: string[];
  /** Unmutated verdict of each claim on the cells' runs. */
  baseline: MutantCounts[];
  cells: MutantCell[];
}

/** Counts of a cell from a tally (also used when merging shards). */
export function countsFrom(
  claim: string,
  t: Pick<Tally, 'runs' | 'holds' | 'violated' | 'unmet' | 'inconclusive'>,
  firstViolation: number | null,
): MutantCounts {
  return {
    claim, runs: t.runs, holds: t.holds, violated: t.violated, unmet: t.unmet, inconclusive: t.inconclusive,
    firstViolation, verdict: aggregateVerdict(t),
  };
}

/** A cell from its counts and the claim's baseline verdict. */
export function cellFromCounts(mutant: string, counts: MutantCounts, baseline: ClaimVerdict): MutantCell {
  return { mutant, ...counts, caught: counts.runs > 0 && counts.verdict !== baseline };
}

/**
 * Run the matrix for the given claims of a ledger (claims tagged {@link SOLVER_INDEPENDENT_TAG} are skipped):
 * `opts.runs` runs per cell (default {@link DEFAULT_MUTANT_RUNS}, at most the claim's planned runs), split by
 * `opts.shard` like {@link runClaim}; a deadline is shared out over the cells still to run. No shrinking.
 */
export function runMutantMatrix(ledger: PaperLedger, claims: readonly RegisteredClaim[], opts: RunOptions = {}): MutantMatrix {
  const catalogue = ledger.mutants;
  const selected = claims.filter((c) => !c.tags.includes(SOLVER_INDEPENDENT_TAG));
  const runsPerCell = opts.runs ?? DEFAULT_MUTANT_RUNS;
  const matrix: MutantMatrix = { paper: ledger.paper, runsPerCell, mutants: [], claims: [], baseline: [], cells: [] };
  if (!catalogue) return matrix;
  matrix.claims = selected.map((c) => c.id);
  const now = opts.now ?? Date.now;
  const ids = Object.entries(catalogue);
  let cellsLeft = (ids.length + 1) * selected.length;
  const cell = (c: RegisteredClaim, fault: string | null): MutantCounts => {
    const runs = Math.min(runsPerCell, plannedRuns(c, opts.scale ?? 'ci'));
    const deadline = opts.deadline === undefined ? undefined : now() + Math.max(0, opts.deadline - now()) / cellsLeft;
    cellsLeft--;
    const faults: ReadonlySet<string> = fault === null ? new Set() : new Set([fault]);
    const r = runClaim(c, { ...opts, runs, deadline, faults, onProgress: undefined, maxShrinkEvals: 0 });
    return countsFrom(c.id, r.tally, r.counterexample?.runIndex ?? null);
  };
  matrix.baseline = selected.map((c) => cell(c, null));
  for (const [id, description] of ids) {
    const caughtBy: string[] = [];
    selected.forEach((c, j) => {
      const x = cellFromCounts(id, cell(c, id), matrix.baseline[j].verdict);
      if (x.caught) caughtBy.push(c.id);
      matrix.cells.push(x);
    });
    matrix.mutants.push({ id, description, caughtBy });
  }
  return matrix;
}
