/**
 * Mini-batches, defined precisely.
 *
 * RNN (one training sequence x_1..x_T1): a mini-batch of size B is a block of B consecutive time indices. The
 * training steps are cut once into ⌈T1/B⌉ blocks S_k = {kB+1, …, min((k+1)B, T1)} (paper time, 1-based; the
 * last block may be shorter); every epoch visits every block once, in a fresh uniformly random order. The loss
 * of a block is ℓ_S = (1/|S|) Σ_{t∈S} ‖y_t − (A h_t + c)‖² with the hidden states run from x_1 (models/bptt.ts),
 * so with full history a block's gradient is exact, and the mean over an epoch's blocks (weighted by |S_k|)
 * is the gradient of (1.1). History: the backward pass of a block starting at step s runs back to step
 * max(1, s − K) for `--history K` (truncated BPTT: h before that is a constant); default K = ∞ (exact).
 *
 * TKS tanh RNN (windows of N steps, models/tanhRnn.ts): the units are the training windows, in the order the
 * paper's reader gives them — windows [kB, (k+1)B) are batch k of TKS's own method (for a text, window k of each
 * of the B streams: src/papers/tks/baselineTask.ts). A mini-batch of B windows is one of those blocks, cut and
 * visited exactly as the RNN blocks above (every block once per epoch, fresh random order). Every window starts
 * from s_0 = 0, so a block's gradient is exact and there is no history to truncate.
 *
 * MLP (n samples): every epoch draws a fresh uniformly random permutation of the samples and cuts it into
 * consecutive batches of B (the last may be shorter).
 *
 * B ≥ the number of units (T1 steps or n samples) is full batch: one batch per epoch, no randomness drawn.
 * Randomness comes from one mulberry32 stream per run, seeded `seed XOR 0x2545f491` (the data use `seed`, the
 * paper's initializations `seed XOR 0x5bd1e995`, so the three never coincide). Allocation-free per epoch.
 */
import { mulberry32 } from '../core/rng.ts';

/** Salt of the mini-batch stream (see the module header). */
export const BATCH_SALT = 0x2545f491;

/** The batches of one epoch, re-shuffled by {@link BatchSchedule.nextEpoch}. */
export class BatchSchedule {
  /** Number of units (T1 time steps or n samples) and the batch size (≤ units). */
  readonly units: number;
  readonly batch: number;
  /** Batches per epoch. */
  readonly count: number;
  /** RNN and tanh RNN: the order of the blocks; MLP: the permutation of the samples. */
  readonly order: Int32Array;
  private readonly blocks: boolean;
  private readonly rng: () => number;

  /** `blocks`: RNN blocks of consecutive steps (true) or shuffled samples (false). */
  constructor(units: number, batch: number, blocks: boolean, seed: number) {
    this.units = units;
    this.batch = Math.min(batch, units);
    this.count = Math.ceil(units / this.batch);
    this.blocks = blocks;
    this.order = new Int32Array(blocks ? this.count : units);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.rng = mulberry32((seed ^ BATCH_SALT) >>> 0);
  }

  /** Full batch: one batch of every unit, never shuffled. */
  get full(): boolean {
    return this.count === 1;
  }

  /** Shuffle for the next epoch (Fisher–Yates); a no-op for full batch. */
  nextEpoch(): void {
    if (this.full) return;
    const o = this.order;
    for (let i = o.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      const t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
  }

  /**
   * Start of batch k of the epoch. RNN: batch k is rows [from(k), to(k)) of the sequence (0-based). MLP: it is
   * the samples order[from(k)..to(k)).
   */
  from(k: number): number {
    return (this.blocks ? this.order[k] : k) * this.batch;
  }

  /** End (exclusive) of batch k. */
  to(k: number): number {
    return Math.min(this.from(k) + this.batch, this.units);
  }
}
