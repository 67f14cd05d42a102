/**
 * WZC's synthetic datasets (§5.1) as instance files, for `lagrangelab generate`: the teacher RNN of
 * `problem/synthetic.ts`, optionally with initial weights of §5.4 drawn from the seed's init stream.
 */
import type { DatasetGenerator } from '../../engine/method.ts';
import { TRAIN_FRACTION } from '../../models/dataset.ts';
import { generateSetting, isSyntheticSetting, SYNTHETIC_SETTINGS } from './problem/synthetic.ts';
import { INIT_SCHEMES, initSeedFor, initWeights, isInitScheme } from './problem/init.ts';
import { instanceToJson } from './instance.ts';

/** The WZC generator: settings `synthetic-T10`, `synthetic-T500`. */
export const wzcGenerator: DatasetGenerator = {
  paper: 'WZC',
  settings: SYNTHETIC_SETTINGS,
  inits: INIT_SCHEMES,
  generate({ setting, seed, init }) {
    if (!isSyntheticSetting(setting)) throw new Error(`not a WZC setting: ${setting}`);
    const syn = generateSetting(setting, seed);
    const d = syn.data.dims;
    const z0 = init !== undefined && isInitScheme(init) ? initWeights(d, init, initSeedFor(seed)) : undefined;
    const text = instanceToJson(
      {
        data: syn.data, activation: syn.activation, init: z0, setting, split: TRAIN_FRACTION,
        comment: `lagrangelab generate --setting ${setting} --seed ${seed}${init ? ` --init ${init}` : ''}: teacher RNN of WZC §5.1`,
      },
      d.r,
    );
    return {
      text,
      defaultOut: `instances/${setting}-${seed}.json`,
      summary: `T=${d.T} n=${d.n} m=${d.m} hidden=${d.r}${z0 ? `, init ${init}` : ''}`,
    };
  },
};
