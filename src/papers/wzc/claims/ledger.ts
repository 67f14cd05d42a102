/**
 * The WZC ledger: every claim of Wang–Zhang–Chen, *An augmented Lagrangian method for training recurrent neural
 * networks*, with its errata, coverage table and the solver's planted bugs.
 */
import type { PaperLedger } from '../../../engine/types.ts';
import { WZC_FAULTS } from '../solver/mutants.ts';
import { wzcCoverage } from './coverage.ts';
import { withInconclusiveBudgets } from './budgets.ts';
import * as problem from './problem.ts';
import * as lagrangian from './lagrangian.ts';
import * as closedForms from './closedForms.ts';
import * as bcd from './bcd.ts';
import * as alm from './alm.ts';

const modules = [problem, lagrangian, closedForms, bcd, alm];

/** Build the WZC ledger. */
export function wzcLedger(): PaperLedger {
  return {
    paper: 'WZC',
    title: 'Wang, Zhang, Chen — An augmented Lagrangian method for training recurrent neural networks',
    file: '../shared/papers/000_8beea543d60d85d3.txt',
    claims: withInconclusiveBudgets(modules.flatMap((m) => m.claims)),
    errata: modules.flatMap((m) => m.errata),
    coverage: wzcCoverage,
    mutants: WZC_FAULTS,
  };
}
