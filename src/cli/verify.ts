import type { Command } from 'commander';

/** Register `lagrangelab verify` (placeholder; implemented by the claims work). */
export function registerVerify(program: Command, setExit: (code: number) => void): void {
  program.command('verify').description('check the papers\' claims (not yet implemented)').action(() => setExit(0));
}
