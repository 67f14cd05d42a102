/**
 * The closed-form claims' harness: at every iteration of a real run, a printed closed form (theory/closedForms.ts)
 * evaluated at the run's Q^{k−1} (and the blocks of Q^k it reads) against the subproblem it solves
 * (theory/subproblems.ts, with h^k, μ^k of (20)–(21) recomputed), and optionally the solver's own block against
 * the same subproblem, both by the stationarity test of stationarity.ts.
 */
import type { TolContext } from '../../../../engine/tolerance.ts';
import type { Verdict } from '../../../../engine/types.ts';
import { oracle } from '../../../../engine/attribution.ts';
import type { Subproblem } from '../../theory/subproblems.ts';
import type { ZlyRunCase } from './families.ts';
import { at, perIteration, type SolverContext, type ZlyStep } from './runs.ts';
import { stationaryVerdict } from './stationarity.ts';

/** One closed form at one iteration: its subproblem, the formula's value, the solver's block, a label. */
export interface FormAtStep {
  sp: Subproblem;
  /** The printed formula's value, or null when this form is not evaluated at this step. */
  formula: Float64Array | null;
  /** The solver's block, when the claim also holds the solver to the subproblem. */
  solver?: Float64Array;
  label: string;
}

/** Check every form `forms` yields at every iteration of the case's run. */
export function closedFormRun(c: ZlyRunCase, ctx: TolContext & SolverContext, forms: (s: ZlyStep) => FormAtStep[], empty?: Verdict): Verdict {
  return perIteration(
    c, ctx,
    (s, add) => {
      for (const f of oracle(() => forms(s), 'closed forms')) {
        if (f.formula !== null) add(oracle(() => stationaryVerdict(f.sp, c.prob, f.formula as Float64Array, ctx, `${f.label} minimizes ${f.sp.eq} at ${at(s.k)}`), f.label));
        if (f.solver) {
          const x = f.solver;
          add(oracle(() => stationaryVerdict(f.sp, c.prob, x, ctx, `the solver's block minimizes ${f.sp.eq} (layer ${f.sp.layer}) at ${at(s.k)}`), 'stationarity'));
        }
      }
    },
    { empty },
  );
}
