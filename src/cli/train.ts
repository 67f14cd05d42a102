import type { Command } from 'commander';

/** Register `lagrangelab train` (placeholder; implemented by the CLI work). */
export function registerTrain(program: Command, setExit: (code: number) => void): void {
  program.command('train').description('train an Elman RNN with the WZC ALM (not yet implemented)').action(() => setExit(1));
}
