/**
 * The paper ledgers `lagrangelab verify` checks. Each paper contributes one {@link PaperLedger} (claims,
 * errata, coverage, mutants); the engine is paper-agnostic and takes whatever this returns.
 */
import type { PaperLedger } from '../engine/types.ts';
import type { LedgerSource } from '../engine/parallel/source.ts';
import { wzcLedger } from '../papers/wzc/claims/ledger.ts';

/** Every paper ledger known to the CLI, in report order. */
export function loadLedgers(): PaperLedger[] {
  // ZLY and TKS ledgers plug in here beside WZC.
  return [wzcLedger()];
}

/** The same ledgers, named for worker threads (`verify --jobs N`), which import this module themselves. */
export const LEDGER_SOURCE: LedgerSource = { module: import.meta.url, export: 'loadLedgers' };
