/**
 * ZLY instance files as tasks of the gradient baselines (`src/models/task.ts`): the same X, Y, σ, λ and W⁰ the
 * `zly-admm` method trains on. The baselines minimize (4) with squared loss and λ′ = 2λ/n (models/mlp.ts), the
 * problem whose stationary points ZLY Theorem 1(b) relates to the KKT points of (5); β is ADMM-only and unused.
 */
import { FieldError } from '../../core/fields.ts';
import type { MlpTask, MlpTaskReader, ReadTask } from '../../models/task.ts';
import { zlyDefaultInit, zlyInitSeed } from './problem/demo.ts';
import { parseZlyInstance } from './problem/instance.ts';

/** The one initialization ZLY's method draws (problem/demo.ts): N(0, 1/d_{i−1}) entries. */
const ZLY_INIT = 'lecun-normal';

/** Reads ZLY instance files for the baselines. */
export const zlyTaskReader: MlpTaskReader = {
  paper: 'ZLY',
  model: 'mlp',
  format: 'ZLY instance files (keys X, Y, widths, activation: an MLP, samples as columns)',
  recognizes: (json) => typeof json === 'object' && json !== null && !Array.isArray(json) && 'widths' in json,
  initSchemes: [ZLY_INIT],
  defaultInit: ZLY_INIT,
  read(file, text): ReadTask<MlpTask> {
    const inst = parseZlyInstance(text);
    const task: MlpTask = {
      kind: 'mlp', paper: 'ZLY', source: { kind: 'instance', file }, data: { dims: inst.dims, X: inst.X, Y: inst.Y },
      activation: { kind: inst.activation }, lambda: inst.lambda, ...(inst.init ? { init: inst.init } : {}),
    };
    const warnings = inst.given.lambda ? [] : [`params.lambda: absent, λ = ${inst.lambda} (the authors' demo default)`];
    return { task, warnings };
  },
  initialize(task, scheme, seed) {
    if (scheme !== ZLY_INIT) throw new FieldError('--init', `unknown initialization "${scheme}" for a ZLY instance (expected ${ZLY_INIT})`);
    return zlyDefaultInit(task.data.dims, zlyInitSeed(seed));
  },
};
