/**
 * `lagrangelab generate`: write a synthetic dataset of §5.1 as an instance file, so it can be inspected, edited
 * and trained with `lagrangelab train --instance FILE`. Same seed, same file.
 */
import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import { checkOut, parseInteger, writeAtomic } from './files.ts';
import { generateSetting, isSyntheticSetting, SYNTHETIC_SETTINGS } from '../papers/wzc/problem/synthetic.ts';
import { INIT_SCHEMES, initSeedFor, initWeights, isInitScheme } from '../papers/wzc/problem/init.ts';
import { instanceToJson } from '../papers/wzc/instance.ts';
import { TRAIN_FRACTION } from '../models/dataset.ts';

interface GenerateFlags {
  setting: string;
  seed: string;
  init?: string;
  out?: string;
  force?: boolean;
}

/** Register `lagrangelab generate` on the program. */
export function registerGenerate(program: Command, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description('write a synthetic dataset (§5.1) as an instance file for `train --instance`')
    .requiredOption('--setting <name>', `synthetic setting: ${SYNTHETIC_SETTINGS.join(' | ')}`)
    .option('--seed <S>', 'seed of the teacher network, inputs and noise (integer 0..4294967295)', '1')
    .option('--init <scheme>', `also store initial weights (§5.4): ${INIT_SCHEMES.join(' | ')}`)
    .option('--out <file>', 'instance file to write (default instances/<setting>-<seed>.json)')
    .option('--force', 'overwrite an existing file')
    .action((flags: GenerateFlags) => {
      setExit(generate(flags));
    });
}

/** Run `generate`; resolves to the exit code. Throws UsageError for bad input. */
export function generate(flags: GenerateFlags): number {
  if (!isSyntheticSetting(flags.setting)) {
    throw new UsageError('--setting', `unknown setting "${flags.setting}" (expected ${SYNTHETIC_SETTINGS.join(' | ')})`);
  }
  const seed = parseInteger(flags.seed, '--seed', 0, 4294967295);
  if (flags.init !== undefined && !isInitScheme(flags.init)) {
    throw new UsageError('--init', `unknown scheme "${flags.init}" (expected ${INIT_SCHEMES.join(' | ')})`);
  }
  const out = checkOut(flags.out ?? `instances/${flags.setting}-${seed}.json`, flags.out !== undefined, !!flags.force);
  const syn = generateSetting(flags.setting, seed);
  const d = syn.data.dims;
  const init = flags.init !== undefined && isInitScheme(flags.init) ? initWeights(d, flags.init, initSeedFor(seed)) : undefined;
  const text = instanceToJson(
    {
      data: syn.data, activation: syn.activation, init, setting: flags.setting, split: TRAIN_FRACTION,
      comment: `lagrangelab generate --setting ${flags.setting} --seed ${seed}${flags.init ? ` --init ${flags.init}` : ''}: teacher RNN of WZC §5.1`,
    },
    d.r,
  );
  writeAtomic(out, text);
  process.stdout.write(`wrote ${out} (T=${d.T} n=${d.n} m=${d.m} hidden=${d.r}${init ? `, init ${flags.init}` : ''})\n`);
  return 0;
}
