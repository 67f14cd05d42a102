/**
 * How many cores the whole machine kept busy over an interval, from Linux's /proc/stat (all processes, all
 * threads). A wall-clock comparison uses it to tell whether a single-threaded phase had the machine to itself:
 * if more than that one core was busy, something else ran beside it and its time says little.
 * Elsewhere (no /proc/stat) it returns null: unknown.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

/** A reading of the machine's CPU counters. */
export interface CpuSnapshot {
  /** Busy and total jiffies summed over all cores (null: not available here). */
  busy: number;
  total: number;
}

/** Read the counters now (null where /proc/stat does not exist). */
export function cpuSnapshot(): CpuSnapshot | null {
  let text: string;
  try {
    text = fs.readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  return parseProcStat(text);
}

/** The aggregate `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal …; idle + iowait are not busy. */
export function parseProcStat(text: string): CpuSnapshot | null {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (line === undefined) return null;
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 4 || f.some((x) => !Number.isFinite(x))) return null;
  const total = f.reduce((a, b) => a + b, 0);
  const idle = f[3] + (f[4] ?? 0);
  return { busy: total - idle, total };
}

/** Average number of busy cores between two snapshots (null when either is unknown or no time passed). */
export function busyCores(a: CpuSnapshot | null, b: CpuSnapshot | null, cores = os.availableParallelism()): number | null {
  if (a === null || b === null || b.total <= a.total) return null;
  return ((b.busy - a.busy) / (b.total - a.total)) * cores;
}
