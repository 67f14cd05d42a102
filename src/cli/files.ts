/**
 * Safe output files for the CLI: nothing a user has is overwritten without --force, the target directory is
 * probed before any work starts, and files appear atomically (temp file + rename) only when complete.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './errors.ts';

export { parseInteger } from '../core/fields.ts';

/**
 * Resolve and vet the run-file path before training: an existing file needs --force, a directory is refused,
 * and the directory must accept a file (probed by creating and removing a temp file: permission bits alone
 * say nothing when running as root or on read-only mounts). The default directory `runs/` is created.
 */
export function checkOut(out: string, explicit: boolean, force: boolean, flag = '--out'): string {
  const st = statOrNull(out);
  if (st?.isDirectory()) throw new UsageError(flag, `"${out}" is a directory, expected a file path`);
  if (st && !force) throw new UsageError(flag, `"${out}" already exists (add --force to overwrite)`);
  const dir = path.dirname(out);
  if (!explicit) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new UsageError(flag, `cannot create directory "${dir}" (${errCode(e)})`);
    }
  }
  const dst = statOrNull(dir);
  if (!dst) throw new UsageError(flag, `directory "${dir}" does not exist`);
  if (!dst.isDirectory()) throw new UsageError(flag, `"${dir}" is not a directory`);
  const probe = tempName(out);
  try {
    fs.writeFileSync(probe, '', { flag: 'wx' });
    fs.unlinkSync(probe);
  } catch (e) {
    throw new UsageError(flag, `cannot write to directory "${dir}" (${errCode(e)})`);
  }
  return out;
}

/** Write `text` to `file` atomically (temp file + rename); a failure names `flag`. */
export function writeAtomic(file: string, text: string, flag = '--out'): void {
  const tmp = tempName(file);
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temp file was never created
    }
    throw new UsageError(flag, `cannot write "${file}" (${errCode(e)})`);
  }
}

/** fs.statSync, or null when the path does not exist. */
export function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

let tempCounter = 0;

/** A hidden temp file beside `file`. */
export function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
}

/** The errno code of a file-system error, or its message. */
export function errCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return e instanceof Error ? e.message : String(e);
}
