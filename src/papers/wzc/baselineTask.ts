/**
 * WZC instance files as tasks of the gradient baselines (`src/models/task.ts`): the same data, split,
 * standardization and initial weights the `wzc-alm` method trains on, so `train --method adam --instance F` and
 * `train --instance F` fit the same (1.1) from the same s⁰ (given the same --seed and --init).
 *
 * The loss the baselines minimize is the unregularized (1.1) — the problem the paper's §5.4 baselines solve —
 * so `params` (λ and the ALM's settings) are read (and validated) but not used.
 */
import { FieldError } from '../../core/fields.ts';
import { prepareData, TRAIN_FRACTION } from '../../models/dataset.ts';
import type { ReadTask, RnnTask, RnnTaskReader } from '../../models/task.ts';
import { parseInstance } from './instance.ts';
import { DEFAULT_INIT } from './method.ts';
import { INIT_SCHEMES, initSeedFor, initWeights, isInitScheme } from './problem/init.ts';
import { generateSetting, isSyntheticSetting, SYNTHETIC_SETTINGS } from './problem/synthetic.ts';

/** Reads WZC instance files (and generates the §5.1 synthetic datasets) for the baselines. */
export const wzcTaskReader: RnnTaskReader = {
  paper: 'WZC',
  model: 'rnn',
  format: 'WZC instance files (keys X, Y, hidden: an Elman RNN on one sequence)',
  recognizes: (json) => typeof json === 'object' && json !== null && !Array.isArray(json) && 'hidden' in json,
  initSchemes: INIT_SCHEMES,
  defaultInit: DEFAULT_INIT,
  settings: SYNTHETIC_SETTINGS,
  read(file, text): ReadTask<RnnTask> {
    const inst = parseInstance(text);
    const prep = prepareData(inst.problem.data, { trainFraction: inst.split ?? null, standardize: inst.standardize ?? false });
    const task: RnnTask = {
      kind: 'rnn', paper: 'WZC', source: { kind: 'instance', file }, full: prep.full, T1: prep.T1, T2: prep.T2,
      standardized: inst.standardize ?? false, activation: inst.problem.activation,
      ...(inst.init ? { init: inst.init } : {}), ...(inst.setting ? { setting: inst.setting } : {}),
    };
    return { task, warnings: inst.warnings.filter((w) => !w.startsWith('params.eta3')) };
  },
  generate(setting, seed): ReadTask<RnnTask> {
    if (!isSyntheticSetting(setting)) throw new FieldError('--generate', `unknown setting "${setting}" (expected ${SYNTHETIC_SETTINGS.join(', ')})`);
    const prep = prepareData(generateSetting(setting, seed).data, { trainFraction: TRAIN_FRACTION, standardize: false });
    const task: RnnTask = {
      kind: 'rnn', paper: 'WZC', source: { kind: 'generate', setting }, full: prep.full, T1: prep.T1, T2: prep.T2,
      standardized: false, activation: { kind: 'relu' }, setting,
    };
    return { task, warnings: [] };
  },
  initialize(task, scheme, seed) {
    if (!isInitScheme(scheme)) throw new FieldError('--init', `unknown initialization "${scheme}" (expected ${INIT_SCHEMES.join(', ')})`);
    return initWeights(task.full.dims, scheme, initSeedFor(seed));
  },
};
