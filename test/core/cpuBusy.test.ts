import { describe, expect, it } from 'vitest';
import { busyCores, cpuSnapshot, parseProcStat } from '../../src/core/cpuBusy.ts';

describe('cpuBusy', () => {
  it('reads the aggregate cpu line: idle and iowait are not busy', () => {
    const s = parseProcStat('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0\n');
    expect(s).toEqual({ busy: 150, total: 1000 });
    expect(parseProcStat('intr 1 2 3\n')).toBeNull();
    expect(parseProcStat('cpu  a b c d\n')).toBeNull();
  });

  it('busy cores between two snapshots; null when unknown or no time passed', () => {
    const a = { busy: 100, total: 1000 }, b = { busy: 600, total: 2000 };
    expect(busyCores(a, b, 2)).toBeCloseTo(1, 12);
    expect(busyCores(a, a, 2)).toBeNull();
    expect(busyCores(null, b, 2)).toBeNull();
  });

  it('a live reading on this machine (Linux) is consistent', () => {
    const a = cpuSnapshot();
    const t = Date.now();
    while (Date.now() - t < 30) { /* spin: one core busy */ }
    const b = cpuSnapshot();
    if (a === null) return; // not Linux
    expect(b).not.toBeNull();
    const c = busyCores(a, b);
    if (c !== null) expect(c).toBeGreaterThanOrEqual(0);
  });
});
