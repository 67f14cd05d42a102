/**
 * The falsifiability matrix: every planted bug ("mutant") of a paper's solver against every claim. A claim
 * that never changes its verdict under any mutant proves little; a mutant no claim catches is a blind spot.
 *
 * Each claim is first run unmutated (the baseline cell), then once per mutant on the SAME run indices of the
 * same stream, with a small budget. A cell is caught when its verdict differs from the baseline's: for a claim
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

/** The claims a matrix covers: those not tagged {@link SOLVER_INDEPENDENT_TAG}, in the given order. */
export function matrixClaims(claims: readonly RegisteredClaim[]): RegisteredClaim[] {
  return claims.filter((c) => !c.tags.includes(SOLVER_INDEPENDENT_TAG));
}

/** Runs of one cell of a claim: the cell budget, at most the claim's planned runs (before sharding). */
export function cellRuns(claim: RegisteredClaim, runsPerCell: number, opts: Pick<RunOptions, 'scale'> = {}): number {
  return Math.min(runsPerCell, plannedRuns(claim, opts.scale ?? 'ci'));
}

/**
 * One cell of the matrix as a self-contained job: `claim` on {@link cellRuns} runs (split by `opts.shard`),
 * with `mutant` switched on (`null`: the baseline), no shrinking. Everything it needs is named by ids and
 * plain options, so a worker thread holding the same ledger computes the same counts.
 */
export function runMutantCell(
  ledger: PaperLedger,
  claim: RegisteredClaim,
  mutant: string | null,
  runsPerCell: number,
  opts: RunOptions = {},
): MutantCounts {
  const runs = cellRuns(claim, runsPerCell, opts);
  const run = () => runClaim(claim, { ...opts, runs, mutant, onProgress: undefined, maxShrinkEvals: 0 });
  let r;
  if (mutant === null) r = run();
  else if (ledger.mutants === undefined) throw new Error(`ledger ${ledger.paper} has no mutants (asked for ${mutant})`);
  else r = ledger.mutants.with(mutant, run);
  return countsFrom(claim.id, r.tally, r.counterexample?.runIndex ?? null);
}

/**
 * The matrix from its cells' counts: `baseline[j]` of `claims[j]` (from {@link matrixClaims}), and
 * `cells[i][j]` of the i-th mutant of the ledger (declaration order) against `claims[j]`.
 */
export function assembleMatrix(
  ledger: PaperLedger,
  claims: readonly RegisteredClaim[],
  runsPerCell: number,
  baseline: readonly MutantCounts[],
  cells: readonly (readonly MutantCounts[])[],
): MutantMatrix {
  const matrix: MutantMatrix = { paper: ledger.paper, runsPerCell, mutants: [], claims: [], baseline: [], cells: [] };
  if (!ledger.mutants) return matrix;
  matrix.claims = claims.map((c) => c.id);
  matrix.baseline = [...baseline];
  Object.entries(ledger.mutants.ids).forEach(([id, description], i) => {
    const caughtBy: string[] = [];
    claims.forEach((c, j) => {
      const x = cellFromCounts(id, cells[i][j], baseline[j].verdict);
      if (x.caught) caughtBy.push(c.id);
      matrix.cells.push(x);
    });
    matrix.mutants.push({ id, description, caughtBy });
  });
  return matrix;
}

/**
 * Run the matrix for the given claims of a ledger (claims tagged {@link SOLVER_INDEPENDENT_TAG} are skipped):
 * `opts.runs` runs per cell (default {@link DEFAULT_MUTANT_RUNS}, at most the claim's planned runs), split by
 * `opts.shard` like {@link runClaim}; a deadline is shared out over the cells still to run. No shrinking.
 */
export function runMutantMatrix(ledger: PaperLedger, claims: readonly RegisteredClaim[], opts: RunOptions = {}): MutantMatrix {
  const selected = matrixClaims(claims);
  const runsPerCell = opts.runs ?? DEFAULT_MUTANT_RUNS;
  if (!ledger.mutants) return assembleMatrix(ledger, selected, runsPerCell, [], []);
  const now = opts.now ?? Date.now;
  const ids = Object.keys(ledger.mutants.ids);
  let cellsLeft = (ids.length + 1) * selected.length;
  const cell = (c: RegisteredClaim, mutant: string | null): MutantCounts => {
    const deadline = opts.deadline === undefined ? undefined : now() + Math.max(0, opts.deadline - now()) / cellsLeft;
    cellsLeft--;
    return runMutantCell(ledger, c, mutant, runsPerCell, { ...opts, deadline });
  };
  const baseline = selected.map((c) => cell(c, null));
  const cells = ids.map((id) => selected.map((c) => cell(c, id)));
  return assembleMatrix(ledger, selected, runsPerCell, baseline, cells);
}
