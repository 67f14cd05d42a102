/**
 * One run of TKS Fig. 7's stability study: a method (ADMMiRNN or a gradient baseline) from one initialization on
 * a text setup, with the held-out loss after every epoch. Every method starts from the same weights for the same
 * seed (problem/init.ts, as `tks-admmirnn` and `--method adam` on a TKS instance) and visits the same batches:
 * an epoch is the J batches of B windows (baselineTask.ts); ADMMiRNN visits them in order, a stochastic baseline
 * in a random order drawn from the seed.
 */
import { BASELINES } from '../../../../baselines/catalogue.ts';
import { tanhRnnObjective } from '../../../../baselines/objective.ts';
import { trainBaseline } from '../../../../baselines/train.ts';
import { tanhRnnEvaluate } from '../../../../models/tanhRnn.ts';
import { textWindows, tksTaskReader } from '../../baselineTask.ts';
import { unigramEntropy } from '../../problem/text.ts';
import { runTksOn, textTaskOf, type TextSetup } from './textRuns.ts';

/** The methods of Fig. 7. */
export const FIG7_METHODS = ['admmirnn', 'sgd', 'adam', 'rmsprop'] as const;
export type Fig7Method = (typeof FIG7_METHODS)[number];

/** What one run gives back (plain JSON; null where a value was not finite). */
export interface Fig7RunResult {
  /** Held-out loss (nats per character) after epoch e = 0 (the initial weights), 1, …, epochs. */
  heldOut: (number | null)[];
  /**
   * Training loss per epoch e = 1, …: ADMMiRNN the mean batch loss R of the epoch's visits (before each update),
   * a baseline its loss on the training windows at the epoch's end (trainBaseline's objective).
   */
  train: (number | null)[];
  /** Loss of the final weights on the training text run as the B streams (the same measure for every method). */
  finalTrain: number | null;
  finalHeldOut: number | null;
  /** Unigram entropy of the whole text slice (nats per character): the loss of character frequencies alone. */
  unigram: number;
  diverged: boolean;
  trainMs: number;
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/** Run `method` for `epochs` epochs from the initialization of `seed`. */
export function runFig7(method: Fig7Method, setup: TextSetup, epochs: number, seed: number, lrFactor = 1): Fig7RunResult {
  return method === 'admmirnn' ? runAdmm(setup, epochs, seed) : runBaseline(method, setup, epochs, seed, lrFactor);
}

function runAdmm(setup: TextSetup, epochs: number, seed: number): Fig7RunResult {
  const { task } = textTaskOf(setup);
  const out = runTksOn(setup, { iterations: epochs * task.J, seed });
  const r = out.result;
  const heldOut: (number | null)[] = [finite(out.initialHeldOutLoss)];
  const train: (number | null)[] = [];
  let sum = 0, n = 0;
  for (const row of r.trace) {
    sum += row.batchLoss;
    n++;
    if (row.k % task.J === 0) {
      heldOut.push(finite(row.heldOutLoss));
      train.push(finite(sum / n));
      sum = 0;
      n = 0;
    }
  }
  return {
    heldOut, train, finalTrain: finite(r.trainLoss), finalHeldOut: finite(r.heldOutLoss), unigram: out.unigramEntropy,
    diverged: r.stop === 'diverged', trainMs: r.trainMs,
  };
}

function runBaseline(method: Exclude<Fig7Method, 'admmirnn'>, setup: TextSetup, epochs: number, seed: number, lrFactor: number): Fig7RunResult {
  const { task, textFile } = textTaskOf(setup);
  const rnn = textWindows(task, setup.hidden, textFile);
  const spec = BASELINES.find((b) => b.id === method);
  if (spec === undefined) throw new Error(`no baseline ${method}`);
  const obj = tanhRnnObjective(rnn, tksTaskReader.initialize(rnn, 'tks', seed), task.B);
  const run = trainBaseline(method, obj, { lr: spec.lr * lrFactor, epochs, batch: task.B }, seed);
  const trainEval = rnn.trainEval ?? rnn.train;
  return {
    heldOut: run.trace.map((row) => finite(row.testErr)),
    train: run.trace.slice(1).map((row) => finite(row.loss)),
    finalTrain: finite(tanhRnnEvaluate(trainEval, run.theta, rnn.dims).loss),
    finalHeldOut: finite(run.testErr),
    unigram: unigramEntropy(Int32Array.from([...task.train, ...task.heldOut]), task.vocab.length),
    diverged: run.status === 'diverged',
    trainMs: run.trace.length > 0 ? run.trace[run.trace.length - 1].timeMs : 0,
  };
}
