/**
 * The falsifiability matrix: every planted bug ("mutant") of a paper's solver against every claim. A claim
 * that never changes its verdict under any mutant proves little; a mutant no claim catches is a blind spot.
 *
 * Each claim is first run unmutated (the baseline cell), then once per mutant on the SAME run indices of the
 * same stream, with a small budget; the mutant reaches the claim's solver calls as `CheckContext.faults`. A cell
 * is caught when its verdict differs from the baseline's — for a claim that holds, any violation (a solver
 * exception included, attribution.ts) or losing every hold; for a refuted claim, no longer being violated — or
 * when it leaves more inconclusive runs than the claim's budget allows while the baseline does not. Comparing
 * with the baseline rather than the expectation keeps a claim that already misbehaves unmutated (say, always
 * inconclusive) from "catching" every mutant.
 */
import { aggregateVerdict, checkInconclusive, type ClaimVerdict, type Tally } from './stats.ts';
import { plannedRuns, runClaim, runClaimAsync, type ClaimRun, type RunOptions } from './runner.ts';
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
  /** Engine errors (see attribution.ts): any fails the verify run, in a cell as anywhere. */
  errors: number;
  /** Lowest run index that violated, or null. */
  firstViolation: number | null;
  verdict: ClaimVerdict;
  /** The claim's tolerated inconclusive rate at the run's scale. */
  inconclusiveRate: number;
  /** More inconclusive runs than that rate allows (stats.ts `checkInconclusive`). */
  inconclusiveExceeded: boolean;
}

/** One cell of the mutant × claim matrix. */
export interface MutantCell extends MutantCounts {
  mutant: string;
  /**
   * At least one run, and the verdict differs from the claim's baseline (unmutated) verdict, or the cell
   * exceeds the claim's inconclusive budget where the baseline does not.
   */
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
  t: Pick<Tally, 'runs' | 'holds' | 'violated' | 'unmet' | 'inconclusive' | 'errors'>,
  firstViolation: number | null,
  inconclusiveRate: number,
): MutantCounts {
  return {
    claim, runs: t.runs, holds: t.holds, violated: t.violated, unmet: t.unmet, inconclusive: t.inconclusive, errors: t.errors,
    firstViolation, verdict: aggregateVerdict(t), inconclusiveRate, inconclusiveExceeded: checkInconclusive(t, inconclusiveRate).exceeded,
  };
}

/** A cell from its counts and the claim's baseline counts. */
export function cellFromCounts(mutant: string, counts: MutantCounts, baseline: Pick<MutantCounts, 'verdict' | 'inconclusiveExceeded'>): MutantCell {
  const changed = counts.verdict !== baseline.verdict || (counts.inconclusiveExceeded && !baseline.inconclusiveExceeded);
  return { mutant, ...counts, caught: counts.runs > 0 && changed };
}

/** The cells of a matrix that met engine errors, as `claim` (baseline) or `claim under <mutant>`. */
export function matrixEngineErrors(m: MutantMatrix): string[] {
  return [
    ...m.baseline.filter((b) => b.errors > 0).map((b) => `${b.claim} (mutant matrix baseline)`),
    ...m.cells.filter((c) => c.errors > 0).map((c) => `${c.claim} under mutant ${c.mutant}`),
  ];
}

/**
 * The cells of one matrix in run order — every claim's baseline first, then each mutant against every claim —
 * with the options of each cell's run, and the assembly of the results. The sync and async matrices share it.
 */
class MatrixPlan {
  readonly matrix: MutantMatrix;
  readonly cells: { claim: RegisteredClaim; mutant: string | null }[] = [];
  private readonly now: () => number;
  private cellsLeft: number;
  private readonly selected: RegisteredClaim[];
  private readonly ids: [string, string][];

  constructor(ledger: PaperLedger, claims: readonly RegisteredClaim[], private readonly opts: RunOptions) {
    this.selected = claims.filter((c) => !c.tags.includes(SOLVER_INDEPENDENT_TAG));
    const runsPerCell = opts.runs ?? DEFAULT_MUTANT_RUNS;
    this.matrix = { paper: ledger.paper, runsPerCell, mutants: [], claims: [], baseline: [], cells: [] };
    this.ids = ledger.mutants ? Object.entries(ledger.mutants) : [];
    this.now = opts.now ?? Date.now;
    if (ledger.mutants) {
      this.matrix.claims = this.selected.map((c) => c.id);
      for (const c of this.selected) this.cells.push({ claim: c, mutant: null });
      for (const [id] of this.ids) for (const c of this.selected) this.cells.push({ claim: c, mutant: id });
    }
    this.cellsLeft = this.cells.length;
  }

  /** Options of the next cell's run (call in cell order); a deadline is shared out over the cells still to run. */
  runOptions(cell: { claim: RegisteredClaim; mutant: string | null }): RunOptions {
    const runs = Math.min(this.matrix.runsPerCell, plannedRuns(cell.claim, this.opts.scale ?? 'ci'));
    const deadline = this.opts.deadline === undefined ? undefined : this.now() + Math.max(0, this.opts.deadline - this.now()) / this.cellsLeft;
    this.cellsLeft--;
    const faults: ReadonlySet<string> = cell.mutant === null ? new Set() : new Set([cell.mutant]);
    return { ...this.opts, runs, deadline, faults, onProgress: undefined, maxShrinkEvals: 0 };
  }

  /** Assemble the matrix from the runs of {@link cells}, in order. */
  assemble(runs: readonly ClaimRun[]): MutantMatrix {
    const m = this.matrix;
    const counts = runs.map((r) => countsFrom(r.claim, r.tally, r.counterexample?.runIndex ?? null, r.inconclusive.rate));
    const n = this.selected.length;
    m.baseline = counts.slice(0, n);
    this.ids.forEach(([id, description], i) => {
      const caughtBy: string[] = [];
      for (let j = 0; j < n; j++) {
        const x = cellFromCounts(id, counts[n * (i + 1) + j], m.baseline[j]);
        if (x.caught) caughtBy.push(x.claim);
        m.cells.push(x);
      }
      m.mutants.push({ id, description, caughtBy });
    });
    return m;
  }
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
  claim: RegisteredClaim,
  mutant: string | null,
  runsPerCell: number,
  opts: RunOptions = {},
): MutantCounts {
  const r = runClaim(claim, cellOptions(claim, mutant, runsPerCell, opts));
  return countsFrom(claim.id, r.tally, r.counterexample?.runIndex ?? null, r.inconclusive.rate);
}

/** {@link runMutantCell} for asynchronous claims (a worker runs every cell this way). */
export async function runMutantCellAsync(
  claim: RegisteredClaim,
  mutant: string | null,
  runsPerCell: number,
  opts: RunOptions = {},
): Promise<MutantCounts> {
  const r = await runClaimAsync(claim, cellOptions(claim, mutant, runsPerCell, opts));
  return countsFrom(claim.id, r.tally, r.counterexample?.runIndex ?? null, r.inconclusive.rate);
}

function cellOptions(claim: RegisteredClaim, mutant: string | null, runsPerCell: number, opts: RunOptions): RunOptions {
  const faults: ReadonlySet<string> = mutant === null ? new Set() : new Set([mutant]);
  return { ...opts, runs: cellRuns(claim, runsPerCell, opts), faults, onProgress: undefined, maxShrinkEvals: 0 };
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
  Object.entries(ledger.mutants).forEach(([id, description], i) => {
    const caughtBy: string[] = [];
    claims.forEach((c, j) => {
      const x = cellFromCounts(id, cells[i][j], baseline[j]);
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
  const plan = new MatrixPlan(ledger, claims, opts);
  return plan.assemble(plan.cells.map((cell) => runClaim(cell.claim, plan.runOptions(cell))));
}

/** {@link runMutantMatrix} for ledgers with asynchronous claims (cells run one after the other). */
export async function runMutantMatrixAsync(ledger: PaperLedger, claims: readonly RegisteredClaim[], opts: RunOptions = {}): Promise<MutantMatrix> {
  const plan = new MatrixPlan(ledger, claims, opts);
  const runs: ClaimRun[] = [];
  for (const cell of plan.cells) runs.push(await runClaimAsync(cell.claim, plan.runOptions(cell)));
  return plan.assemble(runs);
}
