/**
 * The WZC ledger: every claim of Wang–Zhang–Chen, *An augmented Lagrangian method for training recurrent neural
 * networks* (../shared/papers/000_8beea543d60d85d3.txt), with its errata, coverage table and the solver's planted
 * bugs.
 *
 * Layout of this folder — one file per numbered item of the paper, named after the item part of its claim ids:
 * claim `wzc.<item>.<name>` lives in `<item>.ts` for a lemma, theorem, remark, algorithm or table (`lemma3.2.ts`,
 * `thm4.3.ts`, `remark3.4.ts`, `alg3.1.ts`, `table2.ts`) and in `<item>-<name>.ts` for an equation
 * (`eq3.14-z-step.ts`, `eqA.14-descent.ts`), so `ls claims/<item>*` finds any claim. A proof's equations
 * get their own file when they carry their own claims ((A.4) of Lemma 2.4, (A.14) of Lemma 4.1, (4.4)–(4.7) of
 * Theorem 4.3, (4.25)–(4.30) of Theorem 4.8). Each file holds the item's literal claim, its corrected claim and
 * its erratum, and starts with a header naming its claims, the paper line, the solver step and the oracle it
 * checks the solver against. `_internals/` holds what several items share (instance families, JSON codecs, solver
 * runs, per-iteration harnesses, the u-step oracle); `_template.ts` shows the whole shape of one claim; the
 * numbered items without a claim are in `coverage.ts`.
 */
import type { Erratum, PaperLedger, RegisteredClaim } from '../../../engine/types.ts';
import { WZC_FAULTS } from '../solver/mutants.ts';
import { wzcCoverage } from './coverage.ts';
import { withInconclusiveBudgets } from './_internals/budgets.ts';
import * as eq1_1 from './eq1.1-2.2-equivalence.ts';
import * as lemma2_1 from './lemma2.1.ts';
import * as lemma2_4 from './lemma2.4.ts';
import * as eqA_4 from './eqA.4-level-set-bounds.ts';
import * as lemma3_1 from './lemma3.1.ts';
import * as lemma3_2 from './lemma3.2.ts';
import * as alg3_1 from './alg3.1.ts';
import * as alg3_2 from './alg3.2.ts';
import * as eq3_14 from './eq3.14-z-step.ts';
import * as eq3_16 from './eq3.16-u-step-per-iteration.ts';
import * as eq3_18 from './eq3.18-h-step.ts';
import * as eq3_21 from './eq3.21-3.22-u-step-relu.ts';
import * as remark3_4 from './remark3.4.ts';
import * as lemma4_1 from './lemma4.1.ts';
import * as eqA_14 from './eqA.14-descent.ts';
import * as lemma4_2 from './lemma4.2.ts';
import * as thm4_3 from './thm4.3.ts';
import * as eq4_4 from './eq4.4-z-decrease.ts';
import * as eq4_5 from './eq4.5-h-decrease.ts';
import * as eq4_6 from './eq4.6-u-decrease.ts';
import * as eq4_7 from './eq4.7-sum-decrease.ts';
import * as thm4_4 from './thm4.4.ts';
import * as lemma4_5 from './lemma4.5.ts';
import * as thm4_6 from './thm4.6.ts';
import * as thm4_7 from './thm4.7.ts';
import * as thm4_8 from './thm4.8.ts';
import * as eq4_25 from './eq4.25-4.30-identity.ts';
import * as eq4_34 from './eq4.34-leaky-global.ts';
import * as eq4_35 from './eq4.35-leaky-uminus.ts';
import * as eq4_37 from './eq4.37-4.38-elu-global.ts';
import * as eq4_39 from './eq4.39-elu-second-derivative.ts';
import * as table2 from './table2.ts';
import * as fig1 from './fig1.ts';
import * as table3a from './table3a.ts';

/** What an item file exports: its claims and, when the paper is wrong there, its errata. */
interface ItemFile {
  readonly claims: readonly RegisteredClaim[];
  readonly errata?: readonly Erratum[];
}

/** The item files in paper order (a proof's equations right after the item they prove). */
const ITEMS: readonly ItemFile[] = [
  // §2: the reformulation, NNAMCQ, the level set D_R(ρ)
  eq1_1, lemma2_1, lemma2_4, eqA_4,
  // §3: the AL (3.1), Algorithm 3.1, Algorithm 3.2 and its closed-form blocks
  lemma3_1, lemma3_2, alg3_1, alg3_2, eq3_14, eq3_16, eq3_18, eq3_21, remark3_4,
  // §4.1: convergence of Algorithm 3.2
  lemma4_1, eqA_14, lemma4_2, thm4_3, eq4_4, eq4_5, eq4_6, eq4_7, thm4_4, lemma4_5, thm4_6,
  // §4.2: convergence of Algorithm 3.1
  thm4_7, thm4_8, eq4_25,
  // §4.3: leaky ReLU and ELU
  eq4_34, eq4_35, eq4_37, eq4_39,
  // §5: experiments
  table2, fig1, table3a,
];

/** Build the WZC ledger. */
export function wzcLedger(): PaperLedger {
  return {
    paper: 'WZC',
    title: 'Wang, Zhang, Chen — An augmented Lagrangian method for training recurrent neural networks',
    file: '../shared/papers/000_8beea543d60d85d3.txt',
    claims: withInconclusiveBudgets(ITEMS.flatMap((m) => m.claims)),
    errata: ITEMS.flatMap((m) => m.errata ?? []),
    coverage: wzcCoverage,
    mutants: WZC_FAULTS,
  };
}
