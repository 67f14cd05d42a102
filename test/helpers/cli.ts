import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

/** Run the CLI in-process, capturing stdout and stderr. */
export async function cli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
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
    return { code: await main(args), stderr, stdout };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}
