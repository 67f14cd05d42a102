/** Run `lagrangelab verify`/`merge` the way src/cli/main.ts does, with injected dependencies and captured output. */
import { Command, CommanderError } from 'commander';
import { registerMerge, registerVerify, type VerifyDeps } from '../../src/cli/verify.ts';
import { UsageError } from '../../src/cli/errors.ts';

export interface VerifyCliResult {
  code: number;
  out: string;
  err: string;
}

export async function verifyCli(argv: string[], deps: VerifyDeps): Promise<VerifyCliResult> {
  let out = '';
  let err = '';
  const all: VerifyDeps = {
    stdout: { write: (s: string) => { out += s; return true; } },
    stderr: { write: (s: string) => { err += s; return true; } },
    ...deps,
  };
  let code = 0;
  const program = new Command('lagrangelab').exitOverride().configureOutput({ writeErr: (s) => { err += s; }, writeOut: (s) => { out += s; } });
  registerVerify(program, (c) => { code = c; }, all);
  registerMerge(program, (c) => { code = c; }, all);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, out, err };
    if (e instanceof UsageError) return { code: 2, out, err: `${err}lagrangelab: ${e.message}\n` };
    throw e;
  }
  return { code, out, err };
}
