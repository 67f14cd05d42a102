/**
 * The ZLY ledger: every claim of Zeng–Lin–Yao, *A convergence analysis of nonlinearly constrained ADMM in deep
 * learning* (../shared/papers/001_9c876955a4c7e125.txt), with its errata, coverage table and the solver's planted
 * bugs. Same layout as the WZC ledger (src/papers/wzc/claims/ledger.ts): one file per numbered item, named after
 * the item part of its claim ids — claim `zly.<item>.<name>` lives in `<item>.ts` for a lemma, theorem or
 * proposition (`lemma2.ts`, `thm3.ts`, `prop1.ts`) and in `<item>-<name>.ts` for an equation (`eq53-w-output.ts`,
 * `eq20-22-lla-parameters.ts`), so `ls claims/<item>*` finds any claim. Each file holds the item's literal claims,
 * their corrected claims and errata, and starts with a header naming its claims, the solver step it exercises, the
 * oracle and the instance family. `_internals/` holds what several items share (instance families, solver runs,
 * the stationarity test of the subproblems, the constants of the conditions); the numbered items without a claim
 * are in `coverage.ts`.
 */
import type { Erratum, PaperLedger, RegisteredClaim } from '../../../engine/types.ts';
import { ZLY_FAULTS } from '../solver/faults.ts';
import { zlyCoverage } from './coverage.ts';
import { withInconclusiveBudgets } from './_internals/budgets.ts';
import * as prop1 from './prop1.ts';
import * as eq20 from './eq20-22-lla-parameters.ts';
import * as lemma9 from './lemma9.ts';
import * as lemma10 from './lemma10.ts';
import * as lemma2 from './lemma2.ts';
import * as lemma3 from './lemma3.ts';
import * as lemma6 from './lemma6.ts';
import * as eq53 from './eq53-w-output.ts';
import * as eq54 from './eq54-55-w-lla.ts';
import * as eq58 from './eq58-v-output.ts';
import * as eq59 from './eq59-v-penultimate.ts';
import * as eq60 from './eq60-v-lla.ts';
import * as lemma4 from './lemma4.ts';
import * as eq48 from './eq48-49-init.ts';
import * as lemma11 from './lemma11.ts';
import * as eq90 from './eq90-zeta.ts';
import * as eq90d from './eq90-descent.ts';
import * as thm3 from './thm3.ts';
import * as lemma1 from './lemma1.ts';
import * as lemma5 from './lemma5.ts';

/** What an item file exports: its claims and, when the paper is wrong there, its errata. */
interface ItemFile {
  readonly claims: readonly RegisteredClaim[];
  readonly errata?: readonly Erratum[];
}

/** The item files in paper order (a proof's equations right after the item they prove). */
const ITEMS: readonly ItemFile[] = [
  // §2–3: the LLA parameters of Algorithm 1 and Theorems 1/3, Assumption 1
  eq20,
  // Appendix A: Theorem 3 (Theorem 1 is its normalized case)
  thm3,
  // §4 and Appendix A: sufficient descent, one-step progress, dual-bounded-by-primal, boundedness; (7) meets (47)
  lemma1, lemma2, lemma3, lemma4, lemma5, eq48,
  // Appendix B.1: Lemma 6 and the closed forms of its proof
  lemma6, eq53, eq54, eq58, eq59, eq60,
  // Appendix C.1: Lemmas 9 and 10
  lemma9, lemma10,
  // Appendix C.4: Lemma 11 and the proof of Lemma 1
  lemma11, eq90, eq90d,
  // Appendix D
  prop1,
];

/** Build the ZLY ledger. */
export function zlyLedger(): PaperLedger {
  return {
    paper: 'ZLY',
    title: 'Zeng, Lin, Yao — A convergence analysis of nonlinearly constrained ADMM in deep learning',
    file: '../shared/papers/001_9c876955a4c7e125.txt',
    claims: withInconclusiveBudgets(ITEMS.flatMap((m) => m.claims)),
    errata: ITEMS.flatMap((m) => m.errata ?? []),
    coverage: zlyCoverage,
    mutants: ZLY_FAULTS,
  };
}
