/**
 * The statistics of WZC Table 3 (mean ± std over repetitions, per method and initialization) and the decisions of
 * the paper's §5.4 statements on them ("our ALM method achieves the best TrainErr and TestErr among all the
 * methods, no matter which initialization strategy is employed", lines 715–717), shared by the empirical claims
 * (tiny runs) and the `wzc-table3*` experiments (scaled and full runs), so both decide the same way.
 */
import type { InitScheme } from '../../problem/init.ts';
import { METHOD_NAMES, type RunOutcome, type Table3Method } from './sec5Runs.ts';

/** Mean and sample standard deviation (n − 1; 0 for one value) of the finite values; NaN when there are none. */
export function meanStd(xs: readonly (number | null)[]): { mean: number; std: number; n: number } {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  const n = v.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std, n };
}

/** One cell of Table 3: a method under an initialization over its repetitions. */
export interface Table3Cell {
  method: Table3Method;
  init: InitScheme;
  runs: number;
  diverged: number;
  train: { mean: number; std: number };
  test: { mean: number; std: number };
}

/**
 * Table 3 from runs. A diverged repetition (non-finite iterates: Keras would report NaN) is left out of the mean and
 * std and counted in `diverged`; a cell whose repetitions all diverged has NaN means and never counts as best.
 */
export function table3Cells(runs: readonly { method: Table3Method; init: InitScheme; outcome: RunOutcome }[]): Table3Cell[] {
  const groups = new Map<string, { method: Table3Method; init: InitScheme; outcomes: RunOutcome[] }>();
  for (const r of runs) {
    const k = `${r.method}/${r.init}`;
    const g = groups.get(k) ?? { method: r.method, init: r.init, outcomes: [] };
    g.outcomes.push(r.outcome);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => ({
    method: g.method,
    init: g.init,
    runs: g.outcomes.length,
    diverged: g.outcomes.filter((o) => o.status === 'diverged').length,
    train: meanStd(g.outcomes.filter((o) => o.status === 'completed').map((o) => o.trainErr)),
    test: meanStd(g.outcomes.filter((o) => o.status === 'completed').map((o) => o.testErr)),
  }));
}

/** Per initialization: is the ALM's mean error strictly below every other method's? Lists where it is not. */
export function almLowest(cells: readonly Table3Cell[], which: 'train' | 'test'): { holds: boolean; detail: string } {
  const inits = [...new Set(cells.map((c) => c.init))];
  const lost: string[] = [];
  const won: string[] = [];
  for (const init of inits) {
    const at = cells.filter((c) => c.init === init);
    const alm = at.find((c) => c.method === 'alm');
    if (!alm) throw new Error(`no ALM cell for ${init}`);
    const score = (c: Table3Cell) => (Number.isFinite(c[which].mean) ? c[which].mean : Infinity);
    const best = at.filter((c) => c.method !== 'alm').reduce((a, b) => (score(b) < score(a) ? b : a));
    const line = `${init}: ALM ${fmt(alm[which].mean)} vs best other ${METHOD_NAMES[best.method]} ${fmt(best[which].mean)}`;
    // a cell without a finite repetition (NaN mean) never wins
    if (alm[which].mean < score(best)) won.push(line);
    else lost.push(line);
  }
  const what = which === 'train' ? 'TrainErr' : 'TestErr';
  return lost.length === 0
    ? { holds: true, detail: `mean ${what}, lowest under all ${inits.length} initializations — ${won.join('; ')}` }
    : { holds: false, detail: `mean ${what}: the ALM is not lowest under ${lost.length} of ${inits.length} initializations — ${lost.join('; ')}` };
}

/** The paper's reading of Table 3 (lines 715–717): the ALM's mean TrainErr and TestErr lowest under every initialization. */
export function almBest(cells: readonly Table3Cell[]): { holds: boolean; detail: string } {
  const train = almLowest(cells, 'train');
  const test = almLowest(cells, 'test');
  return { holds: train.holds && test.holds, detail: `${train.detail}. ${test.detail}` };
}

/**
 * What the measurements say instead (erratum wzc-E-table3a): under `init`, SGD or Adam reach a lower mean TrainErr
 * than the ALM.
 */
export function miniBatchBelowAlm(cells: readonly Table3Cell[], init: InitScheme): { holds: boolean; detail: string } {
  const get = (m: Table3Method) => cells.find((c) => c.method === m && c.init === init);
  const alm = get('alm'), sgd = get('sgd'), adam = get('adam');
  if (!alm || !sgd || !adam) throw new Error(`missing ALM, SGD or Adam cell for ${init}`);
  const best = Math.min(Number.isFinite(sgd.train.mean) ? sgd.train.mean : Infinity, Number.isFinite(adam.train.mean) ? adam.train.mean : Infinity);
  return {
    holds: best < alm.train.mean,
    detail: `${init}: mean TrainErr ALM ${fmt(alm.train.mean)}, SGD ${fmt(sgd.train.mean)}, Adam ${fmt(adam.train.mean)}`,
  };
}

/** Three significant digits, or the exponent form for small or large values. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? x.toExponential(2) : x.toPrecision(3);
}

/** How far FeasVio must fall from its peak to count as "tends to zero": 1% of the peak. */
export const FEASVIO_DROP = 1e-2;

/**
 * Fig. 1's reading on one FeasVio sequence (index 0 = s⁰): the peak comes after the start, and the last value is
 * at most {@link FEASVIO_DROP} × the peak.
 */
export function feasVioToZero(f: readonly number[]): { holds: boolean; detail: string } {
  if (f.length < 3) return { holds: false, detail: `only ${f.length} values` };
  let peak = 0;
  for (let k = 1; k < f.length; k++) if (f[k] > f[peak]) peak = k;
  const last = f[f.length - 1];
  const ratio = last / f[peak];
  const holds = peak > 0 && ratio <= FEASVIO_DROP;
  return { holds, detail: `FeasVio(s⁰) ${fmt(f[0])}, peak ${fmt(f[peak])} at k = ${peak}, last ${fmt(last)} at k = ${f.length - 1} (${fmt(ratio)} of the peak; "tends to zero" asks ≤ ${FEASVIO_DROP})` };
}
