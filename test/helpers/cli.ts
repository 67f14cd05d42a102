import { vi } from 'vitest';
import { main, type MainOptions } from '../../src/cli/main.ts';

/** Run the CLI in-process, capturing stdout and stderr; `options` replaces registry defaults (e.g. methods). */
export async function cli(args: string[], options: MainOptions = {}): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '', stdout = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  try {
    return { code: await main(args, options), stderr, stdout };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}
