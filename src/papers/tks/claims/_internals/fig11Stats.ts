/**
 * The decision rules of TKS Figs 11–12, shared by the ledger claims (claims/fig11-12.ts, a tiny run) and
 * `lagrangelab reproduce tks-fig11`: the time each variant needs to reach the common loss (the worst of the three
 * final smoothed losses of a run, so each variant reaches it), its median over the runs (initializations), and
 * the orderings "AP before SP before vanilla" (the paper) and "vanilla first" (what we measure).
 */
import type { CompareVariant } from '../../solver/parallel/index.ts';
import type { Fig11RunResult } from './fig11Runs.ts';

/** Median of finite values; a run that never reached the loss counts as +∞. */
export function median(xs: readonly (number | null)[]): number {
  const v = xs.map((x) => x ?? Infinity).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const h = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/** Median wall time to the common loss per variant (ms; +∞: never reached). */
export function timesToLoss(runs: readonly Fig11RunResult[]): Record<CompareVariant, number> {
  const t = (v: CompareVariant) => median(runs.map((r) => r.variants.find((x) => x.variant === v)?.timeToLoss ?? null));
  return { vanilla: t('vanilla'), sp: t('sp'), ap: t('ap') };
}

const sec = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'never');
const load = (runs: readonly Fig11RunResult[]): string => `load average ${runs.map((r) => `${r.load[0].toFixed(1)}–${r.load[1].toFixed(1)}`).join(', ')}`;

/** "AP reaches the loss faster than SP, SP faster than vanilla" on the median times (exact comparison). */
export function apBeforeSpBeforeVanilla(runs: readonly Fig11RunResult[]): { holds: boolean; detail: string } {
  const t = timesToLoss(runs);
  const holds = t.ap < t.sp && t.sp < t.vanilla;
  return {
    holds,
    detail: `median wall time to the common loss over ${runs.length} initialization(s): vanilla ${sec(t.vanilla)}, SP ${sec(t.sp)}, AP ${sec(t.ap)}`
      + `${holds ? '' : `; ${t.ap < t.sp ? '' : 'AP is not before SP; '}${t.sp < t.vanilla ? '' : 'SP is not before vanilla'}`.replace(/; $/, '')} (${load(runs)}: wall time depends on it)`,
  };
}

/** The corrected reading: vanilla reaches the common loss strictly first (median wall time). */
export function vanillaFirst(runs: readonly Fig11RunResult[]): { holds: boolean; detail: string } {
  const t = timesToLoss(runs);
  return {
    holds: t.vanilla < t.sp && t.vanilla < t.ap,
    detail: `median wall time to the common loss: vanilla ${sec(t.vanilla)}, SP ${sec(t.sp)}, AP ${sec(t.ap)} (${load(runs)})`,
  };
}
