/**
 * What the TKS empirical claims share: their instance family (one seed: the initial weights of every run of the
 * instance), the tiny text setups they run on, and a cache so a literal claim, its correction and the erratum's
 * fixture decide on the same runs instead of repeating them (the runs take no planted faults: the claims are
 * tagged solver-independent and the mutant matrix skips them).
 */
import fc from 'fast-check';
import { num, obj } from '../../../../engine/jsonReaders.ts';
import type { InstanceFamily } from '../../../../engine/types.ts';
import type { TextSetup } from './textRuns.ts';

/** One instance: the seed of the initial weights (and of a baseline's batch order). */
export interface EmpiricalCase {
  seed: number;
}

/**
 * `tks.empirical-seed`: seeds 1 … 10⁶, not shrunk (every seed is an equally small instance; shrinking would only
 * rerun whole experiments).
 */
export const empiricalSeeds: InstanceFamily<EmpiricalCase> = {
  name: 'tks.empirical-seed',
  arbitrary: () => fc.record({ seed: fc.noShrink(fc.integer({ min: 1, max: 1_000_000 })) }),
  toJSON: (c) => ({ seed: c.seed }),
  fromJSON: (j) => ({ seed: num(obj(j, 'instance').seed, 'seed') }),
  describe: (c) => `seed ${c.seed}`,
};

/** Table 2 and Fig. 9 in the ledger: the first 4,000 characters of the text, hidden 8, batches of 4 windows of 25. */
export const TINY_TEXT: TextSetup = { chars: 4000, N: 25, B: 4, hidden: 8 };

/** Fig. 7 in the ledger: 6,000 characters, hidden 8, batches of 4 windows of 25, 6 epochs, 10 initializations. */
export const FIG7_TINY: TextSetup = { chars: 6000, N: 25, B: 4, hidden: 8 };
export const FIG7_TINY_EPOCHS = 6;
/**
 * The baselines' learning rate in the tiny run: 10× Keras' defaults only, the factor the scaled `tks-fig7` selects for
 * every baseline (the 1× runs would double the claim's cost and lose: at 6 epochs they stay on the unigram plateau).
 */
export const FIG7_TINY_LR_FACTORS: readonly number[] = [10];

/** `f` remembering its last few results by seed (the claims of one item evaluate the same seeds). */
export function bySeed<T>(f: (seed: number) => T, keep = 4): (seed: number) => T {
  const cache = new Map<number, T>();
  return (seed) => {
    const hit = cache.get(seed);
    if (hit !== undefined) return hit;
    const v = f(seed);
    cache.set(seed, v);
    if (cache.size > keep) cache.delete(cache.keys().next().value as number);
    return v;
  };
}
