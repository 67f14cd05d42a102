/**
 * The text task of TKS §4.2.3: next-character prediction on a long text with the unrolled RNN (4).
 *
 * How a long text becomes ADMM's variables is not fixed by the paper. lagrangelab's choice:
 *
 * - Vocabulary: the distinct UTF-16 code units of the whole text, sorted (61 for `metamorphosis.txt`); inputs
 *   are one-hot (d = q = vocabulary size).
 * - Split: the first ⌊split·n⌋ characters train, the rest (the last 10% by default) is held out and never
 *   trained on.
 * - Streams: the training text is cut into B contiguous streams of L = ⌊(n_train − 1)/B⌋ characters (the
 *   truncated-BPTT layout): stream i covers characters [iL, iL + L] and its windows are the consecutive runs of
 *   N characters, window j predicting characters iL + jN + 1 .. iL + jN + N from the N before them.
 * - Batch j: window j of every stream (B windows, N·B rows). One epoch is J = ⌊L/N⌋ batches.
 * - What carries over between windows: only the hidden state. The s0 of batch j is the state the RNN (4)
 *   reaches at the end of window j−1 of the same stream, run with the parameters current when that window was
 *   visited; batch 0 starts from s0 = 0. ADMM's auxiliary variables a, s, o and multipliers λ are *not* carried:
 *   each visit starts them at the RNN's feasible point (all residuals zero) and λ = 0 (see `solver/train.ts`
 *   for why, and the measurement in the README).
 * - Held-out loss: the held-out text run as one sequence from the zero state, mean nats per predicted character.
 */
import type { Batch, Dims } from './types.ts';

/** A prepared text task. */
export interface TextTask {
  /** The vocabulary: symbol k is the character vocab[k]. */
  vocab: string[];
  /** Training symbols (the first ⌊split·n⌋ characters). */
  train: Int32Array;
  /** Held-out symbols (the rest). */
  heldOut: Int32Array;
  /** Steps per window N, streams (windows per batch) B. */
  N: number;
  B: number;
  /** Characters per stream L and batches per epoch J = ⌊L/N⌋. */
  L: number;
  J: number;
}

/** Sorted distinct UTF-16 code units of `text`. */
export function buildVocabulary(text: string): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < text.length; i++) seen.add(text[i]);
  return [...seen].sort();
}

/** The text as symbol indices of `vocab` (every character must be in it). */
export function encodeText(text: string, vocab: readonly string[]): Int32Array {
  const index = new Map<string, number>();
  vocab.forEach((ch, k) => index.set(ch, k));
  const out = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const k = index.get(text[i]);
    if (k === undefined) throw new RangeError(`character ${JSON.stringify(text[i])} at ${i} is not in the vocabulary`);
    out[i] = k;
  }
  return out;
}

/** Number of training characters for a text of n characters and a train fraction in (0, 1). */
export function trainLength(n: number, split: number): number {
  return Math.floor(split * n);
}

/**
 * Prepare the text task. Throws RangeError when the training part cannot hold one window per stream
 * (n_train − 1 < B·N) or the held-out part has fewer than 2 characters (no prediction to score).
 */
export function prepareText(text: string, N: number, B: number, split: number): TextTask {
  const vocab = buildVocabulary(text);
  const all = encodeText(text, vocab);
  const n1 = trainLength(all.length, split);
  if (n1 - 1 < B * N) {
    throw new RangeError(`the training part has ${n1} characters; ${B} streams of windows of ${N} need at least ${B * N + 1}`);
  }
  if (all.length - n1 < 2) throw new RangeError(`the held-out part has ${all.length - n1} characters; need at least 2`);
  const L = Math.floor((n1 - 1) / B);
  return { vocab, train: all.slice(0, n1), heldOut: all.slice(n1), N, B, L, J: Math.floor(L / N) };
}

/** Sizes of the ADMM problem for a text task and h hidden units. */
export function textDims(task: TextTask, h: number): Dims {
  const V = task.vocab.length;
  return { N: task.N, B: task.B, d: V, h, q: V };
}

/** A batch with buffers sized for the task (s0 zero; fill with {@link fillBatch}). */
export function textBatch(task: TextTask, h: number): Batch & { x: { kind: 'onehot'; idx: Int32Array }; y: { kind: 'classes'; y: Int32Array } } {
  const M = task.N * task.B;
  return {
    dims: textDims(task, h),
    s0: new Float64Array(task.B * h),
    x: { kind: 'onehot', idx: new Int32Array(M) },
    y: { kind: 'classes', y: new Int32Array(M) },
  };
}

/** Fill inputs and targets of batch j (0 ≤ j < J): row t·B + i is window j of stream i at step t+1. */
export function fillBatch(task: TextTask, j: number, x: Int32Array, y: Int32Array): void {
  const { N, B, L, train } = task;
  for (let t = 0; t < N; t++) {
    for (let i = 0; i < B; i++) {
      const pos = i * L + j * N + t;
      x[t * B + i] = train[pos];
      y[t * B + i] = train[pos + 1];
    }
  }
}

/** Unigram entropy (nats) of a symbol sequence: the loss of the best constant predictor. */
export function unigramEntropy(symbols: Int32Array, V: number): number {
  const counts = new Float64Array(V);
  for (let i = 0; i < symbols.length; i++) counts[symbols[i]]++;
  let H = 0;
  for (let k = 0; k < V; k++) {
    if (counts[k] === 0) continue;
    const p = counts[k] / symbols.length;
    H -= p * Math.log(p);
  }
  return H;
}
