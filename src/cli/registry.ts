/**
 * What the CLI knows about the papers: their ledgers (`lagrangelab verify`) and their training methods
 * (`lagrangelab train --method`). This is the only file that wires papers in; the engine and the rest of the CLI
 * are paper-agnostic and take whatever this returns.
 */
import type { PaperLedger } from '../engine/types.ts';
import type { PaperEnvelope } from '../engine/envelope.ts';
import type { AnyTrainingMethod, DatasetGenerator } from '../engine/method.ts';
import type { LedgerSource } from '../engine/parallel/source.ts';
import { wzcLedger } from '../papers/wzc/claims/ledger.ts';
import { wzcAlm } from '../papers/wzc/method.ts';
import { wzcGenerator } from '../papers/wzc/generate.ts';
import { zlyLedger } from '../papers/zly/claims/ledger.ts';
import { tksLedger } from '../papers/tks/claims/ledger.ts';
import { zlyAdmm } from '../papers/zly/method.ts';
import { zlyEnvelope } from '../papers/zly/envelope/index.ts';
import { zlyGenerator } from '../papers/zly/generate.ts';
import { wzcTaskReader } from '../papers/wzc/baselineTask.ts';
import { zlyTaskReader } from '../papers/zly/baselineTask.ts';
import { baselineMethods } from '../baselines/method.ts';
import type { TaskReader } from '../models/task.ts';
import { tksAdmmirnn } from '../papers/tks/method.ts';

/** Every paper ledger known to the CLI, in report order. */
export function loadLedgers(): PaperLedger[] {
  return [wzcLedger(), zlyLedger(), tksLedger()];
}

/** Every paper envelope known to `lagrangelab verify --envelope`. */
export function loadEnvelopes(): PaperEnvelope[] {
  return [zlyEnvelope];
}

/** The method `train` runs without --method: `train` meant the WZC ALM before methods existed, and still does. */
export const DEFAULT_METHOD = 'wzc-alm';

/**
 * The papers' instance formats the gradient baselines read (src/models/task.ts); a reader lives in its paper's
 * folder. TKS's RNN instances plug in here once `src/papers/tks` has a reader.
 */
export function loadTaskReaders(): TaskReader[] {
  return [wzcTaskReader, zlyTaskReader];
}

/** Every training method known to the CLI, in listing order: the papers' methods, then the baselines. */
export function loadMethods(): AnyTrainingMethod[] {
  // TKS ADMMiRNN beside the WZC ALM and the ZLY ADMM, then the gradient baselines on the papers' losses.
  return [wzcAlm, zlyAdmm, tksAdmmirnn, ...baselineMethods(loadTaskReaders())];
}

/** Every synthetic-dataset generator known to `lagrangelab generate`. */
export function loadGenerators(): DatasetGenerator[] {
  return [wzcGenerator, zlyGenerator];
}

/** The same ledgers, named for worker threads (`verify --jobs N`), which import this module themselves. */
export const LEDGER_SOURCE: LedgerSource = { module: import.meta.url, export: 'loadLedgers' };

// `lagrangelab conditions zly`: the parameter conditions of ZLY's Theorem 3 (42)–(47) and Lemma 4 (77)–(81),
// re-exported here so that this file stays the only one in cli/ that imports a paper.
export { conditionsReport, type ConditionCheck, type ConditionsReport, type SmallestParameters } from '../papers/zly/problem/conditions.ts';
export { parseZlyInstance, type ZlyInstance } from '../papers/zly/problem/instance.ts';
export { zlyDefaultInit, zlyInitSeed } from '../papers/zly/problem/demo.ts';
