/**
 * Differences between two verify reports other than timing: what "the same report" means for `--jobs N`
 * against `--jobs 1`, for merged shards against an unsharded run, and for two runs of one commit.
 */
import type { VerifyReport } from './schema.ts';

/** Fields that record when or how long, not what: `run.startedAt`, `run.node` and every `…Ms` duration. */
export function isTimingField(key: string): boolean {
  return key === 'startedAt' || key === 'node' || key.endsWith('Ms');
}

/** Up to `limit` differences (`path: a ≠ b`), timing fields aside; empty when the reports agree. */
export function reportDifferences(a: VerifyReport | unknown, b: VerifyReport | unknown, limit = 20): string[] {
  const out: string[] = [];
  const show = (x: unknown): string => {
    const s = JSON.stringify(x) ?? String(x);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  };
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.push(`${path}: length ${x.length} ≠ ${y.length}`);
      for (let i = 0; i < Math.min(x.length, y.length); i++) walk(x[i], y[i], `${path}[${i}]`);
      return;
    }
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && !Array.isArray(x) && !Array.isArray(y)) {
      const xo = x as Record<string, unknown>;
      const yo = y as Record<string, unknown>;
      // Key order is part of the file, so it is compared too.
      const kx = Object.keys(xo).filter((k) => !isTimingField(k));
      const ky = Object.keys(yo).filter((k) => !isTimingField(k));
      if (kx.join(',') !== ky.join(',')) out.push(`${path}: keys ${kx.join(',')} ≠ ${ky.join(',')}`);
      for (const k of kx) if (k in yo) walk(xo[k], yo[k], path === '' ? k : `${path}.${k}`);
      return;
    }
    if (!Object.is(x, y) && JSON.stringify(x) !== JSON.stringify(y)) out.push(`${path || '(root)'}: ${show(x)} ≠ ${show(y)}`);
  };
  walk(a, b, '');
  return out;
}
