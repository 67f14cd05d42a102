/**
 * One run of TKS Figs 11–12's comparison: vanilla ADMMiRNN, SP- and AP-ADMMiRNN (2 workers) from the same initial
 * weights on a text setup, measured by the parallel module's own `compareParallelVariants` (time to the common
 * loss, iterations per second, smoothed loss against iteration and wall time). Wall time depends on the machine's
 * load: the result records `os.loadavg()` before and after.
 */
import { loadavg } from 'node:os';
import { withExclusiveLock } from '../../../../core/exclusive.ts';
import { busyCores, cpuSnapshot, type CpuSnapshot } from '../../../../core/cpuBusy.ts';
import { initParamsInto } from '../../problem/init.ts';
import { textDims } from '../../problem/text.ts';
import { zeroParams } from '../../problem/types.ts';
import { defaultHyper } from '../../solver/defaults.ts';
import { compareParallelVariants, type CompareRow, type CompareVariant } from '../../solver/parallel/index.ts';
import { textTaskOf, type TextSetup } from './textRuns.ts';

/** The variants of Figs 11–12, in the paper's order. */
export const FIG11_VARIANTS: readonly CompareVariant[] = ['vanilla', 'sp', 'ap'];
/** Workers of the parallel variants (the paper used 3; these machines have 2 cores). */
export const FIG11_WORKERS = 2;
/**
 * How Fig. 3's groups share them in these runs, and η: merged by kind, η = 1/2 — the variant the erratum was found
 * on, pinned here whatever the runs' defaults (`output`, η = 1/4 since: README, "TKS parallel variants").
 */
export const FIG11_GROUPS = 'kind' as const;
export const FIG11_STEP_SCALE = 0.5;

/**
 * One variant's numbers as stored (plain JSON): the comparison's row without its parallel report, with a non-finite
 * held-out or training loss (a diverged run) as null; `timeToLoss`/`itersToLoss` null: never reached the loss.
 */
export type Fig11Variant = Omit<CompareRow, 'heldOutLoss' | 'trainLoss' | 'parallel'> & {
  heldOutLoss: number | null;
  trainLoss: number | null;
};

/** What one run gives back. */
export interface Fig11RunResult {
  variants: Fig11Variant[];
  /** 1-minute load average before and after the three runs. */
  load: [number, number];
  /**
   * Cores the whole machine kept busy while vanilla (one thread) ran: about 1 on an otherwise idle machine; more
   * means something else ran beside it and slowed it (null: unknown, no /proc/stat).
   */
  vanillaBusyCores?: number | null;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Run the three variants for `iterations` each from the initial weights of `seed`. */
export async function runFig11(setup: TextSetup, iterations: number, seed: number, window: number): Promise<Fig11RunResult> {
  const { task } = textTaskOf(setup);
  const dims = textDims(task, setup.hidden);
  const init = zeroParams(dims);
  initParamsInto(init, dims, seed);
  const marks: [CompareVariant, CpuSnapshot | null][] = [];
  // wall times: never two of these measurements at once (verify's workers, vitest's processes; core/exclusive.ts)
  const { before, rows } = await withExclusiveLock('wall-clock', async () => ({
    before: loadavg()[0],
    rows: await compareParallelVariants({
      task, init, hyper: defaultHyper(setup.N * setup.B), variants: FIG11_VARIANTS, iterations, window, groups: FIG11_GROUPS, stepScale: FIG11_STEP_SCALE,
      onStart: (v) => { marks.push([v, cpuSnapshot()]); },
    }),
  }));
  const at = (v: CompareVariant): CpuSnapshot | null => marks.find((m) => m[0] === v)?.[1] ?? null;
  const vanillaBusyCores = busyCores(at('vanilla'), at('sp'));
  return {
    variants: rows.map((r) => ({
      variant: r.variant, iterations: r.iterations, trainMs: r.trainMs, itersPerSec: r.itersPerSec, targetLoss: r.targetLoss,
      timeToLoss: r.timeToLoss, itersToLoss: r.itersToLoss, finalLoss: r.finalLoss, heldOutLoss: finite(r.heldOutLoss), trainLoss: finite(r.trainLoss), curve: r.curve,
    })),
    load: [before, loadavg()[0]],
    vanillaBusyCores,
  };
}
