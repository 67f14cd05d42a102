/**
 * The authors' demo data (problem/demo.ts) as ZLY instance files, for `lagrangelab generate`: settings
 * `zly-square` (y = x² on [−1, 1]) and `zly-product` (y = x₁x₂ on [−1, 1]²), 1000 samples, two sigmoid hidden
 * layers of 100 units, no `params` (so the demo's λ = 1e-6, β_i = 1 apply); `--init lecun-normal` also stores the
 * W⁰ that `train` would draw from the same seed.
 */
import type { DatasetGenerator } from '../../engine/method.ts';
import { zlyDemoData, zlyDefaultInit, zlyInitSeed, type ZlyDemo } from './problem/demo.ts';
import { zlyInstanceToJson } from './problem/instance.ts';

/** `--setting` names and the demo each draws. */
const SETTINGS: Readonly<Record<string, ZlyDemo>> = { 'zly-square': 'square', 'zly-product': 'product' };

/** Hidden widths of the generated instances (the authors' demo). */
export const DEMO_WIDTHS = [100, 100];

/** The ZLY generator. */
export const zlyGenerator: DatasetGenerator = {
  paper: 'ZLY',
  settings: Object.keys(SETTINGS),
  inits: ['lecun-normal'],
  generate({ setting, seed, init }) {
    const demo = SETTINGS[setting];
    if (demo === undefined) throw new Error(`not a ZLY setting: ${setting}`);
    const data = zlyDemoData(demo, seed);
    const dims = { n: data.n, d: [data.d0, ...DEMO_WIDTHS, 1] };
    const W0 = init === 'lecun-normal' ? zlyDefaultInit(dims, zlyInitSeed(seed)) : undefined;
    const target = demo === 'square' ? 'y = x² on [−1, 1]' : 'y = x₁x₂ on [−1, 1]²';
    const text = zlyInstanceToJson({
      dims, X: data.X, Y: data.Y, activation: 'sigmoid', init: W0,
      comment: `lagrangelab generate --setting ${setting} --seed ${seed}${init ? ` --init ${init}` : ''}: ZLY authors' demo, ${target}`,
    });
    return { text, defaultOut: `instances/${setting}-${seed}.json`, summary: `n=${data.n} d=(${dims.d.join(', ')}) sigmoid${W0 ? ', init lecun-normal' : ''}` };
  },
};
