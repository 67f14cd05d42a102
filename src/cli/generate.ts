/**
 * `lagrangelab generate`: write a synthetic dataset of §5.1 as an instance file, so it can be inspected, edited
 * and trained with `lagrangelab train --instance FILE`. Same seed, same file.
 */
import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import { checkOut, parseInteger, writeAtomic } from './files.ts';
import { findGenerator, type DatasetGenerator } from '../engine/method.ts';
import { loadGenerators } from './registry.ts';

interface GenerateFlags {
  setting: string;
  seed: string;
  init?: string;
  out?: string;
  force?: boolean;
}

/** Register `lagrangelab generate` on the program. */
export function registerGenerate(program: Command, setExit: (code: number) => void, generators = loadGenerators()): void {
  const settings = generators.flatMap((g) => g.settings);
  const inits = [...new Set(generators.flatMap((g) => g.inits))];
  program
    .command('generate')
    .description('write a synthetic dataset (WZC §5.1) as an instance file for `train --instance`')
    .requiredOption('--setting <name>', `synthetic setting: ${settings.join(' | ')}`)
    .option('--seed <S>', 'seed of the teacher network, inputs and noise (integer 0..4294967295)', '1')
    .option('--init <scheme>', `also store initial weights (WZC §5.4): ${inits.join(' | ')}`)
    .option('--out <file>', 'instance file to write (default instances/<setting>-<seed>.json)')
    .option('--force', 'overwrite an existing file')
    .action((flags: GenerateFlags) => {
      setExit(generate(flags, generators));
    });
}

/** Run `generate`; resolves to the exit code. Throws UsageError for bad input. */
export function generate(flags: GenerateFlags, generators: readonly DatasetGenerator[] = loadGenerators()): number {
  const g = findGenerator(generators, flags.setting);
  const seed = parseInteger(flags.seed, '--seed', 0, 4294967295);
  if (flags.init !== undefined && !g.inits.includes(flags.init)) {
    throw new UsageError('--init', `unknown scheme "${flags.init}" (expected ${g.inits.join(' | ')})`);
  }
  const made = g.generate({ setting: flags.setting, seed, init: flags.init });
  const out = checkOut(flags.out ?? made.defaultOut, flags.out !== undefined, !!flags.force);
  writeAtomic(out, made.text);
  process.stdout.write(`wrote ${out} (${made.summary})\n`);
  return 0;
}
