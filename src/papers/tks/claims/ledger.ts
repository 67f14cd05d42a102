/**
 * The TKS ledger: every claim of Tang, Kan, Sun, Xiao, Lai, Qiao, Li, *P-ADMMiRNN: Training RNN with Stable
 * Convergence via An Efficient and Paralleled ADMM Approach* (../shared/papers/003_81422aa73182c49a.txt), with its errata, coverage table and the
 * solver's planted bugs. Same layout as the WZC and ZLY ledgers: one file per numbered item, named after the item
 * part of its claim ids — `tks.<item>.<name>` lives in `<item>.ts` for an assumption, lemma, theorem or section
 * (`assumption1.ts`, `thm1.ts`, `s322.ts`) and in `<item>-<name>.ts` for an equation (`eq10-u.ts`,
 * `eq13-14-s.ts`), so `ls claims/<item>*` finds any claim. Each file holds the item's literal claims, their
 * corrected claims and errata, and starts with a header naming its claims, the solver step it exercises, the oracle
 * and the instance family. `_internals/` holds what several items share (instance families, solver runs and their
 * trajectories, the two checks of a block update, the AP hypotheses as numbers); the numbered items without a
 * claim are in `coverage.ts`.
 */
import type { Erratum, PaperLedger, RegisteredClaim } from '../../../engine/types.ts';
import { TKS_FAULTS } from '../solver/faults.ts';
import { tksCoverage } from './coverage.ts';
import { withInconclusiveBudgets } from './_internals/budgets.ts';
import * as eq10 from './eq10-u.ts';
import * as eq11 from './eq11-12-a.ts';
import * as s322 from './s322.ts';
import * as eq13 from './eq13-14-s.ts';
import * as eq15 from './eq15-multipliers.ts';
import * as assumption1 from './assumption1.ts';
import * as assumption2 from './assumption2.ts';
import * as thm1 from './thm1.ts';
import * as thm2 from './thm2.ts';
import * as thm3 from './thm3.ts';
import * as lemma1 from './lemma1.ts';
import * as thm4 from './thm4.ts';
import * as eq19 from './eq19-w.ts';
import * as eq20 from './eq20-b.ts';
import * as eq21 from './eq21-v.ts';
import * as eq22 from './eq22-c.ts';
import * as eq23 from './eq23-24-o.ts';
import * as table2 from './table2.ts';
import * as fig7 from './fig7.ts';
import * as fig9 from './fig9.ts';
import * as fig1112 from './fig11-12.ts';

/** What an item file exports: its claims and, when the paper is wrong there, its errata. */
interface ItemFile {
  readonly claims: readonly RegisteredClaim[];
  readonly errata?: readonly Erratum[];
}

/** The item files in paper order. */
const ITEMS: readonly ItemFile[] = [
  // §3.2: the updates of u, a (and the trick), s, the multipliers
  eq10, eq11, s322, eq13, eq15,
  // §3.4: assumptions and theorems
  assumption1, assumption2, thm1, thm2, thm3, lemma1, thm4,
  // Appendices A–F: w, b, v, c, o
  eq19, eq20, eq21, eq22, eq23,
  // §4: the empirical claims, each on a tiny text run sharing its experiment's decision rule
  table2, fig7, fig9, fig1112,
];

/** Build the TKS ledger. */
export function tksLedger(): PaperLedger {
  return {
    paper: 'TKS',
    title: 'Tang et al. — P-ADMMiRNN: Training RNN with Stable Convergence via An Efficient and Paralleled ADMM Approach',
    file: '../shared/papers/003_81422aa73182c49a.txt',
    claims: withInconclusiveBudgets(ITEMS.flatMap((m) => m.claims)),
    errata: ITEMS.flatMap((m) => m.errata ?? []),
    coverage: tksCoverage,
    mutants: TKS_FAULTS,
  };
}
