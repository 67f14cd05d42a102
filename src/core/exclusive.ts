/**
 * One wall-clock measurement at a time on this machine. A claim or experiment that compares wall times (TKS
 * Figs 11–12: vanilla against SP/AP on worker threads) is only meaningful if two such measurements do not run at
 * once — and they would: `verify --jobs 2` can hand a literal claim and its correction to two workers, and vitest
 * runs test files in parallel processes. Measured: two overlapping tiny Fig. 11 runs flipped the verdict (one run's
 * vanilla phase shared the cores with the other's SP and AP phases).
 *
 * So such code runs under {@link withExclusiveLock}: an exclusive-create lock file in the OS temp folder, shared by
 * threads and processes alike. A lock whose owning process is gone, or that is older than `staleMs`, is broken.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

/** Options of {@link withExclusiveLock}. */
export interface ExclusiveLockOptions {
  /** Folder of the lock file (default: the OS temp folder). */
  dir?: string;
  /** A lock older than this is broken (ms; default 15 minutes). */
  staleMs?: number;
  /** Poll interval while waiting (ms; default 25). */
  pollMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock at `file` is abandoned: its process is gone, or it is older than `staleMs`. */
function abandoned(file: string, staleMs: number): boolean {
  try {
    const [pid] = fs.readFileSync(file, 'utf8').split(':');
    if (Number.isInteger(Number(pid)) && Number(pid) > 0 && !alive(Number(pid))) return true;
    return Date.now() - fs.statSync(file).mtimeMs > staleMs;
  } catch {
    return false; // released (or half written) meanwhile: try again
  }
}

/** Run `fn` while holding the machine-wide lock `name` (waits for it; releases it however `fn` ends). */
export async function withExclusiveLock<T>(name: string, fn: () => Promise<T>, opts: ExclusiveLockOptions = {}): Promise<T> {
  const file = path.join(opts.dir ?? os.tmpdir(), `lagrangelab-${name}.lock`);
  const token = `${process.pid}:${threadId}:${Date.now()}:${Math.random()}`;
  for (;;) {
    try {
      fs.writeFileSync(file, token, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (abandoned(file, opts.staleMs ?? 15 * 60_000)) fs.rmSync(file, { force: true });
      else await sleep(opts.pollMs ?? 25);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      if (fs.readFileSync(file, 'utf8') === token) fs.rmSync(file, { force: true });
    } catch {
      // already broken by someone who judged it stale: nothing to release
    }
  }
}
