/**
 * The per-iteration check harness: a claim that watches a solver run checks every iteration inside the
 * solver's observer and stops the run at the first violation (a thrown {@link FirstViolation}), so a
 * counterexample costs no more than the iterations up to it. Paper-agnostic: any ledger whose solver reports
 * iterations through callbacks uses it the same way.
 */
import { worstVerdict } from './tolerance.ts';
import type { Verdict } from './types.ts';

/** Thrown from an observer to end a run at its first violated iteration. */
export class FirstViolation extends Error {
  readonly verdict: Verdict;
  constructor(verdict: Verdict) {
    super('first violation');
    this.verdict = verdict;
  }
}

/**
 * Collects the verdicts of the sub-checks of one instance (one per iteration, typically). Keeps only the worst
 * so far (see `worstVerdict`); a violation is thrown as {@link FirstViolation} to stop the solver.
 */
export class IterationChecks {
  private worst: Verdict | null = null;
  /** Number of sub-checks made. */
  count = 0;

  /** Record one sub-check; throws {@link FirstViolation} when it is violated. */
  add(v: Verdict): void {
    this.count++;
    this.worst = this.worst === null ? v : worstVerdict([this.worst, v]);
    if (v.status === 'violated') throw new FirstViolation(v);
  }

  /** The instance's verdict; `empty` when no sub-check was made (e.g. the hypothesis never triggered). */
  result(empty: Verdict): Verdict {
    if (this.worst === null) return empty;
    if (this.worst.status === 'holds') {
      return { ...this.worst, note: `${this.count} sub-checks${this.worst.note ? `; tightest ${this.worst.note}` : ''}` };
    }
    return this.worst;
  }
}

/**
 * Thrown by a ledger's solver-run helper in place of a solver failure that floating point, not the algorithm,
 * caused (e.g. block systems whose condition number is beyond double precision): the run ends with this
 * verdict (`inconclusive`, counted against the claim's budget), not `violated`.
 */
export class SolverBreakdown extends FirstViolation {
  constructor(verdict: Verdict & { detail: string }) {
    super(verdict);
    this.name = 'SolverBreakdown';
    this.message = verdict.detail;
  }
}

/**
 * Run `body` (which drives the solver and feeds `checks`), turning a {@link FirstViolation} (or a
 * {@link SolverBreakdown}) into its verdict. Any other exception propagates: the engine blames the code under test.
 */
export function runChecked(checks: IterationChecks, body: () => void, empty: Verdict): Verdict {
  try {
    body();
  } catch (e) {
    if (e instanceof FirstViolation) return e.verdict;
    throw e;
  }
  return checks.result(empty);
}
