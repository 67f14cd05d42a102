/**
 * The `lagrangelab` command. Each subcommand lives in its own module and registers itself here.
 * User errors (any `FieldError`: `UsageError`, instance and run-file errors) print one line naming the field
 * and exit non-zero; nothing else is printed.
 */
import { Command, CommanderError } from 'commander';
import { registerTrain } from './train.ts';
import { registerGenerate } from './generate.ts';
import { registerMerge, registerVerify } from './verify.ts';
import { registerConditions } from './conditions.ts';
import { registerCompare } from './compare.ts';
import { registerGolden } from './golden.ts';
import { registerReport } from './report.ts';
import { FieldError } from '../core/fields.ts';
import type { AnyTrainingMethod } from '../engine/method.ts';

/** What `main` may be given instead of the registry's defaults (tests plug in their own methods). */
export interface MainOptions {
  /** Training methods for `train` (default: the registry's `loadMethods()`). */
  methods?: readonly AnyTrainingMethod[];
}

/** Run the CLI with `argv` (without node and script). Resolves to the process exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const program = new Command('lagrangelab')
    .description('Constrained-optimization training of RNNs/MLPs and executable checks of the theory behind it')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  const setExit = (c: number) => { exitCode = c; };
  registerTrain(program, setExit, options.methods);
  registerGenerate(program, setExit);
  registerVerify(program, setExit);
  registerMerge(program, setExit);
  registerConditions(program, setExit);
  registerCompare(program, setExit);
  registerGolden(program, setExit, options.methods);
  registerReport(program, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof FieldError) {
      process.stderr.write(`lagrangelab: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
