/**
 * The `lagrangelab` command. Each subcommand lives in its own module and registers itself here.
 * User errors (`UsageError`) print one line naming the field and exit non-zero; nothing else is printed.
 */
import { Command, CommanderError } from 'commander';
import { registerTrain } from './train.ts';
import { registerGenerate } from './generate.ts';
import { registerMerge, registerVerify } from './verify.ts';
import { registerConditions } from './conditions.ts';
import { UsageError } from './errors.ts';

/** Run the CLI with `argv` (without node and script). Resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('lagrangelab')
    .description('Constrained-optimization training of RNNs/MLPs and executable checks of the theory behind it')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  const setExit = (c: number) => { exitCode = c; };
  registerTrain(program, setExit);
  registerGenerate(program, setExit);
  registerVerify(program, setExit);
  registerMerge(program, setExit);
  registerConditions(program, setExit);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      process.stderr.write(`lagrangelab: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
