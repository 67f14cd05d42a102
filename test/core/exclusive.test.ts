import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withExclusiveLock } from '../../src/core/exclusive.ts';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lagrangelab-lock-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('withExclusiveLock', () => {
  it('never lets two holders overlap, and removes its lock file afterwards', async () => {
    const d = dir();
    let inside = 0;
    let most = 0;
    const job = async (i: number) => withExclusiveLock('t', async () => {
      inside++;
      most = Math.max(most, inside);
      await sleep(15);
      inside--;
      return i;
    }, { dir: d, pollMs: 2 });
    expect(await Promise.all([1, 2, 3, 4].map(job))).toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it('releases the lock when the work throws', async () => {
    const d = dir();
    await expect(withExclusiveLock('t', async () => { throw new Error('boom'); }, { dir: d })).rejects.toThrow('boom');
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it('breaks a lock whose process is gone, and one older than staleMs', async () => {
    const d = dir();
    const file = path.join(d, 'lagrangelab-t.lock');
    fs.writeFileSync(file, '2147483646:0:0:0'); // no such process
    expect(await withExclusiveLock('t', async () => 'dead owner', { dir: d })).toBe('dead owner');
    fs.writeFileSync(file, `${process.pid}:99:0:0`); // a live process, but old
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    expect(await withExclusiveLock('t', async () => 'stale', { dir: d, staleMs: 1000 })).toBe('stale');
  });

  it('waits for a live, fresh lock, and leaves a lock it no longer owns alone', async () => {
    const d = dir();
    const file = path.join(d, 'lagrangelab-t.lock');
    fs.writeFileSync(file, `${process.pid}:99:0:0`);
    let done = false;
    const p = withExclusiveLock('t', async () => { done = true; }, { dir: d, pollMs: 2 });
    await sleep(30);
    expect(done).toBe(false);
    fs.rmSync(file);
    await p;
    expect(done).toBe(true);
    // broken meanwhile and taken by someone else: the other holder's file stays
    await withExclusiveLock('t', async () => { fs.writeFileSync(file, 'someone else'); }, { dir: d });
    expect(fs.readFileSync(file, 'utf8')).toBe('someone else');
  });
});
